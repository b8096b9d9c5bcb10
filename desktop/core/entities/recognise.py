"""One list of entity suggestions per article, from known names and from name patterns.

Three sources suggest mentions: the archive's own aliases (a desk's confirmed knowledge), the
starter gazetteer shipped in ``resources/`` (for a new, empty archive) and name patterns for
names nobody has listed yet (``patterns``). A reporter should see each stretch of text suggested
once, so this module merges them into non-overlapping spans: a known name always beats a
pattern over the same words (its kind is the entity's, not a guess), the archive beats the
gazetteer, and a longer known name beats a shorter one starting at the same place. Every
suggestion carries its source, a confidence and a reason in words, which the GUI shows.

A known name links only when the words around it agree (:mod:`.fit`: "Mojtaba Khamenei" is not
the Ali Khamenei whose alias "Khamenei" matched, "Salah al-Din Road" is not the governorate);
otherwise the whole name is proposed as new, with the near entity as "maybe the same?". Then
the story as a whole is read (:mod:`.joins`): short forms join the entity it names in full
("McKenzie", "Al-Sharaa", "IS", "the Observatory") and what is no entity is dropped ("Afghan",
"Thirteen Afghan", "CEO"), as are new names too weak to show (headline words run together, a
common word capitalised at a line start). A known name whose possessive lost its apostrophe
("Syrias capital") links the known name.

Runs during import, so it is cheap: a few milliseconds per 1,000 words (the gazetteer matcher
is built once per process by :func:`gazetteer_matcher`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Protocol

from desktop.core.entities.fit import Contradiction, contradiction
from desktop.core.entities.joins import drop_weak_new_names, join_short_forms, the_designator_links
from desktop.core.entities.namelists import name_lists
from desktop.core.entities.patterns import find_name_candidates

__all__ = ["ARCHIVE", "GAZETTEER", "MIN_NEW_CONFIDENCE", "PATTERN", "Suggestion", "gazetteer_hits",
           "gazetteer_matcher", "recognise", "suggest_text"]

ARCHIVE = "archive"  #: found by one of the archive's own entity aliases
GAZETTEER = "gazetteer"  #: found by the starter gazetteer
PATTERN = "pattern"  #: proposed as a new entity by name patterns


class HitLike(Protocol):
    """What :class:`alias_matcher.AliasHit` offers; ``source`` and ``others`` are optional."""

    start: int
    end: int
    surface: str
    ref: Hashable
    kind: str
    alias: str


@dataclass(frozen=True)
class Suggestion:
    """A suggested mention: ``text[start:end]``, what it is, where the idea came from and why.

    ``ref`` is the entity (archive id or gazetteer name) for known names and None for a
    proposed new entity.
    """

    start: int
    end: int
    text: str
    kind: str
    source: str
    confidence: float
    reason: str
    ref: Hashable | None = None
    #: For a proposed new name that came close to a known entity: that entity's name, offered
    #: to the reporter as "maybe the same?".
    maybe: str | None = None
    #: For a proposed new name: the name to propose when it differs from ``text`` (a surname
    #: whose full name the story gives).
    name: str | None = None


def _from_hit(hit: Any, source: str) -> Suggestion:
    others = getattr(hit, "others", ()) or ()
    where = "the archive's entity list" if source == ARCHIVE else "the starter gazetteer"
    alias = getattr(hit, "alias", "") or hit.surface
    name = hit.ref if isinstance(hit.ref, str) else alias
    reason = f"“{alias}” in {where}" if alias == name else f"“{alias}”, a name of {name}, in {where}"
    confidence = 0.95 if source == ARCHIVE else 0.9
    if others:
        confidence -= 0.25
        reason += f"; also a name of {len(others)} other entit{'y' if len(others) == 1 else 'ies'}"
    return Suggestion(hit.start, hit.end, hit.surface, hit.kind, source, confidence, reason,
                      hit.ref)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a span of ``taken`` (sorted, non-overlapping)."""
    i = bisect_left(taken, (end,))
    return i > 0 and taken[i - 1][1] > start


def _merge(layers: Iterable[list[Suggestion]]) -> list[Suggestion]:
    """Keep each layer's spans that no earlier layer (or longer span of its own) covers."""
    kept: list[Suggestion] = []
    taken: list[tuple[int, int]] = []
    for layer in layers:
        added: list[tuple[int, int]] = []
        for sug in sorted(layer, key=lambda s: (s.start, s.start - s.end)):
            if _overlaps(taken, sug.start, sug.end) or _overlaps(added[-1:], sug.start, sug.end):
                continue
            kept.append(sug)
            added.append((sug.start, sug.end))
        taken.extend(added)
        taken.sort()
    kept.sort(key=lambda s: s.start)
    return kept


