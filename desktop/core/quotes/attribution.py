"""Who said it: attributing each quotation to a speaker the text names.

The rules follow how wire copy attributes, in order of how reliable they are:

1. right after the quotation: ``"...," Esper said`` / ``said Esper`` / ``the statement said``;
2. a speech verb before it in the same sentence, with its subject: ``Defense Secretary Mark
   Esper further warned the U.S. "..."``, ``X told Newsweek that "..."``, ``He added: "..."``,
   ``what he called a "..."``; a verb without its own subject (``... but warned "..."``,
   ``..., saying "..."``) takes the subject of the sentence's earlier speech verb;
3. ``according to X`` anywhere in the sentence;
4. continuation, which is not "local": a later quotation in the same paragraph keeps the
   speaker of the previous one, and a paragraph that is nothing but a quotation keeps the
   speaker of the previous paragraph's last quotation.

Pronouns and descriptions are resolved against the speakers met so far (every speech verb in
the article is read, not only those next to quotations, so "he said" after "McKenzie told the
Senate that the killing of Soleimani ..." is McKenzie, not Soleimani): "he"/"she" is the most
recent *named* person speaker, "it"/"the statement" the most recent institution, "the
spokesperson"/"the command" the most recent speaker whose role or name has that word ("the
group"/"the monitor": the institution named last). "he"/"she" falls back to the last full name
mentioned when no person has spoken yet, and a description nothing fits ("the minister said",
"a spokesman said") is reported as it stands; an indefinite one ("a spokesman") introduces
someone new and is never resolved backwards. Surnames become the full name the article gives
("Esper" -> "Mark Esper"), preferring the nearest full name before, else the first after.
Nothing is guessed: without a rule that applies the speaker stays ``None``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from .lexicon import (
    DETERMINERS,
    INVERTABLE_VERBS,
    ORG_WORDS,
    PARTICLES,
    PERSON_ROLES,
    SPEECH_PARTICIPLES,
    SPEECH_VERBS,
    STATES,
    TIME_LEADS,
    TIME_WORDS,
    TITLE_WORDS,
)
from .phrases import (
    ORGANISATION,
    PERSON,
    Phrase,
    Token,
    analyse,
    collect_left,
    collect_right,
    sentence_breaks,
    tokenize,
)

__all__ = ["Attribution", "QuoteSpan", "attribute"]

#: Heads of descriptions that stand for whichever institution was named last ("the monitor").
_GENERIC_ORG = frozenset(["group", "militia", "monitor", "watchdog", "organisation", "organization", "charity", "body", "movement"])
#: How many words after a quotation may separate it from its attributing verb.
_AFTER_WINDOW = 20
_CLAUSE_WORDS = frozenset(["while", "when", "after", "before", "and", "but", "the", "a", "an", "in", "on", "at", "as", "if", "although", "though", "since"])
_SPOKES = ("spokesperson", "spokesman", "spokeswoman", "spokespeople")


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation found in a body, before attribution (see :func:`.extract.find_quotations`)."""

    outer_start: int
    outer_end: int
    start: int
    end: int
    text: str
    paragraph_index: int
    last_paragraph_index: int
    mark: str
    words: int


@dataclass(frozen=True)
class Attribution:
    speaker: str | None = None
    surface: str | None = None
    start: int | None = None
    end: int | None = None
    kind: str | None = None
    role: str | None = None
    reason: str = "speaker unknown"
    local: bool = False  #: attributed by its own sentence, not by continuation


@dataclass(frozen=True)
class _Speaker:
    name: str
    kind: str
    role: str | None
    pos: int
    named: bool


def _ends_sentence(run: list[Token]) -> bool:
    """A run of capitalised words stops at a full stop that is not an abbreviation's."""
    return bool(run) and run[-1].text.endswith(".") and run[-1].low == run[-1].text.lower().rstrip(".")


def _np_run(words: list[Token]) -> bool:
    """Whether a name and its uncommaed appositive can be read as one speaker phrase."""
    return not any(t.low in ("but", "and", "not", "did", "was", "were", "had", "has", "is") or t.text.startswith("\x00") for t in words)


