"""Text decoding: every encoding a newsroom's files come in, and what is not text at all."""

from __future__ import annotations

import codecs

import pytest

from desktop.core.importing.decode import clean_text, decode_text
from desktop.core.importing.types import Rejected

SAMPLE = "Qāsim said: \u201cWe will respond\u201d \u2014 caf\u00e9, na\u00efve, Kata\u2019ib."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16"),
    ],
)
def test_unicode_encodings_round_trip(data: bytes, encoding: str) -> None:
    decoded = decode_text(data)
    assert decoded.text == SAMPLE
    assert decoded.encoding == encoding
    assert decoded.warnings == []


def test_windows_1252_smart_quotes_are_recognised() -> None:
    text = "He said \u201cno\u201d \u2013 caf\u00e9 \u20ac5."
    decoded = decode_text(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.encoding == "windows-1252"


def test_latin1_accents_are_recognised() -> None:
    text = "S\u00e3o Paulo, M\u00fcnchen, Montr\u00e9al"
    decoded = decode_text(text.encode("latin-1"))
    assert decoded.text == text
    assert decoded.encoding == "latin-1"


def test_utf8_with_a_few_stray_windows_bytes_is_repaired_with_a_warning() -> None:
    data = "na\u00efve ".encode() + b"\x93quoted\x94 text " + "\u00e9t\u00e9".encode()
    decoded = decode_text(data)
    assert decoded.text == "na\u00efve \u201cquoted\u201d text \u00e9t\u00e9"
    assert decoded.warnings == ["2 invalid UTF-8 bytes read as Windows-1252"]


def test_cyrillic_code_page_is_not_read_as_latin_gibberish() -> None:
    text = "Министерство обороны России сообщило о ракетном ударе по городу. " * 5
    decoded = decode_text(text.encode("cp1251"))
    assert "Министерство обороны" in decoded.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n\t  ", "only white space"),
        (bytes(range(256)) * 64, "binary file"),
        (b"\x00\x01\x02\x03\x04\x05" * 1000, "binary file"),
    ],
)
def test_what_is_not_text_is_rejected_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(Rejected, match=reason):
        decode_text(data)


def test_a_few_nul_and_control_characters_are_removed_and_reported() -> None:
    data = ("A normal article text about the war. " * 40).encode() + b"\x00\x07 end\x1b."
    decoded = decode_text(data)
    assert "\x00" not in decoded.text and "\x07" not in decoded.text and "\x1b" not in decoded.text
    assert decoded.text.endswith(" end.")
    assert decoded.warnings == ["removed 3 NUL/control characters"]


def test_clean_text_normalises_line_endings_and_composes_accents() -> None:
    assert clean_text("a\r\nb\rc") == "a\nb\nc"
    assert clean_text("Qa\u0304sim") == "Q\u0101sim"
    assert clean_text("zero\u200bwidth\u00a0space") == "zerowidth space"
