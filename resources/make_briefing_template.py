"""Build ``resources/briefing-template.docx``, the house template for Word briefings.

    python resources/make_briefing_template.py [OUT.docx]

Why a script and not a file edited in Word: the styles are reviewable in a diff, and rebuilding
gives byte-for-byte the same styles on any machine. It starts from python-docx's own template
(which already defines Word's built-in styles and latent styles) and replaces every style the
exporter uses with an explicit definition: named fonts instead of theme fonts (so LibreOffice and
Word agree), A4 page, margins a producer would choose, and a table style with a header row.

Fonts: Cambria for headings, Calibri for text, both on every Windows and Mac Word; LibreOffice
substitutes the metric-compatible Caladea and Carlito, so lines and pages break the same way.
Complex-script text (Arabic) uses Arial, which carries Arabic on Windows and Mac.

A desk may supply its own template; it must define the styles listed in
``desktop/core/briefing/template.py`` (``REQUIRED_STYLES``). Opening this file in Word shows a
specimen of each.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips

OUT = Path(__file__).resolve().parent / "briefing-template.docx"

HEAD_FONT = "Cambria"
TEXT_FONT = "Calibri"
CS_FONT = "Arial"
INK = "262626"
NAVY = "1B2A41"
BLUE = "1F4E79"
GREY = "595959"
RULE = "BFC7D1"
RED = "A4161A"
LINK = "0B5CAD"
TINT = "EEF2F7"

#: A4 in twentieths of a point; margins 2.2 cm left and right, 2.4 cm top, 2.2 cm bottom.
PAGE_W, PAGE_H = 11906, 16838
MARGIN_LR, MARGIN_TOP, MARGIN_BOTTOM = 1247, 1361, 1247
TEXT_W = PAGE_W - 2 * MARGIN_LR


def fonts(face: str) -> str:
    return f'<w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}" w:cs="{CS_FONT}"/>'


def size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def style_xml(
    kind: str, sid: str, name: str, *, based: str | None = None, nxt: str | None = None,
    ppr: str = "", rpr: str = "", extra: str = "", priority: int = 10, default: bool = False,
    qformat: bool = True,
) -> str:
    attrs = f'w:type="{kind}" w:styleId="{sid}"' + (' w:default="1"' if default else "")
    parts = [f'<w:style {nsdecls("w")} {attrs}><w:name w:val="{name}"/>']
    if based:
        parts.append(f'<w:basedOn w:val="{based}"/>')
    if nxt:
        parts.append(f'<w:next w:val="{nxt}"/>')
    parts.append(f'<w:uiPriority w:val="{priority}"/>')
    if qformat:
        parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append(extra)
    parts.append("</w:style>")
    return "".join(parts)


def paragraph_styles() -> list[str]:
    keep = "<w:keepNext/><w:keepLines/>"
    right_tab_dots = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_W}"/></w:tabs>'
    return [
        style_xml("paragraph", "Normal", "Normal", default=True, priority=0,
                  ppr='<w:widowControl/><w:spacing w:after="140" w:line="276" w:lineRule="auto"/>',
                  rpr=fonts(TEXT_FONT) + f'<w:color w:val="{INK}"/>' + size(21)),
        style_xml("paragraph", "Title", "Title", based="Normal", nxt="Subtitle",
                  ppr=keep + '<w:spacing w:before="0" w:after="80" w:line="240" w:lineRule="auto"/>',
                  rpr=fonts(HEAD_FONT) + f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:kern w:val="28"/>' + size(52)),
        style_xml("paragraph", "Subtitle", "Subtitle", based="Normal", nxt="Normal",
                  ppr=keep + '<w:spacing w:after="60"/>',
                  rpr=f'<w:color w:val="{GREY}"/>' + size(24)),
        style_xml("paragraph", "Handling", "Handling", based="Normal", nxt="Normal",
                  ppr=(f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="6" w:color="{NAVY}"/></w:pBdr>'
                       '<w:spacing w:before="120" w:after="360"/>'),
                  rpr=f'<w:b/><w:bCs/><w:caps/><w:color w:val="{RED}"/><w:spacing w:val="10"/>' + size(18)),
        style_xml("paragraph", "Heading1", "heading 1", based="Normal", nxt="Normal", priority=9,
                  ppr=(keep + f'<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="3" w:color="{RULE}"/></w:pBdr>'
                       '<w:spacing w:before="480" w:after="160" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="0"/>'),
                  rpr=fonts(HEAD_FONT) + f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/>' + size(34)),
        style_xml("paragraph", "Heading2", "heading 2", based="Normal", nxt="Normal", priority=9,
                  ppr=keep + '<w:spacing w:before="360" w:after="60" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="1"/>',
                  rpr=fonts(HEAD_FONT) + f'<w:b/><w:bCs/><w:color w:val="{BLUE}"/>' + size(27)),
        style_xml("paragraph", "Heading3", "heading 3", based="Normal", nxt="Normal", priority=9,
                  ppr=keep + '<w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/>',
                  rpr=f'<w:b/><w:bCs/><w:caps/><w:color w:val="{GREY}"/><w:spacing w:val="6"/>' + size(17)),
        style_xml("paragraph", "ExecutiveSummary", "Executive Summary", based="Normal", nxt="ExecutiveSummary",
                  ppr=(f'<w:pBdr><w:top w:val="single" w:sz="4" w:space="8" w:color="{TINT}"/>'
                       f'<w:left w:val="single" w:sz="24" w:space="10" w:color="{BLUE}"/>'
                       f'<w:bottom w:val="single" w:sz="4" w:space="8" w:color="{TINT}"/>'
                       f'<w:right w:val="single" w:sz="4" w:space="8" w:color="{TINT}"/></w:pBdr>'
                       f'<w:shd w:val="clear" w:color="auto" w:fill="{TINT}"/>'
                       '<w:spacing w:after="120" w:line="288" w:lineRule="auto"/><w:ind w:left="227" w:right="170"/>'),
                  rpr=size(22)),
        style_xml("paragraph", "StoryMeta", "Story Meta", based="Normal", nxt="Normal",
                  ppr=keep + '<w:spacing w:after="160"/>',
                  rpr=f'<w:color w:val="{GREY}"/>' + size(18)),
        style_xml("paragraph", "StoryEntities", "Story Entities", based="Normal", nxt="Normal",
                  ppr='<w:spacing w:before="60" w:after="60"/>',
                  rpr=f'<w:color w:val="{GREY}"/>' + size(18)),
        style_xml("paragraph", "Quote", "Quote", based="Normal", nxt="QuoteAttribution", priority=29,
                  ppr=(keep + f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{RED}"/></w:pBdr>'
                       '<w:spacing w:before="120" w:after="20"/><w:ind w:left="397" w:right="397"/>'),
                  rpr=fonts(HEAD_FONT) + f'<w:i/><w:color w:val="{INK}"/>' + size(22)),  # no iCs: Arabic is not slanted
        style_xml("paragraph", "QuoteAttribution", "Quote Attribution", based="Normal", nxt="Normal",
                  ppr=f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{RED}"/></w:pBdr>'
                      '<w:spacing w:after="120"/><w:ind w:left="397" w:right="397"/>',
                  rpr=f'<w:color w:val="{GREY}"/>' + size(18)),
        style_xml("paragraph", "SourceCitation", "Source Citation", based="Normal", nxt="Normal",
                  ppr='<w:spacing w:before="120" w:after="120"/>',
                  rpr=f'<w:color w:val="{GREY}"/>' + size(17)),
        style_xml("paragraph", "SourceEntry", "Source Entry", based="Normal", nxt="SourceEntry",
                  ppr='<w:keepLines/><w:spacing w:after="100" w:line="259" w:lineRule="auto"/><w:ind w:left="567" w:hanging="567"/>',
                  rpr=size(19)),
        style_xml("paragraph", "Caption", "caption", based="Normal", nxt="Normal", priority=35,
                  ppr=keep + '<w:spacing w:before="120" w:after="80"/>',
                  rpr=f'<w:b/><w:bCs/><w:color w:val="{GREY}"/>' + size(17)),
        style_xml("paragraph", "TableText", "Table Text", based="Normal", nxt="TableText",
                  ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
                  rpr=size(18)),
        style_xml("paragraph", "TableHeading", "Table Heading", based="TableText", nxt="TableText",
                  ppr="<w:keepNext/>",
                  rpr='<w:b/><w:bCs/><w:color w:val="FFFFFF"/>' + size(18)),
        style_xml("paragraph", "TOCHeading", "TOC Heading", based="Heading1", nxt="Normal", priority=39,
                  ppr='<w:pBdr/><w:spacing w:before="0" w:after="120"/><w:outlineLvl w:val="9"/>',
                  rpr=size(28)),
        style_xml("paragraph", "TOC1", "toc 1", based="Normal", nxt="Normal", priority=39, qformat=False,
                  ppr=right_tab_dots + '<w:spacing w:before="100" w:after="20"/>',
                  rpr=f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/>' + size(20)),
        style_xml("paragraph", "TOC2", "toc 2", based="Normal", nxt="Normal", priority=39, qformat=False,
                  ppr=right_tab_dots + '<w:spacing w:after="10"/><w:ind w:left="284"/>',
                  rpr=size(19)),
        style_xml("paragraph", "Header", "header", based="Normal", priority=99, qformat=False,
                  ppr=(f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{RULE}"/></w:pBdr>'
                       f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs><w:spacing w:after="0"/>'),
                  rpr=f'<w:color w:val="{GREY}"/>' + size(16)),
        style_xml("paragraph", "Footer", "footer", based="Normal", priority=99, qformat=False,
                  ppr='<w:spacing w:after="0"/><w:jc w:val="center"/>',
                  rpr=f'<w:color w:val="{GREY}"/>' + size(16)),
    ]


def other_styles() -> list[str]:
    border = f'w:val="single" w:sz="4" w:space="0" w:color="{RULE}"'
    table = style_xml(
        "table", "BriefingTable", "Briefing Table", based="TableNormal", priority=59, qformat=False,
        ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
        rpr=size(18),
        extra=(
            "<w:tblPr><w:tblStyleRowBandSize w:val=\"1\"/>"
            f'<w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="{NAVY}"/>'
            f"<w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"{NAVY}\"/>"
            f"<w:insideH {border}/></w:tblBorders>"
            '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{NAVY}"/></w:tcPr></w:tblStylePr>'
            f'<w:tblStylePr w:type="band2Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{TINT}"/>'
            "</w:tcPr></w:tblStylePr>"
        ),
    )
    hyperlink = style_xml(
        "character", "Hyperlink", "Hyperlink", based="DefaultParagraphFont", priority=99, qformat=False,
        rpr=f'<w:color w:val="{LINK}"/><w:u w:val="single"/>',
    )
    return [table, hyperlink]


def build(out: Path = OUT) -> Path:
    document = docx.Document()
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    new_defaults = parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>{fonts(TEXT_FONT)}{size(21)}'
        '<w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="140" w:line="276" w:lineRule="auto"/></w:pPr>'
        "</w:pPrDefault></w:docDefaults>"
    )
    defaults.addprevious(new_defaults)
    styles.remove(defaults)
    for xml in paragraph_styles() + other_styles():
        new = parse_xml(xml)
        sid = new.get(qn("w:styleId"))
        for old in styles.findall(qn("w:style")):
            if old.get(qn("w:styleId")) == sid:
                styles.remove(old)
        styles.append(new)

    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    section.left_margin = section.right_margin = Twips(MARGIN_LR)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.header_distance, section.footer_distance = Twips(624), Twips(567)

    settings = document.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # Word 2013+ layout, so Word does not open it in compatibility mode

    props = document.core_properties
    props.title = "Newsroom Archive briefing template"
    props.author = props.last_modified_by = "Newsroom Archive"
    props.comments = "House template for Word briefings. Replace its look, keep its style names."
    props.keywords = props.subject = props.category = ""
    props.revision = 1

    _specimen(document)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


def _specimen(document: docx.document.Document) -> None:
    """A page showing every style, so a desk editing the template sees what each one is for."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    add = document.add_paragraph
    add("Briefing title", "Title")
    add("Prepared by the desk, 1 January 2026 - 3 stories", "Subtitle")
    add("Internal - not for publication", "Handling")
    add("Contents", "TOC Heading")
    add("Executive summary\t1", "toc 1")
    add("A story headline\t2", "toc 2")
    add("Executive summary", "Heading 1")
    add("The summary the reporter typed, in a tinted panel.", "Executive Summary")
    add("Stories", "Heading 1")
    add("A story headline", "Heading 2")
    add("Outlet - By A. Reporter - 12 March 2020 - BAGHDAD - archive #12", "Story Meta")
    add("Body text of the lead or the full story, in Normal.", "Normal")
    add("Key quotations", "Heading 3")
    add("\u201cA quotation from the story.\u201d", "Quote")
    add("- Speaker, role", "Quote Attribution")
    add("Named: people, groups, places, weapons.", "Story Entities")
    add("Source: [1] Outlet, 12 March 2020, archive #12", "Source Citation")
    add("Table 1. Captions sit above tables", "Caption")
    table = document.add_table(rows=2, cols=3)
    table.style = document.styles["Briefing Table"]
    for i, text in enumerate(("Date", "Outlet", "Headline")):
        table.cell(0, i).paragraphs[0].text = text
        table.cell(0, i).paragraphs[0].style = document.styles["Table Heading"]
        table.cell(1, i).paragraphs[0].text = "cell"
        table.cell(1, i).paragraphs[0].style = document.styles["Table Text"]
    add("Sources", "Heading 1")
    entry = add("[1]\tOutlet. \u201cHeadline.\u201d A. Reporter, 12 March 2020. ", "Source Entry")
    entry.add_run("https://example.org/story").style = document.styles["Hyperlink"]


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
