"""Split a parsed query into what must be scored and what only narrows the results.

Whoosh scores every document a query matches, in Python. Parts of a query that only include
or exclude documents (``-gas``, ``date:2020-03``, a clicked outlet facet) do not need scoring.
Evaluated once as document sets, they become Whoosh's ``filter`` and ``mask``; on 100,000
stories that took "oil NOT gas" from 140 ms to about 50 ms. A query with no words to rank
(``date:2020-03``, a facet) is answered from the cached date order of the whole archive,
filtered by those sets, instead of sorting its matches again.

Words that occur in more than half of all articles ("of", "the", "said") say nothing about
which articles match when other words are present. In an AND list they are left out of the
scored query, and the search says so. Phrases keep every word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as wq

from .ranges import SafeNumericRange

__all__ = ["COMMON_SHARE", "Plan", "plan_query"]

#: A word in more than this share of articles is "very common".
COMMON_SHARE = 0.5
#: Fields whose terms only filter (never part of a relevance score). ``outlet:Reuters`` or
#: ``place:baghdad`` narrow the results; scoring them would rank 100,000 stories for nothing.
_FILTER_FIELDS = frozenset({"outlet_exact", "credit_exact", "credit", "month", "tag", "entity", "language", "id", "review",
                            "outlet", "place", "byline"})
#: Columns holding dates as YYYYMMDD integers, 0 when the article is undated.
_DATE_COLUMNS = frozenset({"date_start", "date_end"})


@dataclass
class Plan:
    scored: wq.Query
    filters: list[wq.Query] = field(default_factory=list)
    masks: list[wq.Query] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: False when nothing in ``scored`` ranks by relevance (everything, or only filters).
    ranked: bool = True

    def docsets(
        self, searcher: Any, column: Callable[[str], list[Any]] | None = None
    ) -> tuple[set[int] | None, set[int] | None]:
        """(documents allowed, documents excluded), each None when there is no such part.

        ``column(fieldname)`` gives cached per-document values; with it, date ranges are a
        scan of an array instead of Whoosh's expansion of the range into many index terms.
        """
        allowed: set[int] | None = None
        for query in self.filters:
            docs = _range_by_column(query, column) if column is not None else None
            if docs is None:
                docs = set(searcher.docs_for_query(query))
            allowed = docs if allowed is None else allowed & docs
        excluded: set[int] | None = None
        for query in self.masks:
            docs = set(searcher.docs_for_query(query))
            excluded = docs if excluded is None else excluded | docs
        return allowed, excluded


def _range_by_column(query: wq.Query, column: Callable[[str], list[Any]]) -> set[int] | None:
    """Docnums whose date column lies in a date range query, or None if it is not one."""
    if not isinstance(query, SafeNumericRange) or query.fieldname not in _DATE_COLUMNS:
        return None
    values = column(query.fieldname)
    lo = 1 if query.start is None else query.start + (1 if query.startexcl else 0)
    hi = 99_999_999 if query.end is None else query.end - (1 if query.endexcl else 0)
    return {docnum for docnum, value in enumerate(values) if lo <= value <= hi}


def _is_filter(node: wq.Query) -> bool:
    if isinstance(node, (SafeNumericRange, wq.NumericRange)):
        return True
    if isinstance(node, (wq.Term, wq.Phrase)) and node.fieldname in _FILTER_FIELDS:
        return type(node) in (wq.Term, wq.Phrase)
    if isinstance(node, wq.And):
        return all(_is_filter(child) for child in node.subqueries)
    return False


def _word(node: wq.Query) -> str | None:
    """The text of a plain word searched across fields (an Or of Terms of one text), else None."""
    terms = node.subqueries if isinstance(node, wq.Or) else [node]
    texts = {t.text for t in terms if isinstance(t, wq.Term) and not isinstance(t, wq.MultiTerm)}
    if len(texts) == 1 and all(type(t) is wq.Term for t in terms):
        return texts.pop()
    return None


def _is_common(text: str, reader: Any) -> bool:
    total = reader.doc_count() or 1
    frequency = max(reader.doc_frequency("body", text), reader.doc_frequency("headline", text))
    return frequency > COMMON_SHARE * total


def plan_query(query: wq.Query | None, reader: Any) -> Plan:
    """Plan the search of ``query`` (None: everything) against ``reader``."""
    if query is None:
        return Plan(wq.Every(), ranked=False)
    plan = Plan(query)
    scored: list[wq.Query] = []
    pending = [query]
    while pending:
        node = pending.pop(0)
        if isinstance(node, wq.AndNot):
            pending.insert(0, node.a)
            plan.masks.append(node.b)
        elif isinstance(node, wq.And):
            pending[:0] = list(node.subqueries)
        elif isinstance(node, wq.Not):
            plan.masks.append(node.query)
        elif _is_filter(node):
            plan.filters.append(node)
        else:
            scored.append(node)
    words = [_word(node) for node in scored]
    common = [i for i, text in enumerate(words) if text is not None and _is_common(text, reader)]
    if common and len(common) < len(scored):
        plan.notes.append(
            "Very common words were left out: " + ", ".join(sorted({str(words[i]) for i in common}))
        )
        scored = [node for i, node in enumerate(scored) if i not in common]
    plan.ranked = bool(scored)
    if not scored:
        plan.scored = wq.Every()
    else:
        plan.scored = scored[0] if len(scored) == 1 else wq.And(scored)
    return plan
