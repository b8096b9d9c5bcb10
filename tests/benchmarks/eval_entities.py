"""How good are entity suggestions for a new, empty archive? Precision, recall and F1 on CoNLL-2003.

A script, not a test: it prints figures for the issue and for comparing changes.

    .venv/bin/python tests/benchmarks/eval_entities.py [--docs PATH] [--errors N]

It runs :func:`recognise` with the starter gazetteer and name patterns (no archive entities)
over ``../shared/corpora/conll2003/valid_docs.jsonl`` and scores spans against the gold ones.
A prediction is right only when its span and its kind both match a gold entity exactly.

Kind mapping: person -> PER; organisation and armed_group -> ORG; place -> LOC. Gold MISC
spans (nationalities, events, products) are left out of the gold set, and predictions of kind
weapon, event or other are left out of the predictions: the app's kinds have no MISC, so
neither side is scored there. A PER/ORG/LOC prediction over a MISC gold span ("Russian" as a
place) does count as a false positive.

CoNLL-2003 is 1996 Reuters copy: sports tables, all-caps headlines, datelines
("LONDON 1996-08-30" is LOC). It is development data; nothing in the lists was taken from it.

Also prints, for the five seed articles, which of the actors named in issue 5 were found, and
the time per document and per 1,000 words (best of three passes, here and on fakes_syria).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.entities.recognise import gazetteer_matcher, recognise

CONLL = ROOT.parent / "shared" / "corpora" / "conll2003" / "valid_docs.jsonl"
SEEDS = ROOT.parent / "shared" / "samples" / "seeds"
FAKES = ROOT.parent / "shared" / "corpora" / "fakes_syria" / "articles"
#: App kind -> CoNLL label; kinds not here are not scored.
KIND_TO_LABEL = {"person": "PER", "organisation": "ORG", "armed_group": "ORG", "place": "LOC"}
LABELS = ("PER", "ORG", "LOC")
#: The actors issue 5 expects in the seed articles, with the spellings that count.
SEED_ACTORS = {
    "Kataib Hezbollah": ("kataib hezbollah", "kataeb hezbollah", "kata'ib hezbollah"),
    "Popular Mobilization Forces": ("popular mobilization forces", "popular mobilisation forces"),
    "Mark Esper": ("mark esper", "esper"),
    "Kenneth McKenzie": ("kenneth mckenzie", "kenneth f. mckenzie", "mckenzie",
                         "kenneth f. mckenzie jr.", "frank mckenzie"),
    "Qassem Soleimani": ("qassem soleimani", "qasem soleimani", "soleimani"),
    "Abu Mahdi al-Muhandis": ("abu mahdi al-muhandis", "abu mahdi al muhandis", "al-muhandis",
                              "muhandis"),
    "Camp Taji": ("camp taji", "taji"),
    "Baghdad": ("baghdad",),
    "Karbala": ("karbala",),
    "Najaf": ("najaf",),
    "Jurf al-Nasr": ("jurf al-nasr", "jurf al-sakhar", "jurf al nasr"),
    "Katyusha rockets": ("katyusha", "katyusha rockets", "katyushas"),
}


def _best_time(texts: list[str], *, gazetteer: bool, rounds: int = 3) -> float:
    """Seconds for one pass of ``recognise`` over ``texts``, best of a few (the machine is shared)."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            recognise(text, gazetteer=gazetteer)
        best = min(best, time.perf_counter() - started)
    return best


def speed() -> None:
    """Import-time cost on conflict news: ms per 1,000 words on fakes_syria."""
    paths = sorted(FAKES.glob("*.txt"))
    if not paths:
        print("speed: fakes_syria not found")
        return
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    for label, gaz in (("patterns only", False), ("gazetteer + patterns", True)):
        elapsed = _best_time(texts, gazetteer=gaz)
        print(f"speed on fakes_syria ({len(texts)} articles, {words} words), {label}: "
              f"{elapsed / words * 1e6:.2f} ms per 1,000 words, "
              f"{elapsed / len(texts) * 1000:.2f} ms per article")


def score(path: Path, errors: int, *, gazetteer: bool = True) -> None:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    mistakes: list[str] = []
    words = 0
    recognise("warm up", gazetteer=gazetteer)
    predicted_all = [recognise(doc["text"], gazetteer=gazetteer) for doc in docs]
    elapsed = _best_time([doc["text"] for doc in docs], gazetteer=gazetteer)
    for doc, predicted in zip(docs, predicted_all):
        words += len(doc["text"].split())
        gold = {(e["start"], e["end"]): e["label"] for e in doc["entities"] if e["label"] in LABELS}
        misc = {(e["start"], e["end"]) for e in doc["entities"] if e["label"] == "MISC"}
        pred = {(s.start, s.end): KIND_TO_LABEL[s.kind] for s in predicted
                if s.kind in KIND_TO_LABEL}
        reasons = {(s.start, s.end): s.reason for s in predicted}
        for span, label in pred.items():
            if gold.get(span) == label:
                tp[label] += 1
            else:
                fp[label] += 1
                if len(mistakes) < errors:
                    truth = gold.get(span, "MISC" if span in misc else "-")
                    mistakes.append(f"FP {doc['text'][span[0]:span[1]]!r} {label} (gold {truth}) "
                                    f"[{reasons[span]}]")
        for span, label in gold.items():
            if pred.get(span) != label:
                fn[label] += 1
                if len(mistakes) < errors and span not in pred:
                    mistakes.append(f"FN {doc['text'][span[0]:span[1]]!r} {label}")
    source = "gazetteer + patterns" if gazetteer else "patterns only"
    print(f"CoNLL-2003 {path.name}: {len(docs)} documents, {words} words; {source}")
    print(f"{'':6}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}")
    for label in (*LABELS, "micro"):
        t = sum(tp.values()) if label == "micro" else tp[label]
        f = sum(fp.values()) if label == "micro" else fp[label]
        n = sum(fn.values()) if label == "micro" else fn[label]
        p = t / (t + f) if t + f else 0.0
        r = t / (t + n) if t + n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{label:6}{p:7.3f}{r:7.3f}{f1:7.3f}{t + n:7d}")
    print(f"time: {1000 * elapsed / len(docs):.2f} ms per document, "
          f"{1000 * elapsed / words * 1000:.2f} ms per 1,000 words")
    for line in mistakes:
        print("  ", line)


def seeds() -> None:
    if gazetteer_matcher() is None:
        print("seed actors: skipped (no gazetteer yet); pattern-only results follow")
    found: dict[str, set[str]] = {name: set() for name in SEED_ACTORS}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found_here = recognise(text, gazetteer=True)
        # A suggestion counts by its spelling, or by the gazetteer entry it points to.
        surfaces = {s.text.lower() for s in found_here}
        surfaces |= {str(s.ref).lower() for s in found_here if s.ref is not None}
        for name, spellings in SEED_ACTORS.items():
            if surfaces & {name.lower(), *spellings}:
                found[name].add(path.name[:3])
    print("seed actors (articles where found):")
    for name, where in found.items():
        print(f"  {'yes' if where else 'NO ':4}{name:30} {', '.join(sorted(where))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=CONLL)
    parser.add_argument("--errors", type=int, default=0, help="print this many mistakes")
    parser.add_argument("--no-gazetteer", action="store_true", help="score name patterns alone")
    args = parser.parse_args()
    score(args.docs, args.errors, gazetteer=not args.no_gazetteer)
    speed()
    seeds()


if __name__ == "__main__":
    main()
