"""Suggest names nobody has listed yet, from the way news copy writes them.

The archive's aliases and the starter gazetteer only find names someone already knows. A story
about a new militia commander or a village nobody has heard of still gives its names away:
"Defense Secretary Mark Esper said", "spokeswoman Alyssa Farah", "the Iraqi Security Forces",
"near Jurf al-Nasr", "BAGHDAD (Reuters) -". This module reads those cues with hand-written rules
and general-knowledge lists (``namelists``), guesses a kind for each name and says why, so a
reporter can accept or reject the suggestion at a glance. No model is trained and nothing is
downloaded; a story of 1,000 words takes a few milliseconds.

The work is in four steps: tokenize with exact offsets (``tokens``), cut runs of capitalised
words apart at titles and edges (this module), decide each run's kind from its cues
(``classify``), then from what the rest of the story says about the same words (``story``).
Capitals only count as evidence in running text: at a sentence start, in a headline or in an
all-caps line a word must be known (a list, or the same name in the body) before it is
suggested.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.entities import kinds
from desktop.core.entities.namelists import NameLists, name_lists
from desktop.core.entities.tokens import Line, Token, tokenize

__all__ = ["NameCandidate", "find_name_candidates"]


@dataclass(frozen=True)
class NameCandidate:
    """A span of ``text`` that looks like a name, with a guessed kind and the reason."""

    start: int
    end: int
    text: str
    kind: str
    confidence: float
    reason: str


#: Lower-case words allowed inside a name when a capitalised word follows ("Abu Bakr al Baghdadi").
PARTICLES = frozenset(
    [
        "al", "el", "bin", "ibn", "bint", "abu", "umm", "van", "von", "der", "den", "de", "da", "di", "du",
        "del", "della", "dos", "das", "ter", "ten",
    ]
)
#: Words that may join two capitalised parts of one organisation or place name.
CONNECTORS = frozenset({"of", "for", "the", "on", "and", "&"})
#: Words that take "of" inside a name besides designators and titles ("Isle of Man").
_OF_HEADS = frozenset(
    [
        "republic", "kingdom", "isle", "gulf", "sea", "bay", "strait", "state", "states", "secretary",
        "minister", "prince", "duke", "house", "chamber", "bank",
    ]
)
#: Months that are also surnames.
_NAME_MONTHS = frozenset({"may", "march", "june", "april", "august"})


@dataclass
class Run:
    """A stretch of tokens that may be one name, with the cues found while cutting it out."""

    toks: list[Token]
    line: Line
    title: str = ""  #: the title that stood before it ("Defense Secretary")
    cue: str = ""  #: a lower-case role word before it ("spokeswoman")

    @property
    def start(self) -> int:
        return self.toks[0].start

    @property
    def end(self) -> int:
        return self.toks[-1].end


def _is_name_token(tok: Token) -> bool:
    return tok.cap or tok.acronym


def _raw_runs(line: Line, toks: list[Token]) -> list[list[Token]]:
    """Maximal stretches of capitalised tokens on one line, with particles and connectors."""
    runs: list[list[Token]] = []
    cur: list[Token] = []
    n = len(toks)
    for i, tok in enumerate(toks):
        if _is_name_token(tok):
            cur.append(tok)
            continue
        nxt = toks[i + 1] if i + 1 < n else None
        if cur and nxt is not None and tok.word and tok.low in PARTICLES and _particle_joins(toks, i):
            cur.append(tok)
            continue
        if cur and nxt is not None and (tok.low in CONNECTORS) and _joins(cur, tok, toks, i):
            cur.append(tok)
            continue
        if cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _particle_joins(toks: list[Token], i: int) -> bool:
    """ "van der Berg": particles, then a capitalised word, continue a name."""
    j = i + 1
    while j < len(toks) and toks[j].word and toks[j].low in PARTICLES and j - i < 3:
        j += 1
    return j < len(toks) and _is_name_token(toks[j])


def _joins(cur: list[Token], tok: Token, toks: list[Token], i: int) -> bool:
    """Whether "of" / "for" / "the" / "&" continues an organisation or place name."""
    lists = name_lists()
    nxt = toks[i + 1]
    if tok.low == "&":
        return _is_name_token(nxt) and _is_name_token(toks[i - 1])
    if tok.low == "the":
        return cur[-1].low in ("of", "for") and _is_name_token(nxt)
    if tok.low in ("of", "for", "on"):
        head = cur[-1].low.rstrip(".")
        after = toks[i + 2] if nxt.low == "the" and i + 2 < len(toks) else nxt
        return _is_name_token(after) and (
            head in lists.designators
            or head in lists.titles
            or head in lists.place_prefixes
            or head in _OF_HEADS
            # "Organisation for the Prohibition of Chemical Weapons"
            or (tok.low == "of" and any(t.low in lists.designators for t in cur))
        )
    return False


def _droppable(tok: Token, lists: NameLists) -> bool:
    if not _is_name_token(tok):
        return True
    if len(tok.text) == 2 and tok.text[1] == ".":
        return False  # an initial: "A. Dale"
    if tok.acronym and not tok.line_caps:
        return False  # "US", "WHO", "IS" in mixed-case text are abbreviations, not words
    low = tok.low.rstrip(".").replace("’", "'")
    return low in lists.strip_words or ("'" in low and low.split("'")[0] in lists.strip_words)


def _surname_month(before: list[Token], tok: Token, lists: NameLists) -> bool:
    """ "Theresa May", "Jules March": a month after a given name is a surname."""
    return tok.low in _NAME_MONTHS and bool(before) and before[-1].low in lists.given_names


def _trim(toks: list[Token], lists: NameLists) -> list[Token]:
    """Drop edge words that are never part of a name ("The", "Monday", "In") and connectors."""
    while toks and _droppable(toks[0], lists):
        toks = toks[1:]
    while toks and _droppable(toks[-1], lists) and not _surname_month(toks[:-1], toks[-1], lists):
        toks = toks[:-1]
    return toks


def _is_title(tok: Token, lists: NameLists) -> bool:
    """ "Gen.", "President", and hyphenated ranks such as "Major-General", "Lt-Col"."""
    low = tok.low.rstrip(".")
    return low in lists.titles or ("-" in low and low.rsplit("-", 1)[1] in lists.titles)


def _split_titles(run: Run, lists: NameLists) -> list[Run]:
    """Cut "Iraqi Prime Minister Adil Abdul-Mahdi" into "Iraqi" and person "Adil Abdul-Mahdi"."""
    toks = run.toks
    last_head = -1
    for i, tok in enumerate(toks[:-1]):
        if _is_title(tok, lists):
            end = i  # "Secretary of State": the title runs on over "of" and modifiers
            while end + 1 < len(toks) - 1 and (
                toks[end + 1].low in ("of", "the", "for")
                or (toks[end + 1].low in lists.title_modifiers and toks[end].low in ("of", "the", "for"))
            ):
                end += 1
            if _is_name_token(toks[end + 1]) and toks[end + 1].low not in ("of", "the", "for"):
                last_head = end
    if last_head < 0:
        return [run]
    rest = toks[last_head + 1 :]
    if run.line.style == "caps" or any(t.low.rstrip(".") in lists.designators for t in rest):
        return [run]  # "Major League Baseball", "General Assembly": not a title
    begin = last_head
    while begin > 0 and (
        toks[begin - 1].low.rstrip(".") in lists.title_modifiers
        or toks[begin - 1].low.rstrip(".") in lists.titles
        or toks[begin - 1].low in ("of", "the")
    ):
        begin -= 1
    title = " ".join(t.text for t in toks[begin : last_head + 1])
    out = []
    if begin > 0:
        out.append(Run(toks[:begin], run.line, cue=run.cue))
    out.append(Run(rest, run.line, title=title))
    return out


def _split_demonym(run: Run, lists: NameLists) -> list[Run]:
    """Split a leading nationality off a name that is not an organisation ("Russian Putin")."""
    toks = run.toks
    if len(toks) < 2 or toks[0].low not in lists.demonyms or tuple(t.low for t in toks) in lists.phrases:
        return [run]
    last = toks[-1].low.rstrip(".")
    if last in lists.designators or toks[-1].low in lists.demonyms:
        return [run]
    if any(t.low in lists.designators and nxt.low in ("of", "for") for t, nxt in zip(toks[1:], toks[2:])):
        return [run]  # "Syrian Network for Human Rights": the nationality belongs to the name
    return [Run(toks[:1], run.line), Run(toks[1:], run.line, title=run.title, cue=run.cue)]


def cut_runs(line: Line, lists: NameLists) -> list[Run]:
    """Runs of capitalised words on one line, trimmed and cut at titles and nationalities."""
    toks = line.tokens
    out: list[Run] = []
    for whole in _raw_runs(line, toks):
        for raw in _split_inner(whole, lists):
            _add_runs(raw, line, lists, out)
    return out


def _split_inner(run: list[Token], lists: NameLists) -> list[list[Token]]:
    """Cut a run at capitalised non-name words inside it ("Peter Cooney Our Standards")."""
    pieces: list[list[Token]] = [[]]
    for tok in run:
        if tok.cap and pieces[-1] and _droppable(tok, lists) and not _surname_month(pieces[-1], tok, lists):
            pieces.append([])
        pieces[-1].append(tok)
    return pieces


def _add_runs(raw: list[Token], line: Line, lists: NameLists, out: list[Run]) -> None:
    """Trim one piece of a run, note the role word before it and cut it at titles."""
    trimmed = _trim(raw, lists)
    if not trimmed:
        return
    idx = trimmed[0].i
    prev = line.tokens[idx - 1] if idx > 0 else None
    cue = prev.low if prev is not None and prev.word and not prev.cap else ""
    run = Run(trimmed, line, cue=cue if cue in lists.person_cues else "")
    for part in _split_titles(run, lists):
        part.toks = _trim(part.toks, lists)
        if part.toks and not (len(part.toks) == 1 and len(part.toks[0].text) == 1):
            for piece in _split_run_ons(part, lists):
                out.extend(_split_demonym(piece, lists))


_JOINERS = frozenset(["of", "for", "the", "&", "and", "on"])


def _split_run_ons(run: Run, lists: NameLists) -> list[Run]:
    """Cut two names written back to back, as copy without commas has them.

    "Aleppo University Hashim" (a name after a designator), "Youssef Diab Russians" (a people
    after a person), "Khaled Yacoub Oweis Amman" (a place after a person), "Kevin Kennedy
    Regional Humanitarian Coordinator" (a job title after a person).
    """
    toks = run.toks
    if len(toks) < 3 or run.line.style != "text":
        return [run]
    for i in range(1, len(toks) - 1):
        low, nxt = toks[i].low.rstrip("."), toks[i + 1]
        if (
            lists.designators.get(low) in (kinds.ORGANISATION, kinds.PLACE)
            and nxt.low not in _JOINERS
            and nxt.low.rstrip(".") not in lists.designators
            and _is_name_token(nxt)
            and not any(t.low in _JOINERS for t in toks)
        ):
            rest = Run(toks[i + 1 :], run.line)
            return [Run(toks[: i + 1], run.line, title=run.title, cue=run.cue), *_split_run_ons(rest, lists)]
    if any(t.low in ("of", "for") for t in toks):
        # "Syrian Network for Human Rights Fadel Abdul Ghani": an organisation, then a person
        for i in range(max(3, len(toks) - 3), len(toks) - 1):
            if (toks[i].low in lists.given_names and toks[i - 1].low not in _JOINERS
                    and toks[i - 1].low not in PARTICLES and all(t.cap for t in toks[i:])):
                return [Run(toks[:i], run.line, title=run.title, cue=run.cue), Run(toks[i:], run.line)]
    person = bool(run.title or run.cue) or toks[0].low in lists.given_names
    if not person or any(t.low.rstrip(".") in lists.designators for t in toks):
        return [run]
    last = toks[-1].low
    if last in lists.demonyms or (last,) in lists.phrases and not toks[-1].acronym:
        return [Run(toks[:-1], run.line, title=run.title, cue=run.cue), Run(toks[-1:], run.line)]
    if last.rstrip(".") in lists.titles and len(toks) >= 3:
        keep = 2
        while keep < len(toks) - 1 and (toks[keep - 1].low in PARTICLES or toks[keep - 1].low.startswith(
                ("al-", "bin-", "el-"))):
            keep += 1
        return [Run(toks[:keep], run.line, title=run.title, cue=run.cue)]
    return [run]


def find_name_candidates(text: str) -> list[NameCandidate]:
    """Names in ``text`` that look like people, organisations, places, weapons or events.

    Offsets are exact character offsets into ``text``; spans never overlap and come in order.
    """
    from desktop.core.entities.classify import classify_runs

    lists = name_lists()
    lines = tokenize(text)
    runs = [run for line in lines for run in cut_runs(line, lists)]
    out = classify_runs(text, lines, runs, lists)
    return [
        NameCandidate(s, e, text[s:e], kind, round(conf, 2), reason)
        for s, e, kind, conf, reason in out
        if kind in kinds.KINDS
    ]
