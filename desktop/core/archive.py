"""The archive: one folder, and the one door through which the app reads and writes it.

Layout::

    archive.db      SQLite (sqlite-utils), the record of truth
    originals/      every imported file, byte for byte, named by its SHA-256
    index/          the Whoosh search index, derived from archive.db and rebuildable
    archive.lock    held by the running copy that has the archive open for writing
    quarantine/     what repairs and recovery took away, in dated folders (never deleted)

An original is written (to a temporary name, flushed to disk, then renamed) *before* the
transaction that records its article commits. A crash can therefore leave an original with
no article (``check`` explains it and a re-import adopts it) but never an article without
its original.

Opening checks before it changes anything (see :mod:`desktop.core.layout` and
:mod:`desktop.core.damage`): no path the app uses may be a link, and a missing or damaged
database beside stored originals is refused with advice to run ``recover``, never replaced by an
empty one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from .articles import Article, row_to_article
from .damage import ArchiveDamaged, count_stored_originals, damaged_message, describe_db_damage, is_damage_error
from .files import file_sha256
from .layout import (
    DB_NAME,
    INDEX_DIR,
    LOCK_NAME,
    ORIGINALS_DIR,
    QUARANTINE_DIR,
    TMP_DIR,
    TRASH_DIR,
    UnsafeArchive,
    check_layout,
    ensure_real_dir,
)
from .locking import ArchiveLock, ArchiveReadOnly
from .store import APPLICATION_ID, SCHEMA_VERSION, ArchiveTooNew, NotAnArchive, connect, migrate

if TYPE_CHECKING:
    import sqlite_utils

__all__ = [
    "Archive", "ArchiveDamaged", "ArchiveError", "ArchiveReadOnly", "ArchiveTooNew", "NotAnArchive",
    "UnsafeArchive",
]


class ArchiveError(Exception):
    """Base for problems opening an archive that the user must be told about."""


_ARCHIVE_FILES = {DB_NAME, ORIGINALS_DIR, INDEX_DIR, LOCK_NAME, QUARANTINE_DIR, TRASH_DIR,
                  f"{DB_NAME}-wal", f"{DB_NAME}-shm"}
#: Tables every archive has had since schema 1; one missing means the database was damaged.
_CORE_TABLES = {"meta", "articles", "import_batches", "import_results"}


#: Below this much free space, an I/O error on opening is the full disk's, not damage.
_NEARLY_FULL = 1 << 20


def _full_disk_instead(path: Path, exc: BaseException) -> None:
    """Raise ENOSPC when the disk holding the archive is full: SQLite then fails to create its
    journal ("disk I/O error"), which must not be mistaken for a damaged database."""
    try:
        free = shutil.disk_usage(path).free
    except OSError:
        return
    if free < _NEARLY_FULL:
        raise OSError(errno.ENOSPC, f"the disk holding {path} is full ({free:,} bytes free): free some "
                      "space, then open the archive again; nothing in it was changed") from exc


def _refuse_damaged_file(path: Path, db_path: Path, *, writing: bool) -> None:
    """Raise :class:`ArchiveDamaged` when archive.db is missing or broken beside stored originals.

    An empty or missing database next to an empty ``originals/`` is an archive whose creation
    was interrupted (or a new one): nothing can be lost by initialising it, so writing may."""
    stored = count_stored_originals(path / ORIGINALS_DIR, stop_at=1)
    if not db_path.exists():
        if stored:
            total = count_stored_originals(path / ORIGINALS_DIR)
            raise ArchiveDamaged(damaged_message(
                path, f"{DB_NAME} is missing, but originals/ holds {total} stored file(s)"))
        return
    what = describe_db_damage(db_path)
    if what is None:
        return
    if db_path.stat().st_size == 0 and not stored and writing:
        return
    if stored:
        what += f"; originals/ holds {count_stored_originals(path / ORIGINALS_DIR)} stored file(s)"
    raise ArchiveDamaged(damaged_message(path, what))


def _refuse_unusable_schema(db: sqlite_utils.Database, path: Path, *, writing: bool) -> None:
    """Read the header and table list: a stranger's database, a damaged one, or one too new."""
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise ArchiveDamaged(damaged_message(path, f"{DB_NAME} is not a readable SQLite database ({exc})")) from exc
    if tables and app_id != APPLICATION_ID:
        raise NotAnArchive(f"{path / DB_NAME} is an SQLite database, but not a Newsroom Archive")
    if version > SCHEMA_VERSION:
        raise ArchiveTooNew(
            f"this archive was written by a newer version of Newsroom Archive "
            f"(schema {version}; this version understands up to {SCHEMA_VERSION})"
        )
    stored = count_stored_originals(path / ORIGINALS_DIR, stop_at=1)
    if not tables:
        if stored:
            raise ArchiveDamaged(damaged_message(
                path, f"{DB_NAME} holds no tables, but originals/ holds stored files"))
        if not writing:
            raise NotAnArchive(f"{path} is not a Newsroom Archive yet ({DB_NAME} is empty)")
        return
    missing = _CORE_TABLES - tables
    if version >= 1 and missing:
        raise ArchiveDamaged(damaged_message(
            path, f"{DB_NAME} has lost its {', '.join(sorted(missing))} table(s)"))
    if not writing and version < SCHEMA_VERSION:
        raise NotAnArchive(f"{path} needs an upgrade: open it once for writing (e.g. in the app)")


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
        for an archive from a newer app, ``ArchiveLocked`` when another running copy has
        it open for writing, :class:`ArchiveDamaged` for a missing, empty, cut-short or
        unreadable database beside stored originals (``recover`` rebuilds it), :class:`UnsafeArchive`
        when a path the app uses inside the folder is a link, and :class:`ArchiveReadOnly` when
        the folder cannot be written (open it with ``readonly`` instead). ``readonly`` opens without
        the lock, for reports like ``check`` and for searching read-only media. Nothing in the
        folder is changed before all of these checks have passed.
        """
        path = Path(folder).expanduser().resolve()
        db_path = path / DB_NAME
        if path.exists() and not path.is_dir():
            raise NotAnArchive(f"{path} is a file, not an archive folder")
        check_layout(path)
        _refuse_damaged_file(path, db_path, writing=not readonly)
        if not db_path.exists():
            if readonly or not create:
                raise NotAnArchive(f"{path} is not a Newsroom Archive (there is no {DB_NAME} in it)")
            if path.exists() and any(p.name not in _ARCHIVE_FILES for p in path.iterdir()):
                raise NotAnArchive(
                    f"{path} is not a Newsroom Archive and is not empty; choose an empty folder "
                    "for a new archive"
                )
        if readonly:
            try:
                db = connect(db_path, readonly=True)
            except NotAnArchive as exc:
                _full_disk_instead(path, exc)
                raise ArchiveDamaged(damaged_message(path, str(exc))) from exc
            except sqlite3.DatabaseError as exc:
                if is_damage_error(exc):
                    raise ArchiveDamaged(damaged_message(path, f"{DB_NAME}: {exc}")) from exc
                raise
            try:
                _refuse_unusable_schema(db, path, writing=False)
            except BaseException:
                db.conn.close()
                raise
            return cls(path, db, None)

        path.mkdir(parents=True, exist_ok=True)
        lock = ArchiveLock(path / LOCK_NAME)
        lock.acquire()
        try:
            check_layout(path)  # again, now that no other copy of the app can be changing it
            try:
                db = connect(db_path)
            except NotAnArchive as exc:
                _full_disk_instead(path, exc)
                raise ArchiveDamaged(damaged_message(path, str(exc))) from exc
            except sqlite3.OperationalError as exc:
                if "readonly" in str(exc) or "unable to open" in str(exc):
                    raise ArchiveReadOnly(
                        f"the archive folder {path} cannot be written ({exc}): it can be searched "
                        "and read, but not changed"
                    ) from exc
                raise
            try:
                _refuse_unusable_schema(db, path, writing=True)
                migrate(db, db_path, app_version=__version__)
            except sqlite3.DatabaseError as exc:
                db.conn.close()
                _full_disk_instead(path, exc)
                if is_damage_error(exc):
                    raise ArchiveDamaged(damaged_message(path, f"{DB_NAME}: {exc}")) from exc
                raise
            except BaseException:
                db.conn.close()
                raise
            ensure_real_dir(path / ORIGINALS_DIR, path)
            ensure_real_dir(path / INDEX_DIR, path)
            archive = cls(path, db, lock)
            archive._clear_incoming()
            archive._clear_index_builds()
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

    @property
    def quarantine_dir(self) -> Path:
        return self.folder / QUARANTINE_DIR

    def original_path(self, content_hash: str) -> Path:
        """``originals/ab/ab12...``: sharded so no folder holds 100,000 files."""
        return self.originals_dir / content_hash[:2] / content_hash

    # -- writing ---------------------------------------------------------------------------

    def _require_writable(self) -> None:
        if self.readonly:
            raise ArchiveError("the archive was opened read-only")

    def _clear_incoming(self) -> None:
        """Temporary originals are only ever left by a crash mid-write; they are incomplete.

        Only regular files directly in a real ``.incoming`` folder are removed: the folder was
        checked not to be a link when the archive was opened, and is looked at again here."""
        incoming = self.incoming_dir
        if not os.path.lexists(incoming):
            return
        try:
            ensure_real_dir(incoming, self.folder)
        except UnsafeArchive:
            return
        with os.scandir(incoming) as entries:
            for leftover in entries:
                if leftover.is_file(follow_symlinks=False) or leftover.is_symlink():
                    with contextlib.suppress(OSError):
                        os.unlink(leftover.path)  # a link itself is removed, never its target

    def _clear_index_builds(self) -> None:
        """Half-built search indexes (``index/building-<pid>``, ``index/old-<pid>``) are only ever
        left by a killed reindex or indexer: derived data, rebuilt from the database whenever
        needed, and nothing else can be building while this process holds the lock."""
        index = self.index_dir
        if not index.is_dir() or index.is_symlink():
            return
        for leftover in [*index.glob("building-*"), *index.glob("old-*")]:
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)

    def original_is_intact(self, content_hash: str, size: int | None = None) -> bool:
        """True when the stored original exists as a regular file with exactly these bytes."""
        final = self.original_path(content_hash)
        try:
            info = os.lstat(final)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode) or (size is not None and info.st_size != size):
            return False
        try:
            return file_sha256(final) == content_hash
        except OSError:
            return False

    def write_original(self, data: bytes, content_hash: str, *, durable: bool = True) -> Path:
        """Store a file's bytes under its hash, atomically; a no-op if already there intact.

        An original that is there but altered (other bytes, or not a regular file) is moved to
        the quarantine and replaced: the new bytes are written to a temporary file, flushed,
        then renamed over it, so there is never a moment without a complete original."""
        self._require_writable()
        final = self.original_path(content_hash)
        if self.original_is_intact(content_hash, len(data)):
            return final
        incoming = ensure_real_dir(self.incoming_dir, self.folder)
        tmp = incoming / f"{content_hash}.{os.getpid()}.{threading.get_ident()}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            with os.fdopen(os.open(tmp, flags, 0o644), "wb") as handle:
                handle.write(data)
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
        except BaseException:
            with contextlib.suppress(OSError):  # a full disk must not leave half an original behind
                os.unlink(tmp)
            raise
        ensure_real_dir(final.parent, self.folder)
        if os.path.lexists(final):
            from .quarantine import Quarantine

            Quarantine(self.folder, "altered-original").move(final)
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
                # SQLite may already have rolled back itself (a full disk, an I/O error): a second
                # ROLLBACK would raise "no transaction is active" and hide the real error.
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

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
