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
from .limits import Limits, human_size
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
    archive = _open_package(data, limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _body_blocks(document.element.body)
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors, ...
        raise Rejected(f"corrupt Word document ({_short(exc)})") from None
    finally:
        archive.close()
    warnings: list[str] = []
    text = clean_text("\n\n".join(text for _, text in blocks), warnings)
    if not text.strip():
        raise Rejected("Word document contains no text")
    if len(text) > limits.max_text_chars:
        raise Rejected(f"text too long ({len(text):,} characters; limit {limits.max_text_chars:,})")
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


def _body_blocks(body: Any) -> list[tuple[Any, str]]:
    """``(element, text)`` for each paragraph and table of the body, in reading order."""
    blocks: list[tuple[Any, str]] = []
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            text = _paragraph_text(child)
            if text.strip():
                blocks.append((child, text))
        elif child.tag == f"{_W}tbl":
            blocks.extend(_table_blocks(child))
        elif child.tag == f"{_W}sdt":  # content control wrapping paragraphs or tables
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                blocks.extend(_body_blocks(content))
    return blocks


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        run = node.getparent()
        if run is None or run.tag != f"{_W}r" or _in_text_box(run, paragraph):
            continue  # w:tab also defines tab stops in w:pPr; those are not text
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts).strip()


def _in_text_box(node: Any, stop: Any) -> bool:
    while node is not None and node is not stop:
        if node.tag == f"{_W}txbxContent":
            return True
        node = node.getparent()
    return False


def _table_blocks(table: Any) -> list[tuple[Any, str]]:
    """A one-column (layout) table gives its paragraphs; a data table gives ``a | b`` rows."""
    rows: list[list[list[str]]] = []
    for row in table.iter(f"{_W}tr"):
        if _nearest(row, f"{_W}tbl") is not table:
            continue  # rows of a nested table are read through their cell
        cells = [[t for p in cell.iter(f"{_W}p") if (t := _paragraph_text(p))]
                 for cell in row.iterchildren(f"{_W}tc")]
        cells = [c for c in cells if c]
        if cells:
            rows.append(cells)
    if all(len(cells) == 1 for cells in rows):
        return [(table, paragraph) for cells in rows for paragraph in cells[0]]
    lines = [" | ".join(" ".join(cell) for cell in cells) for cells in rows]
    return [(table, "\n".join(lines))] if lines else []


def _nearest(node: Any, tag: str) -> Any:
    node = node.getparent()
    while node is not None and node.tag != tag:
        node = node.getparent()
    return node


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
