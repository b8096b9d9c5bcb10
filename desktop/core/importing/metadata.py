"""From an extracted text to article metadata and a clean body, each field with its provenance.

Most files a newsroom keeps are scraped or pasted pages: a headline (or a photo caption) on top,
perhaps a byline and a date, the story, and the site's furniture around it. Formats with
structure (HTML, Word, e-mail) may state some fields; those hints are FOUND and win, and the
text heuristics below fill the gaps:

* **headline**: the first line of text that reads like a headline: short, not a sentence of
  prose, not a photo caption, byline or date. A caption on top means the file has no headline:
  it stays MISSING so the GUI asks a person, rather than titling the article with a caption.
  A site-name suffix ("... | Jordan Times") leaves the headline and counts as the outlet.
* **date**: only a date stated in the opening lines in a publication-date position counts
  (:func:`.dates.pick_publication_date`). A date inside a photo caption ("This photo released
  ... on Thursday, March 12, 2020, shows ...") is when the photo was taken or released, which
  can differ from the publication date, so it is not used: MISSING is honest, a wrong date
  would silently mis-sort the archive.
* **byline**, **outlet**, **dateline**, **language**: see :mod:`.byline`, :mod:`.outlets`,
  :mod:`.dates`, :mod:`.language`. **url**: a "Source: https://..." line, or a URL alone on a
  line at the top or the bottom (a link inside the story is a reference, not the article).
* **body**: the text without the headline (and its repeated copies), byline/date lines, site
  furniture (:mod:`.boilerplate`) and a trailing "Twitter: @handle"; hard-wrapped lines (wire
  copy, e-mail) are rejoined, and paragraphs are separated by one blank line.

Nothing is invented: a field with no evidence is None/empty with provenance MISSING.
"""

from __future__ import annotations

import re
from itertools import accumulate

from . import boilerplate
from .byline import byline_from_handle, names_from_credit, parse_byline, parse_loose_byline
from .credit import SOURCE_LINE_RE, credit_from_byline, find_credit
from .dates import DATE_LABEL_RE, find_dateline, is_date_line, opens_with_dateline, pick_publication_date
from .language import guess_language
from .outlets import detect_outlet, find_mentions, outlet_for_url, split_title_suffix
from .sitelines import SECTION_WORDS, SiteRules, clean_fields
from .types import ArticleFields, Extracted, Provenance

__all__ = ["extract_fields"]

FOUND, GUESSED, MISSING = Provenance.FOUND, Provenance.GUESSED, Provenance.MISSING

_WS_RE = re.compile(r"\s+")
#: A line ending in one of these words runs on into the next line.
_GLUE_WORDS = frozenset("a an the of in on at to by for from with and or but since until due than as".split())
_LABELLED_TITLE_RE = re.compile(r"(?i)^(?:title|headline)\s*:\s*(?P<title>\S.{1,250})$")
_CAPTION_RE = re.compile(
    r"(?i)^(?:(?:this|in\s+this|a|an|the)\s+)?(?:file\s+|handout\s+)?(?:photo|picture|image|photograph"
    r"|video\s+still|screenshot|screengrab)\b|\((?:AP|AFP|Reuters)?\s*photo\b|\bphoto\s*:|\[getty\]"
    r"|\(getty\b|\bREUTERS/|\bAP\s+Photo/|\bvia\s+getty\s+images\b"
)
_PROSE_BREAK_RE = re.compile(r"[a-z]{2}[.!?][\"”’']?\s+[A-Z]")
_PREFIX_TAIL_RE = re.compile(
    r"^\s*(?:(?:at\s+)?\d{1,2}[:.]?\d{2}\b(?:\s*(?:[ap]\.?m\.?|GMT|UTC))?"
    r"|\((?:last\s+)?updated?[^)]{0,60}\))*[\s,|:–—-]*"
)
_URL_LINE_RE = re.compile(
    r"(?i)^(?:(?:source|url|link|original(?:ly)?(?:\s+published)?(?:\s+(?:at|on|in))?|published\s+(?:at|on)"
    r"|read\s+(?:the\s+original|online|this\s+article)(?:\s+(?:at|on))?|permalink|article\s+url|web)"
    r"\s*[:\-–—]?\s*)?<?(?P<url>https?://[^\s<>\"']{4,2000}?)>?[.,;)]?$"
)
_TRAILING_HANDLE_RE = re.compile(r"\s*(?:Twitter|X)\s*:\s*@\w{1,30}\s*$")


