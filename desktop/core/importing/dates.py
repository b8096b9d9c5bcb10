"""Publication dates and datelines in the opening lines of scraped news text.

A scraped article states its date in dozens of shapes ("March 12, 2020", "13 March, 2020",
"Wed 05 Apr 2017 at 0914", "17-06-2016", "05.10.2017", "Jul 282016" where a scraper ate the
comma) and mentions many other dates that are *not* its publication date: the day of an attack,
the day a photo was taken, "Jan. 3" with no year. Two rules keep us honest:

* We only ever return what the text states. A day-and-month with no year ("NEW YORK, March 2 -")
  is not a date: guessing the year would invent data. Month-and-year ("March 2020") becomes a
  partial date. Slash dates are accepted only when unambiguous (``25/03/2020``, ``03/25/2020``,
  ``05/05/2020``), never ``12/03/2020``. Dotted and dashed dates are read day-first, the way the
  sites that use them (Sputnik, Al-Manar, European papers) write them.
* Only a date in the *opening* lines, in a position where a page puts its publication date,
  counts (:func:`pick_publication_date`): alone on a line, at the start of a line, after a label
  ("Published", "Posted on", "Date of publication"), in a byline, in a dateline, or after a credit
  such as "AFP". A date that follows a preposition ("... released on Thursday, March 12, 2020,
  shows ...") is prose about an event or a photo caption, so it is not taken.

Datelines ("BAGHDAD (Reuters) -", "NEW YORK, March 2 -") are read here too
(:func:`find_dateline`): they give the place, and a date only when they state the year.

All patterns are bounded (no nested quantifiers; the one repetition of alternatives is
possessive), so scanning hostile text stays linear.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .outlets import lookup
from .types import PartialDate

__all__ = [
    "DATE_LABEL_RE",
    "DateMatch",
    "find_dateline",
    "find_dates",
    "is_date_line",
    "opens_with_dateline",
    "parse_date",
    "pick_publication_date",
]

_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
#: French, German, Spanish, Portuguese and Italian month names (accepted day-first only, where
#: digits on both sides make a false match very unlikely).
_OTHER_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "januar": 1, "jänner": 1, "februar": 2, "märz": 3,
    "maerz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12, "enero": 1, "febrero": 2,
    "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9,
    "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12, "janeiro": 1,
    "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9, "outubro": 10,
    "novembro": 11, "dezembro": 12, "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5,
    "giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10, "dicembre": 12,
}  # fmt: skip
_MONTHS = {**_EN_MONTHS, **_OTHER_MONTHS}


def _alternation(names: Sequence[str]) -> str:
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


_EN = _alternation(list(_EN_MONTHS))
_ANY = _alternation(list(_MONTHS))
#: English month names in Title or UPPER case only: "may 2020" in running text is a verb.
_EN_STRICT = "|".join(
    sorted({f for n in _EN_MONTHS for f in (n.title(), n.upper())}, key=len, reverse=True)
)
_WEEKDAY = (
    r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?\s?,?\s+"
)
_YEAR = r"(?:19|20)\d\d"

_DATE_RE = re.compile(
    rf"""
    (?<![\w-])(?:{_WEEKDAY})?(?:
        (?P<mdy_m>(?i:{_EN}))\.?\s{{1,3}}(?P<mdy_d>\d{{1,2}})(?i:st|nd|rd|th)?
            (?:\s?,\s{{0,3}}|\s{{1,3}}|(?={_YEAR}\b))(?P<mdy_y>{_YEAR})(?!\d)
      | (?P<dmy_d>\d{{1,2}})(?i:st|nd|rd|th|er|\.)?\s{{1,3}}(?i:of\s+|de\s+)?
            (?P<dmy_m>(?i:{_ANY}))\.?,?\s{{1,3}}(?i:de\s+|del\s+)?(?P<dmy_y>{_YEAR})(?!\d)
      | (?P<iso_y>{_YEAR})(?P<iso_s>[-/.])(?P<iso_m>\d{{1,2}})(?P=iso_s)(?P<iso_d>\d{{1,2}})(?![\d])
      | (?P<num_a>\d{{1,2}})(?P<num_s>[-/.])(?P<num_b>\d{{1,2}})(?P=num_s)(?P<num_y>{_YEAR})(?!\d)
      | (?P<my_m>{_EN_STRICT})\.?,?\s{{1,3}}(?P<my_y>{_YEAR})(?!\d)
    )
    """,
    re.VERBOSE,
)
_YEAR_HINT_RE = re.compile(_YEAR)
#: Characters that, right before a numeric date, show it is part of a longer number or code.
_NUMERIC_GLUE = set("0123456789/.-:")

_LABEL_WORDS = (
    r"(?:(?:(?:first\s+)?published|posted|(?:last\s+)?updated|date\s+of\s+publication|publication\s+date)"
    r"(?:\s+(?:on|at|in))?\s*[:\-–—|,]?|(?:created|modified|issued|released|dated|date)\s*:)\s*$"
)
#: A label that introduces a publication date ("Published:", "Posted on", "Last updated at").
DATE_LABEL_RE = re.compile(r"(?i)\b" + _LABEL_WORDS)
#: The same, where it must open the line or follow a separator: "payment date April 9" is prose.
_LABEL_RE = re.compile(r"(?i)(?:^|[|•·,;:()\[\]–—]\s*|\s[-/]\s*)" + _LABEL_WORDS)
_SENTENCE_END = frozenset(".!?:\"”’)|")
_AFTER_DATE_RE = re.compile(
    r"^\s*(?:(?:at\s+)?\d{1,2}[:.]?\d{2}\b(?:\s*(?:[ap]\.?m\.?|GMT|UTC))?"
    r"|\((?:last\s+)?updated?[^)]{0,60}\))*",
    re.IGNORECASE,
)
_ALLOWED_AFTER = frozenset({"by", "at", "gmt", "utc", "updated", "last", "local", "posted", "published"})
#: What may surround the date on a line that states only a date: labels, times, separators.
_DATE_REST_RE = re.compile(
    r"(?i)^(?:[\s,.|:;()\-–—/+]|at|on|gmt|utc|[ap]\.?m\.?|et|edt|est|bst|cet|pt|pdt|pst|local\s+time"
    r"|\d{1,2}\s?[:.]?\s?\d{2}h?|published|posted|updated|last|first|modified|date|of|publication"
    r")*+$"  # possessive: no backtracking
)
_LABEL_START_RE = re.compile(r"(?i)^(?:published|posted|updated|last updated|date)\b")
_DIGIT_RE = re.compile(r"\d")
#: Wire datelines: "BAGHDAD (Reuters) -", "NEW YORK, March 2 -", "KABUL, Afghanistan (AP) —".
_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.\-]+(?:[ /][A-Z][A-Z'.\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'\-]+(?:\s[A-Z][A-Za-z.'\-]+){0,2}))??"
    r"(?:,\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,?\s+\d{4})?))?"
    r"\s*(?:\((?P<src>[A-Za-z][A-Za-z .&'’-]{1,38})\))?\s*(?P<dash>--|[-–—]|:)\s"
)
_TITLE_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?:,\s*(?P<region>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}))?"
    r"(?:,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"
    r"\s*\((?P<src>[^()\n]{2,30})\)\s*(?:--|[-–—])\s"
)
_NOT_PLACES = frozenset(
    "UPDATE UPDATED UPDATES BREAKING EXCLUSIVE URGENT FLASH ANALYSIS OPINION EDITORIAL WATCH VIDEO "
    "PHOTOS FACTBOX EXPLAINER NATO UN US USA UK EU ISIS ISIL IS AP AFP UPI NEWS LIVE CORRECTED "
    "REFILE WRAPUP INSIGHT FEATURE COLUMN POLL TIMELINE REVIEW PREVIEW COMMENT NOTE NB PS FILE "
    "WARNING ALERT SPECIAL REPORT INTERVIEW Q&A JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST "
    "SEPTEMBER OCTOBER NOVEMBER DECEMBER".split()
)
_PREPOSITIONS = frozenset(
    "on in since from until till by of to and or between before after through during as at "
    "early late last next this that than circa around about for with the its their his her "
    "shared released taken dated".split()
)
_DATELINE_PREFIX_RE = re.compile(r"^[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][A-Za-z .'\-]{1,30})?,\s*$")
_BYLINE_START_RE = re.compile(r"^(?:By|BY|Written by|Words by|Story by)\s")
_CAPTION_RE = re.compile(
    r"(?i)\b(?:photo|picture|image|pictured|file photo|in this (?:photo|image)|caption)\b"
)


@dataclass(frozen=True)
class DateMatch:
    """One stated date: where it is in the searched string and what it says."""

    start: int
    end: int
    date: PartialDate

    @property
    def full(self) -> bool:
        return self.date.day is not None


def _max_year() -> int:
    return datetime.date.today().year + 1


def _make(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if not 1900 <= year <= _max_year():
        return None
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> PartialDate | None:
    g = m.group
    if g("mdy_y"):
        return _make(int(g("mdy_y")), _MONTHS[g("mdy_m").lower()], int(g("mdy_d")))
    if g("dmy_y"):
        return _make(int(g("dmy_y")), _MONTHS[g("dmy_m").lower()], int(g("dmy_d")))
    if g("iso_y"):
        return _make(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
    if g("num_y"):
        a, b, year = int(g("num_a")), int(g("num_b")), int(g("num_y"))
        if g("num_s") == "/":
            # Slashes are written both ways (US month-first, elsewhere day-first): take only
            # what reads the same either way.
            if a == b or (a > 12) != (b > 12):
                day, month = (a, b) if a > 12 or a == b else (b, a)
                return _make(year, month, day)
            return None
        if b > 12 and a <= 12:  # 04-25-2017 can only be month-first
            a, b = b, a
        return _make(year, b, a)
    if g("my_y"):
        return _make(int(g("my_y")), _MONTHS[g("my_m").lower()], None)
    return None


def find_dates(text: str) -> Iterator[DateMatch]:
    """Every valid date stated in ``text``, in order. Impossible dates (31 February, the year
    1066 or next decade) and partial numbers ("107mm", "7:31 p.m.") yield nothing."""
    if not _YEAR_HINT_RE.search(text):  # every date we accept states its year
        return
    for m in _DATE_RE.finditer(text):
        if (m.group("num_y") or m.group("iso_y")) and m.start() and text[m.start() - 1] in _NUMERIC_GLUE:
            continue
        date = _from_match(m)
        if date is not None:
            yield DateMatch(m.start(), m.end(), date)


def parse_date(text: str) -> PartialDate | None:
    """The first date stated in ``text`` (a full date preferred over a month-and-year)."""
    partial = None
    for found in find_dates(text):
        if found.full:
            return found.date
        partial = partial or found.date
    return partial


def is_date_line(line: str) -> bool:
    """A line that states only a date, with labels, times and punctuation around it
    ("13 March, 2020", "Published: Fri 13 Mar 2020 02.56 GMT", "Posted on April 2, 2020 by admin")."""
    if len(line) > 160 or not _DIGIT_RE.search(line) or line.count(" ") > 14:
        return False
    dates = list(find_dates(line))
    if not dates:
        return False
    rest, pos = [], 0
    for found in dates:
        rest.append(line[pos : found.start])
        pos = found.end
    rest.append(line[pos:])
    if _DATE_REST_RE.match(" ".join(rest)):
        return True
    return len(line) <= 120 and bool(_LABEL_START_RE.match(line))


def _position_ok(line: str, found: DateMatch, lead: str = "", headline: str | None = None) -> bool:
    """Is this date where a page states its publication date, rather than in prose?

    ``lead`` is the end of the previous line when ``line`` may continue it (hard-wrapped text):
    unless ``lead`` ended a sentence, ``line`` starts mid-sentence and ``lead`` is read as part
    of the text before the date. A copy of the ``headline`` (plus a short credit) glued before
    the date counts as the start of the line: "<headline> Monitor AFP Saturday 16 Jul 2016".
    """
    prefix = line[: found.start].rstrip()
    # Prose running on after the date makes it the story's narrative, wherever the date stands:
    # "June 12, 1991, is a day she will never forget", "January 1987 natural gas production
    # fell", "BEIRUT (Reuters) - March 7, 1991, was the day ...".
    rest = _AFTER_DATE_RE.sub("", line[found.end :], count=1).lstrip(" ,")
    word = rest.split(None, 1)[0] if rest.strip() else ""
    if word[:1].islower() and word.lower().strip(".,;:") not in _ALLOWED_AFTER:
        return False
    lead = lead.rstrip()
    if lead and lead[-1] not in _SENTENCE_END:
        prefix = f"{lead} {prefix}".rstrip()
    if headline and prefix[: len(headline)].lower() == headline.lower() and len(prefix) <= len(headline) + 40:
        prefix = ""
    if not prefix:
        return True  # a date opening a line (prose after it was ruled out above)
    if _LABEL_RE.search(prefix) or _BYLINE_START_RE.match(line):
        return True
    if _DATELINE_PREFIX_RE.match(prefix):
        return True
    if prefix[-1] in "|•·–—-:>»" and (len(prefix) == 1 or prefix[-2].isspace()):
        return True
    last = prefix.rsplit(None, 1)[-1]
    word = last.strip("\"'“”‘’()[],;")
    if not word or word.lower() in _PREPOSITIONS or _CAPTION_RE.search(line[: found.start]):
        return False
    # After a credit ("... Monitor AFP Saturday 16 Jul 2016"), not after ordinary prose.
    return (len(word) >= 2 and word.isalpha() and word.isupper()) or lookup(word) is not None


def pick_publication_date(
    lines: Sequence[tuple[int, str, str]], *, headline: str | None = None, budget: int = 500
) -> tuple[int, DateMatch] | None:
    """The publication date among the opening ``lines``: ``(line_index, text, lead)`` triples,
    ``lead`` being the previous line's text when ``text`` may continue it (else "").

    Only the first ``budget`` characters of the opening count. The first full date in a
    publication-date position wins; a month-and-year is used only when no full date is there.
    Returns ``(line_index, match)`` with offsets into that line, or None.
    """
    used = 0
    partial: tuple[int, DateMatch] | None = None
    for index, line, lead in lines:
        if used >= budget:
            break
        window = line[: budget - used]
        used += len(line) + 1
        for found in find_dates(window):
            if not _position_ok(line, found, lead, headline):
                continue
            if found.full:
                return index, found
            if partial is None:
                partial = (index, found)
    return partial


def _titled(word: str) -> str:
    """BAGHDAD -> Baghdad, AL-QAIM -> Al-Qaim; keeps short dotted forms such as D.C."""
    if "." in word and len(word) <= 5:
        return word
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def opens_with_dateline(line: str) -> bool:
    """Does ``line`` open with an unmistakable dateline (with a credit or a date)?"""
    match = _DATELINE_RE.match(line)
    if match and (match.group("src") or match.group("date")):
        return True
    return bool(_TITLE_DATELINE_RE.match(line))


def find_dateline(paragraphs: Sequence[str]) -> str | None:
    """The place of the dateline opening one of the first ``paragraphs`` ("Baghdad",
    "Bahia Blanca, Argentina"), or None.

    "BAGHDAD (Reuters) -", "NEW YORK, March 2 -", "KABUL, Afghanistan (AP) —" count in any of
    them; a bare "WASHINGTON —" only in the first, with a real dash (a hyphen after a word in
    capitals is too often a table row or a heading). A day without a year gives no date.
    """
    for n, line in enumerate(paragraphs):
        match = _DATELINE_RE.match(line)
        if match:
            place = match.group("place")
            if place.strip(".").upper() in _NOT_PLACES or sum(c.isalpha() for c in place) < 3:
                continue
            if not (match.group("src") or match.group("date")):
                if n or match.group("dash") not in ("—", "–", "--") or len(line) - match.end() < 40:
                    continue
            name = " ".join(_titled(w) for w in place.split())
        else:
            match = _TITLE_DATELINE_RE.match(line)
            if not match:
                continue
            name = match.group("place")
        region = match.group("region")
        if region:
            name += ", " + (" ".join(_titled(w) for w in region.split()) if region.isupper() else region)
        return name
    return None
