"""What the ledger reads, as plain functions of an archive: run on the window's read thread.

No Qt here, so each function can be handed to ``run_read`` as it is. The core's
:mod:`desktop.core.quotes.ledger` matches a search as one phrase (``LIKE``); a reporter types
words in any order ("tolerate Esper attacks" should still find the statement), so the search is
narrowed in SQL by its longest word and the other words are checked here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...core.quotes.ledger import (
    CarriedBy,
    SpeakerRow,
    StatementRow,
    citation,
    list_speakers,
    needs_review,
    list_statements,
    statement_stories,
)

if TYPE_CHECKING:
    from ...core.archive import Archive

__all__ = [
    "STATEMENT_LIMIT", "CarriedBy", "SpeakerRow", "StatementRow", "StoryQuote", "citation_for",
    "load_speakers", "load_statements", "load_stories", "load_story_quotes", "matches", "words_of",
]

#: Statements listed without a search: the most carried first; a search reaches the rest.
STATEMENT_LIMIT = 2000
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


@dataclass
class StoryQuote:
    """One quotation of the story in the reader, with how many stories carry its statement."""

    quote_id: int
    start: int
    end: int
    text: str
    speaker: str | None
    role: str | None
    statement_id: int | None
    stories: int
    cue: str = ""
    confidence: float = 0.0
    confirmed: bool = False
    reason: str = ""

    @property
    def needs_review(self) -> bool:
        return needs_review(self.speaker, self.confidence, self.confirmed)


def words_of(search: str) -> list[str]:
    """The words of a search, casefolded, apostrophes made straight ("Kata\u2019ib" -> "kata'ib")."""
    return [w.casefold().replace("\u2019", "'") for w in _WORD.findall(search)]


def matches(text: str, words: list[str]) -> bool:
    """True when every word occurs in ``text`` (anywhere, any order, any case)."""
    folded = text.casefold().replace("\u2019", "'")
    return all(w in folded for w in words)


def load_statements(archive: Archive, *, search: str = "", speaker: str | None = None,
                    limit: int = STATEMENT_LIMIT) -> list[StatementRow]:
    """Statements (most stories first) whose text holds every word of ``search``."""
    words = words_of(search)
    if not words:
        return list_statements(archive, speaker=speaker, limit=limit)
    longest = max(words, key=len)
    rows = list_statements(archive, speaker=speaker, search=longest)
    return [r for r in rows if matches(r.text, words)][:limit]


def load_stories(archive: Archive, statement_id: int) -> list[CarriedBy]:
    """The stories carrying a statement, first appearance first."""
    return statement_stories(archive, statement_id)


def load_speakers(archive: Archive) -> list[SpeakerRow]:
    return list_speakers(archive)


def load_story_quotes(archive: Archive, article_id: int) -> list[StoryQuote]:
    """The story's quotations in reading order; ``stories`` counts the stories carrying each."""
    from ...core.quotes.store import quotes_for_article  # loads the extractor: not before first paint

    stored = quotes_for_article(archive, article_id)
    statement_ids = sorted({q.statement_id for q in stored if q.statement_id is not None})
    counts: dict[int, int] = {}
    for start in range(0, len(statement_ids), 500):
        chunk = statement_ids[start : start + 500]
        counts.update(archive.db.execute(
            f"SELECT statement_id, count(DISTINCT article_id) FROM quotes WHERE statement_id IN "
            f"({','.join('?' * len(chunk))}) GROUP BY statement_id", chunk).fetchall())
    return [StoryQuote(q.id, q.quote.start, q.quote.end, q.quote.text, q.quote.speaker, q.quote.role,
                       q.statement_id, counts.get(q.statement_id, 1) if q.statement_id is not None else 1,
                       q.quote.cue, q.quote.confidence, q.quote.confirmed, q.quote.attribution_reason)
            for q in stored]


def citation_for(archive: Archive, *, quote_id: int | None = None, statement_id: int | None = None) -> str | None:
    """The citation of a quote, or of a statement's first appearance; None when it is gone."""
    if quote_id is None and statement_id is not None:
        carried = statement_stories(archive, statement_id)
        quote_id = carried[0].quote_id if carried else None
    if quote_id is None:
        return None
    try:
        return citation(archive, quote_id)
    except KeyError:
        return None
