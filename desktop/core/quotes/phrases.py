"""Tokens, sentences and the noun phrases that name speakers.

Attribution needs only a little syntax: where a sentence ends, and which words before a speech
verb (or after "according to") make up its subject. A full parser would be slower than the
whole quotation pass and no more reliable on wire copy's appositives ("Gen. Kenneth McKenzie,
head of U.S. Central Command, blamed ..."), so this module reads noun phrases with a few
rules over capitalisation and the word lists in :mod:`.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .knowledge import knowledge

from .lexicon import (
    ADVERBS,
    DETERMINERS,
    GROUP_NOUNS,
    MEDIUM_NOUNS,
    NP_LINKS,
    NP_MODIFIERS,
    ORG_NOUNS,
    ORG_PRONOUNS,
    ORG_WORDS,
    PARTICLES,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    SPEECH_VERBS,
    STATES,
    TIME_LEADS,
    TIME_WORDS,
    TITLE_WORDS,
)

__all__ = ["Phrase", "Token", "analyse", "collect_left", "collect_right", "is_nickname", "sentence_breaks", "strip_clause_words",
           "tokenize"]

PERSON = "person"
ORGANISATION = "organisation"

_TOKEN = re.compile(r"[^\W_]+(?:[.'’\-]+[^\W_]+)*\.?|[,;:()\[\]—–]", re.UNICODE)
_ABBREVIATIONS = frozenset(
    ["gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "brig", "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "no", "jr", "sr", "inc", "corp", "co", "vs", "mt", "ft"]
)
_BREAK = re.compile(r"[.!?][\"”’'»)]*\s+(?=[\"“‘'«(]?[A-Z0-9])")
_CLAUSE_STOPS = frozenset(
    ["and", "but", "or", "so", "yet", "however", "meanwhile", "while", "when", "after", "before", "asked", "if", "although", "though", "because", "since", "even", "which", "who", "whom", "whose", "that", "where", "as", "than"]
)


class Token:
    """A word or punctuation mark with its offsets; ``low`` and ``capital`` are computed once
    because the resolver asks for them hundreds of thousands of times on a corpus."""

    __slots__ = ("capital", "end", "low", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.low, self.capital = _word_info(text)

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


@dataclass(frozen=True)
class Phrase:
    """A speaker phrase as read: ``name`` is what to report, ``anaphor`` what still needs resolving."""

    surface: str
    start: int
    end: int
    name: str | None
    kind: str | None
    role: str | None
    anaphor: str | None = None  # "he", "it", or a head noun ("spokesperson", "statement")


@lru_cache(maxsize=65536)
def _word_info(text: str) -> tuple[str, bool]:
    """``(low, capital)`` of a token's text, computed once per distinct word."""
    low = text.lower() if _is_abbrev(text) else text.lower().rstrip(".")
    head = text[3:] if text[:3].lower() in ("al-", "el-") else text
    return low, head[:1].isupper()


@lru_cache(maxsize=65536)
def _is_abbrev(text: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Za-z]\.){2,}-?\w*|[A-Z]\.", text)) or text.rstrip(".").lower() in _ABBREVIATIONS


#: A quoted single word between a given name and a surname: a nickname (``John "Bud" Frazier``).
_NICKNAME = re.compile(r"[\"“'‘][A-Z][\w'’.\-]*[\"”'’]")
_NAME_AFTER = re.compile(r"[A-Z][a-z]")
_WORD_BEFORE = re.compile(r"([A-Z][a-z]+) $")
#: A tokenised initial, its full stop spaced off (``Jumaane D . Williams``), before a capitalised word.
_SPACED_INITIAL = re.compile(r"\b([A-Z]) \.(?= [A-Z])")


