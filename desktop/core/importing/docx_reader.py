"""Word (.docx) files: the visible text in reading order, and the core properties as hints.

A .docx is a zip of XML parts, so a hostile one can be a zip bomb or carry an XML entity bomb;
the package is inspected with :mod:`zipfile` (declared sizes, ratios, member count, DOCTYPEs)
before python-docx parses anything. Text is read from the body XML rather than python-docx's
``Paragraph.text`` so that tracked insertions and content controls are not lost. Core
properties are only hints: templates carry authors such as "python-docx" or "Microsoft Office
User" and dates from the template's birth, so obvious defaults are dropped, never reported.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from typing import Any

from .decode import clean_text
from .html_reader import plausible_date, split_names
from .limits import Budget, Limits, OverLimit, human_size, text_too_long, too_deep
from .types import Extracted, Rejected

__all__ = ["read_docx"]

_CFB_MAGIC = b"\xd0\xcf\x11\xe0"
_MAIN_PART = "word/document.xml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Members bigger than this are checked for a suspicious compression ratio.
_RATIO_CHECK_BYTES = 1024 * 1024
_ENTITY_MARKERS = (b"<!ENTITY", "<!ENTITY".encode("utf-16-le"), "<!ENTITY".encode("utf-16-be"))
_DOCTYPE_MARKERS = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
#: The creation time in python-docx's own default template: a template's birthday, not a date.
_TEMPLATE_CREATED = datetime.datetime(2013, 12, 23, 23, 15, tzinfo=datetime.timezone.utc)
_PLACEHOLDER_TITLE_RE = re.compile(
    r"^(word document|document\d*|untitled|python docx|title|microsoft word\b.*|.*\.(docx?|dotx?|rtf|pdf))$",
    re.I)
_TITLE_STYLES = {"title", "heading 1"}


def read_docx(data: bytes, *, name: str, limits: Limits) -> Extracted:
    budget = Budget.of(limits)
    archive = _open_package(data, limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _body_blocks(document.element.body, limits, budget)
    except Rejected:
        raise
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors, ...
        raise Rejected(f"corrupt Word document ({_short(exc)})") from None
    finally:
        archive.close()
    warnings: list[str] = []
    text = clean_text("\n\n".join(text for _, text in blocks), warnings)
    if not text.strip():
        raise Rejected("Word document contains no text")
    if len(text) > limits.max_text_chars:
        raise text_too_long(len(text), limits)
    extracted = Extracted(text=text, format="docx", warnings=warnings)
    if document.element.body.find(f".//{_W}txbxContent") is not None:
        warnings.append("text in text boxes was not imported")
    _fill_metadata(extracted, document, blocks)
    return extracted


def _open_package(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """Check the zip container without unpacking it; raise Rejected for anything hostile."""
    if not data:
        raise Rejected("empty file")
    if data.startswith(_CFB_MAGIC):
        raise Rejected("password-protected or old-format (.doc) Word file is not supported")
    if data.lstrip()[:5] == b"{\\rtf":
        raise Rejected("not a Word document: this is an RTF file renamed .docx")
    if not data.startswith(b"PK"):
        raise Rejected("not a Word document (a .docx is a zip package; this file is not)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except Exception:  # zipfile raises BadZipFile, ValueError, struct.error, ... on damage
        raise Rejected("corrupt or truncated Word document (not a valid zip package)") from None
    try:
        _check_members(archive, members, limits)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_members(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > limits.max_zip_members:
        raise Rejected(f"zip bomb defence: the package has {len(members):,} parts "
                       f"(limit {limits.max_zip_members:,})")
    total = sum(m.file_size for m in members)
    if total > limits.max_unpacked_bytes:
        raise Rejected(f"zip bomb defence: the package unpacks to {human_size(total)} "
                       f"(limit {human_size(limits.max_unpacked_bytes)})")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_CHECK_BYTES and ratio > limits.max_compression_ratio:
            raise Rejected(f"zip bomb defence: {member.filename} unpacks to {human_size(member.file_size)} "
                           f"from {human_size(member.compress_size)} (ratio {ratio:,.0f}:1)")
        if member.flag_bits & 0x1:
            raise Rejected("password-protected Word document is not supported")
    if _MAIN_PART not in archive.namelist():
        raise Rejected("not a Word document (the zip package has no word/document.xml)")
    for member in members:
        if member.filename.lower().endswith((".xml", ".rels")):
            if member.file_size > limits.max_xml_part_bytes:
                raise OverLimit(f"Word document too large to read: {member.filename} unpacks to "
                                f"{human_size(member.file_size)} "
                                f"(limit {human_size(limits.max_xml_part_bytes)})")
            _check_xml_part(archive, member)


def _check_xml_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Refuse DOCTYPE/ENTITY declarations, which Word never writes; read in bounded chunks."""
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1024 * 1024):
                window = tail + chunk
                if any(marker in window for marker in _ENTITY_MARKERS):
                    raise Rejected(f"Word document declares XML entities in {member.filename} "
                                   "(possible entity expansion attack); refused")
                if any(marker in window for marker in _DOCTYPE_MARKERS):
                    raise Rejected(f"Word document has a DOCTYPE in {member.filename} "
                                   "(external entity / entity expansion risk); refused")
                tail = window[-32:]
    except Rejected:
        raise
    except Exception:  # BadZipFile (bad CRC), zlib.error, NotImplementedError (compression), ...
        raise Rejected(f"corrupt Word document (part {member.filename} cannot be unpacked)") from None


