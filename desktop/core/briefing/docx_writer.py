"""Write a :class:`~.model.Briefing` as a Word document laid out by the house (or a desk's) template.

The document: a title block (title, who and when, the handling line), a contents table, the
executive summary, one section per story, then the optional timeline, entity table, links and
numbered sources. Pages carry the title and handling line in the header and "Page X of Y" in the
footer.

Contents and page counts are Word fields. Word recomputes them on open because settings carry
``w:updateFields``; LibreOffice keeps what is cached, so the contents table is written out in
full (entries linked to their headings, page numbers as PAGEREF fields) and a reader of either
program sees a complete table.

The export is atomic: the document is saved to a temporary file beside the target
(``<name>.docx.<pid>-<hex>.part``) and renamed over it only when complete, so a cancelled or
failed export never leaves a half-written .docx (nor destroys an earlier one); a full disk is
reported as such, and what a killed export left is removed by the next export into that folder. ``progress(done, total)`` is called per story; ``cancel`` (an
object with ``is_set()`` such as ``threading.Event``, or a callable returning bool) is checked
between stories and before saving.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from docx.document import Document

from ..disk_full import is_disk_full
from ..files import process_alive
from . import oxml
from .model import SECTION_TITLES, Briefing, outline_entries
from .sections import Layout, heading_anchor
from .template import StyleIds, load_template
from .text import clean, display_date, paragraphs

__all__ = ["BriefingCancelled", "Cancel", "CancelFlag", "ExportWriteError", "Progress", "clear_stale_parts",
           "write_briefing"]

#: Up to this many contents entries share the first page with the summary; beyond, the
#: contents get the title page to themselves and the first section starts a new page.
CONTENTS_SHARE_PAGE = 15
#: Text width in twips of A4 with 2.2 cm margins, for templates that do not say.
DEFAULT_TEXT_WIDTH = 9412
#: Errors meaning "no room to write" (EFBIG: over a file size limit; EDQUOT: over quota).
#: ``progress(done, total)``.
Progress = Callable[[int, int], None]


class CancelFlag(Protocol):
    """Anything with ``is_set()``, such as ``threading.Event`` (as in the importer)."""

    def is_set(self) -> bool: ...


#: A cancel flag, or a callable answering "cancelled yet?".
Cancel = CancelFlag | Callable[[], bool]


class BriefingCancelled(Exception):
    """The export was cancelled; nothing was written."""


def _is_cancelled(cancel: Cancel | None) -> bool:
    if cancel is None:
        return False
    if hasattr(cancel, "is_set"):
        return bool(cancel.is_set())
    return bool(cancel())  # type: ignore[operator]


def write_briefing(
    briefing: Briefing,
    out_path: str | os.PathLike[str],
    *,
    template: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Path:
    """Write ``briefing`` to ``out_path`` (.docx) and return the path.

    Raises :class:`~.template.TemplateError` for an unusable template (naming missing styles),
    :class:`BriefingCancelled` when cancelled, ``OSError`` when the file cannot be written.
    """
    out = Path(out_path)
    document, styles = load_template(template)
    stories = briefing.stories
    total = len(stories) + 2
    report = progress or (lambda done, total: None)
    report(0, total)

    body = document.element.body
    sect_pr = body.get_or_add_sectPr()
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)  # a desk template's sample text, and any other sections
    section = document.sections[0]
    try:
        text_width = int(section.page_width - section.left_margin - section.right_margin) // 635  # EMU -> twips
    except TypeError:  # a template without page size or margins: Word's defaults apply; assume A4
        text_width = DEFAULT_TEXT_WIDTH
    layout = Layout(styles, document.part, sect_pr, text_width, briefing)
    plan = outline_entries(briefing)

    _title_block(layout, briefing)
    if plan:
        _contents(layout, plan)
        layout.break_before_next_section = len(plan) > CONTENTS_SHARE_PAGE
    numbers = iter(range(1, len(plan) + 1))
    if briefing.summary.strip():
        layout.heading(1, SECTION_TITLES["summary"], next(numbers))
        for text in paragraphs(briefing.summary):
            layout.para("summary", text)
    report(1, total)

    opts = briefing.options
    if stories:
        layout.heading(1, SECTION_TITLES["stories"], next(numbers))
    for n, story in enumerate(stories, start=1):
        if _is_cancelled(cancel):
            raise BriefingCancelled("the briefing export was cancelled")
        layout.story(n, story, next(numbers))
        report(1 + n, total)

    if opts.timeline and stories:
        layout.timeline(next(numbers))
    if opts.entity_table and any(s.entities for s in stories):
        layout.entities(next(numbers))
    if opts.links and briefing.usable_links():
        layout.links(next(numbers))
    if opts.sources and stories:
        layout.sources(next(numbers))

    _header_footer(document, styles, briefing)
    _properties(document, briefing)
    oxml.set_update_fields(document.settings.element)
    if _is_cancelled(cancel):
        raise BriefingCancelled("the briefing export was cancelled")
    _save_atomically(document, out)
    report(total, total)
    return out


def _title_block(layout: Layout, briefing: Briefing) -> None:
    layout.para("title", briefing.title or "Briefing")
    count = len(briefing.stories)
    who = f"Prepared by {clean(briefing.author)}" if clean(briefing.author) else "Prepared"
    when = display_date(briefing.date)
    line = f"{who}{', ' + when if when else ''}  \u00b7  {count} {'story' if count == 1 else 'stories'}"
    layout.para("subtitle", line, rtl=False)
    if clean(briefing.handling):
        layout.para("handling", briefing.handling)


def _contents(layout: Layout, plan: list[tuple[int, str]]) -> None:
    """A TOC field (Word rebuilds it, with page numbers, on open) whose cached result already
    lists every heading, each linked to its heading. LibreOffice shows the cached result as it
    is and cannot know page numbers, so the cache has no tab leaders pointing at nothing."""
    layout.para("toc_heading", "Contents", rtl=False)
    entries = []
    for number, (level, text) in enumerate(plan, start=1):
        entries.append(layout.para(f"toc{level}", "", rtl=False))
        link = oxml.add_internal_link(entries[-1], heading_anchor(number), "", layout.styles["hyperlink"])
        link.remove(link[0])  # the entry keeps the TOC style's look, not the link colour
        oxml.add_run(link, clean(text))
    oxml.field_begin(entries[0], 'TOC \\o "1-2" \\h \\z \\u', dirty=True, at_start=True)
    oxml.field_end(entries[-1])


def _header_footer(document: Document, styles: StyleIds, briefing: Briefing) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = False
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    for part in (section.header, section.footer):
        for child in list(part._element):
            part._element.remove(child)
    header = oxml.make_paragraph(styles["header"])
    oxml.add_run(header, clean(briefing.title) or "Briefing")
    if clean(briefing.handling):
        oxml.add_run(header, clean(briefing.handling).upper(), bold=True, tab_before=True)
    section.header._element.append(header)
    footer = oxml.make_paragraph(styles["footer"])
    oxml.add_run(footer, "Page ")
    oxml.add_field(footer, "PAGE", "1")
    oxml.add_run(footer, " of ")
    oxml.add_field(footer, "NUMPAGES", "1")
    section.footer._element.append(footer)


def _properties(document: Document, briefing: Briefing) -> None:
    props = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    outlets = sorted({clean(s.outlet) for s in briefing.stories if clean(s.outlet)})
    dates = sorted(s.date for s in briefing.stories if s.date)
    span = f", {display_date(dates[0])} to {display_date(dates[-1])}" if len(dates) > 1 else ""
    count = len(briefing.stories)
    props.title = clean(briefing.title)[:255]
    props.author = props.last_modified_by = clean(briefing.author)[:255]
    props.subject = f"Briefing on {count} {'story' if count == 1 else 'stories'}{span}"[:255]
    props.keywords = "; ".join(outlets)[:255]
    props.category = clean(briefing.handling)[:255]
    props.comments = ("Made with Newsroom Archive from archive ids "
                      + ", ".join(f"#{s.article_id}" for s in briefing.stories))[:255]
    props.content_status = ""
    props.identifier = props.version = props.language = ""
    props.created = props.modified = now
    props.revision = 1


#: ``<name>.docx.<pid>-<8 hex>.part``: the temporary file an export writes beside its target.
PART_NAME = re.compile(r"^(?P<name>.+\.docx)\.(?P<pid>\d+)-[0-9a-f]{8}\.part$")
#: The hidden ``.<name>.docx.<8 hex>.part`` of earlier versions (no process id recorded).
OLD_PART_NAME = re.compile(r"^\.(?P<name>.+\.docx)\.[0-9a-f]{8}\.part$")
#: A temporary file older than this is stale even if a process with its id runs (ids are reused).
STALE_PART_S = 24 * 3600


def part_path(out: Path) -> Path:
    """The temporary file for an export to ``out``: visible, and naming the exporting process."""
    return out.with_name(f"{out.name}.{os.getpid()}-{secrets.token_hex(4)}.part")


def clear_stale_parts(folder: Path) -> list[Path]:
    """Remove what killed exports left in ``folder``: only regular files named as this app names
    its temporary files, whose process is gone (or that are a day old). Returns them."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = PART_NAME.match(entry.name)
        old_style = OLD_PART_NAME.match(entry.name)
        if not (match or old_style):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if match:
            stale = not process_alive(int(match.group("pid"))) or age > STALE_PART_S
        else:
            stale = age > 3600  # an old-style file names no process: give a live export an hour
        if stale:
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


class ExportWriteError(OSError):
    """The briefing could not be written; the message says why in words (a full disk...)."""


def _save_atomically(document: Document, out: Path) -> None:
    """Save beside the target and rename over it. The document is rendered in memory first, so
    a failure to write (a full disk) is a plain OSError on one write, after which the temporary
    file is removed; a stale one left by a killed export is removed by the next export. The
    temporary file is opened with ``"xb"`` rather than ``mkstemp`` so it gets the user's usual
    permissions (umask), not 0600."""
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getbuffer()
    out.parent.mkdir(parents=True, exist_ok=True)
    clear_stale_parts(out.parent)
    tmp = part_path(out)
    try:
        with open(tmp, "xb") as fh:  # fails, touching nothing, if the name is taken
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if is_disk_full(exc):
            raise ExportWriteError(getattr(exc, "errno", None), f"the disk is full: {out.name} was not written "
                                   f"(it needs {len(data) // 1024 + 1} KB)") from exc
        if isinstance(exc, PermissionError):  # Windows: the old file is open in Word
            raise PermissionError(
                f"cannot replace {out.name}: is it open in Word? Close it and export again ({exc})"
            ) from exc
        raise
