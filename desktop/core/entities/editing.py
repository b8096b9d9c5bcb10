"""Merging, splitting, tagging and accepting: the entity edits that move mentions around.

A merge moves the merged entity's aliases, mentions and child entities to the kept one and
deletes it, recording everything it changed in ``entity_merges`` so :func:`undo_merge` puts the
archive back exactly (same ids, same states), even after the app was closed. Nothing here merges
on its own: :mod:`.proposals` only proposes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..clock import now_iso
from .kinds import normalise_kind
from .store import CONFIRMED, EntityError, _create, _insert_alias, find_entities, get_entity, touch_articles
from .variants import match_key

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = ["Merge", "accept_proposed", "merge_entities", "split_alias", "tag_span", "undo_merge"]


@dataclass
class Merge:
    """The record of one merge; ``id`` is its row in ``entity_merges``."""

    id: int
    kept_id: int
    merged_id: int
    merged_name: str


def _rows(db: Any, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    return [dict(r) for r in db.query(sql, list(params))]


def merge_entities(archive: Archive, kept_id: int, merged_id: int) -> Merge:
    """Merge ``merged_id`` into ``kept_id``: nothing is lost, and :func:`undo_merge` undoes it."""
    if kept_id == merged_id:
        raise EntityError("an entity cannot be merged with itself")
    kept, merged = get_entity(archive, kept_id), get_entity(archive, merged_id)
    if kept is None or merged is None:
        raise EntityError(f"there is no entity #{merged_id if kept else kept_id}")
    with archive.transaction() as db:
        entity_row = _rows(db, "SELECT * FROM entities WHERE id = ?", [merged_id])[0]
        aliases = _rows(db, "SELECT * FROM entity_aliases WHERE entity_id = ?", [merged_id])
        kept_keys = {r[0] for r in db.execute("SELECT alias FROM entity_aliases WHERE entity_id = ?", [kept_id])}
        added_aliases = [a["alias"] for a in aliases if a["alias"] not in kept_keys]
        mentions = _rows(db, "SELECT * FROM mentions WHERE entity_id = ?", [merged_id])
        kept_spans = {(r[0], r[1], r[2]) for r in db.execute(
            "SELECT article_id, start, end FROM mentions WHERE entity_id = ?", [kept_id])}
        moved = [m["id"] for m in mentions if (m["article_id"], m["start"], m["end"]) not in kept_spans]
        clashing = [m for m in mentions if (m["article_id"], m["start"], m["end"]) in kept_spans]
        children = [r[0] for r in db.execute("SELECT id FROM entities WHERE parent_id = ?", [merged_id])]
        proposals = _rows(db, "SELECT * FROM merge_proposals WHERE a_id = ? OR b_id = ?", [merged_id, merged_id])
        for alias in aliases:
            if alias["alias"] not in kept_keys:
                _insert_alias(db, kept_id, alias["alias"], bool(alias["case_sensitive"]))
        _update_many(db, "UPDATE mentions SET entity_id = ? WHERE id IN ({})", kept_id, moved)
        # A span both entities mention: the kept one's mention stays; confirmed wins.
        for m in clashing:
            if m["state"] == CONFIRMED:
                db.execute("UPDATE mentions SET state = ? WHERE entity_id = ? AND article_id = ? AND start = ? "
                           "AND end = ?", [CONFIRMED, kept_id, m["article_id"], m["start"], m["end"]])
        _update_many(db, "UPDATE entities SET parent_id = ? WHERE id IN ({})", kept_id, children)
        if kept.parent_id == merged_id:
            db.execute("UPDATE entities SET parent_id = ? WHERE id = ?", [merged.parent_id, kept_id])
        db.execute("DELETE FROM entities WHERE id = ?", [merged_id])  # cascades clashing mentions
        snapshot = {
            "entity": entity_row, "aliases": aliases, "added_aliases": added_aliases, "moved": moved,
            "clashing": clashing, "children": children, "proposals": proposals,
            "kept_parent": kept.parent_id,
        }
        cursor = db.execute(
            "INSERT INTO entity_merges(kept_id, merged_id, snapshot, created_at) VALUES (?, ?, ?, ?)",
            [kept_id, merged_id, json.dumps(snapshot, ensure_ascii=False), now_iso()],
        )
        merge = Merge(int(cursor.lastrowid), kept_id, merged_id, merged.name)
    touch_articles(archive, {m["article_id"] for m in mentions})
    return merge


def _update_many(db: Any, sql: str, value: Any, ids: Sequence[int]) -> None:
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        db.execute(sql.format(",".join("?" * len(chunk))), [value, *chunk])


def undo_merge(archive: Archive, merge_id: int) -> int:
    """Put back what merge ``merge_id`` changed; returns the restored entity's id."""
    rows = archive.db.execute("SELECT kept_id, merged_id, snapshot, undone FROM entity_merges WHERE id = ?",
                              [merge_id]).fetchone()
    if rows is None:
        raise EntityError(f"there is no merge #{merge_id}")
    kept_id, merged_id, snapshot_json, undone = rows
    if undone:
        raise EntityError("that merge was already undone")
    if get_entity(archive, kept_id) is None:
        raise EntityError("the entity it was merged into has been deleted since")
    snap = json.loads(snapshot_json)
    with archive.transaction() as db:
        entity = snap["entity"]
        db.execute(f"INSERT INTO entities({', '.join(entity)}) VALUES ({', '.join('?' * len(entity))})",
                   list(entity.values()))
        for alias in snap["aliases"]:
            db.execute(f"INSERT OR IGNORE INTO entity_aliases({', '.join(alias)}) VALUES "
                       f"({', '.join('?' * len(alias))})", list(alias.values()))
        for alias in snap["added_aliases"]:
            db.execute("DELETE FROM entity_aliases WHERE entity_id = ? AND alias = ?", [kept_id, alias])
        _update_many(db, "UPDATE mentions SET entity_id = ? WHERE id IN ({})", merged_id, snap["moved"])
        for mention in snap["clashing"]:
            db.execute(f"INSERT OR IGNORE INTO mentions({', '.join(mention)}) VALUES "
                       f"({', '.join('?' * len(mention))})", list(mention.values()))
        _update_many(db, "UPDATE entities SET parent_id = ? WHERE id IN ({})", merged_id, snap["children"])
        db.execute("UPDATE entities SET parent_id = ? WHERE id = ?", [snap["kept_parent"], kept_id])
        for proposal in snap["proposals"]:
            db.execute(f"INSERT OR IGNORE INTO merge_proposals({', '.join(proposal)}) VALUES "
                       f"({', '.join('?' * len(proposal))})", list(proposal.values()))
        db.execute("UPDATE entity_merges SET undone = 1 WHERE id = ?", [merge_id])
    articles = {m["article_id"] for m in snap["clashing"]}
    if snap["moved"]:
        marks = ",".join("?" * len(snap["moved"][:900]))
        articles |= {r[0] for r in archive.db.execute(
            f"SELECT article_id FROM mentions WHERE id IN ({marks})", snap["moved"][:900])}
        articles |= {r[0] for r in archive.db.execute(
            "SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?", [merged_id])}
    touch_articles(archive, articles)
    return merged_id


