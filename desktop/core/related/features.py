"""What one article contributes to relatedness: words, names, quotations, date and places.

Why more than a bag of words: two different earthquakes, or two strikes on the same town a year
apart, share nearly all their vocabulary. What tells events apart in a newsroom is *when*,
*where* and *who*: the publication date (often known only to the month), the dates the text
states, the places and named actors, and the quotations (the same statement quoted by several
outlets is strong evidence of one event). This module collects those per article; the scoring
that weighs them is in :mod:`.suggest`.

In the app, confirmed entities and quotation statements come from the database, so the caller
may pass ``entity_keys`` and ``quote_keys``; only when they are absent does this module
recognise names itself (``desktop.core.entities.recognise`` when available, else a small
capitalised-run heuristic) and find quotations with a simple quote-mark scan.

Words are folded (case, diacritics via anyascii, US/UK spelling is left alone) and weighed by
an archive-wide document-frequency table, :class:`CorpusStats`, which the store can rebuild
from the features at any time.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from anyascii import anyascii

from desktop.core.importing.dates import find_dateline, find_dates
from desktop.core.importing.types import PartialDate

__all__ = [
    "ArticleFeatures", "CorpusStats", "EntityRef", "entity_key", "extract_features", "parse_partial",
    "tokens",
]

#: Entity kinds that say *where*; the rest (people, groups, organisations, weapons) say *who*.
PLACE_KINDS = frozenset({"place"})
#: Kinds that are too generic to identify an event ("Iraqi", "American").
IGNORED_KINDS = frozenset({"other"})

LEAD_WORDS = 70  #: words counted as headline and lede
LEAD_WEIGHT = 3  #: a mention in the lede counts this many times
_STOP = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "said", "says", "say", "told", "according", "also", "would", "could", "one", "two", "three", "new", "year", "years", "last", "first", "mr", "mrs", "ms", "s", "t", "don", "didn", "isn", "wasn", "wouldn", "week", "day", "days", "time", "people", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight", "morning", "night", "afternoon", "evening", "may", "might", "must", "shall", "us", "nt", "ll", "ve", "re", "d", "m", "image", "photo", "photos", "copyright", "reserved", "rights", "click", "share", "email", "http", "https", "www", "com", "html", "htm", "read", "more", "news", "story", "stories", "report", "reported", "reports", "reporting", "updated"])
#: Month and day names: recognisers sometimes take "March" or "Monday" for a name.
CALENDAR = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "gmt", "bst", "est", "edt", "utc"])
_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_QUOTE = re.compile(r"(?:``|[\"“”])\s*([^\"“”`\n]{12,400}?)\s*(?:''|[\"“”])")
_CAPRUN = re.compile(r"\b[A-Z][\w'\-]+(?:\s+(?:(?:al|bin|of|de|the|van|von)\s+)?[A-Z][\w'\-]+)*")


def _stem(word: str) -> str:
    """A very light suffix fold (plurals, -ing, -ed) that keeps names recognisable."""
    if len(word) > 4 and not word[-1].isdigit():
        if word.endswith("ies") and len(word) > 5:
            return word[:-3] + "y"
        if word.endswith("ing") and len(word) > 6:
            return word[:-3]
        if word.endswith("ed") and len(word) > 5:
            return word[:-2]
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
    return word


def tokens(text: str, surfaces: dict[str, str] | None = None) -> list[str]:
    """Content words of ``text``: folded, stop words dropped, lightly stemmed.

    ``surfaces`` collects a readable word for each stem that is not a word itself
    ("repuls" -> "repulsed"), for reasons and thread names.
    """
    low = anyascii(text).lower().replace("'s ", " ")
    out = []
    for w in _WORD.findall(low):
        if w in _STOP or len(w) < 2:
            continue
        stem = _stem(w)
        if surfaces is not None and stem != w and stem not in surfaces:
            surfaces[stem] = w
        out.append(stem)
    return out


def entity_key(name: str) -> str:
    """The comparison key of a name: "the Kata'ib Hezbollah" -> "kataib hezbollah"."""
    low = anyascii(name).lower().replace("'s", "").replace("'", "").replace("’", "")
    low = re.sub(r"[^a-z0-9]+", " ", low).strip()
    return re.sub(r"^the ", "", low)


@dataclass(frozen=True)
class EntityRef:
    """A name as shown in reasons, and its kind."""

    label: str
    kind: str


def parse_partial(value: object) -> PartialDate | None:
    """A :class:`PartialDate` from a PartialDate, ``date``, ISO text ("2020-03") or None."""
    if value is None or isinstance(value, PartialDate):
        return value
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
        return PartialDate(value.year, value.month, value.day)  # type: ignore[attr-defined]
    try:
        return PartialDate.parse_iso(str(value)[:10])
    except ValueError:
        return None


@dataclass
class ArticleFeatures:
    """Everything relatedness needs about one article (no text is kept)."""

    article_id: Hashable
    terms: Counter[str]
    entities: dict[str, EntityRef] = field(default_factory=dict)
    quotes: dict[str, str] = field(default_factory=dict)  #: key -> quotation text shown
    mentions: Counter[str] = field(default_factory=Counter)  #: entity key -> times named
    lead_terms: Counter[str] = field(default_factory=Counter)  #: words of headline and lede
    surfaces: dict[str, str] = field(default_factory=dict)  #: stem -> a word as written

    def word(self, term: str) -> str:
        """A readable form of ``term`` (a stem) as this article wrote it."""
        return self.surfaces.get(term, term)
    date: PartialDate | None = None
    stated_months: frozenset[tuple[int, int | None]] = frozenset()  #: (year, month) in text
    title: str = ""
    dateline: str | None = None

    @property
    def places(self) -> set[str]:
        return {k for k, e in self.entities.items() if e.kind in PLACE_KINDS}

    @property
    def actors(self) -> set[str]:
        return {k for k, e in self.entities.items() if e.kind not in PLACE_KINDS}


def _recognised(text: str) -> list[tuple[str, str, int]]:
    """``(surface, kind, start)`` of the names in ``text``, from the entities package if present."""
    try:
        from desktop.core.entities.recognise import recognise
    except ImportError:
        recognise = None
    if recognise is not None:
        try:
            return [(s.text, s.kind, s.start) for s in recognise(text)]
        except Exception:  # noqa: BLE001, S110 - a fallback must not break suggestions
            pass
    out = []
    for m in _CAPRUN.finditer(text):
        name = m.group()
        before = text[max(0, m.start() - 2):m.start()].strip()
        if " " not in name and (not before or before[-1] in ".?!\"'"):
            continue  # one capitalised word at a sentence start tells nothing
        if name.lower() not in _STOP:
            out.append((name, "name", m.start()))
    return out


def _entities_from_text(text: str, counts: Counter[str], lead_end: int) -> dict[str, EntityRef]:
    """Names in ``text``; ``counts`` gets mentions, those in the lede counting ``LEAD_WEIGHT``."""
    found: dict[str, EntityRef] = {}
    for surface, kind, start in _recognised(text):
        if kind in IGNORED_KINDS or surface.split(" ", 1)[0] in ("of", "the", "and", "for", "on"):
            continue  # a generic kind, or a fragment cut from a longer name ("of Aden")
        key = entity_key(surface)
        if len(key) < 2 or key in _STOP or key in CALENDAR:
            continue
        weight = LEAD_WEIGHT if start < lead_end else 1
        counts[key] += weight
        if key not in found or len(surface) > len(found[key].label):
            found[key] = EntityRef(surface.strip(), kind)
        if kind == "person" and " " in key:
            surname = key.rsplit(" ", 1)[1]
            if len(surname) > 2:
                counts[surname] += weight
                if surname not in found:
                    found[surname] = EntityRef(surface.strip(), kind)
    return found


def _quotes_from_text(text: str) -> dict[str, str]:
    out = {}
    for m in _QUOTE.finditer(text):
        quote = m.group(1).strip()
        words = tokens(quote)
        if len(words) < 3:
            continue
        for i in range(max(1, len(words) - 2)):
            out.setdefault("q:" + " ".join(words[i:i + 3]), quote)
    return out


def _lead_end(body: str, titled: bool) -> int:
    """End offset of the headline and lede: the first ``LEAD_WORDS`` words of the story, which
    in news copy name the event's who, what, where and when."""
    for count, m in enumerate(re.finditer(r"\S+", body), 1):
        if count >= LEAD_WORDS:
            return m.end()
    return len(body)


