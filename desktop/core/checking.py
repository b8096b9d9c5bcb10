"""``check``: prove that the archive is whole, and explain anything that is not.

Errors are things that lose a reporter's work (a damaged database, a missing or altered
original, a text value that is not valid UTF-8); notes are harmless leftovers that have a known
cause (an original stored just before a crash, whose article was never committed; an index
build or an export cut short) and that ``--repair`` tidies away.

``--repair`` never deletes: what it takes away is moved to ``quarantine/<date>-repair/`` and
listed. It only judges an original unneeded when the database has been read whole and found
healthy; with a damaged database it touches no original and points to ``recover``.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .clock import now_iso
from .damage import RECOVER_ADVICE, is_damage_error
from .files import file_sha256
from .layout import INDEX_DIR, ORIGINALS_DIR, QUARANTINE_DIR, TMP_DIR
from .quarantine import Quarantine, quarantine_contents
from .store import open_readonly_connection

if TYPE_CHECKING:
    from .archive import Archive

__all__ = ["CheckReport", "Finding", "check_archive"]

_HASH_NAME_RE = re.compile(r"^[0-9a-f]{64}$")
#: At most this many undecodable values are listed one by one; the rest are counted.
_MAX_LISTED = 50
#: Up to this many unreferenced originals (or a tenth of the articles) are taken for crash
#: leftovers; more mean lost articles, and repair leaves them for ``recover``.
_FEW_ORPHANS = 20


@dataclass
class Finding:
    severity: str  # "error" or "note"
    code: str
    message: str


@dataclass
class CheckReport:
    articles: int = 0
    originals: int = 0
    findings: list[Finding] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    #: Whether the database was read whole and found sound (only then may repairs judge originals).
    database_healthy: bool = True

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "note"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, code: str, message: str) -> None:
        self.findings.append(Finding("error", code, message))

    def note(self, code: str, message: str) -> None:
        self.findings.append(Finding("note", code, message))

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "articles": self.articles,
            "originals": self.originals,
            "findings": [asdict(f) for f in self.findings],
            "repaired": self.repaired,
        }


def _damaged(report: CheckReport, exc: BaseException) -> None:
    report.database_healthy = False
    report.error("database", f"the database is damaged ({exc}). {RECOVER_ADVICE}")


def _check_database(archive: Archive, report: CheckReport) -> None:
    result = [row[0] for row in archive.db.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        report.database_healthy = False
        report.error("database", "SQLite integrity check failed: " + "; ".join(result[:5]) + ". " + RECOVER_ADVICE)
    bad_keys = archive.db.execute("PRAGMA foreign_key_check").fetchall()
    if bad_keys:
        report.error("database", f"{len(bad_keys)} rows point at records that do not exist")
    empty = archive.db.execute(
        "SELECT id FROM articles WHERE body IS NULL OR trim(body) = '' OR content_hash = ''"
    ).fetchall()
    for (article_id,) in empty:
        report.error("incomplete", f"article #{article_id} has no text")


def _interrupted_batches(archive: Archive) -> list[tuple[int, str]]:
    """Imports that never finished and that no later finished import has followed."""
    return archive.db.execute(
        """SELECT id, started_at FROM import_batches AS b WHERE finished_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM import_batches AS later
                           WHERE later.id > b.id AND later.finished_at IS NOT NULL)"""
    ).fetchall()


def _check_batches(archive: Archive, report: CheckReport, repair: bool) -> None:
    unfinished = _interrupted_batches(archive)
    if repair and not archive.readonly and unfinished:
        with archive.transaction() as db:
            for batch_id, _started in unfinished:
                db.execute("UPDATE import_batches SET finished_at = ?, cancelled = 1 WHERE id = ?",
                           [now_iso(), batch_id])
                report.repaired.append(f"closed the record of interrupted import #{batch_id}")
        return
    for batch_id, started in unfinished:
        report.note(
            "interrupted-import",
            f"import #{batch_id} started {started} was interrupted; every file it committed is "
            "complete, and importing the same files again finishes the rest",
        )


def _restore_from_source(archive: Archive, digest: str, source: str | None) -> bool:
    """Put back a missing or altered original from the file it was imported from, if unchanged."""
    if not source or archive.readonly:
        return False
    path = Path(source)
    try:
        if not path.is_absolute() or not path.is_file() or file_sha256(path) != digest:
            return False
        archive.write_original(path.read_bytes(), digest)
    except OSError:
        return False
    return True


def _check_originals(
    archive: Archive, report: CheckReport, progress: Callable[[int, int], None] | None, repair: bool
) -> set[str]:
    rows = archive.db.execute("SELECT id, content_hash, original_size, source_path FROM articles").fetchall()
    trashed = {row[0] for row in archive.db.execute("SELECT content_hash FROM trash")}
    report.articles = len(rows)
    referenced: set[str] = set(trashed)
    for done, (article_id, digest, size, source) in enumerate(rows):
        if progress is not None and done % 200 == 0:
            progress(done, len(rows))
        referenced.add(digest)
        path = archive.original_path(digest)
        problem = None
        if path.is_symlink() or not path.is_file():
            problem = ("missing-original", "its original file is missing")
        elif path.stat().st_size != size or file_sha256(path) != digest:
            problem = ("altered-original", "its original file has been altered")
        if problem is None:
            report.originals += 1
            continue
        if repair and _restore_from_source(archive, digest, source):
            report.originals += 1
            report.repaired.append(f"restored the original of article #{article_id} from {source}")
            continue
        report.error(problem[0], f"article #{article_id}: {problem[1]}; importing the file it came "
                     f"from ({source or 'its source'}) again restores it")
    return referenced


def _stored_files(archive: Archive) -> tuple[list[Path], list[Path]]:
    """(files named by a hash in their shard, anything else) in ``originals/``; links not followed."""
    named, strangers = [], []
    root = archive.originals_dir
    if not root.is_dir() or root.is_symlink():
        return named, strangers
    for shard in sorted(root.iterdir()):
        if shard.name == TMP_DIR:
            continue
        if shard.is_symlink() or not shard.is_dir():
            strangers.append(shard)
            continue
        for path in shard.iterdir():
            ok = _HASH_NAME_RE.match(path.name) and path.name.startswith(shard.name)
            (named if ok and not path.is_symlink() else strangers).append(path)
    return named, strangers


def _check_stored_originals(
    archive: Archive, report: CheckReport, referenced: set[str] | None, quarantine: Quarantine | None
) -> None:
    named, strangers = _stored_files(archive)
    if referenced is None:
        if named:
            report.note("originals-kept", f"{len(named)} stored original(s) could not be matched to "
                        "articles because the database is damaged; none was touched")
    else:
        orphans = [p for p in named if p.name not in referenced]
        if len(orphans) > max(_FEW_ORPHANS, report.articles // 10):
            # More than crashes leave (one per interrupted import): the articles were lost, not
            # the originals left over. Re-reading them is the way back; moving them is not.
            report.error(
                "articles-lost",
                f"{len(orphans)} stored original(s) belong to no article, against {report.articles} "
                "article(s): more than interrupted imports leave, so the database has probably lost "
                "their articles. Nothing was moved. Run `newsroom-archive recover` to read them into "
                "articles again",
            )
            orphans = []
        if orphans:
            report.note(
                "unreferenced-original",
                f"{len(orphans)} stored original(s) belong to no article: left by an import that was "
                "interrupted before its article was saved; importing the file again re-uses it, and "
                "`check --repair` moves them to the quarantine",
            )
            if quarantine is not None:
                report.repaired.extend(quarantine.move_all(orphans))
    if strangers:
        report.note("unexpected-file", f"{len(strangers)} file(s) in originals/ were not put there by the app")
    incoming_dir = archive.incoming_dir
    incoming = [] if incoming_dir.is_symlink() or not incoming_dir.is_dir() else list(incoming_dir.iterdir())
    if incoming:
        report.note(
            "partial-original",
            f"{len(incoming)} partly written original(s) from an interrupted import; they are "
            "removed the next time the archive is opened for writing",
        )
        if quarantine is not None:
            report.repaired.extend(quarantine.move_all(incoming))


def _check_leftovers(archive: Archive, report: CheckReport, quarantine: Quarantine | None) -> None:
    """Index builds and exports cut short, and what the quarantine holds."""
    index_dir = archive.folder / INDEX_DIR
    builds = sorted(index_dir.glob("building-*")) if index_dir.is_dir() and not index_dir.is_symlink() else []
    if builds:
        names = ", ".join(str(p.relative_to(archive.folder)) for p in builds[:3])
        report.note("index-build-leftover", f"{len(builds)} unfinished search-index build(s) ({names}) "
                    "left by an interrupted reindex; they are removed the next time the archive is "
                    "opened for writing (the index is rebuilt from the database whenever needed)")
    parts = []
    for dirpath, dirnames, filenames in os.walk(archive.folder):
        if Path(dirpath) == archive.folder:
            dirnames[:] = [d for d in dirnames if d != QUARANTINE_DIR]
        if Path(dirpath) == archive.folder / ORIGINALS_DIR:
            dirnames[:] = []  # shards hold hash names only; strangers are reported above
        parts.extend(Path(dirpath) / name for name in filenames if name.endswith(".part"))
    if parts:
        names = ", ".join(str(p.relative_to(archive.folder)) for p in parts[:3])
        report.note("partial-file", f"{len(parts)} partly written file(s) ({names}) left by an "
                    "interrupted export or copy; `check --repair` moves them to the quarantine")
        if quarantine is not None:
            report.repaired.extend(quarantine.move_all(parts))
    held = [e for e in quarantine_contents(archive.folder)
            if quarantine is None or e.folder != str(quarantine.folder.relative_to(archive.folder))]
    if held:
        files = sum(e.files for e in held)
        size = sum(e.bytes for e in held)
        report.note("quarantine", f"{QUARANTINE_DIR}/ holds {len(held)} folder(s) set aside by repairs "
                    f"({files} file(s), {size / 1e6:.1f} MB): " + ", ".join(e.folder for e in held[:5])
                    + "; look through them and delete them when nothing there is needed")


def _text_columns(conn: sqlite3.Connection) -> list[tuple[str, list[str]]]:
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    result = []
    for table in tables:
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
        if columns:
            result.append((table, columns))
    return result


def _check_text_values(archive: Archive, report: CheckReport) -> None:
    """Every text value must be valid UTF-8; reads show a broken one with replacement
    characters, so only a raw read (bytes) can find it."""
    try:
        conn = open_readonly_connection(archive.db_path)
    except sqlite3.Error:
        return
    found: list[tuple[str, object, str]] = []
    try:
        tables = _text_columns(conn)
        conn.text_factory = bytes  # only now: names above are read as text
        for table, columns in tables:
            picks = ", ".join(f'CASE WHEN typeof("{c}") = \'text\' THEN "{c}" END' for c in columns)
            try:
                rows = conn.execute(f'SELECT rowid, {picks} FROM "{table}"')
            except sqlite3.OperationalError:  # a table without rowid
                rows = ((None, *row) for row in conn.execute(f'SELECT {picks} FROM "{table}"'))
            for row in rows:
                for column, value in zip(columns, row[1:], strict=True):
                    if value is None:
                        continue
                    try:
                        value.decode("utf-8")
                    except UnicodeDecodeError:
                        found.append((table, row[0], column))
    except sqlite3.DatabaseError as exc:
        if is_damage_error(exc):
            _damaged(report, exc)
        return
    finally:
        conn.close()
    for table, rowid, column in found[:_MAX_LISTED]:
        where = f"{table} row {rowid}" if rowid is not None else table
        article = f" (article #{rowid})" if table == "articles" else ""
        report.error("undecodable-text", f"{where}{article}, column {column}: the text is not valid UTF-8; "
                     "it is shown with \ufffd replacement characters. Correct it in the app's metadata "
                     "editor, or delete the article and import its original again")
    if len(found) > _MAX_LISTED:
        report.error("undecodable-text", f"... and {len(found) - _MAX_LISTED} more value(s) that are not valid UTF-8")


def _check_index(archive: Archive, report: CheckReport, repair: bool = False) -> None:
    """The search index opens, reads back and answers; half-built leftovers (search/health.py)."""
    from .search.health import check_index

    check_index(archive, report, repair=repair)


def check_archive(
    archive: Archive, *, repair: bool = False, progress: Callable[[int, int], None] | None = None
) -> CheckReport:
    """Check the database, every text value, every original's presence and hash, and explain
    leftovers; with ``repair`` (archive open for writing), tidy them into the quarantine."""
    report = CheckReport()
    referenced: set[str] | None = None
    can_repair = repair and not archive.readonly
    try:
        _check_database(archive, report)
        if report.database_healthy:
            _check_batches(archive, report, can_repair)
            referenced = _check_originals(archive, report, progress, can_repair)
    except sqlite3.DatabaseError as exc:
        if not is_damage_error(exc):
            raise
        _damaged(report, exc)
        referenced = None
    if not report.database_healthy:
        referenced = None
    _check_text_values(archive, report)
    if not report.database_healthy:
        referenced = None
    quarantine = Quarantine(archive.folder, "repair") if can_repair else None
    _check_stored_originals(archive, report, referenced, quarantine)
    _check_leftovers(archive, report, quarantine)
    _check_index(archive, report, can_repair)
    return report
