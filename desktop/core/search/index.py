"""Keep the Whoosh index in step with SQLite, and know when it is not.

The index is derived data. It records, in ``index/state.json`` written after each commit,
the archive revision it reflects (see migration 2 in :mod:`desktop.core.store`: every change
to an article takes the next revision) and how many documents it holds. From that:

* **current**: nothing to do;
* **stale**: articles were added, changed or deleted since: :meth:`SearchIndex.catch_up`
  indexes exactly those (this is also how every import and edit reaches the index);
* **missing / corrupt / wrong version / interrupted commit / restored older database**:
  :meth:`SearchIndex.rebuild` builds a fresh index from SQLite beside the old one and swaps
  it in, so searching goes on against the old index meanwhile.

Whoosh allows one writer at a time and never fsyncs; both are fine because the index can
always be checked against SQLite and rebuilt.

``state.json`` also records the Whoosh generation (the number of its table of contents) that
the state describes. Whoosh writes each commit's table of contents atomically, so readers in
another process always see a whole commit; a generation newer than the state's means a commit
whose state was never written (a crash, or a writer in the instant between the two), which a
process that may write treats as interrupted and a read-only one simply searches, with a note.
A commit that fails (a full disk) leaves the previous generation and state untouched.

Damage that counts cannot see (a flipped bit inside a segment file) shows when Whoosh reads
it: :meth:`SearchIndex.verify` reads a sample (or, for ``check``, everything), and a search
that meets damage calls :meth:`SearchIndex.mark_damaged`, so the next :meth:`ensure_current`
rebuilds it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..disk_full import is_disk_full
from ..entities.store import entity_ids_by_article
from ..files import process_alive
from ..quotes.index_fields import quotes_by_article
from ..related.store import related_keys_by_article
from .documents import article_document
from .schema import SCHEMA_VERSION, build_schema

if TYPE_CHECKING:
    from whoosh.index import FileIndex

    from ..archive import Archive
    from ..importing.pipeline import CancelFlag

__all__ = ["IndexDamaged", "IndexState", "IndexStatus", "Progress", "SearchIndex", "describe_error",
           "leftover_builds"]

#: ``progress(done, total)`` for long index work.
Progress = Callable[[int, int], None]

WHOOSH_DIR = "whoosh"
STATE_FILE = "state.json"
#: Written when a search met damage that the cheap status check cannot see.
DAMAGED_FILE = "damaged"
#: Terms per field whose postings the quick probe reads.
PROBE_TERMS = 3
#: Errors that mean "the disk is full" (EFBIG: over a file size limit; EDQUOT: over quota).


class IndexDamaged(Exception):
    """The index's files cannot be read (bit flips, truncation): it must be rebuilt.

    ``problem`` is what Whoosh said; the message is for a reporter. The index has been marked
    (see :meth:`SearchIndex.mark_damaged`), so the next :meth:`SearchIndex.ensure_current`
    (the app's index update, any command-line search) rebuilds it."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(f"the search index is damaged ({problem}); it is being rebuilt from the archive")

#: Rows read from SQLite per round trip while indexing.
BATCH = 500
#: Memory Whoosh may use for a segment before writing it out (MB).
WRITER_MB = 256
#: Whoosh's compound segment files are read by copying each part into a BytesIO while holding
#: the GIL (tens to hundreds of ms on a 100k index, every time a searcher opens), which froze
#: the GUI thread; separate files are read in place.
COMPOUND = False


class IndexStatus(str, Enum):
    CURRENT = "current"
    STALE = "stale"
    MISSING = "missing"
    CORRUPT = "corrupt"
    OUTDATED = "outdated"  # built by another schema version
    INTERRUPTED = "interrupted"  # a commit was cut short


@dataclass
class IndexState:
    """What ``state.json`` says about the index."""

    rev: int = 0
    max_id: int = 0
    doc_count: int = 0
    schema: int = SCHEMA_VERSION
    committing: bool = False
    #: The Whoosh generation this state describes (-1: written before generations were kept).
    generation: int = -1

    @classmethod
    def read(cls, path: Path) -> IndexState | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            state = cls(**{k: data[k] for k in ("rev", "max_id", "doc_count", "schema", "committing")})
            state.generation = int(data.get("generation", -1))
            return state
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self)), encoding="utf-8")
        os.replace(tmp, path)


