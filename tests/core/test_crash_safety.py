"""Kill the importer with SIGKILL at random moments: every committed article stays whole.

Each round starts ``newsroom-archive import`` on the fakes_syria corpus and kills it after a
random delay. After each kill the archive must open, ``check`` must find no error (leftovers
must be explained), and every article must have its import record from the same transaction.
At the end, running the import once more must finish the rest.
"""

from __future__ import annotations

import os
import random
import signal
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


def _orphan_indexers_gone(timeout: float = 10.0) -> bool:
    """No background indexer (a multiprocessing spawn child) outlives its killed importer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if b"spawn_main" in cmdline.read_bytes():
                    alive.append(cmdline)
            except OSError:
                continue
        if not alive:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_sigkill_at_random_moments_never_leaves_half_records(tmp_path: Path, corpora_dir: Path) -> None:
    corpus = corpora_dir / "fakes_syria" / "articles"
    folder = tmp_path / "archive"
    rng = random.Random(20200312)
    command = [sys.executable, "-m", "desktop", "import", str(corpus), "--archive", str(folder), "--quiet"]
    counts = []
    for _ in range(ROUNDS):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.25, 1.6))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        counts.append(_assert_whole(folder))
    assert counts == sorted(counts), "a kill must never lose a committed article"
    assert _orphan_indexers_gone(), "a killed import must not leave its indexing process running"
    assert counts[-1] > 0, "the kills came too early to test anything"

    finished = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stdout[-2000:]
    total = _assert_whole(folder)
    assert total == 789  # 804 files, 15 of them the same article as another
    with Archive.open(folder) as archive:
        assert check_archive(archive, repair=True).ok
        assert {f.code for f in check_archive(archive).notes} <= {"interrupted-import"}
