"""Import a batch of files into an archive, one file per transaction, reporting each file.

The pipeline is the only place that decides what happens to a file: read it (size-checked,
never blocking on pipes or devices), recognise a duplicate by its bytes or its text, pick the
format's reader, work out the metadata, then store the original and the article together.
Any failure of one file becomes a line in the report and the batch goes on; nothing that is
already in the archive is modified by a failing file.

Files are opened without blocking and checked on the open descriptor (a FIFO or a device
swapped in after the folder was listed is refused, never waited on); files found in a dropped
folder are opened without following links, except links that stay inside that folder. A file
with no extension is read when its bytes are a known format.

Files are staged in chunks (read and understood, the archive untouched), then committed one by
one: :meth:`_BatchImporter.understand` is the one place where a whole chunk's texts are
available before their metadata is worked out.

A full disk (``ENOSPC``, or SQLite's "database or disk is full") stops the batch cleanly: the
file being stored leaves nothing behind, what was imported stays, the batch is recorded, and
the report says "disk full: N imported, the rest not started". Re-importing a file whose
original is missing or altered in the archive writes it again.

Progress and cancellation are plain callables, not Qt objects, so the GUI, the CLI and tests
drive the same code. Cancelling stops before the next file and keeps what was done.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..clock import now_iso
from .discover import Candidate, discover, display_path
from ..disk_full import DiskFull, is_disk_full
from .fingerprint import content_hash, text_fingerprint
from .formats import SUPPORTED_EXTENSIONS, format_name, reader_for, reader_for_format, sniff_format
from .limits import DEFAULT_LIMITS, Limits
from .metadata import extract_fields
from .opening import OpenedFile
from .report import FileOutcome, ImportReport, Status
from .types import ArticleFields, Extracted, Rejected

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = ["ArticleEnricher", "CancelFlag", "DiskFull", "ProgressCallback", "import_paths", "is_disk_full",
           "now_iso"]

log = logging.getLogger(__name__)

#: ``progress(done, total, current_file)``: called before each file and once at the end.
ProgressCallback = Callable[[int, int, str], None]


class CancelFlag(Protocol):
    """Anything with ``is_set()``, such as ``threading.Event``."""

    def is_set(self) -> bool: ...


#: How many files, and how many bytes of them, are staged before the chunk is committed.
_CHUNK_FILES = 32
_CHUNK_BYTES = 64 * 1024 * 1024
#: Bytes read from a file without an extension to decide whether it is an article format.
_SNIFF_BYTES = 64 * 1024
#: Formats imported from a folder by their bytes alone; plain text is too common there (READMEs,
#: licences, logs) and is only read without an extension when the file is named explicitly.
_SNIFFED_IN_FOLDERS = frozenset({"pdf", "docx", "html", "eml"})


def _describe(archive: Archive, article_id: int) -> str:
    row = archive.db.execute("SELECT headline, original_name FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        return f"#{article_id}"
    return f"#{article_id} \u201c{row[0] or row[1]}\u201d"


@dataclass
class _Staged:
    """A file read (and, after :meth:`_BatchImporter.understand`, understood), waiting for its
    original to reach the disk."""

    path: Path
    shown: str
    data: bytes
    digest: str
    fingerprint: str
    extracted: Extracted
    fmt: str
    fields: ArticleFields | None = None

    @property
    def encoding(self) -> str | None:
        return self.extracted.encoding

    @property
    def warnings(self) -> list[str]:
        return self.extracted.warnings


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
        from .site_learning import SiteLineStep  # first: the others read the cleaned body

        self.enrichers = [SiteLineStep(archive), *enrichers]
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

    # -- staging: read and understand, the archive untouched ---------------------------------

    def stage(self, candidate: Candidate) -> _Staged | FileOutcome:
        """Read a file without touching the archive; failures become outcomes."""
        shown = display_path(candidate.path)
        if candidate.skip_reason:
            return FileOutcome(shown, Status.SKIPPED, candidate.skip_reason)
        if candidate.failure:
            return FileOutcome(shown, Status.FAILED, candidate.failure)
        try:
            return self._stage_file(candidate, shown)
        except Rejected as exc:
            status = Status.SKIPPED if exc.reason.startswith("skipped: ") else Status.FAILED
            return FileOutcome(shown, status, exc.reason)
        except Exception as exc:  # a bug or an exotic library error: report it, go on
            log.exception("unexpected error importing %s", shown)
            return FileOutcome(shown, Status.FAILED, f"unexpected error while reading ({type(exc).__name__}: {str(exc)[:200]})")

    def _stage_file(self, candidate: Candidate, shown: str) -> _Staged:
        path = candidate.path
        fmt = format_name(path)
        reader = reader_for(path)
        if reader is None and path.suffix:
            supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
            raise Rejected(f"unsupported file type ({path.suffix}); supported: {supported}")
        opened = OpenedFile(candidate, self.limits)
        try:
            if reader is None:  # no extension: the bytes decide
                fmt = self._sniff(opened, named=candidate.root is None)
                reader = reader_for_format(fmt)
            data = opened.read()
        finally:
            opened.close()
        if reader is None or fmt is None:  # pragma: no cover - _sniff raised already
            raise Rejected("unsupported file type (no extension)")
        extracted = reader(data, name=path.name if path.suffix else f"{path.name}.{fmt}", limits=self.limits)
        return _Staged(path=path, shown=shown, data=data, digest=content_hash(data),
                       fingerprint=text_fingerprint(extracted.text), extracted=extracted, fmt=fmt)

    def _sniff(self, opened: OpenedFile, *, named: bool) -> str:
        """The format of a file without an extension, from its first bytes."""
        head = opened.read(_SNIFF_BYTES)
        if head.startswith(b"PK\x03\x04"):
            fmt = sniff_format(opened.read())  # a zip: only the whole package says if it is Word
        else:
            fmt = sniff_format(head)
        if fmt is None or (not named and fmt not in _SNIFFED_IN_FOLDERS):
            if named:
                supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
                raise Rejected(f"unsupported file type (no extension, and the contents are not a "
                               f"known format); supported: {supported}")
            raise Rejected("skipped: not an article format (no extension)")
        return fmt

    def understand(self, chunk: list[_Staged | FileOutcome]) -> list[_Staged | FileOutcome]:
        """Work out each staged file's metadata; the texts of the whole chunk are available here.

        This is the place to learn from a batch before committing it (for example, lines that
        repeat across files of one site). Files with nothing left become failed outcomes.
        """
        understood: list[_Staged | FileOutcome] = []
        for item in chunk:
            if isinstance(item, _Staged):
                try:
                    item.fields = self._fields(item)
                except Rejected as exc:
                    item = FileOutcome(item.shown, Status.FAILED, exc.reason)
                except Exception as exc:  # a bug in a heuristic: report it, go on
                    log.exception("unexpected error importing %s", item.shown)
                    reason = f"unexpected error while reading ({type(exc).__name__}: {str(exc)[:200]})"
                    item = FileOutcome(item.shown, Status.FAILED, reason)
            understood.append(item)
        return understood

    @staticmethod
    def _fields(staged: _Staged) -> ArticleFields:
        extracted = staged.extracted
        fields = extract_fields(extracted)
        if not fields.body.strip():
            if not fields.headline:
                raise Rejected("no article text left after removing site boilerplate")
            # A wire flash or a headline-only page: keep it, searchable by its headline.
            fields.body = fields.headline
            extracted.warnings.append("only a headline, no article text")
        return fields

    # -- committing ----------------------------------------------------------------------------

    def settle(self, staged: _Staged) -> FileOutcome:
        """A duplicate (restoring a missing or altered original), or a new article."""
        duplicate = self.duplicate_of(staged)
        if duplicate is None:
            return self.commit(staged)
        return self.record_only(duplicate)

    def duplicate_of(self, staged: _Staged) -> FileOutcome | None:
        existing = self.archive.id_for_hash(staged.digest)
        if existing is not None:
            reason = f"same file as {_describe(self.archive, existing)}"
            restored = self._restore_original(staged, existing)
            return FileOutcome(staged.shown, Status.DUPLICATE, reason + restored, existing)
        existing = self.archive.id_for_fingerprint(staged.fingerprint)
        if existing is not None:
            reason = f"same article as {_describe(self.archive, existing)} (different bytes)"
            return FileOutcome(staged.shown, Status.DUPLICATE, reason, existing)
        return None

    def _restore_original(self, staged: _Staged, article_id: int) -> str:
        """Write the original of article ``article_id`` again if it is missing or altered; the
        words to add to the report line ("" when it was intact)."""
        if self.archive.original_is_intact(staged.digest, len(staged.data)):
            return ""
        missing = not os.path.lexists(self.archive.original_path(staged.digest))
        try:
            self.archive.write_original(staged.data, staged.digest, durable=self.durable)
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFull(f"could not restore the original of #{article_id}") from exc
            return f"; the original of #{article_id} is {'missing' if missing else 'altered'} " \
                   f"and could not be restored ({exc.strerror or exc})"
        return f"; restored the {'missing' if missing else 'altered'} original of #{article_id}"

    def commit(self, staged: _Staged) -> FileOutcome:
        """Store the original durably, then save the article in one transaction."""
        assert staged.fields is not None, "understand() runs before commit()"
        final = self.archive.original_path(staged.digest)
        existed = os.path.lexists(final)
        try:
            self.archive.write_original(staged.data, staged.digest, durable=self.durable)
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFull("the original could not be stored") from exc
            reason = f"could not store the original: {exc.strerror or exc}"
            return self.record_only(FileOutcome(staged.shown, Status.FAILED, reason))
        # Enrichers first: the site-line step may clean the headline the report line shows.
        prepared = [enricher.prepare(staged.fields) for enricher in self.enrichers]
        outcome = FileOutcome(
            staged.shown, Status.IMPORTED, "; ".join(staged.warnings), headline=staged.fields.headline
        )
        try:
            with self.archive.transaction() as db:
                outcome.article_id = self._insert_article(staged)
                for enricher, found in zip(self.enrichers, prepared, strict=True):
                    enricher.store(db, outcome.article_id, found)
                self._record(outcome)
        except Exception as exc:
            if not is_disk_full(exc):
                raise
            if not existed:  # nothing refers to the original just written: take it back
                try:
                    final.unlink()
                except OSError:
                    pass
            raise DiskFull("the database could not grow") from exc
        return outcome

    def _insert_article(self, staged: _Staged) -> int:
        fields = staged.fields
        assert fields is not None
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
                staged.fmt or "txt", len(staged.data), staged.shown, staged.encoding,
                fields.headline, json.dumps(fields.byline, ensure_ascii=False),
                fields.outlet, fields.date.iso() if fields.date else None, fields.dateline,
                fields.url, fields.language, fields.body, fields.word_count(),
                json.dumps({k: v.value for k, v in fields.provenance.items()}),
                stamp, stamp, self.batch_id,
            ],
        )
        return int(cursor.lastrowid)

    def finish(self, report: ImportReport) -> None:
        """Record the batch's counts; on a full disk, try, and say so in the log if it fails."""
        try:
            with self.archive.transaction() as db:
                db.execute(
                    """UPDATE import_batches SET finished_at = ?, files_total = ?, imported = ?,
                       duplicates = ?, failed = ?, skipped = ?, cancelled = ? WHERE id = ?""",
                    [now_iso(), len(report.outcomes), report.imported, report.duplicates, report.failed,
                     report.skipped, int(report.cancelled or report.disk_full), self.batch_id],
                )
        except Exception as exc:
            if not (report.disk_full and is_disk_full(exc)):
                raise
            log.warning("disk full: the import batch %s could not be marked finished", self.batch_id)


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
    and throwaway archives only. A full disk stops the batch (``report.disk_full``); it is
    never raised.
    """
    started = time.perf_counter()
    candidates = discover(list(paths), follow_outside_links=limits.follow_outside_links)
    try:
        importer = _BatchImporter(archive, limits, durable, enrichers)
    except Exception as exc:
        if not is_disk_full(exc):
            raise
        report = ImportReport(disk_full=True)
        report.seconds = time.perf_counter() - started
        return report
    report = ImportReport(batch_id=importer.batch_id)
    total = len(candidates)

    def settle(outcome: FileOutcome) -> None:
        report.outcomes.append(outcome)
        if on_imported is not None and outcome.status is Status.IMPORTED and outcome.article_id:
            on_imported(outcome.article_id)

    def commit(item: _Staged | FileOutcome) -> None:
        try:
            settle(importer.record_only(item) if isinstance(item, FileOutcome) else importer.settle(item))
        except Exception as exc:
            if not is_disk_full(exc):
                raise
            report.disk_full = True
            what = str(exc) if isinstance(exc, DiskFull) else "the database could not grow"
            outcome = FileOutcome(item.shown if isinstance(item, _Staged) else item.path, Status.FAILED,
                                  f"disk full: {what}; nothing of this file was kept")
            report.outcomes.append(outcome)
            try:
                importer.record_only(outcome)
            except Exception as again:
                if not is_disk_full(again):
                    raise

    position = 0
    while position < total and not report.disk_full:
        chunk: list[_Staged | FileOutcome] = []
        chunk_bytes = 0
        while position < total and len(chunk) < _CHUNK_FILES and chunk_bytes < _CHUNK_BYTES:
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            candidate = candidates[position]
            if progress is not None:
                progress(position, total, display_path(candidate.path))
            staged = importer.stage(candidate)
            chunk.append(staged)
            chunk_bytes += len(staged.data) if isinstance(staged, _Staged) else 0
            position += 1
        for item in importer.understand(chunk):
            commit(item)
            if report.disk_full:
                break
        if report.cancelled:
            break
    if progress is not None:
        progress(len(report.outcomes), total, "")
    report.seconds = time.perf_counter() - started
    importer.finish(report)
    return report
