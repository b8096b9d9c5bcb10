"""The Quotations dock: the archive's statements, who made them, and the story in the reader.

Three tabs over one search box. *By statement* lists statements carried by most stories first;
selecting one lists the stories that carry it, each with the wording it used and its attribution,
so a reporter sees at once that five outlets ran the Defense Secretary's line and where it first
appeared. *By speaker* lists who is quoted; selecting a speaker lists their statements. *In this
story* follows the reader. Activating a story or quote asks the window, through
:attr:`QuotesLedger.quote_requested`, to open the story with the quotation marked; Ctrl+C, the
context menu and the buttons copy a citation.

Every read goes through the context's ``run_read`` (the window's read thread), and only while
the ledger is visible (see :meth:`QuotesLedger.reload`). Each kind of load
carries a sequence number, so the answer to a superseded request (a story since closed, a search
since retyped) is dropped; typing reloads after :data:`DEBOUNCE_MS`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLineEdit, QTabWidget, QVBoxLayout, QWidget

from . import queries
from .commands import LedgerCommands
from .details import carried_html, quote_html, statement_html, stories_text
from .models import RowRole
from .pages import LedgerTable, SpeakersPage, StatementsPage, StoryPage
from .queries import CarriedBy, SpeakerRow, StatementRow, StoryQuote

if TYPE_CHECKING:
    from ..entities.context import EntityContext

__all__ = ["DEBOUNCE_MS", "QuotesLedger"]

#: Pause after the last key (or the last change report) before the ledger reads again.
DEBOUNCE_MS = 200


class QuotesLedger(LedgerCommands, QWidget):
    """The dock's widget; the window calls :meth:`show_story` and :meth:`reload`."""

    #: Open this story in the reader and mark the quotation: (article id, start, end) in the body.
    quote_requested = Signal(int, int, int)
    #: A short message for the status bar.
    message = Signal(str)
    #: Rows arrived: "statements", "stories", "speakers", "speaker_statements" or "story".
    loaded = Signal(str)
    #: A speaker correction was stored: the ids of the quotes it changed (every story carrying it).
    speaker_corrected = Signal(list)

    def __init__(self, ctx: EntityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quotesLedger")
        self.ctx = ctx
        self.article_id: int | None = None
        self.last_citation: str | None = None
        self._seq: dict[str, int] = defaultdict(int)
        self._in_flight = 0
        self._pending_statement: int | None = None
        #: Something changed while the ledger was hidden: read again when it is shown.
        self._stale = True
        self._in_front = True

        self.search = QLineEdit(self)
        self.search.setObjectName("quotesSearch")
        self.search.setPlaceholderText("Find statements by words\u2026")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find statements by their words")
        self.by_statement = StatementsPage(self)
        self.by_speaker = SpeakersPage(self)
        self.in_story = StoryPage(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("quotesTabs")
        self.tabs.setDocumentMode(True)
        # Short titles: the dock shares ~300 px with "Story entities"; the tips say it in full.
        for page, title, tip in ((self.by_statement, "Statements", "By statement: carried by most stories first"),
                                 (self.by_speaker, "Speakers", "By speaker: who is quoted, and what they said"),
                                 (self.in_story, "This story", "In this story: the quotations in the reader")):
            self.tabs.setTabToolTip(self.tabs.addTab(page, title), tip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)  # as narrow as "Story entities", whose tab it shares
        layout.addWidget(self.search)
        layout.addWidget(self.tabs, 1)

        # Ctrl+C belongs to the ledger while the focus is in it (the search box keeps its own).
        self.copy_action = QAction("Copy citation", self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(self.copy_citation)
        self.addAction(self.copy_action)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._changes = QTimer(self)
        self._changes.setSingleShot(True)
        self._changes.setInterval(DEBOUNCE_MS)
        self._connect()
        self._update_buttons()
        self.reload()

    # -- wiring ------------------------------------------------------------------------------

    def _connect(self) -> None:
        s, p, q = self.by_statement, self.by_speaker, self.in_story
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._search_now)
        self.search.installEventFilter(self)
        self._debounce.timeout.connect(self._search_now)
        self._changes.timeout.connect(self.reload)
        self.ctx.signals.changed.connect(lambda _ids: self._changes.start())
        s.statements.selectionModel().selectionChanged.connect(lambda *_: self._statement_selected())
        s.stories.selectionModel().selectionChanged.connect(lambda *_: self._story_selected())
        s.statements.activated.connect(self._open_first_appearance)
        s.stories.activated.connect(lambda index: self._request(index.data(RowRole)))
        s.open_button.clicked.connect(self.open_selected)
        s.copy_button.clicked.connect(self.copy_citation)
        p.speakers.selectionModel().selectionChanged.connect(lambda *_: self._speaker_selected())
        p.speakers.activated.connect(lambda _i: p.statements.setFocus())
        p.statements.selectionModel().selectionChanged.connect(lambda *_: self._speaker_statement_selected())
        p.statements.activated.connect(lambda index: self.show_statement(index.data(RowRole).id))
        p.stories_button.clicked.connect(self.open_selected)
        p.copy_button.clicked.connect(self.copy_citation)
        q.quotes.selectionModel().selectionChanged.connect(lambda *_: self._quote_selected())
        q.quotes.activated.connect(lambda index: self._request(index.data(RowRole)))
        q.statement_button.clicked.connect(self._quote_statement)
        q.copy_button.clicked.connect(self.copy_citation)
        s.fix.requested.connect(lambda name: self.correct_speaker(name, s.stories))
        q.fix.requested.connect(lambda name: self.correct_speaker(name, q.quotes))
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        for table in (s.statements, s.stories, p.speakers, p.statements, q.quotes):
            table.customContextMenuRequested.connect(lambda pos, t=table: self._context_menu(t, pos))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search box moves to the tab's first table: search -> pick -> Enter."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down:  # type: ignore[attr-defined]
            table = (self.by_statement.statements, self.by_speaker.speakers,
                     self.in_story.quotes)[self.tabs.currentIndex()]
            if table.model().rowCount():
                table.setFocus()
                if table.current_row() < 0:
                    table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    # -- loading -----------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """True while a read is on its way (tests wait for it to end)."""
        return self._in_flight > 0 or self._debounce.isActive() or self._changes.isActive()

    def _read(self, key: str, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._seq[key] += 1
        seq = self._seq[key]
        self._in_flight += 1

        def done(result: Any) -> None:
            self._in_flight -= 1
            if seq == self._seq[key]:
                on_done(result)

        self.ctx.run_read(fn, done)

    def reload(self) -> None:
        """Read everything shown again (after imports, edits, a new extraction). While the dock
        is hidden (closed, or behind "Story entities") this only marks the ledger stale: the
        read thread is the search's too, and a ledger nobody looks at must not delay a search."""
        self._changes.stop()
        if not self.shown() or self.ctx.archive is None:  # None: a window still opening its archive
            self._stale = True
            return
        self._stale = False
        self._load_statements()
        self._load_speakers()
        self._load_story()

    def _search_now(self) -> None:
        self._debounce.stop()
        self._load_statements()
        self._speaker_selected()

    def _load_statements(self) -> None:
        archive, search = self.ctx.archive, self.search.text()
        self._read("statements", lambda: queries.load_statements(archive, search=search),
                   lambda rows: self._statements_loaded(search, rows))

    def _statements_loaded(self, search: str, rows: list[StatementRow]) -> None:
        table = self.by_statement.statements
        keep = self._pending_statement or self._selected(table, StatementRow, "id")
        table.model().set_rows(rows)
        words = queries.words_of(search)
        if words:
            text = f"{len(rows):,} statement{'s' if len(rows) != 1 else ''} with \u201c{' '.join(words)}\u201d"
        elif rows:
            text = f"{len(rows):,} statements, the most carried first"
        else:
            text = "No quotations yet. Use Quotations \u25b8 Find quotations in every story again."
        self.by_statement.summary.setText(text)
        self._pending_statement = None
        if keep is not None and not self._select(table, lambda r: r.id == keep):
            self._statement_selected()
        self.loaded.emit("statements")

    def _load_speakers(self) -> None:
        archive = self.ctx.archive
        self._read("speakers", lambda: queries.load_speakers(archive), self._speakers_loaded)

    def _speakers_loaded(self, rows: list[SpeakerRow]) -> None:
        table = self.by_speaker.speakers
        keep = self._selected(table, SpeakerRow, "name")
        table.model().set_rows(rows)
        self.by_speaker.summary.setText(f"{len(rows):,} speakers, most quoted first" if rows
                                        else "Nobody is quoted yet.")
        if keep is None or not self._select(table, lambda r: r.name == keep):
            self._speaker_selected()
        self.loaded.emit("speakers")

    def show_story(self, article_id: int | None, *, force: bool = False) -> None:
        """Follow the reader: list the quotations of ``article_id`` (None: no story open)."""
        if article_id == self.article_id and not force:
            return
        self.article_id = article_id
        if self.shown() and self.ctx.archive is not None:
            self._load_story()
        else:
            self._stale = True

    def shown(self) -> bool:
        """Visible to the user: shown, and (in a dock) not behind another dock's tab."""
        return self._in_front and self.isVisible()

    def set_shown(self, in_front: bool) -> None:
        """The dock's ``visibilityChanged``: a tabified dock is not hidden behind another tab,
        only moved out of sight, so the window tells the ledger."""
        self._in_front = in_front
        if in_front and self._stale and self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self._in_front:
            self.reload()

    def _load_story(self) -> None:
        article_id, archive = self.article_id, self.ctx.archive
        if article_id is None:
            self._seq["story"] += 1
            self._story_loaded(None, "", [])
            return

        def work() -> tuple[str, list[StoryQuote]]:
            row = archive.db.execute("SELECT headline FROM articles WHERE id = ?", [article_id]).fetchone()
            return (row[0] if row and row[0] else "(no headline)"), queries.load_story_quotes(archive, article_id)

        self._read("story", work, lambda result: self._story_loaded(article_id, *result))

    def _story_loaded(self, article_id: int | None, headline: str, rows: list[StoryQuote]) -> None:
        page = self.in_story
        page.quotes.model().set_rows(rows)
        if article_id is None:
            page.summary.setText("Open a story to see its quotations.")
        elif rows:
            page.summary.setText(f"{len(rows)} quotation{'s' if len(rows) != 1 else ''} in \u201c{headline}\u201d")
        else:
            page.summary.setText(f"No quotations found in \u201c{headline}\u201d.")
        page.summary.setToolTip(headline)
        self._quote_selected()
        self.loaded.emit("story")

    # -- selection -----------------------------------------------------------------------------

    @staticmethod
    def _selected(table: LedgerTable, kind: type, attr: str) -> Any:
        row = table.current_row()
        item = table.model().row(row) if row >= 0 else None
        return getattr(item, attr) if isinstance(item, kind) else None

    @staticmethod
    def _select(table: LedgerTable, test: Callable[[Any], bool]) -> bool:
        for n, item in enumerate(table.model().rows()):
            if test(item):
                table.selectRow(n)
                table.scrollTo(table.model().index(n, 0))
                return True
        return False

    def _statement_selected(self) -> None:
        page = self.by_statement
        row = page.statements.model().row(page.statements.current_row())
        page.stories.model().set_rows([])
        if row is None:
            self._seq["stories"] += 1
            page.stories_label.setText("Select a statement to see the stories that carry it.")
            page.details.clear()
        else:
            page.stories_label.setText("Loading the stories\u2026")
            page.details.setHtml(statement_html(row))
            archive, statement_id = self.ctx.archive, row.id
            self._read("stories", lambda: queries.load_stories(archive, statement_id),
                       lambda rows: self._stories_loaded(row, rows))
        self._update_buttons()

    def _stories_loaded(self, statement: StatementRow, rows: list[CarriedBy]) -> None:
        page = self.by_statement
        page.stories.model().set_rows(rows)
        first = rows[0] if rows else None
        where = ", ".join(p for p in ((first.outlet, first.date or "undated") if first else ()) if p)
        page.stories_label.setText(f"Carried by {stories_text(len({r.article_id for r in rows}))}"
                                   + (f"; first: {where}" if where else ""))
        self._update_buttons()
        self.loaded.emit("stories")

    def _story_selected(self) -> None:
        page = self.by_statement
        row = page.stories.model().row(page.stories.current_row())
        if isinstance(row, CarriedBy):
            page.details.setHtml(carried_html(row))
            page.fix.show_quote(row.speaker)
        else:
            page.fix.show_quote(None, enabled=False)
        self._update_buttons()

    def _speaker_selected(self) -> None:
        page = self.by_speaker
        row = page.speakers.model().row(page.speakers.current_row())
        if row is None:
            self._seq["speaker_statements"] += 1
            page.statements.model().set_rows([])
            page.statements_label.setText("Select a speaker to see their statements.")
            page.details.clear()
            self._update_buttons()
            return
        archive, name, search = self.ctx.archive, row.name, self.search.text()
        page.statements_label.setText(f"Loading the statements of {name}\u2026")
        self._read("speaker_statements", lambda: queries.load_statements(archive, speaker=name, search=search),
                   lambda rows: self._speaker_statements_loaded(name, search, rows))

    def _speaker_statements_loaded(self, name: str, search: str, rows: list[StatementRow]) -> None:
        page = self.by_speaker
        keep = self._selected(page.statements, StatementRow, "id")
        page.statements.model().set_rows(rows)
        words = " ".join(queries.words_of(search))
        noun = f"statement{'s' if len(rows) != 1 else ''}"
        page.statements_label.setText(f"{len(rows)} {noun} by {name}" + (f" with \u201c{words}\u201d" if words else ""))
        if keep is None or not self._select(page.statements, lambda r: r.id == keep):
            self._speaker_statement_selected()
        self.loaded.emit("speaker_statements")

    def _speaker_statement_selected(self) -> None:
        page = self.by_speaker
        row = page.statements.model().row(page.statements.current_row())
        if row is None:
            page.details.clear()
        else:
            page.details.setHtml(statement_html(row))
        self._update_buttons()

    def _quote_selected(self) -> None:
        page = self.in_story
        row = page.quotes.model().row(page.quotes.current_row())
        if row is None:
            page.details.clear()
            page.fix.show_quote(None, enabled=False)
        else:
            page.details.setHtml(quote_html(row))
            page.fix.show_quote(row.speaker)
        self._update_buttons()

    # -- correcting a speaker -------------------------------------------------------------------

    def correct_speaker(self, name: str | None, table: LedgerTable | None = None) -> bool:
        """Set (or confirm) the speaker of the quote selected in ``table`` (default: the current
        tab's) and of every quote of its statement, on the writer thread, with Undo. False when
        no quote is selected or the ledger is read-only."""
        table = table or (self.in_story.quotes if self.tabs.currentIndex() == self.IN_STORY else self.by_statement.stories)
        row = table.model().row(table.current_row())
        if not isinstance(row, (CarriedBy, StoryQuote)) or self.ctx.archive is None:
            return False
        from ...core.quotes.store import correct_speaker, undo_correction

        archive, quote_id = self.ctx.archive, row.quote_id

        def work() -> Any:
            try:
                return correct_speaker(archive, quote_id, name)
            except (KeyError, ValueError) as exc:
                return exc

        def done(change: Any) -> None:
            if isinstance(change, Exception):
                self.message.emit(f"Speaker not changed: {change if isinstance(change, ValueError) else 'the quotation is gone'}")
                return
            who = change.speaker or "nobody named"
            what = "confirmed" if change.speaker == row.speaker else "set"
            self.ctx.push_undo(f"speaker {who!r} for {len(change.quote_ids)} quotation{'s' if len(change.quote_ids) != 1 else ''}",
                               lambda: undo_correction(archive, change))
            self.message.emit(f"Speaker {what}: {who}, in {stories_text(change.stories)}.")
            self.speaker_corrected.emit(list(change.quote_ids))
            self.ctx.changed(sorted({r["article_id"] for r in change.before}))

        self.ctx.run_write(work, done)
        return True

    def _update_buttons(self) -> None:
        s, p, q = self.by_statement, self.by_speaker, self.in_story
        statement, story = s.statements.current_row() >= 0, s.stories.current_row() >= 0
        s.open_button.setEnabled(story or statement)
        s.copy_button.setEnabled(story or statement)
        spoken = p.statements.current_row() >= 0
        p.stories_button.setEnabled(spoken)
        p.copy_button.setEnabled(spoken)
        quote = q.quotes.model().row(q.quotes.current_row())
        q.copy_button.setEnabled(quote is not None)
        q.statement_button.setEnabled(quote is not None and quote.statement_id is not None)
        self.copy_action.setEnabled(self._citation_target() is not None)
