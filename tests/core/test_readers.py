"""The HTML, Word, PDF and e-mail readers, on real files built here.

Positive tests check what a reporter would see: the article's paragraphs without the page
around it, and only the metadata the file states. Hostile tests check that every bad file is
refused quickly, with a reason a reporter can act on, and that nothing but ``Rejected`` ever
escapes a reader.
"""

from __future__ import annotations

import datetime
import http.server
import io
import random
import subprocess
import sys
import threading
import time
import tracemalloc
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

import pytest

from desktop.core.importing.docx_reader import read_docx
from desktop.core.importing.email_reader import read_email
from desktop.core.importing.formats import reader_for
from desktop.core.importing.html_reader import read_html
from desktop.core.importing.limits import DEFAULT_LIMITS, Limits
from desktop.core.importing.pdf_reader import read_pdf
from desktop.core.importing.types import Extracted, PartialDate, Rejected
from tests.hostile_files import (HOSTILE_CASES, build_hostile_files, docx_bytes, pdf_bytes,
                                 write_docx_with_document_xml)

PARAGRAPHS = [
    "DOHA — Negotiators meeting in the Qatari capital failed on Tuesday to agree the terms of a "
    "six-week ceasefire, according to two officials briefed on the discussions, as mediators "
    "pressed both sides to accept a phased exchange of prisoners and detainees.",
    "The officials, who spoke on condition of anonymity because they were not authorised to "
    "discuss the talks publicly, said the main sticking point remained the sequencing of the "
    "releases and the return of displaced families to the north.",
    "Qatar's foreign ministry spokesman said in a statement that the mediators would \"continue "
    "their efforts around the clock\" and that a new round of meetings was expected in Cairo.",
    "Humanitarian agencies warned that conditions in the south had deteriorated sharply, with aid "
    "convoys delayed for days at crossings and hospitals running short of fuel and medicine.",
]

NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Ceasefire talks stall in Doha | The Daily Ledger</title>
<meta property="og:title" content="Ceasefire talks stall in Doha as mediators push for swap">
<meta property="og:site_name" content="The Daily Ledger">
<meta name="author" content="Amira Haddad, Thomas Byrne">
<meta property="article:published_time" content="2024-03-12T08:30:00+00:00">
<link rel="canonical" href="https://ledger.example.com/world/2024/03/12/ceasefire-talks">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@graph": [{{"@type": "WebSite", "name": "Ledger"}},
 {{"@type": "NewsArticle", "headline": "Ceasefire talks stall in Doha as mediators push for prisoner swap",
  "datePublished": "2024-03-12T08:30:00Z",
  "author": [{{"@type": "Person", "name": "Amira Haddad"}}, {{"@type": "Person", "name": "Thomas Byrne"}}],
  "publisher": {{"@type": "Organization", "name": "The Daily Ledger"}}}}]}}
