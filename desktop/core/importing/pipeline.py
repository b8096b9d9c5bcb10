"""Import a batch of files into an archive, one file per transaction, reporting each file.

The pipeline is the only place that decides what happens to a file: read it (size-checked,
never blocking on pipes or devices), recognise a duplicate by its bytes or its text, pick the
format's reader, work out the metadata, then store the original and the article together.
Any failure of one file becomes a line in the report and the batch goes on; nothing that is
already in the archive is modified by a failing file.

Progress and cancellation are plain callables, not Qt objects, so the GUI, the CLI and tests
drive the same code. Cancelling stops before the next file and keeps what was done.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..clock import now_iso
from .discover import Candidate, discover, display_path
from .fingerprint import content_hash, text_fingerprint
from .formats import SUPPORTED_EXTENSIONS, format_name, reader_for
from .limits import DEFAULT_LIMITS, Limits, human_size
from .metadata import extract_fields
from .report import FileOutcome, ImportReport, Status
from .types import ArticleFields, Rejected

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = ["ArticleEnricher", "CancelFlag", "ProgressCallback", "import_paths", "now_iso"]

log = logging.getLogger(__name__)

#: ``progress(done, total, current_file)``: called before each file and once at the end.
ProgressCallback = Callable[[int, int, str], None]


class CancelFlag(Protocol):
    """Anything with ``is_set()``, such as ``threading.Event``."""

    def is_set(self) -> bool: ...


def _read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes, or :class:`Rejected` saying why they cannot be had."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise Rejected("file disappeared before it could be read") from None
    except PermissionError:
        raise Rejected("permission denied: the file cannot be read") from None
    except OSError as exc:
        raise Rejected(f"cannot read the file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise Rejected("is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise Rejected("not a regular file (a device, pipe or socket)")
    if info.st_size == 0:
        raise Rejected("empty file")
    if info.st_size > limits.max_file_bytes:
        raise Rejected(
            f"file too large ({human_size(info.st_size)}; the limit is {human_size(limits.max_file_bytes)})"
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except FileNotFoundError:
        raise Rejected("file disappeared before it could be read") from None
    except PermissionError:
        raise Rejected("permission denied: the file cannot be read") from None
    except IsADirectoryError:
        raise Rejected("is a folder") from None
    except OSError as exc:
        raise Rejected(f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > limits.max_file_bytes:
        raise Rejected(f"file too large (it grew past {human_size(limits.max_file_bytes)} while being read)")
    if not data:
        raise Rejected("empty file (it was emptied while being read)")
    return data


def _describe(archive: Archive, article_id: int) -> str:
    row = archive.db.execute("SELECT headline, original_name FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        return f"#{article_id}"
    return f"#{article_id} \u201c{row[0] or row[1]}\u201d"


@dataclass
class _Staged:
    """A file read and understood, waiting for its original to reach the disk."""

    path: Path
    shown: str
    data: bytes
    digest: str
    fingerprint: str
    fields: ArticleFields
    encoding: str | None
    warnings: list[str]


class ArticleEnricher(Protocol):
    """Something more to find in each imported article (entity mentions, quotations).

    ``prepare`` runs on the article's cleaned fields before its transaction (CPU work, no
    database); ``store`` writes what it found inside the article's own transaction, so the
    article and what was found in it arrive together (and the search index sees both).
    """

    def prepare(self, fields: ArticleFields) -> Any: ...

    def store(self, db: Any, article_id: int, prepared: Any) -> None: ...


class _BatchImporter:
    """One batch: stages each file (read and understood, archive untouched), then commits it.

    The original is written and flushed to disk before the article's transaction commits, so a
    crash can leave an unreferenced original (explained by ``check``) but never an article
    without its original. (Flushing on a worker thread while the next file is parsed was tried
    and measured: no gain, because the journal commit of the flush also stalls SQLite's writes.)
    """

    def __init__(self, archive: Archive, limits: Limits, durable: bool,
                 enrichers: Sequence[ArticleEnricher] = ()) -> None:
        self.archive = archive
        self.limits = limits
        self.durable = durable
        self.enrichers = list(enrichers)
        with archive.transaction() as db:
            cursor = db.execute("INSERT INTO import_batches(started_at) VALUES (?)", [now_iso()])
            self.batch_id = int(cursor.lastrowid)

    def _record(self, outcome: FileOutcome) -> None:
        self.archive.db.execute(
            "INSERT INTO import_results(batch_id, path, status, reason, article_id) VALUES (?, ?, ?, ?, ?)",
            [self.batch_id, outcome.path, outcome.status.value, outcome.reason, outcome.article_id],
        )

    def record_only(self, outcome: FileOutcome) -> FileOutcome:
        with self.archive.transaction():
            self._record(outcome)
        return outcome

    def stage(self, candidate: Candidate) -> _Staged | FileOutcome:
        """Read and understand a file without touching the archive; failures become outcomes."""
        shown = display_path(candidate.path)
        if candidate.skip_reason:
            return FileOutcome(shown, Status.SKIPPED, candidate.skip_reason)
        if candidate.failure:
            return FileOutcome(shown, Status.FAILED, candidate.failure)
        try:
            return self._stage_file(candidate.path, shown)
        except Rejected as exc:
            return FileOutcome(shown, Status.FAILED, exc.reason)
        except Exception as exc:  # a bug or an exotic library error: report it, go on
            log.exception("unexpected error importing %s", shown)
            return FileOutcome(shown, Status.FAILED, f"unexpected error while reading ({type(exc).__name__}: {str(exc)[:200]})")

    def _stage_file(self, path: Path, shown: str) -> _Staged:
        reader = reader_for(path)
        if reader is None:
            supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
            raise Rejected(f"unsupported file type ({path.suffix or 'no extension'}); supported: {supported}")
        data = _read_bytes(path, self.limits)
        extracted = reader(data, name=path.name, limits=self.limits)
        fields = extract_fields(extracted)
        if not fields.body.strip():
            if not fields.headline:
                raise Rejected("no article text left after removing site boilerplate")
            # A wire flash or a headline-only page: keep it, searchable by its headline.
            fields.body = fields.headline
            extracted.warnings.append("only a headline, no article text")
        return _Staged(
            path=path, shown=shown, data=data, digest=content_hash(data),
            fingerprint=text_fingerprint(extracted.text), fields=fields,
            encoding=extracted.encoding, warnings=list(extracted.warnings),
        )

    def duplicate_of(self, staged: _Staged) -> FileOutcome | None:
        existing = self.archive.id_for_hash(staged.digest)
        if existing is not None:
            reason = f"same file as {_describe(self.archive, existing)}"
            return FileOutcome(staged.shown, Status.DUPLICATE, reason, existing)
        existing = self.archive.id_for_fingerprint(staged.fingerprint)
        if existing is not None:
            reason = f"same article as {_describe(self.archive, existing)} (different bytes)"
            return FileOutcome(staged.shown, Status.DUPLICATE, reason, existing)
        return None

    def commit(self, staged: _Staged) -> FileOutcome:
        """Store the original durably, then save the article in one transaction."""
        try:
            self.archive.write_original(staged.data, staged.digest, durable=self.durable)
        except OSError as exc:
            reason = f"could not store the original: {exc.strerror or exc}"
            return self.record_only(FileOutcome(staged.shown, Status.FAILED, reason))
        outcome = FileOutcome(
            staged.shown, Status.IMPORTED, "; ".join(staged.warnings), headline=staged.fields.headline
        )
        prepared = [enricher.prepare(staged.fields) for enricher in self.enrichers]
        with self.archive.transaction() as db:
            outcome.article_id = self._insert_article(staged)
            for enricher, found in zip(self.enrichers, prepared, strict=True):
                enricher.store(db, outcome.article_id, found)
            self._record(outcome)
        return outcome

    def _insert_article(self, staged: _Staged) -> int:
        fields = staged.fields
        stamp = now_iso()
        cursor = self.archive.db.execute(
            """
            INSERT INTO articles(content_hash, text_fingerprint, original_name, original_format,
                original_size, source_path, encoding, headline, byline, outlet, pub_date, dateline,
                url, language, body, word_count, provenance, imported_at, updated_at, import_batch_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                staged.digest, staged.fingerprint, display_path(staged.path.name),
                format_name(staged.path) or "txt", len(staged.data), staged.shown, staged.encoding,
                fields.headline, json.dumps(fields.byline, ensure_ascii=False),
                fields.outlet, fields.date.iso() if fields.date else None, fields.dateline,
                fields.url, fields.language, fields.body, fields.word_count(),
                json.dumps({k: v.value for k, v in fields.provenance.items()}),
                stamp, stamp, self.batch_id,
            ],
        )
        return int(cursor.lastrowid)

    def finish(self, report: ImportReport) -> None:
        with self.archive.transaction() as db:
            db.execute(
                """UPDATE import_batches SET finished_at = ?, files_total = ?, imported = ?,
                   duplicates = ?, failed = ?, skipped = ?, cancelled = ? WHERE id = ?""",
                [now_iso(), len(report.outcomes), report.imported, report.duplicates, report.failed,
                 report.skipped, int(report.cancelled), self.batch_id],
            )


