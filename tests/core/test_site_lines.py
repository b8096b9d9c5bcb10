"""Web captures of many outlets: site lines learned and kept out of the body, headlines, credit, dates.

Batches are built by the tests (made-up outlets, :mod:`tests.core.web_capture_gold`) and imported
into a real archive as the app imports them; the figures are checked against what the files say.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.importing.limits import DEFAULT_LIMITS
from desktop.core.importing.metadata import extract_fields
from desktop.core.importing.pipeline import import_paths
from desktop.core.importing.sitelines import Learner
from desktop.core.importing.text_reader import read_text
from desktop.core.importing.types import Extracted, PartialDate, Provenance
from tests.core.web_capture_gold import synthetic_batch, write_batch

_STORY = (
    "The ministry said on Tuesday that the convoy had reached the border crossing before dawn. "
    "Aid workers warned that the hospital was running short of fuel.\n\n"
    "Local officials told reporters that talks would resume next week in the capital. The army "
    "added that the bridge over the river would stay closed to traffic.\n\n"
    "Residents of the district said shelling had damaged the water station serving the old town."
)


def _fields(text: str):
    return extract_fields(Extracted(text=text, format="txt"))


def _rows(archive: Archive) -> dict[str, dict]:
    return {r["original_name"]: r for r in archive.db.query("SELECT * FROM articles")}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("captures")
    captures = synthetic_batch(80)
    folder = write_batch(tmp / "files", captures)
    with Archive.open(tmp / "archive") as archive:
        report = import_paths(archive, [folder], durable=False)
        assert report.imported == len(captures)
        yield archive, captures, _rows(archive)


def test_a_mixed_batch_loses_every_site_line_and_keeps_the_story(imported) -> None:
    archive, captures, rows = imported
    for capture in captures:
        body = rows[capture.name]["body"]
        assert not [line for line in capture.site_lines if line in body], capture.name
        assert capture.kept in body, capture.name


def test_title_suffixes_move_to_outlet_and_section(imported) -> None:
    archive, captures, rows = imported
    for capture in captures:
        row = rows[capture.name]
        assert row["headline"] == capture.headline, capture.name
        if capture.outlet != "Valley Sentinel":
            assert row["outlet"] == capture.outlet, capture.name
        if capture.section:
            assert archive.get(row["id"]).section == capture.section, capture.name


def test_wire_stories_carry_the_agency_as_credit(imported) -> None:
    archive, captures, rows = imported
    wire = [c for c in captures if c.credit]
    assert len(wire) >= 10
    for capture in captures:
        row = rows[capture.name]
        assert row["credit"] == capture.credit, capture.name
        article = archive.get(row["id"])
        assert article.to_json()["credit"] == capture.credit
        if capture.credit:
            assert json.loads(row["provenance"])["credit"] == "found"


def test_dates_only_where_the_file_states_one(imported) -> None:
    archive, captures, rows = imported
    assert any(c.date is None and "will never forget" in rows[c.name]["body"] for c in captures)
    for capture in captures:
        assert (rows[capture.name]["pub_date"] or None) == capture.date, capture.name


def test_removed_lines_are_kept_with_why_and_the_original_is_byte_exact(imported) -> None:
    archive, captures, rows = imported
    capture = next(c for c in captures if c.outlet == "Northwind Daily")
    article = archive.get(rows[capture.name]["id"])
    removed = {line["text"]: line for line in article.removed_lines}
    assert "Print edition \u00b7 Northwind Daily" in removed
    assert removed["Print edition \u00b7 Northwind Daily"]["where"] == "start"
    assert "stories" in removed["Print edition \u00b7 Northwind Daily"]["why"]  # "opens 3 of 10 stories ..."
    assert archive.original_path(article.content_hash).read_bytes() == capture.text.encode("utf-8")


def test_learned_patterns_are_kept_for_later_imports(imported, tmp_path: Path) -> None:
    archive, captures, rows = imported
    patterns = {r[0] for r in archive.db.execute("SELECT pattern FROM site_patterns")}
    assert "print edition \u00b7 northwind daily" in patterns
    # One more Northwind story, alone in its batch: the stored pattern cleans it at once.
    lone = tmp_path / "lone.txt"
    lone.write_text("Grain port reopens after a month - Northwind Daily\n\nPrint edition \u00b7 Northwind Daily\n\n"
                    + _STORY + "\n\nNorthwind Daily \u2014 trusted by readers for a century\n", encoding="utf-8")
    report = import_paths(archive, [lone], durable=False)
    row = _rows(archive)["lone.txt"]
    assert row["headline"] == "Grain port reopens after a month" and row["outlet"] == "Northwind Daily"
    assert report.outcomes[0].headline == row["headline"], "the report line shows the cleaned headline"
    assert "Print edition" not in row["body"] and "trusted by readers" not in row["body"]


def test_first_story_of_an_unseen_outlet_loses_the_general_site_lines() -> None:
    f = _fields("Protesters gather outside parliament\n\nSource: Lakeside Courier\n\n" + _STORY
                + "\n\nSee Full Web Article\n")
    assert f.headline == "Protesters gather outside parliament"
    assert f.body.startswith("The ministry said on Tuesday") and f.body.endswith("old town.")
    assert (f.outlet, f.provenance["outlet"]) == ("Lakeside Courier", Provenance.GUESSED)
    assert {r["text"] for r in f.removed_lines} == {"Source: Lakeside Courier", "See Full Web Article"}


@pytest.mark.parametrize("headline", [
    "The ceasefire collapsed overnight. Here's what that says about the talks",
    "\u2018We will rebuild\u2019: Villagers return to ruined homes",
    "\u2019Tis the season of shortages in the besieged city",
    "Can the ceasefire survive another winter?",
])
def test_hard_headlines_are_kept_whole_and_leave_the_body(headline: str) -> None:
    f = _fields(f"{headline}\n\n{_STORY}\n")
    assert f.headline == headline
    assert f.body.startswith("The ministry said on Tuesday")


@pytest.mark.parametrize("first", ["Source: Harbor Ledger", "Middle East", "World News"])
def test_a_source_line_or_section_name_is_never_the_headline(first: str) -> None:
    f = _fields(f"{first}\n\n{_STORY}\n")
    assert f.headline is None and f.provenance["headline"] is Provenance.MISSING
    assert f.byline == []


@pytest.mark.parametrize(("text", "credit"), [
    ("Title of the wire story here\n\nSource: AP\n\n" + _STORY, "Associated Press"),
    ("Title of the wire story here\n\nBEIRUT (Reuters) - " + _STORY, "Reuters"),
    ("Title of the wire story here\n\n" + _STORY + " \u2014 AFP", "Agence France-Presse"),
    ("Title of the wire story here\n\nBy The Associated Press\n\n" + _STORY, "Associated Press"),
    ("Title of the wire story here\n\n" + _STORY + "\n\n(Reporting by Jane Roe; Editing by John Doe)",
     "Reuters"),
    ("Title of the wire story here\n\n" + _STORY, None),
])
def test_the_agency_credit_is_read_where_newsrooms_state_it(text: str, credit: str | None) -> None:
    assert _fields(text).credit == credit


def test_a_date_in_the_narrative_is_not_the_publication_date() -> None:
    f = _fields("A day she will never forget\n\nJune 12, 1991, is a day she will never forget. " + _STORY)
    assert f.date is None and f.provenance["date"] is Provenance.MISSING
    assert f.body.startswith("June 12, 1991, is a day")
    f = _fields("Convoy reaches the border\n\nPublished 3 March 2021\n\n" + _STORY)
    assert (f.date, f.provenance["date"]) == (PartialDate(2021, 3, 3), Provenance.FOUND)
    f = _fields("Convoy reaches the border\n\nBEIRUT (Reuters) - March 7, 1991, was the day the war ended. "
                + _STORY)
    assert f.date is None


def test_wire_copy_teaches_no_site_lines(corpora_dir: Path) -> None:
    """Reuters' earnings tables repeat short lines ("Shr 10 cts vs 5 cts"): figures, not furniture."""
    learner = Learner()
    files = sorted((corpora_dir / "reuters21578" / "articles").iterdir())[:600]
    for n, path in enumerate(files):
        f = extract_fields(read_text(path.read_bytes(), name=path.name, limits=DEFAULT_LIMITS))
        learner.learn(n, f.headline, f.body)
    assert not learner.rules()


