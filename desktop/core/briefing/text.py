"""Text made safe for Word: XML-legal characters, paragraphs, direction and display dates.

Archive text comes from PDFs, e-mails and web pages, so it carries NULs, form feeds, vertical
tabs and lone surrogates (from undecodable bytes). XML 1.0 forbids them and python-docx raises
on them; Word refuses a file that contains them. Every string the writer emits passes through
:func:`clean` (one line) or :func:`paragraphs` (running text) first.

Paragraphs are bounded (:data:`MAX_PARAGRAPH` characters): a story stored as one enormous
paragraph (a PDF without line breaks, a scraped page) is split at sentence ends, else at spaces,
so that Word and LibreOffice lay it out in seconds; LibreOffice could not convert a briefing with
one 1 MB paragraph in five minutes. :func:`shorten` cuts a text that should be short (a lead)
at a sentence or word and marks the cut with "[...]".

Direction follows the Unicode bidi rule for a paragraph (P2: the first strong character decides),
so an Arabic quotation inside an English story is laid out right-to-left on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = ["MAX_LEAD", "MAX_PARAGRAPH", "clean", "display_date", "is_rtl", "paragraphs", "shorten", "sort_key_date", "split_long"]

#: The longest paragraph written as one (characters); longer ones are split. Ordinary news
#: paragraphs are under 1,500 characters.
MAX_PARAGRAPH = 4000
#: A lead (and so each paragraph of the summary made from leads) is shortened to this length.
MAX_LEAD = 1500
#: The mark left where a text was shortened.
SHORTENED = " [\u2026]"
_SENTENCE_END = re.compile(r"[.!?\u3002\u061f\u06d4][\"'\u201d\u2019)\]]*\s")

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


def _cut(text: str, limit: int) -> int:
    """Where to end a piece of at most ``limit`` characters: after the last sentence end in its
    second half, else at the last space there, else at the limit."""
    if len(text) <= limit:
        return len(text)
    window = text[: limit + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(window, limit // 2)]
    if ends:
        return ends[-1]
    space = window.rfind(" ", limit // 2)
    return space + 1 if space > 0 else limit


def split_long(text: str, limit: int = MAX_PARAGRAPH) -> Iterator[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at sentence ends where possible."""
    while len(text) > limit:
        at = _cut(text, limit)
        piece, text = text[:at].strip(), text[at:].lstrip()
        if piece:
            yield piece
    if text.strip():
        yield text.strip()


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a sentence end or a word to at most about ``limit`` characters, the cut
    marked with "[...]"; text within the limit is returned as it is."""
    if len(text) <= limit:
        return text
    return text[: _cut(text, limit)].rstrip() + SHORTENED


def paragraphs(text: str) -> Iterator[str]:
    """Running text as cleaned paragraphs, none longer than :data:`MAX_PARAGRAPH` characters.

    Blank lines separate paragraphs. Inside a block, hard-wrapped lines (wire copy such as
    Reuters, wrapped near 70 columns, new paragraphs indented) are joined; lines that are
    already whole paragraphs (web copy with one paragraph per line) stay separate.
    """
    for paragraph in _paragraphs(text):
        if len(paragraph) <= MAX_PARAGRAPH:
            yield paragraph
        else:
            yield from split_long(paragraph)


def _paragraphs(text: str) -> Iterator[str]:
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
