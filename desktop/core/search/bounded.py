"""Wildcard and fuzzy queries that stay fast on a 100,000-article archive.

Whoosh expands ``shar*`` or ``recesion~`` into an OR of every matching index term and then
walks all of their posting lists together in Python, scoring each document on each list: on
100,000 Reuters stories that took 0.7 s and 1.3 s. Two changes make them cheap:

* **bounded expansion**: a fuzzy word keeps its closest terms (then the most frequent), a
  wildcard its most frequent ones; what was left out is recorded so the search can say so;
* **flattened matching**: the expanded terms' document lists are merged once into a sorted
  list with a constant score. Which word form matched does not change the ranking of a fuzzy
  or wildcard hit in practice, and the other words of the query still rank the results.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz.distance import Levenshtein
from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

__all__ = ["BoundedFuzzyTerm", "BoundedPrefix", "BoundedWildcard", "FUZZY_MAX_TERMS", "PATTERN_MAX_TERMS"]

#: Closest words a fuzzy term may expand to.
FUZZY_MAX_TERMS = 8
#: Most frequent words a wildcard may expand to.
PATTERN_MAX_TERMS = 60


def _text(term: Any) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)


class _Bounded:
    """Mixin over a Whoosh MultiTerm: cap the expansion and match through one merged list."""

    max_terms = PATTERN_MAX_TERMS
    #: How many terms the last expansion found before the cap (for "searched the N most...").
    expanded_from = 0

    def _rank(self, reader: Any, term: Any) -> tuple[float, ...]:
        return (-reader.doc_frequency(self.fieldname, term),)  # type: ignore[attr-defined]

    def _btexts(self, ixreader: Any) -> list[Any]:
        # One search expands the same word several times (matching, counting, highlighting);
        # walking the term dictionary is the slow part, so remember it per reader.
        memo: dict[int, tuple[Any, list[Any]]] = self.__dict__.setdefault("_memo", {})
        cached = memo.get(id(ixreader))
        if cached is not None and cached[0] is ixreader:
            return cached[1]
        terms = [t for t in super()._btexts(ixreader) if t]  # type: ignore[misc]
        self.expanded_from = max(self.expanded_from, len(terms))
        if len(terms) > self.max_terms:
            terms = sorted(terms, key=lambda t: self._rank(ixreader, t))[: self.max_terms]
        memo[id(ixreader)] = (ixreader, terms)
        return terms

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        terms = self._btexts(reader)
        if len(terms) <= 1:
            return super().matcher(searcher, context)  # type: ignore[misc]
        docs: set[int] = set()
        for term in terms:
            docs.update(reader.postings(self.fieldname, term).all_ids())  # type: ignore[attr-defined]
        if not docs:
            return NullMatcher()
        return ListMatcher(sorted(docs), all_weights=self.boost)  # type: ignore[attr-defined]


class BoundedFuzzyTerm(_Bounded, wq.FuzzyTerm):
    max_terms = FUZZY_MAX_TERMS

    def _rank(self, reader: Any, term: Any) -> tuple[float, ...]:
        return (Levenshtein.distance(_text(term), self.text), -reader.doc_frequency(self.fieldname, term))


class BoundedPrefix(_Bounded, wq.Prefix):
    pass


class BoundedWildcard(_Bounded, wq.Wildcard):
    pass
