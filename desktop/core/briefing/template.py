"""The house template and the contract any desk template must meet: the styles the writer uses.

The writer never formats text directly; it applies named styles, so a desk restyles every
briefing by editing one template in Word. That only works if the template defines those styles,
so :func:`check_template` lists what is missing and :func:`load_template` refuses such a file with
a message naming them, rather than exporting a document where headings silently fall back to
plain text and the contents table comes out empty.

Word's own styles (Heading 1, Hyperlink, TOC 1 ...) are "latent": Word writes one into a file only
once it has been used, so a desk's template made in Word rarely contains Hyperlink or TOC 2. Those
are borrowed from the house template when missing; only the briefing's own styles (Handling,
Source Entry, Briefing Table ...) are required of a desk template.

Styles are looked up by name, not by id: Word stores built-in styles under their English names
(``heading 1``) but gives them localised ids (``berschrift1`` in German Word), so a desk's own
template from a non-English Word still works.
"""

from __future__ import annotations

import zipfile
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn

from ..paths import resources_dir

__all__ = [
    "REQUIRED_STYLES",
    "StyleIds",
    "TemplateError",
    "check_template",
    "default_template_path",
    "load_template",
]

#: Every style the writer applies: key -> (name as Word shows it, style type).
REQUIRED_STYLES: dict[str, tuple[str, str]] = {
    "normal": ("Normal", "paragraph"),
    "title": ("Title", "paragraph"),
    "subtitle": ("Subtitle", "paragraph"),
    "handling": ("Handling", "paragraph"),
    "h1": ("Heading 1", "paragraph"),
    "h2": ("Heading 2", "paragraph"),
    "h3": ("Heading 3", "paragraph"),
    "summary": ("Executive Summary", "paragraph"),
    "meta": ("Story Meta", "paragraph"),
    "entities": ("Story Entities", "paragraph"),
    "quote": ("Quote", "paragraph"),
    "attribution": ("Quote Attribution", "paragraph"),
    "citation": ("Source Citation", "paragraph"),
    "source": ("Source Entry", "paragraph"),
    "caption": ("Caption", "paragraph"),
    "table_text": ("Table Text", "paragraph"),
    "table_heading": ("Table Heading", "paragraph"),
    "toc_heading": ("TOC Heading", "paragraph"),
    "toc1": ("TOC 1", "paragraph"),
    "toc2": ("TOC 2", "paragraph"),
    "header": ("Header", "paragraph"),
    "footer": ("Footer", "paragraph"),
    "hyperlink": ("Hyperlink", "character"),
    "table": ("Briefing Table", "table"),
}

TEMPLATE_NAME = "briefing-template.docx"
#: Word's built-in styles among :data:`REQUIRED_STYLES`: borrowed from the house template when a
#: desk template lacks them, because Word leaves unused built-in styles out of the file.
BUILT_IN = frozenset({
    "normal", "title", "subtitle", "h1", "h2", "h3", "quote", "caption", "toc_heading", "toc1", "toc2",
    "header", "footer", "hyperlink",
})


class TemplateError(ValueError):
    """The template cannot be used; the message says why in words a reporter can act on."""


@dataclass(frozen=True)
class StyleIds:
    """Style ids of the loaded template by :data:`REQUIRED_STYLES` key."""

    ids: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


def default_template_path() -> Path:
    return resources_dir() / TEMPLATE_NAME


def _styles_by_name(document: Document) -> dict[tuple[str, str], str]:
    """``(lower-case name, type) -> style id`` for every style the document defines."""
    found: dict[tuple[str, str], str] = {}
    for el in document.styles.element.iterchildren(qn("w:style")):
        name_el = el.find(qn("w:name"))
        name = name_el.get(qn("w:val")) if name_el is not None else el.get(qn("w:styleId"))
        kind = el.get(qn("w:type")) or "paragraph"
        if name:
            found.setdefault((name.lower(), kind), el.get(qn("w:styleId")) or "")
    return found


def _open(path: Path) -> Document:
    if not path.is_file():
        raise TemplateError(f"the briefing template {path} does not exist")
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"the briefing template {path.name} is not a Word document (.docx)")
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise TemplateError(
            f"the briefing template {path.name} cannot be opened as a Word document "
            f"(a .dotx must be saved as .docx first): {exc}"
        ) from exc


def _missing(document: Document) -> tuple[list[str], dict[str, str]]:
    """``(keys of REQUIRED_STYLES the document lacks, ids of those it has)``."""
    found = _styles_by_name(document)
    missing: list[str] = []
    ids: dict[str, str] = {}
    for key, (name, kind) in REQUIRED_STYLES.items():
        sid = found.get((name.lower(), kind))
        if sid:
            ids[key] = sid
        else:
            missing.append(key)
    return missing, ids


def _borrow(document: Document, keys: list[str], ids: dict[str, str]) -> None:
    """Copy the house template's definitions of built-in styles ``keys`` into ``document``."""
    house = _open(default_template_path())
    house_ids = _missing(house)[1]
    styles = document.styles.element
    taken = {el.get(qn("w:styleId")) for el in styles.iterchildren(qn("w:style"))}
    for key in keys:
        source = next(el for el in house.styles.element.iterchildren(qn("w:style"))
                      if el.get(qn("w:styleId")) == house_ids[key])
        copy = deepcopy(source)
        sid = house_ids[key]
        if sid in taken:  # the id is used by another style (say, a localised one): pick a free id
            sid = f"Briefing{sid}"
            copy.set(qn("w:styleId"), sid)
        styles.append(copy)
        taken.add(sid)
        ids[key] = sid


def check_template(path: str | Path) -> list[str]:
    """Names of the required styles the template lacks (or has as the wrong kind of style); []
    if usable. Word's built-in styles are not counted: they are borrowed when missing.

    Raises :class:`TemplateError` when the file is not a Word document at all.
    """
    missing = _missing(_open(Path(path)))[0]
    return [REQUIRED_STYLES[key][0] for key in missing if key not in BUILT_IN]


def load_template(path: str | Path | None = None) -> tuple[Document, StyleIds]:
    """The template opened for writing and its style ids, or :class:`TemplateError`."""
    path = Path(path) if path is not None else default_template_path()
    document = _open(path)
    lacking, ids = _missing(document)
    missing = [REQUIRED_STYLES[key][0] for key in lacking if key not in BUILT_IN]
    if missing:
        raise TemplateError(
            f"the briefing template {path.name} lacks {len(missing)} required "
            f"style{'s' if len(missing) != 1 else ''} (or has {'them' if len(missing) != 1 else 'it'} "
            f"as the wrong kind of style): {', '.join(missing)}. "
            "Add them in Word (Styles pane, New Style, with exactly these names) "
            "or use the house template."
        )
    if lacking:
        _borrow(document, lacking, ids)
    return document, StyleIds(ids)
