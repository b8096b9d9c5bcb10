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
from typing import TYPE_CHECKING, Any

from desktop.core.entities import kinds
from desktop.core.entities.namelists import NameLists, name_lists
from rapidfuzz.distance import Indel

from desktop.core.entities.variants import compare_names, is_abbreviation_of, match_key, name_key

if TYPE_CHECKING:
    from desktop.core.entities.recognise import Suggestion

__all__ = ["drop_weak_new_names", "is_noise", "join_short_forms", "weak_reason"]

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


def _gazetteer_entries() -> list[Any]:
    """The starter gazetteer's entries, or none when it cannot be read (the joins then rest on
    the archive's own entities)."""
    from desktop.core.entities.gazetteer import load_gazetteer

    try:
        return list(load_gazetteer())
    except (OSError, ValueError):
        return []


@lru_cache(maxsize=1)
def _gazetteer_spellings() -> dict[str, list[tuple[str, str, str]]]:
    """name_key -> (canonical name, kind, alias) over the starter gazetteer's one-word names."""
    index: dict[str, list[tuple[str, str, str]]] = {}
    for entry in _gazetteer_entries():
        for alias in entry.names:
            if alias.isupper() or not alias[:1].isalpha():
                continue
            index.setdefault(name_key(alias), []).append((entry.name, entry.kind, alias))
    return index


@lru_cache(maxsize=1)
def _gazetteer_keys() -> dict[str, set[tuple[str, str]]]:
    """match_key -> (canonical name, kind) over every gazetteer name of two words or more."""
    index: dict[str, set[tuple[str, str]]] = {}
    for entry in _gazetteer_entries():
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


#: Words of a title-case stretch that need no capital ("Calls for", "Massacre by", "Hit on").
_SMALL = frozenset("a an and & as at by for from in into of on or the to with vs".split())
#: A stretch of capitalised words this long reads as a headline, not as a name.
_TITLE_STRETCH = 4


_CAP = r"[A-Z][a-z][\w'’-]*"
#: A run of Title-case words; small words and abbreviations ("Hit MSF Hospital") may sit inside.
_TITLE_RUN = re.compile(rf"{_CAP}(?:[ \t]+(?:(?:{'|'.join(sorted(_SMALL - {'&'}))}|&|[A-Z]{{2,}}[\w-]*)[ \t]+)*{_CAP})+")
_CAP_WORD = re.compile(_CAP)
_TRAILING = tuple('.,;:!?)"”’')
_LEADING = tuple('("“‘')


def _title_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of each headline stretch: a run of at least four Title-case words (small
    words allowed inside) on the story's first line, or elsewhere when at least three quarters
    of its capitalised words are the first line's (the headline repeated at the head of the
    body, run on into it). Other stories' headlines listed under "Related" are left alone: a
    long organisation's name reads the same ("Organisation for the Prohibition of ...")."""
    lead = len(text) - len(text.lstrip())
    first_end = text.find("\n", lead)
    if first_end < 0:
        return []  # one line: no headline to tell apart from the body
    runs = [(m.start(), m.end(), _CAP_WORD.findall(m.group())) for m in _TITLE_RUN.finditer(text)]
    runs = [r for r in runs if len(r[2]) >= _TITLE_STRETCH]
    if not runs:
        return []
    head = {w for s, _e, ws in runs if s < first_end for w in ws}
    return [(s, e) for s, e, ws in runs
            if s < first_end or sum(w in head for w in ws) * 4 >= len(ws) * 3]


def _lower_words(text: str) -> frozenset[str]:
    """The story's words as written, some with punctuation stuck on (see :func:`_written`)."""
    return frozenset(text.split())


def _written(low: str, words: frozenset[str]) -> bool:
    """Whether the story writes ``low`` (a lower-case word) as a word of its own."""
    return low in words or any(low + p in words for p in _TRAILING) or any(p + low in words for p in _LEADING)


def _run_on_particles(words: list[str]) -> bool:
    """ "al-Shaar al-Sukkari al-Sakhour": a list of places run together, not one name."""
    return len(words) >= 2 and words[0].startswith(_ARTICLES[:2]) and words[1].startswith(_ARTICLES[:2])


