"""Correcting metadata and deleting stories, both undoable.

An edit records the values it replaced, so the app's Undo puts them back exactly (provenance
included). A delete moves the article's row and its original into the trash (a table and the
``trash/`` folder) instead of destroying them: Undo restores the same article under the same
id, and nothing is lost until the reporter empties the trash. The search index follows both
through the archive's revisions, like any other change.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .articles import METADATA_FIELDS, Article
from .clock import now_iso
from .importing.types import PartialDate, Provenance

if TYPE_CHECKING:
    from .archive import Archive

__all__ = [
    "Deletion", "Edit", "EditError", "confirm_fields", "delete_articles", "empty_trash",
    "restore_deleted", "trash_count", "undo_edit", "update_metadata",
]

TRASH_DIR = "trash"
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
#: Editable field -> database column.
_COLUMNS = {"headline": "headline", "byline": "byline", "outlet": "outlet", "credit": "credit", "date": "pub_date",
            "dateline": "dateline", "url": "url", "language": "language"}


class EditError(ValueError):
    """A value a reporter typed that cannot be stored; the message says why."""


@dataclass
class Edit:
    """One metadata edit of one article, with what it replaced (for Undo)."""

    article_id: int
    before: dict[str, Any]
    after: dict[str, Any]
    provenance_before: dict[str, str] = field(default_factory=dict)


@dataclass
class Deletion:
    """A batch of deleted articles (for Undo)."""

    batch: str
    article_ids: list[int]


def _clean(name: str, value: Any) -> Any:
    """The database value for an edited field, or :class:`EditError`."""
    if name == "byline":
        names = value if isinstance(value, (list, tuple)) else re.split(r"\s*[;,]\s*|\s+and\s+", str(value or ""))
        return json.dumps([" ".join(str(n).split()) for n in names if str(n).strip()], ensure_ascii=False)
    text = " ".join(str(value).split()) if value is not None else ""
    if not text:
        return None
    if name == "date":
        try:
            return (value if isinstance(value, PartialDate) else PartialDate.parse_iso(text)).iso()
        except ValueError:
            raise EditError(f"'{text}' is not a date: use 2020-03-12, 2020-03 or 2020") from None
    if name == "url" and not re.match(r"^https?://\S+$", text, re.IGNORECASE):
        raise EditError("a URL must start with http:// or https://")
    if name == "language" and not _LANGUAGE_RE.match(text.lower()):
        raise EditError(f"'{text}' is not a language code such as en, ar or fr")
    return text.lower() if name == "language" else text


def _current(archive: Archive, article_id: int) -> Article:
    article = archive.get(article_id)
    if article is None:
        raise EditError(f"there is no article #{article_id}")
    return article


def update_metadata(archive: Archive, article_id: int, changes: dict[str, Any]) -> Edit:
    """Store corrected values; each edited field becomes *confirmed*. Returns the undo record."""
    unknown = set(changes) - set(METADATA_FIELDS)
    if unknown:
        raise EditError(f"not an editable field: {', '.join(sorted(unknown))}")
    article = _current(archive, article_id)
    row = archive.db.execute(
        f"SELECT {', '.join(_COLUMNS[n] for n in changes)} FROM articles WHERE id = ?", [article_id]
    ).fetchone() if changes else ()
    before = {name: row[i] for i, name in enumerate(changes)}
    after = {name: _clean(name, value) for name, value in changes.items()}
    provenance = dict(article.provenance)
    edit = Edit(article_id, before, after, dict(article.provenance))
    for name in changes:
        provenance[name] = Provenance.CONFIRMED.value
    _write(archive, article_id, after, provenance)
    return edit


def confirm_fields(archive: Archive, article_id: int, names: list[str]) -> Edit:
    """Mark values as checked by a person without changing them (clears "needs review")."""
    article = _current(archive, article_id)
    provenance = dict(article.provenance)
    edit = Edit(article_id, {}, {}, dict(article.provenance))
    for name in names:
        if name not in METADATA_FIELDS:
            raise EditError(f"not an editable field: {name}")
        provenance[name] = Provenance.CONFIRMED.value
    _write(archive, article_id, {}, provenance)
    return edit


def undo_edit(archive: Archive, edit: Edit) -> None:
    """Put back exactly what the edit replaced, provenance included."""
    _current(archive, edit.article_id)
    _write(archive, edit.article_id, edit.before, edit.provenance_before)


def _write(archive: Archive, article_id: int, values: dict[str, Any], provenance: dict[str, str]) -> None:
    sets = [f"{_COLUMNS[name]} = ?" for name in values]
    params = list(values.values())
    with archive.transaction() as db:
        db.execute(
            f"UPDATE articles SET {', '.join([*sets, 'provenance = ?', 'updated_at = ?'])} WHERE id = ?",
            [*params, json.dumps(provenance), now_iso(), article_id],
        )


# -- deleting ----------------------------------------------------------------------------------


def _trash_path(archive: Archive, content_hash: str) -> Path:
    return archive.folder / TRASH_DIR / content_hash


#: Key of what hangs on an article (mentions, quotes, links, threads) inside its trash record.
DEPENDENTS_KEY = "__dependents__"
#: Tables whose rows belong to an article, and how to find them ("{m}": the id placeholders).
_DEPENDENT_TABLES = (
    ("mentions", "article_id IN ({m})", ("article_id",)),
    ("quotes", "article_id IN ({m})", ("article_id",)),
    ("story_links", "a_id IN ({m}) OR b_id IN ({m})", ("a_id", "b_id")),
    ("thread_stories", "article_id IN ({m})", ("article_id",)),
)
#: Columns that point at rows which may be gone by the time a story is restored.
_OPTIONAL_REFERENCES = {"entity_id": "entities", "statement_id": "statements"}
_REQUIRED_REFERENCES = {"thread_id": "threads", "a_id": "articles", "b_id": "articles"}


def _dependents(db: Any, article_ids: list[int]) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """Article id -> {table: rows} of everything that belongs to it (see _DEPENDENT_TABLES)."""
    found: dict[int, dict[str, list[dict[str, Any]]]] = {}
    marks = ",".join("?" * len(article_ids))
    wanted = set(article_ids)
    for table, where, owners in _DEPENDENT_TABLES:
        sql = f"SELECT * FROM {table} WHERE {where.format(m=marks)}"
        params = article_ids * where.count("{m}")
        for row in db.query(sql, params):
            for owner in owners:
                if row[owner] in wanted:
                    found.setdefault(row[owner], {}).setdefault(table, []).append(dict(row))
    return found


def _restore_dependents(db: Any, dependents: dict[str, list[dict[str, Any]]]) -> None:
    """Put back an article's rows; references to what was deleted meanwhile are dropped."""
    for table, rows in dependents.items():
        for row in rows:
            row = dict(row)
            if table != "story_links":
                row.pop("id", None)
            if "statement_id" in row:
                row["statement_id"] = None  # statements are regrouped after the restore
            for column, target in _OPTIONAL_REFERENCES.items():
                if row.get(column) is not None and not db.execute(
                        f"SELECT 1 FROM {target} WHERE id = ?", [row[column]]).fetchone():
                    if table == "mentions" and column == "entity_id":
                        row = {}  # a mention of an entity that no longer exists
                        break
                    row[column] = None
            if not row or any(row.get(c) is not None and not db.execute(
                    f"SELECT 1 FROM {t} WHERE id = ?", [row[c]]).fetchone() for c, t in _REQUIRED_REFERENCES.items()):
                continue  # the other story or the thread is gone
            names = ", ".join(row)
            db.execute(f"INSERT OR IGNORE INTO {table}({names}) VALUES ({', '.join('?' * len(row))})",
                       list(row.values()))
