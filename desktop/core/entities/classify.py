"""Decide what kind of name each run of capitalised words is, and say why.

Each run gets the first cue that applies, strongest first: a dateline, a title before it
("Gen."), a designator inside it ("... Forces", "Ministry of ..."), a known place or organisation,
a role word before it ("spokeswoman"), a given name, "said" after it, a place word around it
("near", "province"), and last a guess from its shape. Then the story is read as a whole: once
"Phil Simmons" is a person, "Simmons" alone is too, and once "Leicestershire" is an organisation
in the body, "LEICESTERSHIRE" in the all-caps headline is the same organisation. Capitals at a
sentence start or in headlines only count when one of these cues backs them.
"""

from __future__ import annotations

import re

from desktop.core.entities import kinds
from desktop.core.entities.namelists import NameLists
from desktop.core.entities.patterns import Run
from desktop.core.entities.story import (
    NAMEABLE,
    SPORTS_WORDS,
    Result,
    doc_names,
    is_team,
    key_of,
    known_phrase,
    listed_with_places,
    neighbours,
    sub_matches,
    surnames_confirm_people,
)
from desktop.core.entities.tokens import Line, Token

#: Verbs of saying after a person's name ("Esper said").
SPEECH = frozenset(
    [
        "said", "says", "told", "added", "wrote", "stated", "explained", "asked", "tweeted", "warned",
        "insisted", "acknowledged", "confirmed", "denied", "claimed", "noted", "argued",
    ]
)
#: Prepositions before a place ("in Karbala", "near Jurf al-Nasr").
PLACE_PREPS = frozenset(["in", "near", "outside", "across", "into", "around", "throughout", "inside", "via"])
#: Nouns before "of" that name a place ("the area of Jurf al-Nasr").
AREA_WORDS = frozenset(
    [
        "area", "areas", "city", "town", "village", "villages", "province", "district", "region",
        "outskirts", "suburb", "suburbs", "governorate", "capital", "port", "island", "islands",
    ]
)
#: First words of an event's name ("Operation Inherent Resolve", "Battle of Mosul").
EVENT_FIRST = frozenset({"operation", "battle", "siege", "eid"})
#: Lower-case words after an armed group's name ("Hashd al-Shaabi units", "Hezbollah fighters").
FIGHTERS_AFTER = frozenset(
    [
        "fighters", "militants", "militiamen", "gunmen", "units", "rebels", "insurgents", "jihadists",
        "guerrillas", "operatives",
    ]
)
#: Lower-case words after an organisation's name ("Pentagon officials", "Hamas spokesman").
MEMBERS_AFTER = frozenset(
    [
        "official", "officials", "spokesman", "spokeswoman", "spokesperson", "leader", "leaders", "members",
        "member", "commander", "commanders", "chief", "executives", "staff", "delegation", "envoy",
        "envoys",
    ]
)
#: Lower-case words after a company's name, or after its possessive ("Gencor shares", "Comelf 's
#: output").
COMPANY_AFTER = frozenset(
    [
        "shares", "stock", "stocks", "shareholders", "profit", "profits", "earnings", "revenue",
        "revenues", "sales", "subsidiary", "subsidiaries", "unit", "plant", "plants", "factory",
        "output", "chairman", "takeover", "bid", "bonds", "results", "dividend", "turnover",
    ]
)
#: Lower-case nouns that stand right before an organisation's name in apposition ("the daily El
#: Mundo", "supermarkets group Carrefour", "operator Statoil", "news agency Petra").
ORG_NOUNS_BEFORE = frozenset(
    [
        "company", "companies", "group", "firm", "maker", "makers", "manufacturer", "producer", "operator",
        "carrier", "airline", "insurer", "retailer", "chain", "conglomerate", "broker", "brokerage",
        "bank", "lender", "arranger", "underwriter", "daily", "dailies", "newspaper", "weekly", "journal",
        "magazine", "agency", "broadcaster", "network", "station", "club", "side", "party", "outfit",
        "subsidiary", "unit", "supplier", "distributor", "publisher", "developer", "exporter", "importer",
        "refiner", "utility", "miner", "giant", "rival", "partner", "newsletter", "tabloid", "website",
        "channel", "outlet",
    ]
)
#: Lower-case nouns right after an organisation's name ("Bernama news agency", "Likud party",
#: "Sky television", "the Daily Telegraph newspaper").
ORG_NOUNS_AFTER = frozenset(
    [
        "newspaper", "daily", "weekly", "news", "agency", "radio", "television", "magazine",
        "group", "club", "airline", "brokerage", "conglomerate", "broadcaster", "network",
    ]
)
#: Words between "shares" and a company's name ("shares of Gazprom", "a stake in Cofinec").
_SHARES_BEFORE = frozenset(["shares", "stake", "stock", "holding", "bid", "takeover"])
_DIRECTIONS = frozenset(
    [
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northern",
        "southern", "eastern", "western",
    ]
)
_DATE = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
_MONTHS = frozenset(
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december",
    ]
)
#: Words that make an organisation only as the head of "X of Y".
_HEAD_ORGS = frozenset(["bank", "banks"])
_KIND_WORD = {
    kinds.ORGANISATION: "an organisation",
    kinds.ARMED_GROUP: "an armed group or unit",
    kinds.PLACE: "a place",
    kinds.EVENT: "an event",
    kinds.PERSON: "a person",
}


