"""Entities: the people, armed groups, places and weapons named in stories, whatever the spelling.

The archive keeps entities (canonical name, kind, aliases) and mentions (spans of an article
linked to an entity, suggested / confirmed / rejected). Suggestions come from the archive's own
aliases, the starter gazetteer in ``resources/`` and name patterns; name variants are compared
with a transliteration-aware key so "Kata'ib Hizbollah" meets "Kataib Hezbollah" without ever
being merged automatically.
"""
