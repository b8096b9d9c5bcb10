"""Archive-safety benchmark: what tolerating undecodable text and checking the archive's paths
cost on reads, and how long ``recover`` takes.

Imports ``--stories`` fakes_syria articles into a temporary archive, then prints:

* reading every article row (``SELECT *``) with Python's default text decoding (fails on one
  bad value) and with the archive's replacing decoder (``store._decode_text``), best of
  ``--runs``;
* opening the archive read-only (which now checks the folder's paths and the database header),
* ``check`` (including the new scan of every text value), and the text scan alone;
* ``recover`` of the archive after its database was emptied (every article re-read from its
  original) and after nothing was wrong (every row salvaged).

    python tests/benchmarks/bench_archive_safety.py [--stories 300] [--runs 5]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.archive import Archive  # noqa: E402
from desktop.core.checking import CheckReport, _check_text_values, check_archive  # noqa: E402
from desktop.core.operations import import_and_index  # noqa: E402
from desktop.core.recovery import recover_archive  # noqa: E402
from desktop.core.store import _decode_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "fakes_syria" / "articles"


def _best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _read_all(db: Path, factory) -> None:
    conn = sqlite3.connect(db)
    conn.text_factory = factory
    try:
        for _row in conn.execute("SELECT * FROM articles"):
            pass
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    files = sorted(CORPUS.iterdir())[: args.stories]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "archive"
        with Archive.open(folder) as archive:
            import_and_index(archive, files, durable=False)
            count = archive.count()
            chars = archive.db.execute("SELECT sum(length(body)) FROM articles").fetchone()[0]
        db = folder / "archive.db"
        print(f"{count} articles, {chars / 1e6:.1f} M characters of text")
        plain = _best(lambda: _read_all(db, str), args.runs)
        replacing = _best(lambda: _read_all(db, _decode_text), args.runs)
        print(f"read every row, default decoding:   {plain * 1000:8.1f} ms")
        extra = (replacing / plain - 1) * 100
        print(f"read every row, replacing decoder:  {replacing * 1000:8.1f} ms  ({extra:+.0f}%)")

        def open_close() -> None:
            Archive.open(folder, readonly=True).close()

        print(f"open read-only (paths, header):     {_best(open_close, args.runs) * 1000:8.1f} ms")
        with Archive.open(folder, readonly=True) as archive:
            started = time.perf_counter()
            report = check_archive(archive)
            print(f"check (ok={report.ok}):                 {(time.perf_counter() - started) * 1000:8.1f} ms")
            scan = _best(lambda: _check_text_values(archive, CheckReport()), args.runs)
            print(f"  of which the UTF-8 scan:          {scan * 1000:8.1f} ms")
        started = time.perf_counter()
        healthy = recover_archive(folder)
        print(f"recover, healthy database:          {(time.perf_counter() - started):8.2f} s  "
              f"({healthy.salvaged.get('articles', 0)} salvaged, {len(healthy.rebuilt)} rebuilt)")
        db.write_bytes(b"")
        started = time.perf_counter()
        emptied = recover_archive(folder)
        print(f"recover, emptied database:          {(time.perf_counter() - started):8.2f} s  "
              f"({emptied.salvaged.get('articles', 0)} salvaged, {len(emptied.rebuilt)} rebuilt)")


if __name__ == "__main__":
    main()
