"""Size limits that keep a hostile or absurd file from exhausting a reporter's laptop.

Every reader checks these before doing expensive work, and raises
:class:`~desktop.core.importing.types.Rejected` with the numbers in the reason, so the report
tells the reporter exactly why a file was refused.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits", "DEFAULT_LIMITS", "human_size"]


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
    #: Most members a zip package may have.
    max_zip_members: int = 5000
    #: Most PDF pages whose text is read.
    max_pdf_pages: int = 2000
    #: Longest article text kept, in characters, after extraction.
    max_text_chars: int = 20_000_000


DEFAULT_LIMITS = Limits()


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
