"""The body of a briefing: one section per story, then the timeline, entity, links and sources.

Every fact is traceable: each story section ends with a citation (``[n]``, linked to entry n of
the sources list, which carries outlet, headline, author, date, URL and archive id), and every
row of the timeline and entity tables cites the stories it comes from. Without a sources list
the citation spells the source out in place.

Layout is by named styles only (see :mod:`.template`); the :class:`Layout` keeps the style ids,
the bookmark counter and the document part that owns hyperlink relationships.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..entities.kinds import KINDS
from . import oxml
from .model import SECTION_TITLES, Briefing, BriefingStory, story_heading
from .template import StyleIds
from .text import clean, display_date, is_rtl, paragraphs, sort_key_date

__all__ = ["KIND_GROUPS", "Layout", "entity_rows", "timeline_order"]

#: Plural headings for the per-story entity lines and the entity table, in the GUI's order.
KIND_GROUPS: dict[str, str] = {
    "person": "People", "organisation": "Organisations", "armed_group": "Armed groups",
    "place": "Places", "weapon": "Weapons", "event": "Events", "other": "Other",
}
_KIND_SINGULAR: dict[str, str] = {
    "person": "Person", "organisation": "Organisation", "armed_group": "Armed group",
    "place": "Place", "weapon": "Weapon", "event": "Event", "other": "Other",
}
SEP = "  \u00b7  "


def source_anchor(n: int) -> str:
    return f"_BriefingSource{n}"


def heading_anchor(n: int) -> str:
    return f"_BriefingHeading{n}"


def cited_outlet(story: BriefingStory) -> str:
    """"AP via Harbor Ledger" for wire copy an outlet carries; the outlet alone otherwise."""
    from ..importing.credit import short_credit

    outlet, credit = clean(story.outlet), clean(story.credit or "")
    if credit and credit.casefold() != outlet.casefold():
        return f"{short_credit(credit)} via {outlet}" if outlet else short_credit(credit)
    return outlet


def _kind(kind: str) -> str:
    k = (kind or "other").strip().lower().replace(" ", "_").replace("-", "_")
    return k if k in KINDS else "other"


def timeline_order(briefing: Briefing) -> list[tuple[int, BriefingStory]]:
    """``(source number, story)`` oldest first, undated stories last, ties in briefing order."""
    numbered = list(enumerate(briefing.stories, start=1))
    return sorted(numbered, key=lambda pair: sort_key_date(pair[1].date))


def entity_rows(briefing: Briefing) -> list[tuple[str, str, list[int]]]:
    """``(name, kind, source numbers)`` across the stories, grouped by kind, most cited first.

    Names are merged case-insensitively within a kind; the first spelling seen is shown."""
    seen: dict[tuple[str, str], tuple[str, list[int]]] = {}
    for n, story in enumerate(briefing.stories, start=1):
        for entity in story.entities:
            name = clean(entity.name)
            if not name:
                continue
            key = (_kind(entity.kind), name.casefold())
            _shown, numbers = seen.setdefault(key, (name, []))
            if not numbers or numbers[-1] != n:
                numbers.append(n)
    order = {k: i for i, k in enumerate(KINDS)}
    rows = [(shown, kind, numbers) for (kind, _), (shown, numbers) in seen.items()]
    rows.sort(key=lambda r: (order[r[1]], -len(r[2]), r[0].casefold()))
    return rows


@dataclass
class Layout:
    """Appends styled content before the body's final section properties."""

    styles: StyleIds
    part: Any
    anchor: Any  # the body's closing w:sectPr: everything goes before it
    text_width: int
    briefing: Briefing
    #: Set when the contents fill most of a page: the next top-level section starts a new one.
    break_before_next_section: bool = False
    _bookmark_id: int = field(default=1000)
    _tables: int = field(default=0)

    # -- primitives -------------------------------------------------------------------------
    def para(self, key: str, text: str = "", *, rtl: bool | None = None, language: str | None = None,
             keep_next: bool = False, page_break: bool = False) -> Any:
        text = clean(text)
        right_to_left = is_rtl(text, language) if rtl is None else rtl
        p = oxml.make_paragraph(self.styles[key], rtl=right_to_left, keep_next=keep_next, page_break=page_break,
                                no_side_borders=right_to_left and key in ("quote", "attribution"))
        if text:
            oxml.add_run(p, text, rtl=right_to_left)
        self.anchor.addprevious(p)
        return p

    def bookmark(self, p: Any, name: str) -> None:
        self._bookmark_id += 1
        oxml.add_bookmark(p, name, self._bookmark_id)

    def heading(self, level: int, text: str, number: int, *, language: str | None = None) -> Any:
        page_break = level == 1 and self.break_before_next_section
        if page_break:
            self.break_before_next_section = False
        p = self.para(f"h{level}", text, language=language, page_break=page_break)
        self.bookmark(p, heading_anchor(number))
        return p

    def cite(self, parent: Any, n: int) -> None:
        """``[n]``, linked to the sources list when there is one."""
        if self.briefing.options.sources:
            oxml.add_internal_link(parent, source_anchor(n), f"[{n}]", self.styles["hyperlink"])
        else:
            oxml.add_run(parent, f"[{n}]")

    def cites(self, numbers: list[int]) -> Callable[[Any], None]:
        """Citations for a table cell; three or more consecutive sources become ``[4]-[9]``."""
        def fill(p: Any) -> None:
            for i, group in enumerate(_consecutive(sorted(set(numbers)))):
                if i:
                    oxml.add_run(p, " ")
                if len(group) >= 3:
                    self.cite(p, group[0])
                    oxml.add_run(p, "\u2013")
                    self.cite(p, group[-1])
                else:
                    for j, n in enumerate(group):
                        if j:
                            oxml.add_run(p, " ")
                        self.cite(p, n)
        return fill

    def table(self, caption: str, headers: list[str], rows: list[list[oxml.Cell]],
              fractions: list[float]) -> None:
        self._tables += 1
        self.para("caption", f"Table {self._tables}. {caption}", rtl=False, keep_next=True)
        widths = [int(self.text_width * f) for f in fractions]
        widths[-1] = self.text_width - sum(widths[:-1])
        s = self.styles
        self.anchor.addprevious(oxml.make_table(
            headers, rows, widths, table_style=s["table"], text_style=s["table_text"],
            heading_style=s["table_heading"], rtl=is_rtl,
        ))

    # -- sections ---------------------------------------------------------------------------
    def story(self, n: int, story: BriefingStory, heading_number: int) -> None:
        opts = self.briefing.options
        lang = story.language
        self.heading(2, story_heading(story), heading_number, language=lang)
        self.para("meta", self._meta_line(story), rtl=False)
        body = list(paragraphs(story.full_text)) if opts.full_text else []
        if not body:
            lead = clean(story.lead) or next(paragraphs(story.full_text), "")
            body = [lead] if lead else []
        for text in body:
            self.para("normal", text, language=lang)
        if opts.include_quotes and story.quotes:
            self.para("h3", "Key quotations", rtl=False)
            for quote in story.quotes:
                text = clean(quote.text).strip("\"\u201c\u201d ")
                if not text:
                    continue
                marks = "\u00ab\u00bb" if is_rtl(text, lang) else "\u201c\u201d"  # Arabic uses guillemets
                self.para("quote", f"{marks[0]}{text}{marks[1]}", language=lang)
                who = ", ".join(x for x in (clean(quote.speaker), clean(quote.role)) if x) or "Speaker not identified"
                self.para("attribution", f"\u2014 {who}", language=lang)
        if opts.include_entities and story.entities:
            self._story_entities(story)
        p = self.para("citation", "", rtl=False)
        oxml.add_run(p, "Source ", bold=True)
        if opts.sources:
            self.cite(p, n)
            oxml.add_run(p, f"  {self._source_brief(story)}")
        else:
            self._source_full(p, story)

    def _meta_line(self, story: BriefingStory) -> str:
        byline = [clean(b) for b in story.byline if clean(b)]
        parts = [
            ltr_safe(cited_outlet(story)),
            "By " + ltr_safe(_join_names(byline)) if byline else "",
            display_date(story.date),
            ltr_safe(clean(story.dateline)),
            f"Archive #{story.article_id}",
        ]
        return SEP.join(x for x in parts if x)

    def _source_brief(self, story: BriefingStory) -> str:
        return ", ".join(x for x in (ltr_safe(cited_outlet(story)), display_date(story.date), f"archive #{story.article_id}") if x)

    def _story_entities(self, story: BriefingStory) -> None:
        groups: dict[str, list[str]] = {}
        for entity in story.entities:
            name = clean(entity.name)
            names = groups.setdefault(_kind(entity.kind), [])
            if name and name.casefold() not in {x.casefold() for x in names}:
                names.append(name)
        for kind in KINDS:
            if groups.get(kind):
                p = self.para("entities", "", rtl=False)
                oxml.add_run(p, f"{KIND_GROUPS[kind]}: ", bold=True)
                oxml.add_run(p, ", ".join(ltr_safe(name) for name in groups[kind]))

    def _source_full(self, p: Any, story: BriefingStory) -> None:
        """Outlet, headline, author, date, URL and archive id, written into paragraph ``p``."""
        byline = _join_names([clean(b) for b in story.byline if clean(b)])
        head = ". ".join(x for x in (ltr_safe(cited_outlet(story)), ltr_safe(f"\u201c{story_heading(story)}\u201d")) if x)
        tail = ", ".join(x for x in (ltr_safe(byline), display_date(story.date)) if x)
        oxml.add_run(p, head + (f". {tail}. " if tail else ". "))
        url = oxml.safe_url(story.url)
        if url:
            oxml.add_external_link(p, self.part, url, clean(story.url), self.styles["hyperlink"])
            oxml.add_run(p, ". ")
        elif clean(story.url):
            oxml.add_run(p, clean(story.url) + ". ")
        oxml.add_run(p, f"Archive #{story.article_id}.")

    def timeline(self, number: int) -> None:
        self.heading(1, SECTION_TITLES["timeline"], number)
        rows: list[list[oxml.Cell]] = []
        for n, story in timeline_order(self.briefing):
            rows.append([display_date(story.date) or "Undated", clean(story.outlet), story_heading(story),
                         self.cites([n])])
        self.table("The stories in date order", ["Date", "Outlet", "Headline", "Source"], rows,
                   [0.17, 0.2, 0.53, 0.1])

    def entities(self, number: int) -> None:
        self.heading(1, SECTION_TITLES["entity_table"], number)
        rows: list[list[oxml.Cell]] = []
        for name, kind, numbers in entity_rows(self.briefing):
            rows.append([name, _KIND_SINGULAR[kind], str(len(numbers)), self.cites(numbers)])
        self.table("Who and what the stories name, with the number of stories naming each",
                   ["Name", "Kind", "Stories", "Sources"], rows, [0.36, 0.18, 0.1, 0.36])

    def links(self, number: int) -> None:
        self.heading(1, SECTION_TITLES["links"], number)
        rows: list[list[oxml.Cell]] = []
        b = self.briefing
        for link in b.usable_links():
            na, nb = b.story_number(link.a_id), b.story_number(link.b_id)
            assert na is not None and nb is not None
            rows.append([
                self._story_cell(na), clean(link.type).replace("_", " ").capitalize() or "Related",
                self._story_cell(nb), clean(link.note),
            ])
        self.table("How the stories relate, as marked in the archive",
                   ["Story", "Link", "Related story", "Note"], rows, [0.32, 0.14, 0.32, 0.22])

    def _story_cell(self, n: int) -> Callable[[Any], None]:
        heading = story_heading(self.briefing.stories[n - 1])

        def fill(p: Any) -> None:
            oxml.add_run(p, ltr_safe(heading) + " ")
            self.cite(p, n)
        return fill

    def sources(self, number: int) -> None:
        self.heading(1, SECTION_TITLES["sources"], number)
        for n, story in enumerate(self.briefing.stories, start=1):
            p = self.para("source", "", rtl=False)
            oxml.add_run(p, f"[{n}]", bold=True)
            oxml.add_run(p, "", tab_before=True)
            self._source_full(p, story)
            self.bookmark(p, source_anchor(n))


def ltr_safe(text: str) -> str:
    """Text that may hold right-to-left script, followed by a left-to-right mark when it does, so
    the numbers and punctuation after it in an English line (a date, ``[3]``) stay in order
    instead of joining the Arabic run (Unicode bidi rules W2 and N1)."""
    return text + "\u200e" if any(is_rtl(ch) for ch in text if ch >= "\u0590") else text


def _consecutive(numbers: list[int]) -> list[list[int]]:
    groups: list[list[int]] = []
    for n in numbers:
        if groups and groups[-1][-1] == n - 1:
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups


def _join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