</script>
<script>window.ads = {{slot: "top"}};</script>
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe now</a></li></ul></nav></header>
<div class="ad-banner" id="ad-top">ADVERTISEMENT Buy cheap flights to anywhere today</div>
<main><article>
<h1>Ceasefire talks stall in Doha as mediators push for prisoner swap</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Ten things to know about the region</a></li>
<li><a href="/b">Opinion: why talks fail</a></li></ul></aside>
<p>{PARAGRAPHS[2]}</p>
<p>{PARAGRAPHS[3]}</p>
</article></main>
<div class="advert">Sponsored content: You won't believe these ten gadgets</div>
<footer><p>© 2024 The Daily Ledger. All rights reserved.</p><a href="/privacy">Privacy policy</a>
<a href="/cookies">Cookie settings</a></footer>
</body>
</html>"""


def read(reader, data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Extracted:
    return reader(data, name=name, limits=limits)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return build_hostile_files(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session", autouse=True)
def warm_libraries() -> None:
    """Import trafilatura, python-docx and pypdf once, so timings measure reading, not imports."""
    read(read_html, NEWS_PAGE.encode(), "warm.html")
    read(read_docx, docx_bytes(), "warm.docx")
    read(read_pdf, pdf_bytes([["warm up"]]), "warm.pdf")


# --- HTML -------------------------------------------------------------------------------------


def test_html_keeps_article_paragraphs_and_drops_page_furniture() -> None:
    extracted = read(read_html, NEWS_PAGE.encode(), "page.html")
    assert extracted.format == "html" and extracted.cleaned
    assert "\n\n".join(PARAGRAPHS) in extracted.text
    for furniture in ("Subscribe now", "ADVERTISEMENT", "Sponsored content", "Cookie settings",
                      "Ten things to know", "All rights reserved", "window.ads"):
        assert furniture not in extracted.text


def test_html_metadata_from_json_ld_and_meta_tags() -> None:
    extracted = read(read_html, NEWS_PAGE.encode(), "page.html")
    assert extracted.title == "Ceasefire talks stall in Doha as mediators push for prisoner swap"
    assert extracted.authors == ["Amira Haddad", "Thomas Byrne"]
    assert extracted.date == PartialDate(2024, 3, 12)
    assert extracted.outlet == "The Daily Ledger"
    assert extracted.url == "https://ledger.example.com/world/2024/03/12/ceasefire-talks"
    assert extracted.language == "en"


def test_html_meta_tags_without_json_ld() -> None:
    page = ("<html><head><title>Flood waters rise in the delta | The Delta Courier</title>"
            '<meta property="og:site_name" content="The Delta Courier">'
            '<meta name="author" content="Okafor, Chinedu">'
            '<meta property="article:published_time" content="2019-07">'
            '<meta property="og:url" content="https://courier.example.org/floods"></head><body>'
            "<article><p>Flood waters rose again on Friday across the delta region, forcing "
            "thousands of families to leave their homes for higher ground.</p></article>"
            "</body></html>")
    extracted = read(read_html, page.encode(), "floods.html")
    assert extracted.title == "Flood waters rise in the delta"
    assert extracted.outlet == "The Delta Courier"
    assert extracted.authors == ["Okafor, Chinedu"]  # "Last, First" is one person
    assert extracted.date == PartialDate(2019, 7)
    assert extracted.url == "https://courier.example.org/floods"


def test_html_that_states_nothing_gets_no_invented_metadata() -> None:
    page = ("<html><body><article><p>On 12 March 2024 the Reuters correspondent John Smith "
            "reported from https://example.com that the talks in Doha had stalled again.</p>"
            "</article></body></html>")
    extracted = read(read_html, page.encode(), "bare.html")
    assert "talks in Doha had stalled" in extracted.text
    assert (extracted.title, extracted.authors, extracted.date) == (None, [], None)
    assert (extracted.outlet, extracted.url, extracted.language) == (None, None, None)


def test_html_windows_1252_declared_by_meta_charset() -> None:
    sentence = "“Café crème” — naïve résumé, said the maître d’hôtel in Zürich."
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
            f"</head><body><article><p>{sentence}</p></article></body></html>")
    extracted = read(read_html, page.encode("cp1252"), "cafe.html")
    assert extracted.text == sentence
    assert "\ufffd" not in extracted.text


def test_html_arabic_right_to_left_text_is_kept_intact() -> None:
    paragraphs = ["قال المتحدث باسم وزارة الخارجية إن جولة جديدة من المفاوضات ستعقد في القاهرة.",
                  "وأضاف أن الوسطاء يعملون على مدار الساعة للتوصل إلى اتفاق لوقف إطلاق النار."]
    page = ('<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>مفاوضات القاهرة</title>'
            f"</head><body><article><p>{paragraphs[0]}</p><p>{paragraphs[1]}</p></article></body></html>")
    extracted = read(read_html, page.encode("utf-8"), "ar.html")
    assert extracted.text == "\n\n".join(paragraphs)
    assert extracted.language == "ar"
    assert extracted.title == "مفاوضات القاهرة"


def test_html_without_a_recognisable_article_keeps_visible_text() -> None:
    page = ("<html><body><nav>Home World</nav><span>Curfew lifted in Goma</span>"
            "<footer>(c) 2024</footer></body></html>")
    extracted = read(read_html, page.encode(), "short.html")
    assert extracted.text == "Curfew lifted in Goma"
    assert not extracted.cleaned
    assert any("not recognised" in warning for warning in extracted.warnings)


def test_html_layout_table_paragraphs_stay_separate_and_data_table_is_kept() -> None:
    page = ("<html><body><table width=800><tr><td><a href=/>Home</a></td><td>"
            "<p>Flood waters rose again on Friday across the delta region, forcing thousands of "
            "families to leave their homes for higher ground.</p><p>Officials said the river "
            "would crest over the weekend and warned residents not to return yet.</p>"
            "<table><tr><th>District</th><th>Displaced</th></tr><tr><td>North</td><td>12,000</td>"
            "</tr></table></td></tr></table></body></html>")
    text = read(read_html, page.encode(), "old.html").text
    assert "higher ground.\n\nOfficials said" in text
    assert "North" in text and "12,000" in text


@pytest.fixture()
def http_server():
    """A local web server that records every request made to it."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (stdlib name)
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY x "fetched">')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