def recognise(text: str, known: Sequence[HitLike] = (), *, gazetteer: bool = False,
              gazetteer_ref: Callable[[str], Hashable] | None = None,
              entity_names: Mapping[Hashable, tuple[str, ...]] | None = None) -> list[Suggestion]:
    """Entity suggestions for ``text``, in order and without overlaps.

    ``known`` are alias hits (``AliasHit`` or alike) from the archive's matcher; a hit with a
    ``source`` attribute of ``"gazetteer"`` counts as a gazetteer hit. ``gazetteer=True`` also
    matches the starter gazetteer (for an archive that has no entities yet); it is skipped
    silently when the gazetteer is not available. A hit the words around it contradict
    (:mod:`.fit`) is not linked: the whole name is proposed as new, with the entity as "maybe
    the same?". Short forms of entities the story names join them, noise is dropped
    (:mod:`.joins`); ``gazetteer_ref`` maps a gazetteer name to the caller's ref for it, and
    ``entity_names`` gives every name of the archive's entities (ref -> names), so that
    "Mojtaba Khamenei" is seen not to be the "Ali Khamenei" whose alias "Khamenei" matched.
    """
    archive = [h for h in known if getattr(h, "source", ARCHIVE) != GAZETTEER]
    gaz = [h for h in known if getattr(h, "source", ARCHIVE) == GAZETTEER]
    if gazetteer:
        gaz.extend(gazetteer_hits(text))
    lists = name_lists()
    doubts: list[tuple[Contradiction, Any]] = []
    starts = frozenset(h.start for h in (*archive, *gaz))
    kept_layers: list[list[Any]] = []
    for hits in (archive, gaz):
        kept = []
        for h in hits:
            names = _names_of(h, entity_names)
            why = contradiction(text, h.start, h.end, h.kind, names, lists, starts)
            if why is None:
                kept.append(h)
            else:
                doubts.append((why, h))
        kept_layers.append(kept)
    patterns = [
        Suggestion(c.start, c.end, c.text, c.kind, PATTERN, c.confidence, c.reason)
        for c in find_name_candidates(text)
    ]
    if doubts:
        patterns = _propose_instead(text, patterns, doubts)
    owned = possessive_links(text, gazetteer_ref)
    if owned:
        patterns = _after_possessives(text, patterns, owned)
    merged = _merge([[_from_hit(h, ARCHIVE) for h in kept_layers[0]],
                     [_from_hit(h, GAZETTEER) for h in kept_layers[1]], owned, patterns])
    joined = join_short_forms(merged, gazetteer_ref=gazetteer_ref)
    return the_designator_links(text, drop_weak_new_names(text, joined))


#: One capitalised word ending in "s" with a word after it: a possessive whose apostrophe the
#: copy lost ("Syrias capital", "AFPs correspondent", "Al-Qaedas Syria affiliate").
_POSSESSIVE = re.compile(r"\b([A-Z][\w-]*[^\Ws])s(?= [\w\"(])")
#: Plural names that end in "s" and are no possessive.
_PLURAL_NAMES = frozenset({"americas", "koreas", "emirates", "philippines", "bahamas", "netherlands"})


def possessive_links(text: str, gazetteer_ref: Callable[[str], Hashable] | None = None
                     ) -> list[Suggestion]:
    """Gazetteer links for one-word names with a possessive "s" but no apostrophe.

    Copy that lost its apostrophes writes "Syrias capital" for "Syria's capital": the word is
    no new name but the gazetteer's one entity for "Syria", linked over "Syria" only. Not when
    the word with its "s" is itself a name, a plural name ("the Americas") or a people
    ("Kurds"), nor when the stem names more than one entity.
    """
    if gazetteer_matcher() is None or ("s " not in text):
        return []
    out: list[Suggestion] = []
    for m in _POSSESSIVE.finditer(text):
        stem = m.group(1)
        found = _STEMS.get(stem, False)
        if found is False:
            if len(_STEMS) > 50_000:
                _STEMS.clear()
            found = _STEMS[stem] = _stem_entity(stem)
        if found is None:
            continue
        name, kind = found
        ref = gazetteer_ref(name) if gazetteer_ref else name
        if ref is None:
            continue
        out.append(Suggestion(m.start(1), m.end(1), stem, kind, GAZETTEER, 0.8,
                              f"“{stem}” with a possessive whose apostrophe is missing: {name}, "
                              "in the starter gazetteer", ref))
    return out


#: Stem -> its one gazetteer entity (None: none, or not a possessive); grows with the vocabulary.
_STEMS: dict[str, tuple[str, str] | None] = {}