def split_alias(archive: Archive, entity_id: int, alias: str, *, kind: str | None = None) -> int:
    """Make ``alias`` an entity of its own, taking the mentions written that way with it.

    Undo it by merging the new entity back (:func:`merge_entities`)."""
    entity = get_entity(archive, entity_id)
    if entity is None:
        raise EntityError(f"there is no entity #{entity_id}")
    if alias not in entity.aliases:
        raise EntityError(f"\u201c{alias}\u201d is not a name of {entity.name}")
    if alias == entity.name:
        raise EntityError("the canonical name cannot be split off; rename the entity first")
    key = match_key(alias)
    with archive.transaction() as db:
        new_id = _create(db, alias, normalise_kind(kind or entity.kind), (), "", "", entity.parent_id, "user", set())
        db.execute("DELETE FROM entity_aliases WHERE entity_id = ? AND alias = ?", [entity_id, alias])
        moving = [r[0] for r in db.execute("SELECT id, surface FROM mentions WHERE entity_id = ?", [entity_id])
                  if match_key(r[1]) == key]
        _update_many(db, "UPDATE mentions SET entity_id = ? WHERE id IN ({})", new_id, moving)
        articles = [r[0] for r in db.execute("SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?", [new_id])]
    touch_articles(archive, articles)
    return new_id