class _Cell:
    """The paragraphs of one cell of a top-level table (nested tables' text included)."""

    __slots__ = ("paragraphs",)

    def __init__(self) -> None:
        self.paragraphs: list[_Paragraph] = []


class _Paragraph:
    __slots__ = ("element", "parts")

    def __init__(self, element: Any) -> None:
        self.element = element
        self.parts: list[str] = []

    def text(self) -> str:
        return "".join(self.parts).strip()


class _Table:
    __slots__ = ("element", "rows")

    def __init__(self, element: Any) -> None:
        self.element = element
        self.rows: list[list[_Cell]] = []


_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}noBreakHyphen": "-", f"{_W}br": "\n", f"{_W}cr": "\n"}


def _body_blocks(body: Any, limits: Limits, budget: Budget) -> list[tuple[Any, str]]:
    """``(element, text)`` for each paragraph and table of the body, in reading order.

    One pass over the body's elements, so time and memory grow linearly with the document
    whatever its shape. Each text node belongs to its nearest paragraph only (paragraphs
    nested inside paragraphs, which Word never writes, become paragraphs of their own instead
    of repeating their text in every enclosing one); text boxes are left out. A top-level
    table gives its rows, with the text of tables nested in a cell read as that cell's
    paragraphs. Depth, element count and time are checked as the pass goes.
    """
    from lxml import etree

    tbl, tr, tc, p, txbx = f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}p", f"{_W}txbxContent"
    items: list[_Paragraph | _Table] = []  # body-level paragraphs and tables, in order
    paragraphs: list[_Paragraph] = []  # open paragraphs, innermost last
    table: _Table | None = None  # the open top-level table
    table_depth = 0  # tables open, the top-level one included
    cell: _Cell | None = None
    in_text_box = 0
    depth = deepest = elements = 0
    for event, node in etree.iterwalk(body, events=("start", "end")):
        tag = node.tag
        if event == "start":
            depth += 1
            elements += 1
            budget.check("reading the Word document")
            if depth > deepest:
                deepest = depth
                if depth > limits.max_nesting_depth:
                    raise too_deep(_depth_of(body), limits, "Word document")
            if elements > limits.max_elements:
                raise OverLimit(f"Word document too complex (over {limits.max_elements:,} elements)")
            if tag == txbx:
                in_text_box += 1
            elif in_text_box:
                continue
            elif tag == p:
                paragraph = _Paragraph(node)
                paragraphs.append(paragraph)
                if cell is not None:
                    cell.paragraphs.append(paragraph)
                elif table is None:
                    items.append(paragraph)
            elif tag in _TEXT_TAGS:
                if paragraphs and node.getparent() is not None and node.getparent().tag == f"{_W}r":
                    piece = _TEXT_TAGS[tag]
                    paragraphs[-1].parts.append(node.text or "" if piece is None else piece)
            elif tag == tbl:
                table_depth += 1
                if table_depth == 1:
                    table = _Table(node)
                    items.append(table)
            elif tag == tr and table_depth == 1 and table is not None:
                table.rows.append([])
            elif tag == tc and table_depth == 1 and table is not None and table.rows:
                cell = _Cell()
                table.rows[-1].append(cell)
        else:
            depth -= 1
            if tag == txbx:
                in_text_box -= 1
            elif in_text_box:
                continue
            elif tag == p and paragraphs and paragraphs[-1].element is node:
                paragraphs.pop()
            elif tag == tbl:
                table_depth -= 1
                if table_depth == 0:
                    table, cell = None, None
            elif tag == tc and table_depth == 1:
                cell = None
    blocks: list[tuple[Any, str]] = []
    total = 0
    for item in items:
        if isinstance(item, _Paragraph):
            found = [(item.element, text)] if (text := item.text()).strip() else []
        else:
            found = _table_blocks(item)
        for element, text in found:
            total += len(text) + 2
            if total > limits.max_text_chars:
                raise text_too_long(total, limits)
            blocks.append((element, text))
    return blocks


