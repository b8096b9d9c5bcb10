"""One search from a shell (the CLI, an export): ready the index, search, heal, say what happened.

The GUI keeps its index current on its writer thread; a command-line search has to do that
itself, and it may be a read-only guest while the app or an import holds the archive. The rules:

* a process that may write brings the index up to date first; when it cannot (a full disk),
  it says so and answers from the index's last committed state;
* a read-only process never refuses what it can read: behind, or mid-commit by another
  process, it answers from the last committed state with a note saying how far behind;
* a damaged index (Whoosh cannot read its files) is rebuilt from SQLite and the search run
  again; a read-only process says the copy that holds the archive will rebuild it.

Failures arrive as :class:`SearchUnavailable` (nothing can be searched), or as
:class:`~.engine.SearchFailed` (something unexpected, in words): never a traceback.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from .engine import SearchEngine, SearchFailed, in_words
from ..disk_full import is_disk_full
from .index import IndexDamaged, IndexStatus, SearchIndex

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = ["DISK_FULL_NOTE", "SearchUnavailable", "prepare_index", "search_with"]

_T = TypeVar("_T")
#: ``announce(message)``: something worth saying while it happens (a rebuild takes a while).
Announce = Callable[[str], None]

#: Looks a read-only search takes at an index that seems damaged before saying so.
READONLY_LOOKS = 3
DISK_FULL_NOTE = "the disk is full: the index could not be brought up to date"
_WAS = {IndexStatus.CORRUPT: "damaged", IndexStatus.INTERRUPTED: "left unfinished by an interrupted update",
        IndexStatus.OUTDATED: "made by another version"}
_HOLDER = "the copy of Newsroom Archive that has the archive open"


class SearchUnavailable(Exception):
    """The archive cannot be searched now; the message says why and what to do."""


def _quiet(_message: str) -> None:
    pass


def _behind(index: SearchIndex) -> int:
    try:
        return index.pending()
    except Exception:  # noqa: BLE001 - a count for a note is never worth a failure
        return 0


def prepare_index(archive: Archive, *, announce: Announce = _quiet) -> tuple[SearchIndex, list[str]]:
    """The archive's index, as current as this process may make it, and notes for the reader."""
    index = SearchIndex(archive)
    notes: list[str] = []
    if not archive.readonly:
        index.clear_dead_leftovers()  # what a killed reindex left (index/building-<pid>)
    status = index.status()
    if status is IndexStatus.CURRENT:
        return index, notes
    if archive.readonly:
        _prepare_readonly(index, status, notes)
        return index, notes
    if status is not IndexStatus.STALE:
        announce(f"search index {status.value}: rebuilding it from the archive ...")
    try:
        index.ensure_current()
        if status is not IndexStatus.STALE:
            notes.append(f"the search index was {_WAS.get(status, status.value)}; it was rebuilt from the archive")
    except Exception as exc:  # noqa: BLE001 - a full disk, another writer's lock: search what is committed
        index.close()
        reason = (exc.strerror if isinstance(exc, OSError) else None) or in_words(exc)
        if is_disk_full(exc):
            notes.append(DISK_FULL_NOTE)
        else:
            notes.append(f"the index could not be brought up to date ({reason})")
        problem = index.verify()
        if problem is not None:
            raise SearchUnavailable(f"the search index cannot be read ({problem}) and could not be rebuilt "
                                    f"({reason})") from exc
        behind = _behind(index)
        if behind:
            notes.append(f"searching the index as it was: {behind} change(s) behind")
    return index, notes


def _prepare_readonly(index: SearchIndex, status: IndexStatus, notes: list[str]) -> None:
    """Search what is committed; a damaged-looking index is looked at again a few times, since
    another process's commit may have moved files between reading the state and the files."""
    problem: str | None = None
    for attempt in range(READONLY_LOOKS):
        if attempt:
            time.sleep(0.2 * attempt)
            index.close()
            status = index.status()
        if status is IndexStatus.CURRENT:
            return
        if status is IndexStatus.STALE:
            notes.append(f"the index is {_behind(index)} change(s) behind; {_HOLDER} is updating it")
            return
        if status in (IndexStatus.MISSING, IndexStatus.OUTDATED):
            raise SearchUnavailable(f"the search index is {status.value}; {_HOLDER} will build it "
                                    "(or, once the archive is free, run `newsroom-archive reindex`)")
        problem = index.verify()
        if problem is None and status is IndexStatus.INTERRUPTED:
            notes.append(f"another process is updating the index (an import is running): answering from its "
                         f"last committed state, {_behind(index)} change(s) behind")
            return
    if problem is not None:
        raise SearchUnavailable(f"the search index is damaged ({problem}); {_HOLDER} will rebuild it "
                                "(or, once the archive is free, run `newsroom-archive reindex`)")
    notes.append(f"the index disagrees with the archive; {_HOLDER} will rebuild it: results may be incomplete")


def search_with(archive: Archive, work: Callable[[SearchEngine], _T], *,
                announce: Announce = _quiet) -> tuple[_T, list[str]]:
    """``work(engine)`` on a ready index, healing a damaged one once; returns (result, notes)."""
    try:
        index, notes = prepare_index(archive, announce=announce)
    except SearchUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001 - said in words: the archive is left as it was
        raise SearchFailed(f"the search could not compare the index with the archive ({in_words(exc)})") from exc
    engine = SearchEngine(archive, index)
    try:
        try:
            return work(engine), notes
        except IndexDamaged as exc:
            if archive.readonly:
                raise SearchUnavailable(f"the search index is damaged ({exc.problem}); {_HOLDER} will rebuild it "
                                        "(or, once the archive is free, run `newsroom-archive reindex`)") from exc
            engine.reset()
            announce(f"the search index is damaged ({exc.problem}): rebuilding it from the archive ...")
            try:
                index.rebuild()
            except OSError as failure:
                full = " (the disk is full)" if is_disk_full(failure) else ""
                raise SearchUnavailable(f"the search index is damaged ({exc.problem}) and could not be rebuilt{full}: "
                                        f"{failure.strerror or failure}") from failure
            notes.append(f"the search index was damaged ({exc.problem}); it was rebuilt from the archive")
            engine.reset()
            return work(engine), notes
    finally:
        engine.close()
        index.close()
