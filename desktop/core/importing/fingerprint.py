"""Content fingerprints that recognise the same article stored with different bytes.

Two copies of a story that differ only in encoding, line endings, white space, quote style or
letter case are the same article to a reporter; the SHA-256 of the file cannot see that, so we
hash a normalised form of the extracted text as well.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["content_hash", "text_fingerprint"]

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                         "\u2014": "-", "\u00b4": "'", "`": "'"})
_NON_WORD_RE = re.compile(r"[\W_]+", re.UNICODE)


def content_hash(data: bytes) -> str:
    """SHA-256 of the file's bytes: the original's name in the archive."""
    return hashlib.sha256(data).hexdigest()


def text_fingerprint(text: str) -> str:
    """SHA-256 of the text with case, accents' composition, punctuation and spacing folded."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    folded = _NON_WORD_RE.sub(" ", folded).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
