"""Operations that span the store and the search index, shared by the GUI and the CLI.

Importing is not finished until the articles are searchable. For a large batch, indexing
runs in a second process while the import parses files (both cores busy); for a small one,
starting that process would cost more than it saves, so the index catches up afterwards in
this process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from .archive import Archive
from .importing.discover import discover
from .importing.pipeline import ArticleEnricher, CancelFlag, ProgressCallback, import_paths
from .importing.report import ImportReport
from .search.background import BackgroundIndexer
from .disk_full import is_disk_full
from .search.index import IndexStatus, Progress, SearchIndex

__all__ = ["BACKGROUND_INDEX_THRESHOLD", "IndexOutcome", "import_and_index", "bring_index_up_to_date"]

#: Batches at least this large are indexed in a second process while they import.
BACKGROUND_INDEX_THRESHOLD = 300


@dataclass
class IndexOutcome:
    found: IndexStatus
    indexed: int


def bring_index_up_to_date(
    archive: Archive, *, progress: Progress | None = None, cancel: CancelFlag | None = None
) -> IndexOutcome:
    """Check the index against the archive and catch up or rebuild as needed."""
    index = SearchIndex(archive)
    try:
        before = index.pending()
        found = index.ensure_current(progress=progress, cancel=cancel)
        return IndexOutcome(found, before if found is IndexStatus.STALE else archive.count())
    finally:
        index.close()


def article_enrichers(archive: Archive) -> list[ArticleEnricher]:
    """What every import looks for in each new article: entity mentions (suggested), then
    quotations (whose speakers are linked to the entities just stored), then other versions of
    the same text already in the archive."""
    from .entities.suggest import EntitySuggester
    from .quotes.store import QuoteExtractor
    from .related.service import VersionDetector

    return [EntitySuggester(archive), QuoteExtractor(), VersionDetector()]


def import_and_index(
    archive: Archive,
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
    durable: bool = True,
) -> ImportReport:
    """Import files and folders, and leave the search index up to date with them."""
    paths = list(paths)
    enrichers = article_enrichers(archive)
    large = len(discover(paths)) >= BACKGROUND_INDEX_THRESHOLD
    if large:
        indexer = BackgroundIndexer(archive.folder).start()
        try:
            report = import_paths(
                archive, paths, progress=progress, cancel=cancel, durable=durable, on_imported=indexer.poke,
                enrichers=enrichers,
            )
        finally:
            indexer.finish()
    else:
        report = import_paths(archive, paths, progress=progress, cancel=cancel, durable=durable,
                              enrichers=enrichers)
    try:
        if any(getattr(e, "added", 0) for e in enrichers):
            from .quotes.store import regroup_statements

            regroup_statements(archive)  # new quotations may repeat statements already in the archive
        # Whatever the background process did not finish (or all of it, for a small batch).
        bring_index_up_to_date(archive)
    except Exception as exc:  # a full disk ends the catch-up, not the report of what was imported
        if not is_disk_full(exc):  # (OSError or SQLite's "disk is full", also when chained)
            raise
        report.problems.append("disk full: the search index could not be brought up to date; free "
                               "some space, then run `newsroom-archive reindex`")
    return report
