"""What a story as a whole says about its names, beyond any single sentence.

News names a person in full once and by surname after ("Tara Reid ... Reid said"), lists places
together ("Jurf al-Nasr, al-Musayyib, Najaf and Alexandria"), defines abbreviations in brackets
("Popular Mobilization Forces (PMF)") and, in sports reports, uses places as sides ("Leicestershire
beat Somerset"). These passes run after each run of capitals has its own guess (``classify``)
and lend the confident names to the unsure ones, to sentence-initial words and to headlines.
Results are ``[run, kind, confidence, reason]`` lists, changed in place.
"""

from __future__ import annotations

from desktop.core.entities import kinds
from desktop.core.entities.namelists import NameLists
from desktop.core.entities.patterns import Run
from desktop.core.entities.tokens import Token

#: (start, end, kind, confidence, reason)
Result = tuple[int, int, str, float, str]
#: Kinds that the rest of a story can lend to a bare mention.
NAMEABLE = (kinds.PERSON, kinds.ORGANISATION, kinds.ARMED_GROUP, kinds.PLACE)


def key_of(toks: list[Token]) -> tuple[str, ...]:
    return tuple(t.low for t in toks)



def surface_of(toks: list[Token]) -> str:
    return " ".join(t.text for t in toks)



def known_phrase(toks: list[Token], lists: NameLists) -> str | None:
    """The kind of a listed place or organisation, or None.

    Entries that are also words ("US", "WHO", "IS", "AP") count only in capitals, and never in
    an all-caps line, where "WHO IS" is just words.
    """
    kind = lists.phrases.get(key_of(toks))
    if kind and len(toks) == 1:
        low = toks[0].low
        if (low in lists.strip_words or low in lists.alone_words) and (
            not toks[0].acronym or toks[0].line_caps
        ):
            return None
    return kind



def neighbours(run: Run) -> tuple[Token | None, Token | None, Token | None]:
    toks = run.line.tokens
    a, b = run.toks[0].i, run.toks[-1].i
    return (
        toks[a - 1] if a > 0 else None,
        toks[a - 2] if a > 1 else None,
        toks[b + 1] if b + 1 < len(toks) else None,
    )



def listed_with_places(results: dict[int, list], lists: NameLists) -> None:
    """ "Jurf al-Nasr, al-Musayyib, Najaf and Alexandria": unsure names listed with a place."""
    items = sorted(results.values(), key=lambda r: r[0].start)
    groups: list[list[list]] = []
    for item in items:
        prev = groups[-1][-1] if groups else None
        if (
            prev is not None
            and prev[0].line is item[0].line
            and all(
                t.text in (",", ";") or t.low in ("and", "or")
                for t in item[0].line.tokens[prev[0].toks[-1].i + 1 : item[0].toks[0].i]
            )
            and item[0].toks[0].i > prev[0].toks[-1].i + 1
        ):
            groups[-1].append(item)
        else:
            groups.append([item])
    for group in groups:
        anchor = next((r for r in group if r[1] == kinds.PLACE and r[2] >= 0.8), None)
        if anchor is None or len(group) < 2 or anchor[0].line.style == "table":
            continue
        for item in group:
            if (
                item[2] <= 0.5
                and len(item[0].toks) <= 3
                and not all(t.low in lists.demonyms for t in item[0].toks)
                and (item[1] == kinds.OTHER or item[3].startswith("a name with a particle"))
            ):
                item[1:] = [kinds.PLACE, 0.55, f"listed with the place “{surface_of(anchor[0].toks)}”"]



def surnames_confirm_people(results: dict[int, list]) -> None:
    """ "Tara Reid ... Reid said": a full name whose last word later stands alone is a person."""
    alone = {key_of(r[0].toks) for r in results.values() if len(r[0].toks) == 1}
    for item in results.values():
        toks = item[0].toks
        if item[1] == kinds.PERSON and item[2] < 0.6 and 2 <= len(toks) <= 3 and (toks[-1].low,) in alone:
            item[2:] = [0.65, f"{item[3]}; “{toks[-1].text}” alone later, as news names people"]



