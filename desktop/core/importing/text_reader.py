"""Plain text and Markdown: decode, and leave the metadata to the text heuristics."""

from __future__ import annotations

import re

from .decode import decode_text
from .limits import Limits
from .types import Extracted, Rejected

__all__ = ["read_text"]

_MD_HEADING_RE = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__)(.+?)\1")
_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\((?:[^)]+)\)")


def _strip_markdown(text: str) -> str:
    """Markdown syntax would pollute headlines and search; keep the words, drop the markup."""
    text = _MD_HEADING_RE.sub("", text)
    text = _MD_EMPHASIS_RE.sub(r"\2", text)
    return _MD_LINK_RE.sub(r"\1", text)


def read_text(data: bytes, *, name: str, limits: Limits) -> Extracted:
    decoded = decode_text(data)
    text = decoded.text
    if name.lower().endswith((".md", ".markdown")):
        text = _strip_markdown(text)
    if not text.strip():
        raise Rejected("no text left after removing control characters")
    if len(text) > limits.max_text_chars:
        raise Rejected(f"text too long ({len(text):,} characters; limit {limits.max_text_chars:,})")
    fmt = "md" if name.lower().endswith((".md", ".markdown")) else "txt"
    extracted = Extracted(text=text, format=fmt, warnings=list(decoded.warnings), encoding=decoded.encoding)
    if decoded.encoding not in ("utf-8", "ascii"):
        extracted.warnings.append(f"read as {decoded.encoding}")
    return extracted