def import_paths(
    archive: Archive,
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
    limits: Limits = DEFAULT_LIMITS,
    durable: bool = True,
    on_imported: Callable[[int], None] | None = None,
    enrichers: Sequence[ArticleEnricher] = (),
) -> ImportReport:
    """Import files and folders; returns the per-file report.

    ``enrichers`` find more in each new article (see :class:`ArticleEnricher`).

    ``on_imported(article_id)`` runs after each article's transaction has committed (the search
    index hooks in here). ``durable=False`` skips flushing originals to disk, for benchmarks
    and throwaway archives only.
    """
    started = time.perf_counter()
    candidates = discover(list(paths))
    importer = _BatchImporter(archive, limits, durable, enrichers)
    report = ImportReport(batch_id=importer.batch_id)
    total = len(candidates)

    def settle(outcome: FileOutcome) -> None:
        report.outcomes.append(outcome)
        if on_imported is not None and outcome.status is Status.IMPORTED and outcome.article_id:
            on_imported(outcome.article_id)

    for done, candidate in enumerate(candidates):
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            break
        if progress is not None:
            progress(done, total, display_path(candidate.path))
        staged = importer.stage(candidate)
        if isinstance(staged, FileOutcome):
            settle(importer.record_only(staged))
            continue
        duplicate = importer.duplicate_of(staged)
        settle(importer.record_only(duplicate) if duplicate is not None else importer.commit(staged))
    if progress is not None:
        progress(len(report.outcomes), total, "")
    report.seconds = time.perf_counter() - started
    importer.finish(report)
    return report
