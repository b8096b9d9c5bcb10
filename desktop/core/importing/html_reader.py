"""Saved web pages: the article without the page around it, and what the page says about itself.

A saved news page is mostly navigation, adverts, related links and footers; trafilatura is
good at finding the article in it, so its output is marked ``cleaned``. Metadata is taken only
from what the page states outright (JSON-LD, OpenGraph and ``<meta>`` tags, ``<link
rel=canonical>``, ``<html lang>``); trafilatura's own metadata guessing is not used, because it
infers dates and authors from the text and we never invent. Pages are untrusted: documents that
declare XML entities are refused before any parser sees them, and no parser may fetch anything.

The name and date helpers at the bottom are shared with the Word, PDF and e-mail readers.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from .decode import clean_text, decode_text
from .limits import DEFAULT_LIMITS, Budget, Limits, OverLimit, text_too_long, too_deep
from .types import Extracted, PartialDate, Rejected

__all__ = ["read_html", "extract_html_text", "split_names", "plausible_date", "date_from_text"]

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECL_RE = re.compile(r"""^\s*<\?xml[^>]*\?>""")
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_ENTITY_RE = re.compile(r"<!ENTITY", re.I)
#: Labels that browsers (WHATWG) read as another encoding; pages rely on that mapping.
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                  "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254",
                  "gb2312": "gbk", "euc-kr": "cp949", "tis-620": "cp874"}
#: Elements whose text a reader never sees as article (used by the fallback extraction).
_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template",
              "svg", "iframe", "object", "button", "select", "canvas", "menu", "head"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4",
               "h5", "h6", "blockquote", "pre", "table", "tr", "dl", "dt", "dd", "figure",
               "figcaption", "address", "hr", "td", "th"}
_LAYOUT_MARKERS = {"p", "div", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
                   "blockquote", "article", "section"}
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
                  "liveblogposting", "report", "scholarlyarticle"}
_DATE_KEYS = ("article:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
              "dc.date.issued", "dcterms.issued", "dc.date", "parsely-pub-date", "sailthru.date",
              "og:published_time")
_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                "byl")
#: Values software writes when nobody typed a name; never a byline.
_PLACEHOLDER_NAMES = {"admin", "administrator", "author", "user", "owner", "unknown", "anonymous",
                      "python-docx", "microsoft office user", "windows user", "microsoft",
                      "default", "guest", "editor", "none", "null", "n/a"}
_WS_RE = re.compile(r"\s+")
_TAG_RE = re.compile(r"<(/)?([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/)?>")
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
              "source", "track", "wbr", "keygen", "command", "basefont", "frame", "isindex"}


def read_html(data: bytes, *, name: str, limits: Limits) -> Extracted:
    budget = Budget.of(limits)
    # Not limited to max_text_chars: a saved page is mostly markup, scripts and inline images
    # (several MB for one article); the file size limit bounds it, the article text is checked below.
    decoded = decode_text(data, declared=_declared_charset(data))
    markup = _XML_DECL_RE.sub("", decoded.text, count=1)
    _refuse_entities(markup)
    warnings = list(decoded.warnings)
    if decoded.encoding not in ("utf-8", "ascii"):
        warnings.append(f"read as {decoded.encoding}")
    tree = _parse(markup, limits)
    if tree is not None:
        _check_shape(tree, limits, budget)
    text, cleaned = _article_text(tree, budget) if tree is not None else ("", False)
    if not text.strip():
        raise Rejected("no article text found in the HTML page")
    if len(text) > limits.max_text_chars:
        raise text_too_long(len(text), limits)
    extracted = Extracted(text=text, format="html", cleaned=cleaned, warnings=warnings,
                          encoding=decoded.encoding)
    if not cleaned:
        warnings.append("article not recognised; kept all visible text of the page")
    _fill_metadata(extracted, tree)
    return extracted


def extract_html_text(markup: str, limits: Limits = DEFAULT_LIMITS) -> tuple[str, bool]:
    """Article text of an HTML document (already decoded), paragraphs separated by blank lines.

    Returns ``(text, cleaned)``: ``cleaned`` is True when trafilatura found the article, False
    when the visible text of ``<body>`` was used instead; ``text`` is empty when neither found
    anything. Raises :class:`Rejected` for markup that declares XML entities or is nested
    deeper, or has more elements, than ``limits`` allow.
    """
    markup = _XML_DECL_RE.sub("", markup, count=1)
    _refuse_entities(markup)
    tree = _parse(markup, limits)
    if tree is None:
        return "", False
    budget = Budget.of(limits)
    _check_shape(tree, limits, budget)
    return _article_text(tree, budget)


def _refuse_entities(markup: str) -> None:
    """Billion laughs and external entities live in DOCTYPE entity declarations; no page needs
    them, so refuse before any parser sees the document."""
    if _ENTITY_RE.search(markup):
        raise Rejected("HTML declares XML entities (possible entity expansion attack); refused")


def _check_shape(tree: Any, limits: Limits, budget: Budget) -> None:
    """Refuse a page nested deeper or holding more elements than the limits, in one pass."""
    from lxml import etree

    depth = deepest = elements = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            depth += 1
            elements += 1
            deepest = max(deepest, depth)
            budget.check("reading the HTML page")
        else:
            depth -= 1
    if deepest > limits.max_nesting_depth:
        raise too_deep(deepest, limits, "HTML page")
    if elements > limits.max_elements:
        raise OverLimit(f"HTML page too complex ({elements:,} elements; "
                        f"the limit is {limits.max_elements:,})")


def _markup_depth(markup: str) -> int:
    """How deep the tags of ``markup`` nest, by counting them (for a page libxml2 gave up on)."""
    depth = deepest = 0
    for match in _TAG_RE.finditer(markup):
        closing, tag, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and tag not in _VOID_TAGS:
            depth += 1
            if depth > deepest:
                deepest = depth
    return deepest


def _article_text(tree: Any, budget: Budget | None = None) -> tuple[str, bool]:
    import copy
    import logging

    import trafilatura
    from trafilatura.xml import xmltotxt

    budget = budget or Budget.of(DEFAULT_LIMITS)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    work = copy.deepcopy(tree)  # trafilatura prunes the tree it is given
    _unwrap_layout_tables(work, budget)
    budget.check_now("reading the HTML page")
    try:
        document = trafilatura.bare_extraction(
            work, favor_precision=True, include_comments=False, include_tables=True,
            with_metadata=False, deduplicate=False)
    except Exception:  # trafilatura is a heuristic; a crash in it must not lose the page
        document = None
    body = document.get("body") if isinstance(document, dict) else getattr(document, "body", None)
    if body is not None:
        blocks = [xmltotxt(child, False).strip() for child in body]
        text = clean_text("\n\n".join(b for b in blocks if b))
        if text.strip():
            return text, True
    budget.check_now("reading the HTML page")
    return clean_text(_visible_text(tree)), False


def _unwrap_layout_tables(tree: Any, budget: Budget) -> None:
    """Turn tables used for page layout (old news sites, every HTML e-mail) into plain blocks,
    so their paragraphs are not flattened into one ``| cell |`` row; data tables stay."""
    for table in list(tree.iter("table")):
        budget.check("reading the HTML page's tables")
        rows = [r for r in table.iter("tr") if _owner_table(r) is table]
        cells = [c for r in rows for c in r if c.tag in ("td", "th")]
        blocky = any(d.tag in _LAYOUT_MARKERS for c in cells for d in c.iterdescendants())
        if len(cells) <= 1 or blocky:
            for element in [table, *rows, *cells,
                            *(s for s in table if s.tag in ("tbody", "thead", "tfoot"))]:
                element.tag = "div"


def _owner_table(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = _XML_ENCODING_RE.match(head) or _META_CHARSET_RE.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").strip().lower()
    if label.startswith("utf-16"):  # a page that says so in ASCII is not UTF-16 (WHATWG)
        return None
    return _LABEL_ALIASES.get(label, label)


def _parse(markup: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    from lxml import etree, html

    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                             collect_ids=False, default_doctype=False)
    try:
        tree = html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        tree = None
    if any("excessive depth" in error.message.lower() for error in parser.error_log):
        # libxml2 stops building the tree at 256 levels and drops the rest of the page.
        raise too_deep(max(_markup_depth(markup), 256), limits, "HTML page")
    return tree


def _visible_text(tree: Any) -> str:
    from lxml import etree

    body = tree.find("body")
    if body is None:
        body = tree
    parts: list[str] = []
    walker = etree.iterwalk(body, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _SKIP_TAGS or element.get("hidden") is not None:
                walker.skip_subtree()
                continue
            parts.append("\n\n" if tag in _BLOCK_TAGS else "\n" if tag == "br" else "")
            if element.text and tag:
                parts.append(_WS_RE.sub(" ", element.text))
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n\n")
            if element.tail and element is not body:
                parts.append(_WS_RE.sub(" ", element.tail))
    paragraphs = ("\n".join(line.strip() for line in block.split("\n") if line.strip())
                  for block in "".join(parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _fill_metadata(extracted: Extracted, tree: Any) -> None:
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "")
        if element.get("http-equiv"):
            key = "http-equiv:" + element.get("http-equiv")
        content = _WS_RE.sub(" ", element.get("content") or "").strip()
        if key and content:
            meta.setdefault(key.strip().lower(), content)
    article = _json_ld_article(tree)

    extracted.outlet = (_ld_text(article.get("publisher"), ("name",)) or meta.get("og:site_name")
                        or meta.get("publisher") or meta.get("dc.publisher"))
    title_element = tree.find(".//title")
    page_title = _WS_RE.sub(" ", title_element.text_content()).strip() if title_element is not None else ""
    if extracted.outlet and page_title:
        page_title = re.sub(rf"\s*[|\-–—:]\s*{re.escape(extracted.outlet)}\s*$", "", page_title)
    extracted.title = (_ld_text(article.get("headline")) or meta.get("og:title")
                       or meta.get("twitter:title") or meta.get("dc.title") or page_title or None)

    authors = _ld_authors(article.get("author"))
    for key in _AUTHOR_KEYS:
        if authors:
            break
        if key in meta and not meta[key].startswith(("http://", "https://")):
            authors = split_names(meta[key])
    extracted.authors = authors

    for value in [_ld_text(article.get("datePublished"))] + [meta.get(k) for k in _DATE_KEYS]:
        extracted.date = date_from_text(value) if value else None
        if extracted.date:
            break
    if extracted.date is None:
        time_element = next(iter(tree.xpath("//time[@itemprop='datePublished'][@datetime]")), None)
        if time_element is not None:
            extracted.date = date_from_text(time_element.get("datetime"))

    canonical = next(iter(tree.xpath("//link[@rel='canonical']/@href")), None)
    for url in (canonical, meta.get("og:url"), _ld_text(article.get("url"))):
        if url and re.match(r"https?://[^\s/]+", url.strip()):
            extracted.url = url.strip()
            break

    language = (tree.get("lang") or tree.get("xml:lang")
                or meta.get("http-equiv:content-language") or _ld_text(article.get("inLanguage"))
                or meta.get("og:locale") or "")
    match = re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|\s*$)", language)
    extracted.language = match.group(1).lower() if match else None


def _json_ld_article(tree: Any) -> dict[str, Any]:
    """The first schema.org Article-like object stated in the page's JSON-LD, or ``{}``."""
    candidates: list[dict[str, Any]] = []
    for script in tree.xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]"):
        raw = (script.text or "").strip()
        raw = raw.removeprefix("<!--").removesuffix("-->").strip()
        raw = raw.removeprefix("<![CDATA[").removesuffix("]]>").strip()
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(candidates) < 200:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                candidates.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    for item in candidates:
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
            return item
    return next((item for item in candidates if "headline" in item), {})