def _stated_months(text: str) -> frozenset[tuple[int, int | None]]:
    return frozenset((m.date.year, m.date.month) for m in find_dates(text))


def _opening_date(text: str) -> PartialDate | None:
    """A date stated in the first lines (headline, byline, dateline), if any."""
    head = "\n".join(text.splitlines()[:8])[:600]
    best = None
    for m in find_dates(head):
        if m.full:
            return m.date
        best = best or m.date
    return best


def extract_features(
    article_id: Hashable,
    text: str,
    *,
    title: str = "",
    date: object = None,
    entity_keys: Mapping[str, EntityRef | tuple[str, str]] | Iterable[str] | None = None,
    quote_keys: Mapping[str, str] | Iterable[str] | None = None,
    date_from_text: bool = True,
) -> ArticleFeatures:
    """The relatedness features of one article.

    ``date`` is the stored publication date (PartialDate, ``date`` or ISO text); when missing
    and ``date_from_text``, a date stated in the opening lines is used. ``entity_keys`` (key ->
    EntityRef or ``(label, kind)``, or plain keys) and ``quote_keys`` (statement id -> text, or
    plain ids) replace the built-in recognition with the archive's confirmed data.
    """
    body = f"{title}\n\n{text}" if title else text
    surfaces: dict[str, str] = {}
    terms = Counter(tokens(body, surfaces))
    mentions: Counter[str] = Counter()
    lead_end = _lead_end(body, bool(title))
    if entity_keys is None:
        entities = _entities_from_text(body, mentions, lead_end)
    elif isinstance(entity_keys, Mapping):
        entities = {k: v if isinstance(v, EntityRef) else EntityRef(*v)
                    for k, v in entity_keys.items()}
    else:
        entities = {k: EntityRef(str(k), "other") for k in entity_keys}
    if quote_keys is None:
        quotes = _quotes_from_text(text)
    elif isinstance(quote_keys, Mapping):
        quotes = {str(k): str(v) for k, v in quote_keys.items()}
    else:
        quotes = {str(k): str(k) for k in quote_keys}
    pub = parse_partial(date)
    if pub is None and date_from_text:
        pub = _opening_date(body)
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()][:3]
    return ArticleFeatures(
        article_id=article_id, terms=terms, entities=entities, quotes=quotes, date=pub,
        mentions=mentions, lead_terms=Counter(tokens(body[:lead_end])), surfaces=surfaces,
        stated_months=_stated_months(body), title=title or (paragraphs[0][:200] if paragraphs else ""),
        dateline=find_dateline(paragraphs),
    )