def _surname(word: str) -> str:
    low = word.lower().rstrip(".")
    for prefix in ("al-", "el-"):
        low = low.removeprefix(prefix)
    return low


class _Context:
    """Everything known about one body: tokens outside quotations, sentences, names met."""

    def __init__(self, body: str, spans: list[QuoteSpan], paragraphs: list[tuple[int, int]]) -> None:
        self.body = body
        self.spans = spans
        self.tokens: list[Token] = []
        cursor = 0
        for span in spans:
            self.tokens += tokenize(body, cursor, span.outer_start)
            self.tokens.append(Token("\x00QUOTE", span.outer_start, span.outer_end))
            cursor = max(cursor, span.outer_end)
        self.tokens += tokenize(body, cursor)
        self.starts = [t.start for t in self.tokens]
        self.breaks: list[int] = []
        for lo, hi in paragraphs:
            self.breaks.append(lo)
            for b in sentence_breaks(body, lo, hi):
                inside = any(s.start < b - 1 and b <= s.end + 1 for s in spans)
                if not inside:
                    self.breaks.append(b)
        self.breaks.sort()
        self.paragraphs = paragraphs
        self.memory: list[_Speaker] = []

    @cached_property
    def full_names(self) -> list[tuple[int, list[str], str | None]]:
        """Person names of two or more words, with the title before them, in text order."""
        found = []
        run: list[Token] = []
        for tok in [*self.tokens, Token(".", 0, 0)]:
            if (tok.capital and not tok.text.startswith("\x00") or (run and tok.low in PARTICLES)) and not _ends_sentence(run):
                run.append(tok)
                continue
            words = run
            run = []
            if any(_surname(t.text) in ORG_WORDS or t.low in STATES for t in words):
                continue
            k = len(words)
            while k > 0 and words[k - 1].low not in TITLE_WORDS:
                k -= 1
            name = [t.text.rstrip(".") if i == len(words[k:]) - 1 else t.text for i, t in enumerate(words[k:])]
            if len(name) >= 2:
                title = " ".join(t.text for t in words[:k] if t.low not in DETERMINERS) or None
                found.append((words[k].start, name, title))
        return found

    def sentence_start(self, pos: int) -> int:
        starts = [b for b in self.breaks if b <= pos]
        return starts[-1] if starts else 0

    def sentence_end(self, pos: int) -> int:
        later = [b for b in self.breaks if b > pos]
        return later[0] if later else len(self.body)

    def index(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    # -- resolution -----------------------------------------------------------------------
    def full_name(self, name: str, pos: int) -> tuple[str, str | None]:
        parts = name.split()
        if not parts:
            return name, None
        key = [_surname(p) for p in parts]
        matches = [(p, n, t) for p, n, t in self.full_names if len(n) > len(parts) and [_surname(w) for w in n[-len(parts):]] == key]
        before = [m for m in matches if m[0] < pos]
        chosen = before[-1] if before else (matches[0] if matches else None)
        if chosen is None:
            return name, None
        return " ".join(chosen[1]), chosen[2]

    def resolve(self, phrase: Phrase, pos: int) -> _Speaker | None:
        earlier = [m for m in self.memory if m.pos < pos]
        if phrase.anaphor is None:
            name, role = phrase.name or "", phrase.role
            if phrase.kind == PERSON and name and name[:1].isupper():
                name, title = self.full_name(name, pos)
                role = role or title or next((m.role for m in reversed(earlier) if m.name == name and m.role), None)
            return _Speaker(name, phrase.kind or PERSON, role, pos, True) if name else None
        if phrase.anaphor == "he":
            named = [m for m in earlier if m.kind == PERSON and m.named]
            if named:
                return named[-1]
            mentioned = [(p, n, t) for p, n, t in self.full_names if p < pos]  # no speaker yet
            return _Speaker(" ".join(mentioned[-1][1]), PERSON, mentioned[-1][2], pos, True) if mentioned else None
        if phrase.anaphor in ("it", "statement"):
            orgs = [m for m in earlier if m.kind == ORGANISATION]
            return orgs[-1] if orgs else self._org_mention(None, pos)
        head = phrase.anaphor
        heads = _SPOKES if head in _SPOKES else (head,)
        for m in reversed(earlier):
            text = f"{m.name} {m.role or ''}".lower()
            if any(re.search(rf"\b{h}\b", text) for h in heads):
                return m
        mention = None if head in PERSON_ROLES else self._org_mention(head, pos)
        if mention is None and phrase.name:
            # "the minister said", "the charity said" with none named before: the description.
            return _Speaker(phrase.name, phrase.kind or ORGANISATION, phrase.name if phrase.kind == PERSON else None, pos, False)
        return mention

    def _org_mention(self, head: str | None, pos: int) -> _Speaker | None:
        """The nearest institution named before ``pos`` (for "it", "the group", "the command")."""
        run: list[Token] = []
        best: _Speaker | None = None
        for tok in self.tokens[: self.index(pos)]:
            if tok.capital and not tok.text.startswith("\x00") and not _ends_sentence(run):
                run.append(tok)
                continue
            while run and run[0].low in _CLAUSE_WORDS:
                run = run[1:]
            if run and any(_surname(t.text) in ORG_WORDS for t in run):
                name = " ".join(t.text for t in run)
                if head is None or head in _GENERIC_ORG or head in name.lower():
                    best = _Speaker(name, ORGANISATION, None, run[0].start, True)
            run = []
        return best


def _subject_of(ctx: _Context, verb: int, floor: int) -> tuple[Phrase | None, int]:
    """The analysed subject of a speech verb, walking back over verbs that lack one."""
    k = verb
    while k >= floor:
        low = ctx.tokens[k].low
        if (k == verb or low in SPEECH_VERBS) and low not in SPEECH_PARTICIPLES:
            phrase, appositive = collect_left(ctx.tokens, k, floor)
            found = analyse(phrase, appositive, ctx.body)
            if found is not None:
                return found, k
        k -= 1
    return None, -1


def _as_attribution(ctx: _Context, phrase: Phrase, pos: int, reason: str) -> Attribution | None:
    who = ctx.resolve(phrase, pos)
    if who is None:
        return None
    ctx.memory.append(_Speaker(who.name, who.kind, who.role, pos, who.named))
    return Attribution(who.name, phrase.surface, phrase.start, phrase.end, who.kind, who.role, reason, True)


def _attribute_one(ctx: _Context, span: QuoteSpan, previous: QuoteSpan | None) -> Attribution | None:
    tokens = ctx.tokens
    qi = ctx.index(span.outer_start)
    sent_lo = ctx.sentence_start(span.outer_start)
    floor_pos = max(sent_lo, previous.outer_end if previous and previous.outer_end > sent_lo else sent_lo)
    floor = ctx.index(floor_pos)
    # 1. Right after the quotation, unless the quoted sentence ended with a full stop.
    if not span.text.rstrip("\"”’'").endswith("."):
        after_end = ctx.sentence_end(span.outer_end)
        limit = ctx.index(after_end)
        i = qi + 1
        while i < limit and tokens[i].text in ",;:—–":
            i += 1
        if i < limit and not tokens[i].text.startswith("\x00"):
            if tokens[i].low in INVERTABLE_VERBS:
                found = analyse(collect_right(tokens, i + 1, limit), [], ctx.body)
                if found is not None and (result := _as_attribution(ctx, found, span.outer_start, f"{tokens[i].low} <speaker> after the quote")):
                    return result
            phrase = collect_right(tokens, i, limit)
            j = i + len(phrase)
            while j < limit and tokens[j].low in ("also", "later", "then", "further", "had", "has"):
                j += 1
            if phrase and j < limit and tokens[j].low in SPEECH_VERBS:
                found = analyse(phrase, [], ctx.body)
                if found is not None and (result := _as_attribution(ctx, found, span.outer_start, f"<speaker> {tokens[j].low} after the quote")):
                    return result
            # A subject with an uncommaed appositive: '"..." Mohammad Sibai a spokesman for X told AFP'.
            verb = next((v for v in range(i, min(limit, i + _AFTER_WINDOW)) if tokens[v].text.startswith("\x00")
                         or tokens[v].low in SPEECH_VERBS), None)
            if verb is not None and not tokens[verb].text.startswith("\x00") and verb > i:
                start = i
                while start < verb and (tokens[start].low in TIME_WORDS or tokens[start].low in TIME_LEADS):
                    start += 1
                words = tokens[start:verb]
                if words and words[0].capital and all(t.capital or t.low in PARTICLES or t.text[:1].isdigit() or t.text == ","
                                                      for t in words[:2]) and _np_run(words):
                    found = analyse(words, [], ctx.body)
                else:
                    found = analyse(*collect_left(tokens, verb, i), ctx.body)
                if found is not None and (result := _as_attribution(ctx, found, span.outer_start, f"<speaker> {tokens[verb].low} after the quote")):
                    return result
    # 2. A speech verb before the quotation in its sentence.
    verbs = [k for k in range(floor, qi) if tokens[k].low in SPEECH_VERBS or tokens[k].low in SPEECH_PARTICIPLES]
    if verbs:
        found, k = _subject_of(ctx, verbs[-1], ctx.index(sent_lo))
        if found is not None and (result := _as_attribution(ctx, found, span.outer_start, f"<speaker> {tokens[k].low} before the quote")):
            return result
    # 3. "according to X" anywhere in the sentence.
    lo, hi = ctx.index(sent_lo), ctx.index(ctx.sentence_end(span.outer_end))
    for k in range(lo, hi - 2):
        if tokens[k].low == "according" and tokens[k + 1].low == "to":
            found = analyse(collect_right(tokens, k + 2, hi), [], ctx.body)
            if found is not None and (result := _as_attribution(ctx, found, span.outer_start, "according to <speaker>")):
                return result
    return None


def _learn_from_verb(ctx: _Context, k: int) -> None:
    """Remember the subject of a speech verb outside any quotation attribution."""
    floor = ctx.index(ctx.sentence_start(ctx.tokens[k].start))
    phrase, appositive = collect_left(ctx.tokens, k, floor)
    found = analyse(phrase, appositive, ctx.body)
    if found is not None:
        who = ctx.resolve(found, found.start)
        if who is not None:
            ctx.memory.append(_Speaker(who.name, who.kind, who.role, ctx.tokens[k].start, who.named))


def _only_quote(ctx: _Context, span: QuoteSpan) -> bool:
    lo = ctx.paragraphs[span.paragraph_index][0]
    rest = ctx.body[lo:span.outer_start] + ctx.body[span.outer_end:ctx.paragraphs[span.last_paragraph_index][1]]
    return not any(ch.isalnum() for ch in rest)


def attribute(body: str, spans: list[QuoteSpan], paragraphs: list[tuple[int, int]]) -> list[Attribution]:
    """One :class:`Attribution` per quotation in ``spans`` (in reading order)."""
    if not spans:
        return []
    ctx = _Context(body, spans, paragraphs)
    verbs = [k for k, t in enumerate(ctx.tokens) if t.low in SPEECH_VERBS and not t.capital]
    results: list[Attribution] = []
    vi = 0
    for n, span in enumerate(spans):
        while vi < len(verbs) and ctx.tokens[verbs[vi]].start < span.outer_start:
            _learn_from_verb(ctx, verbs[vi])
            vi += 1
        previous = spans[n - 1] if n else None
        same_paragraph = previous is not None and previous.last_paragraph_index == span.paragraph_index
        result = _attribute_one(ctx, span, previous if same_paragraph else None)
        if result is None and same_paragraph and results[-1].speaker:
            result = _continued(results[-1], "continues the previous quote's speaker in the paragraph")
        elif result is None and previous is not None and _only_quote(ctx, span):
            last = [r for s, r in zip(spans, results) if s.last_paragraph_index == span.paragraph_index - 1]
            if last and last[-1].speaker:
                result = _continued(last[-1], "quote-only paragraph continuing the previous paragraph's speaker")
        results.append(result or Attribution())
    return results


def _continued(source: Attribution, reason: str) -> Attribution:
    return Attribution(source.speaker, source.surface, source.start, source.end, source.kind, source.role, reason, False)
