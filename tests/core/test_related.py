"""Related stories (issue 7): other versions, suggestions with reasons, events kept apart, threads.

The synthetic articles below are written like wire copy about two *different* rocket attacks on
the same base: same vocabulary, different dates and actors, which is the trap the issue names.
Real text comes from ``../shared`` by path (seeds, FA-KES, one ECB+ topic) and those tests skip
when the corpora are not there.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from desktop.core.related.features import CorpusStats, extract_features, parse_partial
from desktop.core.related.near_duplicates import (
    NearDuplicateIndex,
    Signature,
    classify_version,
    containment,
    diff_versions,
    is_cut_of,
    signature,
)
from desktop.core.related.suggest import RelatedCorpus, date_gap_days, rank_related, score_pair
from desktop.core.related.threads import propose_threads

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "samples" / "seeds"
FAKES = SHARED / "corpora" / "fakes_syria" / "articles"
ECBPLUS = SHARED / "corpora" / "ecbplus"

WIRE = """BAGHDAD (Reuters) - Rockets struck Iraq's Camp Taji military base north of Baghdad on Wednesday, killing two American soldiers and one British soldier, the U.S.-led coalition said.

Fourteen other coalition personnel were wounded in the attack, in which about 18 Katyusha rockets were fired from a truck found near the base, Iraqi security officials said.

No group claimed responsibility. U.S. officials have blamed previous attacks on Kataib Hezbollah, an Iran-backed militia.

Defense Secretary Mark Esper said the United States "will not tolerate attacks against our people, our interests, or our allies" and that all options were on the table.

The attack came on the birthday of Qassem Soleimani, the Iranian general killed in a U.S. drone strike in Baghdad in January.

A spokesman for the Iraqi military said an investigation had been opened and that the launcher had been found in the Rashidiya area."""

WIRE_OTHER_OUTLET = "Two Americans, one Briton killed in rocket attack on Iraqi base\n\n" + WIRE.rsplit(
    "\n\n", 2)[0]

STORIES = {
    # Event A: Camp Taji, March 2020
    "taji-a1": ("2020-03-12", WIRE),
    "taji-a2": ("2020-03-13", """WASHINGTON - The Pentagon said on Thursday that a barrage of Katyusha rockets fired at Camp Taji north of Baghdad killed two U.S. service members and a British soldier late on Wednesday.

Defense Secretary Mark Esper told reporters the United States "will not tolerate attacks against our people" and would hold Kataib Hezbollah accountable. General Kenneth McKenzie said 14 people were wounded.

Investigators found a truck rigged as a rocket launcher in Rashidiya, a few miles from the base, Iraqi officials said."""),
    "taji-a3": ("2020-03-13", """U.S. warplanes struck five weapons storage sites of Kataib Hezbollah in Iraq early on Friday in retaliation for the rocket attack on Camp Taji that killed two Americans and a British soldier.

Mark Esper said the strikes were defensive and proportional. Kenneth McKenzie told senators the militia had carried out the Camp Taji attack with Katyusha rockets launched from Rashidiya."""),
    # Event B: another rocket attack on the same base, months earlier, other actors
    "taji-b1": ("2019-06-18", """BAGHDAD (AP) - Three Katyusha rockets struck Camp Taji north of Baghdad on Monday, wounding two Iraqi soldiers, Iraq's Joint Operations Command said, the latest in a string of attacks on bases hosting U.S. troops.

Spokesman Yahya Rasool said the rockets were fired from the Hussainiya area and a search was under way. No group claimed responsibility and there were no coalition casualties.

Prime Minister Adel Abdul Mahdi ordered an inquiry into the attack on the base."""),
    "taji-b2": ("2019-06-19", """Iraqi forces searched the Hussainiya district on Tuesday after three rockets hit Camp Taji, wounding two Iraqi soldiers, a spokesman for the Joint Operations Command said.

