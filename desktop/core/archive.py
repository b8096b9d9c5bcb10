"""The archive: one folder, and the one door through which the app reads and writes it.

Layout::

    archive.db      SQLite (sqlite-utils), the record of truth
    originals/      every imported file, byte for byte, named by its SHA-256
    index/          the Whoosh search index, derived from archive.db and rebuildable
    archive.lock    held by the running copy that has the archive open for writing

An original is written (to a temporary name, flushed to disk, then renamed) *before* the
transaction that records its article commits. A crash can therefore leave an original with
no article (``check`` explains it and a re-import adopts it) but never an article without
its original.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from .articles import Article, row_to_article
from .locking import ArchiveLock
from .store import SCHEMA_VERSION, ArchiveTooNew, NotAnArchive, connect, migrate

if TYPE_CHECKING:
    import sqlite_utils

__all__ = ["Archive", "ArchiveError", "NotAnArchive", "ArchiveTooNew"]


class ArchiveError(Exception):
    """Base for problems opening an archive that the user must be told about."""


DB_NAME = "archive.db"
ORIGINALS_DIR = "originals"
INDEX_DIR = "index"
LOCK_NAME = "archive.lock"
#: Where originals are written before being renamed into place; emptied on open.
TMP_DIR = ".incoming"

_ARCHIVE_FILES = {DB_NAME, ORIGINALS_DIR, INDEX_DIR, LOCK_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"}


class Archive:
    """An open archive folder. Create with :meth:`open`; use as a context manager."""

    def __init__(self, folder: Path, db: sqlite_utils.Database, lock: ArchiveLock | None) -> None:
        self.folder = folder
        self.db = db
        self.readonly = lock is None
        self._lock = lock
        self._write_mutex = threading.RLock()

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, folder: str | os.PathLike[str], *, create: bool = True, readonly: bool = False) -> Archive:
        """Open (and with ``create``, make) the archive in ``folder``.

        Raises :class:`NotAnArchive` for a folder holding other files, :class:`ArchiveTooNew`
        for an archive from a newer app, and ``ArchiveLocked`` when another running copy has
        it open for writing. ``readonly`` opens without the lock, for reports like ``check``.
        """
        path = Path(folder).expanduser().resolve()
        db_path = path / DB_NAME
        if path.exists() and not path.is_dir():
            raise NotAnArchive(f"{path} is a file, not an archive folder")
        if not db_path.exists():
            if readonly or not create:
                raise NotAnArchive(f"{path} is not a Newsroom Archive (there is no {DB_NAME} in it)")
            if path.exists() and any(p.name not in _ARCHIVE_FILES for p in path.iterdir()):
                raise NotAnArchive(
                    f"{path} is not a Newsroom Archive and is not empty; choose an empty folder "
                    "for a new archive"
                )
        if readonly:
            db = connect(db_path, readonly=True)
            try:
                app_version = db.execute("PRAGMA user_version").fetchone()[0]
                if app_version > SCHEMA_VERSION:
                    raise ArchiveTooNew(
                        f"this archive was written by a newer version of Newsroom Archive "
                        f"(schema {app_version}; this version understands up to {SCHEMA_VERSION})"
                    )
                if app_version < SCHEMA_VERSION:
                    raise NotAnArchive(
                        f"{path} needs an upgrade: open it once for writing (e.g. in the app)"
                    )
            except (sqlite3.DatabaseError, ArchiveTooNew, NotAnArchive):
                db.conn.close()
                raise
            return cls(path, db, None)

        path.mkdir(parents=True, exist_ok=True)
        lock = ArchiveLock(path / LOCK_NAME)
        lock.acquire()
        try:
            db = connect(db_path)
            try:
                migrate(db, db_path, app_version=__version__)
            except BaseException:
                db.conn.close()
                raise
            (path / ORIGINALS_DIR).mkdir(exist_ok=True)
            (path / INDEX_DIR).mkdir(exist_ok=True)
            archive = cls(path, db, lock)
            archive._clear_incoming()
            return archive
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if not self.readonly:
                self.db.execute("PRAGMA optimize")
        self.db.conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- paths -----------------------------------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @property
    def originals_dir(self) -> Path:
        return self.folder / ORIGINALS_DIR

    @property
    def index_dir(self) -> Path:
        return self.folder / INDEX_DIR

    @property
    def incoming_dir(self) -> Path:
        return self.originals_dir / TMP_DIR

    def original_path(self, content_hash: str) -> Path:
        """``originals/ab/ab12...``: sharded so no folder holds 100,000 files."""
        return self.originals_dir / content_hash[:2] / content_hash

    # -- writing ---------------------------------------------------------------------------

    def _require_writable(self) -> None:
        if self.readonly:
            raise ArchiveError("the archive was opened read-only")

    def _clear_incoming(self) -> None:
        """Temporary originals are only ever left by a crash mid-write; they are incomplete."""
        if self.incoming_dir.is_dir():
            for leftover in self.incoming_dir.iterdir():
                with contextlib.suppress(OSError):
                    leftover.unlink()

    def write_original(self, data: bytes, content_hash: str, *, durable: bool = True) -> Path:
        """Store a file's bytes under its hash, atomically; a no-op if already there intact."""
        self._require_writable()
        final = self.original_path(content_hash)
        if final.is_file() and final.stat().st_size == len(data):
            return final
        self.incoming_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.incoming_dir / f"{content_hash}.{os.getpid()}.{threading.get_ident()}"
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        final.parent.mkdir(exist_ok=True)
        os.replace(tmp, final)
        return final

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction; commits on success, rolls back on any exception."""
        self._require_writable()
        with self._write_mutex:
            conn = self.db.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- reading ---------------------------------------------------------------------------

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def get(self, article_id: int) -> Article | None:
        rows = list(self.db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
        return row_to_article(rows[0]) if rows else None

    def list(self, *, limit: int = 50, offset: int = 0, newest_first: bool = True) -> list[Article]:
        """Articles in import order (newest first by default)."""
        order = "DESC" if newest_first else "ASC"
        rows = self.db.query(
            f"SELECT * FROM articles ORDER BY id {order} LIMIT ? OFFSET ?", [limit, offset]
        )
        return [row_to_article(row) for row in rows]

    def ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT id FROM articles ORDER BY id")]

    def id_for_hash(self, content_hash: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ?", [content_hash]
        ).fetchone()
        return row[0] if row else None

    def id_for_fingerprint(self, fingerprint: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE text_fingerprint = ? ORDER BY id LIMIT 1", [fingerprint]
        ).fetchone()
        return row[0] if row else None

    def meta(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set_meta(self, key: str, value: Any) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [key, json.dumps(value)]
            )
