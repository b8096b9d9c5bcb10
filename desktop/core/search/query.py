"""The query language reporters type into the search box, turned into a Whoosh query.

Why a parser of our own rather than Whoosh's ``QueryParser``: the search runs on every pause
in typing, so half-typed input (``"camp ta``, ``headline:``, ``(iran OR``) is the normal case,
not the exception. The parser must never raise, must say in plain words what it did with the
part it could not use, and must still search the rest. It also knows things Whoosh's parser
does not: dates are intervals (an article dated only "2020-03" is not "on" 2020-03-13), a
leading wildcard would scan every term in the index, and ``soldiers*`` must also try the stem
``soldier*`` that the index holds.

No folding rule lives here: every word goes through the schema's own field analyzers
(``field.process_text``), so ``Kata'ib``, accents and word endings are treated exactly as the
index treats them. The grammar, loosest first::

    query   := clause ( [AND] clause )*     AND is implied between clauses
    clause  := unary ( OR unary )*          OR binds tighter, as in web search engines
    unary   := ( NOT | - | + )* atom
    atom    := ( query ) | field:unary | "phrase"[~N] | word | prefix* | wild?card | fuzzy~[N]
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from whoosh import query as wq

from .bounded import BoundedFuzzyTerm, BoundedPrefix, BoundedWildcard
from .documents import date_interval
from .query_help import QUERY_HELP
from .ranges import SafeNumericRange
from .schema import DEFAULT_FIELDS, QUERY_FIELDS

if TYPE_CHECKING:
    from whoosh.fields import Schema

__all__ = [
    "MAX_QUERY_CHARS",
    "QUERY_HELP",
    "SORTS",
    "ParsedQuery",
    "SafeNumericRange",
    "parse_query",
    "remove_filter",
]

#: Longer input is cut to this: nobody types more, and a pasted article would be slow.
MAX_QUERY_CHARS = 1000
#: Deeper parentheses are ignored (the parser recurses; this keeps it far from the limit).
MAX_DEPTH = 10
#: Letters required before a wildcard: ``m*`` would expand to a large part of the index.
MIN_WILDCARD_PREFIX = 2
#: ``word~`` allows this many edits; ``word~1`` fewer. The first letter must match (speed).
FUZZY_DISTANCE = 2
FUZZY_PREFIX = 1
#: Values of ``sort:``; the caller applies the sort.
SORTS = ("newest", "oldest", "relevance", "headline", "outlet")
#: Quote marks that open or close a phrase: straight, curly, German and French.
QUOTES = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\uff02'
#: Upper-case only: "and" / "or" / "not" in lower case are ordinary words.
OPERATORS = frozenset({"AND", "OR", "NOT"})

#: The reference shown verbatim by Help > Query syntax and the README.

_FALLBACK_NOTE = "Part of this search could not be understood, so all its words were searched."
_SPACE = re.compile(r"\s+")
_FIELD = re.compile(r"([^\W\d]\w*):")
_WORD = re.compile(r"[^\s()" + QUOTES + r"]+")
_QUOTE = re.compile("[" + QUOTES + "]")
_SLOP = re.compile(r"~(\d{0,3})")
_FUZZY = re.compile(r"(.*?[^~])~(\d*)")
_TRIM = re.compile(r"^[^\w*?]+|[^\w*?]+$")
_DATE = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NO_OPERAND = (")", "AND", "OR")


@dataclass
class ParsedQuery:
    """What :func:`parse_query` understood. ``query`` is None when nothing is left to search:
    an empty search means every article."""

    query: wq.Query | None = None
    #: Short notes about anything malformed or ignored, for a line under the search box.
    messages: list[str] = field(default_factory=list)
    #: (field, analysed term) of every word searched for (not excluded), for highlighting.
    #: Wildcard and fuzzy words are not here: expand them with ``query.existing_terms``.
    terms: set[tuple[str, str]] = field(default_factory=set)
    #: Analysed words of each phrase searched for, for highlighting.
    phrases: list[list[str]] = field(default_factory=list)
    #: Field filters as (field, raw value) for chips; an excluded one has a field like "-outlet".
    filters: list[tuple[str, str]] = field(default_factory=list)
    #: Where each filter is in the query text, for :func:`remove_filter`.
    filter_spans: list[tuple[int, int]] = field(default_factory=list)
    #: "newest", "oldest" or "relevance" when the text had ``sort:``; else None.
    sort: str | None = None


@dataclass(slots=True)
class _Tok:
    kind: str  # "(", ")", "AND", "OR", "NOT", "-", "+", "field", "word", "phrase"
    text: str
    start: int
    end: int
    closed: bool = True  # phrases: False when the closing quote is missing
    slop: int = 0  # phrases: "..."~N


def parse_query(
    text: str, schema: Schema, *, default_fields: dict[str, float] = DEFAULT_FIELDS
) -> ParsedQuery:
    """Parse what a reporter typed. Never raises; see :data:`QUERY_HELP` for the language."""
    try:
        return _Parser(text, schema, default_fields).run()
    except Exception:  # noqa: BLE001 - the search box must keep working whatever was typed
        return _fallback(text, schema, default_fields)


def remove_filter(text: str, parsed: ParsedQuery, index: int) -> str:
    """``text`` without the filter ``parsed.filters[index]`` (the chip's close button)."""
    if not 0 <= index < len(parsed.filter_spans):
        return text
    start, end = parsed.filter_spans[index]
    return _SPACE.sub(" ", text[:start] + " " + text[end:]).strip()


def _fallback(text: object, schema: Schema, default_fields: dict[str, float]) -> ParsedQuery:
    """Every word, ANDed: what to search when the parser itself failed."""
    try:
        words = re.findall(r"\w+", str(text)[:MAX_QUERY_CHARS])
        parsed = _Parser(" ".join(words), schema, default_fields).run()
        parsed.messages.insert(0, _FALLBACK_NOTE)
        return parsed
    except Exception:  # noqa: BLE001
        return ParsedQuery(messages=[_FALLBACK_NOTE])


def _join(cls: type[wq.CompoundQuery], items: list[wq.Query | None]) -> wq.Query | None:
    """``cls(items)`` without Nones, flattening nested ``cls`` (Whoosh's ``normalize`` does
    this too, but deep-copies every node: most of the parse time of a long query)."""
    flat: list[wq.Query] = []
    for q in items:
        if type(q) is cls and q.boost == 1.0:
            flat.extend(q.subqueries)
        elif q is not None:
            flat.append(q)
    return None if not flat else flat[0] if len(flat) == 1 else cls(flat)


def _short(text: str, limit: int = 40) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class _Parser:
    """One parse: a lexer, a recursive-descent parser and the query builders, sharing notes."""

    def __init__(self, text: object, schema: Schema, default_fields: dict[str, float]) -> None:
        self.schema = schema
        self.names = {k: v for k, v in QUERY_FIELDS.items() if v == "date" or v in schema}
        self.defaults = {f: b for f, b in default_fields.items() if f in schema}
        text = "" if text is None else str(text)
        self.out = ParsedQuery()
        if len(text) > MAX_QUERY_CHARS:
            text = text[:MAX_QUERY_CHARS]
            self.note(f"Query too long: used the first {MAX_QUERY_CHARS:,} characters")
        self.text = _CONTROL.sub(" ", text)
        self.toks: list[_Tok] = []
        self.pos = 0
        self.cache: dict[tuple[str, str, bool], list[str]] = {}
        self.unknown: set[str] = set()

    def display(self, name: str) -> str:
        """The name shown for an index field: the first query name that maps to it."""
        return next(k for k, v in self.names.items() if v == name)

    def note(self, message: str) -> None:
        if message not in self.out.messages:
            self.out.messages.append(message)

    def run(self) -> ParsedQuery:
        self.toks = self._balance(self._lex())
        q = self.seq(self.defaults, False, group=False)
        self.out.query = q
        return self.out

    # -- lexing ------------------------------------------------------------------------------

    def _lex(self) -> list[_Tok]:
        text, n, toks = self.text, len(self.text), []
        i, after_field = 0, False
        while i < n:
            if m := _SPACE.match(text, i):
                i, after_field = m.end(), False
                continue
            c = text[i]
            if c in "()":
                toks.append(_Tok(c, c, i, i + 1))
                i += 1
            elif c in "-+":
                if i + 1 < n and not text[i + 1].isspace() and text[i + 1] != ")":
                    toks.append(_Tok(c, c, i, i + 1))
                else:
                    self.note(f"'{c}' on its own was ignored")
                i += 1
                continue  # a value may follow a field prefix's sign: keep after_field
            elif c in QUOTES:
                m = _QUOTE.search(text, i + 1)
                end = m.start() if m else n
                tok = _Tok("phrase", text[i + 1 : end], i, min(end + 1, n), closed=m is not None)
                if m and (s := _SLOP.match(text, end + 1)):
                    tok.slop, tok.end = int(s.group(1) or 0), s.end()
                toks.append(tok)
                i = tok.end
            elif (m := _FIELD.match(text, i)) and not after_field:
                i = self._lex_field(m, toks)
                after_field = toks[-1].kind == "field" if toks and toks[-1].end == i else False
                continue
            else:
                word = _WORD.match(text, i).group()
                kind = word if word in OPERATORS and not after_field else "word"
                toks.append(_Tok(kind, word, i, i + len(word)))
                i += len(word)
            after_field = False
        return toks

    def _lex_field(self, m: re.Match[str], toks: list[_Tok]) -> int:
        """``name:``: a field token, a sort, or (unknown name) a plain word. Returns the next
        position to lex."""
        text, name, j = self.text, m.group(1), m.end()
        key, nxt = name.lower(), self.text[j : j + 1]
        bare = nxt == "" or nxt.isspace() or nxt == ")"
        if key == "sort":
            value = "" if bare or not (w := _WORD.match(text, j)) else w.group()
            if toks and toks[-1].kind in "-+" and toks[-1].end == m.start():
                toks.pop()
            if value.strip(QUOTES).lower() in SORTS:
                self.out.sort = value.strip(QUOTES).lower()
            else:
                self.note(f"Unknown sort '{_short(value, 20)}': use sort:newest, sort:oldest, "
                          "sort:relevance, sort:headline or sort:outlet")
            return j + len(value)
        if key in self.names:
            if bare:
                example = {"date": "2020-03", "language": "en", "id": "42"}.get(self.names[key], "taji")
                self.note(f"'{name}:' needs a value right after the colon, e.g. {key}:{example}")
            else:
                toks.append(_Tok("field", key, m.start(), j))
            return j
        if not bare and not text.startswith("//", j) and key not in self.unknown:
            self.unknown.add(key)  # "Iraq: rockets" and URLs are prose, not unknown fields
            known = list(dict.fromkeys(self.display(v) for v in self.names.values()))
            guess = difflib.get_close_matches(key, list(self.names), n=1, cutoff=0.7)
            hint = f" (did you mean {guess[0]}:?)" if guess else ""
            self.note(f"Unknown field '{name}:' - searched it as a word{hint}. "
                      f"Fields: {', '.join(known)}")
        toks.append(_Tok("word", name, m.start(), j - 1))
        return j

    def _balance(self, toks: list[_Tok]) -> list[_Tok]:
        """Drop unmatched ')' and too-deep '(' (with their ')'), and close what is open."""
        out, stack, depth = [], [], 0
        for tok in toks:
            if tok.kind == "(":
                stack.append(depth < MAX_DEPTH)
                if stack[-1]:
                    depth += 1
                    out.append(tok)
                else:
                    self.note(f"Parentheses nested over {MAX_DEPTH} deep: the inner ones were ignored")
            elif tok.kind == ")":
                if not stack:
                    self.note("An unmatched ')' was ignored")
                elif stack.pop():
                    depth -= 1
                    out.append(tok)
            else:
                out.append(tok)
        if depth:
            self.note("Unbalanced '(': closed it at the end" if depth == 1
                      else f"Unbalanced '(': closed {depth} of them at the end")
            end = len(self.text)
            out.extend(_Tok(")", ")", end, end) for _ in range(depth))
        return out

    # -- parsing -----------------------------------------------------------------------------

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def where(self, nxt: _Tok | None, at_start: bool, group: bool) -> str:
        if at_start:
            return "after '('" if group else "at the start"
        if nxt is None:
            return "at the end"
        return "before ')'" if nxt.kind == ")" else "next to another operator"

    def seq(self, fields: dict[str, float], neg: bool, *, group: bool) -> wq.Query | None:
        clauses: list[wq.Query] = []
        started = False
        while (tok := self.peek()) is not None and tok.kind != ")":
            if tok.kind in ("AND", "OR"):
                self.pos += 1
                nxt = self.peek()
                if started and tok.kind == "AND" and nxt is not None and nxt.kind not in _NO_OPERAND:
                    continue  # an explicit AND is the implicit one
                self.note(f"'{tok.kind}' {self.where(nxt, not started, group)} was ignored")
                continue
            started = True
            if (q := self.either(fields, neg, group)) is not None:
                clauses.append(q)
        return _join(wq.And, clauses)

    def either(self, fields: dict[str, float], neg: bool, group: bool) -> wq.Query | None:
        items = [self.unary(fields, neg, group)]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.pos += 1
            nxt = self.peek()
            if nxt is None or nxt.kind in _NO_OPERAND:
                self.note(f"'OR' {self.where(nxt, False, group)} was ignored")
                break
            items.append(self.unary(fields, neg, group))
        return _join(wq.Or, items)

    def unary(self, fields: dict[str, float], neg: bool, group: bool) -> wq.Query | None:
        first, flips = None, 0
        while (tok := self.peek()) is not None and tok.kind in ("NOT", "-", "+"):
            first = first or tok
            flips += tok.kind != "+"
            self.pos += 1
        nxt = self.peek()
        if nxt is None or nxt.kind in _NO_OPERAND:
            if first is not None:
                self.note(f"'{first.text}' {self.where(nxt, False, group)} was ignored")
            return None
        negated = flips % 2 == 1
        q = self.atom(fields, neg != negated)
        return wq.Not(q) if negated and q is not None else q

    def atom(self, fields: dict[str, float], neg: bool) -> wq.Query | None:
        tok = self.toks[self.pos]
        self.pos += 1
        if tok.kind == "(":
            q = self.seq(fields, neg, group=True)
            close = self.toks[self.pos]  # _balance guarantees it is the matching ")"
            self.pos += 1
            if not self.text[tok.end : close.start].strip():
                self.note("Empty '()' was ignored")
            return q
        if tok.kind == "field":
            return self.field(tok, neg)
        if tok.kind == "phrase":
            return self.phrase(tok, fields, neg)
        return self.word(tok.text, fields, neg)

    def field(self, tok: _Tok, neg: bool) -> wq.Query | None:
        name = self.names[tok.text]
        q = self.unary({name: 1.0}, neg, True)
        end = self.toks[self.pos - 1].end
        if q is not None:
            raw = self.text[tok.end : end].strip()
            if len(raw) > 1 and raw[0] in QUOTES:
                raw = raw[1:-1] if raw[-1] in QUOTES else raw[1:]
            display = self.display(name)
            start = tok.start
            if start and self.text[start - 1] in "-+" and (start < 2 or self.text[start - 2] in " ("):
                start -= 1
            self.out.filters.append((("-" if neg else "") + display, raw))
            self.out.filter_spans.append((start, end))
        return q

    # -- query builders ----------------------------------------------------------------------

    def analyse(self, fieldname: str, text: str, *, tokenize: bool = True) -> list[str]:
        """The field analyzer's terms for ``text`` (memoised for this parse)."""
        key = (fieldname, text, tokenize)
        if key not in self.cache:
            if fieldname in ("language", "entity", "thread", "related"):
                # One value, never split: ISO codes, and entity or thread names that the engine
                # resolves to ids (a name may hold a comma: "Camp Taji attack, March 2020").
                self.cache[key] = [text.strip().lower()] if text.strip() else []
            else:
                try:
                    self.cache[key] = list(self.schema[fieldname].process_text(
                        text, mode="query", tokenize=tokenize))
                except Exception:  # noqa: BLE001 - an analyzer choking on odd text: no terms
                    self.cache[key] = []
        return self.cache[key]

    def positional(self, fieldname: str) -> bool:
        fmt = self.schema[fieldname].format
        return fmt is not None and fmt.supports("positions")

    def word(self, text: str, fields: dict[str, float], neg: bool) -> wq.Query | None:
        if "date" in fields:
            return self.date(text)
        if "id" in fields:
            return self.id(text)
        if m := _FUZZY.fullmatch(text):
            return self.fuzzy(m.group(1), m.group(2), fields)
        core = _TRIM.sub("", text.rstrip("?"))  # a final "?" is a question mark, not a wildcard
        if "*" in core or "?" in core:
            return self.wildcard(core, fields, neg)
        per: list[wq.Query] = []
        found: list[str] = []
        for fieldname, boost in fields.items():
            words = self.analyse(fieldname, text)
            if not words:
                if len(fields) > 1 and self.positional(fieldname):
                    return None  # dropped by a text field's analyzer: don't require it elsewhere
                continue
            found = found or words
            per.append(self.terms_query(fieldname, words, boost, 1))
            if not neg:
                self.out.terms.update((fieldname, w) for w in words)
        if not per:
            if len(fields) == 1 and any(c.isalnum() for c in text):
                self.note(f"'{_short(text, 20)}' is too common to search in {next(iter(fields))}")
            return None
        if len(found) > 1 and not neg:
            self.out.phrases.append(found)
        return _join(wq.Or, per)

    def terms_query(self, fieldname: str, words: list[str], boost: float, slop: int) -> wq.Query:
        if len(words) == 1:
            return wq.Term(fieldname, words[0], boost=boost)
        if self.positional(fieldname):
            return wq.Phrase(fieldname, words, slop=slop, boost=boost)
        return wq.And([wq.Term(fieldname, w) for w in words], boost=boost)

    def phrase(self, tok: _Tok, fields: dict[str, float], neg: bool) -> wq.Query | None:
        text = tok.text
        if not text.strip():
            self.note("Empty quotes were ignored" if tok.closed
                      else f"A lone {self.text[tok.start]} was ignored")
            return None
        if not tok.closed:
            self.note(f"Unbalanced quote: searched for {self.text[tok.start]}{_short(text)} as a phrase")
        if "date" in fields or "id" in fields:
            return self.word(text.strip(), fields, neg)
        per: list[wq.Query] = []
        found: list[str] = []
        for fieldname, boost in fields.items():
            if words := self.analyse(fieldname, text):
                found = found or words
                per.append(self.terms_query(fieldname, words, boost, tok.slop + 1))
                if not neg:
                    self.out.terms.update((fieldname, w) for w in words)
        if not per:
            if any(c.isalnum() for c in text):
                self.note(f"\"{_short(text)}\" has only very common words, so it was ignored")
            return None
        if len(found) > 1 and not neg:
            self.out.phrases.append(found)
        return _join(wq.Or, per)

    def fuzzy(self, text: str, distance: str, fields: dict[str, float]) -> wq.Query | None:
        maxdist = int(distance[:3]) if distance else FUZZY_DISTANCE
        if maxdist > FUZZY_DISTANCE:
            self.note(f"Spelling tolerance is at most ~{FUZZY_DISTANCE}: used ~{FUZZY_DISTANCE}")
            maxdist = FUZZY_DISTANCE
        per = []
        for fieldname, boost in fields.items():
            words = self.analyse(fieldname, text)
            if len(words) == 1 and maxdist:
                per.append(BoundedFuzzyTerm(fieldname, words[0], boost=boost, maxdist=maxdist,
                                        prefixlength=FUZZY_PREFIX))
            elif words:
                per.append(self.terms_query(fieldname, words, boost, 1))
        return _join(wq.Or, per)

    def wildcard(self, pattern: str, fields: dict[str, float], neg: bool) -> wq.Query | None:
        first = min(i for i, c in enumerate(pattern) if c in "*?")
        if first < MIN_WILDCARD_PREFIX:
            plain = _SPACE.sub(" ", re.sub(r"[*?]", " ", pattern)).strip()
            rule = f"Wildcards need at least {MIN_WILDCARD_PREFIX} letters before them"
            if not plain:
                self.note(f"'{pattern}' on its own would match everything, so it was ignored")
            elif len(plain) < MIN_WILDCARD_PREFIX:
                self.note(f"{rule}: '{pattern}' was ignored")
            else:
                self.note(f"{rule}: searched '{pattern}' as '{plain}'")
                return self.word(plain, fields, neg)
            return None
        per = []
        parts = [p for p in re.split(r"([*?])", pattern) if p]
        seen: set[tuple[str, str]] = set()
        for fieldname, boost in fields.items():
            # The index holds stems in headline and body: "soldiers*" must also try "soldier*".
            for morph in (False, True):
                pat = self.fold_pattern(fieldname, parts, morph)
                if pat is None or (fieldname, pat) in seen:
                    continue
                seen.add((fieldname, pat))
                if pat.endswith("*") and "*" not in pat[:-1] and "?" not in pat:
                    per.append(BoundedPrefix(fieldname, pat[:-1], boost=boost))
                else:
                    per.append(BoundedWildcard(fieldname, pat, boost=boost))
        return _join(wq.Or, per)

    def fold_pattern(self, fieldname: str, parts: list[str], morph: bool) -> str | None:
        """The wildcard pattern with each literal part folded by the field's analyzer: as one
        unstemmed literal (``tokenize=False``, as Whoosh passes wildcards) or as a stemmed word."""
        out = []
        for part in parts:
            if part in "*?":
                out.append(part)
                continue
            words = self.analyse(fieldname, part, tokenize=morph)
            if len(words) != 1 or not words[0] or " " in words[0]:
                return None
            out.append(words[0])
        return "".join(out)

    # -- dates and ids -----------------------------------------------------------------------

    def interval(self, text: str) -> tuple[int, int] | None:
        """(first day, last day) as YYYYMMDD, from the index's own ``date_interval``."""
        if not (m := _DATE.fullmatch(text.strip())):
            return None
        iso = "-".join([m.group(1)] + [f"{int(g):02d}" for g in m.groups()[1:] if g])
        try:
            start, end = date_interval(iso)  # ValueError for month 13, 30 February...
        except (ValueError, TypeError, OverflowError):
            return None
        return int(start), int(end)

    def date(self, raw: str) -> wq.Query | None:
        spec = raw.strip().strip(QUOTES).strip()
        lo = hi = None
        lo_excl = hi_excl = False
        op = next((o for o in (">=", "<=", ">", "<") if spec.startswith(o)), "")
        if op:
            got = self.interval(spec[len(op):])
            if got is not None:
                if op[0] == ">":
                    lo, lo_excl = (got[0], False) if op == ">=" else (got[1], True)
                else:
                    hi, hi_excl = (got[1], False) if op == "<=" else (got[0], True)
            ok = got is not None
        elif ".." in spec:
            a, b = (s.strip() for s in spec.split("..", 1))
            got_a, got_b = self.interval(a) if a else None, self.interval(b) if b else None
            ok = bool(a or b) and (not a or got_a is not None) and (not b or got_b is not None)
            if ok:
                lo, hi = got_a and got_a[0], got_b and got_b[1]
                if lo and hi and lo > hi:
                    self.note(f"Dates the wrong way round: searched {b}..{a}")
                    lo, hi = got_b[0], got_a[1]
        else:
            got = self.interval(spec)
            ok = got is not None
            if ok:
                lo, hi = got
        if not ok:
            self.note(f"Not a date: 'date:{_short(raw, 24)}' was ignored. Use e.g. date:2020-03-13, "
                      "date:2020-03, date:2020 or date:2020-01-01..2020-03-31")
            return None
        parts = []
        if lo is not None:
            parts.append(SafeNumericRange("date_start", lo, None, startexcl=lo_excl))
        if hi is not None:
            parts.append(SafeNumericRange("date_end", None, hi, endexcl=hi_excl))
        return _join(wq.And, parts)

    def id(self, raw: str) -> wq.Query | None:
        value = raw.strip().strip(QUOTES).strip()
        if not value.isascii() or not value.isdigit() or len(value) > 18:
            self.note(f"'id:{_short(raw, 20)}' was ignored: an id is a number")
            return None
        return wq.Term("id", int(value))

