"""Entities and mentions in the archive's SQLite file: reading them and the small edits.

Every change that alters which entities an article mentions "touches" the article (bumps its
revision), so the search index catches up on it like on any other edit and ``entity:`` searches
and the entity facet stay true. Merging, splitting and their undo live in :mod:`.editing`;
suggestions in :mod:`.suggest`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..clock import now_iso
from .kinds import normalise_kind

if TYPE_CHECKING:
    import sqlite_utils

    from ..archive import Archive

__all__ = [
    "CONFIRMED", "REJECTED", "STATES", "SUGGESTED", "Entity", "EntityError", "EntitySummary", "Mention",
    "add_alias", "create_entity", "entities_for_article", "entity_ids_by_article", "find_entities",
    "get_entity", "list_entities", "mentions_for_article", "mentions_json", "remove_alias", "set_mention_state",
    "touch_articles", "update_entity",
]

SUGGESTED, CONFIRMED, REJECTED = "suggested", "confirmed", "rejected"
#: Mention states, in the order the reader lists them.
STATES = (CONFIRMED, SUGGESTED, REJECTED)


class EntityError(ValueError):
    """An entity edit that cannot be made; the message is for the reporter."""


@dataclass
class Entity:
    id: int
    name: str
    kind: str
    description: str = ""
    notes: str = ""
    parent_id: int | None = None
    origin: str = "user"
    aliases: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """The canonical name first, then the other aliases."""
        return [self.name, *[a for a in self.aliases if a != self.name]]


@dataclass
class EntitySummary:
    id: int
    name: str
    kind: str
    stories: int
    confirmed: int
    aliases: int


@dataclass
class Mention:
    id: int
    article_id: int
    entity_id: int | None
    start: int
    end: int
    surface: str
    state: str
    source: str
    reason: str
    confidence: float
    #: For a name no entity has yet: the name and kind the patterns propose.
    proposed_name: str | None = None
    proposed_kind: str | None = None
    #: Filled in when read with the entity: its name and kind.
    entity_name: str | None = None
    entity_kind: str | None = None

    @property
    def label(self) -> str:
        return self.entity_name or self.proposed_name or self.surface

    @property
    def kind(self) -> str:
        return self.entity_kind or self.proposed_kind or "other"


# -- entities ----------------------------------------------------------------------------------


def _insert_alias(db: sqlite_utils.Database, entity_id: int, alias: str, case_sensitive: bool | None = None) -> None:
    from .variants import is_case_sensitive_alias, match_key  # (not at import: the GUI paints first)

    alias = " ".join(alias.split())
    if not alias:
        return
    sensitive = is_case_sensitive_alias(alias) if case_sensitive is None else case_sensitive
    db.execute(
        "INSERT OR IGNORE INTO entity_aliases(entity_id, alias, match_key, case_sensitive) VALUES (?, ?, ?, ?)",
        [entity_id, alias, match_key(alias), int(sensitive)],
    )


def create_entity(
    archive: Archive, name: str, kind: str, *, aliases: Iterable[str] = (), description: str = "",
    notes: str = "", parent_id: int | None = None, origin: str = "user",
    case_sensitive: Iterable[str] = (),
) -> int:
    """A new entity whose canonical name is also its first alias. Returns its id."""
    name = " ".join(name.split())
    if not name:
        raise EntityError("an entity needs a name")
    kind = normalise_kind(kind)
    sensitive = set(case_sensitive)
    with archive.transaction() as db:
        return _create(db, name, kind, aliases, description, notes, parent_id, origin, sensitive)


def _create(db: sqlite_utils.Database, name: str, kind: str, aliases: Iterable[str], description: str,
            notes: str, parent_id: int | None, origin: str, sensitive: set[str]) -> int:
    stamp = now_iso()
    cursor = db.execute(
        "INSERT INTO entities(name, kind, description, notes, parent_id, origin, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [name, kind, description, notes, parent_id, origin, stamp, stamp],
    )
    entity_id = int(cursor.lastrowid)
    for alias in [name, *aliases]:
        _insert_alias(db, entity_id, alias, True if alias in sensitive else None)
    return entity_id


def get_entity(archive: Archive, entity_id: int) -> Entity | None:
    rows = list(archive.db.query("SELECT * FROM entities WHERE id = ?", [entity_id]))
    if not rows:
        return None
    row = rows[0]
    aliases = [r[0] for r in archive.db.execute(
        "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY id", [entity_id]).fetchall()]
    return Entity(row["id"], row["name"], row["kind"], row["description"], row["notes"], row["parent_id"],
                  row["origin"], aliases)


def update_entity(archive: Archive, entity_id: int, *, name: str | None = None, kind: str | None = None,
                  description: str | None = None, notes: str | None = None,
                  parent_id: int | None | type[Ellipsis] = ...) -> Entity:
    """Rename, change kind, description, notes or parent. Renaming keeps the old name as an alias."""
    entity = get_entity(archive, entity_id)
    if entity is None:
        raise EntityError(f"there is no entity #{entity_id}")
    changes: dict[str, Any] = {}
    if name is not None:
        name = " ".join(name.split())
        if not name:
            raise EntityError("an entity needs a name")
        changes["name"] = name
    if kind is not None:
        changes["kind"] = normalise_kind(kind)
    if description is not None:
        changes["description"] = description.strip()
    if notes is not None:
        changes["notes"] = notes.strip()
    if parent_id is not ...:
        if parent_id is not None and _is_ancestor_or_self(archive, entity_id, int(parent_id)):  # type: ignore[arg-type]
            raise EntityError("an entity cannot be its own parent, even through another one")
        changes["parent_id"] = parent_id
    if not changes:
        return entity
    changes["updated_at"] = now_iso()
    with archive.transaction() as db:
        sets = ", ".join(f"{k} = ?" for k in changes)
        db.execute(f"UPDATE entities SET {sets} WHERE id = ?", [*changes.values(), entity_id])
        if "name" in changes:
            _insert_alias(db, entity_id, changes["name"])
    if "name" in changes or "kind" in changes:
        touch_articles(archive, _articles_of(archive, [entity_id]))
    updated = get_entity(archive, entity_id)
    assert updated is not None
    return updated


def _is_ancestor_or_self(archive: Archive, entity_id: int, parent_id: int) -> bool:
    seen, current = set(), parent_id
    while current is not None and current not in seen:
        if current == entity_id:
            return True
        seen.add(current)
        row = archive.db.execute("SELECT parent_id FROM entities WHERE id = ?", [current]).fetchone()
        current = row[0] if row else None
    return False


def add_alias(archive: Archive, entity_id: int, alias: str, *, case_sensitive: bool | None = None) -> None:
    if get_entity(archive, entity_id) is None:
        raise EntityError(f"there is no entity #{entity_id}")
    if not alias.strip():
        raise EntityError("an alias cannot be empty")
    with archive.transaction() as db:
        _insert_alias(db, entity_id, alias, case_sensitive)


def remove_alias(archive: Archive, entity_id: int, alias: str) -> None:
    entity = get_entity(archive, entity_id)
    if entity is None:
        raise EntityError(f"there is no entity #{entity_id}")
    if alias == entity.name:
        raise EntityError("the canonical name cannot be removed; rename the entity first")
    with archive.transaction() as db:
        db.execute("DELETE FROM entity_aliases WHERE entity_id = ? AND alias = ?", [entity_id, alias])


def find_entities(archive: Archive, text: str) -> list[int]:
    """Entities one of whose aliases is ``text`` (apostrophes, accents and case folded)."""
    from .variants import match_key

    key = match_key(text)
    if not key:
        return []
    rows = archive.db.execute(
        "SELECT DISTINCT entity_id FROM entity_aliases WHERE match_key = ? ORDER BY entity_id", [key]
    ).fetchall()
    return [r[0] for r in rows]


def list_entities(archive: Archive, *, kind: str | None = None, search: str = "", limit: int | None = None
                  ) -> list[EntitySummary]:
    """Entities with their story counts (confirmed or suggested mentions), most stories first.

    ``search`` matches the start of any word of any alias, folded like the matcher folds."""
    where, params = [], []
    if kind:
        where.append("e.kind = ?")
        params.append(normalise_kind(kind))
    from .variants import match_key

    key = match_key(search) if search.strip() else ""
    if key:
        where.append("e.id IN (SELECT entity_id FROM entity_aliases WHERE match_key LIKE ? OR match_key LIKE ?)")
        params += [f"{key}%", f"% {key}%"]
    sql = f"""
        SELECT e.id, e.name, e.kind,
               (SELECT count(DISTINCT m.article_id) FROM mentions m
                 WHERE m.entity_id = e.id AND m.state != 'rejected') AS stories,
               (SELECT count(DISTINCT m.article_id) FROM mentions m
                 WHERE m.entity_id = e.id AND m.state = 'confirmed') AS confirmed,
               (SELECT count(*) FROM entity_aliases a WHERE a.entity_id = e.id) AS aliases
        FROM entities e {'WHERE ' + ' AND '.join(where) if where else ''}
        ORDER BY stories DESC, e.name COLLATE NOCASE
        {'LIMIT ' + str(int(limit)) if limit else ''}
    """
    return [EntitySummary(*row) for row in archive.db.execute(sql, params).fetchall()]


# -- mentions ----------------------------------------------------------------------------------

_MENTION_SQL = """
    SELECT m.id, m.article_id, m.entity_id, m.start, m.end, m.surface, m.state, m.source, m.reason,
           m.confidence, m.proposed_name, m.proposed_kind, e.name, e.kind
    FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id
