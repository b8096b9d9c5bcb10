"""Text made safe for Word: XML-legal characters, paragraphs, direction and display dates.

Archive text comes from PDFs, e-mails and web pages, so it carries NULs, form feeds, vertical
tabs and lone surrogates (from undecodable bytes). XML 1.0 forbids them and python-docx raises
on them; Word refuses a file that contains them. Every string the writer emits passes through
:func:`clean` (one line) or :func:`paragraphs` (running text) first.

Direction follows the Unicode bidi rule for a paragraph (P2: the first strong character decides),
so an Arabic quotation inside an English story is laid out right-to-left on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = ["clean", "display_date", "is_rtl", "paragraphs", "sort_key_date"]

#: Characters XML 1.0 does not allow (C0 controls but tab/newline/return, lone surrogates,
#: U+FFFE/U+FFFF). Surrogates become U+FFFD so the reader sees something was there.
_SURROGATE = re.compile("[\ud800-\udfff]")
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")  # \x0b and \x0c are spaces (_SPACES)
_SPACES = re.compile("[ \t\n\r\x0b\x0c\x85\u2028\u2029]{2,}|[\t\n\r\x0b\x0c\x85\u2028\u2029]")
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_BLANK = re.compile(r"\n[ \t\u00a0]*\n\s*")
_STRONG_RTL = frozenset({"R", "AL"})
#: Languages written right to left, for paragraphs with no strong character at all.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "iw", "ur", "ps", "ku", "ckb", "yi", "dv", "sd", "ug"})
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def clean(text: object) -> str:
    """One line of XML-legal text: illegal characters dropped, whitespace runs made one space."""
    if text is None:
        return ""
    s = str(text)
    if not s:
        return s
    s = _SURROGATE.sub("\ufffd", s)
    return _SPACES.sub(" ", _ILLEGAL.sub("", s)).strip()


def paragraphs(text: str) -> Iterator[str]:
    """Running text as cleaned paragraphs.

    Blank lines separate paragraphs. Inside a block, hard-wrapped lines (wire copy such as
    Reuters, wrapped near 70 columns, new paragraphs indented) are joined; lines that are
    already whole paragraphs (web copy with one paragraph per line) stay separate.
    """
    if not text:
        return
    text = _BREAKS.sub("\n", _SURROGATE.sub("\ufffd", text))
    for block in _BLANK.split(text):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) == 1:
            out = clean(lines[0])
            if out:
                yield out
            continue
        if _hard_wrapped(lines):
            current: list[str] = []
            for line in lines:
                if current and line[:1] in (" ", "\t"):
                    yield clean(" ".join(current))
                    current = []
                current.append(line)
            if current:
                yield clean(" ".join(current))
        else:
            for line in lines:
                out = clean(line)
                if out:
                    yield out


def _hard_wrapped(lines: list[str]) -> bool:
    lengths = sorted(len(line) for line in lines[:-1])
    return bool(lengths) and lengths[-1] <= 90 and lengths[len(lengths) // 2] >= 40


def is_rtl(text: str, language: str | None = None) -> bool:
    """True when the paragraph reads right to left: its first strong character is R or AL;
    with none (digits, punctuation), the story's language decides."""
    bidi = unicodedata.bidirectional
    for ch in text:
        if ch < "\u0590":  # Latin, Greek, Cyrillic ... (fast path: strong L or neutral)
            if ch.isalpha():
                return False
            continue
        kind = bidi(ch)
        if kind in _STRONG_RTL:
            return True
        if kind == "L":
            return False
    return (language or "").split("-")[0].lower() in RTL_LANGUAGES


def display_date(value: str | None) -> str:
    """``"2020-03-12"`` -> ``"12 March 2020"``; partial dates stay partial; junk passes through."""
    if not value:
        return ""
    parts = clean(value).split("T")[0].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return str(year)
        month = _MONTHS[int(parts[1]) - 1]
        if len(parts) == 2:
            return f"{month} {year}"
        return f"{int(parts[2])} {month} {year}"
    except (ValueError, IndexError):
        return clean(value)


def sort_key_date(value: str | None) -> tuple[int, str]:
    """Sort key putting dated stories first, oldest first, and undated ones last."""
    return (0, value) if value else (1, "")
