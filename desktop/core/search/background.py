"""Index in a second process while an import runs, so both cores work.

Whoosh is pure Python, so indexing on a thread would compete with parsing for the one
interpreter lock. A spawned process (never forked: forking a threaded Qt app is unsafe) opens
the archive read-only and runs :meth:`SearchIndex.catch_up` whenever it is woken, until told to
stop. It is the index's only writer while it runs; SQLite's WAL lets it read what the import
commits. If it dies, nothing is lost: the index is simply behind, and the next catch-up (or
the parent, in :meth:`BackgroundIndexer.finish`) brings it up to date.
"""

from __future__ import annotations

import logging
import multiprocessing
from pathlib import Path
from typing import Any

__all__ = ["BackgroundIndexer"]

log = logging.getLogger(__name__)


def _serve(folder: str, wake: Any, stop: Any) -> None:  # pragma: no cover - runs in the child
    from ..archive import Archive
    from .index import IndexStatus, SearchIndex

    parent = multiprocessing.parent_process()
    with Archive.open(folder, readonly=True) as archive:
        index = SearchIndex(archive)
        try:
            if index.status() not in (IndexStatus.CURRENT, IndexStatus.STALE):
                index.rebuild()
            while True:
                wake.wait(timeout=0.5)
                wake.clear()
                # Stop when asked, or when the importing process died (killed, crashed):
                # an orphan must not keep polling the archive forever.
                stopping = stop.is_set() or (parent is not None and not parent.is_alive())
                index.catch_up()
                if stopping:
                    break
        finally:
            index.close()


class BackgroundIndexer:
    """``with BackgroundIndexer(folder) as indexer: ... indexer.poke() ...``"""

    def __init__(self, folder: Path) -> None:
        context = multiprocessing.get_context("spawn")
        self._wake = context.Event()
        self._stop = context.Event()
        self._process = context.Process(
            target=_serve, args=(str(folder), self._wake, self._stop), name="newsroom-indexer", daemon=True
        )

    def start(self) -> BackgroundIndexer:
        self._process.start()
        return self

    def poke(self, *_: object) -> None:
        """Tell the indexer there is something new (cheap; call it after every commit)."""
        self._wake.set()

    def finish(self, timeout: float = 600.0) -> bool:
        """Ask for a last catch-up and wait for the process; True if it ended cleanly."""
        self._stop.set()
        self._wake.set()
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
