"""Who wrote a story, apart from who published it: the agency credit.

Sites carry wire copy under their own name. The text still says who wrote it, in a handful of
places a newsroom convention puts it, and this module reads only those places:

* a label line at the top or the bottom: "Source: AP", "Via Reuters", "Courtesy of AFP";
* a wire dateline credit in the opening: "BEIRUT (Reuters) -", "(AP) —";
* a byline that names an organisation: "By The Associated Press";
* a sign-off closing the story: "... said. — AFP", "- REUTERS", a line that is only "Reuter";
* a closing copyright line: "Copyright 2020 The Associated Press";
* "(With Reuters)" / "(With AFP)" at the end;
* the wire's closing credit "(Reporting by ...; Editing by ...)", Reuters' house style.

A name counts when the outlet gazetteer knows it as a news agency (``kind: wire``); a
"Source: X" label line also credits an organisation the gazetteer does not know (it states
who the copy came from). The caller drops a credit equal to the outlet itself: "Source: Site"
on the site's own story is no credit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .outlets import lookup, outlet_kind

__all__ = ["SOURCE_LINE_RE", "credit_from_byline", "find_credit", "short_credit"]

#: "Source: AP", "Via: Reuters", "Courtesy of AFP", "Source - Harbor Ledger": a short label line.
SOURCE_LINE_RE = re.compile(
    r"(?i)^(?:source|sources|via|courtesy(?:\s+of)?|content\s+from|distributed\s+by|provided\s+by)"
    r"\s*(?::|-|–|—|\s)\s*(?P<name>[^\s:|].{0,60}?)[\s.]*$"
)
_DATELINE_CREDIT_RE = re.compile(
    r"^[^\n()]{0,80}?\((?P<name>[A-Za-z][A-Za-z .&'’-]{1,38})\)\s*(?:--|[-–—:])\s"
)
_SIGN_OFF_RE = re.compile(
    r"(?:^|[.!?\"”’)\]]\s*|\s)(?:--|[-–—])\s*(?P<name>[A-Z][A-Za-z .&'-]{1,38}?)\s*\.?$"
    r"|\((?P<paren>[A-Z][A-Za-z .&'-]{1,38})\)\s*$"
)
_WITH_RE = re.compile(
    r"(?i)\(\s*with\s+(?P<name>[A-Za-z][A-Za-z .&'-]{1,38}?)\s*\)\s*$"
    r"|^\s*[-–—]?\s*with\s+(?P<bare>[A-Z][A-Za-z .&'-]{1,38}?)\s*$"
)
_COPYRIGHT_RE = re.compile(
    r"(?i)^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?:,\s*)?(?P<name>[A-Za-z][^.,;]{1,60})"
)
_WIRE_CREDIT_RE = re.compile(
    r"(?i)\breporting\s+by\b[^)]{3,300}?;\s*(?:writing\s+by\b[^)]*?;\s*)?editing\s+by\b"
)


def short_credit(name: str) -> str:
    """How a citation names an agency: its initials where the gazetteer lists them ("AP",
    "AFP"), else the name ("Reuters")."""
    from .outlets import _gazetteer

    _, phrases = _gazetteer()
    short = [p for p, n in phrases.items() if n == name and "." not in p and len(p) <= 5]
    return min(short, key=len).upper() if short else name


def _agency(name: str) -> str | None:
    """The gazetteer name of a news agency, or None."""
    name = name.strip(" .,:;-–—()[]\"'")
    if not name or len(name) > 60:
        return None
    known = lookup(name)
    if known is None and name.isupper() and len(name) > 3:
        known = lookup(name.title())
    return known if known is not None and outlet_kind(known) == "wire" else None


def credit_from_source_line(line: str) -> str | None:
    """The organisation a "Source: X" line names (the gazetteer's name when it knows it)."""
    match = SOURCE_LINE_RE.match(line.strip())
    if not match or len(line) > 90 or "http" in line.lower():
        return None
    name = match.group("name").strip(" .")
    if not name or len(name.split()) > 6 or not (name[0].isupper() or name[0].isdigit()):
        return None
    return lookup(name) or name


def credit_from_byline(outlet_credit: str | None) -> str | None:
    """The agency of an organisation a byline named ("By The Associated Press")."""
    return outlet_credit if outlet_credit and outlet_kind(outlet_credit) == "wire" else None


def find_credit(
    top: Sequence[str], end: Sequence[str], *, source_lines: bool = True
) -> tuple[str, str] | None:
    """``(agency, where it was stated)`` from the opening lines ``top`` and closing lines ``end``
    (stripped, non-empty, in reading order), or None. ``source_lines=False`` leaves "Source: X"
    lines to the caller."""
    for line in [*top[:4], *end[-3:]] if source_lines else ():
        name = credit_from_source_line(line)
        if name:
            return name, f"source line \u201c{line[:60]}\u201d"
    for line in top[:3]:
        match = _DATELINE_CREDIT_RE.match(line[:160])
        if match and (name := _agency(match.group("name"))):
            return name, "wire dateline"
    for line in reversed(end[-3:]):
        tail = line[-80:]
        if len(line) < 40 and (name := _agency(line)):
            return name, f"sign-off \u201c{line}\u201d"
        match = _SIGN_OFF_RE.search(tail)
        if match and (name := _agency(match.group("name") or match.group("paren") or "")):
            return name, "sign-off"
        match = _WITH_RE.search(tail)
        if match and (name := _agency(match.group("name") or match.group("bare") or "")):
            return name, "\u201cwith\u201d credit"
        match = _COPYRIGHT_RE.match(line[:120])
        if match and (name := _agency(match.group("name"))):
            return name, "copyright line"
    for line in end[-3:]:
        if "diting by" in line[-400:] and _WIRE_CREDIT_RE.search(line[-400:]):
            return "Reuters", "wire credit \u201cReporting by ...; Editing by ...\u201d"
    return None
