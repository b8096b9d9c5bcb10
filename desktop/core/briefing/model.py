"""What a briefing is, as plain data: the reporter's choices, independent of the archive and of Word.

The GUI builds a :class:`Briefing` from the stories a reporter picked, stores drafts as JSON in
SQLite (:meth:`Briefing.to_json` / :meth:`Briefing.from_json`), shows :func:`outline` while the
reporter ticks options, and hands the same object to the Word writer. Keeping the description
separate from the archive means a draft survives edits to the stories it quotes (it holds the text
as chosen) and the writer can be tested without an archive at all.

:func:`outline_entries` is the single plan of headings: the writer lays out exactly these, so the
outline the reporter sees is the contents table Word builds.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date as _date
from typing import Any

from .text import MAX_LEAD, clean, shorten

__all__ = [
    "DEFAULT_HANDLING",
    "SECTION_TITLES",
    "Briefing",
    "BriefingOptions",
    "BriefingStory",
    "EntityRef",
    "QuoteRef",
    "StoryLink",
    "outline",
    "outline_entries",
    "story_heading",
]

#: The handling line printed under the title and in every page header.
DEFAULT_HANDLING = "Internal - not for publication"
#: Version of the JSON layout, so later releases can read drafts stored by this one.
JSON_VERSION = 1

#: Headings of the document's top-level sections, by option name.
SECTION_TITLES: dict[str, str] = {
    "summary": "Executive summary",
    "stories": "Stories",
    "timeline": "Timeline",
    "entity_table": "People, groups, places and weapons",
    "links": "Links between stories",
    "sources": "Sources",
}


@dataclass
class EntityRef:
    """An entity a story names; ``kind`` is one of :mod:`desktop.core.entities.kinds`."""

    name: str
    kind: str = "other"


@dataclass
class QuoteRef:
    """A direct quotation in a story and who said it."""

    text: str
    speaker: str | None = None
    role: str | None = None


@dataclass
class StoryLink:
    """A reporter-made link between two stories of the briefing (by archive id)."""

    a_id: int
    b_id: int
    type: str = "related"
    note: str = ""


@dataclass
class BriefingStory:
    """One story as it will appear: metadata, the lead, and optionally the full text.

    ``date`` is an ISO date, possibly partial (``"2020"``, ``"2020-03"``, ``"2020-03-12"``).
    ``lead`` may be empty: the writer then uses the first paragraph of ``full_text``.
    """

    article_id: int
    headline: str
    outlet: str | None = None
    byline: list[str] = field(default_factory=list)
    date: str | None = None
    url: str | None = None
    dateline: str | None = None
    lead: str = ""
    full_text: str = ""
    language: str | None = None
    entities: list[EntityRef] = field(default_factory=list)
    quotes: list[QuoteRef] = field(default_factory=list)
    #: The agency that wrote a story the outlet carries; cited "AP via Outlet".
    credit: str | None = None

    @classmethod
    def from_article(
        cls,
        article: Any,
        *,
        lead: str | None = None,
        entities: list[EntityRef] | None = None,
        quotes: list[QuoteRef] | None = None,
    ) -> BriefingStory:
        """A story from anything shaped like :class:`desktop.core.articles.Article`."""
        body = article.body or ""
        pub_date = article.pub_date
        return cls(
            article_id=article.id,
            headline=article.headline or "",
            outlet=article.outlet,
            byline=list(article.byline or []),
            date=pub_date.iso() if pub_date is not None else None,
            url=article.url,
            dateline=article.dateline,
            lead=lead if lead is not None else first_paragraph(body),
            full_text=body,
            language=article.language,
            entities=list(entities or []),
            quotes=list(quotes or []),
            credit=getattr(article, "credit", None),
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BriefingStory:
        return cls(
            article_id=int(data["article_id"]),
            headline=str(data.get("headline") or ""),
            outlet=data.get("outlet"),
            credit=data.get("credit"),
            byline=[str(b) for b in data.get("byline") or []],
            date=data.get("date"),
            url=data.get("url"),
            dateline=data.get("dateline"),
            lead=str(data.get("lead") or ""),
            full_text=str(data.get("full_text") or ""),
            language=data.get("language"),
            entities=[EntityRef(str(e["name"]), str(e.get("kind") or "other")) for e in data.get("entities") or []],
            quotes=[
                QuoteRef(str(q["text"]), q.get("speaker"), q.get("role")) for q in data.get("quotes") or []
            ],
        )


@dataclass
class BriefingOptions:
    """What to include. The defaults are what a desk usually wants from a quick briefing."""

    full_text: bool = False
    include_entities: bool = True
    include_quotes: bool = True
    timeline: bool = True
    entity_table: bool = True
    links: bool = True
    sources: bool = True

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BriefingOptions:
        known = {k: bool(v) for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class Briefing:
    """A briefing: title block, summary, the chosen stories in order, and the options."""

    title: str
    author: str = ""
    date: str = field(default_factory=lambda: _date.today().isoformat())
    handling: str = DEFAULT_HANDLING
    summary: str = ""
    stories: list[BriefingStory] = field(default_factory=list)
    options: BriefingOptions = field(default_factory=BriefingOptions)
    links: list[StoryLink] = field(default_factory=list)

    def to_json(self) -> str:
        """Compact JSON for a drafts table. Readable UTF-8, unless some text holds lone
        surrogates (undecodable bytes), which SQLite cannot store: then ASCII escapes, so the
        draft still round-trips exactly."""
        data = asdict(self)
        data["version"] = JSON_VERSION
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
        return text

    @classmethod
    def from_json(cls, text: str) -> Briefing:
        data = json.loads(text)
        if not isinstance(data, dict) or "title" not in data:
            raise ValueError("not a stored briefing: expected an object with a title")
        if int(data.get("version", JSON_VERSION)) > JSON_VERSION:
            raise ValueError("this briefing was saved by a newer version of Newsroom Archive")
        return cls(
            title=str(data["title"]),
            author=str(data.get("author") or ""),
            date=str(data.get("date") or _date.today().isoformat()),
            handling=str(data.get("handling") if data.get("handling") is not None else DEFAULT_HANDLING),
            summary=str(data.get("summary") or ""),
            stories=[BriefingStory.from_dict(s) for s in data.get("stories") or []],
            options=BriefingOptions.from_dict(data.get("options") or {}),
            links=[
                StoryLink(int(x["a_id"]), int(x["b_id"]), str(x.get("type") or "related"), str(x.get("note") or ""))
                for x in data.get("links") or []
            ],
        )

    def story_number(self, article_id: int) -> int | None:
        """The story's 1-based position, which is also its number in the sources list."""
        for n, story in enumerate(self.stories, start=1):
            if story.article_id == article_id:
                return n
        return None

    def usable_links(self) -> list[StoryLink]:
        """Links whose two ends are both in the briefing (others would point at nothing)."""
        ids = {s.article_id for s in self.stories}
        return [x for x in self.links if x.a_id in ids and x.b_id in ids and x.a_id != x.b_id]


