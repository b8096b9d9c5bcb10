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

from ..entities.store import entity_ids_by_article
from ..quotes.index_fields import quotes_by_article
from ..related.store import related_keys_by_article
from .documents import article_document
from .schema import SCHEMA_VERSION, build_schema

if TYPE_CHECKING:
    from whoosh.index import FileIndex

    from ..archive import Archive
    from ..importing.pipeline import CancelFlag

__all__ = ["IndexState", "IndexStatus", "Progress", "SearchIndex"]

#: ``progress(done, total)`` for long index work.
Progress = Callable[[int, int], None]

WHOOSH_DIR = "whoosh"
STATE_FILE = "state.json"
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

    @classmethod
    def read(cls, path: Path) -> IndexState | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{k: data[k] for k in ("rev", "max_id", "doc_count", "schema", "committing")})
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
        """Cheap check of the index against the archive, for start-up and the status bar."""
        state = self.read_state()
        if state is None or not self.whoosh_dir.is_dir():
            return IndexStatus.MISSING
        if state.schema != SCHEMA_VERSION:
            return IndexStatus.OUTDATED
        if state.committing:
            return IndexStatus.INTERRUPTED
        try:
            index = self._open()
            if index.doc_count() != state.doc_count:
                return IndexStatus.CORRUPT
        except Exception:  # noqa: BLE001 - any failure to open means rebuild
            return IndexStatus.CORRUPT
        rev = self.archive_rev()
        if rev < state.rev:
            return IndexStatus.CORRUPT  # the database was replaced by an older copy
        return IndexStatus.STALE if rev > state.rev else IndexStatus.CURRENT

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
            index.close()
        except BaseException:
            with contextlib.suppress(Exception):
                writer.cancel()
            shutil.rmtree(building, ignore_errors=True)
            raise
        self._swap_in(building, IndexState(rev=target, max_id=max_id, doc_count=doc_count))
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
        """Mark the state as committing, commit, then record the new state.

        A crash between the two writes leaves ``committing`` set, which :meth:`status`
        reports as interrupted, so the index is rebuilt rather than trusted.
        """
        marker = IndexState(**{**asdict(old), "committing": True})
        marker.write(self.state_path)
        writer.commit()
        self.close()
        new.doc_count = self._open().doc_count()
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
        shutil.rmtree(old, ignore_errors=True)

    def _clear_leftovers(self) -> None:
        """Half-built and replaced indexes from earlier runs that were interrupted."""
        for leftover in [*self.root.glob("building-*"), *self.root.glob("old-*")]:
            shutil.rmtree(leftover, ignore_errors=True)