def test_html_reader_fetches_nothing(http_server) -> None:
    base, requests = http_server
    page = (f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "{base}/xhtml.dtd">'
            f'<html><head><link rel="stylesheet" href="{base}/style.css">'
            f'<script src="{base}/app.js"></script></head><body><article>'
            f'<img src="{base}/photo.jpg"><iframe src="{base}/frame"></iframe>'
            "<p>Aid convoys reached the northern districts on Thursday after a week of delays at "
            "the crossings, the United Nations said.</p></article></body></html>")
    assert "Aid convoys" in read(read_html, page.encode(), "remote.html").text
    xxe = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY remote SYSTEM "{base}/secret">]>'
           "<html><body><p>&remote;</p></body></html>")
    with pytest.raises(Rejected, match="entity expansion"):
        read(read_html, xxe.encode(), "xxe.html")
    time.sleep(0.2)
    assert requests == []


# --- Word -------------------------------------------------------------------------------------


def test_docx_text_in_reading_order_with_table_and_core_properties() -> None:
    import docx

    document = docx.Document()
    document.add_heading("Militia leaders meet in Baghdad", level=1)
    document.add_paragraph("BAGHDAD — Leaders of several armed factions met on Sunday.")
    paragraph = document.add_paragraph("The meeting was ")
    paragraph.add_run("closed").bold = True
    paragraph.add_run(" to the press.")
    table = document.add_table(rows=2, cols=2)
    for (row, col), value in {(0, 0): "Faction", (0, 1): "Fighters",
                              (1, 0): "Kata'ib Hezbollah", (1, 1): "10,000"}.items():
        table.cell(row, col).text = value
    document.add_paragraph("Officials declined to comment.")
    props = document.core_properties
    props.author, props.title, props.language = "Layla Nasser; Omar Said", "Baghdad meeting", "en-US"
    props.created = datetime.datetime(2021, 6, 3, 10, 0)
    buffer = io.BytesIO()
    document.save(buffer)

    extracted = read(read_docx, buffer.getvalue(), "baghdad.docx")
    assert extracted.text == (
        "Militia leaders meet in Baghdad\n\n"
        "BAGHDAD — Leaders of several armed factions met on Sunday.\n\n"
        "The meeting was closed to the press.\n\n"
        "Faction | Fighters\nKata'ib Hezbollah | 10,000\n\n"
        "Officials declined to comment.")
    assert extracted.title == "Militia leaders meet in Baghdad"  # the heading, seen by readers
    assert extracted.authors == ["Layla Nasser", "Omar Said"]
    assert extracted.date == PartialDate(2021, 6, 3)
    assert extracted.language == "en"


