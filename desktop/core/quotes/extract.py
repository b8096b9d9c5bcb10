"""Finding direct quotations in an article body, with who said them.

Why a hand-written scanner and not one regular expression: news copy mixes every convention in
one story (straight and curly double quotes, single quotes, two apostrophes standing for a
double quote, curly closers typed as openers) and uses the same characters as apostrophes
(``Kata'ib``, ``'90s``, ``Forces' headquarters``). Each mark is classified by what stands on
either side of it and paired with a small state machine per paragraph, which also handles the
wire convention for long quotations: a paragraph that ends inside a quote leaves it open, and
the next paragraph reopens it without the previous one ever being closed. Copy typed a sentence a
line (ECB+-style tokenised text) carries a quotation over the break without reopening it: when the
next line's first mark can only close, the quotation goes on; a mark opening a paragraph opens even
when spaced off (``" ( Orozco ) arranged ...``); a quoted word between a given name and a surname is
a nickname (``John "Bud" Frazier``), part of the name and never a quotation.

Policy on what is *not* a quotation, decided here so the ledger stays readable:

* apostrophes inside or at the edge of words and elisions ('em, 'til, the '90s) never open one;
* a mark right after a digit that cannot open a quote is an inch or feet mark;
* quotations nested inside another one belong to it and are not reported separately;
* a short quotation in title position after a work noun ("the film 'Green Zone'") is a title;
* scare quotes - one to three words that are not a sentence of their own - are kept only when
  the sentence itself attributes them ("what he called a 'terrorist attack'"), because then
  they are a speaker's words; an unattributed "so-called 'red lines'" is the writer's term and
  is dropped, while a short quoted sentence ("We will act.") is kept.

Speakers come from :mod:`.attribution`; this module only finds the quotations and assembles the
public :class:`Quote` records. Nothing here imports Qt or touches storage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .attribution import REVIEW_BELOW, QuoteSpan, attribute
from .lexicon import WORK_NOUNS
from .phrases import is_nickname

__all__ = ["REVIEW_BELOW", "SCARE_QUOTE_WORDS", "Quote", "extract_quotes", "find_quotations", "paragraph_spans"]

#: Quotations of at most this many words are scare quotes unless the sentence attributes them.
SCARE_QUOTE_WORDS = 3

_DOUBLE_MARK = re.compile(r"''|‘‘|’’|[\"“”„«»]")
_SINGLE_MARK = re.compile(r"[‘’']")
_OPEN_PREV = set("([{—–-/") | set("\"“”„«»‘’'")
_CLOSE_NEXT = set(".,;:!?)]}—–-…") | set("\"“”„«»‘’'")
_ELISION = re.compile(r"(?:em|tis|twas|til|cause|cos|n|nuff)\b|\d0s\b|\d\d\b", re.IGNORECASE)
_PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t]*\n))*", re.MULTILINE)
_BLANK_AFTER = re.compile(r"\n(?=[ \t]*\n)")
_NON_SPACE = re.compile(r"\S")
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Quote:
    """One direct quotation in a body and, when the text says so, who said it.

    ``start``/``end`` delimit the quoted words and ``outer_start``/``outer_end`` the whole
    quotation including its marks (for a quotation running over several paragraphs the span
    includes the paragraph breaks and reopening marks, which ``text`` leaves out).
    ``speaker`` is the best name the article gives (the full name when it appears anywhere, so
    "Esper said" after "Defense Secretary Mark Esper" gives "Mark Esper"); ``speaker_surface``
    and ``speaker_start``/``speaker_end`` are the words of the attribution itself. ``speaker``
    is ``None`` when the text does not attribute the quotation: it is never guessed.
    """

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_kind: str | None
    role: str | None
    attribution_reason: str
    paragraph_index: int
    outer_start: int
    outer_end: int
    speaker_surface: str | None = None
    mark: str = "double"
    cue: str = ""  #: the kind of evidence ("said after", "pronoun", "according to", ...)
    confidence: float = 0.0  #: how sure the attribution is, 0-1
    confirmed: bool = False  #: a reporter set or confirmed the speaker

    @property
    def word_count(self) -> int:
        return len(_WORD.findall(self.text))

    @property
    def needs_review(self) -> bool:
        """Low confidence, or no speaker found: a reporter should check before citing it."""
        return not self.confirmed and (self.speaker is None or self.confidence < REVIEW_BELOW)


@dataclass
class _Mark:
    start: int
    end: int
    can_open: bool
    can_close: bool
    directional: bool


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: runs of text separated by blank lines (what
    ``_PARAGRAPH`` matches, found by splitting at the blank lines, which is several times faster)."""
    spans = []
    lo = 0
    for cut in [*(m.start() for m in _BLANK_AFTER.finditer(body)), len(body)]:
        first = _NON_SPACE.search(body, lo, cut)
        if first is not None:
            spans.append((first.start(), cut))
        lo = cut + 1
    return spans


