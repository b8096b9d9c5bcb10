"""Word briefings: the model, the template contract, the document's structure, hostile text, and
LibreOffice converting the result (standing in for "opens in Word or LibreOffice").

The LibreOffice tests skip only when ``soffice`` is absent and ``NEWSROOM_REQUIRE_LIBREOFFICE``
is unset; CI sets it, so a missing LibreOffice fails there instead of passing silently. Each
test session converts with its own LibreOffice profile so parallel runs do not clash.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from desktop.core.archive import Archive
from desktop.core.briefing.docx_writer import BriefingCancelled, write_briefing
from desktop.core.briefing.model import (
    Briefing,
    BriefingOptions,
    BriefingStory,
    EntityRef,
    QuoteRef,
    StoryLink,
    outline,
)
from desktop.core.briefing.template import TemplateError, check_template, default_template_path
from desktop.core.briefing.text import clean, display_date, paragraphs
from desktop.core.importing.pipeline import import_paths

VOA_URL = "https://www.voanews.com/a/middle-east_us-hits-back-iraq-targeting-militia/6185938.html"
ARABIC = "شنت الولايات المتحدة غارات جوية على مواقع لكتائب حزب الله في العراق ردا على هجوم صاروخي."
HOSTILE = "".join(chr(c) for c in range(32)) + "\ud800 lone \udfff surrogates \ufffe\uffff end"
W_HYPERLINK = qn("w:hyperlink")


# -- fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_stories(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> list[BriefingStory]:
    """The five seed articles, imported into a real archive, as briefing stories with entities,
    quotations and (for one) a URL, as the GUI would assemble them."""
    archive = Archive.open(tmp_path_factory.mktemp("briefing") / "archive")
    try:
        import_paths(archive, [seeds_dir])
        articles = sorted(archive.list(limit=10), key=lambda a: a.original_name)
    finally:
        archive.close()
    people = [EntityRef("Mark Esper", "person"), EntityRef("Kataib Hezbollah", "armed_group"),
              EntityRef("Camp Taji", "place"), EntityRef("F-15E", "weapon"), EntityRef("Baghdad", "place")]
    stories = []
    for i, article in enumerate(articles):
        quotes = [QuoteRef("We will not tolerate attacks against our people", "Mark Esper", "U.S. Defense Secretary")]
        stories.append(BriefingStory.from_article(
            article, entities=people[i % 3:i % 3 + 3], quotes=quotes if i % 2 == 0 else [],
        ))
    stories[1].url = VOA_URL
    return stories


def make_briefing(stories: list[BriefingStory], **options: bool) -> Briefing:
    return Briefing(
        title="US strikes on Kataib Hezbollah after the Camp Taji attack",
        author="Desk Producer",
        date="2020-03-14",
        summary="Rockets killed three coalition personnel at Camp Taji.\n\nThe US struck back the next night.",
        stories=list(stories),
        options=BriefingOptions(**options),
        links=[StoryLink(stories[0].article_id, stories[1].article_id, "same_event", "Both report the strikes")],
    )



def pdf_text(pdf: Path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          timeout=120, check=True).stdout


def paragraphs_by_style(document: docx.document.Document, style_name: str) -> list[docx.text.paragraph.Paragraph]:
    return [p for p in document.paragraphs if p.style is not None and p.style.name == style_name]


def all_xml_parts_parse(path: Path) -> None:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))  # raises on any XML error


# -- model -------------------------------------------------------------------------------------

def test_briefing_round_trips_through_json(seed_stories: list[BriefingStory]) -> None:
    briefing = make_briefing(seed_stories, full_text=True, timeline=False)
    briefing.stories.append(BriefingStory(7, HOSTILE, byline=[HOSTILE], lead=ARABIC, language="ar"))
    stored = briefing.to_json()
    stored.encode("utf-8")  # storable in SQLite even with lone surrogates inside
    assert Briefing.from_json(stored) == briefing
    with pytest.raises(ValueError):
        Briefing.from_json('{"stories": []}')


def test_outline_follows_the_options(seed_stories: list[BriefingStory]) -> None:
    briefing = make_briefing(seed_stories)
    headings = outline(briefing)
    assert headings[:2] == ["Executive summary", "Stories"]
    assert headings[-4:] == ["Timeline", "People, groups, places and weapons", "Links between stories", "Sources"]
    assert len(headings) == 2 + len(seed_stories) + 4
    bare = make_briefing(seed_stories, timeline=False, entity_table=False, links=False, sources=False)
    bare.summary = ""
    assert outline(bare) == ["Stories"] + headings[2:2 + len(seed_stories)]


def test_text_helpers() -> None:
    wire = ("The U.S. Agriculture Department said on Thursday it would\nextend the programme by a year, "
            "officials\nsaid.\n    A second paragraph, indented as on the wire,\nstarts here.")
    assert list(paragraphs(wire)) == [
        "The U.S. Agriculture Department said on Thursday it would extend the programme by a year, officials said.",
        "A second paragraph, indented as on the wire, starts here.",
    ]
    assert list(paragraphs("Headline\nGo Deeper.\nA whole paragraph on one line.")) == [
        "Headline", "Go Deeper.", "A whole paragraph on one line."]
    assert list(paragraphs("one\r\n\r\ntwo\x0cthree")) == ["one", "two", "three"]
    assert clean("a \ufffe b\x00\x0bc\x0c d\ud800") == "a b c d\ufffd"
    assert [display_date(d) for d in ("2020-03-12", "2020-03", "2020", None, "soon")] == [
        "12 March 2020", "March 2020", "2020", "", "soon"]


# -- template ----------------------------------------------------------------------------------

def test_house_template_has_every_style_and_is_a4() -> None:
    path = default_template_path()
    assert check_template(path) == []
    section = docx.Document(str(path)).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_committed_template_is_what_the_script_builds(tmp_path: Path) -> None:
    script = default_template_path().parent / "make_briefing_template.py"
    subprocess.run([sys.executable, str(script), str(tmp_path / "t.docx")], check=True, timeout=60,
                   capture_output=True)
    with zipfile.ZipFile(tmp_path / "t.docx") as fresh, zipfile.ZipFile(default_template_path()) as committed:
        for part in ("word/styles.xml", "word/document.xml", "word/settings.xml"):
            assert fresh.read(part) == committed.read(part), f"{part}: run {script.name} and commit the result"


def test_a_template_missing_styles_is_refused_naming_them(tmp_path: Path, seed_stories: list[BriefingStory]) -> None:
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))  # python-docx's own template: none of the house styles
    missing = check_template(plain)
    assert {"Briefing Table", "Source Entry", "Handling", "Table Heading"} <= set(missing)
    assert "Heading 1" not in missing and "Hyperlink" not in missing  # Word's own styles are borrowed
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError) as info:
        write_briefing(make_briefing(seed_stories), out, template=plain)
    for name in missing:
        assert name in str(info.value)
    assert not out.exists()
    junk = tmp_path / "junk.docx"
    junk.write_text("not a zip")
    with pytest.raises(TemplateError, match="not a Word document"):
        check_template(junk)


def test_a_desk_template_from_word_works(tmp_path: Path, seed_stories: list[BriefingStory]) -> None:
    """Made in a German Word: localised style ids, and the built-in styles it never used
    (Hyperlink, TOC 1, TOC 2) absent from the file. Its own look is kept."""
    desk = docx.Document(str(default_template_path()))
    styles = desk.styles.element
    for el in list(styles.iterchildren(qn("w:style"))):
        sid = el.get(qn("w:styleId"))
        if sid in ("Hyperlink", "TOC1", "TOC2"):
            styles.remove(el)
        elif sid == "Heading1":
            el.set(qn("w:styleId"), "berschrift1")
    desk.styles["Handling"].font.size = docx.shared.Pt(14)
    path = tmp_path / "desk.docx"
    desk.save(str(path))
    assert check_template(path) == []

    out = write_briefing(make_briefing(seed_stories), tmp_path / "out.docx", template=path)
    document = docx.Document(str(out))
    h1 = [p for p in document.paragraphs if p._p.pPr.pStyle.val == "berschrift1"]
    assert [p.text for p in h1][:2] == ["Executive summary", "Stories"]
    assert document.styles["Handling"].font.size == docx.shared.Pt(14)
    assert {"Hyperlink", "toc 1", "toc 2"} <= {s.name for s in document.styles}
    linked = [r for h in document.element.body.iter(W_HYPERLINK) for r in h.iter(qn("w:rStyle"))]
    assert linked and all(document.styles.element.get_by_id(r.get(qn("w:val"))) is not None for r in linked)


# -- structure ---------------------------------------------------------------------------------

def test_seed_briefing_structure(tmp_path: Path, seed_stories: list[BriefingStory]) -> None:
    briefing = make_briefing(seed_stories)
    out = write_briefing(briefing, tmp_path / "briefing.docx")
    all_xml_parts_parse(out)
    document = docx.Document(str(out))
    body = document.element.body

    # headings: exactly the outline, one Heading 2 per story, in order
    headings = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert headings == outline(briefing)
    assert [p.text for p in paragraphs_by_style(document, "Heading 2")] == [
        clean(s.headline) or f"Untitled story (archive #{s.article_id})" for s in seed_stories
    ]
    assert paragraphs_by_style(document, "Title")[0].text == briefing.title
    assert paragraphs_by_style(document, "Handling")[0].text == "Internal - not for publication"
    assert len(paragraphs_by_style(document, "Quote")) == 3

    # contents: a TOC field Word refreshes on open, cached with every heading
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC ") for i in instructions)
    assert [p.text for p in paragraphs_by_style(document, "toc 1") + paragraphs_by_style(document, "toc 2")]
    update = document.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"

    # every story section cites its numbered source, and that source entry exists
    sources = paragraphs_by_style(document, "Source Entry")
    assert len(sources) == len(seed_stories)
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    citations = paragraphs_by_style(document, "Source Citation")
    assert len(citations) == len(seed_stories)
    for n, (citation, source) in enumerate(zip(citations, sources), start=1):
        links = citation._p.findall(W_HYPERLINK)
        assert [link.get(qn("w:anchor")) for link in links] == [f"_BriefingSource{n}"]
        assert f"_BriefingSource{n}" in bookmarks
        assert source.text.startswith(f"[{n}]") and f"Archive #{seed_stories[n - 1].article_id}." in source.text

    # a working external hyperlink to the one known URL
    external = [h for h in body.iter(W_HYPERLINK) if h.get(qn("r:id"))]
    assert len(external) == 1
    rel = document.part.rels[external[0].get(qn("r:id"))]
    assert rel.reltype == RT.HYPERLINK and rel.is_external and rel.target_ref == VOA_URL

    # tables: timeline, entities, links; each with a repeating header row
    assert len(document.tables) == 3
    timeline, entities, links = document.tables
    assert [c.text for c in timeline.rows[0].cells] == ["Date", "Outlet", "Headline", "Source"]
    assert len(timeline.rows) == 1 + len(seed_stories)
    dates = [r.cells[0].text for r in timeline.rows[1:]]
    assert dates[0] == "12 March 2020"  # oldest first
    for table in document.tables:
        assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    counts = {r.cells[0].text: int(r.cells[2].text) for r in entities.rows[1:]}
    assert counts["Mark Esper"] == 2 and counts["Kataib Hezbollah"] == 4
    assert len(links.rows) == 2 and links.rows[1].cells[1].text == "Same event"

    # header: title and handling; footer: Page X of Y
    section = document.sections[0]
    assert briefing.title in section.header.paragraphs[0].text
    assert "INTERNAL - NOT FOR PUBLICATION" in section.header.paragraphs[0].text
    footer_fields = [t.text.strip() for t in section.footer._element.iter(qn("w:instrText"))]
    assert footer_fields == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text.startswith("Page ")

    props = document.core_properties
    assert props.title == briefing.title and props.author == "Desk Producer"
    assert props.subject.startswith("Briefing on 5 stories")
    assert "python-docx" not in (props.comments + props.author + props.last_modified_by)


def test_lead_or_full_text_and_sources_inline(tmp_path: Path, seed_stories: list[BriefingStory]) -> None:
    lead_only = docx.Document(str(write_briefing(make_briefing(seed_stories), tmp_path / "lead.docx")))
    full = docx.Document(str(write_briefing(make_briefing(seed_stories, full_text=True), tmp_path / "full.docx")))
    assert len(paragraphs_by_style(full, "Normal")) > 3 * len(paragraphs_by_style(lead_only, "Normal"))

    no_sources = make_briefing(seed_stories, sources=False, include_quotes=False, include_entities=False)
    document = docx.Document(str(write_briefing(no_sources, tmp_path / "inline.docx")))
    assert "Sources" not in [p.text for p in paragraphs_by_style(document, "Heading 1")]
    assert paragraphs_by_style(document, "Quote") == paragraphs_by_style(document, "Story Entities") == []
    citations = [p.text for p in paragraphs_by_style(document, "Source Citation")]
    assert all(f"Archive #{s.article_id}." in c for c, s in zip(citations, seed_stories))
    assert VOA_URL in citations[1]  # spelled out, and still a working link
    assert any(h.get(qn("r:id")) for h in document.element.body.iter(W_HYPERLINK))


def test_right_to_left_paragraphs(tmp_path: Path) -> None:
    story = BriefingStory(9, "الولايات المتحدة تقصف مواقع كتائب حزب الله", outlet="Al Jazeera", language="ar",
                          full_text=f"{ARABIC}\n\nAn English paragraph in the same story.\n\n2020",
                          quotes=[QuoteRef("لن نتسامح مع أي هجوم", "مسؤول عسكري")])
    out = write_briefing(Briefing("RTL", stories=[story], options=BriefingOptions(full_text=True)),
                         tmp_path / "rtl.docx")
    document = docx.Document(str(out))

    def bidi(p: docx.text.paragraph.Paragraph) -> bool:
        return p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None

    by_text = {p.text: p for p in document.paragraphs}
    for text in (ARABIC, story.headline, "\u00abلن نتسامح مع أي هجوم\u00bb"):
        p = by_text[text]
        assert bidi(p)
        assert all(r._r.rPr is not None and r._r.rPr.find(qn("w:rtl")) is not None for r in p.runs)
    assert not bidi(by_text["An English paragraph in the same story."])
    assert bidi(by_text["2020"])  # no strong character: the story's language decides


# -- hostile input, size, atomicity --------------------------------------------------------------

def hostile_briefing() -> Briefing:
    story = BriefingStory(
        1, f"Head{HOSTILE}", outlet=HOSTILE, byline=[HOSTILE, "A\x00B"], date="2020-03-12",
        url="https://example.org/a path/\u00e9?q=\x00x", dateline=HOSTILE, lead=HOSTILE,
        full_text=f"{HOSTILE}\n\n{ARABIC}\x0b{HOSTILE}\x0c\n\nend", language="en",
        entities=[EntityRef(HOSTILE, "person"), EntityRef("x", "not-a-kind")],
        quotes=[QuoteRef(HOSTILE, HOSTILE, HOSTILE)],
    )
    return Briefing(
        title=f"Title{HOSTILE}", author=HOSTILE, handling=HOSTILE, summary=HOSTILE,
        stories=[story, BriefingStory(2, "", url="javascript:alert(1)")],
        options=BriefingOptions(full_text=True), links=[StoryLink(1, 2, HOSTILE, HOSTILE)],
    )


def test_hostile_text_makes_a_valid_document(tmp_path: Path) -> None:
    out = write_briefing(hostile_briefing(), tmp_path / "hostile.docx")
    all_xml_parts_parse(out)
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "lone \ufffd surrogates" in text and "\x00" not in text and "\x0b" not in text
    targets = [r.target_ref for r in document.part.rels.values() if r.reltype == RT.HYPERLINK]
    assert targets == ["https://example.org/a%20path/%C3%A9?q=x"]  # javascript: is never linked


def big_briefing(stories: int = 200, big_story_bytes: int = 1_000_000) -> Briefing:
    para = ("Militia fighters fired rockets at the base overnight, officials said, and the coalition "
            "answered with strikes on weapons depots near the river. ")
    big = "\n\n".join([para * 5] * (big_story_bytes // (len(para) * 5) + 1))
    items = [
        BriefingStory(i, f"Story {i}: strikes near the river", outlet="Reuters", date=f"2020-{i % 12 + 1:02d}-01",
                      lead=para, full_text=para * 4, entities=[EntityRef(f"Commander {i % 23}", "person")])
        for i in range(1, stories + 1)
    ]
    items[0].full_text = big
    return Briefing("A long briefing", summary=para, stories=items, options=BriefingOptions(full_text=True))


def test_a_megabyte_story_and_200_stories(tmp_path: Path) -> None:
    out = write_briefing(big_briefing(), tmp_path / "big.docx")
    document = docx.Document(str(out))
    assert len(paragraphs_by_style(document, "Heading 2")) == 200
    assert len(paragraphs_by_style(document, "Source Entry")) == 200
    assert sum(len(p.text) for p in paragraphs_by_style(document, "Normal")) > 1_000_000


def test_cancel_leaves_no_file_and_keeps_the_old_one(tmp_path: Path, seed_stories: list[BriefingStory]) -> None:
    out = tmp_path / "briefing.docx"
    out.write_bytes(b"earlier export")
    stop = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 3:
            stop.set()

    with pytest.raises(BriefingCancelled):
        write_briefing(make_briefing(seed_stories), out, progress=progress, cancel=stop)
    assert out.read_bytes() == b"earlier export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.docx"]
    with pytest.raises(BriefingCancelled):
        write_briefing(make_briefing(seed_stories), tmp_path / "other.docx", cancel=lambda: True)
    assert not (tmp_path / "other.docx").exists()

    seen.clear()
    write_briefing(make_briefing(seed_stories), out, progress=lambda d, t: seen.append((d, t)))
    total = len(seed_stories) + 2
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert out.read_bytes()[:2] == b"PK"


def test_a_failed_save_leaves_no_half_file(tmp_path: Path, seed_stories: list[BriefingStory],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from docx.document import Document

    def broken_save(self: Document, stream: object) -> None:
        stream.write(b"PK half")  # type: ignore[attr-defined]
        raise OSError("disk full")

    monkeypatch.setattr(Document, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        write_briefing(make_briefing(seed_stories), tmp_path / "b.docx")
    assert list(tmp_path.iterdir()) == []


# -- LibreOffice -------------------------------------------------------------------------------

def test_libreoffice_converts_the_seed_briefing(tmp_path: Path, seed_stories: list[BriefingStory],
                                                libreoffice: Callable[[Path], Path]) -> None:
    briefing = make_briefing(seed_stories, full_text=True)
    briefing.stories.append(BriefingStory(99, "الولايات المتحدة تقصف مواقع كتائب حزب الله", outlet="Al Jazeera",
                                          date="2020-03-13", lead=ARABIC, language="ar"))
    pdf = libreoffice(write_briefing(briefing, tmp_path / "seeds.docx"))
    text = pdf_text(pdf)
    if text is not None:
        assert "Page 1 of" in text
        assert "Executive summary" in text and "Sources" in text
        assert "INTERNAL - NOT FOR PUBLICATION" in text


def test_libreoffice_converts_hostile_text(tmp_path: Path, libreoffice: Callable[[Path], Path]) -> None:
    libreoffice(write_briefing(hostile_briefing(), tmp_path / "hostile.docx"))


@pytest.mark.slow
def test_libreoffice_converts_a_huge_briefing(tmp_path: Path, libreoffice: Callable[[Path], Path]) -> None:
    pdf = libreoffice(write_briefing(big_briefing(), tmp_path / "big.docx"))
    text = pdf_text(pdf)
    if text is not None:
        assert "Story 200: strikes near the river" in text