class SearchIndex:
    """The archive's search index. One writer at a time: callers serialise writes."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.root = archive.index_dir
        self.whoosh_dir = self.root / WHOOSH_DIR
        self.state_path = self.root / STATE_FILE
        self._index: FileIndex | None = None

    # -- state -----------------------------------------------------------------------------

    def archive_rev(self) -> int:
        return int(self.archive.db.execute("SELECT value FROM counters WHERE name = 'rev'").fetchone()[0])

    def read_state(self) -> IndexState | None:
        return IndexState.read(self.state_path)

    def status(self) -> IndexStatus:
        """Cheap check of the index against the archive, for start-up and the status bar.

        Beyond counts, it opens the index and reads a small sample (see :meth:`_probe`). A state
        that changed while it looked (another process committed) is looked at again."""
        found = IndexStatus.MISSING
        for _attempt in range(3):
            stamp = self._state_stamp()
            found = self._status_once()
            if found in (IndexStatus.CURRENT, IndexStatus.STALE) or self._state_stamp() == stamp:
                return found
            self.close()
        return found

    def _state_stamp(self) -> tuple[int, int] | None:
        try:
            st = self.state_path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_ino

    def _status_once(self) -> IndexStatus:
        state = self.read_state()
        if state is None or not self.whoosh_dir.is_dir():
            return IndexStatus.MISSING
        if state.schema != SCHEMA_VERSION:
            return IndexStatus.OUTDATED
        if state.committing:
            return IndexStatus.INTERRUPTED
        if (self.root / DAMAGED_FILE).exists():
            return IndexStatus.CORRUPT
        try:
            index = self._open()
            if state.generation >= 0 and index.latest_generation() != state.generation:
                return IndexStatus.INTERRUPTED  # committed, but its state never written
            if index.doc_count() != state.doc_count:
                return IndexStatus.CORRUPT
            self._probe(index, deep=False)
        except Exception:  # noqa: BLE001 - any failure to open or read means rebuild
            self.close()
            return IndexStatus.CORRUPT
        rev = self.archive_rev()
        if rev < state.rev:
            return IndexStatus.CORRUPT  # the database was replaced by an older copy
        return IndexStatus.STALE if rev > state.rev else IndexStatus.CURRENT

    # -- damage ----------------------------------------------------------------------------

    def verify(self, *, deep: bool = False) -> str | None:
        """None when the index opens and reads back; else what is wrong, in words.

        The quick check reads a few terms' postings and stored documents per segment; ``deep``
        (for ``check``) reads every posting list, stored document and column. A failure while
        another process committed (files replaced under the reader) is looked at again."""
        problem: str | None = None
        for attempt in range(3):
            if attempt:
                time.sleep(0.2 * attempt)
            before = self._moment()
            self.close()
            try:
                self._probe(self._open(), deep=deep)
                return None
            except Exception as exc:  # noqa: BLE001 - whatever Whoosh raises, the index is unreadable
                self.close()
                problem = describe_error(exc)
            if self._moment() == before:
                break
        return problem

    def _moment(self) -> tuple[Any, ...]:
        """What changes when anyone commits: the state file and the newest table of contents."""
        try:
            tocs = sorted(p.name for p in self.whoosh_dir.glob("_*.toc"))
        except OSError:
            tocs = []
        return self._state_stamp(), tuple(tocs)

    def _probe(self, index: FileIndex, *, deep: bool) -> None:
        """Read back a sample of every segment (everything when ``deep``), then search for a few
        of the words read; raises on damage."""
        samples: list[Any] = []
        with index.searcher() as searcher:
            reader = searcher.reader()
            for sub, _offset in reader.leaf_readers():
                limit = None if deep else PROBE_TERMS
                for fieldname in sub.indexed_field_names():
                    for n, term in enumerate(sub.lexicon(fieldname)):
                        if limit is not None and n >= limit:
                            break
                        sub.postings(fieldname, term).all_ids()
                        if fieldname == "body" and len(samples) < PROBE_TERMS:
                            samples.append(term)
                count = sub.doc_count_all()
                docnums = range(count) if deep else sorted({0, count // 2, max(0, count - 1)})
                for docnum in docnums:
                    if count and not sub.is_deleted(docnum):
                        sub.stored_fields(docnum)
                if deep:
                    for fieldname in sub.schema.names():
                        if sub.has_column(fieldname):
                            list(sub.column_reader(fieldname))
            for term in samples:
                searcher.search(_body_term(term), limit=5)

    def mark_damaged(self, reason: str) -> None:
        """Record that searching met damage, so the next :meth:`ensure_current` rebuilds."""
        self.close()
        with contextlib.suppress(OSError):  # read-only media: the next writer finds it anyway
            (self.root / DAMAGED_FILE).write_text(reason[:500], encoding="utf-8")

    def clear_dead_leftovers(self) -> list[Path]:
        """Remove half-built indexes of processes that died (a killed ``reindex``); returns them."""
        removed = []
        for leftover in leftover_builds(self.root):
            if not process_alive(_leftover_pid(leftover)):
                shutil.rmtree(leftover, ignore_errors=True)
                removed.append(leftover)
        return removed

    def pending(self) -> int:
        """How many article changes the index has yet to take in."""
        state = self.read_state()
        since = state.rev if state else 0
        changed = self.archive.db.execute("SELECT count(*) FROM articles WHERE rev > ?", [since]).fetchone()[0]
        deleted = self.archive.db.execute(
            "SELECT count(*) FROM deleted_articles WHERE rev > ?", [since]
        ).fetchone()[0]
        return int(changed + deleted)

    # -- opening ---------------------------------------------------------------------------

    def _open(self) -> FileIndex:
        from whoosh import index as whoosh_index

        if self._index is None:
            self._index = whoosh_index.open_dir(str(self.whoosh_dir))
        return self._index

    def open_index(self) -> FileIndex:
        """The Whoosh index for searching (raises if there is none: check :meth:`status`)."""
        return self._open()

    def close(self) -> None:
        if self._index is not None:
            with contextlib.suppress(Exception):
                self._index.close()
            self._index = None

    # -- writing ---------------------------------------------------------------------------

    def ensure_current(self, *, progress: Progress | None = None, cancel: CancelFlag | None = None) -> IndexStatus:
        """Bring the index up to date by the cheapest safe means; returns what was found."""
        if self.root.is_dir():
            self.clear_dead_leftovers()
        found = self.status()
        if found is IndexStatus.STALE:
            self.catch_up(progress=progress, cancel=cancel)
        elif found is not IndexStatus.CURRENT:
            self.rebuild(progress=progress, cancel=cancel)
        return found

    def catch_up(self, *, progress: Progress | None = None, cancel: CancelFlag | None = None) -> int:
        """Index every article changed since the index's revision; returns how many."""
        state = self.read_state()
        if state is None or state.committing or state.schema != SCHEMA_VERSION:
            return self.rebuild(progress=progress, cancel=cancel)
        target = self.archive_rev()
        if target == state.rev:
            return 0
        index = self._open()
        total = self.pending()
        writer = index.writer(procs=1, limitmb=WRITER_MB, compound=COMPOUND)
        done = 0
        try:
            deleted = self.archive.db.execute(
                "SELECT id FROM deleted_articles WHERE rev > ? AND rev <= ?", [state.rev, target]
            ).fetchall()
            for (article_id,) in deleted:
                writer.delete_by_term("id", article_id)
                done += 1
            done, max_id, cancelled = self._feed(
                writer, state.rev, target, known_up_to=state.max_id, done=done, total=total,
                progress=progress, cancel=cancel,
            )
        except BaseException:
            writer.cancel()
            raise
        if cancelled:
            writer.cancel()
            return 0
        self._commit(writer, IndexState(rev=target, max_id=max_id, schema=SCHEMA_VERSION), state)
        if progress is not None:
            progress(total, total)
        return done

    def rebuild(self, *, progress: Progress | None = None, cancel: CancelFlag | None = None) -> int:
        """Build a fresh index from SQLite beside the current one, then swap it in."""
        from whoosh import index as whoosh_index

        self.root.mkdir(parents=True, exist_ok=True)
        self._clear_leftovers()
        building = self.root / f"building-{os.getpid()}"
        building.mkdir()
        target = self.archive_rev()
        total = self.archive.count()
        index = whoosh_index.create_in(str(building), build_schema())
        writer = index.writer(procs=1, limitmb=WRITER_MB, compound=COMPOUND)
        try:
            done, max_id, cancelled = self._feed(
                writer, 0, target, known_up_to=0, done=0, total=total, progress=progress, cancel=cancel
            )
            if cancelled:
                writer.cancel()
                index.close()
                shutil.rmtree(building, ignore_errors=True)
                return 0
            writer.commit()
            doc_count = index.doc_count()
            generation = index.latest_generation()
            index.close()
        except BaseException:
            _abandon(writer)
            shutil.rmtree(building, ignore_errors=True)
            raise
        self._swap_in(building, IndexState(rev=target, max_id=max_id, doc_count=doc_count, generation=generation))
        if progress is not None:
            progress(total, total)
        return done

    def _feed(
        self, writer: Any, after_rev: int, up_to_rev: int, *, known_up_to: int, done: int, total: int,
        progress: Progress | None, cancel: CancelFlag | None,
    ) -> tuple[int, int, bool]:
        """Write the articles changed in (after_rev, up_to_rev]; returns (done, max id, cancelled).

        Ids above ``known_up_to`` cannot be in the index yet and are simply added; the others
        replace their old document.
        """
        max_id = known_up_to
        for row, entity_ids, (quotes, speakers), (related, threads) in self._rows(after_rev, up_to_rev):
            document = article_document(row, entities=[f"e{i}" for i in entity_ids], quotes=quotes,
                                        speakers=speakers, related=related, threads=threads)
            if row["id"] > known_up_to:
                writer.add_document(**document)
            else:
                writer.update_document(**document)
            max_id = max(max_id, row["id"])
            done += 1
            if progress is not None and done % 200 == 0:
                progress(done, total)
            if cancel is not None and cancel.is_set():
                return done, max_id, True
        return done, max_id, False

    def _rows(self, after_rev: int, up_to_rev: int) -> Any:
        """Articles with after_rev < rev <= up_to_rev, in revision order, a batch at a time."""
        last = after_rev
        while True:
            rows = list(
                self.archive.db.query(
                    "SELECT * FROM articles WHERE rev > ? AND rev <= ? ORDER BY rev LIMIT ?",
                    [last, up_to_rev, BATCH],
                )
            )
            if not rows:
                return
            ids = [r["id"] for r in rows]
            entities = entity_ids_by_article(self.archive.db, ids)
            quotes = quotes_by_article(self.archive.db, ids)
            links = related_keys_by_article(self.archive.db, ids)
            for row in rows:
                article_id = row["id"]
                yield row, entities.get(article_id, ()), quotes.get(article_id, ((), ())), links.get(article_id, ((), ()))
            last = rows[-1]["rev"]

    def _commit(self, writer: Any, new: IndexState, old: IndexState) -> None:
        """Commit, then record the new state with the generation it describes.

        No marker is written first: Whoosh writes a commit's table of contents atomically, so a
        crash before it leaves the old generation and state, and a crash after it leaves a
        generation newer than the state's, which :meth:`status` reports as interrupted. A
        commit that fails (a full disk) is cancelled and leaves the index as it was.
        """
        try:
            writer.commit()
        except BaseException:
            _abandon(writer)
            self.close()
            raise
        self.close()
        index = self._open()
        new.doc_count = index.doc_count()
        new.generation = index.latest_generation()
        new.write(self.state_path)

    def _swap_in(self, building: Path, state: IndexState) -> None:
        """Replace the live index with the one just built; a crash midway reads as interrupted."""
        self.close()
        previous = self.read_state() or IndexState()
        IndexState(**{**asdict(previous), "committing": True}).write(self.state_path)
        old = self.root / f"old-{os.getpid()}-{int(time.time() * 1000)}"
        if self.whoosh_dir.exists():
            os.replace(self.whoosh_dir, old)
        os.replace(building, self.whoosh_dir)
        state.write(self.state_path)
        with contextlib.suppress(OSError):
            (self.root / DAMAGED_FILE).unlink(missing_ok=True)
        shutil.rmtree(old, ignore_errors=True)

    def _clear_leftovers(self) -> None:
        """Half-built and replaced indexes from earlier runs that were interrupted (a process
        that still runs keeps its own: only one may write, but a read-only one may look)."""
        self.clear_dead_leftovers()
        for leftover in leftover_builds(self.root):
            if _leftover_pid(leftover) == os.getpid():
                shutil.rmtree(leftover, ignore_errors=True)


