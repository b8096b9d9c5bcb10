"""How good are related-story suggestions and event threads? Figures on ECB+ and the seeds.

A script, not a test: it prints figures for issue 7 and for comparing changes.

    .venv/bin/python tests/benchmarks/eval_related.py [--ecbplus DIR] [--no-threads]

ECB+ (``../shared/corpora/ecbplus``) groups 462 news texts by real-world event; every topic holds
two different events of the same kind (two earthquakes, two celebrity rehab check-ins), which is
exactly the "similar is not the same" trap. For each story all others are ranked and scored:

* R-precision: of the R stories ranked first (R = number of other stories on the same event),
  the share that are on the same event;
* MAP: mean average precision of same-event stories over the whole ranking;
* B-cubed precision / recall / F1 of the automatic threads against the gold event clusters
  (stories left out of every thread count as threads of one).

(a) is a plain TF-IDF cosine ranking over the same words; (b) is :mod:`desktop.core.related`.
ECB+ metadata has no dates; only dates the texts state are used, like for any imported file.
File names and topic ids are only read to score, never to rank.

Then the seeds check: the five seed stories (one event, five outlets) mixed with the FA-KES
Syrian-war articles: each seed should rank the other four above every FA-KES story, and the
five should form one thread.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.related.features import extract_features
from desktop.core.related.suggest import RelatedCorpus, neighbour_profiles, rank_related
from desktop.core.related.threads import propose_threads, thread_map

SHARED = ROOT.parent / "shared"
ECBPLUS = SHARED / "corpora" / "ecbplus"
SEEDS = SHARED / "samples" / "seeds"
FAKES = SHARED / "corpora" / "fakes_syria" / "articles"


def load_ecbplus(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    texts, gold = {}, {}
    with open(folder / "clusters.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            path = folder / "text" / row["file"]
            if path.exists():
                texts[row["file"]] = path.read_text(encoding="utf-8", errors="replace")
                gold[row["file"]] = row["event_cluster"]
    return texts, gold


def ranking_scores(rankings: dict[str, list[str]], gold: dict[str, str]) -> tuple[float, float]:
    rp_sum = ap_sum = 0.0
    n = 0
    for q, ranked in rankings.items():
        relevant = {d for d in gold if d != q and gold[d] == gold[q]}
        if not relevant:
            continue
        n += 1
        r = len(relevant)
        rp_sum += sum(1 for d in ranked[:r] if d in relevant) / r
        hits = ap = 0.0
        for i, d in enumerate(ranked, 1):
            if d in relevant:
                hits += 1
                ap += hits / i
        ap_sum += ap / r
    return rp_sum / n, ap_sum / n


def bcubed(groups: list[list[str]], gold: dict[str, str]) -> tuple[float, float, float]:
    cluster_of = {}
    for i, g in enumerate(groups):
        for d in g:
            cluster_of[d] = i
    for d in gold:
        cluster_of.setdefault(d, f"single:{d}")
    members = defaultdict(set)
    for d, c in cluster_of.items():
        members[c].add(d)
    gold_members = defaultdict(set)
    for d, c in gold.items():
        gold_members[c].add(d)
    p = r = 0.0
    for d in gold:
        mine, truth = members[cluster_of[d]], gold_members[gold[d]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def baseline_rankings(corpus: RelatedCorpus) -> dict[str, list[str]]:
    ids = list(corpus.features)
    vecs = {i: corpus.stats.vector(corpus.features[i]) for i in ids}
    out = {}
    for q in ids:
        vq = vecs[q]
        sims = {d: sum(w * vecs[d].get(t, 0.0) for t, w in vq.items()) for d in ids if d != q}
        out[q] = sorted(sims, key=lambda d: -sims[d])
    return out


def method_rankings(corpus: RelatedCorpus, **kwargs: object) -> dict[str, list[str]]:
    ids = list(corpus.features)
    out = {}
    for q in ids:
        ranked = [d for d, _ in rank_related(q, corpus, limit=len(ids), **kwargs)]
        seen = set(ranked)
        out[q] = ranked + [d for d in ids if d != q and d not in seen]  # unreached ones last
    return out


def eval_ecbplus(folder: Path, threads: bool) -> None:
    texts, gold = load_ecbplus(folder)
    t0 = time.perf_counter()
    corpus = RelatedCorpus(extract_features(f, text) for f, text in texts.items())
    t_feat = time.perf_counter() - t0
    dated = sum(1 for f in corpus.features.values() if f.date is not None)
    print(f"ECB+: {len(texts)} stories, {len(set(gold.values()))} events, "
          f"features {t_feat:.1f}s ({len(texts) / t_feat:.0f}/s), {dated} with a date in the text")
    rp, mp = ranking_scores(baseline_rankings(corpus), gold)
    print(f"(a) TF-IDF cosine     R-precision {rp:.3f}  MAP {mp:.3f}")
    t0 = time.perf_counter()
    rp, mp = ranking_scores(method_rankings(corpus), gold)
    dt = time.perf_counter() - t0
    print(f"(b) related.suggest   R-precision {rp:.3f}  MAP {mp:.3f}  "
          f"({1000 * dt / len(texts):.1f} ms per story ranked; pair scores and votes only)")
    t0 = time.perf_counter()
    profiles = neighbour_profiles(corpus)
    t_prof = time.perf_counter() - t0
    rp, mp = ranking_scores(method_rankings(corpus, profiles=profiles), gold)
    print(f"(b) + neighbour profiles R-precision {rp:.3f}  MAP {mp:.3f}  "
          f"(profiles of the whole archive: {t_prof:.1f}s, a background job)")
    if threads:
        found = {}
        for label, kwargs in (("(a) TF-IDF threads ", {"words_only": True}), ("(b) related.threads", {})):
            t0 = time.perf_counter()
            found[label] = propose_threads(corpus, min_size=2, **kwargs)
            p, r, f1 = bcubed([t.members for t in found[label]], gold)
            print(f"{label}  B-cubed P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  "
                  f"({len(found[label])} threads, {time.perf_counter() - t0:.1f}s)")
        thread_of = thread_map(found["(b) related.threads"])
        rp, mp = ranking_scores(method_rankings(corpus, thread_of=thread_of), gold)
        print(f"(b) + threads            R-precision {rp:.3f}  MAP {mp:.3f}")
        rp, mp = ranking_scores(method_rankings(corpus, profiles=profiles, thread_of=thread_of), gold)
        print(f"(b) + profiles + threads R-precision {rp:.3f}  MAP {mp:.3f}")
        for t in found["(b) related.threads"][:3]:
            print(f"    thread of {len(t.members)}: {t.name}")


def eval_seeds() -> None:
    seeds = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))}
    fakes = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in sorted(FAKES.glob("*.txt"))}
    corpus = RelatedCorpus(extract_features(i, t) for i, t in {**seeds, **fakes}.items())
    worst = []
    profiles = neighbour_profiles(corpus)
    for s in seeds:
        ranked = [d for d, _ in rank_related(s, corpus, limit=20, profiles=profiles)]
        others = [d for d in ranked if d in seeds]
        first_fake = next((i for i, d in enumerate(ranked) if d not in seeds), len(ranked))
        worst.append(len(others) == 4 and all(ranked.index(o) < first_fake for o in others))
    threads = propose_threads(corpus, min_size=2)
    seed_threads = {t.name: [m for m in t.members if m in seeds] for t in threads
                    if any(m in seeds for m in t.members)}
    print(f"Seeds vs {len(fakes)} FA-KES stories: other four seeds ranked above every FA-KES story "
          f"for {sum(worst)}/5 seeds; seed threads: "
          + "; ".join(f"{name!r}: {len(m)} seeds + {len(t.members) - len(m)} other"
                      for t in threads for name, m in seed_threads.items() if t.name == name))
    for s in list(seeds)[:1]:
        for d, rel in rank_related(s, corpus, limit=4, profiles=profiles):
            print(f"  {s[:12]} -> {d[:12]}  {rel.score:.2f}  {'; '.join(rel.reasons)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ecbplus", type=Path, default=ECBPLUS)
    ap.add_argument("--no-threads", action="store_true")
    args = ap.parse_args()
    eval_ecbplus(args.ecbplus, not args.no_threads)
    eval_seeds()


if __name__ == "__main__":
    main()
