"""Turn the bytes of a text-like file into clean Unicode, saying how.

Scraped news files arrive as UTF-8 (with or without a BOM), UTF-16 from Windows tools, and
Windows-1252 or Latin-1 from older systems; sometimes as UTF-8 with a few stray Windows bytes
pasted in. We decode strictly where we can, repair where the damage is small (and say so in the
report), and refuse what is not text at all. The original bytes are always kept untouched in
the archive, so a repair never loses anything.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from dataclasses import dataclass, field

from .limits import Limits, OverLimit, text_too_long
from .types import Rejected

__all__ = ["Decoded", "decode_text", "clean_text"]

#: Control characters that have no business in article text (everything below 0x20 except
#: tab, newline and carriage return, plus DEL and the C1 range).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
#: Unicode noncharacters and lone surrogates (the latter can only come from lenient decoders).
_INVALID_RE = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
#: Invisible formatting that scraped pages leave behind (zero-width spaces, soft hyphens, BOMs).
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

#: Single-byte code pages worth considering for non-Latin news text (Windows ones first: that
#: is what newsroom files in these scripts come in; Mac code pages are deliberately left out).
_OTHER_CODE_PAGES = ("cp1251", "cp1256", "koi8_r", "cp1253", "cp1255", "cp1250", "cp1254",
                     "cp1257", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_2")

#: Share of control bytes above which a file is treated as binary rather than damaged text.
_BINARY_CONTROL_RATIO = 0.02


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return name, len(bom)
    return None


def _looks_like_bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM has a NUL in nearly every other byte for Latin text."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    even_nuls = even.count(0) / len(even)
    odd_nuls = odd.count(0) / len(odd)
    if odd_nuls > 0.6 and even_nuls < 0.1:
        return "utf-16-le"
    if even_nuls > 0.6 and odd_nuls < 0.1:
        return "utf-16-be"
    return None


def _cp1252_or_latin1(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


#: Latin-1 text -> Windows-1252 text: the 0x80-0x9F controls become the punctuation Windows
#: puts there; the five holes stay Latin-1 (as :func:`_cp1252_or_latin1` reads them).
_LATIN1_TO_CP1252 = {b: _cp1252_or_latin1(b) for b in range(0x80, 0xA0)}
_C1_BYTES_RE = re.compile(rb"[\x80-\x9f]")
_CP1252_HOLES_RE = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_REPAIR_HANDLER = "newsroom-cp1252-repair"
_repairs = threading.local()


def _repair_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each invalid UTF-8 byte is read as Windows-1252 (and counted)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    _repairs.count = getattr(_repairs, "count", 0) + len(bad)
    return "".join(_cp1252_or_latin1(b) for b in bad), exc.end


codecs.register_error(_REPAIR_HANDLER, _repair_bytes)


def _repair_utf8(data: bytes) -> tuple[str, int]:
    """Decode UTF-8, reading each invalid byte as Windows-1252; returns (text, bad bytes).

    One pass with a codec error handler: linear however many bytes are invalid (re-decoding
    the rest of the file after each bad byte would be quadratic on a damaged 50 MB file).
    """
    _repairs.count = 0
    text = data.decode("utf-8", _REPAIR_HANDLER)
    return text, _repairs.count


def _single_byte(data: bytes) -> tuple[str, str]:
    """Windows-1252 when its 0x80-0x9F punctuation is present, else Latin-1 (same letters)."""
    if not _C1_BYTES_RE.search(data):
        return data.decode("latin-1"), "latin-1"
    if _has_cp1252_holes(data):
        return data.decode("latin-1").translate(_LATIN1_TO_CP1252), "windows-1252"
    return data.decode("cp1252"), "windows-1252"


def _has_cp1252_holes(data: bytes) -> bool:
    return _CP1252_HOLES_RE.search(data) is not None


def _maybe_other_single_byte(data: bytes, latin_text: str) -> tuple[str, str] | None:
    """Cyrillic or Arabic code pages decoded as Latin come out as accented gibberish; if most
    letters are non-ASCII, ask charset-normalizer which code page fits better."""
    letters = [c for c in latin_text[:20000] if c.isalpha()]
    if not letters:
        return None
    non_ascii = sum(1 for c in letters if ord(c) > 127)
    if non_ascii / len(letters) < 0.3:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=list(_OTHER_CODE_PAGES)).best()
    if best is None or best.encoding in ("ascii", "utf_8", "latin_1", "cp1252", "windows-1252"):
        return None
    try:
        return data.decode(best.encoding), best.encoding.replace("_", "-")
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_like_prose(text: str) -> bool:
    """Random bytes read as Latin-1 are all letters and symbols; prose has words and spaces."""
    sample = text[:20000]
    if sum(1 for c in sample if c.isalpha() or c.isspace()) < 0.6 * len(sample):
        return False
    return len(sample) < 200 or sample.count(" ") + sample.count("\n") >= 0.03 * len(sample)


def clean_text(text: str, warnings: list[str] | None = None) -> str:
    """Normalise line endings, drop control and invisible characters, compose accents (NFC).

    Used on every reader's output, so search, hashing and Word export see the same clean text.
    Removed control characters are counted into ``warnings`` when a list is given.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x0c", "\n\n")
    controls = len(_CONTROL_RE.findall(text))
    if controls:
        text = _CONTROL_RE.sub("", text)
        if warnings is not None:
            warnings.append(f"removed {controls} NUL/control character{'s' if controls != 1 else ''}")
    invalid = len(_INVALID_RE.findall(text))
    if invalid:
        text = _INVALID_RE.sub("\ufffd", text)
        if warnings is not None:
            warnings.append(f"replaced {invalid} invalid Unicode character{'s' if invalid != 1 else ''}")
    text = _INVISIBLE_RE.sub("", text)
    text = text.replace("\u00a0", " ")
    return unicodedata.normalize("NFC", text)