Yahya Rasool said the attackers had fled before security forces arrived. Adel Abdul Mahdi condemned the attack and said Iraq would not become a battleground for other countries."""),
}


def _corpus(stories: dict[str, tuple[str, str]]) -> RelatedCorpus:
    return RelatedCorpus(extract_features(k, text, date=date) for k, (date, text) in stories.items())


# -- near duplicates ---------------------------------------------------------------------------

def test_same_wire_copy_with_other_headline_and_cut_is_found():
    index = NearDuplicateIndex()
    for key, (_, text) in STORIES.items():
        index.add(key, text)
    found = dict(index.candidates(WIRE_OTHER_OUTLET))
    assert list(found) == ["taji-a1"]
    assert found["taji-a1"] >= 0.6
    match = index.matches(WIRE_OTHER_OUTLET)[0]
    assert match.query_in_other >= 0.85  # the cut is (nearly) contained in the full story
    assert is_cut_of(WIRE_OTHER_OUTLET.split("\n\n", 1)[1], WIRE)
    assert containment(WIRE_OTHER_OUTLET, WIRE) > 0.85  # all but the new headline
    assert not is_cut_of(STORIES["taji-a2"][1], WIRE)
    assert classify_version(WIRE_OTHER_OUTLET.split("\n\n", 1)[1], WIRE) == "cut of"
    assert classify_version(WIRE, "Updated headline\n\n" + WIRE) == "same"
    assert classify_version(WIRE, STORIES["taji-a2"][1]) is None


def test_signatures_round_trip_as_bytes():
    sig = signature(WIRE)
    data = sig.to_bytes()
    assert isinstance(data, bytes) and len(data) < 600
    assert Signature.from_bytes(data) == sig
    index = NearDuplicateIndex()
    index.add_signature("stored", data)
    assert index.candidates(WIRE)[0][0] == "stored"
    index.remove("stored")
    assert index.candidates(WIRE) == []
    with pytest.raises(ValueError):
        Signature.from_bytes(b"\x09" + data[1:])


def test_short_and_empty_texts_do_not_match_everything():
    index = NearDuplicateIndex()
    index.add("empty", "")
    index.add("wire", WIRE)
    assert signature("").empty
    assert index.candidates("") == []
    assert index.candidates("Rockets struck.") == []


def test_diff_versions_aligns_sentences_then_words():
    old = "Rockets hit the base on Wednesday. Two soldiers were killed. No group claimed it."
    new = "Rockets hit the base on Wednesday. Three soldiers were killed, officials said. No group claimed it."
    ops = diff_versions(old, new)
    kinds = [op.op for op in ops]
    assert kinds[0] == "equal" and kinds[-1] == "equal"
    changed = [(old[slice(*o.a_span)], new[slice(*o.b_span)]) for o in ops if o.op != "equal"]
    assert ("Two", "Three") in changed
    assert any(b.startswith("killed,") or "officials" in b for _, b in changed)
    # spans cover both texts in order, without overlap
    for side in (0, 1):
        spans = [o[1 + side] for o in ops]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


# -- features and pair scores ------------------------------------------------------------------

def test_features_accept_confirmed_entities_and_statements():
    f = extract_features(
        1, "Some text.", date="2020-03",
        entity_keys={"kataib hezbollah": ("Kataib Hezbollah", "armed_group")},
        quote_keys={"stmt-7": "will not tolerate attacks"},
    )
    assert f.date == parse_partial("2020-03")
    assert set(f.entities) == {"kataib hezbollah"} and f.quotes == {"stmt-7": "will not tolerate attacks"}
    g = extract_features(2, "Other text.", date="2020-03-13",
                         entity_keys=["kataib hezbollah"], quote_keys=["stmt-7"])
    stats = CorpusStats()
    stats.add(f)
    stats.add(g)
    rel = score_pair(f, g, stats)
    assert any(r.startswith("both name Kataib Hezbollah") for r in rel.reasons)
    assert any("will not tolerate attacks" in r for r in rel.reasons)
    assert date_gap_days(f.date, g.date) == 0


def test_different_events_of_the_same_kind_are_kept_apart():
    corpus = _corpus(STORIES)
    ranked = [k for k, _ in rank_related("taji-a2", corpus, limit=4)]
    assert set(ranked[:2]) == {"taji-a1", "taji-a3"}
    same = corpus.score("taji-a2", "taji-a1")
    other = corpus.score("taji-a2", "taji-b1")
    assert same.same_event > 0.5 > other.same_event
    assert any(r.startswith("different dates: 2020-03-13 vs 2019-06-18") for r in other.reasons)
    assert any("Mark Esper" in r for r in same.reasons)
    assert any(r.startswith("published") for r in same.reasons)
    b_ranked = [k for k, _ in rank_related("taji-b2", corpus, limit=4)]
    assert b_ranked[0] == "taji-b1"


# -- threads -----------------------------------------------------------------------------------

def test_threads_split_events_and_get_readable_names():
    corpus = _corpus(STORIES)
    threads = propose_threads(corpus, min_size=2)
    groups = sorted(sorted(t.members) for t in threads)
    assert groups == [["taji-a1", "taji-a2", "taji-a3"], ["taji-b1", "taji-b2"]]
    a = next(t for t in threads if "taji-a1" in t.members)
    assert a.date == "2020-03" and a.name.endswith("March 2020")
    assert "Camp Taji" in a.entities and "Camp Taji" in a.name or "Kataib Hezbollah" in a.name
    b = next(t for t in threads if "taji-b1" in t.members)
    assert b.name.endswith("June 2019")


# -- real text ---------------------------------------------------------------------------------

@pytest.mark.skipif(not SEEDS.exists() or not FAKES.exists(), reason="shared corpora missing")
def test_seeds_suggested_for_each_other_above_other_conflict_news():
    seeds = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    fakes = {p.name: p.read_text(encoding="utf-8")
             for p in sorted(FAKES.glob("*.txt"))[:150]}
    corpus = RelatedCorpus(extract_features(k, t) for k, t in {**seeds, **fakes}.items())
    for s in seeds:
        top = rank_related(s, corpus, limit=4)
        assert {k for k, _ in top} == set(seeds) - {s}
        for _, rel in top:
            assert any(r.startswith("both name") for r in rel.reasons)
            assert any(r.startswith("shares rare words") for r in rel.reasons)
    seed_threads = [t for t in propose_threads(corpus) if set(seeds) & set(t.members)]
    assert len(seed_threads) == 1 and set(seeds) <= set(seed_threads[0].members)
    assert "March 2020" in seed_threads[0].name


@pytest.mark.skipif(not ECBPLUS.exists(), reason="ECB+ missing")
def test_ecbplus_topic_two_events_of_one_kind_rank_apart():
    """One ECB+ topic (two different events of the same kind) plus a second topic as background."""
    with open(ECBPLUS / "clusters.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    chosen = [r for r in rows if r["topic"] in ("3", "8")]
    gold = {r["file"]: r["event_cluster"] for r in chosen}
    corpus = RelatedCorpus(
        extract_features(f, (ECBPLUS / "text" / f).read_text(encoding="utf-8")) for f in gold)
    hits = total = 0
    for q, event in gold.items():
        relevant = {d for d, e in gold.items() if d != q and e == event}
        ranked = [d for d, _ in rank_related(q, corpus, limit=len(relevant))]
        hits += len(relevant & set(ranked))
        total += len(relevant)
    assert hits / total >= 0.85


def test_proposed_threads_lift_their_members_with_a_reason():
    from desktop.core.related.threads import thread_map

    corpus = _corpus(STORIES)
    thread_of = thread_map(propose_threads(corpus))
    top = rank_related("taji-a1", corpus, limit=2, thread_of=thread_of)
    assert {k for k, _ in top} == {"taji-a2", "taji-a3"}
    assert all("in the same proposed event thread" in rel.reasons for _, rel in top)


def test_neighbour_profiles_keep_events_apart():
    from desktop.core.related.suggest import neighbour_profiles, profile_similarity

    corpus = _corpus(STORIES)
    profiles = neighbour_profiles(corpus, k=3)
    assert set(profiles) == set(STORIES)
    assert profile_similarity(profiles["taji-a1"], profiles["taji-a2"]) > profile_similarity(
        profiles["taji-a1"], profiles["taji-b1"])
    top = [k for k, _ in rank_related("taji-a1", corpus, limit=2, profiles=profiles)]
    assert set(top) == {"taji-a2", "taji-a3"}
