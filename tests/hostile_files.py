"""Builders for real files, good and hostile, in the formats the HTML, Word, PDF and e-mail
readers handle.

Tests build them in a temporary folder rather than shipping binaries: each hostile case is
made the way it arises in the wild (a download cut short, a renamed file, an encrypted PDF, a
zip bomb, a billion-laughs document), so the importer is tested against the real thing. The
zip bomb declares 1 GB but is written streamed in 4 MB chunks, so building it never holds more
than a few megabytes in memory and the file on disk is about 1 MB.
"""

from __future__ import annotations

import functools
import io
import random
import zipfile
from collections.abc import Sequence
from pathlib import Path

__all__ = ["build_hostile_files", "HOSTILE_CASES", "docx_bytes", "pdf_bytes", "image_pdf_bytes",
           "write_docx_with_document_xml", "nested_docx", "deep_html", "long_line_text", "many_page_pdf",
           "heavy_page_pdf",
           "RESOURCE_CASES", "build_resource_case"]

_LAUGHS = "".join(
    f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
).replace("&lol0;", "lol")
_BILLION_LAUGHS_DOCTYPE = f'<!DOCTYPE lolz [<!ENTITY lol0 "lol">{_LAUGHS}]>'

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)

#: case name -> substring the reader's Rejected reason must contain.
HOSTILE_CASES: dict[str, str] = {
    "docx_empty": "empty file",
    "docx_truncated": "corrupt or truncated Word document",
    "docx_random_bytes": "not a Word document",
    "docx_corrupt_zip": "corrupt or truncated Word document",
    "docx_really_text": "not a Word document",
    "docx_zip_bomb_1gb": "the package unpacks to 1.0 GB",
    "docx_ratio_bomb": "zip bomb",
    "docx_many_members": "zip bomb",
    "docx_no_document_xml": "no word/document.xml",
    "docx_entity_bomb": "entity expansion",
    "docx_old_format_or_encrypted": "password-protected or old-format (.doc) Word file is not supported",
    "html_entity_bomb": "entity expansion",
    "html_no_text": "no article text found in the HTML page",
    "html_empty": "empty file",
    "pdf_empty": "empty file",
    "pdf_truncated": "truncated",
    "pdf_corrupt": "corrupt PDF",
    "pdf_really_text": "not a PDF",
    "pdf_password": "password-protected PDF",
    "pdf_scanned": "no text layer: OCR is not supported",
    "eml_no_text_part": "no text or HTML body",
    "eml_empty": "empty file",
}


def docx_bytes(paragraphs: Sequence[str] = ("A short article for testing.",)) -> bytes:
    """A real .docx made by python-docx with the given paragraphs."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(pages: Sequence[Sequence[str]], *, info: dict[str, str] | None = None,
              user_password: str | None = None) -> bytes:
    """A PDF with a real text layer: one page per item, one text line per string.

    An empty string leaves a paragraph gap. Text is set in the standard Helvetica font, so no
    font file is embedded and pypdf alone can write it.
    """
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        ops = [b"BT /F1 11 Tf 72 740 Td"]
        for line in lines:
            ops.append(b"(" + _pdf_escape(line) + b") Tj 0 -14 Td" if line else b"0 -8 Td")
        ops.append(b"ET")
        stream = DecodedStreamObject()
        stream.set_data(b"\n".join(ops))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if info:
        writer.add_metadata(info)
    if user_password is not None:
        # RC4 needs no extra package (AES would need `cryptography`).
        writer.encrypt(user_password, owner_password="owner-" + user_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_pdf_bytes() -> bytes:
    """A "scanned" page: one grey image drawn on the page and no text at all."""
    from pypdf import PdfWriter
    from pypdf.generic import (DecodedStreamObject, DictionaryObject, NameObject, NumberObject)

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    image = DecodedStreamObject()
    image.set_data(bytes(random.Random(7).randrange(256) for _ in range(64 * 64)))
    image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(64), NameObject("/Height"): NumberObject(64),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                  NameObject("/BitsPerComponent"): NumberObject(8)})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): writer._add_object(image)})})
    content = DecodedStreamObject()
    content.set_data(b"q 468 0 0 648 72 72 cm /Im1 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip_bomb(path: Path, unpacked_bytes: int) -> None:
    """A docx-shaped zip whose word/document.xml unpacks to ``unpacked_bytes`` of zeros."""
    chunk = bytes(4 * 1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(unpacked_bytes // len(chunk)):
                member.write(chunk)


def write_docx_with_document_xml(path: Path, document_xml: str) -> None:
    """A python-docx package whose word/document.xml is replaced by ``document_xml``."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = document_xml.encode("utf-8")
            archive.writestr(info.filename, data)


