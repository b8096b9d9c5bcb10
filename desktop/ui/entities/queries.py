"""The reads behind the entity browser and page, as plain functions run off the GUI thread.

Each function takes the archive and returns plain data, so the widgets can hand it to
``ctx.run_read`` whole and only copy the answer into their models in the GUI thread. Nothing here
imports Qt: these belong with the core's entity store and can move there unchanged.

Sizes were chosen for a large desk archive (10,000 entities, 100,000 stories): one job reads
everything a page shows, so a page opens with one round trip to the search thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...core.entities.proposals import MergeProposal, open_proposals
from ...core.entities.store import Entity, EntitySummary, get_entity, list_entities

if TYPE_CHECKING:
    from ...core.archive import Archive

__all__ = [
    "EntityListing", "PageData", "RelatedEntity", "StoryRow", "co_occurring", "entity_listing",
    "entity_stories", "kept_after_merge", "page_data", "parent_choices",
]

#: How many co-occurring entities a page lists.
RELATED_LIMIT = 10


@dataclass
class StoryRow:
    id: int
    date: str | None
    outlet: str | None
    headline: str | None


@dataclass
class RelatedEntity:
    id: int
    name: str
    kind: str
    shared: int


@dataclass
class EntityListing:
    """The browser's rows for one filter, with the archive's total for the count label."""

    rows: list[EntitySummary]
    total: int
    open_proposals: int


@dataclass
class PageData:
    """Everything an entity page shows, read in one job."""

    entity: Entity
    parent_name: str | None
    stories: list[StoryRow]
    related: list[RelatedEntity]
    proposals: list[MergeProposal]
    #: (id, name, kind) of every entity that may become the parent (not itself or a descendant).
    parents: list[tuple[int, str, str]] = field(default_factory=list)


def entity_listing(archive: Archive, *, kind: str | None = None, search: str = "") -> EntityListing:
    rows = list_entities(archive, kind=kind or None, search=search)
    total = archive.db.execute("SELECT count(*) FROM entities").fetchone()[0]
    proposals = archive.db.execute("SELECT count(*) FROM merge_proposals WHERE state = 'open'").fetchone()[0]
    return EntityListing(rows, int(total), int(proposals))


def entity_stories(archive: Archive, entity_id: int) -> list[StoryRow]:
    """Stories mentioning the entity (mentions not rejected), newest first, undated last."""
    rows = archive.db.execute(
        """SELECT a.id, a.pub_date, a.outlet, a.headline FROM articles a
           WHERE a.id IN (SELECT article_id FROM mentions WHERE entity_id = ? AND state != 'rejected')""",
        [entity_id],
    ).fetchall()
    stories = [StoryRow(*row) for row in rows]
    stories.sort(key=lambda s: (s.date is None, s.date or "", s.id))
    dated = [s for s in stories if s.date]
    return [*reversed(dated), *[s for s in stories if not s.date]]


def co_occurring(archive: Archive, entity_id: int, limit: int = RELATED_LIMIT) -> list[RelatedEntity]:
    """The entities sharing the most stories with ``entity_id``."""
    rows = archive.db.execute(
        """SELECT e.id, e.name, e.kind, count(DISTINCT other.article_id) AS shared
           FROM mentions own
           JOIN mentions other ON other.article_id = own.article_id AND other.entity_id != own.entity_id
           JOIN entities e ON e.id = other.entity_id
           WHERE own.entity_id = ? AND own.state != 'rejected' AND other.state != 'rejected'
           GROUP BY e.id ORDER BY shared DESC, e.name COLLATE NOCASE LIMIT ?""",
        [entity_id, int(limit)],
    ).fetchall()
    return [RelatedEntity(*row) for row in rows]


def parent_choices(archive: Archive, entity_id: int) -> list[tuple[int, str, str]]:
    """Entities that may be ``entity_id``'s parent: all but itself and its descendants."""
    rows = archive.db.execute("SELECT id, name, kind, parent_id FROM entities").fetchall()
    children: dict[int, list[int]] = {}
    for row_id, _name, _kind, parent in rows:
        if parent is not None:
            children.setdefault(parent, []).append(row_id)
    excluded, todo = {entity_id}, [entity_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in excluded:
                excluded.add(child)
                todo.append(child)
    found = [(r[0], r[1], r[2]) for r in rows if r[0] not in excluded]
    found.sort(key=lambda r: (r[1].casefold(), r[0]))
    return found


def kept_after_merge(archive: Archive, merged_id: int) -> int | None:
    """The entity ``merged_id`` was last merged into (and not undone), if it was."""
    row = archive.db.execute(
        "SELECT kept_id FROM entity_merges WHERE merged_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1",
        [merged_id],
    ).fetchone()
    return int(row[0]) if row else None


def page_data(archive: Archive, entity_id: int, *, with_parents: bool = True) -> PageData | int | None:
    """A page's data; for an entity merged away since, the id it was merged into; else None."""
    entity = get_entity(archive, entity_id)
    if entity is None:
        return kept_after_merge(archive, entity_id)
    parent = get_entity(archive, entity.parent_id) if entity.parent_id is not None else None
    return PageData(
        entity=entity,
        parent_name=parent.name if parent else None,
        stories=entity_stories(archive, entity_id),
        related=co_occurring(archive, entity_id),
        proposals=open_proposals(archive, entity_id),
        parents=parent_choices(archive, entity_id) if with_parents else [],
    )
