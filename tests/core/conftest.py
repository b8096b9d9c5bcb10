"""Fixtures for core tests: a fresh real archive per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.archive import Archive


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    return tmp_path / "archive"


@pytest.fixture
def archive(archive_dir: Path) -> Iterator[Archive]:
    opened = Archive.open(archive_dir)
    yield opened
    opened.close()


def search_ids(archive: Archive, query: str = "", *, catch_up: bool = True, **request: object) -> list[int]:
    """Sorted ids of every article a search finds; by default after the index caught up
    (``catch_up=False`` searches the index as it stands, to test its consistency)."""
    from desktop.core.operations import bring_index_up_to_date
    from desktop.core.search.engine import SearchEngine, SearchRequest
    from desktop.core.search.index import SearchIndex

    if catch_up:
        bring_index_up_to_date(archive)
    index = SearchIndex(archive)
    engine = SearchEngine(archive, index)
    try:
        return sorted(engine.ids(SearchRequest(query=query, **request)))  # type: ignore[arg-type]
    finally:
        engine.close()
        index.close()


def snapshot(archive: Archive) -> dict[str, object]:
    """Everything a reporter could lose: rows and the bytes of every original."""
    rows = [tuple(r) for r in archive.db.execute("SELECT * FROM articles ORDER BY id").fetchall()]
    originals = {
        p.name: p.read_bytes()
        for p in sorted(archive.originals_dir.glob("??/*"))
        if p.is_file()
    }
    return {"rows": rows, "originals": originals}