def test_docx_template_defaults_are_not_reported_as_metadata() -> None:
    extracted = read(read_docx, docx_bytes(["A plain paragraph."]), "plain.docx")
    assert extracted.text == "A plain paragraph."
    # python-docx's template says author "python-docx", created 2013-12-23: not facts.
    assert (extracted.title, extracted.authors, extracted.date) == (None, [], None)


@pytest.mark.parametrize(("author", "title", "expected_authors", "expected_title"), [
    ("Microsoft Office User", "Microsoft Word - draft3.docx", [], None),
    ("Nasser, Layla", "Document1", ["Nasser, Layla"], None),
    ("Layla Nasser, Omar Said", "Kirkuk vote count delayed", ["Layla Nasser", "Omar Said"],
     "Kirkuk vote count delayed"),
])
def test_docx_core_properties_are_hints_with_placeholders_dropped(
        author: str, title: str, expected_authors: list[str], expected_title: str | None) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Body text of the article.")
    document.core_properties.author, document.core_properties.title = author, title
    buffer = io.BytesIO()
    document.save(buffer)
    extracted = read(read_docx, buffer.getvalue(), "hints.docx")
    assert extracted.authors == expected_authors
    assert extracted.title == expected_title


def test_docx_tracked_insertions_and_content_controls_are_read(tmp_path: Path) -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>'
           "<w:p><w:r><w:t xml:space=\"preserve\">Casualties rose to </w:t></w:r>"
           "<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>twelve</w:delText></w:r></w:del>"
           "<w:ins w:id=\"2\" w:author=\"x\"><w:r><w:t>fifteen</w:t></w:r></w:ins>"
           "<w:r><w:t>, officials said.</w:t></w:r></w:p>"
           "<w:sdt><w:sdtContent><w:p><w:r><w:t>Inside a content control.</w:t></w:r></w:p>"
           "</w:sdtContent></w:sdt></w:body></w:document>")
    path = tmp_path / "tracked.docx"
    write_docx_with_document_xml(path, xml)
    extracted = read(read_docx, path.read_bytes(), path.name)
    assert extracted.text == "Casualties rose to fifteen, officials said.\n\nInside a content control."


