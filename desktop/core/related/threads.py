"""Proposed event threads: groups of stories that look like one event, with a readable name.

Why average-linkage over a sparse neighbour graph: connected components over "similar enough"
pairs chain one event into the next (the rocket attack, the retaliation strike, the funeral, the
next month's attack on the same base), while full agglomerative clustering is quadratic. Each
story contributes edges only to its few best-ranked neighbours (:func:`.suggest.rank_related`,
which already weighs dates, names and quotations), and clusters merge best pair first while the
*average* score between all their members, missing pairs counting as zero, stays above a
threshold. A date window stops a merge whose members' publication dates would span too long.

Threads are only proposals ("these 7 stories look like one event"): the GUI shows them with
their name, main entities and dates for a reporter to accept, split or rename.
"""

from __future__ import annotations

import calendar
import heapq
from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field

from .features import CALENDAR
from .suggest import RelatedCorpus, _ordinal, rank_related

__all__ = ["EventThread", "name_thread", "propose_threads", "thread_map"]

THRESHOLD = 0.12  #: minimum average pair score inside a thread
WINDOW_DAYS = 45  #: longest span of known publication dates inside one thread
NEIGHBOURS = 10  #: edges per story


@dataclass
class EventThread:
    """A proposed group: members (best connected first), a guessed name and its main names."""

    members: list[Hashable]
    name: str
    entities: list[str] = field(default_factory=list)
    date: str | None = None  #: "2020-03" or "2020" when the members' dates say so
    cohesion: float = 0.0  #: average pair score inside the thread


def _edges(corpus: RelatedCorpus, neighbours: int, words_only: bool,
           progress: Callable[[int, int], None] | None, cancel: Callable[[], bool] | None,
           profiles: Mapping[Hashable, Mapping[Hashable, float]] | None = None,
           ) -> dict[tuple[Hashable, Hashable], float]:
    edges: dict[tuple[Hashable, Hashable], float] = {}
    ids = list(corpus.features)
    for n, a in enumerate(ids):
        if cancel is not None and cancel():
            break
        if words_only:
            va = corpus.vector(a)
            sims = [(b, sum(w * corpus.vector(b).get(t, 0.0) for t, w in va.items()))
                    for b in corpus.candidates(a)]
            best = heapq.nlargest(neighbours, sims, key=lambda x: x[1])
        else:
            best = [(b, rel.score)
                    for b, rel in rank_related(a, corpus, limit=neighbours, profiles=profiles)]
        for b, s in best:
            key = (a, b) if str(a) <= str(b) else (b, a)
            edges[key] = max(edges.get(key, 0.0), s)
        if progress is not None and n % 50 == 0:
            progress(n, len(ids))
    return edges