def first_paragraph(text: str) -> str:
    """The first non-empty paragraph of ``text`` (blank-line separated, else the first line),
    shortened to about :data:`~.text.MAX_LEAD` characters: a lead is repeated in the summary."""
    for block in text.replace("\r\n", "\n").replace("\r", "\n").split("\n\n"):
        block = block.strip()
        if block:
            return shorten(" ".join(line.strip() for line in block.split("\n") if line.strip()), MAX_LEAD)
    return ""


def story_heading(story: BriefingStory) -> str:
    """The heading a story gets; never empty, so the contents table has no blank line."""
    headline = clean(story.headline)
    return headline or f"Untitled story (archive #{story.article_id})"


def outline_entries(briefing: Briefing) -> list[tuple[int, str]]:
    """``(level, heading)`` pairs in document order; level 1 sections, level 2 stories."""
    opts = briefing.options
    entries: list[tuple[int, str]] = []
    if briefing.summary.strip():
        entries.append((1, SECTION_TITLES["summary"]))
    if briefing.stories:
        entries.append((1, SECTION_TITLES["stories"]))
        entries.extend((2, story_heading(s)) for s in briefing.stories)
    if opts.timeline and briefing.stories:
        entries.append((1, SECTION_TITLES["timeline"]))
    if opts.entity_table and any(s.entities for s in briefing.stories):
        entries.append((1, SECTION_TITLES["entity_table"]))
    if opts.links and briefing.usable_links():
        entries.append((1, SECTION_TITLES["links"]))
    if opts.sources and briefing.stories:
        entries.append((1, SECTION_TITLES["sources"]))
    return entries


def outline(briefing: Briefing) -> list[str]:
    """The live outline: every heading the document will contain, in order."""
    return [text for _level, text in outline_entries(briefing)]