def test_reuters_sign_off_leaves_the_body(corpora_dir: Path) -> None:
    path = corpora_dir / "reuters21578" / "articles" / "reuters-00010.txt"
    f = extract_fields(read_text(path.read_bytes(), name=path.name, limits=DEFAULT_LIMITS))
    assert not f.body.rstrip().endswith("Reuter") and f.outlet == "Reuters"


def test_briefings_cite_the_agency_via_the_outlet_and_never_the_site_lines(imported, tmp_path: Path) -> None:
    from docx import Document

    from desktop.core.briefing.docx_writer import write_briefing
    from desktop.core.briefing.from_archive import briefing_from_articles

    archive, captures, rows = imported
    ap = next(c for c in captures if c.outlet == "Harbor Ledger" and c.credit == "Associated Press")
    own = next(c for c in captures if c.outlet == "Harbor Ledger" and c.credit is None)
    ids = [rows[ap.name]["id"], rows[own.name]["id"]]
    briefing = briefing_from_articles(archive, ids, title="Wire check")
    assert not any("Source:" in story.lead or "See Full" in story.lead for story in briefing.stories)
    out = write_briefing(briefing, tmp_path / "wire.docx")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "AP via Harbor Ledger" in text
    assert "Source: AP" not in text and "See Full Web Article" not in text


def test_credit_is_searchable_and_a_facet(imported) -> None:
    from desktop.core.search.engine import SearchEngine, SearchRequest
    from desktop.core.search.index import SearchIndex
    from tests.core.conftest import search_ids

    archive, captures, rows = imported
    reuters = sorted(rows[c.name]["id"] for c in captures if c.credit == "Reuters")
    assert search_ids(archive, "credit:Reuters") == reuters
    assert search_ids(archive, "agency:reuters -outlet:\"Northwind Daily\"") == sorted(
        rows[c.name]["id"] for c in captures if c.credit == "Reuters" and c.outlet != "Northwind Daily")
    index = SearchIndex(archive)
    engine = SearchEngine(archive, index)
    try:
        found = engine.search(SearchRequest(query="", facets=True))
        counts = dict(found.facets["credit"])
        assert counts["Reuters"] == len(reuters)
        filtered = engine.ids(SearchRequest(query="", filters=[("credit", "Associated Press")]))
        assert sorted(filtered) == sorted(rows[c.name]["id"] for c in captures if c.credit == "Associated Press")
    finally:
        engine.close()
        index.close()


@pytest.mark.parametrize("line", ["By Harbor Politics", "By World News Desk", "Harbor Ledger Business in Kyiv"])
def test_a_section_name_is_never_a_byline(line: str) -> None:
    from desktop.core.importing.byline import parse_byline, parse_loose_byline

    assert not (parse_byline(line) or (None, None))[0] and parse_loose_byline(line) == []