def leftover_builds(root: Path) -> list[Path]:
    """Half-built (``building-<pid>``) and replaced (``old-<pid>-...``) index folders."""
    if not root.is_dir():
        return []
    return sorted(p for p in [*root.glob("building-*"), *root.glob("old-*")] if p.is_dir())


def _leftover_pid(path: Path) -> int | None:
    try:
        return int(path.name.split("-")[1])
    except (IndexError, ValueError):
        return None


def _abandon(writer: Any) -> None:
    """Give up a writer after a failure, releasing Whoosh's write lock whatever state it is in."""
    try:
        writer.cancel()
    except Exception:  # noqa: BLE001 - a writer that failed mid-commit may refuse to cancel
        lock = getattr(writer, "writelock", None)
        if lock is not None:
            with contextlib.suppress(Exception):
                lock.release()


def _body_term(word: Any) -> Any:
    from whoosh import query as wq

    return wq.Term("body", word.decode("utf-8") if isinstance(word, bytes) else word)


def describe_error(exc: BaseException) -> str:
    """A damage error in words ("zlib.error: Error -3 while decompressing data ...")."""
    name = type(exc).__name__
    if name == "error":  # zlib.error, struct.error
        name = f"{type(exc).__module__}.error"
    text = str(exc).strip()
    return f"{name}: {text}"[:300] if text else name
