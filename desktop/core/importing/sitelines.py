"""Site lines and title affixes learned from many stories of one outlet or one import batch.

A site prints the same furniture on every page: a "Source: ..." line under the title, a "See
Full Web Article" link at the end, a newsletter promo, a " | Site Politics" title suffix. No list
of phrases can know every site, but the repetition gives them away: a short line that opens or
closes many different stories of one site is the site talking, not the story. So:

* :class:`Learner` watches stories (their headline and the first and last paragraphs of their
  body) and learns a line once it opens or closes at least :data:`MIN_STORIES` different stories
  (different by their longest paragraph, so three versions of one wire story teach nothing) and
  a share of the group. A line with a figure in it is never learned ("Shr 10 cts vs 5 cts"
  repeats in earnings copy and is the story). Title suffixes and prefixes are learned the same way:
  the recurring part after the last " | ", " - ", " — " ... of many titles; where the tails
  differ after a common start ("Site Politics", "Site Business"), the common start is the site
  and the rest its section.
* Lines every site prints cover the first story of a site nobody has seen: "Source: X" label
  lines, "See full article" and "originally published" links, near the top or the end only.
* :func:`clean_fields` applies rules to an article's fields: the lines leave the body (each
  kept, with why, in ``removed_lines`` so the reader can show them), a title affix moves to
  outlet and section, and a "Source: AP" line becomes the credit.

Rules only ever remove whole short paragraphs at the start or the end of a body, so what they
remove can be shown and put back; the stored original is never touched.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .credit import SOURCE_LINE_RE, credit_from_source_line
from .outlets import lookup, outlet_kind
from .types import ArticleFields, Provenance

__all__ = [
    "MIN_STORIES",
    "Learner",
    "SiteRules",
    "clean_fields",
    "edge_keys",
    "line_key",
    "split_affixes",
    "stored_credit",
]

#: A line is learned once it opens or closes this many different stories of a group...
MIN_STORIES = 3
#: ... and at least this share of the group's stories.
MIN_SHARE = 0.05
#: Paragraphs looked at, at each end of a body.
EDGE = 3
#: Longest line that can be site furniture (words, characters).
MAX_WORDS, MAX_CHARS = 25, 200

_DIGITS_RE = re.compile(r"\d+")
_SEPARATOR_RE = re.compile(r"\s+(?P<sep>[|\-–—·•]|::|//)\s+")
#: Links to the full page and "first published" notes: the same on every site.
_GENERAL_RE = re.compile(
    r"""(?ix)^(?:
        see\s+(?:the\s+)?full\s+(?:web\s+)?(?:article|story|text|coverage|report)\b.{0,40}
      | (?:read|view|see)\s+(?:the\s+)?(?:full|original|complete|entire)\s+(?:web\s+)?
            (?:article|story|text|report|version|piece)\b.{0,60}
      | (?:this\s+(?:article|story|piece)\s+)?(?:was\s+)?(?:first|originally)\s+(?:published|appeared|posted)
            \s+(?:on|in|at|by)\b.{0,80}
      | (?:continue|keep)\s+reading\s+(?:on|at)\b.{0,60}
      | (?:visit|go\s+to)\s+\S+\s+for\s+(?:more|the\s+full)\b.{0,60}
    )$"""
)
#: Common names of site sections ("World", "Politics"): a title crumb with one is a section.
SECTION_WORDS = frozenset(
    "world politics business sport sports opinion opinions health science tech technology culture "
    "arts entertainment economy markets money finance local national international news lifestyle "
    "travel environment climate education media analysis features feature comment europe africa "
    "asia americas us uk middle east region regional latest breaking video live".split()
)


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _fold(text: str) -> str:
    return " ".join(text.translate(_QUOTES).lower().split())


def line_key(text: str) -> str | None:
    """What identifies a short line across pages (case, spacing and numbers folded), or None
    for a line too long to be site furniture."""
    text = text.strip()
    if not text or len(text) > MAX_CHARS or len(text.split()) > MAX_WORDS:
        return None
    return _DIGITS_RE.sub("#", _fold(text)).strip(" .")


def _keys(text: str) -> list[str]:
    """Keys a paragraph is learned under. A line with a number is never learned: figures
    ("Shr 10 cts vs 5 cts") recur in copy of one kind and are the story, not the site."""
    if len(text) > MAX_CHARS or _DIGITS_RE.search(text):
        return []
    key = line_key(text)
    return [key] if key else []


def edge_keys(body: str) -> tuple[list[list[str]], list[list[str]]]:
    """Keys of the first and the last :data:`EDGE` paragraphs of a body (see :func:`_keys`)."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    return [_keys(p.strip()) for p in paragraphs[:EDGE]], [_keys(p.strip()) for p in paragraphs[-EDGE:]]


