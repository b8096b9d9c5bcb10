"""The general-knowledge word lists behind name patterns, loaded once from ``resources/names/``.

Pattern-based suggestion needs to know what a title, a given name, a country or an organisation
designator looks like, and that "Thursday" or "Officials" is not a name. Those facts live in
plain text files a desk can read and extend (one entry per line or several per line, ``#``
comments, ``[section]`` headers), not in code, so that adding "Peshmerga" or a local province
is an edit to a list rather than a release. Loading happens once per process, lazily, and takes
a few milliseconds; nothing is fetched from the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.core.entities import kinds
from desktop.core.entities.tokens import words_of
from desktop.core.paths import resources_dir


def phrase_key(text: str) -> tuple[str, ...]:
    """The lower-cased token tuple a phrase is looked up by ("Jurf al-Nasr" -> jurf, al-nasr)."""
    return tuple(words_of(text))


@dataclass(frozen=True)
class NameLists:
    """Every list the patterns use, lower-cased for lookups."""

    titles: frozenset[str]  #: head titles: "gen", "president", "secretary"
    title_modifiers: frozenset[str]  #: words that may stand before a head: "defense", "prime"
    person_cues: frozenset[str]  #: lower-case roles before a name: "spokeswoman"
    given_names: frozenset[str]
    demonyms: frozenset[str]
    strip_words: frozenset[str]  #: never part of a name ("the", "monday")
    alone_words: frozenset[str]  #: not a name on their own ("officials", "north")
    designators: dict[str, str]  #: last word of a name -> kind ("ministry" -> organisation)
    place_prefixes: frozenset[str]  #: "camp", "mount"
    place_after: frozenset[str]  #: lower-case words after a place: "province"
    weapon_after: frozenset[str]  #: lower-case words after a weapon name: "rockets"
    phrases: dict[tuple[str, ...], str]  #: known places and organisations -> kind
    countries: frozenset[tuple[str, ...]]  #: keys of country names (national teams stay places)
    max_phrase: int  #: longest phrase, in tokens
    #: Abbreviations that are words, not names: "ceo", "gdp", "tv" (never a new entity alone).
    common_acronyms: frozenset[str] = frozenset()
    #: First words of transliterated armed groups' names: "jund", "liwa", "jaysh".
    armed_first: frozenset[str] = frozenset()


def _read(path: Path) -> dict[str, list[str]]:
    """Sections of a list file ("" for lines before any header), entries split on whitespace."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
            continue
        sections[current].append(line)
    return sections


def _words(lines: list[str]) -> frozenset[str]:
    return frozenset(w.lower().rstrip(".") for line in lines for w in line.split())


def names_dir() -> Path:
    """Where the lists live: ``resources/names`` in a source tree or a frozen build."""
    return resources_dir() / "names"


@lru_cache(maxsize=1)
def name_lists() -> NameLists:
    """Load and cache the lists (a few milliseconds, once per process)."""
    root = names_dir()
    titles = _read(root / "titles.txt")
    common = _read(root / "common_words.txt")
    desig = _read(root / "designators.txt")
    designators: dict[str, str] = {}
    for section, kind in (("event", kinds.EVENT), ("armed_group", kinds.ARMED_GROUP),
                          ("organisation", kinds.ORGANISATION), ("place_suffix", kinds.PLACE)):
        for line in desig.get(section, []):
            designators.setdefault(line.lower(), kind)
    phrases: dict[tuple[str, ...], str] = {}
    countries: set[tuple[str, ...]] = set()
    for name in ("places.txt", "countries.txt", "regions.txt"):
        path = root / name
        if not path.exists():
            continue
        for section, lines in _read(path).items():
            for line in lines:
                key = phrase_key(line)
                phrases[key] = kinds.PLACE
                if name == "countries.txt" or section == "country":
                    countries.add(key)
    for line in _read(root / "organisations.txt")[""]:
        name, _, kind = line.partition("\t")
        phrases[phrase_key(name.strip())] = kinds.normalise_kind(kind.strip() or "organisation")
    return NameLists(
        titles=_words(titles.get("head", [])),
        title_modifiers=_words(titles.get("modifier", [])),
        person_cues=_words(_read(root / "person_cues.txt")[""]),
        given_names=_words(_read(root / "given_names.txt")[""]),
        demonyms=_words(_read(root / "demonyms.txt")[""]),
        strip_words=_words(common.get("strip", [])),
        alone_words=_words(common.get("alone", [])),
        designators=designators,
        place_prefixes=_words(desig.get("place_prefix", [])),
        place_after=_words(desig.get("place_after", [])),
        weapon_after=_words(desig.get("weapon_after", [])),
        phrases=phrases,
        countries=frozenset(countries),
        max_phrase=max((len(k) for k in phrases), default=1),
        common_acronyms=_words(common.get("acronyms", [])),
        armed_first=_words(desig.get("armed_group_first", [])),
    )
