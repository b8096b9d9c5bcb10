"""Which outlet published a text: a gazetteer of news outlets, and evidence scored by context.

Scraped text rarely says "Publisher: X", but it leaves traces: "(Reuters) -" datelines,
"© 2020 The Associated Press", "Join the GlobalSecurity.org mailing list", "MPR News helps
you ...", "told Newsweek", "The New Arab's Arabic-language sister site". It also names *other*
outlets in passing ("unnamed US officials told AP"), so a mention counts only as much as its
context says:

* dateline, copyright, byline credit, a sign-off line, the page's URL, a " | Outlet" headline
  suffix: the text states the outlet, provenance FOUND;
* the site's own promotion lines and self-references ("sister site", "for Stars and Stripes" in
  a bio): strong, GUESSED;
* attributions ("told X", "sent to X", "X reported"): weak, GUESSED only when they add up;
* a bare mention: close to nothing.

Names come from ``resources/outlets.json`` and are matched in one pass of an Aho-Corasick
automaton over the lower-cased text, then checked against the exact spellings (so "AP", "The
Times" and "Guardian" do not match "ap", "the times" or "guardian"); domains match in any case.
"""

from __future__ import annotations

import json
import re
import sys
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

from .boilerplate import BIO, COPYRIGHT, PROMO
from .types import Provenance

__all__ = ["Mention", "OutletGuess", "detect_outlet", "find_mentions", "lookup", "outlet_for_url",
           "outlet_kind", "split_title_suffix"]

#: Evidence weights. FOUND evidence always beats inferred evidence.
_W_FOUND = 10.0
_W_SELF = 3.0
_W_ATTRIBUTION = 1.0
_W_CITATION = 0.5
_W_PLAIN = 0.1
#: Most that bare mentions and citations of one outlet may add up to.
_CAPS = {_W_PLAIN: 0.5, _W_CITATION: 1.0}
#: An inferred outlet needs this much evidence, and this lead over the runner-up.
_MIN_GUESS = 2.5
_MIN_LEAD = 1.0
#: Hostile input can mention outlets millions of times; the first ones are enough.
_MAX_MENTIONS = 2000

_WORD_CHARS = re.compile(r"\w")
_CAPITALISED_NEXT = re.compile(r"^[ \t]+([A-Z][a-z]+)")
_NOT_A_NAME_TAIL = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December In On At That This The It He She They "
    "And But Or As For English Arabic French Staff Online Reporters Correspondent".split()
)
_DATELINE_LEFT = re.compile(r"\b[A-Z]{3,}(?:[ ,]+[A-Za-z.'-]+){0,4}[ ,]*\(\s*$")
_RIGHT_PAREN_DASH = re.compile(r"^\s*\)\s*(?:[-–—:]|--)\s")
_RIGHT_PAREN = re.compile(r"^\s*\)")
_BYLINE_LINE = re.compile(r"^\s*(?:By|BY|Written by|Posted|Published|Reporting by|Story by)\b")
_BYLINE_LEFT = re.compile(r"(?i)(?:\bby|,|\||—|–|;|\band)\s*$")
_LABEL_LINE = re.compile(r"(?i)^\s*(?:source|sources|via|courtesy(?:\s+of)?|credit|from)\s*[:\-–—]?\s*$")
_SELF_RIGHT = re.compile(
    r"^['’]s\s+(?:[\w-]+\s+){0,2}(?:sister|[\w-]+-language\s+(?:site|service|edition|channel|sister))",
    re.IGNORECASE,
)
_BIO_LEFT = re.compile(
    r"(?i)\b(?:reporter|correspondent|writer|journalist|editor|columnist|covers|reports|writes"
    r"|contributor|bureau chief)\b(?:[^.!?]|(?<=\b[A-Z])\.){0,160}\b(?:for|at|with)\s+(?:the\s+)?$"
)
_ATTRIBUTION_LEFT = re.compile(
    r"(?i)\b(?:told|tells|telling|sent\s+to|speaking\s+to|spoke\s+to|spoke\s+with|speaking\s+with"
    r"|interview\s+with|confirmed\s+to|statement\s+to|e-?mailed\s+to|provided\s+to|obtained\s+by"
    r"|reviewed\s+by|seen\s+by|exclusively\s+to)\s+(?:the\s+)?$"
)
_CITATION_LEFT = re.compile(r"(?i)\baccording\s+to\s+(?:the\s+)?$")
_CITATION_RIGHT = re.compile(
    r"(?i)^\s+(?:has\s+)?(?:learned|understands|obtained|reported|reports|revealed|confirmed)\b"
)
_SUFFIX_RE = re.compile(r"\s+(?P<sep>[|\-–—·•])\s+(?P<name>[^|\-–—·•]{2,60}?)\s*$")


@dataclass(frozen=True)
class Mention:
    """One occurrence of an outlet's name or domain in a text."""

    start: int
    end: int
    name: str
    domain: bool