@dataclass
class SiteRules:
    """What to remove from one group's stories, and how to read its titles."""

    #: Line keys (see :func:`line_key`) removed among the first paragraphs...
    top: set[str] = field(default_factory=set)
    #: ... and among the last ones.
    end: set[str] = field(default_factory=set)
    #: Title suffixes: (separator, lower-cased site words) -> the site's name as printed.
    suffixes: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Title prefixes, the same way.
    prefixes: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Where each rule was learned ("recurs in 14 of 60 stories of this batch").
    why: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.top or self.end or self.suffixes or self.prefixes)

    def merged(self, other: SiteRules) -> SiteRules:
        return SiteRules(self.top | other.top, self.end | other.end, {**other.suffixes, **self.suffixes},
                         {**other.prefixes, **self.prefixes}, {**other.why, **self.why})

    def to_rows(self) -> list[tuple[str, str, str]]:
        """``(kind, pattern, label)`` rows for storing (see :func:`from_rows`)."""
        rows = [("top", k, "") for k in sorted(self.top)] + [("end", k, "") for k in sorted(self.end)]
        rows += [("suffix", f"{sep}\t{words}", name) for (sep, words), name in sorted(self.suffixes.items())]
        rows += [("prefix", f"{sep}\t{words}", name) for (sep, words), name in sorted(self.prefixes.items())]
        return rows

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str]], why: str = "") -> SiteRules:
        rules = cls()
        for kind, pattern, label in rows:
            if kind in ("top", "end"):
                getattr(rules, kind).add(pattern)
                rules.why.setdefault(f"{kind}:{pattern}", why)
            elif kind in ("suffix", "prefix") and "\t" in pattern:
                sep, words = pattern.split("\t", 1)
                getattr(rules, kind + "es")[(sep, words)] = label
        return rules


def _is_general(text: str) -> str | None:
    """Why a short opening or closing paragraph is site furniture on any site, or None."""
    if len(text) > 120:
        return None
    if _GENERAL_RE.match(text):
        return "a link to the full page"
    if SOURCE_LINE_RE.match(text) and credit_from_source_line(text):
        return "a source line"
    return None


def _tail_split(headline: str) -> tuple[str, str, str] | None:
    """(head, separator, tail) at the last separator of a title, when the tail is short."""
    matches = list(_SEPARATOR_RE.finditer(headline))
    if not matches:
        return None
    m = matches[-1]
    head, tail = headline[: m.start()].rstrip(), headline[m.end() :].strip()
    if len(head.split()) < 3 or not 1 <= len(tail.split()) <= 6 or len(tail) > 50:
        return None
    if not (tail[0].isupper() or tail[0].isdigit()) or tail[-1] in "?!":
        return None
    return head, m.group("sep"), tail


def _head_split(headline: str) -> tuple[str, str, str] | None:
    """(prefix, separator, rest) at the first separator, when the prefix is short."""
    m = _SEPARATOR_RE.search(headline)
    if not m:
        return None
    prefix, rest = headline[: m.start()].strip(), headline[m.end() :].strip()
    if len(rest.split()) < 3 or not 1 <= len(prefix.split()) <= 5 or len(prefix) > 40:
        return None
    if not (prefix[0].isupper() or prefix[0].isdigit()):
        return None
    return prefix, m.group("sep"), rest