"""


def mentions_for_article(archive: Archive, article_id: int, *, include_rejected: bool = False) -> list[Mention]:
    sql = _MENTION_SQL + " WHERE m.article_id = ?" + ("" if include_rejected else " AND m.state != 'rejected'")
    return [Mention(*row) for row in archive.db.execute(sql + " ORDER BY m.start", [article_id]).fetchall()]


PROPOSED_NEW = "proposed new"


def mentions_json(archive: Archive, article_id: int) -> list[dict[str, Any]]:
    """The story's entity mentions for ``show ID --json``: name, kind, state, confidence, span.

    ``state`` is "confirmed", "suggested" (linked to an entity, not yet confirmed) or "proposed
    new" (a name no entity has yet); rejected mentions are left out."""
    out: list[dict[str, Any]] = []
    for m in mentions_for_article(archive, article_id):
        state = PROPOSED_NEW if m.entity_id is None and m.state == SUGGESTED else m.state
        out.append({
            "name": m.label, "kind": m.kind, "state": state, "confidence": m.confidence,
            "start": m.start, "end": m.end, "surface": m.surface, "entity_id": m.entity_id,
            "source": m.source, "reason": m.reason,
        })
    return out


def entities_for_article(archive: Archive, article_id: int) -> list[tuple[int, str, str, str, int]]:
    """(entity id, name, kind, best state, mention count) of the article's entities, confirmed
    first; proposed new names are not entities yet and are left out."""
    rows = archive.db.execute(
        """SELECT e.id, e.name, e.kind,
                  CASE WHEN sum(m.state = 'confirmed') > 0 THEN 'confirmed' ELSE 'suggested' END,
                  count(*)
           FROM mentions m JOIN entities e ON e.id = m.entity_id
           WHERE m.article_id = ? AND m.state != 'rejected'
           GROUP BY e.id ORDER BY 4, e.kind, e.name COLLATE NOCASE""",
        [article_id],
    ).fetchall()
    return [tuple(r) for r in rows]  # type: ignore[misc]