def propose_threads(corpus: RelatedCorpus, *, threshold: float | None = None,
                    window_days: int = WINDOW_DAYS, neighbours: int = NEIGHBOURS,
                    min_size: int = 2, words_only: bool = False,
                    profiles: Mapping[Hashable, Mapping[Hashable, float]] | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    cancel: Callable[[], bool] | None = None) -> list[EventThread]:
    """Group the whole archive into proposed event threads, largest first.

    ``words_only`` uses plain TF-IDF cosine edges (a baseline for the benchmark; its default
    threshold is higher because cosine runs on another scale). ``profiles`` from
    :func:`.suggest.neighbour_profiles` let shared neighbours choose each story's edges.
    """
    if threshold is None:
        threshold = 0.3 if words_only else THRESHOLD
    edges = _edges(corpus, neighbours, words_only, progress, cancel, profiles)
    members: dict[int, list[Hashable]] = {}
    span: dict[int, tuple[int, int] | None] = {}
    index: dict[Hashable, int] = {}
    for i, a in enumerate(corpus.features):
        index[a] = i
        members[i] = [a]
        d = corpus.features[a].date
        span[i] = (_ordinal(d)[0], _ordinal(d)[0]) if d is not None and d.month else None
    links: dict[int, dict[int, float]] = {i: {} for i in members}
    for (a, b), s in edges.items():
        i, j = index[a], index[b]
        links[i][j] = links[j][i] = s
    heap = [(-s, i, j) for i in links for j, s in links[i].items() if i < j]
    heapq.heapify(heap)
    sums = {(i, j): s for i in links for j, s in links[i].items()}
    while heap:
        neg, i, j = heapq.heappop(heap)
        if i not in members or j not in members:
            continue
        avg = sums.get((i, j), 0.0) / (len(members[i]) * len(members[j]))
        if abs(avg + neg) > 1e-9:
            continue  # stale entry
        if avg < threshold:
            break
        si, sj = span[i], span[j]
        if si and sj and max(si[1], sj[1]) - min(si[0], sj[0]) > window_days:
            continue
        members[i].extend(members.pop(j))
        span[i] = (min(si[0], sj[0]), max(si[1], sj[1])) if si and sj else (si or sj)
        merged = links[i]
        for k, s in links.pop(j).items():
            if k == i:
                continue
            merged[k] = merged.get(k, 0.0) + s
            links[k].pop(j, None)
        merged.pop(j, None)
        for k, s in merged.items():
            links[k][i] = s
            sums[(i, k)] = sums[(k, i)] = s
            heapq.heappush(heap, (-s / (len(members[i]) * len(members[k])), min(i, k), max(i, k)))
    cluster_of = {a: i for i, group in members.items() for a in group}
    inner: Counter[int] = Counter()
    for (a, b), s in edges.items():
        if cluster_of[a] == cluster_of[b]:
            inner[cluster_of[a]] += s
    out = []
    for i, group in members.items():
        if len(group) < min_size:
            continue
        thread = name_thread(corpus, group)
        pairs = len(group) * (len(group) - 1) / 2
        thread.cohesion = round(inner[i] / pairs, 3) if pairs else 0.0
        out.append(thread)
    out.sort(key=lambda t: -len(t.members))
    return out


def _month_label(year: int, month: int | None) -> str:
    return f"{calendar.month_name[month]} {year}" if month else str(year)


def name_thread(corpus: RelatedCorpus, group: list[Hashable]) -> EventThread:
    """A readable guess at the thread's name: main names, typical words and the date."""
    feats = [corpus.features[a] for a in group]
    stats = corpus.stats
    ent_count: Counter[str] = Counter()
    labels: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for f in feats:
        for k, e in f.entities.items():
            ent_count[k] += 1
            labels.setdefault(k, e.label)
            kinds.setdefault(k, e.kind)
    need = max(2, (len(feats) + 1) // 2) if len(feats) > 2 else len(feats)
    keys = [k for k, c in ent_count.items() if c >= need]
    keys.sort(key=lambda k: -(ent_count[k] * stats.entity_idf(k)))
    keys = [k for k in keys if not any(k != o and k in o.split() for o in keys)]
    main = [labels[k] for k in keys[:5]]
    place = next((labels[k] for k in keys if kinds[k] == "place"), None)
    actor = next((labels[k] for k in keys if kinds[k] != "place"), None)
    term_count: Counter[str] = Counter()
    lead_count: Counter[str] = Counter()  # headline and lede words say what happened
    surface: dict[str, str] = {}
    for f in feats:
        term_count.update(f.terms.keys())
        lead_count.update(f.lead_terms.keys())
        for t, w in f.surfaces.items():
            surface.setdefault(t, w)
    ent_words = {w for k in keys for w in k.split()}
    words = [t for t, c in term_count.items()
             if c >= need and t not in ent_words and not t.isdigit() and len(t) > 3
             and t not in CALENDAR]
    words.sort(key=lambda t: -((lead_count[t] + 0.5 * term_count[t]) * stats.idf(t)))
    months = Counter((f.date.year, f.date.month) for f in feats if f.date is not None)
    if not months:
        months = Counter(m for f in feats for m in f.stated_months)
    date = None
    if months:
        (year, month), _ = months.most_common(1)[0]
        date = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    what = ", ".join(surface.get(t, t) for t in words[:3])
    name = f"{place}: {what}" if place and what else (place or what or "Stories")
    if actor:
        name += f" — {actor}"
    if date:
        name += ", " + _month_label(int(date[:4]), int(date[5:7]) if len(date) > 4 else None)
    return EventThread(members=list(group), name=name, entities=main, date=date)


def thread_map(threads: list[EventThread]) -> dict[Hashable, int]:
    """Story -> thread number, for :func:`.suggest.rank_related`'s ``thread_of``."""
    return {a: n for n, t in enumerate(threads) for a in t.members}
