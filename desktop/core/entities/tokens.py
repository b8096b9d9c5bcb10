"""Tokens with exact offsets, sentence starts and line styles, for the name patterns.

Name patterns read capital letters, so they need to know when a capital means something: not at
the start of a sentence, not in a Headline In Title Case, not in an ALL-CAPS LINE, but yes in a
results table ("Barcelona 3 Real Madrid 1"), where almost every word is a name. This module
splits text into lines and tokens (keeping "U.S.", "Gen.", "al-Nasr", "AT&T" whole and the
possessive "'s" apart) and labels each line and each sentence-initial word. It is pure string
work over one regular expression, so it costs well under a millisecond per story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Dotted acronyms, words (with inner hyphens, apostrophes and "&"), numbers, punctuation.
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"
    r"|[^\W\d_](?:\w|['’\-‐](?=\w)|&(?=[A-Z]))*"
    r"|\d[\d,.:/\-]*\w*"
    r"|[^\w\s]",
    re.UNICODE,
)
#: Short words that take a full stop without ending the sentence ("Gen.", "Jr.", "Inc.").
ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "brig", "capt", "cmdr", "cdr", "sgt",
        "cpl", "pvt", "spc", "adm", "rep", "sen", "gov", "pres", "rev", "st", "mt", "ft", "jr", "sr", "co",
        "corp", "inc", "ltd", "no", "nos", "vs", "messrs", "gen-maj", "sgt-maj", "ave", "blvd", "dept",
        "est", "fig", "univ", "assn", "bros",
    ]
)
#: Lower-case prefixes that are part of a capitalised name when hyphenated ("al-Nasr").
NAME_PREFIXES = ("al-", "el-", "ad-", "ash-", "as-", "at-", "az-", "ar-", "an-", "bin-", "ibn-",
                 "abu-", "ul-", "ud-", "d'", "l'")
_PREFIX_SET = frozenset(NAME_PREFIXES)
_SENTENCE_END = frozenset(".!?")
_SEPARATORS = frozenset(",;()")
_DASHES = frozenset("-–—")


@dataclass(eq=False, slots=True)
class Token:
    """One token of a line. ``low`` is the lower-cased text used for every list lookup."""

    start: int
    end: int
    text: str
    low: str
    word: bool  #: starts with a letter
    cap: bool  #: reads as capitalised ("Baghdad", "al-Nasr", "U.S.")
    acronym: bool  #: "PMF", "U.S.", "NATO"
    number: bool
    i: int = 0  #: index in its line
    sent_start: bool = False  #: first word of a sentence
    line_caps: bool = False  #: on an ALL-CAPS line, where capitals mean nothing


@dataclass(eq=False)
class Line:
    """A line of text and its style: "text", "headline", "caps", "table" or "empty".

    "table" covers results, standings and line-ups: mostly capitalised names between numbers
    or separators, where capitals are evidence (unlike a headline)."""

    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)
    style: str = "text"
    number: int = 0  #: index among the non-empty lines of the text (datelines come first)

    @property
    def weak(self) -> bool:
        """Capitals say nothing here: every word is capitalised anyway."""
        return self.style in ("headline", "caps")


def _prefixed_cap(s: str) -> bool:
    """ "al-Nasr", "bin-Laden", "d'Estaing": a lower-case particle glued to a capitalised name."""
    cut = s.find("-", 1, 5)
    if cut < 0:
        cut = s.find("'", 1, 3)
    return cut > 0 and s[: cut + 1].lower() in _PREFIX_SET and s[cut + 1: cut + 2].isupper()


def _make(text: str, start: int, end: int) -> Token:
    s = text[start:end]
    first = s[0]
    if first.islower():  # the common case, kept cheap
        cap = ("-" in s or "'" in s) and _prefixed_cap(s)
        return Token(start, end, s, s.lower(), True, cap, False, False)
    upper = first.isupper()
    acronym = False
    if upper and len(s) <= 8 and s.isupper() and s.replace(".", "").replace("&", "").isalpha():
        letters = sum(c.isalpha() for c in s)
        acronym = 2 <= letters <= 6
    return Token(start, end, s, s.lower(), first.isalpha(), upper, acronym, first.isdigit())


def _line_tokens(text: str, start: int, end: int) -> list[Token]:
    toks: list[Token] = []
    append = toks.append
    pos = start
    search = _TOKEN.search
    while True:
        m = search(text, pos, end)
        if m is None:
            return toks
        s, e = m.span()
        pos = e
        if not text[s].isupper() and not (text[s] in "abdeilu" and ("-" in text[s:e]
                                                                   or "'" in text[s:e])):
            append(_make(text, s, e))
            continue
        piece = text[s:e]
        if len(piece) > 3 and piece[-2:] in ("'s", "’s") and (
                piece[0].isupper() or _prefixed_cap(piece)):
            append(_make(text, s, e - 2))
            append(_make(text, e - 2, e))
            continue
        hyphen = piece.find("-", 1)
        if hyphen > 0 and piece[0].isupper() and piece[-1].islower() and not _prefixed_cap(piece):
            tail = piece.rsplit("-", 1)[1]
            if tail[:1].islower():  # "Iranian-backed", "Baghdad-based": the name is the head
                cut = s + piece.rindex("-")
                append(_make(text, s, cut))
                append(_make(text, cut, e))
                continue
        if (e < end and text[e] == "." and piece.isalpha()
                and (piece.lower() in ABBREVIATIONS or (len(piece) == 1 and piece.isupper()))):
            e += 1
            pos = e
        append(_make(text, s, e))


def _style(toks: list[Token]) -> str:
    words = [t for t in toks if t.word]
    if not words:
        return "empty"
    letters = sum(len(t.text) for t in words)
    upper = sum(len(t.text) for t in words if t.text.isupper())
    numbers = sum(t.number for t in toks)
    if letters >= 4 and upper >= 0.8 * letters:
        return "table" if numbers >= 2 else "caps"
    lower_words = sum(not t.cap and not t.acronym for t in words)
    separators = sum(t.text in _SEPARATORS for t in toks)
    if lower_words <= max(1, len(words) // 8) and (
        (numbers and len(words) <= 10) or separators >= 2
    ):
        return "table"  # results, standings, line-ups: "Barcelona 3 Real Madrid 1"
    long_words = [t for t in words if len(t.text) >= 4]
    capitalised = sum(t.cap for t in long_words)
    if (len(long_words) >= 3 and capitalised >= 0.75 * len(long_words)
            and len(long_words) - capitalised <= 1 and toks[-1].text not in ".!?"):
        return "headline"
    return "text"


def _mark_sentences(toks: list[Token]) -> None:
    boundary = True
    for i, tok in enumerate(toks):
        tok.i = i
        if tok.word or tok.number:
            tok.sent_start = boundary and tok.word
            boundary = False
        elif tok.text in _SENTENCE_END or (
            tok.text in _DASHES and 0 < i < len(toks) - 1
            and toks[i - 1].end < tok.start and toks[i + 1].start > tok.end
        ):
            boundary = True


def tokenize(text: str) -> list[Line]:
    """Lines of ``text`` with tokens, styles and sentence starts; offsets index ``text``."""
    lines: list[Line] = []
    pos = 0
    count = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        toks = _line_tokens(text, pos, end)
        _mark_sentences(toks)
        style = _style(toks)
        if style == "caps":
            for tok in toks:
                tok.line_caps = True
        lines.append(Line(pos, end, toks, style, count))
        count += bool(toks)
        pos = end + 1
    return lines


def words_of(text: str) -> list[str]:
    """The lower-cased tokens of a phrase, as list lookups see them ("St. Louis" -> st., louis)."""
    return [t.low for t in _line_tokens(text, 0, len(text))]