#: Suggested mentions at or above this confidence count in ``entity:`` searches by default;
#: confirmed mentions always count. Below it, only with "include every suggestion".
SEARCH_CONFIDENCE = 0.7
#: Suffix of the index term for an entity only weakly suggested in a story ("e12w").
WEAK = "w"


def entity_ids_by_article(db: Any, article_ids: Sequence[int]) -> dict[int, list[int | str]]:
    """Article id -> the entities it mentions (not rejected), for the search index.

    An entity the story only weakly suggests (every mention a suggestion under
    :data:`SEARCH_CONFIDENCE`) is given as ``"12w"`` (indexed ``e12w``), so ``entity:`` finds it
    only when asked to include every suggestion."""
    found: dict[int, list[int | str]] = {}
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"SELECT article_id, entity_id, max(state = 'confirmed' OR confidence >= ?) FROM mentions "
            f"WHERE article_id IN ({marks}) AND entity_id IS NOT NULL AND state != 'rejected' "
            "GROUP BY article_id, entity_id",
            [SEARCH_CONFIDENCE, *chunk],
        ).fetchall()
        for article_id, entity_id, strong in rows:
            found.setdefault(article_id, []).append(entity_id if strong else f"{entity_id}{WEAK}")
    return found


def set_mention_state(archive: Archive, mention_ids: Sequence[int], state: str) -> int:
    """Confirm, reject or re-suggest mentions; returns how many changed."""
    if state not in STATES:
        raise EntityError(f"unknown mention state {state!r}")
    if not mention_ids:
        return 0
    marks = ",".join("?" * len(mention_ids))
    articles = [r[0] for r in archive.db.execute(
        f"SELECT DISTINCT article_id FROM mentions WHERE id IN ({marks})", list(mention_ids)).fetchall()]
    with archive.transaction() as db:
        changed = db.execute(f"UPDATE mentions SET state = ? WHERE id IN ({marks}) AND state != ?",
                             [state, *mention_ids, state]).rowcount
    touch_articles(archive, articles)
    return changed


def _articles_of(archive: Archive, entity_ids: Sequence[int]) -> list[int]:
    if not entity_ids:
        return []
    marks = ",".join("?" * len(entity_ids))
    return [r[0] for r in archive.db.execute(
        f"SELECT DISTINCT article_id FROM mentions WHERE entity_id IN ({marks})", list(entity_ids)).fetchall()]


def touch_articles(archive: Archive, article_ids: Iterable[int]) -> None:
    """Give the articles a new revision so the search index re-reads their entities."""
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        with archive.transaction() as db:
            db.execute(f"UPDATE articles SET rev = rev WHERE id IN ({marks})", chunk)