def tag_span(archive: Archive, article_id: int, start: int, end: int, *, entity_id: int | None = None,
             name: str | None = None, kind: str = "other") -> tuple[int, int]:
    """A reporter's "Tag as...": a confirmed mention of an existing entity (``entity_id``) or of
    a new one (``name``, ``kind``). The selected words become an alias. Returns (entity, mention)."""
    row = archive.db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        raise EntityError(f"there is no article #{article_id}")
    body = row[0] or ""
    if not (0 <= start < end <= len(body)) or not body[start:end].strip():
        raise EntityError("select some words of the story to tag")
    surface = body[start:end]
    lead = len(surface) - len(surface.lstrip())
    start, end, surface = start + lead, end - (len(surface) - len(surface.rstrip())), surface.strip()
    with archive.transaction() as db:
        if entity_id is None:
            entity_id = _create(db, name or surface, normalise_kind(kind), (), "", "", None, "user", set())
        elif get_entity(archive, entity_id) is None:
            raise EntityError(f"there is no entity #{entity_id}")
        _insert_alias(db, entity_id, surface)
        db.execute(
            "INSERT INTO mentions(article_id, entity_id, start, end, surface, state, source, reason, confidence, "
            "created_at) VALUES (?, ?, ?, ?, ?, 'confirmed', 'user', 'tagged by hand', 1.0, ?) "
            "ON CONFLICT DO UPDATE SET state = 'confirmed'",
            [article_id, entity_id, start, end, surface, now_iso()],
        )
        mention_id = db.execute("SELECT id FROM mentions WHERE article_id = ? AND start = ? AND end = ? AND "
                                "entity_id = ?", [article_id, start, end, entity_id]).fetchone()[0]
    touch_articles(archive, [article_id])
    return entity_id, mention_id


def accept_proposed(archive: Archive, mention_id: int, *, entity_id: int | None = None,
                    kind: str | None = None) -> int:
    """Accept a proposed new name: link it to ``entity_id``, or to the one entity that already
    has that name, or else create the entity. Every mention of the same proposed name in the
    archive is linked too (still as suggestions there). Returns the entity id."""
    row = archive.db.execute("SELECT article_id, proposed_name, proposed_kind, surface FROM mentions "
                             "WHERE id = ? AND entity_id IS NULL", [mention_id]).fetchone()
    if row is None:
        raise EntityError("that suggestion is not a proposed new name")
    article_id, name, proposed_kind, surface = row
    name = name or surface
    if entity_id is None:
        existing = find_entities(archive, name)
        if len(existing) == 1:
            entity_id = existing[0]
    with archive.transaction() as db:
        if entity_id is None:
            entity_id = _create(db, name, normalise_kind(kind or proposed_kind or "other"), (), "", "", None,
                                "user", set())
        else:
            _insert_alias(db, entity_id, name)
        same = [r[0] for r in db.execute("SELECT id FROM mentions WHERE entity_id IS NULL AND proposed_name = ? "
                                         "AND state != 'rejected'", [name])]
        if len(name.split()) == 1 and normalise_kind(kind or proposed_kind or "other") == "person":
            # A bare surname: that story's person, not every Wallace in the archive.
            same = [r[0] for r in db.execute("SELECT id FROM mentions WHERE entity_id IS NULL AND proposed_name = ? "
                                             "AND state != 'rejected' AND article_id = ?", [name, article_id])]
        _update_many(db, "UPDATE mentions SET entity_id = ?, proposed_name = NULL, proposed_kind = NULL "
                         "WHERE id IN ({})", entity_id, same)
        db.execute("UPDATE mentions SET state = 'confirmed' WHERE id = ?", [mention_id])
        articles = [r[0] for r in db.execute("SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?",
                                             [entity_id])]
    touch_articles(archive, [article_id, *articles])
    return entity_id
