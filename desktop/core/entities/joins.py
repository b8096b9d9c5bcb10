"""Short forms, spellings and noise: what a proposed new name really is, given the whole story.

Name patterns propose every unknown run of capitals as a new entity. Read alone, many are not
new at all: "McKenzie" after "Gen. Kenneth McKenzie", "Al-Sharaa" after "Ahmed al-Sharaa", "IS"
after "Islamic State", "Raqa" for the gazetteer's Raqqa. Others are no entity of a kind we tag:
a nationality ("Afghan", "Palestinians"), a number or adjective stuck to one ("Thirteen Afghan",
"Prominent Palestinian"), a common abbreviation ("CEO", "GDP", "TV"). This module, run on one
story's suggestions after the alias matcher and the patterns, links the first kind to the entity
the story names in full and drops the second, so the reporter reviews what is new.

Rules, each general: a short form joins only an entity the same story links (its surname, the
last words of its name, or its initials), only when exactly one such entity fits and the kinds
agree; a spelling joins a gazetteer name only when :func:`variants.compare_names` calls them the
same name. Cheap: a few dictionary lookups per proposed name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from desktop.core.entities import kinds
from desktop.core.entities.namelists import NameLists, name_lists
from rapidfuzz.distance import Indel

from desktop.core.entities.variants import compare_names, is_abbreviation_of, match_key, name_key

if TYPE_CHECKING:
    from desktop.core.entities.recognise import Suggestion

__all__ = ["is_noise", "join_short_forms"]

#: Words for numbers that news copy puts before a nationality ("Thirteen Afghan").
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands dozen dozens million millions several many".split()
)
#: Kinds that may stand for each other in a short form (a militia is often written as an org).
_GROUPS = {kinds.ORGANISATION: "org", kinds.ARMED_GROUP: "org", kinds.PERSON: "person",
           kinds.PLACE: "place", kinds.WEAPON: "weapon", kinds.EVENT: "event", kinds.OTHER: "other"}
_ARTICLES = ("al-", "el-", "al ", "el ")


def _plural_free(low: str, lists: NameLists) -> bool:
    return low in lists.demonyms or (low.endswith("s") and low[:-1] in lists.demonyms) or (
        low.endswith("es") and low[:-2] in lists.demonyms)


def is_noise(sug: Suggestion, lists: NameLists | None = None) -> str | None:
    """Why a proposed new name is no entity to review (or None when it may be one)."""
    lists = lists or name_lists()
    words = sug.text.replace("’s", "").replace("'s", "").split()
    if not words:
        return "empty"
    lows = [w.lower().strip(".,") for w in words]
    if all(_plural_free(w, lists) for w in lows):
        return "a nationality, people or faith"
    if sug.kind in (kinds.PERSON, kinds.ORGANISATION, kinds.OTHER) and _plural_free(lows[-1], lists) and (
        len(lows) <= 2 and (lows[0] in _NUMBER_WORDS or lows[0] in lists.alone_words
                            or lows[0] in lists.strip_words or sug.kind != kinds.ORGANISATION)
    ):
        return "a nationality with a number or adjective before it"
    if len(words) == 1 and sug.text.replace(".", "").isupper() and lows[0].replace(".", "") in lists.common_acronyms:
        return "a common abbreviation, not a name"
    if len(words) == 1 and (lows[0] in lists.alone_words or lows[0] in lists.strip_words):
        return "a common word, not a name on its own"
    if sug.kind == kinds.OTHER and sug.confidence <= 0.5:
        return "capitalised words of no clear kind"
    return None


@lru_cache(maxsize=50_000)
def _abbreviates(abbr: str, name: str) -> bool:
    return is_abbreviation_of(abbr, name)


@lru_cache(maxsize=50_000)
def _key(text: str) -> str:
    return match_key(text)


@lru_cache(maxsize=50_000)
def _short_keys(name: str) -> tuple[str, ...]:
    """Forms a story uses after naming ``name`` in full: last word, last two, without "al-"."""
    words = _key(name).split()
    keys: list[str] = []
    if len(words) >= 2:
        keys.append(words[-1])
        if len(words) >= 3:
            keys.append(" ".join(words[-2:]))
        if words[-2] in ("al", "el", "bin", "ibn", "abu"):
            keys.append(" ".join(words[-2:]))
    return tuple(keys)


def join_short_forms(found: Sequence[Suggestion], names: dict[Hashable, tuple[str, ...]] | None = None,
                     gazetteer_ref: Callable[[str], Hashable] | None = None) -> list[Suggestion]:
    """The story's suggestions with short forms and spellings linked and noise dropped.

    ``names`` gives further names of linked entities (ref -> names); a linked suggestion's own
    text and its ref (when a string) always count. ``gazetteer_ref`` turns a gazetteer name
    into the caller's ref for it (the name itself by default).
    """
    lists = name_lists()
    linked: dict[Hashable, tuple[str, set[str]]] = {}
    for s in found:
        if s.ref is None:
            continue
        kind, known = linked.setdefault(s.ref, (s.kind, set()))
        known.add(s.text)
        if isinstance(s.ref, str):
            known.add(s.ref)
        elif isinstance(s.ref, tuple) and len(s.ref) == 2 and isinstance(s.ref[1], str):
            known.add(s.ref[1])
        for extra in (names or {}).get(s.ref, ()):
            known.add(extra)
    short: dict[str, set[Hashable]] = {}
    for ref, (kind, known) in linked.items():
        for n in known:
            for key in (*_short_keys(n), _key(n)):
                short.setdefault(key, set()).add(ref)
    proposed = _proposed_people(found)
    out: list[Suggestion] = []
    for s in found:
        if s.ref is not None or s.maybe is not None:
            out.append(s)  # linked, or kept apart from a near entity on purpose
            continue
        target = _short_form_of(s, linked, short) or _spelling_of(s, gazetteer_ref)
        if target is not None:
            ref, kind, reason = target
            out.append(replace(s, ref=ref, kind=kind, source=_source_of(found, ref, s.source),
                               confidence=0.75, reason=reason))
            continue
        if s.maybe is None and is_noise(s, lists):
            continue
        full = proposed.get(_key(s.text))
        if full is not None and full.start != s.start and s.maybe is None:
            out.append(replace(s, kind=full.kind, confidence=max(s.confidence, 0.6), name=full.text,
                               reason=f"short for {full.text}, named in full in this story"))
            continue
        out.append(s)
    return out


def _proposed_people(found: Sequence[Suggestion]) -> dict[str, Suggestion]:
    """Surname -> the one proposed full name of a person ending in it, first mention first."""
    by_key: dict[str, list[Suggestion]] = {}
    for s in found:
        if s.ref is None and s.kind == kinds.PERSON and s.confidence >= 0.5:
            for key in _short_keys(s.text):
                by_key.setdefault(key, []).append(s)
    out: dict[str, Suggestion] = {}
    for key, items in by_key.items():
        if len({_key(i.text) for i in items}) == 1:
            out[key] = items[0]
    return out


def _source_of(found: Sequence[Suggestion], ref: Hashable, default: str) -> str:
    for s in found:
        if s.ref == ref:
            return s.source
    from desktop.core.entities.recognise import GAZETTEER

    return GAZETTEER if isinstance(ref, str) else default


def _label(ref: Hashable, known: set[str]) -> str:
    if isinstance(ref, str):
        return ref
    if isinstance(ref, tuple) and len(ref) == 2 and isinstance(ref[1], str):
        return ref[1]
    return max(known, key=len)


def _short_form_of(s: Suggestion, linked: dict, short: dict) -> tuple[Hashable, str, str] | None:
    key = _key(s.text.removesuffix("’s").removesuffix("'s"))
    group = _GROUPS.get(s.kind, "other")
    candidates = short.get(key) or (short.get(key[:-1], ()) if key.endswith("s") else ())
    fits = [ref for ref in candidates if _GROUPS[linked[ref][0]] == group or s.confidence < 0.6
            or s.kind == kinds.OTHER]
    if len(fits) == 1:
        ref = fits[0]
        kind, known = linked[ref]
        return ref, kind, f"short for {_label(ref, known)}, named in full in this story"
    if s.text.replace(".", "").isupper() and 2 <= len(s.text.replace(".", "")) <= 6:
        fits = [ref for ref, (kind, known) in linked.items()
                if any(n[:1].upper() == s.text[:1] and " " in n and _abbreviates(s.text, n) for n in known)]
        if len(fits) == 1:
            ref = fits[0]
            kind, known = linked[ref]
            return ref, kind, f"the initials of {_label(ref, known)}, named in this story"
    return None


@lru_cache(maxsize=1)
def _gazetteer_spellings() -> dict[str, list[tuple[str, str, str]]]:
    """name_key -> (canonical name, kind, alias) over the starter gazetteer's one-word names."""
    from desktop.core.entities.gazetteer import load_gazetteer

    index: dict[str, list[tuple[str, str, str]]] = {}
    try:
        entries = load_gazetteer()
    except (OSError, ValueError):
        return index
    for entry in entries:
        for alias in entry.names:
            if alias.isupper() or not alias[:1].isalpha():
                continue
            index.setdefault(name_key(alias), []).append((entry.name, entry.kind, alias))
    return index