def _section_crumb(head: str) -> tuple[str, str | None]:
    """``"Title — World"`` -> ``("Title", "World")`` when the crumb is a common section name."""
    split = _tail_split(head)
    if split and len(split[2].split()) <= 2 and all(w in SECTION_WORDS for w in _fold(split[2]).split()):
        return split[0], split[2]
    return head, None


def split_affixes(headline: str, rules: SiteRules) -> tuple[str, str | None, str | None, str | None]:
    """``(headline, site, section, removed text)`` for a title carrying a learned affix."""
    split = _tail_split(headline) if rules.suffixes else None
    if split:
        head, sep, tail = split
        words = tail.split()
        for k in range(1, len(words) + 1):  # the shortest learned start is the site
            name = rules.suffixes.get((sep, _fold(" ".join(words[:k]))))
            if name is None:
                continue
            section = " ".join(words[k:]) or None
            clean, crumb = _section_crumb(head)
            return clean, " ".join(words[:k]), section or crumb, headline[len(clean) :]
    split = _head_split(headline) if rules.prefixes else None
    if split:
        prefix, sep, rest = split
        name = rules.prefixes.get((sep, _fold(prefix)))
        if name is not None:
            if _fold(prefix) in SECTION_WORDS:
                return rest, None, prefix, headline[: len(headline) - len(rest)]
            return rest, prefix, None, headline[: len(headline) - len(rest)]
    return headline, None, None, None


def clean_fields(fields: ArticleFields, rules: SiteRules, *, keep_outlet: bool = False,
                 keep_headline: bool = False) -> bool:
    """Apply ``rules`` (and the general site lines) to ``fields`` in place; True if anything
    changed. ``keep_outlet`` / ``keep_headline``: a person confirmed those, leave them."""
    changed = False
    if fields.headline and not keep_headline and (rules.suffixes or rules.prefixes):
        headline, site, section, _removed = split_affixes(fields.headline, rules)
        if site is not None or section is not None:
            fields.headline, changed = headline, True
            if section:
                fields.section = section
            if site and not keep_outlet:
                fields.outlet = lookup(site) or site
                fields.provenance["outlet"] = Provenance.FOUND
    paragraphs = fields.body.split("\n\n") if fields.body else []
    drop: dict[int, str] = {}
    n = len(paragraphs)
    for i in [*range(min(EDGE, n)), *range(max(EDGE, n - EDGE), n)]:
        text = paragraphs[i].strip()
        where = "start" if i < EDGE else "end"
        learned = rules.top if where == "start" else rules.end
        keys = _keys(text) if learned else []
        hit = next((k for k in keys if k in learned), None)
        if hit is not None:
            rule = f"{'top' if where == 'start' else 'end'}:{hit}"
            drop[i] = rules.why.get(rule, "a line this site repeats")
        elif why := _is_general(text):
            drop[i] = why
    if drop and len(drop) < n:
        for i, why in sorted(drop.items()):
            text = paragraphs[i].strip()
            where = "start" if i < EDGE else "end"
            fields.removed_lines.append({"text": text, "where": where, "why": why})
        fields.body = "\n\n".join(p for i, p in enumerate(paragraphs) if i not in drop)
        changed = True
    for line in [r["text"] for r in fields.removed_lines if r.get("where") != "middle"][:6]:
        named = credit_from_source_line(line) if SOURCE_LINE_RE.match(line) else None
        if named is None:
            continue
        if fields.outlet is None and not keep_outlet and outlet_kind(named) != "wire":
            # "Source: Site" on a page of a site nobody listed: the site itself.
            fields.outlet, fields.provenance["outlet"] = named, Provenance.GUESSED
        elif fields.credit is None or (fields.outlet and _fold(fields.credit) == _fold(fields.outlet)):
            fields.credit = named
        break
    return changed


def stored_credit(fields: ArticleFields) -> str | None:
    """The credit as stored: none when the agency is the outlet itself (Reuters' own story)."""
    if fields.credit and fields.outlet and _fold(fields.credit) == _fold(fields.outlet):
        return None
    return fields.credit


