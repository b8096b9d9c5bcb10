"""A briefing from stories in the archive: their metadata, entities and key quotations.

:mod:`.model` describes a briefing without knowing the archive; this module fills one in from
article ids, and keeps drafts in the archive. Per story it takes the confirmed entities (or,
when asked, the suggested ones too, for stories nobody has reviewed yet), and up to
:data:`KEY_QUOTES` attributed quotations, those whose statement is carried by the most stories
first, since those are what other outlets found worth repeating.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..clock import now_iso
from ..quotes.ledger import REVIEW_BELOW
from .model import Briefing, BriefingOptions, BriefingStory, EntityRef, QuoteRef, StoryLink

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = [
    "KEY_QUOTES", "UNCHECKED", "DraftSummary", "briefing_from_articles", "default_summary", "delete_draft", "list_drafts",
    "load_draft", "save_draft", "story_links",
]

#: Key quotations per story.
KEY_QUOTES = 3
#: Added to a key quotation's speaker that nobody confirmed and the text gives with low confidence.
UNCHECKED = "(attribution not checked)"
#: Entities listed per story (the entity table lists them all).
STORY_ENTITIES = 25
_KIND_ORDER = ("person", "armed_group", "organisation", "place", "weapon", "event", "other")


def _entities(archive: Archive, article_id: int, suggested: bool) -> list[EntityRef]:
    states = ("confirmed", "suggested") if suggested else ("confirmed",)
    rows = archive.db.execute(
        f"""SELECT e.name, e.kind, count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id
            WHERE m.article_id = ? AND m.state IN ({','.join('?' * len(states))})
            GROUP BY e.id ORDER BY count(*) DESC, e.name""",
        [article_id, *states],
    ).fetchall()
    ordered = sorted(rows, key=lambda r: _KIND_ORDER.index(r[1]) if r[1] in _KIND_ORDER else 99)
    return [EntityRef(name, kind) for name, kind, _n in ordered[:STORY_ENTITIES]]


def _key_quotes(archive: Archive, article_id: int) -> list[QuoteRef]:
    """Up to :data:`KEY_QUOTES` attributed quotations, one per statement: those whose speaker a
    reporter confirmed or the text gives with high confidence first, then the most repeated (a
    wording contained in one already chosen is the same statement cut shorter). A speaker that
    is neither confirmed nor sure is marked as such, so it is never cited as if checked."""
    rows = archive.db.execute(
        f"""SELECT q.text, CASE WHEN q.confirmed = 1 THEN q.speaker ELSE coalesce(e.name, q.speaker) END, q.role,
                  q.statement_id,
                  (SELECT count(DISTINCT q2.article_id) FROM quotes q2 WHERE q2.statement_id = q.statement_id),
                  q.confirmed = 1 OR q.confidence >= {REVIEW_BELOW}
           FROM quotes q LEFT JOIN entities e ON e.id = q.entity_id
           WHERE q.article_id = ? AND q.speaker IS NOT NULL AND length(q.text) >= 25
           ORDER BY 6 DESC, 5 DESC, length(q.text) DESC""",
        [article_id],
    ).fetchall()
    chosen: list[QuoteRef] = []
    statements: set[int] = set()
    for text, speaker, role, statement_id, _carried, sure in rows:
        if not sure:
            speaker = f"{speaker} {UNCHECKED}"
        folded = " ".join(text.lower().split())
        if statement_id in statements or any(folded in " ".join(c.text.lower().split()) for c in chosen):
            continue
        if statement_id is not None:
            statements.add(statement_id)
        chosen.append(QuoteRef(text, speaker, role))
        if len(chosen) == KEY_QUOTES:
            break
    return chosen


def story_links(archive: Archive, article_ids: Sequence[int]) -> list[StoryLink]:
    """Links between these stories (the related-stories links), when the archive has them."""
    ids = list(article_ids)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    try:
        rows = archive.db.execute(
            f"SELECT a_id, b_id, type, note FROM story_links WHERE a_id IN ({marks}) AND b_id IN ({marks})",
            [*ids, *ids]).fetchall()
    except Exception:  # noqa: BLE001 - an archive without story links yet
        return []
    return [StoryLink(a, b, kind, note or "") for a, b, kind, note in rows]


def briefing_from_articles(
    archive: Archive, article_ids: Sequence[int], *, title: str, author: str = "", summary: str | None = None,
    options: BriefingOptions | None = None, suggested_entities: bool = False,
) -> Briefing:
    """A briefing of these stories, in this order (unknown ids are skipped)."""
    stories = []
    for article_id in dict.fromkeys(article_ids):
        article = archive.get(article_id)
        if article is None:
            continue
        stories.append(BriefingStory.from_article(
            article, entities=_entities(archive, article_id, suggested_entities),
            quotes=_key_quotes(archive, article_id)))
    briefing = Briefing(title=title, author=author, stories=stories, options=options or BriefingOptions(),
                        links=story_links(archive, [s.article_id for s in stories]))
    briefing.summary = summary if summary is not None else default_summary(briefing)
    return briefing


def default_summary(briefing: Briefing) -> str:
    """A starting point for the executive summary: each story's lead, to be edited."""
    return "\n\n".join(story.lead for story in briefing.stories if story.lead.strip())


@dataclass
class DraftSummary:
    id: int
    title: str
    stories: int
    updated_at: str
    exported_to: str | None


def save_draft(archive: Archive, briefing: Briefing, draft_id: int | None = None, *,
               exported_to: str | None = None) -> int:
    """Store (or update) a draft; returns its id."""
    data, stamp = briefing.to_json(), now_iso()
    with archive.transaction() as db:
        if draft_id is not None and db.execute("SELECT 1 FROM briefing_drafts WHERE id = ?", [draft_id]).fetchone():
            db.execute("UPDATE briefing_drafts SET title = ?, data = ?, updated_at = ?, "
                       "exported_to = coalesce(?, exported_to) WHERE id = ?",
                       [briefing.title or "Untitled briefing", data, stamp, exported_to, draft_id])
            return draft_id
        cursor = db.execute(
            "INSERT INTO briefing_drafts(title, data, created_at, updated_at, exported_to) VALUES (?, ?, ?, ?, ?)",
            [briefing.title or "Untitled briefing", data, stamp, stamp, exported_to])
        return int(cursor.lastrowid)


def load_draft(archive: Archive, draft_id: int) -> Briefing | None:
    row = archive.db.execute("SELECT data FROM briefing_drafts WHERE id = ?", [draft_id]).fetchone()
    return Briefing.from_json(row[0]) if row else None


def list_drafts(archive: Archive) -> list[DraftSummary]:
    rows = archive.db.execute(
        "SELECT id, title, data, updated_at, exported_to FROM briefing_drafts ORDER BY updated_at DESC, id DESC"
    ).fetchall()
    found = []
    for draft_id, title, data, updated, exported in rows:
        try:
            count = len(json.loads(data).get("stories", []))
        except (ValueError, AttributeError):
            count = 0
        found.append(DraftSummary(draft_id, title, count, updated, exported))
    return found


def delete_draft(archive: Archive, draft_id: int) -> None:
    with archive.transaction() as db:
        db.execute("DELETE FROM briefing_drafts WHERE id = ?", [draft_id])
