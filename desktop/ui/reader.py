"""The reader pane: one article, with its search hits marked and a way to step through them.

Safety: article text is untrusted. The body is set as *plain text* in a QTextBrowser that never
follows links and never loads resources, and the article's URL is opened in the system browser
only when the reporter clicks it (and only for http/https). Nothing is fetched to show a story.

Hit positions come from :func:`desktop.core.search.snippets.hit_spans` as offsets into the
Python string; QTextDocument counts UTF-16 code units, so offsets are shifted past characters
outside the Basic Multilingual Plane (emoji) before they are used.
"""

from __future__ import annotations

import bisect
import html
import logging
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QPalette, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.core.archive import Archive
    from desktop.core.articles import Article

from . import theme

__all__ = ["ReaderPane", "is_mostly_rtl"]

log = logging.getLogger(__name__)

#: Formats whose original file is itself readable text.
TEXT_FORMATS = frozenset({"txt", "md"})
#: Originals larger than this are not shown inline (the stored text is shown instead).
MAX_ORIGINAL_BYTES = 20 * 1024 * 1024

# Hit and "needs review" colours come from :mod:`desktop.ui.theme`, for the pane's palette.
_REVIEW_MARK = '<span style="color:{color}; font-size:small;">&#9873;&nbsp;needs review</span>'

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic supplements and presentation forms.
_RTL_RE = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")
_LETTER_RE = re.compile(r"[^\W\d_]")


def is_mostly_rtl(text: str) -> bool:
    """True when more than half of the letters are Hebrew or Arabic script."""
    letters = len(_LETTER_RE.findall(text))
    return letters > 0 and len(_RTL_RE.findall(text)) * 2 > letters


class _SafeBrowser(QTextBrowser):
    """A QTextBrowser that never loads anything: no images, no style sheets, no links."""

    def loadResource(self, type: int, name: QUrl) -> Any:
        return None


