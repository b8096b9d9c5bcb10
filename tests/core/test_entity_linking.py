"""Issue 16: entities on real copy - the right person, the right place, no noise.

Each error the issue reports is pinned with text built here; the archive tests import stories
into a real archive and search its real index. The last test keeps a floor under the linking
gold written by reading (``entity_linking_gold.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.entities.editing import accept_proposed
from desktop.core.entities.merge_choice import choose_keeper
from desktop.core.entities.proposals import open_proposals, refresh_proposals
from desktop.core.entities.recognise import suggest_text
from desktop.core.entities.store import find_entities, mentions_for_article
from desktop.core.entities.suggest import suggest_for_archive
from desktop.core.operations import import_and_index
from tests.core.conftest import search_ids
from tests.core.test_cli import run  # noqa: F401 - the fixture

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _by_text(text: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for s in suggest_text(text):
        found.setdefault(s.text, []).append(s)
    return found


# -- scope 1: linking ---------------------------------------------------------------------------

def test_a_different_given_name_is_another_person_offered_as_maybe_the_same() -> None:
    text = ("Iran's new supreme leader Mojtaba Khamenei praised his father. Mojtaba Khamenei said the late "
            "Ali Khamenei had guided the nation. Khamenei, his father, died in March.")
    got = _by_text(text)
    sons = got["Mojtaba Khamenei"]
    assert len(sons) == 2 and all(s.ref is None and s.kind == "person" for s in sons)
    assert all(s.maybe == "Ali Khamenei" and "maybe the same" in s.reason for s in sons)
    assert got["Ali Khamenei"][0].ref == "Ali Khamenei"
    assert got["Khamenei"][0].ref == "Ali Khamenei", "a surname alone still links"


def test_a_generation_the_entity_does_not_carry_is_another_person() -> None:
    got = _by_text("Donald Trump Jr. said his father would win. Donald Trump agreed on Tuesday.")
    assert got["Donald Trump Jr."][0].ref is None and got["Donald Trump Jr."][0].maybe == "Donald Trump"
    assert got["Donald Trump"][0].ref == "Donald Trump"
    assert _by_text("Gen. Kenneth F. McKenzie Jr. said so.")["Kenneth F. McKenzie Jr."][0].ref == "Kenneth F. McKenzie"


def test_a_road_or_force_named_after_a_place_is_its_own_entity() -> None:
    got = _by_text("Troops moved along Salah al-Din Road, the main north-south street in Gaza.")
    road = got["Salah al-Din Road"][0]
    assert road.ref is None and road.kind == "place" and road.maybe == "Salahuddin Governorate"
    assert _by_text("Fighting went on in Salah al-Din province.")["Salah al-Din"][0].ref == "Salahuddin Governorate"
    police = _by_text("A source at Aleppo Police Command said two were hurt in Aleppo.")
    assert police["Aleppo Police Command"][0].ref is None and police["Aleppo Police Command"][0].kind == "organisation"
    assert police["Aleppo"][0].ref == "Aleppo"
    assert _by_text("Shells hit New Aleppo on Friday.")["New Aleppo"][0].ref is None


# -- scope 2: precision of new names ------------------------------------------------------------

def test_common_abbreviations_are_no_new_entities_and_country_forms_join_the_country() -> None:
    got = _by_text("The CEO said AI tools and GDP growth were discussed on TV in Washington, DC, the AP "
                   "reported. The US said the U.S. and America would respond, and the UK agreed.")
    for word in ("CEO", "AI", "GDP", "TV", "DC"):
        assert word not in got, word
    assert got["AP"][0].ref == "Associated Press"
    assert {s.ref for w in ("US", "U.S.", "America") for s in got[w]} == {"United States"}
    assert got["UK"][0].ref == "United Kingdom"
    compounds = _by_text("Exports to Latin America rose, the Bank of America said, and the University of "
                         "Baghdad reopened in Baghdad.")
    assert compounds["Latin America"][0].ref is None and compounds["Latin America"][0].kind == "place"
    assert compounds["Bank of America"][0].kind == "organisation" and compounds["Bank of America"][0].ref is None
    assert compounds["University of Baghdad"][0].kind == "organisation"
    assert compounds["Baghdad"][0].ref == "Baghdad"


def test_nationalities_and_words_stuck_to_them_are_no_people() -> None:
    got = _by_text("Thirteen Afghan soldiers died on Monday. Prominent Palestinian writers protested in "
                   "Ramallah. An Afghan official said Palestinians and Syrians were hurt.")
    for name in ("Thirteen Afghan", "Prominent Palestinian", "Afghan", "Palestinian", "Palestinians", "Syrians"):
        assert name not in got, name


def test_brent_crude_is_no_place() -> None:
    assert "Brent" not in _by_text("Oil prices rose as Brent crude gained 2% on Monday, traders said.")


def test_short_forms_join_the_entity_the_story_names_in_full() -> None:
    got = _by_text("A Houthi spokesman said the Houthis fired missiles. Syria's president Ahmed al-Sharaa met "
                   "envoys. Al-Sharaa said the talks went well.")
    assert got["Houthi"][0].ref == "Houthis"
    assert got["Al-Sharaa"][0].ref == "Ahmed al-Sharaa"
    alone = _by_text("Envoys met in Damascus. Al-Sharaa said the talks went well.")
    assert all(s.ref is None for s in alone.get("Al-Sharaa", [])), "no full name in the story: no link"


# -- scope 3: the reach of a confirmation -------------------------------------------------------

def _story(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_confirmed_bare_surname_is_not_suggested_in_other_stories(archive: Archive, tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    _story(inbox, "a.txt", "Officers met in Basra\n\nThe visitor, a man called Wallace, told officers the "
           "checkpoint was unsafe. Wallace said he would return.\n")
    _story(inbox, "b.txt", "Student fees rise\n\nCampaigners led by Wallace marched on Tuesday against higher "
           "student fees in Edinburgh. Wallace said fees hurt students.\n")
    import_and_index(archive, [inbox])
    first, second = sorted(archive.ids())
    proposed = [m for m in mentions_for_article(archive, first) if m.entity_id is None and m.surface == "Wallace"]
    assert proposed, "the surname is proposed as a new name in the first story"
    entity_id = accept_proposed(archive, proposed[0].id, kind="person")
    suggest_for_archive(archive)
    assert not [m for m in mentions_for_article(archive, second) if m.entity_id == entity_id]
    assert search_ids(archive, f"entity:e{entity_id}") == [first]


def test_entity_search_counts_confident_mentions_unless_asked_for_every_suggestion(archive: Archive,
                                                                                     tmp_path: Path) -> None:
    from whoosh import query as wq

    from desktop.core.search.entity_terms import rewrite_entity_terms

    inbox = tmp_path / "in"
    inbox.mkdir()
    _story(inbox, "a.txt", "Rockets hit Baghdad\n\nRockets hit Baghdad on Friday, police said.\n")
    import_and_index(archive, [inbox])
    (baghdad,) = find_entities(archive, "Baghdad")
    assert search_ids(archive, "entity:Baghdad") == archive.ids()
    with archive.transaction() as db:
        db.execute("UPDATE mentions SET confidence = 0.3 WHERE entity_id = ?", [baghdad])
        db.execute("UPDATE articles SET rev = rev")
    assert search_ids(archive, "entity:Baghdad") == [], "a weak suggestion is under the bar"
    messages: list[str] = []
    every = rewrite_entity_terms(wq.Term("entity", "Baghdad"), archive.db, messages, include_all=True)
    assert {t.text for t in every.leaves()} == {f"e{baghdad}", f"e{baghdad}w"}


# -- scope 4: merges ----------------------------------------------------------------------------

def test_review_merges_proposes_a_surname_and_keeps_the_fuller_name(archive: Archive, tmp_path: Path) -> None:
    from desktop.core.entities.store import create_entity

    full = create_entity(archive, "Ben Wallace", "person")
    bare = create_entity(archive, "Wallace", "person")
    refresh_proposals(archive)
    pairs = {(p.a_name, p.b_name): p for p in open_proposals(archive)}
    assert ("Ben Wallace", "Wallace") in pairs and "last name" in pairs[("Ben Wallace", "Wallace")].reasons[0]
    choice = choose_keeper(archive, bare, full)
    assert choice.keep.name == "Ben Wallace" and choice.merge.name == "Wallace"
    assert "1 word" in choice.reasons[1] and "2 words" in choice.reasons[0]


# -- scope 5: show --json -----------------------------------------------------------------------

def test_show_json_lists_the_story_mentions(run, tmp_path: Path) -> None:  # noqa: F811
    inbox = tmp_path / "in"
    inbox.mkdir()
    _story(inbox, "a.txt", "Strikes near Baghdad\n\nDefense Secretary Mark Esper said Kataib Hezbollah was "
           "behind the attack near Baghdad. Spokeswoman Zaynab Qurashi said nobody was hurt.\n")
    archive = str(tmp_path / "arch")
    assert run("import", str(inbox), "--archive", archive).returncode == 0
    shown = json.loads(run("show", "1", "--json", "--archive", archive).stdout)
    mentions = {m["surface"]: m for m in shown["mentions"]}
    assert mentions["Mark Esper"]["name"] == "Mark Esper" and mentions["Mark Esper"]["state"] == "suggested"
    assert mentions["Kataib Hezbollah"]["kind"] == "armed_group"
    new = mentions["Zaynab Qurashi"]
    assert new["state"] == "proposed new" and new["kind"] == "person" and 0 < new["confidence"] <= 1
    body = shown["body"]
    assert all(body[m["start"]:m["end"]] == m["surface"] for m in shown["mentions"])


# -- the gold written by reading ----------------------------------------------------------------

@pytest.mark.skipif(not (SHARED / "corpora" / "fakes_syria").is_dir(), reason="shared corpora not here")
def test_linking_gold_floor() -> None:
    from tests.benchmarks.eval_linking import evaluate

    figures = evaluate()
    assert figures["accuracy"] >= 0.84
    assert figures["precision"] >= 0.75


def test_cli_search_counts_weak_suggestions_only_with_the_switch(run, tmp_path: Path) -> None:  # noqa: F811
    inbox = tmp_path / "in"
    inbox.mkdir()
    _story(inbox, "a.txt", "Rockets hit Baghdad\n\nRockets hit Baghdad on Friday, police said.\n")
    folder = tmp_path / "arch"
    assert run("import", str(inbox), "--archive", str(folder)).returncode == 0
    opened = Archive.open(folder)
    try:
        (baghdad,) = find_entities(opened, "Baghdad")
        with opened.transaction() as db:
            db.execute("UPDATE mentions SET confidence = 0.3 WHERE entity_id = ?", [baghdad])
            db.execute("UPDATE articles SET rev = rev")
    finally:
        opened.close()
    plain = json.loads(run("search", "entity:Baghdad", "--json", "--archive", str(folder)).stdout)
    every = json.loads(run("search", "entity:Baghdad", "--all-suggestions", "--json", "--archive",
                           str(folder)).stdout)
    assert plain["total"] == 0 and every["total"] == 1


def test_a_confirmed_surname_reaches_linked_stories_and_threads_only(archive: Archive, tmp_path: Path) -> None:
    from desktop.core.related.store import add_link, create_thread

    inbox = tmp_path / "in"
    inbox.mkdir()
    _story(inbox, "a.txt", "Talks in Basra\n\nThe envoy, a man called Wallace, met officers. Wallace said so.\n")
    _story(inbox, "b.txt", "Talks go on\n\nOfficers met again on Sunday. Wallace said the talks went well.\n")
    _story(inbox, "c.txt", "Fees protest\n\nStudents marched on Tuesday. Wallace said fees were too high.\n")
    _story(inbox, "d.txt", "Talks end\n\nOfficers left Basra on Monday. Wallace said he was pleased.\n")
    import_and_index(archive, [inbox])
    a, b, c, d = sorted(archive.ids())
    proposed = [m for m in mentions_for_article(archive, a) if m.entity_id is None and m.surface == "Wallace"]
    entity_id = accept_proposed(archive, proposed[0].id, kind="person")
    add_link(archive, a, b)
    create_thread(archive, "Basra talks", [a, d])
    suggest_for_archive(archive)
    linked = {i for i in (b, c, d) if any(m.entity_id == entity_id for m in mentions_for_article(archive, i))}
    assert linked == {b, d}, "a linked story and a story of the same thread, not the fees story"


# -- follow-up: outlets are not proposed as people -----------------------------------------------

def test_an_outlet_spoken_to_or_named_as_a_website_is_proposed_as_an_organisation() -> None:
    text = ("The head of the monitoring group told Asharq Al-Awsat that the strike hit a school. "
            "The news website El-Dorar Al-Shamia said the toll was rising.")
    got = _by_text(text)
    for name in ("Asharq Al-Awsat", "El-Dorar Al-Shamia"):
        assert [(s.ref, s.kind) for s in got[name]] == [(None, "organisation")], name


# -- second follow-up: suggestions right on unseen copy ------------------------------------------

def test_a_possessive_without_its_apostrophe_links_the_known_name() -> None:
    text = ("Three bombers struck Syrias capital Damascus on Monday, AFPs correspondent said. "
            "Turkeys Erdogan condemned the attack on Syrias people. Kurds and Syrians fled.")
    links = [(s.text, s.ref) for s in suggest_text(text) if s.ref is not None]
    assert ("Syria", "Syria") in links
    assert ("AFP", "Agence France-Presse") in links
    assert ("Turkey", "Turkey") in links
    assert not any(s.text.startswith("Turkeys") for s in suggest_text(text)), "no run-on into the name after"
    for s in suggest_text(text):
        if s.text == "Syria":
            assert text[s.start:s.end] == "Syria" and text[s.end] == "s", "the link covers the name, not its 's'"


def test_a_plural_name_is_no_possessive() -> None:
    text = "Leaders from the Americas met in Lima. Delegates from the Emirates joined them."
    assert not any(s.ref == "United States" for s in suggest_text(text))


def test_headline_words_run_together_are_not_proposed_but_the_names_in_the_body_are() -> None:
    text = ("Monitor Group Condemns Horrific Massacre by Russian Air Force\n\n"
            "Tuesday 14 November 2017 Monitor Group Condemns Horrific Massacre by Russian Air Force. "
            "The horrific massacre killed 20 people in Atareb, the Monitor Group said, and the group "
            "condemns it.")
    texts = {s.text for s in suggest_text(text)}
    assert not any("Condemns" in t or "Horrific" in t for t in texts), texts
    assert "Monitor Group" in texts, "named in a sentence of the body, so it stays"


def test_a_common_word_capitalised_at_a_line_start_is_no_name() -> None:
    text = ("Talks collapse\n\nRegime forces shelled the town on Monday. The regime said it hit "
            "militants.\nEditing by Tom Perry")
    texts = {s.text for s in suggest_text(text)}
    assert "Regime" not in texts and "Editing" not in texts
    assert "Tom Perry" in texts


def test_places_of_a_list_run_together_are_split_and_a_group_name_is_kept() -> None:
    text = ("Rockets hit the neighbourhoods of al-Midan al-Hamadaniah New Aleppo on Sunday. "
            "Districts struck included al-Shaar al-Sukkari al-Sakhour and others. "
            "The militant group al-Gama'a al-Islamiya claimed the attack.")
    got = _by_text(text)
    assert "al-Midan al-Hamadaniah New Aleppo" not in got
    for name in ("al-Midan", "al-Hamadaniah", "New Aleppo"):
        assert [(s.ref, s.kind) for s in got.get(name, [])] == [(None, "place")], name
    assert not any(t.startswith("al-Shaar") and s.kind == "person" for t, ss in got.items() for s in ss)
    assert "al-Gama'a al-Islamiya" in got, "a group's name may hold two al- words"


def test_a_name_and_a_title_run_together_are_not_one_name() -> None:
    text = "Nasr al-Hariri Secretary General of the Syrian Coalition decries the siege."
    assert not any("Secretary" in s.text for s in suggest_text(text))


def test_an_arabic_place_word_makes_a_place_not_a_person() -> None:
    text = "A woman at Bustan al-Qasr said the crossing was closed. Rebels hold Jisr al-Shughur."
    got = _by_text(text)
    assert [s.kind for s in got["Bustan al-Qasr"]] == ["place"]
    assert [s.kind for s in got.get("Jisr al-Shughur", [])] in ([], ["place"])


def test_common_abbreviations_of_conflict_copy_are_not_organisations() -> None:
    text = "French FM says the strike hit 5 IDP camps. Inspectors found VX nerve agents."
    texts = {s.text for s in suggest_text(text)}
    assert not texts & {"FM", "IDP", "VX"}, texts


@pytest.mark.skipif(not (SHARED / "corpora" / "fakes_syria").is_dir(), reason="shared corpora not here")
def test_blind_linking_gold_floor() -> None:
    """The blind gold is never tuned on; this only keeps what was measured from sliding back."""
    from tests.benchmarks.eval_linking import BLIND, evaluate

    figures = evaluate(False, BLIND, "blind")
    assert figures["accuracy"] >= 0.85
    assert figures["precision"] >= 0.78


def test_a_title_word_inside_a_place_or_a_body_makes_no_person() -> None:
    text = ("The army shelled the Sheikh Maqsood district on Monday. On April 11 the General Staff "
            "of the army said rockets hit al-Sheikh Yaseen neighborhood.")
    people = {s.text for s in suggest_text(text) if s.kind == "person"}
    assert not people & {"Maqsood", "Staff", "Yaseen"}, people


def test_a_name_at_a_sentence_end_loses_the_full_stop_but_an_abbreviation_keeps_it() -> None:
    text = ("Missile Attack on Aleppo Hospital\n\nRockets hit the Aleppo Hospital. Shares of "
            "Norwest Corp. rose after the merger with Albany Savings Bank, Norwest Corp. said.")
    texts = {s.text for s in suggest_text(text)}
    assert "Aleppo Hospital." not in texts and "Aleppo Hospital" in texts
    assert "Norwest Corp." in texts


def test_armed_group_words_and_epithets_of_conflict_copy() -> None:
    text = "Takfiri militants of Jeish al-Fastat attacked the town. Takfiri fighters fled."
    got = _by_text(text)
    assert "Takfiri" not in got, "an epithet, like a faith or nationality, is no name"
    assert [s.kind for s in got["Jeish al-Fastat"]] == ["armed_group"]