def is_nickname(body: str, start: int, end: int) -> bool:
    """Whether the quotation ``body[start:end]`` (marks included) is a nickname inside a name
    (``John "Bud" Frazier``): part of the name, not a quotation."""
    return bool(_NICKNAME.fullmatch(body, max(0, start), end)) and body[end:end + 1] == " " \
        and bool(_NAME_AFTER.match(body, end + 1)) and bool(_WORD_BEFORE.search(body, max(0, start - 30), start))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    if text.find(" .", start, stop) < 0:
        return [Token(m.group(), *m.span()) for m in _TOKEN.finditer(text, start, stop)]
    # Tokenised copy spaces the full stop off an initial: "D ." is read as the initial "D.".
    initials = {m.start(): m.end() for m in _SPACED_INITIAL.finditer(text, start, stop)}
    tokens = []
    for m in _TOKEN.finditer(text, start, stop):
        end_initial = initials.get(m.start())
        if end_initial is not None and m.end() == m.start() + 1:
            tokens.append(Token(m.group() + ".", m.start(), end_initial))
        else:
            tokens.append(Token(m.group(), *m.span()))
    return tokens



def sentence_breaks(body: str, lo: int, hi: int) -> list[int]:
    """Offsets where a sentence starts inside ``body[lo:hi]`` (abbreviations do not end one)."""
    breaks = []
    for m in _BREAK.finditer(body, lo, hi):
        word = re.search(r"(\S+)$", body[max(lo, m.start() - 20):m.start() + 1])
        if word and _is_abbrev(word.group(1).strip("\"“”'‘’(")) and body[m.start()] == ".":
            continue
        if body[m.start()] == "." and _SPACED_INITIAL.match(body, m.start() - 2):
            continue  # a tokenised initial ("Jumaane D . Williams") does not end a sentence
        breaks.append(m.end())
    return breaks


def _np_word(tok: Token) -> bool:
    low = tok.low
    if low in _CLAUSE_STOPS:
        return False
    if tok.capital or tok.text[:1].isdigit():
        return True
    return (
        low in PERSON_ROLES or low in ORG_NOUNS or low in NP_LINKS or low in NP_MODIFIERS
        or low in DETERMINERS or low in PARTICLES or low.endswith(("'s", "’s"))
    )


def _collect_back(tokens: list[Token], j: int, floor: int) -> int:
    """Index of the first token of the noun phrase ending at ``tokens[j]``."""
    k = j
    while k >= floor and (_np_word(tokens[k]) or _title_link(tokens, k, floor) or _modifier(tokens, k, j)):
        low = tokens[k].low
        if low in PERSON_PRONOUNS | ORG_PRONOUNS:
            return k if k == j else k + 1
        if low in DETERMINERS and not (k - 1 >= floor and tokens[k - 1].low in NP_LINKS) and not (
            low == "the" and k - 1 >= floor and tokens[k - 1].capital and not tokens[k - 1].text.startswith("\x00")
            and any(t.low in PERSON_ROLES for t in tokens[k + 1:min(j + 1, k + 6)])
        ):  # "Ammar al-Selmo the head of ...": a name with its uncommaed appositive
            return k
        k -= 1
    return k + 1


def _modifier(tokens: list[Token], k: int, j: int) -> bool:
    """A lower-case adjective inside a speaker phrase, before its role or institution noun
    ("regional humanitarian coordinator", "state news agency", "state TV")."""
    low = tokens[k].low
    if not low.isalpha() or low in _CLAUSE_STOPS or low.endswith(("ed", "ing")) or low in ADVERBS or low in SPEECH_VERBS:
        return False
    for t in tokens[k + 1:min(j + 1, k + 4)]:
        if t.low in PERSON_ROLES or t.low in ORG_NOUNS or (len(t.text) > 1 and t.text.isupper()):
            return True
        if not (t.low.isalpha() and not t.capital):
            return False
    return False


def _title_link(tokens: list[Token], k: int, floor: int) -> bool:
    """"to" inside a title before a name: "US Ambassador to Israel Mike Huckabee"."""
    return (tokens[k].low == "to" and k - 1 >= floor and tokens[k - 1].capital and tokens[k - 1].low in TITLE_WORDS
            and k + 1 < len(tokens) and tokens[k + 1].capital)


_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight"])


