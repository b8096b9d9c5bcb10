"""Full-text search: a Whoosh index derived from the archive's SQLite database.

``analysis`` (how news text becomes terms), ``schema`` (the index's fields), ``documents``
(article rows -> index documents), ``query`` (the query language), ``index`` (keeping the index
in step with SQLite), ``engine`` (running a search: hits, snippets, facets, suggestions).
"""
