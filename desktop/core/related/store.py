"""Links between stories and event threads in the archive: create, list, remove, undo.

A link is typed and two-way: stored once (a -> b) and shown on both stories, with the label
that reads right from each side ("follow-up" on one, "followed up by" on the other). Removing a
link returns it, so Undo can put it back exactly. Threads are named groups of stories; a story
can be in several. Every change that alters a story's links or threads gives it a new revision,
so the ``related:`` and ``thread:`` searches follow.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..clock import now_iso
from ..entities.store import touch_articles

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = [
    "LINK_TYPES", "Link", "LinkError", "StoryLinkRow", "Thread", "ThreadStory", "add_link", "add_to_thread",
    "create_thread", "delete_thread", "dismiss_suggestion", "dismissed_with", "get_thread", "links_for",
    "list_threads", "remove_from_thread", "remove_link", "rename_thread", "restore_link", "thread_story_ids",
    "thread_timeline", "threads_for",
]

#: Link types: (stored name, label from a's side, label from b's side).
LINK_TYPES: dict[str, tuple[str, str]] = {
    "same_event": ("same event", "same event"),
    "follow_up": ("followed up by", "follow-up of"),
    "background": ("has background", "background for"),
    "contradicts": ("contradicted by", "contradicts"),
    "version": ("other version", "other version"),
    "other": ("related", "related"),
}


class LinkError(ValueError):
    """A link or thread edit that cannot be made; the message is for the reporter."""


@dataclass
class Link:
    id: int
    a_id: int
    b_id: int
    type: str
    note: str
    origin: str
    created_at: str


@dataclass
class StoryLinkRow:
    """A link as seen from one story: the other story and the label that reads from here."""

    link: Link
    other_id: int
    label: str
    headline: str | None
    outlet: str | None
    date: str | None


def _link(row: Sequence[Any]) -> Link:
    return Link(*row)


def add_link(archive: Archive, a_id: int, b_id: int, link_type: str = "same_event", *, note: str = "",
             origin: str = "user") -> Link:
    """Link two stories (idempotent: the same link again returns the existing one)."""
    if link_type not in LINK_TYPES:
        raise LinkError(f"unknown link type {link_type!r}; expected one of {', '.join(LINK_TYPES)}")
    if a_id == b_id:
        raise LinkError("a story cannot be linked to itself")
    for article_id in (a_id, b_id):
        if archive.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is None:
            raise LinkError(f"there is no story #{article_id}")
    if LINK_TYPES[link_type][0] == LINK_TYPES[link_type][1] and a_id > b_id:
        a_id, b_id = b_id, a_id  # symmetric types: one row per pair
    with archive.transaction() as db:
        db.execute("INSERT OR IGNORE INTO story_links(a_id, b_id, type, note, origin, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)", [a_id, b_id, link_type, note.strip(), origin, now_iso()])
        if note.strip():
            db.execute("UPDATE story_links SET note = ? WHERE a_id = ? AND b_id = ? AND type = ?",
                       [note.strip(), a_id, b_id, link_type])
        row = db.execute("SELECT id, a_id, b_id, type, note, origin, created_at FROM story_links "
                         "WHERE a_id = ? AND b_id = ? AND type = ?", [a_id, b_id, link_type]).fetchone()
    touch_articles(archive, [a_id, b_id])
    return _link(row)


def remove_link(archive: Archive, link_id: int) -> Link:
    """Remove a link; returns it (for :func:`restore_link`)."""
    row = archive.db.execute("SELECT id, a_id, b_id, type, note, origin, created_at FROM story_links WHERE id = ?",
                             [link_id]).fetchone()
    if row is None:
        raise LinkError(f"there is no link #{link_id}")
    with archive.transaction() as db:
        db.execute("DELETE FROM story_links WHERE id = ?", [link_id])
    link = _link(row)
    touch_articles(archive, [link.a_id, link.b_id])
    return link


def restore_link(archive: Archive, link: Link) -> None:
    """Undo :func:`remove_link` (same id, note and date), if both stories still exist."""
    with archive.transaction() as db:
        db.execute("INSERT OR IGNORE INTO story_links(id, a_id, b_id, type, note, origin, created_at) "
                   "SELECT ?, ?, ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM articles WHERE id IN (?, ?)) = 2",
                   [link.id, link.a_id, link.b_id, link.type, link.note, link.origin, link.created_at,
                    link.a_id, link.b_id])
    touch_articles(archive, [link.a_id, link.b_id])


def links_for(archive: Archive, article_id: int) -> list[StoryLinkRow]:
    """Every link of a story, from its side, grouped by type then date of the other story."""
    rows = archive.db.execute(
        """SELECT l.id, l.a_id, l.b_id, l.type, l.note, l.origin, l.created_at, o.id, o.headline, o.outlet, o.pub_date
           FROM story_links l JOIN articles o ON o.id = CASE WHEN l.a_id = ? THEN l.b_id ELSE l.a_id END
           WHERE l.a_id = ? OR l.b_id = ?
           ORDER BY l.type, o.pub_date IS NULL, o.pub_date, o.id""",
        [article_id, article_id, article_id],
    ).fetchall()
    found = []
    for row in rows:
        link = _link(row[:7])
        from_a, from_b = LINK_TYPES.get(link.type, ("related", "related"))
        found.append(StoryLinkRow(link, row[7], from_a if link.a_id == article_id else from_b, row[8], row[9], row[10]))
    return found


def dismiss_suggestion(archive: Archive, a_id: int, b_id: int) -> None:
    """A suggested related story the reporter does not want: never suggested again."""
    low, high = sorted((a_id, b_id))
    with archive.transaction() as db:
        db.execute("INSERT OR IGNORE INTO dismissed_suggestions(low_id, high_id, dismissed_at) VALUES (?, ?, ?)",
                   [low, high, now_iso()])


def dismissed_with(archive: Archive, article_id: int) -> set[int]:
    rows = archive.db.execute("SELECT low_id, high_id FROM dismissed_suggestions WHERE low_id = ? OR high_id = ?",
                              [article_id, article_id]).fetchall()
    return {high if low == article_id else low for low, high in rows}


# -- threads -----------------------------------------------------------------------------------


@dataclass
class Thread:
    id: int
    name: str
    description: str
    origin: str
    stories: int
    first_date: str | None
    last_date: str | None


@dataclass
class ThreadStory:
    article_id: int
    date: str | None
    outlet: str | None
    headline: str | None


_THREAD_SQL = """
    SELECT t.id, t.name, t.description, t.origin, count(ts.article_id), min(a.pub_date), max(a.pub_date)
    FROM threads t LEFT JOIN thread_stories ts ON ts.thread_id = t.id LEFT JOIN articles a ON a.id = ts.article_id
