"""Quotation attribution against the gold sets: right / wrong / unknown / not found.

Reads each gold story the way the importer does (the same reader and boilerplate removal, so
the body is the one the archive stores), runs :func:`extract_quotes` on it and matches every
gold fragment to the shortest unused quotation containing it. A found quotation is *right* when
its speaker is one of the gold names (case, spacing and curly apostrophes folded), *unknown*
when it has no speaker although the gold names one, *wrong* otherwise. Figures are printed for
the real-copy gold (``tests/core/quotes_gold_real.py``), the held-out gold written after it on other
stories and never tuned on (``tests/core/quotes_gold_heldout.py``), the blind gold written on yet
other stories before the next round of changes (``tests/core/quotes_gold_blind.py``) and the seeds'
gold (``tests/core/quotes_gold.py``); ``--misses`` lists what went wrong, except for the blind gold,
whose totals only are printed so that nobody tunes on its misses.

    python tests/benchmarks/eval_quotes.py [--misses]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.importing.formats import reader_for  # noqa: E402
from desktop.core.importing.limits import DEFAULT_LIMITS  # noqa: E402
from desktop.core.importing.metadata import extract_fields  # noqa: E402
from desktop.core.quotes.extract import Quote, extract_quotes  # noqa: E402
from tests.core import quotes_gold, quotes_gold_blind, quotes_gold_heldout, quotes_gold_real  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
SEEDS = ROOT.parent / "shared" / "samples" / "seeds"


def stored_body(path: Path) -> str:
    """The body the importer would store for ``path``."""
    reader = reader_for(path)
    assert reader is not None, path
    return extract_fields(reader(path.read_bytes(), name=path.name, limits=DEFAULT_LIMITS)).body


def _fold(text: str) -> str:
    return "".join(text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


def match(quotes: list[Quote], fragment: str, used: set[int]) -> Quote | None:
    """The shortest quotation not matched yet whose words contain ``fragment``."""
    want = _fold(fragment)
    candidates = [(len(q.text), i, q) for i, q in enumerate(quotes) if i not in used and want in _fold(q.text)]
    if not candidates:
        return None
    _, index, quote = min(candidates)
    used.add(index)
    return quote


@dataclass
class Score:
    counts: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def line(self, name: str) -> str:
        c, total = self.counts, self.total
        named = total - c["none-right"] - c["none-wrong"]
        found = total - c["not found"]
        return (f"{name}: {total} quotations, found {found} ({found / total:.1%}); of {named} with a named speaker: "
                f"right {c['right']} ({c['right'] / max(named, 1):.1%}), wrong {c['wrong']} ({c['wrong'] / max(named, 1):.1%}), "
                f"unknown {c['unknown']} ({c['unknown'] / max(named, 1):.1%}), not found {c['not found']}")


def score(gold: dict[str, list[tuple[str, tuple[str, ...]]]], bodies: dict[str, str]) -> Score:
    result = Score()
    for key, entries in gold.items():
        quotes = extract_quotes(bodies[key])
        used: set[int] = set()
        for fragment, speakers in entries:
            quote = match(quotes, fragment, used)
            wanted = {_fold(s) for s in speakers}
            if quote is None:
                verdict = "not found"
            elif not speakers:
                verdict = "none-right" if quote.speaker is None else "none-wrong"
            elif quote.speaker is None:
                verdict = "unknown"
            else:
                verdict = "right" if _fold(quote.speaker) in wanted else "wrong"
            result.counts[verdict] += 1
            if verdict not in ("right", "none-right"):
                result.misses.append((key, fragment, verdict if quote is None or quote.speaker is None
                                      else f"{verdict}: {quote.speaker!r} ({quote.attribution_reason})"))
    return result


def real_bodies(gold: dict[str, list[tuple[str, tuple[str, ...]]]] | None = None) -> dict[str, str]:
    return {key: stored_body(CORPORA / key) for key in (quotes_gold_real.GOLD if gold is None else gold)}


def seed_bodies() -> dict[str, str]:
    return {key: stored_body(next(SEEDS.glob(f"{key}_*"))) for key in quotes_gold.GOLD}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every quotation not attributed right")
    args = parser.parse_args(argv)
    for name, gold, bodies in (("real-copy gold", quotes_gold_real.GOLD, real_bodies()),
                               ("held-out gold", quotes_gold_heldout.GOLD, real_bodies(quotes_gold_heldout.GOLD)),
                               ("blind gold", quotes_gold_blind.GOLD, real_bodies(quotes_gold_blind.GOLD)),
                               ("seeds gold", quotes_gold.GOLD, seed_bodies())):
        result = score(gold, bodies)
        print(result.line(name))
        if args.misses and gold is not quotes_gold_blind.GOLD:
            for miss in result.misses:
                print("   ", *miss, sep=" | ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
