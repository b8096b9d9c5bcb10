"""The starter gazetteer: it validates, knows everything the seed stories name, stays free of
ambiguous aliases, and a hand-edited file with a mistake is refused with a message that says
where the mistake is."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from desktop.core.entities.alias_matcher import AliasMatcher
from desktop.core.entities.gazetteer import (
    FORMAT,
    GazetteerEntry,
    GazetteerError,
    gazetteer_path,
    load_gazetteer,
    parse_gazetteer,
    read_gazetteer,
)
from desktop.core.entities.kinds import KINDS, OTHER
from desktop.core.entities.variants import match_key


@pytest.fixture(scope="module")
def entries() -> tuple[GazetteerEntry, ...]:
    return load_gazetteer()


@pytest.fixture(scope="module")
def by_name(entries: tuple[GazetteerEntry, ...]) -> dict[str, GazetteerEntry]:
    return {e.name: e for e in entries}


def doc(*entries: dict) -> dict:
    return {"format": FORMAT, "version": 1, "entries": list(entries)}


def test_shipped_file_validates_and_is_cached(entries: tuple[GazetteerEntry, ...]) -> None:
    assert gazetteer_path().is_file()
    assert load_gazetteer() is entries
    assert len(entries) >= 500
    kinds = Counter(e.kind for e in entries)
    assert set(kinds) == set(KINDS) - {OTHER}
    for kind in ("armed_group", "person", "place", "weapon"):
        assert kinds[kind] >= 80, kinds
    assert all(e.description for e in entries)
    assert all(e.region for e in entries)


def test_everything_the_seeds_name_is_known(by_name: dict[str, GazetteerEntry]) -> None:
    expect = {
        "Kataib Hezbollah": {"Kata'ib Hizbollah", "Kataeb Hezbollah", "KH", "كتائب حزب الله"},
        "Popular Mobilization Forces": {"Popular Mobilisation Units", "PMU", "PMF"},
        "Kenneth F. McKenzie": {"Frank McKenzie", "Kenneth McKenzie"},
        "Qassem Soleimani": {"Qasem Soleimani", "قاسم سليماني"},
        "Abu Mahdi al-Muhandis": {"Abu Mahdi al Muhandis"},
        "Jurf al-Nasr": {"Jurf al-Sakher"},
        "Katyusha rocket": {"Katyusha rockets"},
        "Mark Esper": set(), "Camp Taji": set(), "Baghdad": set(), "Karbala": set(),
        "Najaf": set(),
    }
    for name, aliases in expect.items():
        assert name in by_name, name
        known = {match_key(a) for a in by_name[name].names}  # Kata'ib = Kataib when matching
        missing = {a for a in aliases if match_key(a) not in known}
        assert not missing, (name, missing)
    assert by_name["Kataib Hezbollah"].parent == "Popular Mobilization Forces"
    assert by_name["Kataib Hezbollah"].kind == "armed_group"
    assert by_name["Qassem Soleimani"].kind == "person"
    assert by_name["Jurf al-Nasr"].kind == "place"
    assert by_name["Katyusha rocket"].kind == "weapon"


@pytest.mark.parametrize(
    "alias",
    ["Ain al-Asad", "Al-Tanf", "Karbala", "Najaf", "Grad", "HIMARS", "ATACMS", "Shahed-136",
     "Kornet", "Iskander", "Patriot", "Bayraktar TB2", "MQ-9 Reaper", "Wagner Group", "RSF",
     "JNIM", "Houthis", "Hamas", "Kyiv", "Kharkov", "El Fasher", "Kandahar", "Зеленский"],
)
def test_a_conflict_desk_finds_the_usual_names(alias: str) -> None:
    assert AliasMatcher.from_gazetteer().find(f"Reports on {alias} today."), alias


def test_important_entries_carry_native_script_names(by_name: dict[str, GazetteerEntry]) -> None:
    for name in ("Kataib Hezbollah", "Hezbollah", "Popular Mobilization Forces", "Qassem Soleimani",
                 "Abu Mahdi al-Muhandis", "Islamic State", "Houthis", "Ali Khamenei"):
        assert any("\u0600" <= c <= "\u06ff" for a in by_name[name].aliases for c in a), name
    for name in ("Volodymyr Zelensky", "Vladimir Putin", "Wagner Group", "Yevgeny Prigozhin"):
        assert any("\u0400" <= c <= "\u04ff" for a in by_name[name].aliases for c in a), name


def test_every_alias_finds_its_own_entry(entries: tuple[GazetteerEntry, ...]) -> None:
    matcher = AliasMatcher.from_gazetteer(entries)
    wrong = []
    for entry in entries:
        for alias in entry.names:
            text = f"Reports from {alias} today"
            hits = matcher.find(text)
            if [(h.surface, h.ref) for h in hits] != [(alias, entry.name)]:
                wrong.append((alias, entry.name, [(h.surface, h.ref) for h in hits]))
    assert not wrong, wrong[:10]


def test_no_ambiguous_or_everyday_aliases(entries: tuple[GazetteerEntry, ...]) -> None:
    hamas = [e.name for e in entries for a in e.names if match_key(a) == "hamas"]
    assert hamas == ["Hamas"]
    everyday = {"the", "patriot", "grad", "sour", "amal", "chad", "alexandria", "reaper",
                "lancet", "gallant", "trump", "tiger", "october 7", "state", "sana", "the gulf"}
    for entry in entries:
        for alias in entry.names:
            if not entry.is_case_sensitive(alias):
                assert match_key(alias) not in everyday, (entry.name, alias)


def test_abbreviations_match_only_in_capitals(by_name: dict[str, GazetteerEntry]) -> None:
    assert by_name["Kataib Hezbollah"].is_case_sensitive("KH")
    assert by_name["Popular Mobilization Forces"].is_case_sensitive("PMU")
    assert by_name["BM-21 Grad"].is_case_sensitive("Grad")
    assert not by_name["Kataib Hezbollah"].is_case_sensitive("Kataeb Hezbollah")
    matcher = AliasMatcher.from_gazetteer()
    assert [h.ref for h in matcher.find("a grad student from the pmu")] == []


def test_the_file_round_trips_through_the_validator(tmp_path: Path) -> None:
    data = json.loads(gazetteer_path().read_text(encoding="utf-8"))
    copy = tmp_path / "g.json"
    copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert read_gazetteer(copy) == load_gazetteer()


GOOD = {"name": "Kataib Hezbollah", "kind": "armed_group", "aliases": ["KH"], "region": "Iraq"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "top level"),
        ({"format": "other", "version": 1, "entries": []}, "'format'"),
        ({"format": FORMAT, "version": 9, "entries": []}, "'version'"),
        ({"format": FORMAT, "version": 1, "entries": {}}, "'entries' must be a list"),
        (doc({"kind": "place"}), "entry 1: 'name' is missing"),
        (doc(GOOD, {"name": "X", "kind": "militia group"}), "entry 2 ('X'): kind 'militia group'"),
        (doc({**GOOD, "aliases": "KH"}), "'aliases' must be a list of strings"),
        (doc({**GOOD, "aliases": ["KH", " "]}), "empty string"),
        (doc({**GOOD, "colour": "red"}), "unknown field(s) colour"),
        (doc({**GOOD, "parent": "Popular Mobilization Forces"}), "parent 'Popular Mobilization Forces'"),
        (doc(GOOD, {"name": "Hezbollah", "kind": "armed_group", "aliases": ["Kata’ib  Hezbollah"]}),
         "alias 'Kata’ib  Hezbollah' already belongs to 'Kataib Hezbollah'"),
        (doc({**GOOD, "case_sensitive_aliases": ["Grad"]}), "case-sensitive alias 'Grad'"),
        (doc({**GOOD, "description": 5}), "'description' must be a string"),
    ],
)
def test_bad_files_are_refused_with_a_useful_message(data: object, message: str) -> None:
    with pytest.raises(GazetteerError) as caught:
        parse_gazetteer(data, source="test.json")
    assert message in str(caught.value)
    assert str(caught.value).startswith("test.json: ")


def test_unreadable_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(GazetteerError, match="not valid JSON .line 1"):
        read_gazetteer(bad)
    with pytest.raises(GazetteerError, match="cannot read"):
        read_gazetteer(tmp_path / "missing.json")
    bad.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(GazetteerError, match="UTF-8"):
        read_gazetteer(bad)


def test_a_valid_small_file_parses(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text(json.dumps(doc(
        {"name": "Popular Mobilization Forces", "kind": "armed_group", "aliases": ["PMU"]},
        {**GOOD, "parent": "Popular Mobilization Forces", "aliases": ["KH", "Kataib Hezbollah"]},
        {"name": "BM-21 Grad", "kind": "weapon", "aliases": ["Grad"], "case_sensitive_aliases": ["Grad"]},
    )), encoding="utf-8")
    pmf, kh, grad = read_gazetteer(path)
    assert kh.aliases == ("KH",)  # the name itself is not repeated as an alias
    assert kh.names == ("Kataib Hezbollah", "KH")
    assert kh.parent == pmf.name
    assert grad.is_case_sensitive("Grad") and not grad.is_case_sensitive("BM-21 Grad")