def _norm(text: str) -> str:
    return _WS_RE.sub(" ", text.replace("’", "'").replace("‘", "'")).strip(" .:;,-–—\"'").lower()


class _Page:
    """The text split into lines, with what is known about each line."""

    def __init__(self, text: str, *, gentle: bool) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.starts = [0, *accumulate(len(line) + 1 for line in self.lines[:-1])]
        self.stripped = [line.strip() for line in self.lines]
        self.kinds = boilerplate.mark_boilerplate(self.stripped, gentle=gentle)
        self.content = [i for i, s in enumerate(self.stripped) if s and self.kinds[i] is None]
        self.removed: set[int] = set()
        self.edited: dict[int, str] = {}
        self.wrapped = _hard_wrapped(self, self.content)

    def kept(self) -> list[int]:
        return [i for i in self.content if i not in self.removed]

    def current(self, i: int) -> str:
        return self.edited.get(i, self.stripped[i])

    def lead(self, i: int) -> str:
        """The previous line, when line ``i`` may continue its sentence (hard-wrapped text).

        It does when the page is hard-wrapped, when the previous line ends mid-phrase ("in",
        "the", a comma), or when it ends without punctuation and line ``i`` ends a sentence
        itself ("... ended" / "Feb 28, 1987."). A line that is only a date and no sentence
        ("Fri 13 Mar 2020 02.56 GMT") after an unpunctuated standfirst stands on its own.
        """
        j = i - 1
        if j < 0 or not self.stripped[j] or self.kinds[j] is not None or j in self.removed:
            return ""
        previous, line = self.stripped[j], self.stripped[i]
        if not previous[-1].isalnum() and previous[-1] != ",":
            return ""
        if (
            self.wrapped
            or previous[-1] == ","
            or previous.rsplit(None, 1)[-1].lower() in _GLUE_WORDS
            or line[-1] in ".,;"
            or not is_date_line(line)
        ):
            return previous[-80:]
        return ""

    def next_is_blank(self, i: int) -> bool:
        return i + 1 >= len(self.lines) or not self.stripped[i + 1]