def _classify(body: str, start: int, end: int, lo: int, hi: int) -> _Mark:
    token = body[start:end]
    prev = body[start - 1] if start > lo else ""
    nxt = body[end] if end < hi else ""
    can_open = (prev == "" or prev.isspace() or prev in _OPEN_PREV) and nxt != "" and not nxt.isspace()
    can_close = prev != "" and not prev.isspace() and (nxt == "" or nxt.isspace() or nxt in _CLOSE_NEXT)
    if token in ("“", "„", "«", "‘‘"):
        # An opener, unless it is plainly typed where a closer belongs.
        opens = can_open or not can_close
        return _Mark(start, end, opens, not opens, True)
    if token in ("”", "»", "’’"):
        closes = can_close or not can_open
        return _Mark(start, end, not closes, closes, True)
    if prev.isdigit() and not can_open:
        can_close = False  # 12" is an inch mark, not the end of a quotation
    if prev == "" and nxt.isspace() and body[end:hi].strip():
        can_open = True  # a mark opening a paragraph opens, spaced off or not ('" ( Orozco ) arranged ...')
    if not can_open and not can_close and prev.isspace() and start - 2 >= lo and body[start - 2] in ".,!?" \
            and (nxt == "" or nxt.isspace()):
        can_close = True  # tokenised copy puts a space before the closing mark: 'parole . "'
    return _Mark(start, end, can_open, can_close, False)


