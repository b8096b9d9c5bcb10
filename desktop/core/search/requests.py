"""What a search is asked and what it answers: plain dataclasses, with no Whoosh import.

Kept apart from :mod:`.engine` so the GUI can build requests and read results before the
search engine (and Whoosh, about 150 ms of imports) is loaded: the window paints first and the
engine loads on the search thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .query import ParsedQuery

__all__ = ["FACETS", "FILTERS", "SORTS", "SORT_COLUMNS", "Hit", "SearchRequest", "SearchResults"]

#: Facets shown beside the results, and the index field each counts.
FACETS = {"outlet": "outlet_exact", "credit": "credit_exact", "month": "month", "tag": "tag", "entity": "entity"}
#: Filters the GUI may apply besides the facets: ("review", "yes") lists stories to check.
FILTERS = {**FACETS, "review": "review"}
#: How many values of each facet are returned (most frequent first).
FACET_LIMIT = 30
#: Sort names and the index column (and direction) each one orders by; relevance has none.
SORT_COLUMNS: dict[str, tuple[str, bool]] = {
    "newest": ("sort_newest", True),
    "oldest": ("sort_oldest", False),
    "headline": ("sort_headline", False),
    "headline_desc": ("sort_headline", True),
    "outlet": ("sort_outlet", False),
    "outlet_desc": ("sort_outlet", True),
}
SORTS = ("relevance", *SORT_COLUMNS)


@dataclass
class SearchRequest:
    query: str = ""
    #: Facet filters clicked in the GUI, as (facet, value): ("outlet", "Newsweek").
    filters: list[tuple[str, str]] = field(default_factory=list)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    snippets: bool = True
    facets: bool = True
    #: A name that is an entity's alias also finds the entity's other spellings (off: exact).
    expand_aliases: bool = True
    #: ``entity:`` also counts stories where the entity is only weakly suggested (below the
    #: confidence bar); off, confirmed mentions and confident suggestions count.
    all_suggestions: bool = False


@dataclass
class Hit:
    id: int
    rank: int
    score: float
    headline: str | None
    outlet: str | None
    date: str | None
    snippet_html: str = ""
    snippet_text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "rank": self.rank, "score": round(self.score, 4), "headline": self.headline,
                "outlet": self.outlet, "date": self.date, "snippet": self.snippet_text}


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    #: "Did you mean" rewrites of the query, best first (only when nothing was found).
    suggestions: list[str] = field(default_factory=list)
    sort: str = "relevance"
    elapsed_ms: float = 0.0
    parsed: ParsedQuery | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total, "sort": self.sort, "elapsed_ms": round(self.elapsed_ms, 1),
            "messages": self.messages, "suggestions": self.suggestions,
            "hits": [h.to_json() for h in self.hits],
            "facets": {k: [[v, c] for v, c in vals] for k, vals in self.facets.items()},
        }
