"""The quotations ledger: statements, speakers and the stories that carry them, as plain rows.

What the GUI's ledger view and a briefing's "key quotations" read. Story counts and first
appearances are computed from the live quotes (a deleted story stops counting at once), not
from the stored statement rows, which are only rebuilt after imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = [
    "CarriedBy", "SpeakerRow", "StatementRow", "citation", "evidence_label", "list_speakers", "list_statements",
    "needs_review", "statement_stories",
]

#: Attributions less sure than this are marked for review (the extractor's threshold).
REVIEW_BELOW = 0.75


def needs_review(speaker: str | None, confidence: float, confirmed: bool) -> bool:
    """Whether a reporter should check this attribution before citing it."""
    return not confirmed and (speaker is None or confidence < REVIEW_BELOW)


def evidence_label(speaker: str | None, cue: str, confidence: float, confirmed: bool) -> str:
    """One short line on why a quote has its speaker: "said after, 95%", "check: pronoun, 65%",
    "confirmed by a reporter", "check: no speaker found"."""
    if confirmed:
        return "confirmed by a reporter" if speaker else "no speaker (confirmed by a reporter)"
    if speaker is None:
        return "check: no speaker found"
    text = f"{cue or 'attributed'}, {confidence:.0%}"
    return f"check: {text}" if confidence < REVIEW_BELOW else text


@dataclass
class StatementRow:
    id: int
    text: str
    speaker: str | None
    stories: int
    first_article_id: int
    first_date: str | None
    first_outlet: str | None


@dataclass
class CarriedBy:
    """One story carrying a statement, with the wording and attribution it used."""

    article_id: int
    date: str | None
    outlet: str | None
    headline: str | None
    quote_id: int
    text: str
    speaker: str | None
    role: str | None
    start: int
    end: int
    cue: str = ""
    confidence: float = 0.0
    confirmed: bool = False
    reason: str = ""

    @property
    def needs_review(self) -> bool:
        return needs_review(self.speaker, self.confidence, self.confirmed)


@dataclass
class SpeakerRow:
    name: str
    entity_id: int | None
    quotes: int
    stories: int


#: The speaker shown: the reporter's word when confirmed, else the linked entity's name, else the text's.
_WHO = "CASE WHEN q.confirmed = 1 THEN q.speaker ELSE coalesce(e.name, q.speaker) END"
_UNDATED_LAST = "CASE WHEN a.pub_date IS NULL THEN 1 ELSE 0 END, a.pub_date, a.id"


def list_statements(archive: Archive, *, speaker: str | None = None, search: str = "",
                    article_id: int | None = None, min_stories: int = 1, limit: int | None = None
                    ) -> list[StatementRow]:
    """Statements, those carried by most stories first. ``speaker`` matches the name the text
    gave or the speaker's entity; ``search`` words of the statement; ``article_id`` only the
    statements that story carries."""
    where, params = ["q.statement_id IS NOT NULL"], []
    if speaker:
        where.append("(q.speaker = ? COLLATE NOCASE OR e.name = ? COLLATE NOCASE)")
        params += [speaker, speaker]
    if search.strip():
        where.append("s.text LIKE ?")
        params.append(f"%{search.strip()}%")
    if article_id is not None:
        where.append("q.statement_id IN (SELECT statement_id FROM quotes WHERE article_id = ?)")
        params.append(article_id)
    rows = archive.db.execute(
        f"""SELECT s.id, s.text, s.speaker, count(DISTINCT q.article_id) AS stories,
                   min(CASE WHEN a.pub_date IS NULL THEN '9999' ELSE a.pub_date END || printf('%012d', a.id))
            FROM statements s JOIN quotes q ON q.statement_id = s.id JOIN articles a ON a.id = q.article_id
                 LEFT JOIN entities e ON e.id = q.entity_id
            WHERE {' AND '.join(where)}
            GROUP BY s.id HAVING stories >= ?
            ORDER BY stories DESC, s.id {'LIMIT ' + str(int(limit)) if limit else ''}""",
        [*params, min_stories],
    ).fetchall()
    found = []
    for statement_id, text, who, stories, first_key in rows:
        first_id = int(first_key[-12:])
        date, outlet = archive.db.execute("SELECT pub_date, outlet FROM articles WHERE id = ?", [first_id]).fetchone()
        found.append(StatementRow(statement_id, text, who, stories, first_id, date, outlet))
    return found


def statement_stories(archive: Archive, statement_id: int) -> list[CarriedBy]:
    """Every story carrying the statement, first appearance first (undated ones last)."""
    rows = archive.db.execute(
        f"""SELECT a.id, a.pub_date, a.outlet, a.headline, q.id, q.text, {_WHO}, q.role,
                   q.start, q.end, q.cue, q.confidence, q.confirmed = 1, q.reason
            FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.entity_id
            WHERE q.statement_id = ? ORDER BY {_UNDATED_LAST}, q.start""",
        [statement_id],
    ).fetchall()
    return [CarriedBy(*row) for row in rows]


def list_speakers(archive: Archive, *, search: str = "") -> list[SpeakerRow]:
    """Who is quoted, by entity when the speaker is linked to one, else by the name given."""
    rows = archive.db.execute(
        """SELECT coalesce(e.name, q.speaker), q.entity_id, count(*), count(DISTINCT q.article_id)
           FROM quotes q LEFT JOIN entities e ON e.id = q.entity_id
           WHERE q.speaker IS NOT NULL AND (? = '' OR coalesce(e.name, q.speaker) LIKE ?)
           GROUP BY coalesce(e.name, q.speaker), q.entity_id
           ORDER BY count(DISTINCT q.article_id) DESC, count(*) DESC""",
        [search.strip(), f"%{search.strip()}%"],
    ).fetchall()
    return [SpeakerRow(*row) for row in rows]


def citation(archive: Archive, quote_id: int) -> str:
    """The quote with its attribution and source, ready to paste:

    "The United States will not tolerate attacks ..." - Mark Esper, U.S. Defense Secretary
    (GlobalSecurity.org, 2020-03-12, "US Hits Back in Iraq ...", archive #2)"""
    row = archive.db.execute(
        f"""SELECT q.text, {_WHO}, q.role, a.outlet, a.pub_date, a.headline, a.id, a.url
           FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.entity_id
           WHERE q.id = ?""", [quote_id]).fetchone()
    if row is None:
        raise KeyError(quote_id)
    text, speaker, role, outlet, date, headline, article_id, url = row
    who = speaker or "speaker unknown"
    if role and speaker:
        who += f", {role}"
    source = ", ".join(p for p in (outlet, date, f"\u201c{headline}\u201d" if headline else None,
                                   f"archive #{article_id}") if p)
    return f"\u201c{text}\u201d \u2014 {who} ({source}{', ' + url if url else ''})"
