"""The index knows when it disagrees with SQLite, and comes back complete.

Changes made behind its back, missing, corrupt or truncated files, an interrupted commit, an
older database restored, and a writer killed with SIGKILL mid-commit: after each, the index
must be detected as not current and, once brought up to date, search must find every article.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.importing.pipeline import import_paths
from desktop.core.operations import bring_index_up_to_date
from desktop.core.search.index import IndexStatus, SearchIndex
from tests.core.conftest import search_ids


def _search(archive: Archive, query: str) -> list[int]:
    return search_ids(archive, query, catch_up=False)


def _status(archive: Archive) -> IndexStatus:
    index = SearchIndex(archive)
    try:
        return index.status()
    finally:
        index.close()


@pytest.fixture
def indexed(archive: Archive, seeds_dir: Path) -> Archive:
    import_paths(archive, [seeds_dir])
    bring_index_up_to_date(archive)
    assert _status(archive) is IndexStatus.CURRENT
    return archive


def _outside_edit(archive: Archive, sql: str, *params: object) -> None:
    """Change the database with another connection, as another tool would."""
    conn = sqlite3.connect(archive.db_path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_new_archive_index_is_missing_then_built(archive: Archive, seeds_dir: Path) -> None:
    import_paths(archive, [seeds_dir])
    assert _status(archive) is IndexStatus.MISSING
    outcome = bring_index_up_to_date(archive)
    assert outcome.found is IndexStatus.MISSING and outcome.indexed == 5
    assert _search(archive, "Esper") == [1, 2, 3, 4, 5]


def test_changes_behind_the_index_back_are_caught_up(indexed: Archive) -> None:
    _outside_edit(indexed, "UPDATE articles SET headline = 'Zanzibar ferry disaster' WHERE id = 4")
    _outside_edit(indexed, "DELETE FROM articles WHERE id = 2")
    assert _status(indexed) is IndexStatus.STALE
    assert SearchIndex(indexed).pending() == 2
    assert bring_index_up_to_date(indexed).found is IndexStatus.STALE
    assert _status(indexed) is IndexStatus.CURRENT
    assert _search(indexed, "Zanzibar") == [4]
    assert _search(indexed, "Esper") == [1, 3, 4, 5]


def test_article_added_by_another_tool_is_found_after_catch_up(indexed: Archive, tmp_path: Path) -> None:
    extra = tmp_path / "extra.txt"
    extra.write_text("Flooding in Basra\n\nHeavy rain flooded the port city of Basra on Monday.\n")
    import_paths(indexed, [extra])  # without indexing, as an old version of the app would
    assert _status(indexed) is IndexStatus.STALE
    bring_index_up_to_date(indexed)
    assert _search(indexed, "Basra") == [6]


@pytest.mark.parametrize("damage", ["delete-folder", "garbage-files", "truncate-files", "state-garbage",
                                    "state-missing", "interrupted-commit"])
def test_damaged_index_is_detected_and_rebuilt_complete(indexed: Archive, damage: str) -> None:
    whoosh = indexed.index_dir / "whoosh"
    state = indexed.index_dir / "state.json"
    files = sorted(p for p in whoosh.iterdir() if p.is_file())
    if damage == "delete-folder":
        shutil.rmtree(whoosh)
    elif damage == "garbage-files":
        for path in files:
            path.write_bytes(os.urandom(max(64, path.stat().st_size)))
    elif damage == "truncate-files":
        for path in files:
            with open(path, "r+b") as handle:
                handle.truncate(path.stat().st_size // 3)
    elif damage == "state-garbage":
        state.write_text("{not json")
    elif damage == "state-missing":
        state.unlink()
    elif damage == "interrupted-commit":
        state.write_text(state.read_text().replace('"committing": false', '"committing": true'))
    assert _status(indexed) is not IndexStatus.CURRENT
    bring_index_up_to_date(indexed)
    assert _status(indexed) is IndexStatus.CURRENT
    assert _search(indexed, "Esper") == [1, 2, 3, 4, 5]
    assert _search(indexed, '"Camp Taji"') == [2, 3, 4]


def test_older_copy_of_the_database_is_detected(indexed: Archive, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    source = sqlite3.connect(indexed.db_path)
    target = sqlite3.connect(backup)
    source.backup(target)
    source.close()
    target.close()
    _outside_edit(indexed, "UPDATE articles SET headline = 'Xylophone edit' WHERE id = 1")
    bring_index_up_to_date(indexed)
    # Restore the older database underneath the (newer) index.
    restored = sqlite3.connect(indexed.db_path)
    older = sqlite3.connect(backup)
    older.backup(restored)
    older.close()
    restored.close()
    assert _status(indexed) is IndexStatus.CORRUPT
    bring_index_up_to_date(indexed)
    assert _search(indexed, "Xylophone") == []


_WRITER = """
import sys
from desktop.core.archive import Archive
from desktop.core.search.index import SearchIndex
with Archive.open(sys.argv[1], readonly=True) as archive:
    index = SearchIndex(archive)
    index.rebuild() if sys.argv[2] == "rebuild" else index.catch_up()
    print("done", flush=True)
"""


@pytest.mark.slow
def test_writer_killed_mid_commit_leaves_an_index_that_comes_back_complete(
    archive: Archive, corpora_dir: Path
) -> None:
    """SIGKILL the index writer at random moments, many times; search must come back whole."""
    import_paths(archive, [corpora_dir / "fakes_syria" / "articles"], durable=False)
    expected = archive.count()
    rng = random.Random(13)
    killed_in_flight = 0
    for round_number in range(12):
        mode = "rebuild" if round_number % 3 == 0 else "catch_up"
        if mode == "catch_up":  # give the catch-up something to do
            _outside_edit(archive, "UPDATE articles SET word_count = word_count + 1 WHERE id % 3 = ?",
                          round_number % 3)
        writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(archive.folder), mode],
                                  stdout=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.2, 1.7) if mode == "rebuild" else rng.uniform(0.15, 0.7))
        if writer.poll() is None:
            killed_in_flight += 1
        writer.kill()  # SIGKILL; a no-op if it already finished
        writer.wait(timeout=30)
    assert killed_in_flight >= 6, "the writer finished too fast for the kills to mean anything"
    bring_index_up_to_date(archive)
    assert _status(archive) is IndexStatus.CURRENT
    index = SearchIndex(archive)
    try:
        assert index.open_index().doc_count() == expected
    finally:
        index.close()
    assert len(_search(archive, "")) == expected
    assert len(_search(archive, "Aleppo")) > 100
