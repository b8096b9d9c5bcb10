"""Size, depth and time limits that keep a hostile or absurd file from exhausting a laptop.

Every reader checks these while it works, not only before: a 2 KB Word file can hold paragraphs
nested 250 deep, a 1 MB page can nest 100,000 elements, a 20 MB text can be a single line. The
structural limits (depth, element count, text size) are checked inside the readers' loops, and
a :class:`Budget` of seconds per file is checked there too, so a file that slips past the
numbers still stops in seconds. A refused file raises
:class:`~desktop.core.importing.types.Rejected` with the numbers in the reason, so the report
tells the reporter exactly why.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .types import Rejected

__all__ = ["Budget", "DEFAULT_LIMITS", "Limits", "OverLimit", "human_size", "text_too_long", "too_deep"]


@dataclass(frozen=True)
class Limits:
    #: Largest file read at all. Long-form articles are well under 1 MB of text; 50 MB leaves
    #: room for Word files and PDFs with images while refusing logs and dumps.
    max_file_bytes: int = 50 * 1024 * 1024
    #: Largest total size of the parts unpacked from a .docx (zip) package.
    max_unpacked_bytes: int = 200 * 1024 * 1024
    #: Highest compression ratio accepted for one zip member bigger than 1 MB (zip bombs have
    #: ratios of 1000:1 and more; real Word XML is around 5-20:1).
    max_compression_ratio: int = 200
    #: Largest XML part of a .docx that is parsed (document.xml of a 500-page report is a few
    #: MB; parsed XML takes about ten times its size in memory). Images are not parsed.
    max_xml_part_bytes: int = 32 * 1024 * 1024
    #: Most members a zip package may have.
    max_zip_members: int = 5000
    #: Most PDF pages whose text is read.
    max_pdf_pages: int = 2000
    #: Largest content stream (drawing instructions, decoded) of one PDF page that is read. A
    #: page of text is 5-100 KB, a detailed map a few MB. pypdf parses it whole before the
    #: time budget can be checked (about 0.7 s per MB here), so this bounds that wait.
    max_pdf_page_content_bytes: int = 4 * 1024 * 1024
    #: Longest article text kept, in characters. A 1,000-page book is about 2 million; a long
    #: report a few hundred thousand. The entity, quotation and index passes take about 150 MB
    #: per million characters (a 1.9 MB single-line text peaks at 280 MB; 19.9 MB took 2.4 GB).
    max_text_chars: int = 2_000_000
    #: Deepest element nesting read in HTML and Word XML. Real pages nest 20-60 deep and Word
    #: documents (nested tables, text boxes) under 60; libxml2 itself stops at 256.
    max_nesting_depth: int = 200
    #: Most elements in one HTML page or Word body (a long report has tens of thousands).
    max_elements: int = 2_000_000
    #: Seconds a reader may spend on one file; checked inside its loops. Normal files take
    #: milliseconds and a 2,000-page PDF about 4 s here; a PDF that runs out keeps the pages read.
    max_seconds_per_file: float = 20.0
    #: Follow symbolic links in a dropped folder that lead to files outside it (off: a folder
    #: from elsewhere could otherwise make the archive copy ``/etc/passwd`` or a colleague's files).
    follow_outside_links: bool = False


DEFAULT_LIMITS = Limits()


class OverLimit(Rejected):
    """A file refused because reading it would cost more than the limits allow."""


class Budget:
    """Seconds left for one file; :meth:`check` raises :class:`Rejected` once they run out.

    Cheap enough to call per element (one monotonic clock read every ``stride`` calls).
    """

    __slots__ = ("_deadline", "_seconds", "_count", "_stride")

    def __init__(self, seconds: float, *, stride: int = 256) -> None:
        self._seconds = seconds
        self._deadline = time.monotonic() + seconds
        self._count = 0
        self._stride = stride

    @classmethod
    def of(cls, limits: Limits) -> Budget:
        return cls(limits.max_seconds_per_file)

    def expired(self) -> bool:
        return time.monotonic() > self._deadline

    def check(self, doing: str = "reading it") -> None:
        self._count += 1
        if self._count % self._stride == 0 and time.monotonic() > self._deadline:
            raise OverLimit(f"took too long ({doing} took over {self._seconds:g} s); refused")

    def check_now(self, doing: str = "reading it") -> None:
        if time.monotonic() > self._deadline:
            raise OverLimit(f"took too long ({doing} took over {self._seconds:g} s); refused")


def too_deep(levels: int, limits: Limits, what: str = "document") -> OverLimit:
    """The reason for a document nested deeper than :attr:`Limits.max_nesting_depth`."""
    return OverLimit(f"{what} nested too deeply ({levels:,} levels; "
                     f"the limit is {limits.max_nesting_depth:,})")


def text_too_long(chars: int, limits: Limits) -> OverLimit:
    return OverLimit(f"text too long ({chars:,} characters; limit {limits.max_text_chars:,})")


def human_size(n: int) -> str:
    """``1536`` -> ``"1.5 KB"``; for report lines."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            if unit == "bytes":
                return f"{int(size)} bytes"
            return f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"  # pragma: no cover