@lru_cache(maxsize=1)
def _gazetteer_keys() -> dict[str, set[tuple[str, str]]]:
    """match_key -> (canonical name, kind) over every gazetteer name of two words or more."""
    from desktop.core.entities.gazetteer import load_gazetteer

    index: dict[str, set[tuple[str, str]]] = {}
    try:
        entries = load_gazetteer()
    except (OSError, ValueError):
        return index
    for entry in entries:
        for alias in entry.names:
            if len(alias.split()) >= 2:
                index.setdefault(match_key(alias), set()).add((entry.name, entry.kind))
    return index


def _spelling_of(s: Suggestion, gazetteer_ref: Callable[[str], Hashable] | None
                 ) -> tuple[Hashable, str, str] | None:
    """ "Raqa" -> Raqqa: the same name spelled another way, same kind, one entity only; and
    "Bashar al-Assads" (a possessive whose apostrophe the copy lost) -> Bashar al-Assad."""
    found = _gazetteer_spelling(s.text, s.kind)
    if found is None:
        return None
    name, kind, reason = found
    ref = gazetteer_ref(name) if gazetteer_ref else name
    return None if ref is None else (ref, kind, reason)


@lru_cache(maxsize=50_000)
def _gazetteer_spelling(surface: str, sug_kind: str) -> tuple[str, str, str] | None:
    """(gazetteer name, kind, reason) for a proposed name that is a known name spelled otherwise."""
    if sug_kind not in (kinds.PLACE, kinds.PERSON, kinds.ARMED_GROUP, kinds.ORGANISATION) or surface.isupper():
        return None
    if surface.endswith("s") and len(surface.split()) >= 2:
        owners = {(n, k) for n, k in _gazetteer_keys().get(_key(surface[:-1]), ())
                  if _GROUPS[k] == _GROUPS[sug_kind]}
        if len(owners) == 1:
            name, kind = owners.pop()
            return name, kind, f"“{surface[:-1]}” with a possessive whose apostrophe is missing"
    text = surface.removesuffix("’s").removesuffix("'s")
    if len(text) < 4 or " " in text.strip():  # one word: "Raqa"; longer names are listed as aliases
        return None
    hits = _gazetteer_spellings().get(name_key(text), [])
    names = {(name, kind) for name, kind, alias in hits
             if _GROUPS[kind] == _GROUPS[sug_kind] and compare_names(text, alias).same
             and Indel.normalized_similarity(_key(text), _key(alias)) >= 0.8}
    if len(names) != 1:
        return None
    name, kind = names.pop()
    return name, kind, f"“{text}” is a spelling of {name}, in the starter gazetteer"


