"""Saved searches: a name for a query with its filters and sort, kept in the archive.

A desk re-runs the same searches every morning ("Kataib Hezbollah, newest first, this month");
keeping them in archive.db means they travel with the archive folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .clock import now_iso
from .search.requests import SORTS  # the result orders a search can have (no Whoosh import)

if TYPE_CHECKING:
    from .archive import Archive

__all__ = ["SORTS", "SavedSearch", "delete_saved", "get_saved", "list_saved", "save_search"]



@dataclass
class SavedSearch:
    name: str
    query: str
    filters: list[tuple[str, str]] = field(default_factory=list)
    sort: str = "relevance"
    id: int | None = None
    created_at: str = ""
    updated_at: str = ""

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "query": self.query,
                "filters": [list(f) for f in self.filters], "sort": self.sort,
                "created_at": self.created_at, "updated_at": self.updated_at}


def _from_row(row: dict[str, object]) -> SavedSearch:
    return SavedSearch(
        id=int(row["id"]),  # type: ignore[arg-type]
        name=str(row["name"]),
        query=str(row["query"]),
        filters=[(str(k), str(v)) for k, v in json.loads(str(row["filters"]))],
        sort=str(row["sort"]),
        created_at=str(row["created_at"]),
        updated_at=str(row["updated_at"]),
    )


def save_search(
    archive: Archive, name: str, query: str, *, filters: list[tuple[str, str]] | None = None,
    sort: str = "relevance",
) -> SavedSearch:
    """Create or replace (by name, case-insensitively) a saved search."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("a saved search needs a name")
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    stamp = now_iso()
    with archive.transaction() as db:
        db.execute(
            """INSERT INTO saved_searches(name, query, filters, sort, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(name) DO UPDATE SET query = excluded.query, filters = excluded.filters,
                   sort = excluded.sort, updated_at = excluded.updated_at""",
            [name, query, json.dumps([list(f) for f in filters or []]), sort, stamp, stamp],
        )
    saved = get_saved(archive, name)
    assert saved is not None
    return saved


def get_saved(archive: Archive, name: str) -> SavedSearch | None:
    rows = list(archive.db.query("SELECT * FROM saved_searches WHERE name = ? COLLATE NOCASE", [name.strip()]))
    return _from_row(rows[0]) if rows else None


def list_saved(archive: Archive) -> list[SavedSearch]:
    return [_from_row(r) for r in archive.db.query("SELECT * FROM saved_searches ORDER BY name COLLATE NOCASE")]


def delete_saved(archive: Archive, name: str) -> bool:
    with archive.transaction() as db:
        cursor = db.execute("DELETE FROM saved_searches WHERE name = ? COLLATE NOCASE", [name.strip()])
    return cursor.rowcount > 0
