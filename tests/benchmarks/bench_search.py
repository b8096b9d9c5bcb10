"""Search benchmark: index build and query latency at 20,841 and about 104,000 articles.

Builds an archive of the Reuters-21578 files (imported as a reporter would, with the search
index built in a second process while importing), then a 5x archive whose extra copies get new
ids, content hashes and dates shifted by 1-4 years. For each it prints the index build time
and size, and per query kind the median and 95th-percentile time of a complete results page:
top 20 hits with snippets plus facet counts over the whole result set. The query set is
``search_queries.tsv`` beside this file.

    python tests/benchmarks/bench_search.py [--corpus DIR] [--copies 5] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.archive import Archive  # noqa: E402
from desktop.core.operations import import_and_index  # noqa: E402
from desktop.core.search.engine import SearchEngine, SearchRequest  # noqa: E402
from desktop.core.search.index import SearchIndex  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578" / "articles"
QUERIES = Path(__file__).with_name("search_queries.tsv")

_COPY_COLUMNS = ("original_name, original_format, original_size, source_path, encoding, headline, byline, "
                 "outlet, dateline, url, language, body, word_count, provenance, imported_at, updated_at")


def load_queries() -> list[tuple[str, str]]:
    pairs = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, _, query = line.partition("\t")
        pairs.append((kind, query))
    return pairs


def dates_from_metadata(archive: Archive, corpus: Path) -> int:
    """Reuters files carry their dates only in the CSV beside them: give the articles those
    dates, as a desk would have them, so date filters and sorting have something to work on."""
    import csv

    months = {m: i for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}
    updates = []
    with open(corpus.parent / "articles_metadata.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            day, month, year = row["date"].split()[0].split("-")
            updates.append((f"{int(year):04d}-{months[month.upper()]:02d}-{int(day):02d}", row["file"]))
    with archive.transaction() as db:
        db.conn.executemany("UPDATE articles SET pub_date = ? WHERE original_name = ?", updates)
    return len(updates)


def multiply(archive: Archive, copies: int) -> None:
    """Add copies - 1 variants of every article: new ids and hashes, dates moved by k years."""
    with archive.transaction() as db:
        for k in range(1, copies):
            db.execute(
                f"""INSERT INTO articles(content_hash, text_fingerprint, pub_date, {_COPY_COLUMNS})
                    SELECT content_hash || '-{k}', text_fingerprint || '-{k}',
                           CASE WHEN pub_date IS NULL THEN NULL
                                ELSE (CAST(substr(pub_date, 1, 4) AS INTEGER) + {k}) || substr(pub_date, 5) END,
                           {_COPY_COLUMNS}
                    FROM articles WHERE content_hash NOT LIKE '%-%'"""
            )


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def measure(archive: Archive, queries: list[tuple[str, str]], repeat: int) -> None:
    index = SearchIndex(archive)
    engine = SearchEngine(archive, index)
    started = time.perf_counter()
    engine.search(SearchRequest(query="warm up"))
    first = (time.perf_counter() - started) * 1000
    by_kind: dict[str, list[float]] = defaultdict(list)
    totals: dict[str, int] = {}
    for _ in range(repeat):
        for kind, query in queries:
            started = time.perf_counter()
            results = engine.search(SearchRequest(query=query, limit=20))
            by_kind[kind].append((time.perf_counter() - started) * 1000)
            totals[query] = results.total
    everything = [t for times in by_kind.values() for t in times]
    print(f"  first search after opening (searcher + facet caches): {first:.0f} ms")
    print(f"  {'kind':<14}{'queries':>8}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}   hits (first query)")
    for kind, times in by_kind.items():
        kind_queries = [q for k, q in queries if k == kind]
        print(f"  {kind:<14}{len(kind_queries):>8}{statistics.median(times):>11.1f}"
              f"{_p95(times):>9.1f}{max(times):>9.1f}   {totals[kind_queries[0]]}")
    print(f"  {'ALL':<14}{len(queries):>8}{statistics.median(everything):>11.1f}{_p95(everything):>9.1f}"
          f"{max(everything):>9.1f}")
    engine.close()
    index.close()


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    queries = load_queries()
    print(f"{len(queries)} queries in {len({k for k, _ in queries})} kinds, each run {args.repeat} times")
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp, Archive.open(Path(tmp) / "a") as archive:
        started = time.perf_counter()
        report = import_and_index(archive, [args.corpus])
        print(f"\nimport + index of {args.corpus.name}: {report.summary()}; "
              f"with index {time.perf_counter() - started:.1f} s")
        dated = dates_from_metadata(archive, args.corpus)
        print(f"dates from articles_metadata.csv for {dated} files")
        index = SearchIndex(archive)
        started = time.perf_counter()
        index.rebuild()
        print(f"index rebuild of {archive.count()} articles: {time.perf_counter() - started:.1f} s, "
              f"{folder_mb(index.whoosh_dir):.0f} MB on disk")
        index.close()
        measure(archive, queries, args.repeat)

        multiply(archive, args.copies)
        index = SearchIndex(archive)
        started = time.perf_counter()
        index.rebuild()
        print(f"\nindex rebuild of {archive.count()} articles: {time.perf_counter() - started:.1f} s, "
              f"{folder_mb(index.whoosh_dir):.0f} MB on disk")
        index.close()
        measure(archive, queries, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
