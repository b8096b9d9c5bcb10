"""``check``: prove that the archive is whole, and explain anything that is not.

Errors are things that lose a reporter's work (a damaged database, a missing or altered
original); notes are harmless leftovers that have a known cause (an original stored just before
a crash, whose article was never committed) and that ``--repair`` tidies away.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .archive import TMP_DIR

if TYPE_CHECKING:
    from .archive import Archive

__all__ = ["CheckReport", "Finding", "check_archive"]

_HASH_NAME_RE = re.compile(r"^[0-9a-f]{64}$")


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


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_database(archive: Archive, report: CheckReport) -> None:
    result = [row[0] for row in archive.db.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        report.error("database", "SQLite integrity check failed: " + "; ".join(result[:5]))
    bad_keys = archive.db.execute("PRAGMA foreign_key_check").fetchall()
    if bad_keys:
        report.error("database", f"{len(bad_keys)} rows point at records that do not exist")
    empty = archive.db.execute(
        "SELECT id FROM articles WHERE body IS NULL OR trim(body) = '' OR content_hash = ''"
    ).fetchall()
    for (article_id,) in empty:
        report.error("incomplete", f"article #{article_id} has no text")
    unfinished = archive.db.execute(
        "SELECT id, started_at FROM import_batches WHERE finished_at IS NULL"
    ).fetchall()
    for batch_id, started in unfinished:
        report.note(
            "interrupted-import",
            f"import #{batch_id} started {started} was interrupted; every file it committed is "
            "complete, and importing the same files again finishes the rest",
        )


def _check_originals(
    archive: Archive, report: CheckReport, progress: Callable[[int, int], None] | None
) -> set[str]:
    rows = archive.db.execute("SELECT id, content_hash, original_size FROM articles").fetchall()
    report.articles = len(rows)
    referenced: set[str] = set()
    for done, (article_id, digest, size) in enumerate(rows):
        if progress is not None and done % 200 == 0:
            progress(done, len(rows))
        referenced.add(digest)
        path = archive.original_path(digest)
        if not path.is_file():
            report.error("missing-original", f"article #{article_id}: its original file is missing")
            continue
        report.originals += 1
        if path.stat().st_size != size or _sha256_of(path) != digest:
            report.error("altered-original", f"article #{article_id}: its original file has been altered")
    return referenced


def _check_leftovers(archive: Archive, report: CheckReport, referenced: set[str], repair: bool) -> None:
    orphans = []
    strangers = []
    for shard in sorted(archive.originals_dir.iterdir()) if archive.originals_dir.is_dir() else []:
        if shard.name == TMP_DIR or not shard.is_dir():
            if shard.is_file():
                strangers.append(shard)
            continue
        for path in shard.iterdir():
            if _HASH_NAME_RE.match(path.name) and path.name.startswith(shard.name):
                if path.name not in referenced:
                    orphans.append(path)
            else:
                strangers.append(path)
    if orphans:
        report.note(
            "unreferenced-original",
            f"{len(orphans)} stored original(s) belong to no article: left by an import that was "
            "interrupted before its article was saved; importing the file again re-uses it, and "
            "`check --repair` removes them",
        )
    if strangers:
        report.note("unexpected-file", f"{len(strangers)} file(s) in originals/ were not put there by the app")
    incoming = list(archive.incoming_dir.iterdir()) if archive.incoming_dir.is_dir() else []
    if incoming:
        report.note(
            "partial-original",
            f"{len(incoming)} partly written original(s) from an interrupted import; they are "
            "removed the next time the archive is opened for writing",
        )
    if repair and not archive.readonly:
        for path in orphans + incoming:
            path.unlink(missing_ok=True)
            report.repaired.append(f"removed {path.relative_to(archive.folder)}")


def check_archive(
    archive: Archive, *, repair: bool = False, progress: Callable[[int, int], None] | None = None
) -> CheckReport:
    """Check the database, every original's presence and hash, and explain leftovers."""
    report = CheckReport()
    _check_database(archive, report)
    referenced = _check_originals(archive, report, progress)
    _check_leftovers(archive, report, referenced, repair)
    return report
