"""Character folding shared by the search analyzer and name matching, without Whoosh.

Lowercasing, accents, Arabic letter variants and apostrophe look-alikes are folded one
character for one character (the folded text has the same length), so an offset found in the
folded text is an offset into the original. The search analyzer (:mod:`.analysis`) and the
entity matcher (:mod:`desktop.core.entities.alias_matcher`) both use it, so a tagged name and a
searched name fold the same way; it lives apart so the entity code can load without Whoosh.
"""

from __future__ import annotations

import unicodedata

__all__ = ["APOSTROPHES", "fold_chars"]

_MARK = "\x01"  # a character removed from inside a word (accent, tatweel, soft hyphen)
_KEEP = "\x02"  # a mark that belongs to its word and stays (Indic vowel signs and the like)

#: Apostrophes and look-alikes: removed inside words, quote marks at word edges.
APOSTROPHES = "'’‘‛ʼʻʽʾʿʹ`´′‵＇ꞌꞋ՚׳"

#: Combining marks that are removed (Latin/Greek/Cyrillic accents, Hebrew points, harakat).
_REMOVED_MARK_RANGES = (
    (0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05C7), (0x0610, 0x061A), (0x064B, 0x065F),
    (0x0670, 0x0670), (0x06D6, 0x06ED), (0x08D3, 0x08FF), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF), (0xFE20, 0xFE2F),
)

#: Ranges whose letters lose their diacritics through Unicode decomposition.
_DECOMPOSED_RANGES = (
    (0x00C0, 0x024F), (0x0370, 0x03FF), (0x1E00, 0x1EFF), (0x1F00, 0x1FFF), (0x2C60, 0x2C7F),
    (0xA720, 0xA7FF), (0xFB00, 0xFB06), (0xFF01, 0xFF5E),
)

#: Letters folded by hand (no Unicode decomposition, or one we want to override).
_SINGLE_FOLDS = {
    "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ı": "i", "ŧ": "t", "ŋ": "n", "ƒ": "f",
    "ς": "σ", "ё": "е",
    # Arabic: alef forms, alef maksura and Persian ya, ta marbuta, Persian kaf.
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك",
}

#: Letters that fold to more than one letter; applied per token (this changes lengths).
_EXPANSIONS = {"ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ĳ": "ij", "ŉ": "n"}


def _base_letters(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(d for d in decomposed if not unicodedata.category(d).startswith("M")).lower()


def _build_tables() -> tuple[str, str, dict[int, str]]:
    """Two 1:1 tables (strings indexed by code point; the BMP) and the per-token expansions.

    The first table marks kept combining marks with ``_KEEP`` so the tokenizer's regex needs no
    huge character class (which made it three times slower); the second leaves them alone and
    is used to rebuild the few tokens that contain one.
    """
    table = [chr(c) for c in range(0x10000)]
    for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x200B, 0x2028, 0x2029, 0xFEFF]:
        table[c] = " "
    for c in (0x00AD, 0x0640, 0x200C, 0x200D, 0x2060):  # soft hyphen, tatweel, ZWNJ, ZWJ, WJ
        table[c] = _MARK
    for lo, hi in _REMOVED_MARK_RANGES:
        for c in range(lo, hi + 1):
            if unicodedata.category(chr(c)).startswith("M"):
                table[c] = _MARK
    expansions: dict[int, str] = {}
    for lo, hi in _DECOMPOSED_RANGES:
        for c in range(lo, hi + 1):
            base = _base_letters(chr(c))
            if not base or base == chr(c):
                continue
            if len(base) == 1:
                table[c] = base
            elif base.isalnum():
                expansions[c] = base
    for src, dst in _SINGLE_FOLDS.items():
        table[ord(src)] = dst  # keys are lowercase: the text is lowercased before translating
    for src, dst in _EXPANSIONS.items():
        expansions[ord(src)] = dst
    for digit in range(10):
        table[0x0660 + digit] = table[0x06F0 + digit] = str(digit)
    for ch in APOSTROPHES:
        table[ord(ch)] = "'"
        expansions.pop(ord(ch), None)
    keeping = list(table)
    for c in range(0x0300, 0x10000):
        if table[c] == chr(c) and unicodedata.category(chr(c)) in ("Mn", "Mc", "Me"):
            table[c] = _KEEP
    return "".join(table), "".join(keeping), expansions


_TABLE, _TABLE_KEEPING_MARKS, _EXPAND = _build_tables()


def _lowered(text: str) -> str:
    if "\u0130" in text:  # "İ".lower() is two characters; fold it to "i" first
        text = text.replace("\u0130", "I")
    return text.lower()


def fold_chars(text: str) -> str:
    """Lowercase and fold ``text`` character by character; the result has the same length.

    Apostrophes become ``'`` and marks become control characters rather than disappearing, so
    an offset into the result is an offset into ``text``.
    """
    return _lowered(text).translate(_TABLE)
