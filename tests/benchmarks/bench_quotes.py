"""Quotation benchmark: extract_quotes over the fakes_syria articles, then group_statements.

Reads every ``*.txt`` of the corpus as plain text (the quotation pass does not need the
importer, and leaving it out measures the pass alone), runs :func:`extract_quotes` on each and
prints articles and quotes per second, how many quotes found a speaker, and the time
:func:`group_statements` takes over all of them with the number of statements carried by more
than one story. ``--repeat N`` multiplies the grouping input (each article copied N times under
new ids) to see how grouping scales. The word lists attribution shares with entity suggestions
(titles, given names, places) are loaded once per process before the clock starts, and their
load time is printed apart: an import has loaded them for entity suggestions already.

    python tests/benchmarks/bench_quotes.py [--corpus DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.quotes.extract import extract_quotes
from desktop.core.quotes.knowledge import knowledge
from desktop.core.quotes.statements import group_statements

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "fakes_syria" / "articles"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=1, help="copies of the corpus to group")
    args = parser.parse_args(argv)

    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    bodies = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    chars = sum(len(b) for b in bodies)

    started = time.perf_counter()
    knowledge()
    print(f"word lists (titles, given names, places) loaded once in {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    quotes = [extract_quotes(body) for body in bodies]
    elapsed = time.perf_counter() - started
    count = sum(len(q) for q in quotes)
    attributed = sum(1 for qs in quotes for q in qs if q.speaker)
    print(f"extract_quotes: {len(bodies)} articles ({chars / 1e6:.1f} M chars), {count} quotes in {elapsed:.2f} s")
    print(f"  {len(bodies) / elapsed:.0f} articles/s, {count / elapsed:.0f} quotes/s, "
          f"{chars / elapsed / 1e6:.2f} M chars/s")
    print(f"  speaker found for {attributed}/{count} quotes ({attributed / max(count, 1):.0%}); "
          f"{sum(1 for qs in quotes for q in qs if q.needs_review)} marked for review")

    by_article = {
        copy * len(quotes) + i: qs for copy in range(args.repeat) for i, qs in enumerate(quotes)
    }
    started = time.perf_counter()
    statements = group_statements(by_article)
    elapsed = time.perf_counter() - started
    shared = [s for s in statements if len(s.article_ids) > 1]
    total = sum(len(qs) for qs in by_article.values())
    print(f"group_statements: {total} quotes from {len(by_article)} articles -> {len(statements)} statements "
          f"({len(shared)} in more than one story) in {elapsed:.2f} s ({total / elapsed:.0f} quotes/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