def _skip_adverbials(tokens: list[Token], j: int, floor: int) -> int:
    """Step back over what may stand between a subject and its verb: "also", "on Thursday",
    "last September", "in an emailed statement"."""
    while j >= floor:
        low = tokens[j].low
        if low in ADVERBS and low not in TIME_WORDS:
            j -= 1
        elif low in TIME_WORDS and (low in _WEEKDAYS or (j - 1 >= floor and tokens[j - 1].low in TIME_LEADS)):
            j -= 1
            while j >= floor and tokens[j].low in TIME_LEADS:
                j -= 1
        elif low in MEDIUM_NOUNS:
            back = j - 1
            while back >= floor and back > j - 4 and not tokens[back].capital and tokens[back].low not in ("in", "during", "via"):
                back -= 1
            if back >= floor and tokens[back].low in ("in", "during", "via"):
                j = back - 1
            else:
                break
        else:
            break
    return j


def _relative_head(tokens: list[Token], k: int, floor: int) -> int | None:
    """If the words before a subject are a relative clause ("X who was wounded in the blast
    described"), the index of the last word of the noun it describes (X)."""
    for r in range(k - 1, max(floor - 1, k - 16), -1):
        low = tokens[r].low
        if tokens[r].text in ",;:()" or tokens[r].text.startswith("\x00"):
            return None
        if low in ("which", "who"):
            return r - 1 if r - 1 >= floor and _np_word(tokens[r - 1]) else None
    return None


def collect_left(tokens: list[Token], verb: int, floor: int) -> tuple[list[Token], list[Token]]:
    """The subject of the verb at ``tokens[verb]`` and any appositive (its role), both possibly empty."""
    j = _skip_adverbials(tokens, verb - 1, floor)
    if j - 2 >= floor and tokens[j].text == ")" and tokens[j - 2].text == "(" and _is_acronym(tokens[j - 1]) \
            and tokens[j - 3].capital:
        acronym = tokens[j - 1].text.rstrip(".").rstrip("s")
        j -= 3  # "the Syrian Network for Human Rights (SNHR) said": the acronym repeats the name
        k = _collect_back(tokens, j, floor)
        initials = "".join(t.text[0] for t in tokens[k:j + 1] if t.capital)
        if not initials.endswith(acronym):
            return [], []  # the words read are not the name the acronym stands for: say nothing
    if j >= floor and tokens[j].low in PERSON_PRONOUNS | ORG_PRONOUNS:
        return [tokens[j]], []
    appositive: list[Token] = []
    if j >= floor and tokens[j].text == ",":
        j -= 1
        k2 = next((k for k in range(j, floor - 1, -1) if tokens[k].text in ",;:()"), None)
        if k2 is not None and tokens[k2].text == "," and k2 + 1 <= j and not tokens[k2 + 1].capital:
            appositive = tokens[k2 + 1:j + 1]
            j = k2 - 1
    if j < floor:
        return [], []
    k = _collect_back(tokens, j, floor)
    relative = _relative_head(tokens, k, floor)
    if relative is not None:  # "the coalition which calls itself X has said": the coalition
        j = relative
        k = _collect_back(tokens, j, floor)
    phrase = tokens[k:j + 1]
    while phrase and phrase[0].low in NP_LINKS - DETERMINERS:
        phrase = phrase[1:]
    if phrase and not appositive and not phrase[0].capital and phrase[0].low in PERSON_ROLES and k - 1 >= floor and tokens[k - 1].text == ",":
        appositive, j = phrase, k - 2
        k = _collect_back(tokens, j, floor) if j >= floor else j + 1
        phrase = tokens[k:j + 1]
    if not any(t.capital or t.low in PERSON_ROLES | ORG_NOUNS | PERSON_PRONOUNS | ORG_PRONOUNS for t in phrase):
        return [], []
    return phrase, appositive


