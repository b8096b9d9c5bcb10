"""Low-level WordprocessingML builders the writer needs and python-docx does not offer.

python-docx 1.2 has no API for hyperlinks, fields (PAGE, NUMPAGES, TOC, PAGEREF), bookmarks or
right-to-left paragraphs, and its high-level ``add_paragraph(style=name)`` looks the style up by
name on every call. These helpers build the XML directly with lxml, which keeps a 200-story
briefing fast and puts the things Word is strict about in one place:

* text is cleaned by the caller (:mod:`.text`); here ``xml:space="preserve"`` is set when needed;
* a complex field is begin / instrText / separate / cached result / end, each in its own run;
* an external hyperlink needs a relationship (``r:id``) whose target is a valid URI, so URLs are
  percent-encoded and anything but http(s)/mailto is left as plain text;
* bookmark names are at most 40 characters and start with a letter or ``_`` (hidden).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

__all__ = [
    "Cell",
    "add_bookmark",
    "add_external_link",
    "add_field",
    "add_internal_link",
    "add_run",
    "field_begin",
    "field_end",
    "make_paragraph",
    "make_table",
    "safe_url",
    "set_update_fields",
]

_P, _PPR, _PSTYLE, _R, _RPR, _RSTYLE, _T = (qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:r", "w:rPr", "w:rStyle", "w:t"))
_VAL = qn("w:val")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SubElement = etree.SubElement

#: What a table cell may hold: plain text, or a function that fills the cell's paragraph.
Cell = str | Callable[[Any], None]


def make_paragraph(
    style_id: str, *, rtl: bool = False, keep_next: bool = False, align: str | None = None,
    page_break: bool = False, no_side_borders: bool = False,
) -> Any:
    """A ``w:p`` with its style (and direction); not yet attached anywhere.

    ``no_side_borders`` removes a style's left and right rules: Word and LibreOffice disagree
    on which side "left" means in a right-to-left paragraph, so such paragraphs get none."""
    p = etree.Element(_P)
    ppr = SubElement(p, _PPR)
    SubElement(ppr, _PSTYLE).set(_VAL, style_id)
    if keep_next:
        SubElement(ppr, qn("w:keepNext"))
    if page_break:
        SubElement(ppr, qn("w:pageBreakBefore"))
    if no_side_borders:
        borders = SubElement(ppr, qn("w:pBdr"))
        for side in ("left", "right"):
            SubElement(borders, qn(f"w:{side}")).set(_VAL, "nil")
    if rtl:
        SubElement(ppr, qn("w:bidi"))
    if align:
        SubElement(ppr, qn("w:jc")).set(_VAL, align)
    return p


def add_run(
    parent: Any, text: str, *, style_id: str | None = None, bold: bool = False,
    italic: bool = False, rtl: bool = False, tab_before: bool = False,
) -> Any:
    """Append a run of (already cleaned) text to a paragraph or hyperlink."""
    r = SubElement(parent, _R)
    if style_id or bold or italic or rtl:
        rpr = SubElement(r, _RPR)
        if style_id:
            SubElement(rpr, _RSTYLE).set(_VAL, style_id)
        if bold:
            SubElement(rpr, qn("w:b"))
            SubElement(rpr, qn("w:bCs"))
        if italic:
            SubElement(rpr, qn("w:i"))
            SubElement(rpr, qn("w:iCs"))
        if rtl:
            SubElement(rpr, qn("w:rtl"))
    if tab_before:
        SubElement(r, qn("w:tab"))
    if text:
        t = SubElement(r, _T)
        t.text = text
        if text[0] == " " or text[-1] == " ":
            t.set(_XML_SPACE, "preserve")
    return r


def field_begin(parent: Any, instruction: str, *, dirty: bool = False, at_start: bool = False) -> None:
    """Open a complex field: begin, instruction, separate. The cached result follows.

    ``at_start`` puts the three runs at the start of a paragraph (after its pPr) instead of the
    end: the contents field opens in its first entry's paragraph."""
    runs = [etree.Element(_R) for _ in range(3)]
    begin = SubElement(runs[0], qn("w:fldChar"))
    begin.set(qn("w:fldCharType"), "begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")  # ask Word to recompute it on open
    instr = SubElement(runs[1], qn("w:instrText"))
    instr.text = f" {instruction} "
    instr.set(_XML_SPACE, "preserve")
    SubElement(runs[2], qn("w:fldChar")).set(qn("w:fldCharType"), "separate")
    if at_start:
        ppr = parent.find(_PPR)
        position = 0 if ppr is None else parent.index(ppr) + 1
        for offset, run in enumerate(runs):
            parent.insert(position + offset, run)
    else:
        parent.extend(runs)


def field_end(parent: Any) -> None:
    SubElement(SubElement(parent, _R), qn("w:fldChar")).set(qn("w:fldCharType"), "end")


def add_field(parent: Any, instruction: str, cached: str, *, style_id: str | None = None) -> None:
    """A whole field in one paragraph, e.g. ``PAGE`` with cached result ``"1"``."""
    field_begin(parent, instruction)
    add_run(parent, cached, style_id=style_id)
    field_end(parent)


def add_bookmark(paragraph: Any, name: str, bookmark_id: int) -> None:
    """Wrap the paragraph's content in a bookmark (start after pPr, end last)."""
    start = etree.Element(qn("w:bookmarkStart"))
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name[:40])
    ppr = paragraph.find(_PPR)
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph.insert(0, start)
    SubElement(paragraph, qn("w:bookmarkEnd")).set(qn("w:id"), str(bookmark_id))


