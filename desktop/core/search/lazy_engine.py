"""A search engine that is built the first time it is asked for, on the thread that asks.

The desktop window shows itself before Whoosh and the search code are imported (about 150 ms):
it holds a :class:`LazyEngine` and its search worker calls :meth:`LazyEngine.get`, so the import
and the index opening happen off the GUI thread, after the first paint.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..archive import Archive
    from .engine import SearchEngine

__all__ = ["LazyEngine"]


class LazyEngine:
    """``get()`` -> the archive's :class:`SearchEngine`, created once; ``close()`` is safe always."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._engine: SearchEngine | None = None
        self._lock = threading.Lock()

    def get(self) -> SearchEngine:
        with self._lock:
            if self._engine is None:
                from .engine import SearchEngine
                from .index import SearchIndex

                self._engine = SearchEngine(self.archive, SearchIndex(self.archive))
            return self._engine

    @property
    def loaded(self) -> bool:
        return self._engine is not None

    def close(self) -> None:
        with self._lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.close()
            engine.index.close()