def _control_ratio(data: bytes) -> float:
    sample = data[:65536]
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0D, 0x0C))
    return controls / len(sample)


def decode_text(data: bytes, *, declared: str | None = None, limits: Limits | None = None) -> Decoded:
    """Decode a text file's bytes; raise :class:`Rejected` for empty or binary content.

    ``declared`` is an encoding the container states (an HTML meta tag, an e-mail header); it is
    tried after a BOM and before guessing, and ignored if the bytes contradict it. With
    ``limits``, text longer than :attr:`Limits.max_text_chars` is refused as soon as it is
    decoded, before the copies that cleaning makes (every character takes at least one byte,
    at most four, so far too many bytes are refused without decoding at all).
    """
    if limits is not None and len(data) > 4 * limits.max_text_chars + 4:
        raise OverLimit(f"text too long ({len(data):,} bytes: more than the limit of "
                        f"{limits.max_text_chars:,} characters)")
    if not data.strip():
        raise Rejected("empty file" if not data else "file contains only white space")
    if limits is not None:
        return _decode(data, declared, limits.max_text_chars)
    return _decode(data, declared, None)


def _checked(text: str, max_chars: int | None) -> str:
    """The decoded text, or Rejected when it is longer than the limit (before any cleaning)."""
    if max_chars is not None and len(text) > max_chars:
        raise text_too_long(len(text), Limits(max_text_chars=max_chars))
    return text


def _decode(data: bytes, declared: str | None, max_chars: int | None) -> Decoded:
    warnings: list[str] = []
    bom = _bom_encoding(data)
    if bom is not None:
        name, skip = bom
        text = data[skip:].decode(name, "replace")
        bad = text.count("\ufffd") - data[skip:].decode(name, "ignore").count("\ufffd")
        if bad:
            warnings.append(f"replaced {bad} invalid {name.upper()} sequence{'s' if bad != 1 else ''}")
        family = name.replace("-le", "").replace("-be", "")
        return Decoded(clean_text(_checked(text, max_chars), warnings), family, warnings)

    utf16 = _looks_like_bomless_utf16(data)
    if utf16 is not None:
        text = _checked(data.decode(utf16, "replace"), max_chars)
        return Decoded(clean_text(text, warnings), "utf-16", warnings)

    if _control_ratio(data) > _BINARY_CONTROL_RATIO:
        raise Rejected("binary file, not text (it is full of control bytes)")

    if declared:
        try:
            codec = codecs.lookup(declared).name
            text = data.decode(codec)
            return Decoded(clean_text(_checked(text, max_chars), warnings), codec, warnings)
        except (LookupError, UnicodeDecodeError):
            pass

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Decoded(clean_text(_checked(text, max_chars), warnings), "utf-8", warnings)

    text, bad = _repair_utf8(data)
    valid_multibyte_chars = sum(1 for c in text if ord(c) > 127) - bad
    if valid_multibyte_chars > 0 and valid_multibyte_chars * 2 >= bad:
        # Mostly UTF-8 with a few stray single-byte characters pasted in.
        warnings.append(
            f"{bad} invalid UTF-8 byte{'s' if bad != 1 else ''} read as Windows-1252"
        )
        return Decoded(clean_text(_checked(text, max_chars), warnings), "utf-8", warnings)

    latin_text, name = _single_byte(data)
    other = _maybe_other_single_byte(data, latin_text)
    if other is not None:
        text, name = other
        return Decoded(clean_text(_checked(text, max_chars), warnings), name, warnings)
    if not _looks_like_prose(latin_text):
        raise Rejected("not readable text in any known encoding (UTF-8, UTF-16, Windows-1252, Latin-1)")
    return Decoded(clean_text(_checked(latin_text, max_chars), warnings), name, warnings)
