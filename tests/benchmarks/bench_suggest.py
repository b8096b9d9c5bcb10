""""Did you mean" benchmark: the worst search times for fuzzed queries that find nothing.

A search that finds nothing asks "did you mean" for its unknown words; each lookup walks the
archive's word list, so a long OR-list of unknown words used to cost one walk per word (11.8 s
for one such query on the 20,841 Reuters stories, up to 29 s for others). This prints, per kind
of fuzzed query, the median and the worst time of a complete search (page, facets,
suggestions), how many took over 2 s, and the most suggestions one query made.

    python tests/benchmarks/bench_suggest.py [--archive DIR] [--corpus DIR] [--limit N]
        [--queries 300] [--seed 13]

Without ``--archive`` it imports the first ``--limit`` Reuters files (default: all) into a
temporary archive first. Query kinds: ``or-list`` (10-200 random unknown words joined by OR),
``typos`` (5-40 real words with one or two letters changed), ``long-unknown`` (a pasted block
of 50-400 unknown words), ``mixed`` (typos and unknown words with a field and a phrase),
``or-typos`` (50-200 real words, each with a letter or two changed, joined by OR).
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.archive import Archive  # noqa: E402
from desktop.core.operations import bring_index_up_to_date, import_and_index  # noqa: E402
from desktop.core.search.engine import SearchEngine, SearchRequest  # noqa: E402
from desktop.core.search.index import SearchIndex  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578" / "articles"


def _unknown(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 12)))


def _typo(rng: random.Random, word: str) -> str:
    letters = list(word)
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(1, len(letters)) if len(letters) > 1 else 0
        letters[i] = rng.choice(string.ascii_lowercase)
    return "".join(letters)


def fuzzed_queries(rng: random.Random, vocabulary: list[str], count: int) -> list[tuple[str, str]]:
    queries = []
    for n in range(count):
        kind = ("or-list", "typos", "long-unknown", "mixed", "or-typos")[n % 5]
        if kind == "or-typos":
            query = " OR ".join(_typo(rng, rng.choice(vocabulary)) for _ in range(rng.randint(50, 200)))
        elif kind == "or-list":
            query = " OR ".join(_unknown(rng) for _ in range(rng.randint(10, 200)))
        elif kind == "typos":
            query = " ".join(_typo(rng, rng.choice(vocabulary)) for _ in range(rng.randint(5, 40)))
        elif kind == "long-unknown":
            query = " ".join(_unknown(rng) for _ in range(rng.randint(50, 400)))
        else:
            words = [_typo(rng, rng.choice(vocabulary)) for _ in range(rng.randint(3, 20))]
            words += [_unknown(rng) for _ in range(rng.randint(3, 20))]
            rng.shuffle(words)
            query = f'headline:{words[0]} "{words[1]} {words[2]}" ' + " OR ".join(words[3:])
        queries.append((kind, query))
    return queries


def vocabulary_of(archive: Archive, size: int = 3000) -> list[str]:
    words: set[str] = set()
    for (body,) in archive.db.execute("SELECT body FROM articles ORDER BY id LIMIT 400"):
        words.update(w.strip(".,;:()\"'").lower() for w in body.split())
    return sorted(w for w in words if w.isalpha() and 5 <= len(w) <= 12)[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, help="an existing archive to search (default: build one)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="import only the first N files (0: all)")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.archive or Path(tmp) / "archive"
        archive = Archive.open(folder, create=args.archive is None)
        try:
            if args.archive is None:
                files = sorted(args.corpus.glob("*.txt"))
                files = files[: args.limit] if args.limit else files
                started = time.perf_counter()
                import_and_index(archive, [str(f) for f in files], durable=False)
                print(f"imported {archive.count()} articles in {time.perf_counter() - started:.1f} s")
            bring_index_up_to_date(archive)
            rng = random.Random(args.seed)
            queries = fuzzed_queries(rng, vocabulary_of(archive), args.queries)
            index = SearchIndex(archive)
            engine = SearchEngine(archive, index)
            times: dict[str, list[tuple[float, str]]] = {}
            most_suggestions = 0
            try:
                engine.search(SearchRequest(query="warmup"))
                for kind, query in queries:
                    started = time.perf_counter()
                    results = engine.search(SearchRequest(query=query))
                    elapsed = time.perf_counter() - started
                    times.setdefault(kind, []).append((elapsed, query))
                    if results.suggestions:
                        changed = sum(a != b for a, b in zip(query.split(), results.suggestions[0].split()))
                        most_suggestions = max(most_suggestions, changed)
            finally:
                engine.close()
                index.close()
            print(f"{archive.count()} articles, {len(queries)} fuzzed queries (seed {args.seed})")
            print(f"{'kind':<14}{'n':>5}{'median s':>10}{'worst s':>10}{'> 2 s':>7}")
            everything = []
            for kind, measured in sorted(times.items()):
                seconds = [t for t, _ in measured]
                everything.extend(measured)
                print(f"{kind:<14}{len(seconds):>5}{statistics.median(seconds):>10.3f}{max(seconds):>10.3f}"
                      f"{sum(t > 2 for t in seconds):>7}")
            worst = sorted(everything, reverse=True)[:5]
            print("slowest:")
            for elapsed, query in worst:
                print(f"  {elapsed:7.3f} s  {len(query.split()):>4} words  {query[:70]}...")
            print(f"most words changed by one suggestion: {most_suggestions}")
        finally:
            archive.close()


if __name__ == "__main__":
    main()