def collect_right(tokens: list[Token], i: int, limit: int) -> list[Token]:
    """The noun phrase starting at ``tokens[i]`` ("Pentagon spokeswoman, Alyssa Farah" included)."""
    out: list[Token] = []
    k = i
    while k < limit:
        tok = tokens[k]
        if tok.low in SPEECH_VERBS and not tok.capital:
            break
        if tok.low in PERSON_PRONOUNS | ORG_PRONOUNS:
            return [tok] if not out else out
        if tok.low == "by" and out and out[-1].low in ("statement", "report", "communique"):
            out.append(tok)
        elif tok.text == "," and out and out[-1].low in PERSON_ROLES and k + 1 < limit and tokens[k + 1].capital or _np_word(tok) and tok.text not in ",;:()":
            out.append(tok)
        else:
            break
        k += 1
    while out and (out[-1].low in NP_LINKS or out[-1].text == ","):
        out.pop()
    return out


def _clean(word: str) -> str:
    return word[:-1] if word.endswith(".") and not _is_abbrev(word) else word


def _join(tokens: list[Token]) -> str:
    text = ""
    for i, tok in enumerate(tokens):
        word = _clean(tok.text) if i == len(tokens) - 1 else tok.text
        text += word if (not text or word in ",;:") else " " + word
    return text


def _is_org_word(tok: Token) -> bool:
    low = re.sub(r"['’]s$", "", tok.low)
    return low in ORG_WORDS or low in ORG_NOUNS


