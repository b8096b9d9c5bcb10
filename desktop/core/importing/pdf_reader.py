"""PDF files: the text layer, rejoined into paragraphs, and the document info as hints.

pypdf gives one line of text per line on the page, with no blank lines between paragraphs and
with words hyphenated at line ends; a reporter wants paragraphs, so wrapped lines are joined and
line-end hyphens removed. A paragraph ends where the layout shows one (more space above the
next line, a change of font size, a first-line indent, a bullet), or, in PDFs whose layout says
nothing, after a short line ending a sentence. There is no OCR: a scan without a text layer is
refused with a reason that says so, rather than stored as an empty article. The info dictionary's title,
author and creation date are hints only; "Microsoft Word - draft.docx" is a file name, not a
headline.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from typing import Any, NamedTuple

from .decode import clean_text
from .html_reader import date_from_text, plausible_date, split_names
from .limits import Budget, Limits, OverLimit, human_size, text_too_long
from .types import Extracted, PartialDate, Rejected

__all__ = ["read_pdf"]

_PLACEHOLDER_TITLE_RE = re.compile(
    r"^(untitled.*|document\d*|title|layout \d+|\(anonymous\)|microsoft (word|powerpoint)\b.*"
    r"|.*\.(docx?|pdf|indd|qxd|rtf|odt|pages|txt|html?))$", re.I)
#: A line that is only a page number ("3", "- 3 -", "Page 3 of 10"): page furniture, not text.
_PAGE_NUMBER_RE = re.compile(r"^\s*(?:-\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*-)?\s*$", re.I)
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_HYPHEN_END_RE = re.compile(r"(?<=[^\W\d_])[-\u2010]$")
#: pypdf decrypts RC4 by itself but needs a crypto package (pycryptodome) for AES.
_AES_REASON = "encrypted PDF (AES) cannot be opened: AES decryption support is not installed"
_BULLET_RE = re.compile(r"^[•◦▪▫●○■□–—*·-]\s")


def read_pdf(data: bytes, *, name: str, limits: Limits) -> Extracted:
    reader = _open(data)
    warnings: list[str] = []
    try:
        total = len(reader.pages)
    except Exception as exc:
        if type(exc).__name__ == "DependencyError":
            raise Rejected(_AES_REASON) from None
        raise Rejected(f"corrupt PDF: its page list cannot be read ({_short(exc)})") from None
    if total == 0:
        raise Rejected("PDF has no pages")
    if total > limits.max_pdf_pages:
        warnings.append(f"read only the first {limits.max_pdf_pages:,} of {total:,} pages")
    pages, failed, stopped = _page_lines(reader, min(total, limits.max_pdf_pages), limits, Budget.of(limits))
    if stopped:
        warnings.append(f"read only the first {len(pages) + len(failed):,} of {total:,} pages ({stopped})")
    if failed:
        warnings.append(f"{len(failed)} page{'s' if len(failed) != 1 else ''} could not be read "
                        f"(page {', '.join(map(str, failed[:5]))}{', ...' if len(failed) > 5 else ''})")
    if not any(pages):
        if "time limit" in stopped:
            done = len(pages) + len(failed)
            before = f"; no text in the {done:,} page{'s' if done != 1 else ''} before" if done else ""
            raise OverLimit(f"PDF took too long to read ({stopped}, reached inside page {done + 1}{before})")
        if stopped:
            raise OverLimit(f"PDF too complex to read: no text in the pages within the limits ({stopped})")
        if len(failed) == len(pages) + len(failed):
            raise Rejected("corrupt PDF: no page could be read")
        raise Rejected("no text layer: OCR is not supported")
    text = clean_text(_paragraphs([line for page in pages for line in page]), warnings)
    if not text.strip():
        raise Rejected("no text layer: OCR is not supported")
    if len(text) > limits.max_text_chars:
        raise text_too_long(len(text), limits)
    extracted = Extracted(text=text, format="pdf", warnings=warnings)
    _fill_metadata(extracted, reader)
    return extracted


def _open(data: bytes) -> Any:
    """A decrypted :class:`pypdf.PdfReader`, or Rejected for what is not a readable PDF."""
    if not data.strip():
        raise Rejected("empty file")
    if b"%PDF-" not in data[:1024]:
        raise Rejected("not a PDF (the file has no %PDF header)")
    eof = data.rfind(b"%%EOF")
    if eof < 0 or len(data.rstrip(b"\x00\r\n\t ")) - eof > 1024:
        raise Rejected("truncated or damaged PDF (the end of the file is missing)")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    # Damaged files make pypdf log a line per bad object; our reasons and warnings say enough.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError, ... on damage
        raise Rejected(f"corrupt PDF ({_short(exc)})") from None
    if encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError:
            raise Rejected(_AES_REASON) from None
        except Exception:
            opened = 0
        if not opened:
            raise Rejected("password-protected PDF")
    return reader


class _Line(NamedTuple):
    text: str
    x: float | None = None
    y: float | None = None
    size: float = 0.0
    #: Geometry says a paragraph starts here (extra space above, or first-line indent).
    starts_paragraph: bool = False
    #: The last line of its page, where layout cannot tell whether the paragraph goes on.
    ends_page: bool = False


def _page_lines(reader: Any, count: int, limits: Limits,
                budget: Budget) -> tuple[list[list[_Line]], list[int], str]:
    """Lines of text per page (page numbers removed), the unreadable page numbers, and why
    reading stopped early ("" when every page was read).

    The time budget and the text size are checked after each page: a PDF whose pages are slow
    to read, or hold more text than an article can, keeps the pages read so far.
    """
    from pypdf.errors import DependencyError

    pages: list[list[_Line]] = []
    failed: list[int] = []
    oversized: list[int] = []  # pages whose drawing instructions are too large to read
    chars = 0
    stopped = ""
    for number in range(count):
        if budget.expired():
            stopped = f"time limit of {limits.max_seconds_per_file:g} s"
            break
        if chars > limits.max_text_chars:
            stopped = f"text limit of {limits.max_text_chars:,} characters"
            break
        try:
            page = reader.pages[number]
            size = _content_size(page)
            if size > limits.max_pdf_page_content_bytes:
                oversized.append(number + 1)
                continue
            lines = _read_page(page, budget)
        except DependencyError:
            raise Rejected(_AES_REASON) from None
        except OverLimit:  # the time budget ran out inside the page
            stopped = f"time limit of {limits.max_seconds_per_file:g} s"
            break
        except Exception:
            failed.append(number + 1)
            continue
        lines = [line for line in lines if not _PAGE_NUMBER_RE.match(line.text)]
        while lines and not lines[-1].text:
            lines.pop()
        while lines and not lines[0].text:
            lines.pop(0)
        if lines:
            lines[-1] = lines[-1]._replace(ends_page=True)
        chars += sum(len(line.text) + 1 for line in lines)
        pages.append(lines)
    if chars > limits.max_text_chars:  # the last page read went over: leave it out
        if len(pages) == 1:
            raise text_too_long(chars, limits)
        chars -= sum(len(line.text) + 1 for line in pages.pop())
        stopped = stopped or f"text limit of {limits.max_text_chars:,} characters"
    gaps = sorted(gap for page in pages for gap in _line_gaps(page))
    usual_gap = gaps[len(gaps) // 2] if len(gaps) >= 3 else None
    if oversized:
        shown = ", ".join(map(str, oversized[:5])) + (", ..." if len(oversized) > 5 else "")
        failed.extend(oversized)
        stopped = "; ".join(filter(None, [stopped, f"skipped page {shown}: its drawing instructions are "
                                                   f"over {human_size(limits.max_pdf_page_content_bytes)}"]))
    return [_mark_paragraphs(page, usual_gap) for page in pages], failed, stopped


def _content_size(page: Any) -> int:
    """Bytes of the page's (decoded) content stream: what text extraction has to parse."""
    contents = page.get_contents()
    return len(contents.get_data()) if contents is not None else 0


