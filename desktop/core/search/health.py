"""What ``check`` says about the search index: does it open, read back and answer, and what was left.

Counting documents is not enough: a flipped bit inside a segment file leaves every count right
and breaks only the searches that read that spot. So the check reads the whole index back
(every posting list, stored document and column), runs a few sample queries, and compares the
index with the archive. A damaged index is an error with the advice to rebuild it. (Half-built
indexes left by a killed ``reindex``, ``index/building-<pid>``, are reported with the archive's
other leftovers in :func:`desktop.core.checking._check_leftovers`; the next process that may
write the index removes those whose process is gone.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from .index import IndexStatus, SearchIndex

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = ["REBUILD_ADVICE", "check_index"]

REBUILD_ADVICE = ("It is rebuilt from the archive the next time the app opens it or a search runs; "
                  "or run `newsroom-archive reindex`")


class Report(Protocol):
    repaired: list[str]

    def error(self, code: str, message: str) -> None: ...

    def note(self, code: str, message: str) -> None: ...


def check_index(archive: Archive, report: Report, *, repair: bool = False) -> None:
    """Add the index's findings to ``report`` (a :class:`desktop.core.checking.CheckReport`);
    ``repair`` is accepted for symmetry: a damaged index is rebuilt by the next search, not here."""
    index = SearchIndex(archive)
    try:
        state = index.read_state()
        if state is None or not index.whoosh_dir.is_dir():
            return  # not built yet (or cut short): built on the next search, nothing is lost
        problem = index.verify(deep=True)
        if problem is not None:
            report.error("index-damaged", f"the search index is damaged ({problem}). {REBUILD_ADVICE}")
            return
        try:
            status = index.status()
        except Exception:  # noqa: BLE001 - a damaged database is reported by the database check
            return
        if status is IndexStatus.CORRUPT:
            report.error("index-damaged", "the search index disagrees with the archive (its document count, "
                         f"or a search found it damaged). {REBUILD_ADVICE}")
        # Behind, interrupted or of another version: the next search brings it up to date by
        # itself, as after any import; nothing to report.
    finally:
        index.close()
