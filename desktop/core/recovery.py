"""``newsroom-archive recover``: bring a damaged archive back from what its database still holds
and from its stored originals.

The database (with its ``-wal`` and ``-shm``) is moved into ``quarantine/<date>-recover/``, never
deleted. A fresh database with the current schema is made, every row that still reads is copied
into it (:mod:`desktop.core.salvage`), then every stored original that no salvaged article (or
trashed one) uses is read again by the importers, as if it were imported anew: its format comes
from its first bytes, since originals are stored under their hash without an extension. Finally
the search index is rebuilt. The report says what came back and what did not; the CLI and the
GUI (File > Open's "Recover…") both run :func:`recover_archive`.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import __version__
from .files import file_sha256
from .layout import DB_NAME, LOCK_NAME, ORIGINALS_DIR, TMP_DIR, check_layout
from .locking import ArchiveLock
from .quarantine import Quarantine
from .salvage import SalvageResult, salvage_rows
from .store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    ArchiveTooNew,
    NotAnArchive,
    connect,
    migrate,
    open_readonly_connection,
)

__all__ = ["RecoveryReport", "recover_archive", "sniff_extension"]

#: ``progress(done, total, what)``; ``what`` names the stage ("salvage", "originals", "index").
RecoveryProgress = Callable[[int, int, str], None]

_HASH_NAME_RE = re.compile(r"^[0-9a-f]{64}$")
_HEADER_LINE_RE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{1,40}:[ \t]")
_MAIL_HEADERS = (b"from:", b"subject:", b"date:", b"received:", b"message-id:", b"mime-version:",
                 b"to:", b"return-path:")


@dataclass
class RecoveryReport:
    folder: str
    database_found: bool = False
    salvaged: dict[str, int] = field(default_factory=dict)
    damaged_stretches: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)
    salvage_error: str | None = None
    rebuilt: list[dict[str, object]] = field(default_factory=list)
    duplicates: list[dict[str, object]] = field(default_factory=list)
    unreadable: list[dict[str, str]] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)
    articles: int = 0
    indexed: int = 0

    @property
    def ok(self) -> bool:
        """Everything came back: the database was read whole and every unused original was read."""
        return (self.database_found and not self.unreadable and not self.damaged_stretches
                and self.salvage_error is None)

    def to_json(self) -> dict[str, object]:
        return {"ok": self.ok, **asdict(self)}

    def lines(self) -> list[str]:
        out = []
        if not self.database_found:
            out.append("no database was found: every article is rebuilt from the stored originals "
                       "(edits, entities and other work done in the app could not be recovered)")
        elif self.salvage_error:
            out.append(f"nothing could be read from the old database ({self.salvage_error})")
        for table, rows in sorted(self.salvaged.items()):
            if rows:
                out.append(f"salvaged {rows} row(s) of {table}")
        for table, stretches in sorted(self.damaged_stretches.items()):
            out.append(f"skipped {stretches} damaged stretch(es) of {table} that could not be read")
        for table, rows in sorted(self.dropped.items()):
            out.append(f"dropped {rows} row(s) of {table} that pointed at lost records")
        out.append(f"rebuilt {len(self.rebuilt)} article(s) from their stored originals")
        for item in self.duplicates:
            out.append(f"original {item['original']} is the same article as #{item['article_id']}")
        for item in self.unreadable:
            out.append(f"could not read original {item['original']}: {item['reason']}")
        out.extend(self.quarantined)
        return out


def sniff_extension(data: bytes) -> str | None:
    """The file-name extension the importers need for bytes stored without a name.

    Prefers the importing package's ``sniff_format`` when it has one."""
    try:
        from .importing.formats import sniff_format  # type: ignore[attr-defined]
    except ImportError:
        sniff_format = None
    if sniff_format is not None:
        found = sniff_format(data)
        return None if not found else found if found.startswith(".") else f".{found}"
    head = data[:4096]
    if head.lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".docx" if b"word/document.xml" in data else None
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in text[:1024] \
            or (text.startswith(b"<") and b"<body" in text):
        return ".html"
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    headers = []
    for line in lines:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue  # a folded header line
        if not _HEADER_LINE_RE.match(line):
            headers = []
            break
        headers.append(line.lower())
    if len(headers) >= 2 and any(h.startswith(_MAIL_HEADERS) for h in headers):
        return ".eml"
    if b"\x00" in head:  # binary, unless UTF-16 text (a BOM, or a NUL beside most letters)
        utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") > len(head) * 0.3
        return ".txt" if utf16 else None
    return ".txt"


def _set_aside_database(folder: Path, quarantine: Quarantine) -> Path | None:
    """Move archive.db and its companions into the quarantine; the moved database's path."""
    moved = None
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = folder / f"{DB_NAME}{suffix}"
        if path.exists():
            quarantine.move(path)
            if not suffix:
                moved = quarantine.folder / DB_NAME
    return moved