#: Stories moved to or from the trash in one transaction.
TRASH_CHUNK = 500


def delete_articles(archive: Archive, article_ids: list[int], *,
                    progress: Callable[[int, int], None] | None = None) -> Deletion:
    """Move articles (rows and originals) to the trash; returns the record Undo needs.

    Rows move first, a chunk per transaction, then their originals. A crash in between leaves
    an original in ``originals/`` that no row names (``check`` explains it; restoring or
    re-importing the story uses it), never a live article whose original is in the trash.
    """
    batch = uuid.uuid4().hex
    deleted: list[int] = []
    (archive.folder / TRASH_DIR).mkdir(exist_ok=True)
    wanted = list(dict.fromkeys(article_ids))
    for start in range(0, len(wanted), TRASH_CHUNK):
        chunk = wanted[start : start + TRASH_CHUNK]
        marks = ",".join("?" * len(chunk))
        with archive.transaction() as db:
            rows = list(db.query(f"SELECT * FROM articles WHERE id IN ({marks})", chunk))
            # What hangs on the article (mentions, quotations, links, threads) goes to the trash
            # with it, so Undo brings the story back as it was.
            dependents = _dependents(db, chunk)
            for row in rows:
                row[DEPENDENTS_KEY] = dependents.get(row["id"], {})
            stamp = now_iso()
            db.conn.executemany(
                "INSERT INTO trash(article_id, content_hash, row, deleted_at, batch) VALUES (?, ?, ?, ?, ?)",
                [(r["id"], r["content_hash"], json.dumps(r, ensure_ascii=False), stamp, batch) for r in rows],
            )
            found = [r["id"] for r in rows]
            found_marks = ",".join("?" * len(found))
            db.execute(f"DELETE FROM import_results WHERE article_id IN ({found_marks})", found)
            db.execute(f"DELETE FROM articles WHERE id IN ({found_marks})", found)
        for row in rows:
            original = archive.original_path(row["content_hash"])
            if original.exists():
                os.replace(original, _trash_path(archive, row["content_hash"]))
        order = {article_id: i for i, article_id in enumerate(chunk)}
        deleted.extend(sorted(found, key=order.__getitem__))
        if progress is not None:
            progress(min(start + TRASH_CHUNK, len(wanted)), len(wanted))
    return Deletion(batch, deleted)