class _Utf16Offsets:
    """Python string index -> QTextDocument position (UTF-16 code units), and back."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        #: Document positions of the astral characters (each takes two code units).
        self._doc_astral = [i + n for n, i in enumerate(self._astral)]

    def __call__(self, index: int) -> int:
        return index + bisect.bisect_left(self._astral, index) if self._astral else index

    def to_text(self, position: int) -> int:
        """The Python index of document ``position``."""
        return position - bisect.bisect_left(self._doc_astral, position) if self._astral else position


def _selection(document: Any, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    """A highlighted span of the reader's text (a search hit or an entity's mention)."""
    selection = QTextEdit.ExtraSelection()
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    selection.cursor = cursor
    selection.format = fmt
    return selection


class ReaderPane(QWidget):
    """Shows one article; :meth:`show_article` with search terms marks and counts the hits."""

    #: "Tag as..." on selected words of the cleaned body: (article id, start, end, words), with
    #: offsets into ``Article.body``.
    tag_requested = Signal(int, int, int, str)

    def __init__(self, archive: Archive, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.article: Article | None = None
        self._terms: frozenset[str] = frozenset()
        self._phrases: tuple[tuple[str, ...], ...] = ()
        self._hits: list[tuple[int, int]] = []  # document positions
        self._current = -1
        self._shown_text = ""
        #: Entity mentions marked in the body (document positions), from :meth:`mark_spans`.
        self._marks: list[tuple[int, int]] = []

        self.stack = QStackedWidget(self)
        self.empty_hint = QLabel("Select a story to read it", self)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setEnabled(False)  # drawn greyed out
        self.stack.addWidget(self.empty_hint)

        page = QWidget(self)
        self.headline = QLabel(page)
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.headline.setFont(font)
        self.metadata = QLabel(page)
        self.metadata.setWordWrap(True)
        self.metadata.setTextFormat(Qt.TextFormat.RichText)
        self.metadata.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label = QLabel(page)
        self.url_label.setTextFormat(Qt.TextFormat.RichText)
        self.url_label.setOpenExternalLinks(False)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.url_label.linkActivated.connect(self._on_link_activated)

        # Short labels: the reader shares the window with the Filters and Story entities docks.
        self.prev_button = QPushButton("\u25c0 Hit", page)
        self.next_button = QPushButton("Hit \u25b6", page)
        self.prev_button.setToolTip("Previous hit (Shift+F3)")
        self.next_button.setToolTip("Next hit (F3)")
        self.prev_button.setShortcut("Shift+F3")
        self.next_button.setShortcut("F3")
        self.prev_button.clicked.connect(self.previous_hit)
        self.next_button.clicked.connect(self.next_hit)
        self.hit_label = QLabel(page)
        self.removed_toggle = QCheckBox("Removed lines", page)
        self.removed_toggle.setToolTip("Show the site's lines kept out of the story (dimmed), and why")
        self.removed_toggle.toggled.connect(self._show_removed)
        self.removed_view = QLabel(page)
        self.removed_view.setObjectName("removedLines")
        self.removed_view.setWordWrap(True)
        self.removed_view.setTextFormat(Qt.TextFormat.PlainText)
        self.removed_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.removed_view.setEnabled(False)  # drawn dimmed: the site talking, not the story
        self.removed_view.hide()
        self.original_toggle = QCheckBox("Original file", page)
        self.original_toggle.setToolTip("Show the imported file's own text instead of the cleaned article")
        self.original_toggle.toggled.connect(self._on_original_toggled)
        self.open_button = QPushButton("Open original", page)
        self.open_button.setToolTip("Open a copy of the imported file in its usual application")
        self.open_button.clicked.connect(self._on_open_clicked)
        tools = QHBoxLayout()
        tools.addWidget(self.prev_button)
        tools.addWidget(self.next_button)
        tools.addWidget(self.hit_label)
        tools.addStretch(1)
        tools.addWidget(self.original_toggle)
        tools.addWidget(self.open_button)

        self.note = QLabel(page)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("font-style: italic;")  # palette(mid) is unreadable in dark themes
        self.body = _SafeBrowser(page)
        self.body.setOpenLinks(False)
        self.body.setOpenExternalLinks(False)
        self.body.setReadOnly(True)
        self.body.setUndoRedoEnabled(False)
        self.body.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.body.customContextMenuRequested.connect(self._context_menu)

        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.headline)
        # The toggle sits beside the metadata, which wraps: the tool row keeps its width.
        meta_row = QHBoxLayout()
        meta_row.addWidget(self.metadata, 1)
        meta_row.addWidget(self.removed_toggle, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(meta_row)
        column.addWidget(self.url_label)
        column.addLayout(tools)
        column.addWidget(self.note)
        column.addWidget(self.removed_view)
        column.addWidget(self.body, 1)
        self.stack.addWidget(page)
        self.article_page = page

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)
        self.clear()

    # -- public ----------------------------------------------------------------------------

    def clear(self) -> None:
        """No article: show the empty-state hint."""
        self.article = None
        self._terms, self._phrases = frozenset(), ()
        self._hits, self._current = [], -1
        self._marks = []
        self._shown_text = ""
        self.body.clear()
        self.stack.setCurrentWidget(self.empty_hint)

    def show_article(
        self,
        article: Article,
        terms: set[str] | frozenset[str] = frozenset(),
        phrases: Sequence[Sequence[str]] = (),
    ) -> None:
        """Show ``article`` with hits for the analyzed ``terms``/``phrases`` marked (from
        :meth:`SearchEngine.highlight_terms`); the first hit is brought into view."""
        self.article = article
        self._terms = frozenset(terms)
        self._phrases = tuple(tuple(p) for p in phrases if p)
        rtl_headline = is_mostly_rtl(article.display_headline)
        self.headline.setText(article.display_headline)
        self.headline.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl_headline else Qt.LayoutDirection.LeftToRight)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignRight if rtl_headline else Qt.AlignmentFlag.AlignLeft)
        self.metadata.setText(self._metadata_html(article, self.palette()))
        self._set_url(article.url)
        self.original_toggle.blockSignals(True)
        self.original_toggle.setChecked(False)
        self.original_toggle.blockSignals(False)
        self.open_button.setEnabled(self.archive.original_path(article.content_hash).is_file())
        self.removed_toggle.setEnabled(bool(article.removed_lines))
        self._show_removed(self.removed_toggle.isChecked())
        self.stack.setCurrentWidget(self.article_page)
        self._show_text(article.body, note="")

    @property
    def hit_count(self) -> int:
        return len(self._hits)

    @property
    def current_hit(self) -> int:
        """Index of the current hit (0-based), or -1."""
        return self._current

    @property
    def hit_positions(self) -> list[tuple[int, int]]:
        """(start, end) document positions of every hit, in order."""
        return list(self._hits)

    @Slot()
    def next_hit(self) -> None:
        if self._hits:
            self._go_to((self._current + 1) % len(self._hits))

    @Slot()
    def previous_hit(self) -> None:
        if self._hits:
            self._go_to((self._current - 1) % len(self._hits))

    def show_original(self, on: bool = True) -> None:
        self.original_toggle.setChecked(on)

    def open_url(self, url: str) -> bool:
        """Open the article's web address in the system browser (http and https only)."""
        qurl = QUrl(url)
        if qurl.scheme().lower() not in ("http", "https"):
            return False
        return bool(QDesktopServices.openUrl(qurl))

    def open_original(self) -> bool:
        """Open a copy of the original file, named as it was imported, in its usual application.

        Originals are stored under their hash without an extension, which no application would
        recognise, so a copy with the original name goes to a private temporary folder.
        """
        if self.article is None:
            return False
        source = self.archive.original_path(self.article.content_hash)
        try:
            copy = self._named_copy(source, self.article)
        except OSError as exc:
            log.warning("cannot copy %s to open it: %s", source, exc)
            self.note.setText(f"The original file could not be opened: {exc.strerror or exc}")
            self.note.show()
            return False
        return self.launch_file(copy)

    def launch_file(self, path: Path) -> bool:
        """Hand a local file to the desktop (tests replace this)."""
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))

    # -- building the view -----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (light/dark switch): recolour the hit marks and review flags."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.article is not None:
            self.metadata.setText(self._metadata_html(self.article, self.palette()))
            self._mark_hits()

    @staticmethod
    def _metadata_html(article: Article, palette: QPalette | None = None) -> str:
        """Byline · outlet · date · dateline; guessed values and missing fields are flagged."""
        review_mark = _REVIEW_MARK.format(color=theme.review_color(palette or QPalette()).name())
        review = set(article.needs_review)
        values = {
            "byline": ", ".join(article.byline) if article.byline else None,
            "outlet": article.outlet,
            "credit": f"written by {article.credit}" if article.credit else None,
            "date": str(article.pub_date) if article.pub_date else None,
            "dateline": article.dateline,
        }
        parts: list[str] = []
        missing: list[str] = []
        for name, value in values.items():
            if value:
                parts.append(html.escape(value) + (" " + review_mark if name in review else ""))
            elif name in review:
                missing.append(name)
        if "headline" in review:
            parts.append(f"<i>headline {'guessed' if article.headline else 'missing'}</i> {review_mark}")
        if missing:
            parts.append(f"<i>no {html.escape(', '.join(missing))}</i> {review_mark}")
        return " &middot; ".join(parts)

    def removed_text(self) -> str:
        """The removed site lines as the reader lists them (empty when there are none)."""
        if self.article is None:
            return ""
        where = {"start": "above the story", "end": "below the story", "middle": "inside the page"}
        return "\n".join(f"\u2013 {line.get('text', '')}   ({where.get(line.get('where', ''), 'removed')}: "
                         f"{line.get('why', '')})" for line in self.article.removed_lines)

    @Slot(bool)
    def _show_removed(self, on: bool) -> None:
        text = self.removed_text() if on else ""
        self.removed_view.setText(f"Kept out of the story:\n{text}" if text else "")
        self.removed_view.setVisible(bool(text))

    def _set_url(self, url: str | None) -> None:
        if not url:
            self.url_label.hide()
            self.url_label.clear()
            return
        scheme = QUrl(url).scheme().lower()
        if scheme in ("http", "https"):
            self.url_label.setText(f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>')
            self.url_label.setToolTip("Open in your web browser")
        else:
            self.url_label.setText(html.escape(url))
            self.url_label.setToolTip("")
        self.url_label.show()

    # -- entity mentions and "Tag as..." ---------------------------------------------------

    def showing_body(self) -> bool:
        """True when the cleaned article text is shown (not the original file)."""
        return self.article is not None and not self.original_toggle.isChecked()

    def mark_spans(self, spans: Sequence[tuple[int, int]], *, scroll: bool = True) -> None:
        """Mark these spans of ``Article.body`` (an entity's mentions); the first comes into view."""
        if not self.showing_body():
            self._marks = []
            return
        to_doc = _Utf16Offsets(self._shown_text)
        self._marks = sorted((to_doc(a), to_doc(b)) for a, b in spans if 0 <= a < b <= len(self._shown_text))
        self._mark_hits()
        if scroll and self._marks:
            cursor = QTextCursor(self.body.document())
            cursor.setPosition(self._marks[0][0])
            self.body.setTextCursor(cursor)
            self._scroll_to_cursor()

    def marked_spans(self) -> list[tuple[int, int]]:
        return list(self._marks)

    def selected_span(self) -> tuple[int, int, str] | None:
        """(start, end, words) of the selection in ``Article.body``, or None."""
        cursor = self.body.textCursor()
        if not self.showing_body() or not cursor.hasSelection():
            return None
        to_doc = _Utf16Offsets(self._shown_text)
        start, end = to_doc.to_text(cursor.selectionStart()), to_doc.to_text(cursor.selectionEnd())
        words = self._shown_text[start:end]
        if not words.strip() or "\n\n" in words or len(words) > 200:
            return None
        return start, end, words

    def request_tag(self) -> bool:
        span = self.selected_span()
        if span is None or self.article is None:
            return False
        self.tag_requested.emit(self.article.id, *span)
        return True

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.body.createStandardContextMenu(pos)
        span = self.selected_span()
        action = menu.addAction("Tag as\u2026")
        action.setEnabled(span is not None)
        shown = f"\u201c{span[2].strip()[:40]}\u201d" if span else "selected words"
        action.setToolTip(f"Tag {shown} as a person, group, place, weapon...")
        action.triggered.connect(self.request_tag)
        menu.exec(self.body.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _show_text(self, text: str, *, note: str) -> None:
        self._shown_text = text
        self._marks = []
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.body.setPlainText(text)
        self._apply_directions()
        to_doc = _Utf16Offsets(text)
        spans = []
        if self._terms or self._phrases:
            from desktop.core.search.snippets import hit_spans  # loaded with the first hits to show

            spans = hit_spans(text, self._terms, phrases=self._phrases)
        self._hits = [(to_doc(start), to_doc(end)) for start, end in spans]
        self._current = -1
        if self._hits:
            self._go_to(0)
        else:
            self._mark_hits()
            self.body.moveCursor(QTextCursor.MoveOperation.Start)
        self._update_hit_controls()

    def _apply_directions(self) -> None:
        """Right-to-left layout for every paragraph that is mostly Arabic or Hebrew script."""
        document = self.body.document()
        rtl_blocks = 0
        total = 0
        block = document.begin()
        cursor = QTextCursor(document)
        while block.isValid():
            text = block.text()
            if text.strip():
                total += 1
                if is_mostly_rtl(text):
                    rtl_blocks += 1
                    fmt = QTextBlockFormat()
                    fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
                    cursor.setPosition(block.position())
                    cursor.mergeBlockFormat(fmt)
            block = block.next()
        option = document.defaultTextOption()
        option.setTextDirection(
            Qt.LayoutDirection.RightToLeft if total and rtl_blocks * 2 > total else Qt.LayoutDirection.LeftToRight
        )
        document.setDefaultTextOption(option)
        document.setModified(False)

    def _mark_hits(self) -> None:
        selections = []
        document = self.body.document()
        palette = self.palette()
        hit, current = theme.hit_colors(palette), theme.current_hit_colors(palette)
        underline, mark_background = theme.entity_mark_colors(palette)
        for start, end in self._marks:
            fmt = QTextCharFormat()
            fmt.setBackground(mark_background)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(underline)
            selections.append(_selection(document, start, end, fmt))
        for i, (start, end) in enumerate(self._hits):
            fmt = QTextCharFormat()
            foreground, background = current if i == self._current else hit
            fmt.setBackground(background)
            fmt.setForeground(foreground)
            selections.append(_selection(document, start, end, fmt))
        self.body.setExtraSelections(selections)

    def _go_to(self, index: int) -> None:
        self._current = index
        start, _ = self._hits[index]
        cursor = QTextCursor(self.body.document())
        cursor.setPosition(start)
        self.body.setTextCursor(cursor)
        self._mark_hits()
        self._scroll_to_cursor()
        self._update_hit_controls()

    def _scroll_to_cursor(self) -> None:
        """Bring the current hit into view, about a third of the way down when scrolling."""
        self.body.ensureCursorVisible()
        rect = self.body.cursorRect()
        bar = self.body.verticalScrollBar()
        viewport = self.body.viewport().height()
        if rect.top() < 0 or rect.bottom() > viewport or rect.top() > viewport * 2 // 3:
            bar.setValue(bar.value() + rect.top() - viewport // 3)

    def _update_hit_controls(self) -> None:
        searching = bool(self._terms or self._phrases)
        has_hits = bool(self._hits)
        self.prev_button.setEnabled(has_hits)
        self.next_button.setEnabled(has_hits)
        if has_hits:
            self.hit_label.setText(f"hit {self._current + 1} of {len(self._hits)}")
        elif searching:
            self.hit_label.setText("no hits in this text")
        else:
            self.hit_label.setText("")
        self.prev_button.setVisible(searching)
        self.next_button.setVisible(searching)

    # -- the original file -----------------------------------------------------------------

    def original_text(self) -> tuple[str, str]:
        """(text to show, note) for "Show original file"; never raises."""
        article = self.article
        assert article is not None
        fmt = (article.original_format or "").lower()
        if fmt not in TEXT_FORMATS:
            return article.body, (
                f"This is a {fmt.upper() or 'binary'} file, which cannot be shown as it is; this is the "
                "text taken from it. Use \u201cOpen original\u201d to see the file itself."
            )
        from desktop.core.importing.decode import decode_text
        from desktop.core.importing.types import Rejected

        path = self.archive.original_path(article.content_hash)
        try:
            if path.stat().st_size > MAX_ORIGINAL_BYTES:
                return article.body, "The original file is too large to show here; this is the text taken from it."
            data = path.read_bytes()
            decoded = decode_text(data)
        except Rejected as exc:
            return article.body, f"The original file cannot be shown ({exc.reason}); this is the text taken from it."
        except (OSError, ValueError, UnicodeError) as exc:
            log.warning("cannot read original %s: %s", path, exc)
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            return article.body, f"The original file could not be read ({reason}); this is the text taken from it."
        note = f"The original file as imported ({decoded.encoding})."
        return decoded.text, note

    @Slot(bool)
    def _on_original_toggled(self, on: bool) -> None:
        if self.article is None:
            return
        if on:
            text, note = self.original_text()
            self._show_text(text, note=note)
        else:
            self._show_text(self.article.body, note="")

    @Slot()
    def _on_open_clicked(self) -> None:
        self.open_original()  # looked up at click time, so tests can replace it

    @Slot(str)
    def _on_link_activated(self, url: str) -> None:
        self.open_url(url)

    _copies_dir: Path | None = None

    @classmethod
    def _named_copy(cls, source: Path, article: Article) -> Path:
        if cls._copies_dir is None:
            cls._copies_dir = Path(tempfile.mkdtemp(prefix="newsroom-originals-"))
        name = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", Path(article.original_name).name).strip(" .") or "original"
        folder = cls._copies_dir / article.content_hash[:16]
        folder.mkdir(exist_ok=True)
        target = folder / name
        if not target.is_file() or target.stat().st_size != source.stat().st_size:
            target.write_bytes(source.read_bytes())
        return target