def _before_a_score(run: Run) -> bool:
    """ "Red Star 4 4 0 0 9 3 12", "Greenock Morton 1 Falkirk 0": a number right after the name."""
    _, _, nxt = neighbours(run)
    return nxt is not None and nxt.number


def _plural_side(run: Run, lists: NameLists) -> bool:
    """ "the Mariners", "the Springboks", "the New York Yankees": a team, in a sports report."""
    prev, _, _ = neighbours(run)
    last = run.toks[-1].low
    return (prev is not None and prev.low == "the" and len(last) > 3 and last.endswith("s")
            and not last.endswith("ss") and last not in lists.demonyms and last[:-1] not in lists.demonyms
            and not all(t.acronym for t in run.toks))


def _owned_word(run: Run) -> str:
    """The lower-case word after the name, or after its possessive "'s"."""
    toks = run.line.tokens
    i = run.toks[-1].i + 1
    if i < len(toks) and toks[i].text in ("'s", "’s", "'"):
        i += 1
    if i < len(toks) and toks[i].word and not toks[i].cap:
        return toks[i].low
    return ""


#: Words a company's report leads with after "said" ("Atria said it expected", "Lenzing said its").
_IT_WORDS = frozenset(["its", "it"])
#: What may stand between "said" and "it": a day, "earlier", "on Thursday", "in a statement".
_SAID_FILLERS = frozenset(["on", "in", "a", "statement", "earlier", "late", "today", "yesterday", "also",
                           "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])


def _said_it(run: Run) -> bool:
    """ "Lenzing said it posted", "Atria Oy said in a statement on Monday it expected": a body that
    speaks of itself as "it" is an organisation, not a person."""
    toks = run.line.tokens
    i = run.toks[-1].i + 1
    if i >= len(toks) or toks[i].low not in ("said", "says"):
        return False
    for tok in toks[i + 1 : i + 7]:
        if tok.low in _IT_WORDS:
            after = toks[tok.i + 1] if tok.i + 1 < len(toks) else None
            return tok.low == "its" or (after is not None and after.word and not after.cap
                                        and after.low not in ("is", "was"))
        if tok.low not in _SAID_FILLERS:
            return False
    return False


_INNINGS = re.compile(r"\d{2,3}(?:-\d{1,2})?")
_INITIAL = re.compile(r"[A-Z]\.")


def _before_an_innings(run: Run) -> bool:
    """ "Kent 255-3 ( D. Fulton 64 ...", "Nottinghamshire 446-9 declared": a cricket side's score,
    then its batsmen by initial, or "declared"."""
    toks = run.line.tokens
    i = run.toks[-1].i + 1
    if i + 1 >= len(toks) or not _INNINGS.fullmatch(toks[i].text):
        return False
    after = toks[i + 1]
    if after.low == "declared":
        return True
    return after.text == "(" and i + 2 < len(toks) and bool(_INITIAL.fullmatch(toks[i + 2].text))


_MINUTE = re.compile(r"\d{1,3}(?:st|nd|rd|th)(?:[-+].*)?")
_BOWLING = re.compile(r"\d+(?:\.\d)?-\d+-\d+-\d+")


def _player_figures(run: Run) -> bool:
    """ "( Zeyer 52nd , Polster 86th )", "Donizetti ( 47th )", "Croft 29-6-64-1": a player, with
    the minute of a goal or bowling figures after the name."""
    toks = run.line.tokens
    i = run.toks[-1].i + 1
    if i >= len(toks):
        return False
    if toks[i].text == "(" and i + 2 < len(toks) and toks[i + 2].text == ")":
        i += 1
    return bool(_MINUTE.fullmatch(toks[i].text) or _BOWLING.fullmatch(toks[i].text))


def _after_a_country(run: Run, lists: NameLists) -> bool:
    """ "Carlos Checa ( Spain ) Honda 1:51.588": the team or make after a competitor's country,
    in a results line (a number or the line's end follows)."""
    toks = run.line.tokens
    a, b = run.toks[0].i, run.toks[-1].i
    if a < 4 or toks[a - 1].text != ")":
        return False
    try:
        open_at = max(j for j in range(max(0, a - 5), a - 1) if toks[j].text == "(")
    except ValueError:
        return False
    inside = tuple(t.low for t in toks[open_at + 1 : a - 1])
    if not inside or not (inside in lists.countries or lists.phrases.get(inside) == kinds.PLACE):
        return False
    if open_at == 0 or not toks[open_at - 1].cap:
        return False
    return b + 1 >= len(toks) or toks[b + 1].number


def _is_dateline(run: Run) -> bool:
    """ "BAGHDAD (Reuters) -", "LONDON 1996-08-30", "BEIRUT, Lebanon -", "DAMASCUS - ..." """
    first = run.toks[0]
    if (
        run.line.number > 3
        or first.i != 0
        or not all(t.text.isupper() and t.text.replace(".", "").isalpha() or not t.word for t in run.toks)
    ):
        return False
    _, _, nxt = neighbours(run)
    if nxt is None:
        return False
    if nxt.text == "(" or nxt.text == ",":
        return True
    if nxt.number:  # "LONDON 1996-08-30", not a standings row "BOSTON 74 58"
        return bool(_DATE.fullmatch(nxt.text)) or _next_is_month(run, nxt)
    return nxt.text in ("-", "–", "—") and run.line.style != "caps"


def _next_is_month(run: Run, nxt: Token) -> bool:
    toks = run.line.tokens
    return nxt.i + 1 < len(toks) and toks[nxt.i + 1].low.rstrip(".") in _MONTHS


def _designator(run: Run, lists: NameLists) -> tuple[str, str] | None:
    toks = run.toks
    if len(toks) < 2:
        return None
    last = toks[-1].low.replace(".", "")  # "S.A.", "N.V.", "Co."
    if last in lists.designators:
        return lists.designators[last], toks[-1].text
    for i, tok in enumerate(toks[:-1]):
        if toks[i + 1].low in ("of", "for") and tok.low in lists.designators:
            return lists.designators[tok.low], tok.text
        if toks[i + 1].low == "of" and tok.low in _HEAD_ORGS:
            return kinds.ORGANISATION, tok.text  # "Bank of Canada" (but "West Bank" is a place)
    if toks[0].low.rstrip(".") in lists.place_prefixes and toks[0].low not in ("al", "st", "san"):
        return kinds.PLACE, toks[0].text
    return None


def _cue_kind(run: Run, lists: NameLists) -> tuple[str, float, str] | None:
    """The kind a run's own words and its neighbours give it, strongest cue first."""
    toks, n = run.toks, len(run.toks)
    prev, prev2, nxt = neighbours(run)
    nxt_low = nxt.low if nxt is not None and nxt.word and not nxt.cap else ""
    if _is_dateline(run):
        return kinds.PLACE, 0.9, "dateline at the start of the story"
    if run.title:
        return kinds.PERSON, 0.85, f"after the title “{run.title}”"
    if n == 1 and toks[0].low.rstrip(".") in lists.designators and not known_phrase(toks, lists):
        return "", 0.0, ""  # "the Observatory said", "the Army": a word, not yet a name
    if n > 6 and (run.line.style != "text" or not any(t.low in ("of", "for") for t in toks)):
        return "", 0.0, ""  # a menu or a title-case slogan, not a name
    des = _designator(run, lists)
    if des:
        return des[0], 0.8, f"“{des[1]}” in the name usually means {_KIND_WORD[des[0]]}"
    if n <= 3 and _player_figures(run):
        return kinds.PERSON, 0.7, "a player, with a goal's minute or bowling figures after the name"
    if n <= 3 and toks[0].low not in lists.given_names and (
            _before_an_innings(run) or (n == 1 and _after_a_country(run, lists))):
        return kinds.ORGANISATION, 0.7, "a team in a results line (a score, or after a competitor's country)"
    if n >= 2 and toks[0].low in lists.armed_first and not run.title:
        return kinds.ARMED_GROUP, 0.75, f"“{toks[0].text}” opens the names of armed groups"
    if n >= 2 and toks[0].low in EVENT_FIRST:
        return kinds.EVENT, 0.7, f"“{toks[0].text}” starts the names of events"
    known = known_phrase(toks, lists)
    if known:
        word = "place" if known == kinds.PLACE else "organisation"
        return known, 0.85, f"in the list of well-known {word} names"
    if all(t.low in lists.demonyms for t in toks):
        return kinds.OTHER, 0.5, "a nationality, people or faith"
    if (prev is not None and prev.low in ("of", "in") and prev2 is not None and prev2.low in _SHARES_BEFORE
            and n <= 4 and toks[0].low not in lists.given_names):
        return kinds.ORGANISATION, 0.6, f"after “{prev2.text} {prev.text}”, as a company's name is"
    if (prev is not None and prev.low in ORG_NOUNS_BEFORE and n <= 4 and toks[0].low not in lists.given_names
            and not (prev2 is not None and prev2.cap)):
        return kinds.ORGANISATION, 0.6, f"after “{prev.text}”, as an organisation's name is"
    if nxt_low in ORG_NOUNS_AFTER and n <= 4 and toks[0].low not in lists.given_names:
        return kinds.ORGANISATION, 0.6, f"before “{nxt.text}”, as an organisation's name is"
    if nxt_low in FIGHTERS_AFTER and n <= 4:
        return kinds.ARMED_GROUP, 0.6, f"before “{nxt.text}”"
    if nxt_low in MEMBERS_AFTER and n <= 4 and toks[0].low not in lists.given_names:
        return kinds.ORGANISATION, 0.5, f"before “{nxt.text}”"
    owned = _owned_word(run)
    if owned in COMPANY_AFTER and n <= 4 and toks[0].low not in lists.given_names:
        return kinds.ORGANISATION, 0.6, f"before “{owned}”, as a company's name is"
    if nxt_low in lists.weapon_after:
        return kinds.WEAPON, 0.6, f"before “{nxt.text}”"
    if nxt_low in lists.place_after:
        return kinds.PLACE, 0.7, f"before “{nxt.text}”"
    if run.cue:
        return kinds.PERSON, 0.75, f"after “{prev.text}”"
    if any("&" in t.text for t in toks):
        return kinds.ORGANISATION, 0.7, "a name joined with “&”, like a firm's"
    first = toks[0].low
    if n >= 2 and first in lists.given_names and toks[-1].low not in lists.alone_words:
        return kinds.PERSON, 0.75, f"starts with the given name “{toks[0].text}”"
    if 2 <= n <= 4 and any(len(t.text) == 2 and t.text.endswith(".") for t in toks[:-1]):
        return kinds.PERSON, 0.75, "a name with an initial"
    told = prev is not None and (prev.low == "told" or (prev.low == "the" and prev2 is not None
                                                         and prev2.low == "told"))
    if told and n <= 4 and not any(t.low in lists.demonyms for t in toks):
        return (kinds.ORGANISATION, 0.55 if n > 1 else 0.5,
                "after “told”, where news copy names the outlet it spoke to")
    if n <= 4 and toks[0].low not in lists.given_names and _said_it(run):
        return kinds.ORGANISATION, 0.6, "“said it…”: a body that speaks of itself as “it”"
    if nxt_low in SPEECH and n <= 3 and not any((t.low,) in lists.phrases for t in toks):
        return kinds.PERSON, 0.6 if n > 1 else 0.5, f"before “{nxt.text}”"
    if prev is not None and prev.low in SPEECH and 2 <= n <= 3:
        return kinds.PERSON, 0.6, f"after “{prev.text}”"
    if n == 1 and toks[0].acronym and toks[0].low not in lists.alone_words:
        return kinds.ORGANISATION, 0.55, "an abbreviation, most often an organisation"
    if prev is not None and prev.low in PLACE_PREPS and n <= 3:
        return kinds.PLACE, 0.5, f"after “{prev.text}”"
    if (
        prev is not None
        and prev.low == "of"
        and prev2 is not None
        and (prev2.low in _DIRECTIONS or prev2.low in AREA_WORDS)
    ):
        return kinds.PLACE, 0.65, f"after “{prev2.text} of”"
    if n >= 2 and any(
        t.low in ("al", "bin", "ibn", "van", "von", "abu") or t.low.startswith(("al-", "bin-", "el-"))
        for t in toks[1:]
    ):
        return kinds.PERSON, 0.5, "a name with a particle like “al-” or “bin”"
    return None


def _guess(run: Run, lists: NameLists) -> tuple[str, float, str] | None:
    """A kind from the shape of a run no cue explains, or None when it is no name at all."""
    toks, n = run.toks, len(run.toks)
    if n == 1 and (toks[0].low in lists.alone_words or toks[0].low in lists.designators):
        return None
    place = next((t for t in toks if (t.low,) in lists.phrases and (not t.acronym or "." in t.text)), None)
    if n >= 2 and place is not None:
        return (
            kinds.ORGANISATION,
            0.45,
            f"a name that includes the place “{place.text}”, like a company or team",
        )
    if any(t.low in lists.alone_words or t.low in lists.strip_words for t in toks):
        return kinds.OTHER, 0.3, "capitalised words; kind uncertain"
    if 2 <= n <= 3:
        return kinds.PERSON, 0.4, "capitalised words shaped like a person's name"
    if n >= 4:
        return kinds.OTHER, 0.3, "a long run of capitalised words; kind uncertain"
    return kinds.OTHER, 0.3, "a capitalised word; kind uncertain"


def _needs_evidence(run: Run, lowered: set[str], lists: NameLists) -> bool:
    """A sentence-initial or headline run whose capitals may mean nothing."""
    if run.line.weak:
        return True
    if not run.toks[0].sent_start or run.line.style == "table":
        return False
    first = run.toks[0]
    if first.low in lowered or first.low in lists.alone_words:
        return True
    _, _, nxt = neighbours(run)
    return len(run.toks) == 1 and not (nxt is not None and nxt.text in ("'s", "’s"))


def classify_runs(text: str, lines: list[Line], runs: list[Run], lists: NameLists) -> list[Result]:
    """Kinds, confidences and reasons for the runs of one story, as non-overlapping spans."""
    del text
    lowered = {
        t.low
        for line in lines
        if not line.weak
        for t in line.tokens
        if t.word and not t.cap and not t.sent_start
    }
    capital_mid = {
        t.low for line in lines if line.style == "text" for t in line.tokens if t.cap and not t.sent_start
    }
    sports = len(lowered & SPORTS_WORDS) >= 3 or sum(ln.style == "table" for ln in lines) >= 3
    firm: dict[int, list] = {}  # start -> [run, kind, confidence, reason]
    pending: list[Run] = []
    teams: set[tuple[str, ...]] = set()
    people_lines = {
        id(r.line)
        for r in runs
        if r.line.style == "table"
        and 2 <= len(r.toks) <= 3
        and (r.toks[0].low in lists.given_names or r.toks[0].text.endswith("."))
    }
    for run in runs:
        cue = _cue_kind(run, lists)
        backed = run.toks[0].low in capital_mid and run.toks[0].low not in lowered
        if (
            _needs_evidence(run, lowered, lists)
            and not (cue and ((not run.line.weak and (cue[1] >= 0.7 or len(run.toks) > 1)) or cue[1] >= 0.85))
            and not (backed and not run.line.weak)
        ):
            pending.append(run)
            continue
        guess = cue or _guess(run, lists)
        if guess is None or not guess[0]:
            continue
        kind, conf, reason = guess
        country = key_of(run.toks) in lists.countries
        if run.line.style == "table" and kind == kinds.PLACE and conf < 0.9 and not country:
            kind, conf, reason = kinds.ORGANISATION, 0.6, "a team in a results table"
        elif run.line.style == "table" and cue is None and len(run.toks) == 1:
            if id(run.line) in people_lines:
                kind, conf, reason = kinds.PERSON, 0.45, "a name in a list of people"
            else:
                kind, conf, reason = kinds.ORGANISATION, 0.5, "a name in a results table"
        elif (run.line.style == "table" and cue is None and 2 <= len(run.toks) <= 3
              and id(run.line) not in people_lines and _before_a_score(run)):
            kind, conf, reason = kinds.ORGANISATION, 0.5, "a side in a results table"
        elif sports and _plural_side(run, lists) and conf < 0.8:
            kind, conf, reason = kinds.ORGANISATION, 0.6, "“the” and a plural name in a sports report: a team"
        elif sports and is_team(run, kind, conf, lists):
            kind, conf, reason = kinds.ORGANISATION, 0.6, "a side in a sports report"
        if reason.startswith(("a team", "a side")):
            teams.add(key_of(run.toks))
        firm[run.start] = [run, kind, conf, reason]
    listed_with_places(firm, lists)
    surnames_confirm_people(firm)
    names = doc_names(firm)
    people = {key for key, (kind, _) in names.items() if kind == kinds.PERSON}
    for item in firm.values():  # "Jansher beat Eyles": players, not teams, once named in full
        if key_of(item[0].toks) in people and item[3].startswith(("a team", "a side")):
            item[1:] = [kinds.PERSON, 0.6, f"the story names “{names[key_of(item[0].toks)][1]}”"]
    for key in teams - people:
        names.setdefault(key, (kinds.ORGANISATION, " ".join(key).title()))
        names[key] = (kinds.ORGANISATION, names[key][1])
    out: list[Result] = []
    for run, kind, conf, reason in firm.values():
        key = key_of(run.toks)
        hit = names.get(key)
        if (
            hit
            and hit[0] in NAMEABLE
            and hit[0] != kind
            and (
                conf <= 0.5
                or (key in teams and "dateline" not in reason)
                or (hit[0] == kinds.PERSON and len(key) == 1 and kind == kinds.PLACE and conf < 0.9)
            )
        ):
            kind, conf, reason = hit[0], 0.6, f"the story names “{hit[1]}” elsewhere"
        out.append((run.start, run.end, kind, conf, reason))
    for run in pending:
        out.extend(sub_matches(run, lists, names))
    out.sort()
    return out