def analyse(phrase: list[Token], appositive: list[Token], body: str) -> Phrase | None:
    """Read a speaker phrase: a pronoun, a definite description, an organisation or a person."""
    if not phrase:
        return None
    start, end = phrase[0].start, phrase[-1].start + len(_clean(phrase[-1].text))
    surface = body[start:end]
    words = [t for t in phrase if t.text != ","]
    while len(words) > 1 and words[-1].text[:1].isdigit():
        words = words[:-1]  # "Ahmed 24 said": an age, not part of the name
    role_from_appositive = _join(appositive).strip(", ") or None
    if len(words) == 1 and words[0].low in PERSON_PRONOUNS:
        return Phrase(surface, start, end, None, PERSON, None, anaphor="he")
    if len(words) == 1 and words[0].low in ORG_PRONOUNS:
        return Phrase(surface, start, end, None, ORGANISATION, None, anaphor="it")
    definite = words[0].low in DETERMINERS
    indefinite = words[0].low in ("a", "an")  # introduces someone new: never resolved backwards
    if definite and len(words) > 1 and words[-1].low in ORG_NOUNS and all(
        t.low.endswith("-based") for t in words[1:-1] if t.capital
    ) and any(t.capital for t in words):  # "the Britain-based group": the group named before
        return Phrase(surface, start, end, _join(words[1:]), ORGANISATION, None, anaphor=words[-1].low)
    words = [t for t in words if t.low not in DETERMINERS] if definite else words
    words = strip_clause_words(words)
    if not words or _possessive(words[-1]):
        return None  # "the Trump administration's ...": a modifier, never the speaker
    for n, tok in enumerate(words[:-2]):
        if tok.low in ("statement", "report", "communique") and words[n + 1].low in ("by", "from", "of"):
            inner = analyse(words[n + 2:], [], body)  # "a statement by the Russian defence ministry"
            return None if inner is None else Phrase(surface, start, end, inner.name, inner.kind, inner.role, inner.anaphor)
    if len(words) >= 2 and _is_acronym(words[-1]) and not words[-2].capital and words[-2].low not in PERSON_ROLES:
        # "state-run news agency SANA" names it; "Syrian state TV" is a description with its acronym.
        name = words[-1].text if words[-2].low in _MEDIA_HEADS else _join(words)
        return Phrase(surface, start, end, name, ORGANISATION, None)
    if words[-1].low == "statement":
        rest = words[:-1]
        if not rest:
            return Phrase(surface, start, end, None, ORGANISATION, None, anaphor="statement")
        return Phrase(surface, start, end, _join(rest), ORGANISATION, None)
    joined = _join(words)
    if knowledge().is_country(joined) or joined.lower() in STATES:
        return Phrase(surface, start, end, joined, ORGANISATION, None)  # "Saudi Arabia then said": a state
    # "spokesperson for the Popular Mobilization Forces": the institution speaks through a role.
    if words[0].low in PERSON_ROLES and len(words) > 2 and words[1].low in NP_LINKS and any(t.capital for t in words[2:]):
        if definite and not words[0].low.startswith("spokes"):
            # "the member of parliament from ...", "the head of the agency": someone named before.
            return Phrase(surface, start, end, _join(words), PERSON, None, anaphor=words[0].low)
        org = [t for t in words[2:] if t.low not in DETERMINERS]
        return Phrase(surface, start, end, _join(org), ORGANISATION, words[0].low)
    # "Rami Abdel Rahman head of the Syrian Observatory" (an appositive without its commas).
    lead = _leading_name(words)
    if lead and lead < len(words):
        return _person(surface, start, end, words[:lead], [], _join(words[lead:]))
    # A person: trailing capitalised words that are neither titles nor institutions.
    k = len(words)
    while k > 0 and (words[k - 1].capital or words[k - 1].low in PARTICLES) and words[k - 1].low not in TITLE_WORDS \
            and not _is_org_word(words[k - 1]) and not _possessive(words[k - 1]):
        k -= 1
    name, title = words[k:], words[:k]
    given = next((n for n, t in enumerate(name) if knowledge().gender_of_given(t.text) or t.low in knowledge().given), 0)
    if given and len(name) - given >= 2 and not any(t.low in PARTICLES for t in name[:given]):
        title, name = title + name[:given], name[given:]  # "The New Arab Mona Kurdi": Mona Kurdi
    if len(name) == 1 and name[0].text.isupper() and len(name[0].text) > 1 and (not title or not title[-1].capital):
        return Phrase(surface, start, end, name[0].text, ORGANISATION, None)  # "news agency SANA"
    if name and (title or len(name) >= 2 or (len(name) == 1 and name[0].low not in STATES)):
        cut_name = any(t.low in NP_LINKS or t.low == "to" for t in title) and len(name) > 2
        if cut_name:
            # "Under Secretary General for Humanitarian Affairs Stephen OBrien": the name is the end.
            cut = len(name) - 2
            while cut > 0 and name[cut - 1].low in PARTICLES:
                cut -= 1
            title, name = title + name[:cut], name[cut:]
        if title and not cut_name and any(_is_org_word(t) for t in title) and not (
            title[-1].low in PERSON_ROLES or title[-1].low in TITLE_WORDS
        ) and not any(t.low in PERSON_ROLES and not t.capital for t in title):
            pass  # "Syrian Observatory for Human Rights": an institution's name, not a person's
        elif len(name) == 1 and title and title[-1].low in _LOCATIVES and not title[-1].capital \
                and name[0].low not in TIME_WORDS and not any(t.capital and not _is_acronym(t) for t in title[:-1]):
            # "one woman in Qeshm told AFP": the capitalised word is where she is, not who she is
            return Phrase(surface, start, end, _join(words), PERSON, _join(title[:-1]) or None, anaphor=None)
        elif not title or all(t.capital or t.low in NP_MODIFIERS or t.low.endswith(("'s", "’s")) for t in title) or any(
            t.low in PERSON_ROLES or t.low in TITLE_WORDS for t in title
        ):
            return _person(surface, start, end, name, title, role_from_appositive)
    if not any(t.capital for t in words):
        head = words[-1].low
        if definite and head in GROUP_NOUNS:
            return Phrase(surface, start, end, _join(words), ORGANISATION, None)
        if not indefinite and (definite or (head in ORG_NOUNS and head not in GROUP_NOUNS)):
            kind = PERSON if head in PERSON_ROLES else ORGANISATION
            fallback = None if head in ("statement", "group") else _join(words)
            return Phrase(surface, start, end, fallback, kind, None, anaphor=head)
    if definite and len(words) >= 2 and words[-1].low in PERSON_ROLES and not words[-1].capital \
            and any(t.capital for t in words[:-1]):
        # "added the UNICEF director": someone introduced before by that role, not a new speaker
        return Phrase(surface, start, end, _join(words), PERSON, None, anaphor=words[-1].low)
    # "Syrias opposition National Coalition": a description glued before an institution's name.
    k = len(words)
    while k > 0 and (words[k - 1].capital or words[k - 1].low in PARTICLES):
        k -= 1
    if 0 < k <= len(words) - 2 and words[k].capital and words[k - 1].low not in NP_LINKS \
            and words[k - 1].low not in PERSON_ROLES and any(_is_org_word(t) for t in words[k:]):
        return Phrase(surface, start, end, _join(words[k:]), ORGANISATION, _join(words[:k]))
    head = words[-1].low
    kind = PERSON if head in PERSON_ROLES else ORGANISATION
    role = _join([t for t in words if not t.capital]) if kind == PERSON else None
    return Phrase(surface, start, end, _join(words), kind, role)