def build_hostile_files(directory: Path) -> dict[str, tuple[Path, str]]:
    """Write every case of :data:`HOSTILE_CASES` into ``directory``.

    Returns case name -> (path, substring expected in the Rejected reason).
    """
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20240312)
    files: dict[str, bytes] = {}
    good_docx = docx_bytes(["Paragraph one of a real document."] * 40)
    files["docx_empty.docx"] = b""
    files["docx_truncated.docx"] = good_docx[: len(good_docx) // 2]
    files["docx_random_bytes.docx"] = rng.randbytes(20_000)
    files["docx_corrupt_zip.docx"] = b"PK\x03\x04" + rng.randbytes(20_000)
    files["docx_really_text.docx"] = b"Dear editor,\nthis is a plain text note saved as .docx.\n"
    files["docx_old_format_or_encrypted.docx"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088)
    files["html_entity_bomb.html"] = (
        f'<?xml version="1.0"?>\n{_BILLION_LAUGHS_DOCTYPE}\n'
        "<html><body><p>&lol9;</p></body></html>").encode()
    files["html_no_text.html"] = (
        b"<!DOCTYPE html><html><head><title>x</title><script>var tracking = 1;</script>"
        b"<style>body{color:red}</style></head><body><nav><a href='/'>Home</a> "
        b"<a href='/world'>World</a></nav><div id='app'></div><script>render()</script>"
        b"<footer>(c) 2024</footer></body></html>")
    files["html_empty.html"] = b""
    good_pdf = pdf_bytes([["A line of text in a real PDF file."] * 30] * 3)
    files["pdf_empty.pdf"] = b""
    files["pdf_truncated.pdf"] = good_pdf[: len(good_pdf) // 2]
    files["pdf_corrupt.pdf"] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + rng.randbytes(30_000) + b"\n%%EOF\n"
    files["pdf_really_text.pdf"] = b"Quarterly report\n\nThis is plain text renamed to .pdf.\n"
    files["pdf_password.pdf"] = pdf_bytes([["Secret article text."]], user_password="secret")
    files["pdf_scanned.pdf"] = image_pdf_bytes()
    files["eml_no_text_part.eml"] = (
        b"From: Desk <desk@example.com>\r\nTo: archive@example.com\r\nSubject: scan\r\n"
        b"Date: Tue, 12 Mar 2024 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
        b'Content-Type: image/jpeg\r\nContent-Disposition: attachment; filename="scan.jpg"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQAAAQABAAD/2wBD\r\n--b1--\r\n")
    files["eml_empty.eml"] = b""
    for filename, data in files.items():
        (directory / filename).write_bytes(data)

    _zip_bomb(directory / "docx_zip_bomb_1gb.docx", 1024 * 1024 * 1024)
    _zip_bomb(directory / "docx_ratio_bomb.docx", 100 * 1024 * 1024)
    with zipfile.ZipFile(directory / "docx_many_members.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(6000):
            archive.writestr(f"customXml/item{number}.xml", "")
    with zipfile.ZipFile(directory / "docx_no_document_xml.docx", "w") as archive:
        archive.writestr("notes.txt", "not a word document at all")
    write_docx_with_document_xml(
        directory / "docx_entity_bomb.docx",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + _BILLION_LAUGHS_DOCTYPE +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")

    cases = {}
    for case, expected in HOSTILE_CASES.items():
        matches = list(directory.glob(case + ".*"))
        assert len(matches) == 1, f"builder made no file for {case}"
        cases[case] = (matches[0], expected)
    return cases


# -- resource cases: small files that cost a reader a lot -----------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NESTED_WORDS = ("Shelling resumed overnight in the villages south of the city, residents said, "
                 "as families fled toward the border crossing. ")


def nested_docx(path: Path, depth: int = 245) -> None:
    """A .docx whose one table cell holds paragraphs nested ``depth`` deep, each with a sentence.

    Paragraphs inside paragraphs are not valid WordprocessingML, but lxml and python-docx accept
    them, the depth stays under libxml2's limit of 256 and the package (a minimal one of under
    2 KB) under every zip-bomb check. A reader that takes each paragraph's text from all its
    descendants repeats the text of every deeper level (quadratic text, cubic time).
    """
    run = f"<w:r><w:t>{_NESTED_WORDS * 5}</w:t></w:r>"
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W_NS}"><w:body><w:tbl><w:tr><w:tc>'
        + f"<w:p>{run}" * depth + "</w:p>" * depth
        + "</w:tc></w:tr></w:tbl></w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)


def deep_html(path: Path, depth: int = 100_000) -> None:
    """A page of ``depth`` nested ``<div>`` elements around one paragraph (about 1.1 MB)."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("<!DOCTYPE html><html><head><title>Deep page</title></head><body>")
        handle.write("<div>" * depth)
        handle.write(f"<p>{_NESTED_WORDS * 3}</p>")
        handle.write("</div>" * depth)
        handle.write("</body></html>")


def long_line_text(path: Path, size: int = 19_900_000) -> None:
    """A text file of ``size`` bytes of words on one single line (no newline at all), streamed."""
    words = _NESTED_WORDS.encode()
    with open(path, "wb") as handle:
        written = 0
        block = words * 1000
        while written + len(block) <= size:
            handle.write(block)
            written += len(block)
        handle.write((words * (size // len(words) + 1))[: size - written])


def many_page_pdf(path: Path, pages: int = 5000) -> None:
    """A PDF of ``pages`` pages, each with a few lines of real text (more than the page limit)."""
    path.write_bytes(pdf_bytes([[f"Report {n}: {_NESTED_WORDS.strip()[:60]}", _NESTED_WORDS.strip()[60:], ""]
                                for n in range(1, pages + 1)]))


def heavy_page_pdf(path: Path, pages: int = 20, operators: int = 50_000) -> None:
    """A PDF of ``pages`` pages of ``operators`` text-showing operators each (a few KB on disk,
    1.1 MB of drawing instructions per page with the defaults): each page costs pypdf seconds."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 11 Tf 72 740 Td " + b"(word ) Tj 0 -0.01 Td " * operators + b"ET")
    shared = writer._add_object(content.flate_encode())
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        page[NameObject("/Contents")] = shared
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())


#: case name -> (file name, builder). Each costs a naive reader time or memory out of proportion
#: to its size; bench_hostile.py measures them and test_hostile_import.py asserts the outcome.
#: The ``*_under`` cases stay just under the limits: they must be read, at bounded cost.
RESOURCE_CASES: dict[str, tuple[str, object]] = {
    "docx_nested_245": ("nested.docx", nested_docx),
    "docx_nested_150_under": ("nested.docx", functools.partial(nested_docx, depth=150)),
    "html_deep_100k": ("deep.html", deep_html),
    "html_deep_190_under": ("deep.html", functools.partial(deep_html, depth=190)),
    "text_single_line_19.9mb": ("one-line.txt", long_line_text),
    "text_single_line_1.9mb_under": ("one-line.txt", functools.partial(long_line_text, size=1_900_000)),
    "pdf_5000_pages": ("many-pages.pdf", many_page_pdf),
    "pdf_20_heavy_pages": ("heavy-pages.pdf", heavy_page_pdf),
    "pdf_page_1m_operators": ("huge-page.pdf",
                              functools.partial(heavy_page_pdf, pages=1, operators=1_000_000)),
}


def build_resource_case(case: str, directory: Path) -> Path:
    """Write the file of one :data:`RESOURCE_CASES` case into ``directory``; returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    name, builder = RESOURCE_CASES[case]
    path = directory / name
    builder(path)  # type: ignore[operator]
    return path
