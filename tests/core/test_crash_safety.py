"""Kill the importer with SIGKILL at random moments: every committed article stays whole.

Each round starts ``newsroom-archive import`` on the fakes_syria corpus and kills it after a
random delay. After each kill the archive must open, ``check`` must find no error (leftovers
must be explained), and every article must have its import record from the same transaction.
At the end, running the import once more must finish the rest.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.checking import check_archive

ROUNDS = 30


def _assert_whole(folder: Path) -> int:
    with Archive.open(folder) as archive:
        report = check_archive(archive)
        assert report.ok, report.to_json()
        assert {f.code for f in report.notes} <= {
            "interrupted-import", "unreferenced-original", "partial-original"
        }
        articles = archive.count()
        recorded = archive.db.execute(
            "SELECT count(*) FROM import_results WHERE status = 'imported' AND article_id IS NOT NULL"
        ).fetchone()[0]
        assert recorded == articles
        return articles


def _session_members(session: int) -> list[int]:
    """Processes in ``session``: the killed importer's own descendants (its background indexer is
    a spawn child that stays in the session), never anything else running on the machine."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == session and fields[0] != "Z":  # field 6 of stat: the session id
            members.append(int(stat.parent.name))
    return members


def _orphans_gone(session: int, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _session_members(session):
            return True
        time.sleep(0.2)
    return False


def _articles(folder: Path) -> int:
    """Committed articles, read as any other reader would (0 before the database exists)."""
    try:
        with contextlib.closing(sqlite3.connect(f"{(folder / 'archive.db').as_uri()}?mode=ro", uri=True)) as db:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _seconds_to_first_commit(command: list[str], folder: Path) -> float:
    """How long this machine, loaded as it is now, takes from start to a first committed article:
    the kill delays are scaled by it, so the kills land during the import, not before it."""
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        while _articles(folder) == 0 and process.poll() is None and time.monotonic() - started < 300:
            time.sleep(0.05)
        return time.monotonic() - started
    finally:
        process.kill()
        process.wait(timeout=60)
        _orphans_gone(process.pid)


@pytest.mark.slow
def test_sigkill_at_random_moments_never_leaves_half_records(tmp_path: Path, corpora_dir: Path) -> None:
    corpus = corpora_dir / "fakes_syria" / "articles"
    folder = tmp_path / "archive"
    rng = random.Random(20200312)
    command = [sys.executable, "-m", "desktop", "import", str(corpus), "--archive", str(folder), "--quiet"]
    # On an idle machine the first article commits after about 1 s; the delays below were tuned
    # there (0.25-1.6 s) and stretch with the machine's load.
    scale = max(1.0, _seconds_to_first_commit(command, folder))
    counts = [_assert_whole(folder)]
    for _ in range(ROUNDS):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(rng.uniform(0.25, 1.6) * scale)
        os.kill(process.pid, signal.SIGKILL)  # the importer only: its indexer must end by itself
        process.wait(timeout=60)
        assert _orphans_gone(process.pid), "a killed import must not leave its indexing process running"
        counts.append(_assert_whole(folder))
    assert counts == sorted(counts), "a kill must never lose a committed article"
    assert counts[-1] > 0, "the kills came too early to test anything"

    finished = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stdout[-2000:]
    total = _assert_whole(folder)
    assert total == 789  # 804 files, 15 of them the same article as another
    with Archive.open(folder) as archive:
        assert check_archive(archive, repair=True).ok
        assert {f.code for f in check_archive(archive).notes} <= {"interrupted-import"}
