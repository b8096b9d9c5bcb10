"""The same statement across stories: grouping quotations into a ledger.

Outlets reword the punctuation, spelling and edges of a quotation ("The U.S. will not tolerate
attacks against our people our interests or our allies" / "The United States will not tolerate
attacks against our people, our interests, or our allies" / a partial "will not tolerate ...")
but keep its run of words. So each quotation becomes normalised tokens (case, punctuation,
US/U.S./United States, Defence/Defense and British/American spellings folded) and a set of
word trigrams (shingles). Two quotations are one statement when the shorter one's shingles are
mostly (``CONTAINMENT``) in the longer one: that covers equal texts, small omissions and a
partial quote inside a longer one alike. Quotations too short to have two shingles (under four
words) only join a statement with exactly the same words, so "red line" never attaches itself
to every longer quote that mentions a red line.

Sharing words is not enough, though: military statements are written from a template ("On Feb.
9, at the direction of ..." / "On Feb. 13, at the direction of ..."), and two such quotations
are two statements. So each quotation also keeps its *particulars* - the numbers and the
capitalised words inside the sentence (dates, names, places), folded like the words - and two
quotations join only when the shorter one's particulars all occur in the longer one: a partial
quote without a date still joins the full statement, "Feb. 9" never joins "Feb. 13".

Candidates come from an inverted index shingle -> quotations, so the work grows with the
number of quotations sharing a shingle, not with all pairs; shingles carried by more than
``MAX_POSTINGS`` quotations (stock phrases such as "one of the") are not used to find
candidates. Groups are formed by union-find, so a long quotation that contains two shorter
ones joins them into one statement: the ledger shows the longest wording.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .extract import Quote

__all__ = ["Statement", "StatementMember", "group_statements", "normalise_tokens", "particulars", "shingles"]

#: Shingle size in words.
SHINGLE = 3
#: Share of the shorter quotation's shingles that must occur in the other one.
CONTAINMENT = 0.6
#: Shingles in more quotations than this are too common to propose candidates.
MAX_POSTINGS = 2000

_WORD = re.compile(r"[^\W_]+(?:['’.&][^\W_]+)*\.?|&", re.UNICODE)
_SPELLING = {
    "defence": "defense", "offence": "offense", "licence": "license", "centre": "center",
    "programme": "program", "metre": "meter", "theatre": "theater", "travelled": "traveled",
    "jewellery": "jewelry", "grey": "gray", "tyre": "tire", "kerb": "curb", "whilst": "while",
    "amongst": "among", "&": "and", "britain": "uk", "u.k.": "uk", "uk": "uk", "u.s.": "usa",
    "u.s": "usa", "usa": "usa", "u.s.a.": "usa", "america": "usa",
}
_PHRASES = (
    (re.compile(r"\bunited states( of america)?\b", re.IGNORECASE), "USA"),
    (re.compile(r"\bunited kingdom\b", re.IGNORECASE), "UK"),
)


def _fold(word: str) -> str:
    low = word.lower()
    if low in _SPELLING:
        return _SPELLING[low]
    low = low.rstrip(".").replace("’", "").replace("'", "")
    low = _SPELLING.get(low, low)
    low = re.sub(r"(?<=\w{3})is(e|ed|es|ing|ation|ations)$", r"iz\1", low)
    low = re.sub(r"(?<=\w{3})our(s|ed|ing|ite|ites)?$", r"or\1", low)
    return low


def normalise_tokens(text: str) -> list[str]:
    """Words of ``text`` with case, punctuation and US/UK variants folded."""
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    out = []
    for word in _WORD.findall(text):
        if word == "US":  # the country, not the pronoun
            out.append("usa")
        else:
            out.append(_fold(word))
    return [w for w in out if w]


_PARTICULAR = re.compile(r"(?<![\w'’])(?:\d+(?:[.,:]\d+)*|[A-Z][\w'’.&-]*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(]\s*)$")


def particulars(text: str) -> frozenset[str]:
    """Numbers and capitalised words that are not a sentence's first word, folded: what makes
    "On Feb. 9 ..." another statement than "On Feb. 13 ..."."""
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    found = set()
    for m in _PARTICULAR.finditer(text):
        word = m.group()
        if not word[0].isdigit() and _SENTENCE_START.search(text, 0, m.start()) and word not in ("USA", "UK"):
            continue  # "The", "We": capitalised only because a sentence starts there
        if word in ("I", "I'm", "I've", "I'll", "I'd"):
            continue
        found.add("usa" if word == "US" else _fold(word))
    return frozenset(found)


def shingles(tokens: Sequence[str], size: int = SHINGLE) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


@dataclass(frozen=True)
class StatementMember:
    article_id: int
    quote_index: int  #: position in that article's quote list
    quote: Quote
    date: str | None


@dataclass
class Statement:
    """One statement and every story that carries it, first appearance first."""

    text: str  #: the longest wording among the members
    speaker: str | None
    speaker_kind: str | None
    members: list[StatementMember] = field(default_factory=list)

    @property
    def first(self) -> StatementMember:
        return self.members[0]

    @property
    def article_ids(self) -> list[int]:
        """Stories carrying the statement, in order of first appearance, each once."""
        return list(dict.fromkeys(m.article_id for m in self.members))

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(m.quote.speaker for m in self.members if m.quote.speaker))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _date_key(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "iso"):
        return value.iso()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _speaker_of(members: list[StatementMember]) -> tuple[str | None, str | None]:
    """The speaker most members name (ties go to the first appearance); persons before descriptions."""
    confirmed = [m for m in members if m.quote.confirmed]
    if confirmed:  # a reporter's word beats any count
        return confirmed[0].quote.speaker, confirmed[0].quote.speaker_kind
    counts = Counter(m.quote.speaker for m in members if m.quote.speaker)
    if not counts:
        return None, None
    best = max(counts.values())
    for m in members:
        if m.quote.speaker and counts[m.quote.speaker] == best:
            return m.quote.speaker, m.quote.speaker_kind
    return None, None


def group_statements(
    quotes_by_article: Mapping[int, Sequence[Quote]],
    dates: Mapping[int, Any] | None = None,
) -> list[Statement]:
    """Group quotations of many articles into statements, ordered by first appearance.

    ``dates`` maps article id to its publication date (a ``date``, an ISO string or anything
    with ``iso()``); undated articles count as appearing after every dated one, and ties go to
    the lower article id.
    """
    dates = dates or {}
    members: list[StatementMember] = []
    for article_id in sorted(quotes_by_article):
        date = _date_key(dates.get(article_id))
        for index, quote in enumerate(quotes_by_article[article_id]):
            members.append(StatementMember(article_id, index, quote, date))
    tokens = [normalise_tokens(m.quote.text) for m in members]
    sets = [shingles(t) for t in tokens]
    facts: dict[int, frozenset[str]] = {}  # computed only for the few pairs that share their words

    def facts_of(n: int) -> frozenset[str]:
        if n not in facts:
            facts[n] = particulars(members[n].quote.text)
        return facts[n]

    def same_facts(a: int, b: int) -> bool:
        small, large = (a, b) if len(tokens[a]) <= len(tokens[b]) else (b, a)
        return facts_of(small) <= facts_of(large)

    groups = _UnionFind(len(members))
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    exact: dict[tuple[str, ...], int] = {}
    for i, grams in enumerate(sets):
        key = tuple(tokens[i])
        if key in exact or len(grams) < 2:
            # The same words again (wire copy carried verbatim) join directly; the first copy
            # stands for them in the index, which keeps posting lists short.
            if key:
                groups.union(i, exact.setdefault(key, i))
            continue
        exact[key] = i
        shared: Counter[int] = Counter()
        for gram in grams:
            posting = postings[gram]
            if len(posting) <= MAX_POSTINGS:
                shared.update(posting)
            posting.append(i)
        for j, count in shared.items():
            smaller = min(len(grams), len(sets[j]))
            if count >= 2 and count >= CONTAINMENT * smaller and same_facts(i, j):
                groups.union(i, j)
    by_root: dict[int, list[StatementMember]] = defaultdict(list)
    for i, member in enumerate(members):
        by_root[groups.find(i)].append(member)
    statements = []
    for group in by_root.values():
        group.sort(key=lambda m: (m.date is None, m.date or "", m.article_id, m.quote.start))
        speaker, kind = _speaker_of(group)
        longest = max(group, key=lambda m: len(m.quote.text))
        statements.append(Statement(longest.quote.text, speaker, kind, group))
    statements.sort(key=lambda s: (s.first.date is None, s.first.date or "", s.first.article_id, s.first.quote.start))
    return statements