def _double_quotes(body: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, list[tuple[int, int]], int, str]]:
    """``(outer_start, outer_end, segments, paragraph_index, mark)`` for each double quotation."""
    found: list[tuple[int, int, list[tuple[int, int]], int, str]] = []
    current: dict | None = None  # open quotation: outer_start, paragraph, segments, seg_start, directional

    def finish_unterminated() -> None:
        nonlocal current
        if current is not None and current["directional"] and current["segments"]:
            seg_end = current["segments"][-1][1]
            found.append((current["outer"], seg_end, current["segments"], current["para"], current["kind"]))
        current = None

    for index, (lo, hi) in enumerate(paragraphs):
        marks = [_classify(body, m.start(), m.end(), lo, hi) for m in _DOUBLE_MARK.finditer(body, lo, hi)]
        if current is not None:
            if marks and marks[0].start == lo and marks[0].can_open:
                current["seg_start"] = marks[0].end  # the paragraph reopens the quotation
                marks = marks[1:]
            elif index and _wrapped(body, paragraphs[index - 1][1], lo):
                current["seg_start"] = lo  # a hard-wrapped line, not a new paragraph: the quote goes on
            elif marks and marks[0].can_close and not marks[0].can_open and _closes_in_sentence(body, lo, marks[0].start):
                # copy with a sentence a line ('"He is a killer .' / 'He murdered ..., " Stirling said'):
                # the next line's first mark can only close, so the quotation never stopped
                current["seg_start"] = lo
            else:
                finish_unterminated()
        skip: set[int] = set()
        for n, mark in enumerate(marks):
            if n in skip:
                continue
            if current is None:
                if mark.can_open:
                    kind = "doubled-apostrophe" if body[mark.start:mark.end] == "''" else "double"
                    current = {"outer": mark.start, "para": index, "segments": [], "seg_start": mark.end,
                               "directional": mark.directional, "kind": kind}
            elif mark.can_close:
                segments = [*current["segments"], (current["seg_start"], mark.start)]
                found.append((current["outer"], mark.end, segments, current["para"], current["kind"]))
                current = None
            elif mark.can_open:
                before = body[current["seg_start"]:mark.start].rstrip()
                if not current["directional"] and not mark.directional and not before.endswith((".", "!", "?")) \
                        and _nested(body, marks, n, current["outer"]):
                    skip.add(n + 1)  # 'said: "I don't like the concept of "B" shares because ..."': nested
                    continue
                if not current["directional"] and before.endswith((".", "!", "?")) and len(before.split()) >= 4:
                    # a straight quote left open at the end of a sentence and a new one opened: the
                    # first ended with its sentence ('"We lack beds. "There is no way out" he said')
                    current["directional"] = True
                    current["segments"].append((current["seg_start"], current["seg_start"] + len(before)))
                finish_unterminated()
                kind = "doubled-apostrophe" if body[mark.start:mark.end] == "''" else "double"
                current = {"outer": mark.start, "para": index, "segments": [], "seg_start": mark.end,
                           "directional": mark.directional, "kind": kind}
        if current is not None:
            current["segments"].append((current["seg_start"], hi))
    finish_unterminated()
    return found


def _nested(body: str, marks: list[_Mark], n: int, opened: int) -> bool:
    """Whether the straight mark ``marks[n]``, met inside a straight quotation opened at ``opened``,
    opens a term nested in it ('"I don't like the concept of "B" shares because ..."'): the outer
    quotation opened in the same sentence, the next mark closes a word or two that end no sentence,
    and a later mark can still close the outer quotation."""
    if n + 2 >= len(marks) or marks[n].start - opened > 300:
        return False
    inner, outer = marks[n + 1], marks[n + 2:]
    term = body[marks[n].end:inner.start].strip()
    return inner.can_close and not inner.can_open and 0 < len(term.split()) <= 3 \
        and not term.endswith((".", "!", "?", ",")) and any(m.can_close for m in outer)


def _closes_in_sentence(body: str, lo: int, mark: int) -> bool:
    """Whether the closing mark at ``mark`` ends the first sentence or two of a paragraph starting
    at ``lo``: a quotation carried over a line break closes soon, not half a story later."""
    return body.count("\n", lo, mark) == 0 and mark - lo <= 600


def _wrapped(body: str, prev_end: int, lo: int) -> bool:
    """Whether a "paragraph" is the next line of a hard-wrapped one (wire copy saved with a blank
    line after every line): the line before stops mid-sentence and this one starts in lower case
    or with a continuing word."""
    tail = body[max(0, prev_end - 1):prev_end]
    if not tail or tail in ".!?:\"”’'":
        return False
    line = prev_end - (body.rfind("\n", 0, prev_end) + 1)
    return body[lo:lo + 1].islower() or (40 <= line <= 80 and (tail.isalnum() or tail == ","))


