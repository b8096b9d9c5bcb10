"""Linking accuracy and the precision of suggested new names, on the gold written by reading.

A script, not a test: it prints figures for issue 16 and for comparing changes.

    .venv/bin/python tests/benchmarks/eval_linking.py [--errors]

It then prints the totals (never the misses) of the blind gold,
``tests/core/entity_linking_blind.py``, written by reading before the second follow-up's rules.

Every occurrence of a gold surface (``tests/core/entity_linking_gold.py``) is looked up among
the suggestions an empty archive with the starter gazetteer would store for that story: right
when one starts there, ends there (or one letter short, for a stripped possessive, or with a
bracketed abbreviation after it) and names the right entity and kind (for a new name: no
entity, the right kind). Precision of new names: of the proposed new names stored for those
stories, how many the gold calls a new name of that kind (a surface the gold does not list
counts as wrong).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.entities.recognise import suggest_text  # noqa: E402
from tests.core.entity_linking_blind import GOLD as BLIND  # noqa: E402
from tests.core.entity_linking_gold import GOLD, NEW  # noqa: E402

SHARED = ROOT.parent / "shared"


def occurrences(text: str, gold: dict) -> list[tuple[int, int, str]]:
    """(start, end, surface) of every gold surface, longest first where they overlap."""
    found: list[tuple[int, int, str]] = []
    for surface in sorted(gold, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), surface))
    return sorted(found)


def _fits(sug, start: int, end: int, text: str) -> bool:
    if sug.start != start:
        return False
    if sug.end in (end, end - 1):
        return True
    return bool(re.fullmatch(r"\s*\([A-Z]{2,6}\)", text[end:sug.end]))


def evaluate(show_errors: bool = False, stories: dict | None = None,
             label: str = "linking gold") -> dict[str, float]:
    """Print and return accuracy and new-name precision on ``stories`` (the development gold)."""
    stories = GOLD if stories is None else stories
    right = total = new_right = new_total = unjudged = 0
    errors: list[str] = []
    for (folder, name), gold in stories.items():
        text = (SHARED / folder / name).read_text(encoding="utf-8")
        found = suggest_text(text)
        for start, end, surface in occurrences(text, gold):
            want = gold[surface]
            if want is None:
                continue
            total += 1
            sug = next((s for s in found if _fits(s, start, end, text)), None)
            got = None if sug is None else (NEW if sug.ref is None else str(sug.ref), sug.kind)
            if got == want:
                right += 1
            elif show_errors:
                errors.append(f"{name}: {surface!r} want {want} got {got}")
        for sug in found:
            if sug.ref is not None:
                continue
            new_total += 1
            want = gold.get(sug.text.rstrip("s") if sug.text not in gold else sug.text, "unlisted")
            if want == "unlisted":
                unjudged += 1
            if want == (NEW, sug.kind):
                new_right += 1
            elif show_errors:
                errors.append(f"{name}: new name {sug.text!r} {sug.kind} judged {want}")
    distinct = sum(1 for g in stories.values() for v in g.values() if v is not None)
    print(f"{label}: {len(stories)} stories, {distinct} distinct names, {total} mentions")
    print(f"linking accuracy: {right}/{total} = {right / total:.3f}")
    print(f"new names suggested: {new_total}, right {new_right} "
          f"(precision {new_right / new_total if new_total else 1:.3f}); not in the gold: {unjudged}")
    for line in errors:
        print("  ", line)
    return {"accuracy": right / total, "precision": new_right / new_total if new_total else 1.0,
            "new_right": new_right, "new_total": new_total}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss")
    evaluate(parser.parse_args().errors)
    # The blind gold is never tuned on: only its totals are printed, never its misses.
    print()
    evaluate(False, BLIND, "BLIND linking gold (totals only)")
