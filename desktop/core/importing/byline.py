"""Author names from the lines that state them: "By Carla Babb, Jeff Seldin March 12, 2020".

A byline line can carry more than names: a date, an outlet credit ("By ZEINA KARAM Associated
Press"), a role ("Staff Writer"). We keep only parts that look like a person's name (two to five
capitalised words, allowing particles such as "al-", "bin", "van"), so a credit or a role never
becomes an author. Capitals-only bylines are title-cased.

When no byline is printed, some sites still identify the writer: a "Twitter: @chadgarland"
handle next to a bio that opens with the first name ("Chad is a Marine Corps veteran ..."). The
handle minus the first name gives the surname. That is an inference, so callers mark it
GUESSED. Reuters-style closing credits ("Reporting by X; Editing by Y") give the reporters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .dates import find_dates
from .outlets import lookup

__all__ = ["byline_from_handle", "names_from_credit", "parse_byline", "parse_loose_byline", "is_person_name"]

_BYLINE_RE = re.compile(
    r"^(?:By|BY|(?i:written\s+by|words\s+by|story\s+by|text\s+by|authors?|reporters?)\s*[:\-–—]?)"
    r"\s+(?P<rest>.+)$"
)
_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\||\band\b|\bwith\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)
_PARTICLES = frozenset(
    "al el bin ibn bint abu abd de da di du del della der den van von la le dos das ter ben y".split()
)
#: Words that make a "name" a role, a desk or an organisation.
_NOT_NAME_WORDS = frozenset(
    "staff writer writers reporter reporters correspondent correspondents editor editors desk team "
    "news newsroom agency agencies service services bureau online media press wire wires report "
    "contributor contributors special senior chief political international foreign national "
    "military defense defence affairs the and of in for with updated published posted english "
    "arabic video photos photo images editorial board opinion analysis".split()
) | frozenset(  # section names ("Site Politics", "World News") are never a person
    "politics business world sport sports health science technology tech culture arts entertainment "
    "economy markets money finance lifestyle travel environment climate education features".split()
)
_TOKEN_RE = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,4}-[A-Z][\w'’-]*)$")
_HANDLE_RE = re.compile(
    r"(?i)(?:twitter|x)\s*:\s*@(?P<a>\w{3,30})\b"
    r"|follow\s+(?:him|her|them|me)\s+on\s+(?:twitter|x)\s*:?\s*@(?P<b>\w{3,30})"
)
_BIO_OPEN_RE = re.compile(
    r"^(?P<first>[A-Z][a-z]{1,20})(?:\s(?P<last>[A-Z][a-z'’-]{1,30}))?"
    r"\s(?:is|was|has been|covers|reports|writes)\b"
)
_CREDIT_RE = re.compile(r"(?i)(?<!additional )\breporting\s+by\s+(?P<names>[^;)\n]{3,200})")
_IN_PLACE_RE = re.compile(r"\s+(?:in|from|at)\s+[A-Z].*$")
#: "Julian Borger in Washington", "Jane Doe and John Roe in Kyiv": a byline without "By".
_LOOSE_RE = re.compile(
    r"^(?P<names>[^\d,;:|]{5,80}?)\s+in\s+(?P<place>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})$"
)


def _title_if_caps(name: str) -> str:
    if name.upper() != name:
        return name
    return " ".join(
        "-".join(p[:1].upper() + p[1:].lower() if len(p) > 2 or p.isalpha() else p for p in token.split("-"))
        for token in name.split()
    )


def is_person_name(text: str) -> bool:
    """Two to five capitalised tokens (particles allowed), none of them a role or desk word."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or len(text) > 60:
        return False
    capitalised = 0
    for token in tokens:
        bare = token.strip(",")
        if bare.lower() in _PARTICLES and not bare.isupper():
            continue
        if bare.lower().strip(".") in _NOT_NAME_WORDS or not _TOKEN_RE.match(bare):
            return False
        if any(ch.isdigit() for ch in bare):
            return False
        capitalised += 1
    return capitalised >= 2


def parse_byline(line: str) -> tuple[list[str], str | None] | None:
    """``(names, outlet credit)`` from a byline line, or None when ``line`` is not a byline.

    A byline that names only an outlet ("By Reuters") returns ``([], "Reuters")``.
    """
    line = line.strip()
    if len(line) > 250:
        return None
    match = _BYLINE_RE.match(line)
    if not match:
        return None
    rest = match.group("rest")
    for found in find_dates(rest):
        rest = rest[: found.start]
        break
    rest = re.sub(r"\(([^)]*)\)", r", \1", rest).strip(" ,|-–—")
    names: list[str] = []
    outlet: str | None = None
    for part in _SPLIT_RE.split(rest):
        part = part.strip(" .,")
        if not part:
            continue
        credited = lookup(part)
        if credited:
            outlet = outlet or credited
            continue
        if is_person_name(part):
            names.append(_title_if_caps(part))
            continue
        # "ZEINA KARAM Associated Press": a name followed by an outlet in the same part.
        words = part.split()
        for cut in range(len(words) - 1, 1, -1):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            credited = lookup(tail)
            if credited and is_person_name(head):
                names.append(_title_if_caps(head))
                outlet = outlet or credited
                break
    if not names and outlet is None:
        return None
    return names, outlet


def parse_loose_byline(line: str) -> list[str]:
    """Names from a "Julian Borger in Washington" line (empty when it is not one). The caller
    decides whether the line's position makes it a byline: on its own it could be a heading."""
    match = _LOOSE_RE.match(line.strip())
    if not match:
        return []
    parts = [p.strip() for p in re.split(r"\s*(?:,|\band\b|&)\s*", match.group("names"))]
    if not parts or not all(is_person_name(p) for p in parts):
        return []
    return [_title_if_caps(p) for p in parts]


def byline_from_handle(text_tail: str, paragraphs: Sequence[str]) -> str | None:
    """A name from a social handle plus an author bio, or None.

    ``text_tail`` is the end of the text (where "Twitter: @handle" sits); ``paragraphs`` the
    closing paragraphs, searched for a bio opening with the writer's name.
    """
    if "@" not in text_tail:
        return None
    handles = [(m.group("a") or m.group("b")) for m in _HANDLE_RE.finditer(text_tail)]
    if not handles:
        return None
    for paragraph in paragraphs:
        bio = _BIO_OPEN_RE.match(paragraph)
        if not bio:
            continue
        first, last = bio.group("first"), bio.group("last")
        for handle in handles:
            lowered = handle.lower()
            if last:
                f, l = first.lower(), last.lower()
                if lowered in (f + l, f + "_" + l, f[0] + l, l + f, l):
                    return f"{first} {last}"
                continue
            if lowered.startswith(first.lower()):
                surname = re.sub(r"[\d_]+$", "", handle[len(first) :])
                if len(surname) >= 2 and surname.isalpha():
                    return f"{first} {surname[:1].upper()}{surname[1:].lower()}"
    return None


def names_from_credit(paragraphs: Sequence[str]) -> list[str]:
    """Reporters from a closing "(Reporting by A in Baghdad and B; Editing by C)" credit."""
    for paragraph in paragraphs:
        match = _CREDIT_RE.search(paragraph[-400:])
        if not match:
            continue
        names = []
        for part in _SPLIT_RE.split(match.group("names")):
            part = _IN_PLACE_RE.sub("", part.strip(" .,"))
            if is_person_name(part):
                names.append(_title_if_caps(part))
        if names:
            return names
    return []