def _is_headline(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 35 or len(line) > 250 or _CAPTION_RE.search(line):
        return False
    if sum(1 for w in words if sum(c.isalpha() for c in w) >= 2) < 2:
        return False  # "11 / 28 / 05", "Page 2 of 3": no headline without words
    if line.endswith(".") and not line.endswith("..") and (len(words) > 20 or len(line) > 150):
        return False
    if len(line) > 120 and _PROSE_BREAK_RE.search(line):
        return False
    if is_date_line(line) or parse_byline(line) or _URL_LINE_RE.match(line):
        return False
    if SOURCE_LINE_RE.match(line) and len(line) < 90:
        return False  # "Source: Site" is the site's furniture, never a title
    if all(w in SECTION_WORDS for w in _norm(line).split()):
        return False  # a section name ("World", "Middle East") heads a page, not a story
    return not opens_with_dateline(line)  # "BAGHDAD (Reuters) - ..." opens a story, not a title


def _headline(page: _Page, extracted: Extracted, fields: ArticleFields) -> int | None:
    """Set the headline; returns the index of its line in the text, if it came from there."""
    kept = page.kept()
    while len(kept) > 1 and is_date_line(page.stripped[kept[0]]) and len(page.kept()) - len(kept) < 2:
        kept = kept[1:]  # some pages print the date above the headline
    first = kept[0] if kept else None
    if extracted.title and extracted.title.strip():
        fields.headline, fields.provenance["headline"] = _WS_RE.sub(" ", extracted.title).strip(), FOUND
        if first is not None:
            line = page.stripped[first]
            if _norm(fields.headline) in (_norm(line), _norm(split_title_suffix(line)[0])):
                return first
        return None
    if first is None:
        return None
    line = page.stripped[first]
    labelled = _LABELLED_TITLE_RE.match(line)
    if labelled:
        fields.headline, fields.provenance["headline"] = labelled.group("title").strip(), FOUND
        return first
    lone_sentence = len(kept) < 2 and line.endswith(".") and not line.isupper()  # not a wire flash
    if line[:1].islower() or lone_sentence or not _is_headline(line):
        return None  # a lower-case line is a sentence's tail; a lone sentence is the story itself
    repeated = any(_norm(page.stripped[i]) == _norm(line) for i in kept[1:4])
    stated = (page.next_is_blank(first) or repeated) and not line.endswith(".")
    fields.headline = _WS_RE.sub(" ", line)
    fields.provenance["headline"] = FOUND if stated else GUESSED
    return first


def _strip_date_prefix(page: _Page, index: int, end: int, headline: str | None) -> None:
    """Drop a date glued to the start of a paragraph ("Wed 05 Apr 2017 <headline>. Victims ...")
    and a copy of the headline right after it."""
    rest = page.current(index)[end:]
    rest = rest[_PREFIX_TAIL_RE.match(rest).end() :]
    if rest[:3].lower() == "by ":
        mentions = [m for m in find_mentions(rest[:120]) if m.start == 3]
        if mentions:
            rest = re.sub(r"^\s*(?:English|Arabic|Staff|Online)\b", "", rest[mentions[0].end :]).lstrip()
    if headline and rest[: len(headline)].lower() == headline.lower():
        rest = rest[len(headline) :].lstrip(" .:;|-–—")
    if rest.strip():
        page.edited[index] = rest.strip()
    else:
        page.removed.add(index)


def _dateline(page: _Page, fields: ArticleFields) -> None:
    place = find_dateline([page.current(i) for i in page.kept()[:3]])
    if place:
        fields.dateline, fields.provenance["dateline"] = place, FOUND


def _url(page: _Page, extracted: Extracted, fields: ArticleFields) -> None:
    candidates = page.kept()
    visible = [i for i, s in enumerate(page.stripped) if s]
    for i in dict.fromkeys(candidates[:4] + visible[-4:]):
        if len(page.stripped[i]) > 2100:
            continue
        match = _URL_LINE_RE.match(page.stripped[i])
        if match and "." in match.group("url").split("/")[2]:
            page.removed.add(i)
            if not fields.url:
                fields.url, fields.provenance["url"] = match.group("url").rstrip(".,;)"), FOUND
    if extracted.url:
        fields.url, fields.provenance["url"] = extracted.url, FOUND


def _hard_wrapped(page: _Page, indices: list[int]) -> bool:
    """Wire copy and e-mail wrap lines at ~70 characters; web text has a paragraph per line.

    Judged on the lines that another line follows: in wrapped text most of them stop in the
    middle of a sentence (no closing punctuation), the next line often goes on in lower case,
    and almost no line is longer than 100.
    """
    if len(indices) < 4:
        return False
    lengths = [len(page.lines[i].rstrip()) for i in indices]
    if sum(n > 100 for n in lengths) > 0.05 * len(lengths):
        return False
    inner = [i for i in indices if i + 1 < len(page.lines) and page.stripped[i + 1]]
    if len(inner) < 2 or sorted(len(page.stripped[i]) for i in inner)[len(inner) // 2] < 30:
        return False
    open_ended = sum(page.stripped[i][-1] not in ".!?:;\"”’)" for i in inner)
    run_on = sum(not page.stripped[i + 1][0].isupper() for i in inner)
    return open_ended >= 0.6 * len(inner) and run_on >= 0.25 * len(inner)


def _body(page: _Page) -> str:
    indices = page.kept()
    paragraphs: list[str] = []
    if page.wrapped:
        current: list[str] = []
        previous = -2
        for i in indices:
            if current and (i != previous + 1 or page.lines[i][:1].isspace()):
                paragraphs.append(" ".join(current))
                current = []
            current.append(page.current(i))
            previous = i
        if current:
            paragraphs.append(" ".join(current))
    else:
        paragraphs = [page.current(i) for i in indices]
    for k in range(max(0, len(paragraphs) - 3), len(paragraphs)):
        if "@" not in paragraphs[k][-300:]:
            continue
        tail = _TRAILING_HANDLE_RE.sub("", paragraphs[k][-300:])
        paragraphs[k] = paragraphs[k][:-300] + tail if len(paragraphs[k]) > 300 else tail
    return "\n\n".join(p for p in paragraphs if p.strip())


def _remove_headline_copies(page: _Page, title_line: int, headline: str | None) -> None:
    """Drop the headline line and its copies (pages repeat it), then a photo caption that is
    repeated with its credit appended ("... in Rashidiya, Iraq." / "... Iraq. (Media Cell)")."""
    copies = {_norm(page.stripped[title_line]), _norm(headline or "")}
    longest = max(map(len, copies)) + 10
    starts = {c[:4] for c in copies}
    page.removed.update(
        i
        for i in page.content
        if len(page.stripped[i]) <= longest
        and _norm(page.stripped[i][:12])[:4] in starts
        and _norm(page.stripped[i]) in copies
    )


def _drop_repeated_caption(page: _Page) -> None:
    kept = page.kept()
    for a, b in zip(kept[:6], kept[1:7]):
        first, second = page.stripped[a], page.stripped[b]
        if len(first) >= 40 and first[:20].lower() == second[:20].lower():
            if _norm(second).startswith(_norm(first)):
                page.removed.add(a)


def _byline_and_date(page: _Page, extracted: Extracted, fields: ArticleFields) -> str | None:
    """Byline and date from the opening lines, which then leave the body; returns an outlet
    credited in the byline ("By ZEINA KARAM Associated Press"), if any."""
    opening = page.kept()[:8]
    credit = None
    for i in opening[:6]:
        parsed = parse_byline(page.stripped[i])
        if parsed:
            names, credit = parsed
            if names:
                fields.byline, fields.provenance["byline"] = names, FOUND
            page.removed.add(i)
            break

    lines = [(i, page.stripped[i], page.lead(i)) for i in opening]
    picked = pick_publication_date(lines, headline=fields.headline)
    if picked:
        index, found = picked
        fields.date, fields.provenance["date"] = found.date, FOUND
        prefix = page.stripped[index][: found.start]
        if index not in page.removed and not is_date_line(page.stripped[index]):
            if not prefix.strip() or DATE_LABEL_RE.search(prefix):
                _strip_date_prefix(page, index, found.end, fields.headline)
            elif fields.headline and _norm(prefix).startswith(_norm(fields.headline)) and (
                len(prefix) < len(fields.headline) + 60
            ):
                _strip_date_prefix(page, index, found.end, None)
    page.removed.update(i for i in opening if is_date_line(page.stripped[i]))
    if picked and not fields.byline:
        # "Julian Borger in Washington" counts as a byline only right next to the date line.
        for i in (picked[0] - 1, picked[0] + 1):
            if i in opening and i not in page.removed and (names := parse_loose_byline(page.stripped[i])):
                fields.byline, fields.provenance["byline"] = names, GUESSED
                page.removed.add(i)
                break
    if extracted.date is not None:
        fields.date, fields.provenance["date"] = extracted.date, FOUND
    return credit


def _outlet(page: _Page, extracted: Extracted, fields: ArticleFields, credits: list[str]) -> None:
    if extracted.outlet:
        fields.outlet, fields.provenance["outlet"] = extracted.outlet, FOUND
        return
    extra = [(name, 12.0, True) for name in credits]
    if fields.url and (domain_outlet := outlet_for_url(fields.url)):
        extra.append((domain_outlet, 12.0, True))
    guess = detect_outlet(
        page.text, lines=page.lines, starts=page.starts, kinds=page.kinds, content=page.kept(), extra=extra
    )
    if guess:
        fields.outlet, fields.provenance["outlet"] = guess.name, guess.provenance
        page.removed.update(guess.credit_lines)


def _closing_byline(page: _Page, extracted: Extracted, fields: ArticleFields) -> None:
    """Format-stated authors win; otherwise a closing "Reporting by" credit, or a social
    handle matched with the author's bio."""
    if extracted.authors:
        fields.byline, fields.provenance["byline"] = list(extracted.authors), FOUND
        return
    if fields.byline:
        return
    visible = [i for i, s in enumerate(page.stripped) if s]
    closing = [page.stripped[i] for i in visible[-8:]]
    if names := names_from_credit(closing[-3:]):
        fields.byline, fields.provenance["byline"] = names, FOUND
    elif name := byline_from_handle(page.text[-3000:], closing):
        fields.byline, fields.provenance["byline"] = [name], GUESSED


def _removed_furniture(page: _Page, fields: ArticleFields) -> None:
    """Keep the site lines dropped from the body, with why, so the reader can show them."""
    for i, kind in enumerate(page.kinds):
        if kind is not None and page.stripped[i] and len(fields.removed_lines) < 40:
            where = "start" if page.content and i < page.content[0] else "end" if (
                page.content and i > page.content[-1]) else "middle"
            fields.removed_lines.append(
                {"text": page.stripped[i][:300], "where": where, "why": f"site furniture ({kind})"})


def _credit(page: _Page, fields: ArticleFields, byline_credit: str | None) -> None:
    """The agency that wrote the story (see :mod:`.credit`)."""
    found = credit_from_byline(byline_credit)
    if found is None:  # a "Source:" line is judged with the outlet, in clean_fields
        top = [s for s in page.stripped[:40] if s][:6]
        end = [s for s in page.stripped[-40:] if s][-4:]
        stated = find_credit(top, end, source_lines=False)
        found = stated[0] if stated else None
    fields.credit = found


def extract_fields(extracted: Extracted, *, rules: SiteRules | None = None) -> ArticleFields:
    """Headline, byline, outlet, date, dateline, URL, language and clean body of one text.

    ``rules``: site lines and title affixes learned for the text's outlet or batch (see
    :mod:`.sitelines`); without them only the lines every site prints are recognised.
    """
    page = _Page(extracted.text, gentle=extracted.cleaned)
    fields = ArticleFields(provenance=dict.fromkeys(
        ("headline", "byline", "outlet", "date", "dateline", "url", "language"), MISSING))

    _url(page, extracted, fields)  # a URL line on top is not the headline
    title_line = _headline(page, extracted, fields)
    credits: list[str] = []
    if fields.headline:
        fields.headline, suffix_outlet = split_title_suffix(fields.headline)
        credits += [suffix_outlet] if suffix_outlet else []
    if title_line is not None:
        _remove_headline_copies(page, title_line, fields.headline)
    _drop_repeated_caption(page)
    if byline_credit := _byline_and_date(page, extracted, fields):
        credits.append(byline_credit)
    _dateline(page, fields)
    _outlet(page, extracted, fields, credits)
    _closing_byline(page, extracted, fields)

    fields.body = _body(page)
    _removed_furniture(page, fields)
    _credit(page, fields, byline_credit)
    clean_fields(fields, rules or SiteRules())
    if extracted.language:
        fields.language = extracted.language.strip().lower().replace("_", "-").split("-")[0] or None
        fields.provenance["language"] = FOUND if fields.language else MISSING
    else:
        fields.language = guess_language(fields.body or page.text)
        fields.provenance["language"] = GUESSED if fields.language else MISSING
    return fields