def _ld_text(value: Any, keys: tuple[str, ...] = ("@id", "name")) -> str | None:
    """A JSON-LD value as text: the first of a list, an object's ``@id`` / ``name``."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = next((value[k] for k in keys if isinstance(value.get(k), str)), None)
    if isinstance(value, str) and value.strip():
        return _WS_RE.sub(" ", value).strip()
    return None


def _ld_authors(value: Any) -> list[str]:
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            types = item.get("@type")
            if "organization" in str(types).lower():
                continue  # "Reuters" as author is the outlet, not a byline
            item = item.get("name")
        if isinstance(item, str):
            names.extend(n for n in split_names(item) if n not in names)
    return names


def split_names(value: str) -> list[str]:
    """``"By Jane Doe and John Smith"`` -> two names; ``"Smith, John"`` stays one name.

    Splits on ``;`` always, and on ``,``, `` and `` and ``&`` only when every piece has at least
    two words, so "Last, First" is not cut in two. Drops URLs, e-mail addresses and the
    placeholder names that software writes (``python-docx``, ``Microsoft Office User``).
    """
    names: list[str] = []
    for chunk in re.split(r"[;\n|]", value):
        chunk = re.sub(r"^\s*by[:\s]+", "", _WS_RE.sub(" ", chunk).strip(), flags=re.I)
        pieces = [p.strip() for p in re.split(r",|\s+and\s+|\s*&\s*", chunk) if p.strip()]
        if len(pieces) < 2 or any(len(p.split()) < 2 for p in pieces):
            pieces = [chunk]
        for piece in pieces:
            piece = piece.strip(" .,")
            if (not piece or len(piece) > 80 or "@" in piece or "://" in piece
                    or piece.lower() in _PLACEHOLDER_NAMES
                    or piece.lower() in (n.lower() for n in names)):
                continue
            names.append(piece)
    return names


def plausible_date(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    """A :class:`PartialDate` for a stated date, or None when it cannot be a publication date."""
    if not 1900 <= year <= datetime.date.today().year + 1:
        return None
    try:
        return PartialDate(year, month, day if month else None)
    except ValueError:
        return None


def date_from_text(value: str | None) -> PartialDate | None:
    """``2024-03-12T08:30:00Z``, ``2024/03/12``, ``20240312``, ``2024-03`` -> PartialDate."""
    match = re.match(r"\s*(\d{4})(?:[-/.]?(\d{2})(?:[-/.]?(\d{2}))?)?(?![\d])", value or "")
    if not match:
        return None
    year, month, day = match.groups()
    return plausible_date(int(year), int(month) if month else None, int(day) if day else None)