def doc_names(results: dict[int, list]) -> dict[tuple[str, ...], tuple]:
    """Confident names of the story, with surnames and defined abbreviations, for lookups."""
    names: dict[tuple[str, ...], tuple] = {}
    for run, kind, conf, _ in results.values():
        if kind not in NAMEABLE or conf < 0.55:
            continue
        full = surface_of(run.toks)
        names.setdefault(key_of(run.toks), (kind, full))
        if kind == kinds.PERSON and len(run.toks) >= 2:
            names.setdefault((run.toks[-1].low,), (kind, full))
        _, _, nxt = neighbours(run)
        toks = run.line.tokens
        if nxt is not None and nxt.text == "(" and nxt.i + 2 < len(toks):
            acr, close = toks[nxt.i + 1], toks[nxt.i + 2]
            if acr.acronym and close.text == ")":
                names.setdefault((acr.low,), (kind, full))
    return names



def sub_matches(run: Run, lists: NameLists, names: dict) -> list[Result]:
    """Known names inside a headline, all-caps or sentence-initial run, longest first.

    A run whose capitals say nothing ("U.S. STRIKES MILITIA SITES IN IRAQ") only yields the
    parts the story or the lists already know ("U.S.", "IRAQ").
    """
    out: list[Result] = []
    toks, i = run.toks, 0
    while i < len(toks):
        for j in range(min(len(toks), i + max(lists.max_phrase, 4)), i, -1):
            part = toks[i:j]
            key = key_of(part)
            if key in names:
                kind, full = names[key]
                reason = f"the story names “{full}” elsewhere"
                out.append((part[0].start, part[-1].end, kind, 0.65, reason))
                break
            kind = known_phrase(part, lists)
            if kind:
                out.append((part[0].start, part[-1].end, kind, 0.75, "a well-known name"))
                break
        else:
            j = i + 1
        i = j
    return out


#: Sports-report words: three of them make a story a sports report, where places play.
SPORTS_WORDS = frozenset(
    [
        "match", "matches", "goal", "goals", "innings", "wicket", "wickets", "league", "striker",
        "midfielder", "goalkeeper", "coach", "halftime", "half-time", "seeded", "inning", "innings",
        "semi-final", "quarter-final", "semifinal", "quarterfinal", "playoff", "playoffs", "scored",
        "fixture", "referee", "tournament", "championship", "batsman", "bowler",
    ]
)

#: Words next to a team's name in a sports report ("Leicestershire beat Somerset").
TEAM_NEXT = frozenset(
    [
        "beat", "beats", "drew", "draw", "lost", "lose", "won", "win", "defeated", "thrashed", "edged",
        "hammered", "crushed", "routed", "v", "vs", "vs.", "trail", "trailed", "lead", "led", "host",
        "hosted", "visit", "visited", "face", "faces", "meet", "meets", "play", "played", "plays",
        "overcame", "captain", "coach", "manager", "striker", "midfielder", "defender", "goalkeeper",
        "batsman", "bowler", "team", "side", "skipper", "players", "player", "fans", "supporters",
    ]
)

TEAM_PREV = frozenset(["beat", "beats", "v", "vs", "vs.", "against", "defeated", "over", "to", "with", "joined",
                       "joining", "join", "for"])



def is_team(run: Run, kind: str, conf: float, lists: NameLists) -> bool:
    """A city or unknown name acting as a side in a sports report; countries stay places."""
    if key_of(run.toks) in lists.countries or not ((kind == kinds.PLACE and conf < 0.9) or conf < 0.5):
        return False
    if kind == kinds.PERSON and len(run.toks) >= 2:
        return False  # "Ines Gorrochategui beat ...": a player, not a side
    prev, _, nxt = neighbours(run)
    return (nxt is not None and nxt.low in TEAM_NEXT) or (prev is not None and prev.low in TEAM_PREV)
