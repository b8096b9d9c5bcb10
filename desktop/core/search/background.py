"""Index in a second process while an import runs, so both cores work.

Whoosh is pure Python, so indexing on a thread would compete with parsing for the one
interpreter lock. A spawned process (never forked: forking a threaded Qt app is unsafe) opens
the archive read-only and runs :meth:`SearchIndex.catch_up` whenever it is woken, until told to
stop. It is the index's only writer while it runs; SQLite's WAL lets it read what the import
commits. If it dies, nothing is lost: the index is simply behind, and the next catch-up (or
the parent, in :meth:`BackgroundIndexer.finish`) brings it up to date.

The two processes share no lock. Wake-ups and the stop request are plain numbers in shared
memory that the child polls: a ``multiprocessing.Event`` holds a lock while it is set, and an
importer killed in that instant left its indexer blocked on that lock for ever, an orphan.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from pathlib import Path
from typing import Any

__all__ = ["BackgroundIndexer"]

log = logging.getLogger(__name__)

#: How often the indexer looks for a wake-up, a stop request or a dead parent (seconds).
POLL_S = 0.05
#: It catches up at least this often even without a wake-up (seconds).
IDLE_S = 0.5


def _serve(folder: str, pokes: Any, stop: Any) -> None:  # pragma: no cover - runs in the child
    from ..archive import Archive
    from ..disk_full import is_disk_full
    from .index import IndexStatus, SearchIndex

    parent = multiprocessing.parent_process()
    with Archive.open(folder, readonly=True) as archive:
        index = SearchIndex(archive)
        try:
            if index.status() not in (IndexStatus.CURRENT, IndexStatus.STALE):
                index.rebuild()
            seen = pokes.value
            while True:
                waited = 0.0
                while pokes.value == seen and not stop.value and waited < IDLE_S:
                    time.sleep(POLL_S)
                    waited += POLL_S
                seen = pokes.value
                # Stop when asked, or when the importing process died (killed, crashed):
                # an orphan must not keep polling the archive forever.
                stopping = bool(stop.value) or (parent is not None and not parent.is_alive())
                index.catch_up()
                if stopping:
                    break
        except OSError as exc:
            if not is_disk_full(exc):
                raise
            # The disk is full: stop quietly (no traceback in the import's output); the index
            # keeps its last commit and the importer reports that it could not catch up.
            log.warning("background indexing stopped: %s", exc)
        finally:
            index.close()


class BackgroundIndexer:
    """``with BackgroundIndexer(folder) as indexer: ... indexer.poke() ...``"""

    def __init__(self, folder: Path) -> None:
        context = multiprocessing.get_context("spawn")
        # Lock-free shared numbers (see the module docstring): a wake-up count and a stop flag.
        self._pokes = context.RawValue("l", 0)
        self._stop = context.RawValue("b", 0)
        self._process = context.Process(
            target=_serve, args=(str(folder), self._pokes, self._stop), name="newsroom-indexer", daemon=True
        )

    def start(self) -> BackgroundIndexer:
        self._process.start()
        return self

    def poke(self, *_: object) -> None:
        """Tell the indexer there is something new (cheap; call it after every commit)."""
        self._pokes.value += 1  # not atomic, and need not be: any change wakes the indexer

    def finish(self, timeout: float = 600.0) -> bool:
        """Ask for a last catch-up and wait for the process; True if it ended cleanly."""
        self._stop.value = 1
        self._process.join(timeout)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(5)
            return False
        return self._process.exitcode == 0

    def __enter__(self) -> BackgroundIndexer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        if self._process.is_alive():
            self.finish()
