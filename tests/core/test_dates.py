"""The date parser and the choice of a publication date among the opening lines."""

from __future__ import annotations

import pytest

from desktop.core.importing.dates import find_dates, parse_date, pick_publication_date
from desktop.core.importing.types import PartialDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 12, 2020", "2020-03-12"),
        ("13 March, 2020", "2020-03-13"),
        ("Thursday, March 12, 2020", "2020-03-12"),
        ("Wed 05 Apr 2017", "2017-04-05"),
        ("Fri 07 Apr 2017 at 0914", "2017-04-07"),
        ("Posted on April 19 2017 by Asharq Al-Awsat English", "2017-04-19"),
        ("Date of publication 26 September 2016", "2016-09-26"),
        ("17-06-2016", "2016-06-17"),
        ("5-04-2016", "2016-04-05"),
        ("05.10.2017", "2017-10-05"),
        ("Mon Jun 20 2016", "2016-06-20"),
        ("2017-04-05", "2017-04-05"),
        ("2017-04-05T10:00:00Z", "2017-04-05"),
        ("April 5 2017 by Staff", "2017-04-05"),
        ("Mar. 12, 2020", "2020-03-12"),
        ("Sept. 5, 2019", "2019-09-05"),
        ("MARCH 12, 2020", "2020-03-12"),
        ("25/03/2020", "2020-03-25"),
        ("03/25/2020", "2020-03-25"),
        ("05/05/2020", "2020-05-05"),
        ("04-25-2017", "2017-04-25"),
        ("March 2020", "2020-03"),
        ("Last updated at Jul 282016", "2016-07-28"),
        ("12. März 2020", "2020-03-12"),
        ("12 mars 2020", "2020-03-12"),
        ("12 de marzo de 2020", "2020-03-12"),
        ("1st of May 2019", "2019-05-01"),
    ],
)
def test_stated_dates_parse(text: str, expected: str) -> None:
    assert parse_date(text) == PartialDate.parse_iso(expected)


@pytest.mark.parametrize(
    "text",
    [
        "107mm",
        "18 107 mm",
        "18 107mm Katyusha rockets",
        "Updated: 7:31 p.m.",
        "March 11",
        "NEW YORK, March 2 - The company said",
        "Jan. 3",
        "+1 (555) 123-4567",
        "555-123-4567",
        "555-12-2020",
        "Tel. 020 7946 0958",
        "call 12.05.20",
        "12/03/2020",  # 12 March or 3 December: not stated unambiguously
        "31 February 2020",
        "March 1066",
        "June 2999",
        "may 2020",  # a verb, not a month
        "the 2020 election",
        "",
    ],
)
def test_non_dates_do_not_parse(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_reports_positions() -> None:
    text = "Published 13 March 2020 | Updated 14 March 2020"
    found = list(find_dates(text))
    assert [f.date.iso() for f in found] == ["2020-03-13", "2020-03-14"]
    assert text[found[0].start : found[0].end] == "13 March 2020"


def _pick(*lines: str, headline: str | None = None) -> str | None:
    picked = pick_publication_date([(i, line, "") for i, line in enumerate(lines)], headline=headline)
    return picked[1].date.iso() if picked else None


def test_publication_date_positions_that_count() -> None:
    assert _pick("By Carla Babb, Jeff Seldin March 12, 2020") == "2020-03-12"
    assert _pick("The US military launched air strikes.", "4 min read", "13 March, 2020") == "2020-03-13"
    assert _pick("Date of publication 5 October 2016 An air raid has hit a village") == "2016-10-05"
    assert _pick("Published: 12 March 2020 | Updated: 13 March 2020") == "2020-03-12"
    assert _pick("BAGHDAD, March 12, 2020 (AP) — Rockets hit a base.") == "2020-03-12"
    headline = "Air raids kill 18 civilians in Syrias Aleppo"
    glued = f"{headline} Monitor AFP Saturday 16 Jul 2016 Air raids on"
    assert _pick(glued, headline=headline) == "2016-07-16"
    credited = "Suicide bombing kills six says monitoring group AFP Friday 23 Aug 2013 A suicide"
    assert _pick(credited) == "2013-08-23"


def test_publication_date_positions_that_do_not_count() -> None:
    caption = (
        "This photo released by the government-affiliated Media Security Cell on Thursday, "
        "March 12, 2020, shows a rocket-rigged truck launcher after a rocket attack on Camp Taji."
    )
    assert _pick(caption) is None
    assert _pick("A picture shared March 11 by the Iraqi military's Security Cell shows a truck.") is None
    assert _pick("Because April 1, 1987 is a holiday, payment will be made on April 2.") is None
    assert _pick("The payment date April 9, 1987 was set by the lead manager.") is None
    assert _pick("January 1987 natural gas production rose 3 pct.") is None
    assert _pick("NEW YORK, March 2 - The company said it would sell shares.") is None
    assert _pick("Updated: 7:31 p.m.") is None


def test_only_the_opening_counts() -> None:
    filler = ("Rockets struck the base overnight and officials said more attacks were likely. " * 8).strip()
    assert _pick(filler, "Published 13 March 2020") is None
    assert _pick("Published 13 March 2020", filler) == "2020-03-13"


def test_full_date_preferred_over_month_and_year() -> None:
    assert _pick("March 2020", "Posted on April 19 2020") == "2020-04-19"
    assert _pick("Issue of March 2020") is None
    assert _pick("March 2020") == "2020-03"


def test_a_wrapped_sentence_is_not_a_date_line() -> None:
    lines = [(0, "The company reported sales for the four-week period", ""),
             (1, "Feb 28, 1987, a 7.2 pct increase over a year earlier.", "sales for the four-week period")]
    assert pick_publication_date(lines) is None


def test_scanning_huge_text_is_linear() -> None:
    text = "1" * 2_000_000 + " March 12, " + "2" * 2_000_000 + " ".join(["18 107 mm"] * 100_000)
    assert list(find_dates(text)) == []
