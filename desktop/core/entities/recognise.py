"""One list of entity suggestions per article, from known names and from name patterns.

Three sources suggest mentions: the archive's own aliases (a desk's confirmed knowledge), the
starter gazetteer shipped in ``resources/`` (for a new, empty archive) and name patterns for
names nobody has listed yet (``patterns``). A reporter should see each stretch of text suggested
once, so this module merges them into non-overlapping spans: a known name always beats a
pattern over the same words (its kind is the entity's, not a guess), the archive beats the
gazetteer, and a longer known name beats a shorter one starting at the same place. Every
suggestion carries its source, a confidence and a reason in words, which the GUI shows.

Runs during import, so it is cheap: a few milliseconds per 1,000 words (the gazetteer matcher
is built once per process by :func:`gazetteer_matcher`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from desktop.core.entities.patterns import find_name_candidates

__all__ = ["ARCHIVE", "GAZETTEER", "PATTERN", "Suggestion", "gazetteer_hits",
           "gazetteer_matcher", "recognise"]

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
    return any(s < end and start < e for s, e in taken)


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


def recognise(text: str, known: Sequence[HitLike] = (), *, gazetteer: bool = False
              ) -> list[Suggestion]:
    """Entity suggestions for ``text``, in order and without overlaps.

    ``known`` are alias hits (``AliasHit`` or alike) from the archive's matcher; a hit with a
    ``source`` attribute of ``"gazetteer"`` counts as a gazetteer hit. ``gazetteer=True`` also
    matches the starter gazetteer (for an archive that has no entities yet); it is skipped
    silently when the gazetteer is not available.
    """
    archive = [h for h in known if getattr(h, "source", ARCHIVE) != GAZETTEER]
    gaz = [h for h in known if getattr(h, "source", ARCHIVE) == GAZETTEER]
    if gazetteer:
        gaz.extend(gazetteer_hits(text))
    patterns = [
        Suggestion(c.start, c.end, c.text, c.kind, PATTERN, c.confidence, c.reason)
        for c in find_name_candidates(text)
    ]
    return _merge([[_from_hit(h, ARCHIVE) for h in archive],
                   [_from_hit(h, GAZETTEER) for h in gaz], patterns])


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