class Learner:
    """Learns site lines and title affixes from the stories of one group, one story at a time.

    :meth:`learn` observes a story and returns only the rules it made true (cheap: it looks at
    the story's own lines), so an import can clean the batch's earlier stories at once;
    :meth:`rules` returns everything learned so far.
    """

    def __init__(self, scope: str = "this batch", *, min_stories: int = MIN_STORIES,
                 min_share: float = MIN_SHARE) -> None:
        self.scope = scope
        self.min_stories = min_stories
        self.min_share = min_share
        self.stories = 0
        #: (where, key) -> {story: signature of its longest paragraph}
        self._lines: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
        #: (sep, folded words) -> {distinct head: printed words}
        self._suffixes: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
        self._prefixes: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
        self._rules = SiteRules()

    def _enough(self, count: int) -> bool:
        return count >= self.min_stories and count >= self.min_share * self.stories

    def _line_learned(self, where: str, key: str) -> bool:
        stories = self._lines.get((where, key), {})
        return self._enough(len(stories)) and len(set(stories.values())) >= self.min_stories

    def _suffix_learned(self, sep: str, words: str) -> bool:
        """The longest common start of recurring tails: "Site Politics" and "Site World" share
        "Site"; "Daily Planet" alone is all of it. A section word alone is never a site."""
        heads = self._suffixes.get((sep, words), {})
        if not self._enough(len(heads)) or words.split()[-1] in SECTION_WORDS:
            return False
        first = self._suffixes.get((sep, words.split()[0]), heads)
        if len(heads) < 0.6 * len(first):
            return False
        longer = words + " "
        return not any(
            k[0] == sep and k[1].startswith(longer) and len(v) >= 0.6 * len(first) and self._enough(len(v))
            and not all(w in SECTION_WORDS for w in k[1][len(longer):].split())
            for k, v in self._suffixes.items() if len(v) >= self.min_stories
        )

    def learn(self, story: int, headline: str | None, body: str,
              keys: tuple[list[list[str]], list[list[str]]] | None = None) -> SiteRules:
        """Observe one story; the rules that became true with it (often none). ``keys``: its
        :func:`edge_keys`, when the caller has them already."""
        self.stories += 1
        new = SiteRules()
        top, end = keys if keys is not None else edge_keys(body)
        if any(top) or any(end):
            # Stories differ by their longest paragraph: three copies of one story teach nothing.
            signature = str(hash(max(body.split("\n\n"), key=len)[:200]))
            for where, chosen in (("top", top), ("end", end)):
                for found in chosen:
                    for key in found:
                        self._lines[(where, key)][story] = signature
                        learned = getattr(self._rules, where)
                        if key not in learned and self._line_learned(where, key):
                            count = len(self._lines[(where, key)])
                            why = (f"{'opens' if where == 'top' else 'closes'} {count} of {self.stories} "
                                   f"stories of {self.scope}")
                            for rules in (self._rules, new):
                                getattr(rules, where).add(key)
                                rules.why[f"{where}:{key}"] = why
        if headline:
            if split := _tail_split(headline):
                head, sep, tail = split
                words = tail.split()
                for k in range(1, len(words) + 1):
                    self._suffixes[(sep, _fold(" ".join(words[:k])))][_fold(head)[:80]] = " ".join(words[:k])
                for k in range(1, len(words) + 1):
                    key = (sep, _fold(" ".join(words[:k])))
                    if key not in self._rules.suffixes and self._suffix_learned(*key):
                        self._rules.suffixes[key] = new.suffixes[key] = " ".join(words[:k])
            if split := _head_split(headline):
                prefix, sep, rest = split
                key = (sep, _fold(prefix))
                self._prefixes[key][_fold(rest)[:80]] = prefix
                if key not in self._rules.prefixes and self._enough(len(self._prefixes[key])):
                    self._rules.prefixes[key] = new.prefixes[key] = prefix
        return new

    def rules(self) -> SiteRules:
        return self._rules
