"""Metadata extraction on the five seed articles, and the rules behind it on small texts.

Seeds are read through the real text reader (decoding and cleaning included), as an import does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.importing.limits import DEFAULT_LIMITS
from desktop.core.importing.metadata import extract_fields
from desktop.core.importing.text_reader import read_text
from desktop.core.importing.types import ArticleFields, Extracted, PartialDate, Provenance

FOUND, GUESSED, MISSING = Provenance.FOUND, Provenance.GUESSED, Provenance.MISSING
FIELDS = ("headline", "byline", "outlet", "date", "dateline", "url", "language")


@pytest.fixture(scope="module")
def seeds(seed_files: dict[str, Path]) -> dict[str, ArticleFields]:
    return {
        key: extract_fields(read_text(path.read_bytes(), name=path.name, limits=DEFAULT_LIMITS))
        for key, path in seed_files.items()
    }


def _paragraphs(fields: ArticleFields) -> list[str]:
    return fields.body.split("\n\n")


def _assert_well_formed(fields: ArticleFields) -> None:
    assert set(fields.provenance) == set(FIELDS)
    for name in FIELDS:
        value = getattr(fields, name)
        assert (fields.provenance[name] is MISSING) == (value in (None, [], "")), name
    assert "\n\n\n" not in fields.body and fields.body == fields.body.strip()


def test_every_seed_is_well_formed(seeds: dict[str, ArticleFields]) -> None:
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    for fields in seeds.values():
        _assert_well_formed(fields)
        assert fields.language == "en" and fields.provenance["language"] is GUESSED
        assert fields.word_count() > 300


def test_000_newsweek_without_date(seeds: dict[str, ArticleFields]) -> None:
    f = seeds["000"]
    assert f.headline == "U.S. Airstrikes Target Iraq Militia Following Deadly Attack on Coalition Troops"
    assert f.provenance["headline"] is FOUND
    assert (f.outlet, f.provenance["outlet"]) == ("Newsweek", GUESSED)
    assert f.date is None and f.provenance["date"] is MISSING  # "March 11" in a caption has no year
    assert f.byline == [] and f.provenance["byline"] is MISSING
    assert not f.body.startswith(f.headline)
    assert "iraq, rocket, launcher, baghdad, attack" not in f.body
    assert "will not tolerate attacks against our people" in f.body
    assert _paragraphs(f)[0].startswith("U.S. airstrikes targeted militias in central Iraq")


def test_001_globalsecurity_byline_and_date(seeds: dict[str, ArticleFields]) -> None:
    f = seeds["001"]
    assert f.headline == "US Hits Back in Iraq, Targeting Militia Behind Deadly Rocket Attack"
    assert (f.byline, f.provenance["byline"]) == (["Carla Babb", "Jeff Seldin"], FOUND)
    assert (f.date, f.provenance["date"]) == (PartialDate(2020, 3, 12), FOUND)
    assert f.outlet == "GlobalSecurity.org" and f.provenance["outlet"] in (FOUND, GUESSED)
    assert "UNITED24" not in f.body and "charitable donation" not in f.body
    assert "mailing list" not in f.body and "By Carla Babb" not in f.body
    assert _paragraphs(f)[0].startswith("U.S. warplanes soaring through the skies of Iraq")
    assert "You don't get to shoot at our bases" in f.body


def test_002_new_arab_repeated_headline(seeds: dict[str, ArticleFields]) -> None:
    f = seeds["002"]
    headline = "US launches precision air strikes on Iran-backed militia in Iraq after deadly rocket attack"
    assert f.headline == headline and f.provenance["headline"] is FOUND
    assert headline not in f.body
    assert (f.date, f.provenance["date"]) == (PartialDate(2020, 3, 13), FOUND)
    assert (f.outlet, f.provenance["outlet"]) == ("The New Arab", GUESSED)  # not AP, merely cited
    for furniture in ("4 min read", "Read more:", "Follow us on", "13 March, 2020"):
        assert furniture not in f.body
    assert _paragraphs(f)[0].startswith("The US military launched air strikes against a pro-Iranian group")
    assert "The United States will not tolerate attacks against our people" in f.body
    assert "Agencies contributed to this report." in f.body


def test_003_caption_is_not_a_headline(seeds: dict[str, ArticleFields]) -> None:
    f = seeds["003"]
    assert f.headline is None and f.provenance["headline"] is MISSING
    assert f.date is None and f.provenance["date"] is MISSING  # the only date is in a photo caption
    assert (f.outlet, f.provenance["outlet"]) == ("Stars and Stripes", GUESSED)
    assert f.byline == ["Chad Garland"] and f.provenance["byline"] is GUESSED
    bio = "Chad is a Marine Corps veteran"
    for furniture in ("Sign Up", "Sign up", "author picture", bio, "@chadgarland"):
        assert furniture not in f.body
    assert f.body.count("This photo released by the government-affiliated Media Security Cell") == 1
    assert "The United States will not tolerate attacks against our people" in f.body
    assert _paragraphs(f)[-1].endswith("at a time and place of our choosing,\u201d it said.")


def test_004_mpr_news_page_furniture(seeds: dict[str, ArticleFields]) -> None:
    f = seeds["004"]
    assert f.headline == "Pentagon: U.S. strikes Iran-backed group that hit Iraq base"
    assert f.provenance["headline"] in (FOUND, GUESSED)
    assert (f.outlet, f.provenance["outlet"]) == ("MPR News", GUESSED)
    assert f.date is None and f.provenance["date"] is MISSING  # "Updated: 7:31 p.m." and "Jan. 3"
    for furniture in (
        "Go Deeper.", "Create an account", "Like this?", "Thanks for liking", "Updated: 7:31",
        "Turn Up Your Support", "MPR News helps you",
    ):
        assert furniture not in f.body
    assert _paragraphs(f)[0].startswith("The U.S. launched airstrikes Thursday in Iraq")
    assert "You don't get to shoot at our bases" in f.body


# --- the rules, on small texts --------------------------------------------------------------


def _extract(text: str, **hints: object) -> ArticleFields:
    fields = extract_fields(Extracted(text=text, format="txt", **hints))  # type: ignore[arg-type]
    _assert_well_formed(fields)
    return fields


def test_format_hints_win_and_text_fills_gaps() -> None:
    text = (
        "Strikes in Iraq\n\nBy Jane Doe\nMarch 3, 2021\n\n"
        "BAGHDAD (Reuters) - Rockets hit a base on Sunday."
    )
    f = _extract(text, title="Format title", date=PartialDate(2020, 1, 2), language="en-GB")
    assert (f.headline, f.provenance["headline"]) == ("Format title", FOUND)
    assert (f.date, f.provenance["date"]) == (PartialDate(2020, 1, 2), FOUND)
    assert (f.language, f.provenance["language"]) == ("en", FOUND)
    assert (f.byline, f.outlet, f.dateline) == (["Jane Doe"], "Reuters", "Baghdad")
    assert f.body == "Strikes in Iraq\n\nBAGHDAD (Reuters) - Rockets hit a base on Sunday."


def test_nothing_is_invented_for_bare_text() -> None:
    f = _extract("rockets fell overnight and nobody claimed the attack, officials said on tuesday.")
    assert f.headline is None and f.date is None and f.outlet is None and f.byline == []
    assert f.body.startswith("rockets fell")
    lone = _extract("Rockets fell overnight and nobody claimed the attack, officials said.")
    assert lone.headline is None and lone.body.startswith("Rockets fell")
    empty = _extract("")
    assert empty.body == "" and all(empty.provenance[name] is MISSING for name in FIELDS)


def test_wire_datelines_credits_and_urls() -> None:
    f = _extract(
        "Rockets hit Green Zone\n\nBy ZEINA KARAM Associated Press\n\n"
        "BEIRUT (AP) — Three rockets struck the district, security sources said.\n\n"
        "Source: https://apnews.com/article/abc123\n"
    )
    assert (f.byline, f.outlet, f.provenance["outlet"]) == (["Zeina Karam"], "Associated Press", FOUND)
    assert (f.dateline, f.url) == ("Beirut", "https://apnews.com/article/abc123")
    assert "Source:" not in f.body
    reuters = _extract(
        "COCOA REVIEW\n\n"
        "    NEW YORK, March 2 - Cocoa futures rose sharply in thin trading\n"
        "on Monday as dealers covered short positions ahead of the\n"
        "weekly crop report, traders said.\n"
        "    Arrivals in Bahia were 155,221 bags for the week, against\n"
        "a cumulative 5.93 mln at the same stage last year.\n Reuter\n"
    )
    assert (reuters.dateline, reuters.date, reuters.outlet) == ("New York", None, "Reuters")
    assert reuters.provenance["outlet"] is FOUND and reuters.headline == "COCOA REVIEW"
    assert reuters.body == (
        "NEW YORK, March 2 - Cocoa futures rose sharply in thin trading on Monday as dealers covered "
        "short positions ahead of the weekly crop report, traders said.\n\n"
        "Arrivals in Bahia were 155,221 bags for the week, against a cumulative 5.93 mln at the same "
        "stage last year."
    )


def test_a_passing_mention_is_not_the_outlet() -> None:
    f = _extract(
        "Strikes in Iraq\n\nUnnamed officials told AP that five sites were hit, The Associated Press said."
    )
    assert f.outlet is None and f.provenance["outlet"] is MISSING
    about_the_bbc = _extract(
        "BBC staff strike\n\n" + "The BBC said, according to Reuters, that BBC staff walked out. " * 40
    )
    assert about_the_bbc.outlet is None
    copyright_line = _extract(
        "Strikes in Iraq\n\nOfficials told AP five sites were hit.\n\n© 2020 Rudaw Media Network"
    )
    assert (copyright_line.outlet, copyright_line.provenance["outlet"]) == ("Rudaw", FOUND)


def test_site_name_suffix_leaves_the_headline() -> None:
    f = _extract(
        "Massive bomb attack kills 44 in Syrian Kurdish city | Jordan Times\n\nA bomb killed 44 people."
    )
    assert (f.headline, f.outlet, f.provenance["outlet"]) == (
        "Massive bomb attack kills 44 in Syrian Kurdish city", "Jordan Times", FOUND)


def test_glued_date_and_repeated_headline_leave_the_body() -> None:
    f = _extract("Syria attack symptoms consistent with nerve agent use WHO\n\n"
                 "Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO. Victims of a "
                 "suspected chemical attack appeared to show symptoms consistent with a nerve agent.")
    assert f.date == PartialDate(2017, 4, 5)
    assert f.body.startswith("Victims of a suspected chemical attack")


def test_huge_single_line_completes() -> None:
    line = ("Sign up now. Follow us on Twitter. \u00a9 2020 Reuters. BAGHDAD (AP) - told Newsweek 107mm "
            "March 12, 2020 Twitter: @someone ") * 60_000
    f = _extract(line[:5_000_000])
    assert f.headline is None and len(f.body) > 4_000_000
    _extract("By John Smith\n" * 100_000)
    _extract("(" * 2_000_000 + "Reuters" + ")" * 2_000_000)