def _depth_of(body: Any) -> int:
    """How many levels of elements the body holds (the body itself is level 1)."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(body, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _table_blocks(table: _Table) -> list[tuple[Any, str]]:
    """A one-column (layout) table gives its paragraphs; a data table gives ``a | b`` rows."""
    rows: list[list[list[str]]] = []
    for row in table.rows:
        cells = [[t for p in cell.paragraphs if (t := p.text())] for cell in row]
        cells = [c for c in cells if c]
        if cells:
            rows.append(cells)
    if all(len(cells) == 1 for cells in rows):
        return [(table.element, paragraph) for cells in rows for paragraph in cells[0]]
    lines = [" | ".join(" ".join(cell) for cell in cells) for cells in rows]
    return [(table.element, "\n".join(lines))] if lines else []


def _fill_metadata(extracted: Extracted, document: Any, blocks: list[tuple[Any, str]]) -> None:
    try:
        props = document.core_properties
        core_title, author, created, language = props.title, props.author, props.created, props.language
    except Exception:  # a malformed docProps/core.xml only costs us the hints
        core_title, author, created, language = "", "", None, ""
        extracted.warnings.append("document properties unreadable; ignored")

    heading = _heading_title(document, blocks)
    core_title = (core_title or "").strip()
    if heading:
        extracted.title = heading
    elif core_title and not _PLACEHOLDER_TITLE_RE.match(core_title):
        extracted.title = core_title
    extracted.authors = split_names(author or "")

    now = datetime.datetime.now(datetime.timezone.utc)
    if isinstance(created, datetime.datetime):
        aware = created if created.tzinfo else created.replace(tzinfo=datetime.timezone.utc)
        if aware != _TEMPLATE_CREATED and aware <= now + datetime.timedelta(days=1):
            extracted.date = plausible_date(created.year, created.month, created.day)
    match = re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|\s*$)", language or "")
    extracted.language = match.group(1).lower() if match else None


def _heading_title(document: Any, blocks: list[tuple[Any, str]]) -> str | None:
    """The first paragraph's text when it is styled Title or Heading 1."""
    if not blocks or blocks[0][0].tag != f"{_W}p":
        return None
    element, text = blocks[0]
    style = element.find(f"{_W}pPr/{_W}pStyle")
    style_id = style.get(f"{_W}val") if style is not None else None
    if not style_id:
        return None
    try:
        names = {s.style_id: (s.name or "") for s in document.styles}
    except Exception:
        names = {}
    name = names.get(style_id, style_id).lower()
    title = " ".join(text.split())
    return title if name in _TITLE_STYLES and 0 < len(title) <= 300 else None


def _short(exc: BaseException) -> str:
    detail = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    return detail if len(detail) <= 120 else detail[:117] + "..."