def _split_place_list(text: str, sug: Suggestion) -> list[Suggestion]:
    """ "al-Midan al-Hamadaniah New Aleppo" -> its places, one suggestion each: a part starts at
    each "al-"/"el-" word and at each capitalised word after one; only the part holding the
    near entity keeps its "maybe the same?"."""
    parts: list[tuple[int, int]] = []
    for m in re.finditer(r"\S+", sug.text):
        w = m.group()
        if w.startswith(_ARTICLES[:2]) or not parts or sug.text[parts[-1][0]:parts[-1][1]].startswith(_ARTICLES[:2]):
            parts.append((m.start(), m.end()))
        else:
            parts[-1] = (parts[-1][0], m.end())
    out = []
    for s, e in parts:
        piece = sug.text[s:e]
        near = sug.maybe if sug.maybe and sug.maybe in piece else None
        out.append(replace(sug, start=sug.start + s, end=sug.start + e, text=piece,
                           confidence=min(sug.confidence, 0.6), maybe=near, name=None,
                           reason=(sug.reason if near else "one of a list of places run together")))
    return out


def weak_reason(text: str, sug: Suggestion, stretches: list[tuple[int, int]],
                lowered: frozenset[str], lists: NameLists) -> str | None:
    """Why a proposed new name is too weak to suggest, read against its story (None: keep it).

    * a one-word name the story also writes in lower case is a common word capitalised at the
      head of a sentence or line ("Suicide", "Regime", "Editing");
    * words of a headline run together ("Condemns Horrific Massacre") are no name: a proposed
      name inside a title-case stretch that holds a word the story writes in lower case, and
      that the story never writes outside such a stretch;
    * "al-X al-Y" as a person or place: names of a list run together;
    * a name with a title inside it ("Nasr al-Hariri Secretary General of the Coalition").
    """
    words = sug.text.split()
    if not words:
        return "empty"
    if sug.kind == kinds.PERSON:
        after = _NEXT_WORD.match(text, sug.end)
        if after and after.group(1) in lists.place_after:
            return "a place's name ending in a title's name (“Sheikh Maqsood district”)"
        before = _TITLE_BEFORE.search(text, max(0, sug.start - 30), sug.start) if len(words) == 1 else None
        if before and before.group(1).lower().rstrip(".") in lists.titles:
            return "“the” and a title before one word: a body (“the General Staff”), no person"
    if len(words) == 1:
        low = words[0].lower().strip(".,")
        if _written(low, lowered) and not sug.text.isupper():
            return "a common word the story also writes in lower case"
        return None
    if _run_on_particles(words) and sug.kind in (kinds.PERSON, kinds.PLACE):
        return "several names of a list run together"  # a group's may: "al-Gama'a al-Islamiya"
    if len(words) >= 4 and any(w[:1].isupper() and w.lower().rstrip(".") in lists.titles for w in words[2:-1]):
        return "a name and a title run together"
    inside = [(s, e) for s, e in stretches if s <= sug.start and sug.end <= e]
    if inside and any(w[:1].isupper() and _written(w.lower(), lowered) for w in words):
        for m in re.finditer(rf"(?<!\w){re.escape(sug.text)}(?!\w)", text):
            if not any(s <= m.start() and m.end() <= e for s, e in stretches):
                return None
        return "headline words run together"
    return None


_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")
#: "the General " right before a name: a title after "the" opens a body's name, not a person's.
_TITLE_BEFORE = re.compile(r"(?<![\w-])(?:[Tt]he[ \t]+|al-)([A-Z][a-z]+\.?)[ \t]+$")


def drop_weak_new_names(text: str, found: list[Suggestion]) -> list[Suggestion]:
    """The story's suggestions without proposed new names too weak to show (:func:`weak_reason`).

    Links to known entities and names kept apart from a near entity on purpose stay."""
    if not any(s.ref is None and s.maybe is None for s in found):
        return found
    lists = name_lists()
    stretches = _title_stretches(text)
    lowered = _lower_words(text)
    out: list[Suggestion] = []
    for s in found:
        if s.ref is None and s.text.endswith(".") and len(s.text.split()[-1]) > 5 and s.text[-2].islower():
            s = replace(s, end=s.end - 1, text=s.text[:-1])  # a sentence's full stop, not "Corp."
        if s.ref is not None or s.name is not None:
            out.append(s)
        elif _run_on_particles(s.text.split()) and s.kind in (kinds.PLACE, kinds.PERSON):
            if s.kind == kinds.PLACE:  # a list of places: each is one; a person's name never
                out.extend(_split_place_list(text, s))  # starts "al-X al-Y" (groups may)
        elif s.maybe is not None or weak_reason(text, s, stretches, lowered, lists) is None:
            out.append(s)
    return out