def test_docx_nested_tables_read_through_their_cell_and_text_boxes_left_out(tmp_path: Path) -> None:
    """One pass over the body: a table nested in a cell gives that cell's text; paragraphs in a
    text box (inside a table cell too) are not read, and the report says so."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def para(text: str) -> str:
        return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"

    box = ("<w:p><w:r><w:t>Caption </w:t></w:r><w:r><w:pict><w:txbxContent>" + para("Boxed aside.")
           + "</w:txbxContent></w:pict></w:r></w:p>")
    inner = f"<w:tbl><w:tr><w:tc>{para('Inner one')}</w:tc><w:tc>{para('Inner two')}</w:tc></w:tr></w:tbl>"
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>'
           + para("Before the table.")
           + f"<w:tbl><w:tr><w:tc>{para('Faction')}</w:tc><w:tc>{para('Fighters')}</w:tc></w:tr>"
           + f"<w:tr><w:tc>{box}</w:tc><w:tc>{inner}</w:tc></w:tr></w:tbl>"
           + para("After the table.") + "</w:body></w:document>")
    path = tmp_path / "tables.docx"
    write_docx_with_document_xml(path, xml)
    extracted = read(read_docx, path.read_bytes(), path.name)
    assert extracted.text == ("Before the table.\n\nFaction | Fighters\nCaption | Inner one Inner two"
                              "\n\nAfter the table.")
    assert "text in text boxes was not imported" in extracted.warnings


# --- PDF --------------------------------------------------------------------------------------

PDF_PAGE_1 = ["Ceasefire talks stall in Doha", "By Jane Doe", "",
              "DOHA - Negotiators meeting in the Qatari capital failed on",
              "Tuesday to agree the terms of a six-week ceasefire, accord-",
              "ing to two officials briefed on the discussions, as media-",
              "tors pressed both sides to accept a phased exchange.", "",
              "The officials, who spoke on condition of anonymity because",
              "they were not authorised to discuss the talks publicly, said",
              "the main sticking point remained the sequencing of the", "", "", "1"]
PDF_PAGE_2 = ["releases and the return of displaced families to the north.", "",
              "Humanitarian agencies warned that conditions in the south",
              "had deteriorated sharply, with aid convoys delayed for days.", "", "2"]


def test_pdf_two_pages_rejoined_into_paragraphs() -> None:
    data = pdf_bytes([PDF_PAGE_1, PDF_PAGE_2], info={
        "/Title": "Ceasefire talks stall in Doha", "/Author": "Jane Doe",
        "/CreationDate": "D:20240312083000Z"})
    extracted = read(read_pdf, data, "doha.pdf")
    assert extracted.text == (
        "Ceasefire talks stall in Doha\n\nBy Jane Doe\n\n"
        "DOHA - Negotiators meeting in the Qatari capital failed on Tuesday to agree the terms of "
        "a six-week ceasefire, according to two officials briefed on the discussions, as "
        "mediators pressed both sides to accept a phased exchange.\n\n"
        "The officials, who spoke on condition of anonymity because they were not authorised to "
        "discuss the talks publicly, said the main sticking point remained the sequencing of the "
        "releases and the return of displaced families to the north.\n\n"
        "Humanitarian agencies warned that conditions in the south had deteriorated sharply, with "
        "aid convoys delayed for days.")
    assert extracted.title == "Ceasefire talks stall in Doha"
    assert extracted.authors == ["Jane Doe"]
    assert extracted.date == PartialDate(2024, 3, 12)


def test_pdf_junk_document_info_is_ignored() -> None:
    data = pdf_bytes([["Body text of a report that was printed from Word."]], info={
        "/Title": "Microsoft Word - draft3.docx", "/Author": "Microsoft Office User",
        "/CreationDate": "D:garbage"})
    extracted = read(read_pdf, data, "junk.pdf")
    assert extracted.text == "Body text of a report that was printed from Word."
    assert (extracted.title, extracted.authors, extracted.date) == (None, [], None)


def test_pdf_page_limit_reads_first_pages_and_says_so() -> None:
    data = pdf_bytes([["First page text."], ["Second page text."]])
    extracted = read(read_pdf, data, "long.pdf", Limits(max_pdf_pages=1))
    assert extracted.text == "First page text."
    assert any("first 1 of 2 pages" in warning for warning in extracted.warnings)


def test_pdf_encrypted_without_a_user_password_opens() -> None:
    data = pdf_bytes([["Permissions-only encryption still lets anyone read this."]], user_password="")
    extracted = read(read_pdf, data, "restricted.pdf")
    assert extracted.text == "Permissions-only encryption still lets anyone read this."


# --- E-mail -----------------------------------------------------------------------------------


def test_eml_prefers_plain_text_and_notes_attachments() -> None:
    message = EmailMessage()
    message["From"] = Address("Layla Nasser", "layla.nasser", "example.org")
    message["To"] = "desk@example.com"
    message["Subject"] = "Militia leaders meet in Baghdad"
    message["Date"] = "Sun, 03 Mar 2024 10:15:00 +0300"
    message.set_content("BAGHDAD - Leaders of several armed factions met on Sunday.\n\n"
                        "A second paragraph from the stringer.\n")
    message.add_alternative("<html><body><p>View in browser</p><p>BAGHDAD - Leaders of several "
                            "armed factions met on Sunday.</p></body></html>", subtype="html")
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="statement.pdf")
    extracted = read(read_email, message.as_bytes(), "stringer.eml")
    assert extracted.text == ("BAGHDAD - Leaders of several armed factions met on Sunday.\n\n"
                              "A second paragraph from the stringer.")
    assert extracted.title == "Militia leaders meet in Baghdad"
    assert extracted.authors == ["Layla Nasser"]
    assert extracted.date == PartialDate(2024, 3, 3)
    assert any("statement.pdf" in warning for warning in extracted.warnings)


def test_eml_windows_1252_quoted_printable_newsletter() -> None:
    raw = (b"From: The Daily Ledger Briefing <newsletter@ledger.example.com>\r\n"
           b"Subject: =?windows-1252?Q?Caf=E9_talks_=96_what_next?=\r\n"
           b"Date: Tue, 12 Mar 2024 06:00:00 +0000\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: text/plain; charset=windows-1252\r\n"
           b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
           b"=93Caf=E9 cr=E8me=94 =96 na=EFve r=E9sum=E9, said the ma=EEtre d=92h=F4tel.\r\n\r\n"
           b"Second paragraph with a soft=\r\n line break.\r\n")
    extracted = read(read_email, raw, "briefing.eml")
    assert extracted.text == ("“Café crème” – naïve résumé, said the maître d’hôtel.\n\n"
                              "Second paragraph with a soft line break.")
    assert extracted.title == "Café talks – what next"
    assert extracted.authors == []  # a newsletter is not a byline...
    assert extracted.outlet == "The Daily Ledger Briefing"  # ...but it says where it came from


def test_eml_html_only_forward_uses_article_extraction() -> None:
    raw = (b"From: Omar Said <omar@example.com>\r\nSubject: Fwd: Statement from the ministry\r\n"
           b"Content-Type: text/html; charset=utf-8\r\n\r\n"
           b"<html><head><style>p{color:red}</style></head><body><table><tr><td>"
           b"<p>The ministry said on Monday that talks would resume, according to a statement "
           b"seen by reporters.</p><p>Officials declined to comment further.</p></td></tr></table>"
           b"</body></html>")
    extracted = read(read_email, raw, "forward.eml")
    assert extracted.text == ("The ministry said on Monday that talks would resume, according to a "
                              "statement seen by reporters.\n\nOfficials declined to comment further.")
    assert extracted.title == "Statement from the ministry"
    assert extracted.authors == []  # whoever forwarded it did not write it


def test_eml_forwarded_as_attachment_takes_text_and_byline_from_the_original() -> None:
    raw = (b"From: Desk <desk@example.com>\r\nSubject: Fwd: worth filing\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
           b"Content-Type: message/rfc822\r\n\r\n"
           b"From: Jane Doe <jane.doe@example.org>\r\nSubject: Curfew lifted in Goma\r\n"
           b"Date: Fri, 01 Mar 2024 18:00:00 +0200\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           b"The curfew imposed last week was lifted on Friday evening.\r\n--b--\r\n")
    extracted = read(read_email, raw, "forwarded.eml")
    assert extracted.text == "The curfew imposed last week was lifted on Friday evening."
    assert (extracted.title, extracted.authors) == ("Curfew lifted in Goma", ["Jane Doe"])
    assert extracted.date == PartialDate(2024, 3, 1)


def test_eml_format_flowed_is_unwrapped_and_signature_dropped() -> None:
    raw = (b"From: Jane Doe <jane@example.org>\r\nSubject: copy\r\n"
           b"Content-Type: text/plain; charset=utf-8; format=flowed\r\n\r\n"
           b"Aid convoys reached the northern districts \r\non Thursday.\r\n\r\n"
           b"A second paragraph.\r\n-- \r\nJane Doe\r\nStringer, +1 555 0100\r\n")
    extracted = read(read_email, raw, "flowed.eml")
    assert extracted.text == "Aid convoys reached the northern districts on Thursday.\n\nA second paragraph."
    assert any("signature" in warning for warning in extracted.warnings)


def test_eml_mislabelled_charset_is_repaired_and_reported() -> None:
    raw = (b"From: desk@example.com\r\nSubject: note\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           b"Caf\xe9 \x93quoted\x94 text from an old mail client.\r\n")
    extracted = read(read_email, raw, "old.eml")
    assert extracted.text == "Café “quoted” text from an old mail client."
    assert any("utf-8" in warning for warning in extracted.warnings)


# --- Hostile files ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(HOSTILE_CASES))
def test_hostile_file_is_refused_quickly_with_a_clear_reason(
        case: str, hostile: dict[str, tuple[Path, str]]) -> None:
    path, expected = hostile[case]
    reader = reader_for(path)
    assert reader is not None
    data = path.read_bytes()
    started = time.perf_counter()
    with pytest.raises(Rejected) as refused:
        reader(data, name=path.name, limits=DEFAULT_LIMITS)
    assert time.perf_counter() - started < 2.0
    assert expected in refused.value.reason
    assert "\n" not in refused.value.reason


def test_zip_bomb_is_refused_without_unpacking(hostile: dict[str, tuple[Path, str]]) -> None:
    path, _ = hostile["docx_zip_bomb_1gb"]
    data = path.read_bytes()
    assert len(data) < 5 * 1024 * 1024  # small on disk...
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(Rejected, match="zip bomb"):
            read(read_docx, data, path.name)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 0.5
    assert peak < 20 * 1024 * 1024  # ...and never unpacked towards its 1 GB


@pytest.mark.parametrize(("limits", "expected"), [
    (Limits(max_unpacked_bytes=10_000), "unpacks to"),
    (Limits(max_zip_members=3), "parts (limit 3)"),
])
def test_docx_package_limits_are_enforced(limits: Limits, expected: str) -> None:
    with pytest.raises(Rejected, match="zip bomb") as refused:
        read(read_docx, docx_bytes(PARAGRAPHS), "ordinary.docx", limits)
    assert expected in refused.value.reason


def _mutations(data: bytes, count: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    out = [data[:cut] for cut in (1, 10, len(data) // 3, len(data) - 7)]
    for _ in range(count):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        out.append(bytes(mutated))
    return out


@pytest.mark.parametrize("reader, name, data", [
    (read_html, "page.html", NEWS_PAGE.encode()),
    (read_docx, "doc.docx", docx_bytes(PARAGRAPHS)),
    (read_pdf, "doc.pdf", pdf_bytes([PDF_PAGE_1, PDF_PAGE_2], info={"/Title": "Doha"})),
    (read_email, "mail.eml", b"From: A B <a@example.com>\r\nSubject: x\r\n"
                             b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + PARAGRAPHS[0].encode()),
], ids=["html", "docx", "pdf", "eml"])
def test_damaged_files_raise_only_rejected(reader, name: str, data: bytes) -> None:
    for number, mutated in enumerate(_mutations(data, 40, seed=len(data))):
        try:
            result = reader(mutated, name=name, limits=DEFAULT_LIMITS)
        except Rejected as refused:
            assert refused.reason.strip(), f"mutation {number}: empty reason"
        else:
            assert isinstance(result, Extracted) and result.text.strip(), f"mutation {number}"


def test_importing_the_readers_loads_no_heavy_library() -> None:
    code = ("import sys\n"
            "import desktop.core.importing.formats, desktop.core.importing.html_reader\n"
            "import desktop.core.importing.docx_reader, desktop.core.importing.pdf_reader\n"
            "import desktop.core.importing.email_reader\n"
            "heavy = {'trafilatura', 'lxml', 'pypdf', 'docx'} & set(sys.modules)\n"
            "assert not heavy, heavy\n")
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_aes_encrypted_pdf_without_a_user_password_opens(algorithm: str) -> None:
    """Published reports are often AES-encrypted with only an owner password: they must open."""
    import io

    from pypdf import PdfReader, PdfWriter

    plain = pdf_bytes([["Casualty figures for Raqqa province were revised on Monday."]])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    writer.encrypt(user_password="", owner_password="desk-only", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    extracted = read_pdf(buffer.getvalue(), name="report.pdf", limits=DEFAULT_LIMITS)
    assert "Casualty figures for Raqqa province" in extracted.text

    locked = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    locked.encrypt(user_password="secret", algorithm=algorithm)
    buffer = io.BytesIO()
    locked.write(buffer)
    with pytest.raises(Rejected, match="password-protected PDF"):
        read_pdf(buffer.getvalue(), name="report.pdf", limits=DEFAULT_LIMITS)