def _leading_name(words: list[Token]) -> int:
    """Length of a person name opening ``words`` and followed by a lowercase role, else 0."""
    k = 0
    while k < len(words) and (words[k].capital or (k and words[k].low in PARTICLES)):
        if k >= 2 and (_is_acronym(words[k]) or _possessive(words[k])):
            break  # "Kevin Kennedy OCHAs regional humanitarian coordinator": the name is before
        if _is_org_word(words[k]) or words[k].low in TITLE_WORDS or words[k].low in STATES:
            return 0
        k += 1
    if k < 1 or k >= len(words) or knowledge().is_place(_join(words[:k])) or (k == 1 and _is_acronym(words[0])) \
            or _possessive(words[k - 1]):
        return 0
    roles = [n for n in range(k, len(words)) if words[n].low in PERSON_ROLES and not words[n].capital]
    if roles and roles[0] + 1 < len(words) and words[roles[0] + 1].capital:
        return 0  # "EUs diplomatic chief Federica Mogherini": a title before the name, not after it
    nxt = words[k]
    if _possessive(nxt):
        return 0  # "Trump administration's envoy": the name is a modifier
    if not nxt.capital and (nxt.low in PERSON_ROLES or nxt.low in DETERMINERS
                            or any(t.low in PERSON_ROLES for t in words[k:k + 5] if not t.capital)):
        return k
    if nxt.low in ("of", "at", "from", "with") and k >= 2 and words[0].low in knowledge().given:
        return k  # "Charles Bradford of Merrill Lynch and Co."
    if nxt.capital and k >= 2 and (_is_acronym(nxt) or _possessive(nxt)) and any(
            t.low in PERSON_ROLES for t in words[k:k + 6] if not t.capital):
        return k
    return 0


#: Prepositions of place: a capitalised word after one is a location ("a woman in Qeshm").
_LOCATIVES = frozenset(["in", "at", "near", "from", "outside", "inside"])
_MEDIA_HEADS = frozenset(["agency", "channel", "broadcaster", "network", "daily", "newspaper", "outlet", "station", "site", "website"])


def _is_acronym(tok: Token) -> bool:
    """"SANA", "OCHA", "OCHAs" (an acronym, possibly with a possessive s that lost its apostrophe)."""
    text = tok.text.rstrip(".")
    core = text[:-1] if text.endswith("s") else text
    return len(core) >= 2 and core.isalpha() and core.isupper()


def _possessive(tok: Token) -> bool:
    return tok.low.endswith(("'s", "’s", "s'", "s’"))


def strip_clause_words(words: list[Token]) -> list[Token]:
    """Drop capitalised clause openers glued to a name: "When Trump", "Assuming Trump", "The Trump"."""
    strip = knowledge().strip
    k = 0
    while k < len(words) - 1 and words[k].capital and (
        words[k].low in strip or (words[k].low.endswith("ing") and words[k].low not in knowledge().given)
    ) and words[k].low not in TITLE_WORDS:
        k += 1
    return words[k:]


def _person(surface: str, start: int, end: int, name: list[Token], title: list[Token], appositive: str | None) -> Phrase:
    role = " ".join(t.text for t in title).strip(", ") or appositive
    if title and appositive:
        role = f"{role}, {appositive}"
    return Phrase(surface, start, end, _join(name), PERSON, role)