class CorpusStats:
    """Archive-wide document frequencies of words and entity keys (for rarity and TF-IDF)."""

    def __init__(self) -> None:
        self.n_docs = 0
        self.df: Counter[str] = Counter()
        self.entity_df: Counter[str] = Counter()

    def add(self, f: ArticleFeatures) -> None:
        self.n_docs += 1
        self.df.update(f.terms.keys())
        self.entity_df.update(f.entities.keys())

    def remove(self, f: ArticleFeatures) -> None:
        self.n_docs -= 1
        self.df.subtract(f.terms.keys())
        self.entity_df.subtract(f.entities.keys())

    def idf(self, term: str) -> float:
        return math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def entity_idf(self, key: str) -> float:
        return math.log((self.n_docs + 1) / (self.entity_df.get(key, 0) + 1)) + 1.0

    def entity_vector(self, f: ArticleFeatures) -> dict[str, float]:
        """Unit-length weights of the article's names: named often and rare in the archive
        weighs most, so a passing mention of a celebrity counts less than the story's subject."""
        vec = {k: (1.0 + math.log(max(1, f.mentions.get(k, 1)))) * self.entity_idf(k)
               for k in f.entities}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {k: v / norm for k, v in vec.items()}

    def vector(self, f: ArticleFeatures, lead: float = 0.0) -> dict[str, float]:
        """The article's unit-length TF-IDF vector (sublinear term frequency); ``lead`` > 0
        counts each headline and lede word that many extra times."""
        tf = f.terms if not lead else {t: c + lead * f.lead_terms.get(t, 0) for t, c in f.terms.items()}
        vec = {t: (1.0 + math.log(c)) * self.idf(t) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}
