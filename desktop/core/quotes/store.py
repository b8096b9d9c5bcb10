"""Quotations in the archive: found at import, grouped into statements, read by the ledger.

Corrections: a reporter may set or confirm a quote's speaker (:func:`correct_speaker`). The
correction reaches every quote of the same statement (so the other stories carrying it), is kept
in ``quote_corrections`` by story and quoted words so a new extraction of the story keeps it, and
returns what :func:`undo_correction` needs to put everything back.

Extraction (:mod:`.extract`) runs on each new article inside its import transaction, as an
:class:`~desktop.core.importing.pipeline.ArticleEnricher`, and the speaker is linked to an
entity when the speaker's name is one of its aliases (the entity suggestions of the same
article were stored just before, so "Mark Esper" is already there). Statements are derived data:
:func:`regroup_statements` rebuilds them from every quote after an import, in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..clock import now_iso
from ..entities.variants import match_key
from .extract import Quote, extract_quotes
from .statements import group_statements

if TYPE_CHECKING:
    from ..archive import Archive
    from ..importing.types import ArticleFields

__all__ = [
    "CORRECTED_CUE", "QuoteExtractor", "SpeakerCorrection", "StoredQuote", "correct_speaker", "extract_for_archive",
    "quotes_for_article", "regroup_statements", "row_to_quote", "store_quotes", "undo_correction",
]

#: The cue of a speaker a reporter set or confirmed.
CORRECTED_CUE = "set by a reporter"

_COLUMNS = ("start", "end", "outer_start", "outer_end", "text", "speaker", "speaker_surface", "speaker_start",
            "speaker_end", "speaker_kind", "role", "reason", "paragraph", "cue", "confidence", "confirmed")
#: What a correction changes on a quote row (and its undo puts back).
_CORRECTED = ("speaker", "speaker_kind", "role", "reason", "cue", "confidence", "confirmed", "entity_id")


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
        cue=row.get("cue") or "", confidence=float(row.get("confidence") or 0.0), confirmed=bool(row.get("confirmed")),
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


def _corrections(db: Any, article_id: int) -> dict[str, tuple[str | None, str | None, str | None]]:
    rows = db.execute("SELECT text, speaker, speaker_kind, role FROM quote_corrections WHERE article_id = ?",
                      [article_id]).fetchall()
    return {text: (speaker, kind, role) for text, speaker, kind, role in rows}


def store_quotes(db: Any, article_id: int, quotes: Sequence[Quote]) -> int:
    """Replace the article's quotes (inside the caller's transaction), keeping the speakers a
    reporter corrected; returns how many."""
    db.execute("DELETE FROM quotes WHERE article_id = ?", [article_id])
    corrected = _corrections(db, article_id) if quotes else {}
    for q in quotes:
        speaker, kind, role, reason, cue, confidence, confirmed = (
            q.speaker, q.speaker_kind, q.role, q.attribution_reason, q.cue, q.confidence, int(q.confirmed))
        if q.text in corrected:
            speaker, kind, role = corrected[q.text]
            reason, cue, confidence, confirmed = "speaker set by a reporter", CORRECTED_CUE, 1.0, 1
        values = [q.start, q.end, q.outer_start, q.outer_end, q.text, speaker, q.speaker_surface,
                  q.speaker_start, q.speaker_end, kind, role, reason, q.paragraph_index, cue, confidence, confirmed]
        db.execute(
            f"INSERT INTO quotes(article_id, {', '.join(_COLUMNS)}, entity_id) "
            f"VALUES (?, {', '.join('?' * len(_COLUMNS))}, ?)",
            [article_id, *values, _speaker_entity(db, speaker, kind)],
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


@dataclass
class SpeakerCorrection:
    """What :func:`correct_speaker` changed, for :func:`undo_correction`."""

    quote_ids: list[int]
    speaker: str | None
    before: list[dict[str, Any]] = field(default_factory=list)  #: quote rows' corrected columns
    corrections_before: list[tuple[int, str, Any]] = field(default_factory=list)  #: (article, text, old row or None)
    statements_before: list[tuple[int, str | None, str | None]] = field(default_factory=list)

    @property
    def stories(self) -> int:
        return len({row["article_id"] for row in self.before})


def _kind_for(db: Any, speaker: str) -> str:
    rows = db.execute("SELECT DISTINCT e.kind FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
                      "WHERE a.match_key = ?", [match_key(speaker)]).fetchall()
    kinds = {kind for (kind,) in rows}
    return "person" if not kinds or "person" in kinds else "organisation"


def correct_speaker(archive: Archive, quote_id: int, speaker: str | None, *, kind: str | None = None,
                    role: str | None = None) -> SpeakerCorrection:
    """Set (or confirm) the speaker of a quote and of every quote of the same statement.

    ``speaker`` None records that the text names nobody. Raises ``KeyError`` for an unknown
    quote and ``ValueError`` for a name that is empty after trimming."""
    if speaker is not None:
        speaker = " ".join(speaker.split())
        if not speaker:
            raise ValueError("A speaker's name cannot be empty: leave it unknown instead.")
        if len(speaker) > 200:
            raise ValueError("A speaker's name is at most 200 characters.")
    with archive.transaction() as db:
        row = db.execute("SELECT statement_id FROM quotes WHERE id = ?", [quote_id]).fetchone()
        if row is None:
            raise KeyError(quote_id)
        statement_id = row[0]
        columns = ", ".join(_CORRECTED)
        if statement_id is None:
            rows = db.execute(f"SELECT id, article_id, text, {columns} FROM quotes WHERE id = ?", [quote_id]).fetchall()
        else:
            rows = db.execute(f"SELECT id, article_id, text, {columns} FROM quotes WHERE statement_id = ? ORDER BY id",
                              [statement_id]).fetchall()
        names = ["id", "article_id", "text", *_CORRECTED]
        before = [dict(zip(names, r)) for r in rows]
        kind = (kind or (_kind_for(db, speaker) if speaker else None)) if speaker else None
        change = SpeakerCorrection([r["id"] for r in before], speaker, before)
        entity = _speaker_entity(db, speaker, kind)
        for r in before:
            old = db.execute("SELECT speaker, speaker_kind, role, created_at FROM quote_corrections "
                             "WHERE article_id = ? AND text = ?", [r["article_id"], r["text"]]).fetchone()
            change.corrections_before.append((r["article_id"], r["text"], tuple(old) if old else None))
            keep_role = role if role is not None else (r["role"] if speaker == r["speaker"] else None)
            db.execute("INSERT INTO quote_corrections(article_id, text, speaker, speaker_kind, role, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(article_id, text) DO UPDATE SET speaker = excluded.speaker, "
                       "speaker_kind = excluded.speaker_kind, role = excluded.role, created_at = excluded.created_at",
                       [r["article_id"], r["text"], speaker, kind, keep_role, now_iso()])
            db.execute("UPDATE quotes SET speaker = ?, speaker_kind = ?, role = ?, reason = ?, cue = ?, confidence = 1.0, "
                       "confirmed = 1, entity_id = ? WHERE id = ?",
                       [speaker, kind, keep_role, "speaker set by a reporter", CORRECTED_CUE, entity, r["id"]])
        if statement_id is not None:
            old = db.execute("SELECT speaker, speaker_kind FROM statements WHERE id = ?", [statement_id]).fetchone()
            if old is not None:
                change.statements_before.append((statement_id, old[0], old[1]))
                db.execute("UPDATE statements SET speaker = ?, speaker_kind = ? WHERE id = ?", [speaker, kind, statement_id])
        ids = sorted({r["article_id"] for r in before})
        db.execute(f"UPDATE articles SET rev = rev WHERE id IN ({','.join('?' * len(ids))})", ids)
    return change


def undo_correction(archive: Archive, change: SpeakerCorrection) -> list[int]:
    """Put back what :func:`correct_speaker` changed; returns the stories affected."""
    with archive.transaction() as db:
        for r in change.before:
            db.execute(f"UPDATE quotes SET {', '.join(c + ' = ?' for c in _CORRECTED)} WHERE id = ?",
                       [*(r[c] for c in _CORRECTED), r["id"]])
        for article_id, text, old in change.corrections_before:
            if old is None:
                db.execute("DELETE FROM quote_corrections WHERE article_id = ? AND text = ?", [article_id, text])
            else:
                db.execute("UPDATE quote_corrections SET speaker = ?, speaker_kind = ?, role = ?, created_at = ? "
                           "WHERE article_id = ? AND text = ?", [*old, article_id, text])
        for statement_id, speaker, kind in change.statements_before:
            db.execute("UPDATE statements SET speaker = ?, speaker_kind = ? WHERE id = ?", [speaker, kind, statement_id])
    return sorted({r["article_id"] for r in change.before})
