"""Import benchmark: the 20,841 Reuters-21578 files into a fresh archive.

Imports as the app does (originals flushed to disk, the search index built in a second process
while importing and brought fully up to date at the end) and prints files and articles per
second, wall time, and peak memory of this process and of the indexing process (maximum resident
set size). For comparison, on the project's 2-core machine Recoll's indexer takes about 31 s and
370 MB for the same files.

    python tests/benchmarks/bench_import.py [--corpus DIR] [--no-index] [--not-durable] [--profile]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.archive import Archive  # noqa: E402
from desktop.core.checking import check_archive  # noqa: E402
from desktop.core.importing.pipeline import import_paths  # noqa: E402
from desktop.core.operations import import_and_index  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578" / "articles"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--not-durable", action="store_true", help="skip fsync of originals")
    parser.add_argument("--no-index", action="store_true", help="import only, without the search index")
    parser.add_argument("--profile", action="store_true", help="print the top functions by time")
    args = parser.parse_args()

    files = sum(1 for _ in args.corpus.iterdir())
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        with Archive.open(Path(tmp) / "archive") as archive:
            started = time.perf_counter()
            if args.profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                report = profiler.runcall(import_paths, archive, [args.corpus], durable=not args.not_durable)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
            elif args.no_index:
                report = import_paths(archive, [args.corpus], durable=not args.not_durable)
            else:
                report = import_and_index(archive, [args.corpus], durable=not args.not_durable)
            wall = time.perf_counter() - started
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            index_mb = sum(p.stat().st_size for p in archive.index_dir.rglob("*") if p.is_file()) / 1e6
            db_mb = sum(p.stat().st_size for p in archive.folder.glob("archive.db*")) / 1e6
            check_started = time.perf_counter()
            checked = check_archive(archive)
            check_seconds = time.perf_counter() - check_started

    print(f"corpus            {args.corpus} ({files} files)")
    print(f"result            {report.summary()}")
    print(f"wall time         {wall:.1f} s")
    print(f"files per second  {len(report.outcomes) / wall:.0f}")
    print(f"articles/second   {report.imported / wall:.0f}")
    print(f"peak memory       {peak_mb:.0f} MB importing, {child_mb:.0f} MB indexing (max RSS)")
    print(f"search index      {'not built' if args.no_index else f'{index_mb:.1f} MB'}")
    print(f"database size     {db_mb:.1f} MB")
    print(f"check             {'OK' if checked.ok else 'PROBLEMS'} in {check_seconds:.1f} s")
    print(f"durable originals {not args.not_durable}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
