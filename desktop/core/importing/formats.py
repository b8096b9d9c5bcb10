"""Which reader handles which file, by extension.

A reader is ``read(data: bytes, *, name: str, limits: Limits) -> Extracted``: it gets the whole
file's bytes (already size-checked), and returns the article text and the metadata the format
states, or raises :class:`~desktop.core.importing.types.Rejected` with a one-line reason.
Readers import their heavy libraries lazily so that importing a folder of .txt files never
pays for lxml, trafilatura or pypdf.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from .limits import Limits
from .types import Extracted

__all__ = ["Reader", "reader_for", "SUPPORTED_EXTENSIONS", "format_name"]

Reader = Callable[..., Extracted]


def _read_text(data: bytes, *, name: str, limits: Limits) -> Extracted:
    from .text_reader import read_text

    return read_text(data, name=name, limits=limits)


def _read_html(data: bytes, *, name: str, limits: Limits) -> Extracted:
    from .html_reader import read_html

    return read_html(data, name=name, limits=limits)


def _read_docx(data: bytes, *, name: str, limits: Limits) -> Extracted:
    from .docx_reader import read_docx

    return read_docx(data, name=name, limits=limits)


def _read_pdf(data: bytes, *, name: str, limits: Limits) -> Extracted:
    from .pdf_reader import read_pdf

    return read_pdf(data, name=name, limits=limits)


def _read_email(data: bytes, *, name: str, limits: Limits) -> Extracted:
    from .email_reader import read_email

    return read_email(data, name=name, limits=limits)


#: extension (lower case, with dot) -> (format name stored on the article, reader)
_READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", _read_text),
    ".text": ("txt", _read_text),
    ".md": ("md", _read_text),
    ".markdown": ("md", _read_text),
    ".html": ("html", _read_html),
    ".htm": ("html", _read_html),
    ".xhtml": ("html", _read_html),
    ".docx": ("docx", _read_docx),
    ".pdf": ("pdf", _read_pdf),
    ".eml": ("eml", _read_email),
}

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(_READERS)


def reader_for(path: str | PurePath) -> Reader | None:
    """The reader for a file name, or None when the extension is not one we import."""
    entry = _READERS.get(PurePath(path).suffix.lower())
    return entry[1] if entry else None


def format_name(path: str | PurePath) -> str | None:
    entry = _READERS.get(PurePath(path).suffix.lower())
    return entry[0] if entry else None