def add_internal_link(parent: Any, anchor: str, text: str, style_id: str, *, rtl: bool = False) -> Any:
    """A hyperlink to a bookmark in this document (``w:anchor``)."""
    link = SubElement(parent, qn("w:hyperlink"))
    link.set(qn("w:anchor"), anchor[:40])
    link.set(qn("w:history"), "1")
    add_run(link, text, style_id=style_id, rtl=rtl)
    return link


def safe_url(url: str | None) -> str | None:
    """The URL percent-encoded for a relationship target, or None if it should not be linked."""
    if not url:
        return None
    url = "".join(ch for ch in url.strip() if ch >= " " and not "\ud800" <= ch <= "\udfff")
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.netloc:
            return None
    elif scheme != "mailto":
        return None
    try:
        netloc = parts.netloc.encode("idna").decode("ascii") if parts.netloc and not parts.netloc.isascii() else parts.netloc
    except UnicodeError:
        netloc = quote(parts.netloc, safe=":@[]")
    safe = "/:@!$&'()*+,;=%~-._"
    return urlunsplit((
        scheme, netloc, quote(parts.path, safe=safe), quote(parts.query, safe=safe + "?"),
        quote(parts.fragment, safe=safe + "?#"),
    ))


def add_external_link(parent: Any, part: Any, url: str, text: str, style_id: str) -> Any:
    """A working hyperlink to ``url`` (already checked with :func:`safe_url`)."""
    rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = SubElement(parent, qn("w:hyperlink"))
    link.set(qn("r:id"), rid)
    link.set(qn("w:history"), "1")
    add_run(link, text, style_id=style_id)
    return link


def _cell_properties(tc: Any, width: int, fill: str | None) -> None:
    tcpr = SubElement(tc, qn("w:tcPr"))
    tcw = SubElement(tcpr, qn("w:tcW"))
    tcw.set(qn("w:w"), str(width))
    tcw.set(qn("w:type"), "dxa")
    if fill:
        shd = SubElement(tcpr, qn("w:shd"))
        shd.set(_VAL, "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)


def make_table(
    headers: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[int], *,
    table_style: str, text_style: str, heading_style: str, header_fill: str | None = "1B2A41",
    rtl: Callable[[str], bool] | None = None,
) -> Any:
    """A full-width table with a repeating header row; widths in twips.

    The header row is shaded directly as well as by the table style's first-row formatting:
    Word applies either, LibreOffice only reliably the direct one. ``rtl(text)`` decides which
    text cells are laid out right to left (an Arabic headline in an English table).
    """
    tbl = etree.Element(qn("w:tbl"))
    tblpr = SubElement(tbl, qn("w:tblPr"))
    SubElement(tblpr, qn("w:tblStyle")).set(_VAL, table_style)
    tblw = SubElement(tblpr, qn("w:tblW"))
    tblw.set(qn("w:w"), str(sum(widths)))
    tblw.set(qn("w:type"), "dxa")
    SubElement(tblpr, qn("w:tblLayout")).set(qn("w:type"), "fixed")
    look = SubElement(tblpr, qn("w:tblLook"))
    for attr, value in (("val", "04A0"), ("firstRow", "1"), ("lastRow", "0"), ("firstColumn", "0"),
                        ("lastColumn", "0"), ("noHBand", "0"), ("noVBand", "1")):
        look.set(qn(f"w:{attr}"), value)
    grid = SubElement(tbl, qn("w:tblGrid"))
    for width in widths:
        SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(width))

    header = SubElement(tbl, qn("w:tr"))
    trpr = SubElement(header, qn("w:trPr"))
    SubElement(trpr, qn("w:cantSplit"))
    SubElement(trpr, qn("w:tblHeader"))  # repeat on every page the table spans
    for text, width in zip(headers, widths):
        tc = SubElement(header, qn("w:tc"))
        _cell_properties(tc, width, header_fill)
        p = make_paragraph(heading_style)
        add_run(p, text)
        tc.append(p)
    for row in rows:
        tr = SubElement(tbl, qn("w:tr"))
        SubElement(SubElement(tr, qn("w:trPr")), qn("w:cantSplit"))
        for value, width in zip(row, widths):
            tc = SubElement(tr, qn("w:tc"))
            _cell_properties(tc, width, None)
            right_to_left = bool(rtl and isinstance(value, str) and rtl(value))
            p = make_paragraph(text_style, rtl=right_to_left)
            if isinstance(value, str):
                add_run(p, value, rtl=right_to_left)
            else:
                value(p)
            tc.append(p)
    return tbl


def set_update_fields(settings: Any) -> None:
    """``<w:updateFields w:val="true"/>``: Word refreshes the contents table and page counts on
    open. Word rejects settings out of schema order, so it goes before the first element the
    schema puts after it (hdrShapeDefaults, footnotePr, endnotePr, compat, ...)."""
    existing = settings.find(qn("w:updateFields"))
    if existing is None:
        existing = etree.Element(qn("w:updateFields"))
        for child in settings:
            if etree.QName(child).localname in _AFTER_UPDATE_FIELDS:
                child.addprevious(existing)
                break
        else:
            settings.append(existing)
    existing.set(_VAL, "true")


#: Children of w:settings that CT_Settings orders after w:updateFields.
_AFTER_UPDATE_FIELDS = frozenset({
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
})
