"""Plain text and Markdown: decode, and leave the metadata to the text heuristics.

Text over the size limit is refused as soon as it is decoded (before cleaning copies it), so a
20 MB single-line file costs tens of megabytes, not gigabytes.
"""

from __future__ import annotations

import re

from .decode import decode_text
from .limits import Limits, text_too_long
from .types import Extracted, Rejected

__all__ = ["read_text"]

_MD_HEADING_RE = re.compile(r"^#{1,6}\s+", re.MULTILINE)
#: Spans are bounded so that a long line full of unclosed ``[`` or ``**`` costs linear time.
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__)(.{1,500}?)\1")
_MD_LINK_RE = re.compile(r"\[([^\]\n]{1,500})\]\((?:[^)\n]{1,2000})\)")


def _strip_markdown(text: str) -> str:
    """Markdown syntax would pollute headlines and search; keep the words, drop the markup."""
    text = _MD_HEADING_RE.sub("", text)
    text = _MD_EMPHASIS_RE.sub(r"\2", text)
    return _MD_LINK_RE.sub(r"\1", text)


def read_text(data: bytes, *, name: str, limits: Limits) -> Extracted:
    decoded = decode_text(data, limits=limits)
    text = decoded.text
    if name.lower().endswith((".md", ".markdown")):
        text = _strip_markdown(text)
    if not text.strip():
        raise Rejected("no text left after removing control characters")
    if len(text) > limits.max_text_chars:
        raise text_too_long(len(text), limits)
    fmt = "md" if name.lower().endswith((".md", ".markdown")) else "txt"
    extracted = Extracted(text=text, format=fmt, warnings=list(decoded.warnings), encoding=decoded.encoding)
    if decoded.encoding not in ("utf-8", "ascii"):
        extracted.warnings.append(f"read as {decoded.encoding}")
    return extracted
