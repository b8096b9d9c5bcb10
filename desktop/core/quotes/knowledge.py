"""What the speaker rules know about names beyond one story: titles, roles, given names and the
gender they usually carry, places, nationalities and the words that end an organisation's name.

Most of it is the entity lists the whole app shares (``resources/names/``: titles, person cues,
given names, places, demonyms, designators), so a desk that teaches the entity finder a new title
or a local province teaches the quotation ledger too. What only attribution needs - which given
names and role words say "she" or "he" - is kept in :mod:`.lexicon`. Loaded once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..entities import kinds
from ..entities.namelists import name_lists, phrase_key
from .lexicon import FEMALE_GIVEN_NAMES, FEMALE_WORDS, MALE_WORDS, UNISEX_GIVEN_NAMES

__all__ = ["Knowledge", "knowledge"]


@dataclass(frozen=True)
class Knowledge:
    titles: frozenset[str]  #: title heads and modifiers ("president", "defence", "oil")
    roles: frozenset[str]  #: lower-case role nouns ("nurse", "spokeswoman", "analyst")
    given: frozenset[str]
    places: frozenset[tuple[str, ...]]  #: places that are not countries ("aleppo", "new york")
    countries: frozenset[tuple[str, ...]]
    demonyms: frozenset[str]
    org_designators: frozenset[str]  #: last words of organisation names ("corp", "ministry")
    strip: frozenset[str]  #: words never part of a name at its edges ("when", "the")

    def gender_of_given(self, word: str) -> str | None:
        """"f", "m" or None for a given name (None: unknown, or used for both)."""
        low = word.lower().rstrip(".")
        if low in UNISEX_GIVEN_NAMES:
            return None
        if low in FEMALE_GIVEN_NAMES:
            return "f"
        return "m" if low in self.given else None

    @staticmethod
    def gender_of_word(word: str) -> str | None:
        low = word.lower().rstrip(".")
        return "f" if low in FEMALE_WORDS else "m" if low in MALE_WORDS else None

    def is_place(self, name: str) -> bool:
        return _key(name) in self.places

    def is_country(self, name: str) -> bool:
        return _key(name) in self.countries


@lru_cache(maxsize=16384)
def _key(name: str) -> tuple[str, ...]:
    return phrase_key(name)


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    lists = name_lists()
    places = frozenset(k for k, kind in lists.phrases.items() if kind == kinds.PLACE and k not in lists.countries)
    orgs = frozenset(
        word.split()[-1].lower() for word, kind in lists.designators.items()
        if kind in (kinds.ORGANISATION, kinds.ARMED_GROUP)
    )
    return Knowledge(
        titles=lists.titles | lists.title_modifiers,
        roles=lists.person_cues,
        given=lists.given_names | FEMALE_GIVEN_NAMES,
        places=places,
        countries=lists.countries,
        demonyms=lists.demonyms,
        org_designators=orgs,
        strip=lists.strip_words,
    )