@dataclass(frozen=True)
class OutletGuess:
    name: str
    provenance: Provenance
    score: float
    #: Indices of lines that are only a credit (a sign-off such as "Reuter"): not body text.
    credit_lines: frozenset[int] = frozenset()


def _resource_path() -> Path:
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources" / "outlets.json"
    return Path(__file__).resolve().parents[3] / "resources" / "outlets.json"


def _spellings(variant: str) -> set[str]:
    """Exact forms a name may take: as listed, in capitals, 'the X' mid-sentence, and the
    common transliteration variants of the Arabic article (Al-X, Al X, al-X)."""
    forms = {variant}
    if "Al-" in variant or "Al " in variant:
        base = variant.replace("Al-", "Al ").replace("al-", "al ")
        for art in ("Al-", "Al ", "al-", "al "):
            forms.add(base.replace("Al ", art).replace("al ", art))
    for form in list(forms):
        if form.startswith("The "):
            forms.add("the " + form[4:])
    forms |= {f.upper() for f in list(forms)}
    return forms


@cache
def _gazetteer() -> tuple[ahocorasick.Automaton, dict[str, str]]:
    """(automaton over lower-cased keys -> (key, {exact form: name}, {domain: name}), phrase index)."""
    data = json.loads(_resource_path().read_text(encoding="utf-8"))
    names: dict[str, dict[str, str]] = {}
    domains: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for entry in data["outlets"]:
        name = entry["name"]
        for variant in entry["variants"]:
            for form in _spellings(variant):
                names.setdefault(form.lower(), {}).setdefault(form, name)
                phrases.setdefault(form.lower(), name)
        for domain in entry.get("domains", []):
            domains.setdefault(domain.lower(), name)
            phrases.setdefault(domain.lower(), name)
    automaton = ahocorasick.Automaton()
    for key in set(names) | set(domains):
        automaton.add_word(key, (key, names.get(key, {}), domains.get(key)))
    automaton.make_automaton()
    return automaton, phrases


def find_mentions(text: str) -> list[Mention]:
    """Outlet names and domains in ``text``, longest match first, on word boundaries."""
    automaton, _ = _gazetteer()
    lowered = text.lower().replace("\u2019", "'")
    if len(lowered) != len(text):  # a few characters change length when lower-cased
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text).replace("\u2019", "'")
    found: list[Mention] = []
    for end_index, (key, forms, domain) in automaton.iter_long(lowered):
        start, end = end_index - len(key) + 1, end_index + 1
        if start and _WORD_CHARS.match(text[start - 1]):
            continue
        if end < len(text) and _WORD_CHARS.match(text[end]):
            continue
        if start and domain and text[start - 1] == "-":
            continue
        exact = text[start:end].replace("\u2019", "'")
        if exact in forms:
            found.append(Mention(start, end, forms[exact], False))
        elif domain:
            found.append(Mention(start, end, domain, True))
        if len(found) >= _MAX_MENTIONS:
            break
    return found


@cache
def _kinds() -> dict[str, str]:
    data = json.loads(_resource_path().read_text(encoding="utf-8"))
    return {entry["name"]: entry.get("kind", "") for entry in data["outlets"]}


def outlet_kind(name: str) -> str | None:
    """The gazetteer's kind for an outlet name ("wire", "newspaper", ...), or None."""
    return _kinds().get(name)


def lookup(phrase: str) -> str | None:
    """The outlet a whole phrase names ("The Associated Press" -> "Associated Press")."""
    _, phrases = _gazetteer()
    return phrases.get(phrase.strip().lower().replace("\u2019", "'"))


def outlet_for_url(url: str) -> str | None:
    """The outlet owning a URL's host, matching the host or any parent domain."""
    match = re.match(r"(?i)^(?:[a-z][a-z0-9+.-]*:)?//(?:[^@/\s]*@)?([^/:?#\s]+)", url.strip())
    if not match:
        return None
    _, phrases = _gazetteer()
    labels = match.group(1).lower().rstrip(".").split(".")
    for i in range(len(labels) - 1):
        name = phrases.get(".".join(labels[i:]))
        if name and "." in ".".join(labels[i:]):
            return name
    return None


def split_title_suffix(headline: str) -> tuple[str, str | None]:
    """``"Title | Jordan Times"`` -> ``("Title", "Jordan Times")`` when the suffix is a known
    outlet; otherwise the headline unchanged and None."""
    match = _SUFFIX_RE.search(headline)
    # In a wire headline in capitals, "... - JIJI" names the source quoted, not the publisher.
    if match and match.start() >= 10 and not headline.isupper():
        name = lookup(match.group("name"))
        if name is None:
            name = lookup(match.group("name").removesuffix(" News").removesuffix(" Online"))
        if name:
            # Page titles often carry section breadcrumbs too: "Title - Region - World - Site".
            head = headline[: match.start()].rstrip()
            sep = re.escape(match.group("sep"))
            crumb = re.compile(rf"\s+{sep}\s+[A-Z][\w'’]*(?:\s(?:&|[A-Z][\w'’]*)){{0,2}}$")
            while (tail := crumb.search(head)) and tail.start() >= 10:
                head = head[: tail.start()].rstrip()
            return head, name
    return headline, None


