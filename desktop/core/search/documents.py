"""Article rows -> Whoosh documents: the one place that knows how SQLite maps onto the schema.

Indexing runs over every article on import and on rebuild, and a single bad row must not stop
it, so :func:`article_document` never raises on odd metadata (``None`` anywhere, empty strings,
a byline that is not JSON, a date that is not a date): a value that cannot be indexed is left
out, exactly as a value that is unknown. Only the id is required, because a document without
one could never be updated or deleted again.

Partial dates are indexed as intervals of days (``date_start``..``date_end``, YYYYMMDD integers)
so "2020-03" is honest: it matches a search for March 2020 and for 2020, but not one for
12 March 2020. :func:`date_interval` is shared with the query parser so ``date:2020-03`` means
the same interval on both sides.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..articles import REVIEW_WHEN_MISSING

__all__ = ["article_document", "date_interval"]

_ISO_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ][\d:.,+\-Z]*)?)?)?\s*$")


def date_interval(iso: str) -> tuple[int, int]:
    """The first and last day covered by an ISO partial date, as YYYYMMDD integers.

    ``"2020"`` -> ``(20200101, 20201231)``, ``"2020-02"`` -> ``(20200201, 20200229)``,
    ``"2020-03-12"`` -> ``(20200312, 20200312)``. A time after a full date is ignored.
    Raises :class:`ValueError` for anything else (including 31 February or month 13).
    """
    match = _ISO_DATE_RE.match(iso) if isinstance(iso, str) else None
    if match is None:
        raise ValueError(f"not an ISO date: {iso!r}")
    year = int(match.group(1))
    if year < 1:
        raise ValueError(f"year out of range: {iso!r}")
    base = year * 10000
    if match.group(2) is None:
        return base + 101, base + 1231
    month = int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {iso!r}")
    last_day = calendar.monthrange(year, month)[1]
    base += month * 100
    if match.group(3) is None:
        return base + 1, base + last_day
    day = int(match.group(3))
    if not 1 <= day <= last_day:
        raise ValueError(f"day out of range: {iso!r}")
    return base + day, base + day


def _text(value: Any) -> str | None:
    """A non-empty string for a text field, or None to leave the field out."""
    if value is None:
        return None
    if not isinstance(value, str):
        if isinstance(value, (bytes, bytearray)):
            value = bytes(value).decode("utf-8", "replace")
        elif isinstance(value, (int, float)):
            value = str(value)
        else:
            return None
    return value if value.strip() else None


def _names(byline: Any) -> str | None:
    """Byline names (normally JSON text of a list) joined with "; " for the byline field."""
    if isinstance(byline, (bytes, bytearray)):
        byline = bytes(byline).decode("utf-8", "replace")
    if isinstance(byline, str):
        stripped = byline.strip()
        if not stripped or stripped[0] not in '["{':
            return stripped or None  # a plain name, not JSON
        try:
            byline = json.loads(stripped)
        except ValueError:
            return stripped
        if isinstance(byline, str):
            return byline.strip() or None
    if not isinstance(byline, (list, tuple)):
        return None
    names = [name.strip() for name in byline if isinstance(name, str) and name.strip()]
    return "; ".join(names) or None


def _keywords(values: Iterable[Any] | None) -> str | None:
    """Values for a comma-separated KEYWORD field; commas inside a value become spaces."""
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    cleaned = []
    for value in values:
        if isinstance(value, str):
            value = " ".join(value.replace(",", " ").split())
            if value:
                cleaned.append(value)
    return ",".join(cleaned) or None


def _article_id(row: Mapping[str, Any]) -> int:
    value = row.get("id")
    if isinstance(value, bool) or value is None:
        raise ValueError(f"article row without an id: {value!r}")
    try:
        article_id = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"article row with a bad id: {value!r}") from None
    if article_id < 0:
        raise ValueError(f"article row with a negative id: {value!r}")
    return article_id


def _needs_review(provenance: Any) -> bool:
    """The same rule as :attr:`desktop.core.articles.Article.needs_review`, from the raw JSON."""
    try:
        states = json.loads(provenance) if isinstance(provenance, str) else dict(provenance or {})
    except (ValueError, TypeError):
        return False
    for name in ("headline", "byline", "outlet", "date", "dateline", "url"):
        state = states.get(name, "missing")
        if state == "guessed" or (state == "missing" and name in REVIEW_WHEN_MISSING):
            return True
    return False


#: Sort key of a missing headline or outlet: after every real one from A to Z.
MISSING_LAST = "\uffff"
#: Leading characters ignored when sorting titles: quotes, brackets, dashes, spaces.
_SORT_SKIP = " \t\"'\u201c\u201d\u2018\u2019\u00ab\u00bb([{-\u2013\u2014\u2026."


def _sort_text(value: Any) -> str:
    """A headline or outlet as a sort key: case-folded, without leading quote marks, bounded."""
    if not isinstance(value, str):
        return MISSING_LAST
    key = " ".join(value.split()).lstrip(_SORT_SKIP).casefold()[:120]
    return key or MISSING_LAST


#: ``sort_oldest`` of an undated story: after every real date.
UNDATED_LAST = 99_999_999


def article_document(
    row: Mapping[str, Any], *, tags: Iterable[str] = (), entities: Iterable[str] = (),
    quotes: Iterable[str] = (), speakers: Iterable[str] = (), related: Iterable[str] = (),
    threads: Iterable[str] = (),
) -> dict[str, Any]:
    """Keyword arguments for ``writer.add_document`` / ``update_document`` from an articles row.

    ``row`` has the keys of the ``articles`` table (missing keys count as NULL). ``tags`` and
    ``entities`` are display values from their own tables. Raises :class:`ValueError` only when
    the row has no usable id.
    """
    if not isinstance(row, Mapping):
        row = dict(row)
    document: dict[str, Any] = {"id": _article_id(row)}
    get = row.get
    for field, column in (("headline", "headline"), ("body", "body"), ("place", "dateline")):
        value = _text(get(column))
        if value is not None:
            document[field] = value
    byline = _names(get("byline"))
    if byline is not None:
        document["byline"] = byline
    outlet = _text(get("outlet"))
    if outlet is not None:
        document["outlet"] = outlet
        document["outlet_exact"] = outlet.strip()
    credit = _text(get("credit"))
    if credit is not None:
        document["credit"] = credit
        document["credit_exact"] = credit.strip()
    document["sort_headline"] = _sort_text(get("headline"))
    document["sort_outlet"] = _sort_text(outlet)
    # Sort keys: undated stories go last whichever way the list is sorted.
    document["sort_newest"] = 0
    document["sort_oldest"] = UNDATED_LAST
    pub_date = get("pub_date")
    if isinstance(pub_date, str) and pub_date:
        try:
            start, end = date_interval(pub_date)
        except ValueError:
            pass
        else:
            document["date_start"] = start
            document["date_end"] = end
            document["sort_newest"] = document["sort_oldest"] = start
            if start // 100 == end // 100:  # a month or a day: the month is known
                document["month"] = f"{start // 10000:04d}-{start // 100 % 100:02d}"
    document["review"] = "yes" if _needs_review(get("provenance")) else "no"
    language = _text(get("language"))
    if language is not None:
        document["language"] = language.strip().lower()
    tag = _keywords(tags)
    if tag is not None:
        document["tag"] = tag
    entity = _keywords(entities)
    if entity is not None:
        document["entity"] = entity
    # One quotation per line: a phrase never runs from the end of one into the next.
    quote_text = "\n\n".join(q for q in quotes if q and q.strip())
    if quote_text:
        document["quote"] = quote_text
    for field, values in (("related", related), ("thread", threads)):
        joined = _keywords(values)
        if joined is not None:
            document[field] = joined
    speaker_text = "; ".join(dict.fromkeys(s for s in speakers if s and s.strip()))
    if speaker_text:
        document["speaker"] = speaker_text
    return document