def _single_quotes(body: str, lo: int, hi: int, taken: list[tuple[int, int]], index: int) -> list[tuple[int, int, list[tuple[int, int]], int, str]]:
    """Single-quoted quotations in one paragraph, outside the double-quoted spans ``taken``."""

    def inside_taken(pos: int) -> bool:
        return any(a <= pos < b for a, b in taken)

    marks = [
        _classify(body, m.start(), m.end(), lo, hi)
        for m in _SINGLE_MARK.finditer(body, lo, hi)
        if not inside_taken(m.start())
    ]
    found = []
    i = 0
    while i < len(marks):
        opener = marks[i]
        i += 1
        if body[opener.start] == "’" or not opener.can_open or _ELISION.match(body, opener.end):
            continue
        closers = [
            (j, m) for j, m in enumerate(marks[i:], i)
            if m.can_close and body[m.start] != "‘"
            and not any(opener.end <= a < m.start for a, _ in taken)
        ]
        if not closers:
            continue
        possessive = re.compile(r"s[’'] \w")
        plain = [(j, m) for j, m in closers if not possessive.match(body, m.start - 1)]
        j, closer = (plain or closers)[0]
        found.append((opener.start, closer.end, [(opener.end, closer.start)], index, "single"))
        i = j + 1
    return found


def _is_title(body: str, outer_start: int, lo: int, words: int) -> bool:
    """A short quotation right after a work noun ("the film 'X'") is a title, not a statement."""
    before = body[max(lo, outer_start - 40):outer_start].lower().split()
    return words <= 8 and any(w.strip(",:") in WORK_NOUNS for w in before[-3:])


def find_quotations(body: str, paragraphs: list[tuple[int, int]] | None = None,
                    nicknames: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Every candidate quotation, before attribution and the scare-quote policy; the quoted
    nicknames inside names, which are not quotations, are added to ``nicknames`` when given."""
    paragraphs = paragraph_spans(body) if paragraphs is None else paragraphs
    raw = _double_quotes(body, paragraphs)
    for index, (lo, hi) in enumerate(paragraphs):
        taken = [(a, b) for a, b, *_ in raw if a < hi and b > lo]
        raw.extend(_single_quotes(body, lo, hi, taken, index))
    spans: list[QuoteSpan] = []
    for outer_start, outer_end, segments, para, mark in sorted(raw, key=lambda r: r[0]):
        if outer_end - outer_start <= 30 and is_nickname(body, outer_start, outer_end):
            if nicknames is not None:
                nicknames.append((outer_start, outer_end))
            continue  # 'John "Bud" Frazier': a nickname, part of the name
        pieces = []
        for a, b in segments:
            while a < b and body[a].isspace():
                a += 1
            while b > a and body[b - 1].isspace():
                b -= 1
            if a < b:
                pieces.append((a, b))
        if not pieces:
            continue
        text = "\n\n".join(body[a:b] for a, b in pieces)
        words = len(_WORD.findall(text))
        if not any(ch.isalpha() for ch in text) or _is_title(body, outer_start, paragraphs[para][0], words):
            continue
        last_para = para + sum(1 for lo, _ in paragraphs if pieces[0][0] < lo < pieces[-1][1])
        spans.append(QuoteSpan(outer_start, outer_end, pieces[0][0], pieces[-1][1], text, para, last_para,
                               mark, words))
    return spans


def extract_quotes(body: str) -> list[Quote]:
    """The direct quotations of ``body`` in reading order, each with its attribution."""
    paragraphs = paragraph_spans(body)
    nicks: list[tuple[int, int]] = []
    spans = find_quotations(body, paragraphs, nicks)
    attributions = attribute(body, spans, paragraphs, nicks)
    quotes: list[Quote] = []
    for span, who in zip(spans, attributions):
        sentence = span.text[:1].isupper() and span.text.rstrip("'\"”’").endswith((".", "!", "?"))
        if span.words <= SCARE_QUOTE_WORDS and not sentence and not who.local:
            continue  # a scare quote: the writer's term, not a speaker's words
        quotes.append(
            Quote(
                start=span.start, end=span.end, text=span.text, speaker=who.speaker,
                speaker_start=who.start, speaker_end=who.end, speaker_kind=who.kind, role=who.role,
                attribution_reason=who.reason, paragraph_index=span.paragraph_index,
                outer_start=span.outer_start, outer_end=span.outer_end,
                speaker_surface=who.surface, mark=span.mark, cue=who.cue, confidence=who.confidence,
            )
        )
    return quotes