def _refuse_foreign_or_newer(db_path: Path) -> None:
    """A database that reads and is someone else's, or from a newer app, is not ours to rebuild."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return
    try:
        conn = open_readonly_connection(db_path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return  # damaged: exactly what recovery is for
    if tables and app_id != APPLICATION_ID:
        raise NotAnArchive(f"{db_path} is an SQLite database, but not a Newsroom Archive; nothing was changed")
    if version > SCHEMA_VERSION:
        raise ArchiveTooNew(f"this archive was written by a newer version of Newsroom Archive (schema "
                            f"{version}; this version understands up to {SCHEMA_VERSION}); update the app "
                            "and recover with it. Nothing was changed")


def _make_fresh_database(folder: Path, old: Path | None, report: RecoveryReport) -> None:
    db = connect(folder / DB_NAME)
    try:
        migrate(db, folder / DB_NAME, app_version=__version__)
        if old is not None and old.stat().st_size > 0:
            result: SalvageResult = salvage_rows(old, db.conn)
            report.salvaged = result.copied
            report.damaged_stretches = result.damaged_stretches
            report.dropped = result.dropped
            report.salvage_error = result.error
            for table in result.unreadable_tables:
                report.damaged_stretches[table] = report.damaged_stretches.get(table, 0) + 1
        elif old is not None:
            report.salvage_error = f"{DB_NAME} was empty (0 bytes)"
    finally:
        db.conn.close()


def _unused_originals(archive: object) -> list[Path]:
    db = archive.db  # type: ignore[attr-defined]
    used = {row[0] for row in db.execute("SELECT content_hash FROM articles")}
    used |= {row[0] for row in db.execute("SELECT content_hash FROM trash")}
    found = []
    root: Path = archive.originals_dir  # type: ignore[attr-defined]
    for shard in sorted(root.iterdir()) if root.is_dir() else []:
        if shard.name == TMP_DIR or shard.is_symlink() or not shard.is_dir():
            continue
        for path in sorted(shard.iterdir()):
            if (_HASH_NAME_RE.match(path.name) and path.name.startswith(shard.name)
                    and path.name not in used and not path.is_symlink() and path.is_file()):
                found.append(path)
    return found


def _rebuild_from_originals(archive: object, quarantine: Quarantine, report: RecoveryReport,
                            progress: RecoveryProgress | None, cancel: object) -> None:
    from .operations import import_and_index

    folder: Path = archive.folder  # type: ignore[attr-defined]
    originals = _unused_originals(archive)
    if not originals:
        return
    staging = quarantine.folder / "re-reading"
    staging.mkdir(parents=True, exist_ok=True)
    staged: dict[str, Path] = {}
    try:
        for done, path in enumerate(originals):
            if progress is not None:
                progress(done, len(originals), "originals")
            shown = str(path.relative_to(folder))
            try:
                if file_sha256(path) != path.name:
                    report.unreadable.append({"original": shown, "reason": "its bytes no longer match "
                                              "its name (the file was altered); it was left where it is"})
                    continue
                with open(path, "rb") as handle:
                    head = handle.read(1 << 20)
            except OSError as exc:
                report.unreadable.append({"original": shown, "reason": exc.strerror or str(exc)})
                continue
            extension = sniff_extension(head if len(head) < (1 << 20) else path.read_bytes())
            if extension is None:
                report.unreadable.append({"original": shown, "reason": "its format could not be recognised"})
                continue
            target = staging / f"{path.name[:16]}{extension}"
            try:
                os.link(path, target)
            except OSError:
                shutil.copyfile(path, target)
            staged[str(target)] = path
        imported = import_and_index(archive, [staging], cancel=cancel)  # type: ignore[arg-type]
        by_shown = {os.path.basename(k): v for k, v in staged.items()}
        for outcome in imported.outcomes:
            original = by_shown.get(os.path.basename(outcome.path))
            shown = str(original.relative_to(folder)) if original else outcome.path
            if outcome.status.value == "imported":
                report.rebuilt.append({"original": shown, "article_id": outcome.article_id,
                                       "headline": outcome.headline})
            elif outcome.status.value == "duplicate":
                report.duplicates.append({"original": shown, "article_id": outcome.article_id})
            else:
                report.unreadable.append({"original": shown, "reason": outcome.reason or outcome.status.value})
        ids = [item["article_id"] for item in report.rebuilt]
        if ids:
            with archive.transaction() as db:  # type: ignore[attr-defined]
                db.execute(  # the staging copies are gone: no source to point at
                    f"UPDATE articles SET source_path = NULL WHERE id IN ({','.join('?' for _ in ids)})", ids)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # links to (or copies of) originals only


def recover_archive(
    folder: str | os.PathLike[str], *, progress: RecoveryProgress | None = None, cancel: object = None
) -> RecoveryReport:
    """Salvage ``folder``'s database into a fresh one and rebuild the rest from the originals.

    Raises what :meth:`Archive.open` raises for a folder that is not an archive, unsafe (links),
    locked by another running copy or read-only."""
    from .archive import Archive
    from .search.index import SearchIndex

    path = Path(folder).expanduser().resolve()
    if not path.is_dir():
        raise NotAnArchive(f"{path} is not a folder")
    check_layout(path)
    if not (path / DB_NAME).exists() and not (path / ORIGINALS_DIR).is_dir():
        raise NotAnArchive(f"{path} is not a Newsroom Archive (it has neither {DB_NAME} nor originals/)")
    report = RecoveryReport(folder=str(path))
    quarantine = Quarantine(path, "recover")
    lock = ArchiveLock(path / LOCK_NAME)
    lock.acquire()
    try:
        _refuse_foreign_or_newer(path / DB_NAME)
        if progress is not None:
            progress(0, 3, "salvage")
        old = _set_aside_database(path, quarantine)
        report.database_found = old is not None
        _make_fresh_database(path, old, report)
    finally:
        lock.release()
    report.quarantined = list(quarantine.moved)
    with Archive.open(path, create=False) as archive:
        _rebuild_from_originals(archive, quarantine, report, progress, cancel)
        if progress is not None:
            progress(2, 3, "index")
        index = SearchIndex(archive)
        try:
            report.indexed = index.rebuild()
        finally:
            index.close()
        report.articles = archive.count()
    if progress is not None:
        progress(3, 3, "done")
    return report