"""


def create_thread(archive: Archive, name: str, article_ids: Iterable[int] = (), *, description: str = "",
                  origin: str = "user") -> int:
    name = " ".join(name.split())
    if not name:
        raise LinkError("a thread needs a name")
    if archive.db.execute("SELECT 1 FROM threads WHERE name = ? COLLATE NOCASE", [name]).fetchone():
        raise LinkError(f"there is already a thread called \u201c{name}\u201d")
    stamp = now_iso()
    with archive.transaction() as db:
        thread_id = int(db.execute("INSERT INTO threads(name, description, origin, created_at, updated_at) "
                                   "VALUES (?, ?, ?, ?, ?)", [name, description, origin, stamp, stamp]).lastrowid)
    add_to_thread(archive, thread_id, article_ids)
    return thread_id


def add_to_thread(archive: Archive, thread_id: int, article_ids: Iterable[int]) -> int:
    ids = [i for i in dict.fromkeys(article_ids)
           if archive.db.execute("SELECT 1 FROM articles WHERE id = ?", [i]).fetchone()]
    stamp = now_iso()
    with archive.transaction() as db:
        added = sum(db.execute("INSERT OR IGNORE INTO thread_stories(thread_id, article_id, added_at) VALUES (?, ?, ?)",
                               [thread_id, i, stamp]).rowcount for i in ids)
        db.execute("UPDATE threads SET updated_at = ? WHERE id = ?", [stamp, thread_id])
    touch_articles(archive, ids)
    return added


def remove_from_thread(archive: Archive, thread_id: int, article_ids: Iterable[int]) -> None:
    ids = list(article_ids)
    with archive.transaction() as db:
        for article_id in ids:
            db.execute("DELETE FROM thread_stories WHERE thread_id = ? AND article_id = ?", [thread_id, article_id])
    touch_articles(archive, ids)


def rename_thread(archive: Archive, thread_id: int, name: str, *, description: str | None = None) -> None:
    name = " ".join(name.split())
    if not name:
        raise LinkError("a thread needs a name")
    clash = archive.db.execute("SELECT id FROM threads WHERE name = ? COLLATE NOCASE AND id != ?",
                               [name, thread_id]).fetchone()
    if clash:
        raise LinkError(f"there is already a thread called \u201c{name}\u201d")
    with archive.transaction() as db:
        db.execute("UPDATE threads SET name = ?, description = coalesce(?, description), updated_at = ? WHERE id = ?",
                   [name, description, now_iso(), thread_id])
    touch_articles(archive, thread_story_ids_by_id(archive, thread_id))


def delete_thread(archive: Archive, thread_id: int) -> list[int]:
    """Delete a thread (its stories stay); returns the story ids it had."""
    ids = thread_story_ids_by_id(archive, thread_id)
    with archive.transaction() as db:
        db.execute("DELETE FROM threads WHERE id = ?", [thread_id])
    touch_articles(archive, ids)
    return ids


def list_threads(archive: Archive) -> list[Thread]:
    rows = archive.db.execute(_THREAD_SQL + " GROUP BY t.id ORDER BY max(a.pub_date) DESC, t.name").fetchall()
    return [Thread(*r) for r in rows]


def get_thread(archive: Archive, thread_id_or_name: int | str) -> Thread | None:
    if isinstance(thread_id_or_name, int):
        rows = archive.db.execute(_THREAD_SQL + " WHERE t.id = ? GROUP BY t.id", [thread_id_or_name]).fetchall()
    else:
        rows = archive.db.execute(_THREAD_SQL + " WHERE t.name = ? COLLATE NOCASE GROUP BY t.id",
                                  [" ".join(thread_id_or_name.split())]).fetchall()
    return Thread(*rows[0]) if rows else None


def threads_for(archive: Archive, article_id: int) -> list[Thread]:
    rows = archive.db.execute(_THREAD_SQL + " WHERE t.id IN (SELECT thread_id FROM thread_stories WHERE article_id = ?)"
                              " GROUP BY t.id ORDER BY t.name", [article_id]).fetchall()
    return [Thread(*r) for r in rows]


def thread_timeline(archive: Archive, thread_id: int) -> list[ThreadStory]:
    """The thread's stories by date (undated last): date, outlet, headline."""
    rows = archive.db.execute(
        "SELECT a.id, a.pub_date, a.outlet, a.headline FROM thread_stories ts JOIN articles a ON a.id = ts.article_id "
        "WHERE ts.thread_id = ? ORDER BY a.pub_date IS NULL, a.pub_date, a.id", [thread_id]).fetchall()
    return [ThreadStory(*r) for r in rows]