def _context_weight(
    mention: Mention, line: str, rel: int, kind: str | None, *, near_top: bool, near_end: bool
) -> tuple[float, bool, bool]:
    """(weight, found, is_credit_line) for one mention at ``rel`` in its raw ``line``."""
    left = line[max(0, rel - 200) : rel]
    right = line[rel + mention.end - mention.start : rel + mention.end - mention.start + 120]
    if kind == COPYRIGHT:
        return _W_FOUND + 2, True, False
    if _RIGHT_PAREN.match(right) and left.rstrip().endswith("("):
        # "(Reuters) -", "BAGHDAD (AP) —", "DAMASCUS (Sputnik)": a dateline credit near the top.
        # Elsewhere a parenthesis is a photo credit or an acronym: "Commission (NRC)".
        if near_top and (_RIGHT_PAREN_DASH.match(right) or _DATELINE_LEFT.search(left)):
            return _W_FOUND, True, False
        return _W_CITATION, False, False
    if len(line) < 200:
        stripped = line.strip().strip("()[]—–-.:").strip()
        if stripped.lower() == line[rel : rel + mention.end - mention.start].lower():
            # A line that is only the name: a sign-off ("Reuter") at the end, else a credit.
            return (_W_FOUND, True, True) if near_end else (_W_CITATION, False, False)
    if rel < 300 and _BYLINE_LINE.match(line) and _BYLINE_LEFT.search(left):
        return _W_FOUND, True, False
    if _LABEL_LINE.match(left) and len(line) < 200:
        return _W_FOUND, True, False
    if not mention.domain:
        nxt = _CAPITALISED_NEXT.match(right)
        if nxt and nxt.group(1) not in _NOT_A_NAME_TAIL:
            return 0.0, False, False  # part of a longer name: "told The National Guard"
    if kind == PROMO:
        return _W_SELF, False, False
    if _SELF_RIGHT.match(right) or (kind == BIO or near_end) and _BIO_LEFT.search(left):
        return _W_SELF, False, False
    if _ATTRIBUTION_LEFT.search(left):
        return _W_ATTRIBUTION, False, False
    if _CITATION_LEFT.search(left) or _CITATION_RIGHT.match(right):
        return _W_CITATION, False, False
    return _W_PLAIN, False, False


def detect_outlet(
    text: str,
    *,
    lines: Sequence[str],
    starts: Sequence[int],
    kinds: Sequence[str | None],
    content: Sequence[int],
    extra: Sequence[tuple[str, float, bool]] = (),
) -> OutletGuess | None:
    """The outlet the evidence in ``text`` points to, or None when it is weak or split.

    ``lines`` are ``text.split("\\n")`` with their start offsets ``starts``; ``kinds`` the
    boilerplate kind per line and ``content`` the indices of lines of article text. ``extra``
    adds evidence found elsewhere: ``(name, weight, found)`` (URL domain, headline suffix).
    """
    scores: dict[str, float] = {}
    found: dict[str, bool] = {}
    credit_lines: set[int] = set()
    capped: dict[tuple[str, float], float] = {}
    top = set(content[:6])
    visible = [i for i, line in enumerate(lines) if line.strip()]
    end = set(visible[-3:])
    for name, weight, is_found in extra:
        scores[name] = scores.get(name, 0.0) + weight
        found[name] = found.get(name, False) or is_found
    for mention in find_mentions(text):
        index = bisect_right(starts, mention.start) - 1
        previous = lines[index - 1].rstrip() if index else ""
        line = lines[index].rstrip()
        # A sign-off stands apart; "the\nSeattle Post-Intelligencer." ends a wrapped sentence.
        run_on = line.endswith(".") and not line.endswith("..") and previous and previous[-1].isalnum()
        weight, is_found, credit = _context_weight(
            mention,
            lines[index],
            mention.start - starts[index],
            kinds[index],
            near_top=index in top or mention.start < 600,
            near_end=index in end and not run_on,
        )
        if not weight:
            continue
        if weight in _CAPS:  # many passing mentions still do not make the publisher
            key = (mention.name, weight)
            weight = min(weight, _CAPS[weight] - capped.get(key, 0.0))
            capped[key] = capped.get(key, 0.0) + weight
        scores[mention.name] = scores.get(mention.name, 0.0) + weight
        found[mention.name] = found.get(mention.name, False) or is_found
        if credit:
            credit_lines.add(index)
    if not scores:
        return None
    stated = [name for name in scores if found[name]]
    if stated:
        best = max(stated, key=lambda n: scores[n])
        return OutletGuess(best, Provenance.FOUND, scores[best], frozenset(credit_lines))
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if score >= _MIN_GUESS and score - runner_up >= _MIN_LEAD:
        return OutletGuess(best, Provenance.GUESSED, score)
    return None