def _read_page(page: Any, budget: Budget) -> list[_Line]:
    """pypdf's lines, each with the position where it starts on the page when known.

    The time budget is checked at every drawing operator, so a page of a million operators
    stops when the budget runs out (raising :class:`OverLimit`), not when pypdf is done.
    """
    fragments: list[tuple[str, Any, Any, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text:
            fragments.append((text, cm, tm, float(size or 0)))

    def tick(operator: Any, operands: Any, cm: Any, tm: Any) -> None:
        budget.check("reading the PDF")

    raw = page.extract_text(visitor_text=visit, visitor_operand_before=tick) or ""
    if "".join(f[0] for f in fragments).split() != raw.split():
        return [_Line(" ".join(line.split())) for line in raw.splitlines()]  # no positions
    lines: list[_Line] = []
    text, where = "", None
    for chunk, cm, tm, size in fragments:
        for index, piece in enumerate(chunk.split("\n")):
            if index:
                lines.append(_Line(" ".join(text.split()), *(where or ())))
                text, where = "", None
            if where is None and index == 0 and piece.strip():
                try:
                    scale = abs(tm[3] * cm[3]) or 1.0
                    where = (tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
                             tm[4] * cm[1] + tm[5] * cm[3] + cm[5], size * scale)
                except (TypeError, IndexError):
                    where = None
            text += piece
    lines.append(_Line(" ".join(text.split()), *(where or ())))
    return lines


def _placed(lines: list[_Line]) -> list[_Line]:
    return [line for line in lines if line.text and line.y is not None and line.x is not None]


def _line_gaps(lines: list[_Line]) -> list[float]:
    placed = _placed(lines)
    return [a.y - b.y for a, b in zip(placed, placed[1:]) if 0 < a.y - b.y < 3 * max(a.size, 1)]


def _mark_paragraphs(lines: list[_Line], usual_gap: float | None) -> list[_Line]:
    """Flag lines that start a paragraph: more space above than the usual line spacing, a
    change of font size, or an indent against the left edge while the line above has none."""
    placed = _placed(lines)
    edges = Counter(round(line.x) for line in placed)
    left = edges.most_common(1)[0][0] if edges else None
    placed_ids = {id(line) for line in placed}
    marked: list[_Line] = []
    previous: _Line | None = None
    for line in lines:
        starts = bool(_BULLET_RE.match(line.text))
        if not starts and id(line) in placed_ids and previous is not None and id(previous) in placed_ids:
            gap, size = previous.y - line.y, max(line.size, 1.0)
            if usual_gap and gap > 1.4 * usual_gap:
                starts = True
            elif abs(line.size - previous.size) > 0.15 * max(line.size, previous.size):
                starts = True
            elif (left is not None and 0 < gap < 3 * size and line.x - left > 0.8 * size
                  and previous.x - left < 0.4 * size and not _BULLET_RE.match(previous.text)):
                starts = True
        marked.append(line._replace(starts_paragraph=starts))
        if line.text:
            previous = line
    return marked


def _paragraphs(lines: list[_Line]) -> str:
    """Join wrapped lines into paragraphs separated by blank lines.

    Where the layout marks paragraphs (spacing, indents) that is followed; otherwise a line
    ending a sentence well short of the usual line length, or any very short line, ends one.
    """
    use_layout = any(line.starts_paragraph for line in lines)
    lengths = sorted(len(line.text) for line in lines if line.text)
    if not lengths:
        return ""
    typical = lengths[int(len(lengths) * 0.8)] if len(lengths) >= 5 else lengths[-1]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        text = line.text
        if not text or (line.starts_paragraph and current):
            if current:
                paragraphs.append(current)
            current = ""
            if not text:
                continue
        if not current:
            current = text
        elif _HYPHEN_END_RE.search(current) and text[:1].islower():
            current = current[:-1] + text  # "nego-" + "tiations" -> "negotiations"
        elif _HYPHEN_END_RE.search(current):
            current += text  # "Anglo-" + "American" keeps its hyphen
        else:
            current += " " + text
        ends_sentence = _SENTENCE_END_RE.search(current) is not None
        if len(text) < 0.5 * typical or (
                ends_sentence and len(text) < 0.85 * typical and (not use_layout or line.ends_page)):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _fill_metadata(extracted: Extracted, reader: Any) -> None:
    try:
        info = reader.metadata or {}
        title = str(info.get("/Title") or "").strip()
        author = str(info.get("/Author") or "").strip()
        created = str(info.get("/CreationDate") or "")
    except Exception:
        extracted.warnings.append("PDF document information unreadable; ignored")
        return
    title = " ".join(title.split())
    if title and len(title) <= 300 and not _PLACEHOLDER_TITLE_RE.match(title):
        extracted.title = title
    extracted.authors = split_names(author)
    extracted.date = _pdf_date(created)
    try:
        language = str(reader.trailer["/Root"].get_object().get("/Lang") or "")
    except Exception:
        language = ""
    match = re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|\s*$)", language)
    extracted.language = match.group(1).lower() if match else None


def _pdf_date(value: str) -> PartialDate | None:
    """``D:20230405120000Z`` -> 2023-04-05; None for junk or implausible dates."""
    match = re.match(r"\s*(?:D:)?(\d{4})(\d{2})?(\d{2})?", value)
    if not match:
        return date_from_text(value)
    year, month, day = match.groups()
    return plausible_date(int(year), int(month) if month else None, int(day) if day else None)


def _short(exc: BaseException) -> str:
    detail = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    return detail if len(detail) <= 120 else detail[:117] + "..."