def _stem_entity(stem: str) -> tuple[str, str] | None:
    whole = stem + "s"
    if whole.lower() in _PLURAL_NAMES or stem.lower() in name_lists().demonyms:
        return None
    matcher = gazetteer_matcher()
    if matcher is None or any(h.end - h.start == len(whole) for h in matcher.find(whole)):
        return None
    hits = [h for h in matcher.find(stem) if h.start == 0 and h.end == len(stem)]
    owners = {(h.ref, h.kind) for h in hits} | {(o[0], o[1]) for h in hits
                                               for o in (getattr(h, "others", ()) or ()) if len(o) >= 2}
    if len(owners) != 1:
        return None
    name, kind = owners.pop()
    return (name, kind) if isinstance(name, str) else None


def _after_possessives(text: str, patterns: list[Suggestion], owned: list[Suggestion]
                       ) -> list[Suggestion]:
    """Patterns that began with a linked possessive ("Turkeys Erdogan") start after it."""
    by_start = {o.start: o for o in owned}
    out: list[Suggestion] = []
    for p in patterns:
        o = by_start.get(p.start)
        if o is None or p.end <= o.end + 2:
            out.append(p)
            continue
        start = o.end + 2  # past the "s" and the space
        out.append(replace(p, start=start, text=text[start:p.end]))
    return out


def _names_of(hit: Any, entity_names: Mapping[Hashable, tuple[str, ...]] | None) -> tuple[str, ...]:
    """Every name of the hit's entity: the archive's list, else the gazetteer entry's."""
    if entity_names and hit.ref in entity_names:
        return entity_names[hit.ref]
    name = hit.ref if isinstance(hit.ref, str) else (
        hit.ref[1] if isinstance(hit.ref, tuple) and len(hit.ref) == 2 and isinstance(hit.ref[1], str) else None)
    entry = _gazetteer_entries().get(name) if name else None
    return entry.names if entry is not None else (hit.alias,)


@lru_cache(maxsize=1)
def _gazetteer_entries() -> dict[str, Any]:
    try:
        from desktop.core.entities.gazetteer import load_gazetteer

        return {e.name: e for e in load_gazetteer()}
    except (ImportError, OSError, ValueError):
        return {}


def _near_name(hit: Any) -> str:
    ref = hit.ref
    if isinstance(ref, str):
        return ref
    if isinstance(ref, tuple) and len(ref) == 2 and isinstance(ref[1], str):
        return ref[1]
    return getattr(hit, "alias", "") or hit.surface


def _propose_instead(text: str, patterns: list[Suggestion], doubts: list[tuple[Contradiction, Any]]
                     ) -> list[Suggestion]:
    """A new name over each contradicted hit, with the near entity as "maybe the same?"."""
    out = list(patterns)
    for why, hit in doubts:
        near = _near_name(hit)
        start, end = why.start, why.end
        covering = [p for p in out if p.start < end and start < p.end]
        for p in covering:
            start, end = min(start, p.start), max(end, p.end)
            out.remove(p)
        best = max((p.confidence for p in covering), default=0.0)
        surface = text[start:end]
        out.append(Suggestion(start, end, surface, why.kind, PATTERN, max(best, 0.7),
                              f"not {near}: {why.reason}; maybe the same as {near}?", None, near))
    out.sort(key=lambda s: s.start)
    return out


@lru_cache(maxsize=1)
def gazetteer_matcher() -> Any | None:
    """The starter gazetteer's AliasMatcher, built once; None if the gazetteer is missing."""
    try:
        from desktop.core.entities.alias_matcher import AliasMatcher
        from desktop.core.entities.gazetteer import load_gazetteer

        entries = load_gazetteer()
    except (ImportError, OSError, ValueError):
        return None
    aliases = [
        (alias, entry.name, entry.kind, entry.is_case_sensitive(alias) or None)
        for entry in entries for alias in entry.names
    ]
    return AliasMatcher(aliases)


def gazetteer_hits(text: str) -> list[Any]:
    """The starter gazetteer's hits in ``text`` ([] when there is no gazetteer)."""
    matcher = gazetteer_matcher()
    return matcher.find(text) if matcher is not None else []


#: Proposed new names below this confidence are not stored (they would only be noise to review).
MIN_NEW_CONFIDENCE = 0.5


def suggest_text(text: str) -> list[Suggestion]:
    """What an archive with no entities of its own stores for ``text``: gazetteer links and the
    proposed new names confident enough to show (used by the linking benchmark and tests)."""
    return [s for s in recognise(text, gazetteer=True)
            if s.ref is not None or s.confidence >= MIN_NEW_CONFIDENCE]
