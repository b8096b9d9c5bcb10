"""The Whoosh schema: which article fields are searchable, and how.

The article body is indexed but not stored: SQLite holds the text, and snippets are made from
it at search time, so the text is never kept twice. Every field a reporter can name in a query
(``headline:``, ``byline:``, ``outlet:``, ``credit:``, ``tag:``, ``entity:``, ``place:``, ``date:``) is here,
including ``tag`` and ``entity``, which later features fill.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema

from .analysis import name_analyzer, news_analyzer

__all__ = ["SCHEMA_VERSION", "build_schema", "QUERY_FIELDS", "DEFAULT_FIELDS"]

#: Bump when the schema or the analyzers change: an index of another version is rebuilt.
SCHEMA_VERSION = 8

#: Field names a reporter may use in a query, mapped to the index field they search.
QUERY_FIELDS = {
    "headline": "headline",
    "title": "headline",
    "body": "body",
    "text": "body",
    "byline": "byline",
    "author": "byline",
    "by": "byline",
    "outlet": "outlet",
    "source": "outlet",
    "credit": "credit",
    "agency": "credit",
    "tag": "tag",
    "entity": "entity",
    "quote": "quote",
    "related": "related",
    "thread": "thread",
    "speaker": "speaker",
    "place": "place",
    "dateline": "place",
    "date": "date",
    "lang": "language",
    "language": "language",
    "id": "id",
}

#: Fields searched by words without a field prefix, with their weights.
DEFAULT_FIELDS = {"headline": 2.0, "body": 1.0, "byline": 1.0, "outlet": 0.5, "place": 0.5}


def build_schema() -> Schema:
    return Schema(
        #: The article's id in SQLite.
        id=NUMERIC(int, bits=64, stored=True, unique=True, sortable=True, signed=False),
        headline=TEXT(analyzer=news_analyzer(), phrase=True, field_boost=2.0),
        body=TEXT(analyzer=news_analyzer(), phrase=True),
        byline=TEXT(analyzer=name_analyzer(), phrase=True),
        outlet=TEXT(analyzer=name_analyzer(), phrase=True),
        #: The agency that wrote a story an outlet carries (credit:reuters, credit:"associated press").
        credit=TEXT(analyzer=name_analyzer(), phrase=True),
        place=TEXT(analyzer=name_analyzer(), phrase=True),
        #: Exact values for facets and filters (the display form, e.g. "Stars and Stripes").
        outlet_exact=ID(sortable=True),
        credit_exact=ID(sortable=True),
        #: The publication date as an interval of days, YYYYMMDD integers: "2020-03" is
        #: 20200301..20200331, so partial dates match only ranges that contain them. Both are
        #: columns (0 when undated) so date filters are a scan of cached arrays.
        date_start=NUMERIC(int, bits=32, sortable=True, signed=False, default=0),
        date_end=NUMERIC(int, bits=32, sortable=True, signed=False, default=0),
        #: Sort keys for "newest" and "oldest": the start date, with undated stories last in both.
        sort_newest=NUMERIC(int, bits=32, sortable=True, signed=False),
        sort_oldest=NUMERIC(int, bits=32, sortable=True, signed=False),
        #: Case-folded headline and outlet for sorting by those columns; missing values sort last
        #: from A to Z (they hold :data:`~desktop.core.search.documents.MISSING_LAST`).
        sort_headline=ID(sortable=True),
        sort_outlet=ID(sortable=True),
        #: "2020-03" for facets; absent when the month is unknown.
        month=ID(sortable=True),
        language=ID,
        #: "yes" while a guessed or missing headline/outlet/date/byline awaits a person's check.
        review=ID,
        #: The article's direct quotations (quote:"not tolerate") and who said them (speaker:esper).
        quote=TEXT(analyzer=news_analyzer(), phrase=True),
        speaker=TEXT(analyzer=name_analyzer(), phrase=True),
        #: Ids of the stories linked to this one (related:12), and of its threads (thread:"name",
        #: resolved to "t3" like entity names to "e12").
        related=KEYWORD(commas=True),
        thread=KEYWORD(lowercase=True, commas=True),
        tag=KEYWORD(lowercase=True, commas=True, scorable=True),
        entity=KEYWORD(lowercase=True, commas=True, scorable=True),
    )