def related_keys_by_article(db: Any, article_ids: Sequence[int]) -> dict[int, tuple[list[str], list[str]]]:
    """Article id -> (ids of linked stories, ids of its threads), for the search index."""
    found: dict[int, tuple[list[str], list[str]]] = {}
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        try:
            links = db.execute(f"SELECT a_id, b_id FROM story_links WHERE a_id IN ({marks}) OR b_id IN ({marks})",
                               [*chunk, *chunk]).fetchall()
            threads = db.execute(f"SELECT article_id, thread_id FROM thread_stories WHERE article_id IN ({marks})",
                                 chunk).fetchall()
        except Exception:  # noqa: BLE001 - an archive from before related stories
            return {}
        wanted = set(chunk)
        for a, b in links:
            for here, other in ((a, b), (b, a)):
                if here in wanted:
                    found.setdefault(here, ([], []))[0].append(str(other))
        for article_id, thread_id in threads:
            found.setdefault(article_id, ([], []))[1].append(f"t{thread_id}")
    return found


def thread_story_ids_by_id(archive: Archive, thread_id: int) -> list[int]:
    return [s.article_id for s in thread_timeline(archive, thread_id)]


def thread_story_ids(archive: Archive, name: str) -> list[int] | None:
    """The stories of the thread called ``name`` by date, or None when there is no such thread."""
    thread = get_thread(archive, name)
    return thread_story_ids_by_id(archive, thread.id) if thread else None