#: "the" and a capitalised word: where "the Observatory" may name the story's observatory.
_THE_CAPITAL = re.compile(r"\b[Tt]he ([A-Z][\w]*)\b(?![\w-])")


def the_designator_links(text: str, found: list[Suggestion]) -> list[Suggestion]:
    """ "the Observatory" after "the Syrian Observatory for Human Rights": the story's one
    organisation whose name holds that word, named by it alone (capitalised, after "the")."""
    lists = name_lists()
    owners: dict[str, set[Hashable]] = {}
    first: dict[Hashable, Suggestion] = {}
    for s in found:
        if s.ref is None or s.kind not in (kinds.ORGANISATION, kinds.ARMED_GROUP):
            continue
        first.setdefault(s.ref, s)
        name = s.ref if isinstance(s.ref, str) else s.text
        for word in name.split():
            if word[:1].isupper() and lists.designators.get(word.lower()) in (kinds.ORGANISATION,
                                                                             kinds.ARMED_GROUP):
                owners.setdefault(word, set()).add(s.ref)
    if not owners:
        return found
    single = {word: next(iter(refs)) for word, refs in owners.items() if len(refs) == 1}
    if not single:
        return found
    taken = [(s.start, s.end) for s in found]
    added: list[Suggestion] = []
    for m in _THE_CAPITAL.finditer(text):
        word = m.group(1)
        ref = single.get(word)
        if ref is None:
            continue
        anchor = first[ref]
        start, end = m.span(1)
        if start < anchor.start or any(s < end and start < e for s, e in taken):
            continue
        if end < len(text) - 1 and text[end] == " " and text[end + 1:end + 2].isupper():
            continue  # "the Observatory Group": a longer name
        label = anchor.ref if isinstance(anchor.ref, str) else anchor.text
        added.append(replace(anchor, start=start, end=end, text=word, confidence=0.7,
                             reason=f"“the {word}”: {label}, named in full earlier in this story",
                             maybe=None, name=None))
    return sorted([*found, *added], key=lambda s: s.start) if added else found
