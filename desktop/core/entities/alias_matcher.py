"""Finding known names in an article: every alias of every entity, in one pass over the text.

A desk's entity list plus the starter gazetteer is thousands of aliases; testing each with a
regular expression per article would take seconds. An Aho-Corasick automaton (pyahocorasick,
in C) finds all of them in one pass. Measured on this machine: 0.07 s to build for 5,000 aliases
(0.03 s for the starter gazetteer's 2,650), about 3 ms per 5,000-word article.

The rules a reporter would expect:

* Normal aliases match regardless of case, accents, Arabic vowel marks and apostrophes inside
  words, with hyphens and whitespace runs treated as one space: the alias "Kata'ib Hizbollah"
  finds "KATA’IB HIZBOLLAH" and "Kata'ib  Hizbollah" (see :func:`variants.match_key`).
* Short all-capitals abbreviations ("KH", "PMU", "IRGC"; :func:`variants.is_case_sensitive_alias`)
  and aliases flagged case-sensitive match only as written: "kh" and "Pmu" are not them.
* Whole words only, and the longest match starting leftmost wins, so "Kataib Hezbollah" is one
  hit and its "Hezbollah" is never tagged as Lebanon's Hezbollah. A possessive ``'s`` ends a
  word: "Hezbollah's" is a hit on "Hezbollah".
* Spans are offsets into the *original* text (``text[hit.start:hit.end] == hit.surface``):
  matching runs on a folded copy whose length can differ (removed marks and apostrophes,
  collapsed spaces), and a segment map translates back.

Arabic-script words with attached proclitics (``وكتائب``, "and Kataib") are not split, so they
are not found; the gazetteer lists the bare forms.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ahocorasick

from desktop.core.entities.variants import compact, is_case_sensitive_alias, match_key
from desktop.core.search.folding import fold_chars

if TYPE_CHECKING:
    from desktop.core.entities.gazetteer import GazetteerEntry

#: What :func:`fold_chars` makes of a character that matching ignores (an accent, a vowel mark).
_REMOVED = "\x01"

__all__ = ["AliasHit", "AliasMatcher"]


@dataclass(frozen=True, slots=True)
class AliasHit:
    """One name found in a text: ``text[start:end] == surface`` is an alias of ``ref``.

    ``others`` lists further ``(ref, kind, alias)`` the same words are an alias of (an
    ambiguous alias); the first one added is ``ref``.
    """

    start: int
    end: int
    surface: str
    ref: Hashable
    kind: str
    alias: str
    others: tuple[tuple[Hashable, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class _Target:
    ref: Hashable
    kind: str
    alias: str


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class AliasMatcher:
    """Finds aliases in text; build once per alias list, then call :meth:`find` per article.

    ``aliases`` yields ``(alias, ref, kind)`` or ``(alias, ref, kind, case_sensitive)``; ``ref``
    is any hashable (an entity id, a gazetteer name). ``case_sensitive=None`` (or a 3-tuple)
    applies the short all-capitals rule.
    """

    def __init__(self, aliases: Iterable[tuple[Any, ...]]) -> None:
        #: Folded key -> targets; and exact-case key -> targets for case-sensitive aliases.
        self._folded: dict[str, list[_Target]] = {}
        self._cased: dict[str, list[_Target]] = {}
        seen: set[tuple[bool, str, Hashable]] = set()
        for item in aliases:
            alias, ref, kind = item[0], item[1], item[2]
            flag = item[3] if len(item) > 3 else None
            sensitive = is_case_sensitive_alias(alias) if flag is None else bool(flag)
            key = self._cased_key(alias) if sensitive else match_key(alias)
            if not any(c.isalnum() for c in key) or (sensitive, key, ref) in seen:
                continue
            seen.add((sensitive, key, ref))
            table = self._cased if sensitive else self._folded
            table.setdefault(key, []).append(_Target(ref, kind, alias))
        self._automata = (self._build(self._folded), self._build(self._cased))

    @staticmethod
    def _cased_key(alias: str) -> str:
        """The alias as written, with the same removals as the folded text (so offsets agree)."""
        folded, segments = compact(alias)
        # compact() removes characters in place; rebuild the same string from the original
        # characters so case survives.
        return _unfold(alias, folded, segments).strip()

    @staticmethod
    def _build(table: dict[str, list[_Target]]) -> ahocorasick.Automaton | None:
        if not table:
            return None
        automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        for key, targets in table.items():
            automaton.add_word(key, (len(key), key[0], key[-1], targets))
        automaton.make_automaton()
        return automaton

    def __len__(self) -> int:
        """How many distinct alias keys the matcher knows."""
        return len(self._folded) + len(self._cased)

    def find(self, text: str) -> list[AliasHit]:
        """Every alias in ``text``: whole words, longest-leftmost, non-overlapping, in order."""
        if not text:
            return []
        folded, segments = compact(text)
        haystacks = [folded]
        if self._automata[1] is not None:
            haystacks.append(_unfold(text, folded, segments))
        candidates: list[tuple[int, int, list[_Target]]] = []
        for automaton, haystack in zip(self._automata, haystacks):
            if automaton is None:
                continue
            last = len(folded)
            for end, (length, first, final, targets) in automaton.iter(haystack):
                start = end - length + 1
                if _is_word_char(first) and start > 0 and _is_word_char(folded[start - 1]):
                    continue
                if _is_word_char(final) and end + 1 < last and _is_word_char(folded[end + 1]):
                    continue
                candidates.append((start, end + 1, targets))
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        starts = [s for s, _ in segments]
        hits: list[AliasHit] = []
        taken = 0
        for start, end, targets in candidates:
            if start < taken:
                continue
            taken = end
            o_start = start + segments[bisect_right(starts, start) - 1][1]
            o_end = end - 1 + segments[bisect_right(starts, end - 1) - 1][1] + 1
            while o_end < len(text) and fold_chars(text[o_end]) == _REMOVED:
                o_end += 1  # accents and vowel marks on the last letter belong to the hit
            first_target = targets[0]
            hits.append(AliasHit(
                o_start, o_end, text[o_start:o_end], first_target.ref, first_target.kind,
                first_target.alias, tuple((t.ref, t.kind, t.alias) for t in targets[1:]),
            ))
        return hits

    @classmethod
    def from_gazetteer(cls, entries: Iterable[GazetteerEntry] | None = None) -> AliasMatcher:
        """A matcher over the starter gazetteer, with each entry's canonical name as ``ref``."""
        from desktop.core.entities.gazetteer import load_gazetteer

        chosen = load_gazetteer() if entries is None else entries
        return cls(
            (alias, entry.name, entry.kind, entry.is_case_sensitive(alias))
            for entry in chosen
            for alias in entry.names
        )


def _unfold(text: str, folded: str, segments: list[tuple[int, int]]) -> str:
    """The characters of ``text`` that survive in ``folded``, unfolded (case and accents kept)."""
    parts: list[str] = []
    bounds = [*segments[1:], (len(folded), 0)]
    for (start, delta), (stop, _) in zip(segments, bounds):
        piece = text[start + delta:stop + delta]
        if stop > start and folded[stop - 1] == " " and piece[-1:] != " ":
            piece = piece[:-1] + " "  # a collapsed run of whitespace and hyphens
        parts.append(piece)
    return "".join(parts)