def restore_deleted(archive: Archive, deletion: Deletion) -> list[int]:
    """Undo a delete: the same articles come back under the same ids. Returns the ids restored
    (an article whose file was imported again meanwhile stays in the trash).

    Originals move back before their rows, so a crash leaves at worst an unreferenced original
    and a trash entry that a second Undo or ``check`` still understands."""
    restored = []
    entries = list(archive.db.query("SELECT * FROM trash WHERE batch = ? ORDER BY id", [deletion.batch]))
    for start in range(0, len(entries), TRASH_CHUNK):
        chunk = [(entry, json.loads(entry["row"])) for entry in entries[start : start + TRASH_CHUNK]]
        chunk = [(entry, row) for entry, row in chunk if archive.id_for_hash(row["content_hash"]) is None]
        for _entry, row in chunk:
            trashed = _trash_path(archive, row["content_hash"])
            final = archive.original_path(row["content_hash"])
            final.parent.mkdir(parents=True, exist_ok=True)
            if os.path.exists(trashed):
                os.replace(trashed, final)
        with archive.transaction() as db:
            for entry, row in chunk:
                row.pop("rev", None)
                dependents = row.pop(DEPENDENTS_KEY, {})
                columns = ", ".join(row)
                db.execute(f"INSERT INTO articles({columns}) VALUES ({', '.join('?' * len(row))})",
                           list(row.values()))
                db.execute("DELETE FROM trash WHERE id = ?", [entry["id"]])
                _restore_dependents(db, dependents)
                restored.append(row["id"])
    if restored:
        from .quotes.store import regroup_statements

        regroup_statements(archive)
    return restored


def trash_count(archive: Archive) -> int:
    return int(archive.db.execute("SELECT count(*) FROM trash").fetchone()[0])


def empty_trash(archive: Archive) -> int:
    """Delete the trash for good; returns how many articles were removed."""
    entries = archive.db.execute("SELECT id, content_hash FROM trash").fetchall()
    for _, content_hash in entries:
        _trash_path(archive, content_hash).unlink(missing_ok=True)
    with archive.transaction() as db:
        db.execute("DELETE FROM trash")
    return len(entries)
