"""Quotations in the archive: found at import, grouped into statements, read by the ledger.

Extraction (:mod:`.extract`) runs on each new article inside its import transaction, as an
:class:`~desktop.core.importing.pipeline.ArticleEnricher`, and the speaker is linked to an
entity when the speaker's name is one of its aliases (the entity suggestions of the same
article were stored just before, so "Mark Esper" is already there). Statements are derived data:
:func:`regroup_statements` rebuilds them from every quote after an import, in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..entities.variants import match_key
from .extract import Quote, extract_quotes
from .statements import group_statements

if TYPE_CHECKING:
    from ..archive import Archive
    from ..importing.types import ArticleFields

__all__ = [
    "QuoteExtractor", "StoredQuote", "extract_for_archive", "quotes_for_article", "regroup_statements",
    "row_to_quote", "store_quotes",
]

_COLUMNS = ("start", "end", "outer_start", "outer_end", "text", "speaker", "speaker_surface", "speaker_start",
            "speaker_end", "speaker_kind", "role", "reason", "paragraph")


@dataclass
class StoredQuote:
    id: int
    article_id: int
    quote: Quote
    entity_id: int | None
    statement_id: int | None


def row_to_quote(row: dict[str, Any]) -> Quote:
    return Quote(
        start=row["start"], end=row["end"], text=row["text"], speaker=row["speaker"],
        speaker_start=row["speaker_start"], speaker_end=row["speaker_end"], speaker_kind=row["speaker_kind"],
        role=row["role"], attribution_reason=row["reason"], paragraph_index=row["paragraph"],
        outer_start=row["outer_start"], outer_end=row["outer_end"], speaker_surface=row["speaker_surface"],
    )


def _speaker_entity(db: Any, speaker: str | None, kind: str | None) -> int | None:
    """The entity one of whose aliases is the speaker's name (a person or organisation)."""
    if not speaker:
        return None
    rows = db.execute(
        "SELECT DISTINCT a.entity_id, e.kind FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
        "WHERE a.match_key = ?", [match_key(speaker)]).fetchall()
    wanted = {"person"} if kind == "person" else {"organisation", "armed_group", "place"}
    fitting = [entity_id for entity_id, entity_kind in rows if entity_kind in wanted] or (
        [rows[0][0]] if len(rows) == 1 else [])
    return fitting[0] if len(fitting) == 1 else None


def store_quotes(db: Any, article_id: int, quotes: Sequence[Quote]) -> int:
    """Replace the article's quotes (inside the caller's transaction); returns how many."""
    db.execute("DELETE FROM quotes WHERE article_id = ?", [article_id])
    for q in quotes:
        values = [q.start, q.end, q.outer_start, q.outer_end, q.text, q.speaker, q.speaker_surface,
                  q.speaker_start, q.speaker_end, q.speaker_kind, q.role, q.attribution_reason, q.paragraph_index]
        db.execute(
            f"INSERT INTO quotes(article_id, {', '.join(_COLUMNS)}, entity_id) "
            f"VALUES (?, {', '.join('?' * len(_COLUMNS))}, ?)",
            [article_id, *values, _speaker_entity(db, q.speaker, q.speaker_kind)],
        )
    return len(quotes)


class QuoteExtractor:
    """The import's quotation step (an ArticleEnricher); ``added`` counts what it stored."""

    def __init__(self) -> None:
        self.added = 0

    def prepare(self, fields: ArticleFields) -> list[Quote]:
        return extract_quotes(fields.body)

    def store(self, db: Any, article_id: int, prepared: list[Quote]) -> None:
        self.added += store_quotes(db, article_id, prepared)


def quotes_for_article(archive: Archive, article_id: int) -> list[StoredQuote]:
    rows = archive.db.query("SELECT * FROM quotes WHERE article_id = ? ORDER BY start", [article_id])
    return [StoredQuote(r["id"], r["article_id"], row_to_quote(r), r["entity_id"], r["statement_id"]) for r in rows]


def regroup_statements(archive: Archive) -> int:
    """Rebuild the statements from every quote; returns how many statements there are."""
    by_article: dict[int, list[tuple[int, Quote]]] = defaultdict(list)
    for row in archive.db.query("SELECT * FROM quotes ORDER BY article_id, start"):
        by_article[row["article_id"]].append((row["id"], row_to_quote(row)))
    dates = dict(archive.db.execute("SELECT id, pub_date FROM articles WHERE id IN "
                                    "(SELECT DISTINCT article_id FROM quotes)").fetchall())
    statements = group_statements({a: [q for _, q in qs] for a, qs in by_article.items()}, dates)
    with archive.transaction() as db:
        db.execute("UPDATE quotes SET statement_id = NULL")
        db.execute("DELETE FROM statements")
        for statement in statements:
            first = statement.first
            cursor = db.execute(
                "INSERT INTO statements(text, speaker, speaker_kind, first_article_id, first_date, stories) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [statement.text, statement.speaker, statement.speaker_kind, first.article_id,
                 dates.get(first.article_id), len(statement.article_ids)],
            )
            statement_id = int(cursor.lastrowid)
            ids = [by_article[m.article_id][m.quote_index][0] for m in statement.members]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                db.execute(f"UPDATE quotes SET statement_id = ? WHERE id IN ({','.join('?' * len(chunk))})",
                           [statement_id, *chunk])
    return len(statements)


def extract_for_archive(
    archive: Archive, article_ids: Sequence[int] | None = None, *,
    progress: Callable[[int, int], None] | None = None, cancel: Any = None,
) -> int:
    """Find the quotations of every story again (after an extraction improvement, or for stories
    imported before quotations existed), then regroup the statements. Returns quotes stored."""
    ids = list(article_ids) if article_ids is not None else archive.ids()
    stored = 0
    for start in range(0, len(ids), 50):
        if cancel is not None and cancel.is_set():
            break
        chunk = ids[start : start + 50]
        marks = ",".join("?" * len(chunk))
        bodies = archive.db.execute(f"SELECT id, body FROM articles WHERE id IN ({marks})", chunk).fetchall()
        found = [(article_id, extract_quotes(body or "")) for article_id, body in bodies]
        with archive.transaction() as db:
            for article_id, quotes in found:
                stored += store_quotes(db, article_id, quotes)
            db.execute(f"UPDATE articles SET rev = rev WHERE id IN ({marks})", chunk)
        if progress is not None:
            progress(min(start + 50, len(ids)), len(ids))
    regroup_statements(archive)
    return stored
