"""Which reader handles which file: by extension, or by its bytes when it has none.

A reader is ``read(data: bytes, *, name: str, limits: Limits) -> Extracted``: it gets the whole
file's bytes (already size-checked), and returns the article text and the metadata the format
states, or raises :class:`~desktop.core.importing.types.Rejected` with a one-line reason.
Readers import their heavy libraries lazily so that importing a folder of .txt files never
pays for lxml, trafilatura or pypdf.

:func:`sniff_format` names the format from the bytes alone: an archive keeps its originals
under their SHA-256 without an extension, and recovery must be able to read them again.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import PurePath

from .limits import Limits
from .types import Extracted

__all__ = ["Reader", "reader_for", "reader_for_format", "SUPPORTED_EXTENSIONS", "format_name", "sniff_format"]

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


#: format name -> reader, for files whose format was sniffed or recorded.
_BY_FORMAT: dict[str, Reader] = {fmt: reader for fmt, reader in _READERS.values()}


def reader_for_format(fmt: str) -> Reader | None:
    """The reader for a format name as :func:`format_name` and :func:`sniff_format` give it."""
    return _BY_FORMAT.get(fmt)


_HTML_START_RE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|p|div|article|table|h[1-6])[\s>/]",
    re.I | re.S)
_MAIL_HEADER_RE = re.compile(
    rb"^(?:(?:return-path|received|from|to|cc|subject|date|message-id|mime-version|reply-to|"
    rb"sender|delivered-to|x-[a-z0-9-]+|content-type|content-transfer-encoding|thread-[a-z]+|"
    rb"in-reply-to|references|dkim-signature|arc-[a-z-]+|authentication-results)"
    rb":[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+",
    re.I)


def sniff_format(data: bytes) -> str | None:
    """The format of a file from its bytes alone: ``"pdf"``, ``"docx"``, ``"html"``, ``"eml"``,
    ``"txt"``, or None when it is none of them (an image, an archive, a program).

    The names are those stored as ``original_format`` (Markdown is read as ``"txt"``: the two
    share a reader, and plain text is what a .md file without its name is). Checks, in order:
    the PDF header, a zip holding ``word/document.xml``, an HTML start (after a BOM, an XML
    declaration or comments), at least two mail headers including From, Date or Subject, and
    finally text that decodes (the text reader's own test, so what sniffs as text reads as text).
    """
    if not data:
        return None
    head = data[:4096]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                return "docx" if "word/document.xml" in package.namelist() else None
        except Exception:  # damaged zip: not something any reader can read
            return None
    if _HTML_START_RE.match(head):
        return "html"
    mail = _MAIL_HEADER_RE.match(head)
    if mail is not None:
        names = {line.split(b":", 1)[0].strip().lower()
                 for line in mail.group(0).splitlines() if line[:1] not in (b" ", b"\t")}
        if len(names) >= 2 and names & {b"from", b"date", b"subject"}:
            return "eml"
    from .decode import decode_text
    from .types import Rejected

    try:
        decode_text(data[:65536])
    except Rejected:
        return None
    return "txt"
