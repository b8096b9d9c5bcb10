"""The main window: search box, results table, reader, Filters dock, menus and status bar.

Everything slow runs off the GUI thread. Searches run on their own one-thread pool (a Whoosh
searcher is used by one thread at a time) and come back through a :class:`TaskRunner`
(:mod:`desktop.ui.tasks`) living in the GUI thread, so results are delivered by a queued signal;
a sequence number throws away the answer to a query that has since been replaced. Index updates
and imports share a second one-thread pool: Whoosh allows one writer. After an edit, delete or
Undo (:mod:`desktop.ui.edit_commands`) the index catches up there and the results refresh.

The window is split by concern: menus in :mod:`~desktop.ui.actions`, importing in
:mod:`~desktop.ui.window_imports`, switching archives in :mod:`~desktop.ui.archive_switch`,
help in :mod:`~desktop.ui.help`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    QSettings,
    QSize,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.search.lazy_engine import LazyEngine
from ..core.search.requests import SearchRequest, SearchResults
from .actions import apply_icons, build_menus, refresh_recent_menu, remember_archive
from .archive_switch import ArchiveSwitchMixin
from .edit_commands import EditCommands
from .facets_panel import FacetsPanel
from .help import about_box, about_text, query_help_dialog, shortcuts_dialog
from .models.results_model import IdRole, ResultsModel, sort_column
from .search_bar import ChipBar, SearchBar
from .tasks import TaskRunner
from .window_briefing import BriefingMixin
from .window_entities import EntitiesMixin
from .window_imports import ImportingMixin
from .window_quotes import QuotesMixin
from .window_related import RelatedMixin

if TYPE_CHECKING:
    from ..core.archive import Archive

__all__ = ["MainWindow"]

#: Hits fetched with snippets by each search (the rest of the ids load lazily).
FIRST_PAGE = 100
STATE_VERSION = 1


@dataclass
class SearchOutcome:
    """What a search worker hands back to the window."""

    request: SearchRequest
    results: SearchResults
    ids: list[int]
    terms: set[str] = field(default_factory=set)
    phrases: list[list[str]] = field(default_factory=list)
    #: Articles in the whole archive, counted on the search thread (not the GUI thread).
    archive_total: int | None = None


class _ProgressRelay(QObject):
    """Lives in the GUI thread: a worker's ``progress(done, total)`` arrives here queued."""

    progressed = Signal(int, int)


# -- the window ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _IndexNeedsRebuild:
    """A search's answer when the index turned out damaged (what to tell the reporter)."""

    message: str


class MainWindow(ImportingMixin, ArchiveSwitchMixin, EntitiesMixin, QuotesMixin, BriefingMixin, RelatedMixin,
                 QMainWindow):
    """The archive browser. ``settings`` defaults to the app's QSettings (tests pass their own)."""

    #: Emitted in the GUI thread after each search's results are shown (total hits).
    search_finished = Signal(int)
    #: Emitted when the index is ready for searching (after the start-up catch-up).
    index_ready = Signal()
    #: Emitted when an import started from this window has finished.
    import_finished = Signal(object)
    #: Emitted when the results have been refreshed after an edit, delete, undo or archive switch.
    results_refreshed = Signal()
    #: Emitted after the window switched to another archive (its folder).
    archive_switched = Signal(str)
    #: Emitted in the GUI thread while the index is caught up or rebuilt: (done, total).
    index_progress = Signal(int, int)

    def __init__(self, archive: Archive | None, settings: QSettings | None = None, parent: QWidget | None = None,
                 *, folder: str | None = None) -> None:
        """A window on ``archive``; or, with ``archive`` None, an empty window for ``folder``
        that :meth:`open_first_archive` fills once the archive is open (so the window paints
        before SQLite and the archive code are even imported)."""
        super().__init__(parent)
        self.archive: Archive = archive  # type: ignore[assignment] - None only until attached
        self.settings = settings if settings is not None else QSettings()
        shown_folder = archive.folder if archive is not None else folder
        self.setWindowTitle(f"Newsroom Archive \u2014 {shown_folder}")
        self.setAcceptDrops(True)

        self._seq = 0
        self._index_is_ready = False
        self._pending_search = False
        self._importing = False
        self._queued_imports: list[str] = []
        self._controller: Any = None
        self._last: SearchOutcome | None = None
        self._search_archive: Archive | None = None
        #: The search engine, loaded by the first search on the search thread (after first paint).
        self.engines: LazyEngine | None = None
        if archive is not None:
            self._search_archive = self._open_search_archive()
            self.engines = LazyEngine(self._search_archive)
        self._search_pool = QThreadPool(self)
        self._search_pool.setMaxThreadCount(1)
        self._writer_pool = QThreadPool(self)
        self._writer_pool.setMaxThreadCount(1)
        self._tasks = TaskRunner(self._show_error, self)
        self._refresh_due = False
        self._change_pending = False
        self._reselect: list[int] | None = None
        self._pending_reselect: list[int] | None = None
        #: Articles in the archive as of the last search (None until the first one).
        self._article_total: int | None = None
        self._shown: int | None = None
        self._index_updating = False
        self._index_relay = _ProgressRelay(self)
        self._index_relay.progressed.connect(self._index_progressed)
        #: Archives this window opened itself (File > Open); it closes them.
        self._owned: set[int] = set()
        #: The last search whose answer (or failure) has arrived; below ``_seq`` one is running.
        self._answered_seq = 0
        #: Set by a refresh during an import: keep the scroll position and the open story.
        self._live_scroll: int | None = None
        #: The story the reader keeps showing while the results are refreshed under it.
        self._keep_reader: int | None = None

        self._build_widgets()
        self._build_entities()
        self.edits = EditCommands(self)
        build_menus(self)
        self._build_entities_menu()
        self._build_quotes()
        self._build_briefing()
        self._build_related()
        self._restore_state()
        if archive is None:
            self.path_label.setText(str(folder or ""))
            self.index_label.setText("Opening the archive\u2026")
            return
        remember_archive(self.settings, self.archive.folder)
        refresh_recent_menu(self)
        self._update_status()
        self._start_index_update()

    def open_first_archive(self, folder: str, on_opened: Callable[[Archive], None],
                           on_failed: Callable[[str], None],
                           on_damaged: Callable[[str], None] | None = None) -> None:
        """Open ``folder`` on the writer thread and attach it; ``on_failed(reason)`` if it cannot
        be opened (not an archive, newer version, in use by another copy, unreadable), or
        ``on_damaged(reason)``, when given, for a damaged one that recovery can rebuild."""

        def work() -> Archive | Exception:
            from ..core.archive import Archive, ArchiveTooNew, NotAnArchive
            from ..core.locking import ArchiveLocked

            try:
                return Archive.open(folder)
            except (NotAnArchive, ArchiveTooNew, ArchiveLocked, OSError) as exc:
                return exc

        def done(result: Archive | Exception) -> None:
            from ..core.archive import ArchiveDamaged

            if isinstance(result, ArchiveDamaged) and on_damaged is not None:
                on_damaged(str(result))
            elif isinstance(result, Exception):
                on_failed(str(result))
            else:
                self._switch_to(result, announce=False)
                on_opened(result)

        self._run(self._writer_pool, work, done, on_failed)

    # -- construction ----------------------------------------------------------------------------

    def _open_search_archive(self) -> Archive:
        """A read-only connection of the search thread's own (SQLite connections are per thread)."""
        from ..core.archive import Archive

        try:
            return Archive.open(self.archive.folder, readonly=True)
        except Exception:  # noqa: BLE001 - fall back to sharing the writer's connection
            return self.archive

    def _build_widgets(self) -> None:
        self.search_bar = SearchBar(self.settings, self)
        self.search_bar.search_requested.connect(self._search_requested)
        self.chips = ChipBar(self)
        self.chips.changed.connect(self.search_now)

        toolbar = QToolBar("Search", self)
        toolbar.setObjectName("searchToolbar")
        toolbar.setMovable(False)
        # One container: a QToolBar ignores setVisible() on widgets added to it directly.
        strip = QWidget(toolbar)
        row = QHBoxLayout(strip)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(self.search_bar, 1)
        row.addWidget(self.chips)
        self.review_button = QToolButton(strip)
        self.review_button.setObjectName("reviewToggle")
        self.review_button.setText("Needs review")
        self.review_button.setCheckable(True)
        self.review_button.setToolTip("Show only stories with guessed or missing metadata to check")
        self.review_button.toggled.connect(lambda _on: self.search_now())
        row.addWidget(self.review_button)
        self.spellings_button = QToolButton(strip)
        self.spellings_button.setObjectName("spellingsToggle")
        self.spellings_button.setText("All spellings")
        self.spellings_button.setCheckable(True)
        self.spellings_button.setChecked(self.settings.value("search/all_spellings", True, type=bool))
        self.spellings_button.setToolTip(
            "A name that is an entity's alias also finds its other spellings (Kata'ib Hizbollah finds "
            "Kataib Hezbollah). Switch off to match names exactly as typed.")
        self.spellings_button.toggled.connect(lambda _on: self.search_now())
        row.addWidget(self.spellings_button)
        # entity: counts weak suggestions too: a menu item on the spellings button, so the
        # toolbar (the window's minimum width) does not grow.
        spellings_menu = QMenu(self.spellings_button)
        self.all_suggestions_action = spellings_menu.addAction("Count every entity suggestion")
        self.all_suggestions_action.setObjectName("allSuggestionsToggle")
        self.all_suggestions_action.setCheckable(True)
        self.all_suggestions_action.setToolTip("entity: searches also count stories where the entity is only "
                                               "weakly suggested (by default: confirmed or confident mentions)")
        self.all_suggestions_action.toggled.connect(lambda _on: self.search_now())
        self.spellings_button.setMenu(spellings_menu)
        self.spellings_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        toolbar.addWidget(strip)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

        self.message_label = QLabel(self)
        self.message_label.setObjectName("searchMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.RichText)
        self.message_label.setVisible(False)
        self.message_label.setContentsMargins(6, 2, 6, 2)
        self.message_label.linkActivated.connect(self._suggestion_clicked)

        self.model = ResultsModel(self.archive, self)
        self.table = QTableView(self)
        self.table.setObjectName("resultsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        # A click on a column title asks the search to re-sort the whole list (see
        # ResultsModel.sort_requested); the Sort combo and the title's arrow always agree.
        self.model.sort_requested.connect(self._column_sort_requested)
        self.search_bar.sort_combo.currentIndexChanged.connect(lambda _i: self._sync_sort_indicator())
        self._sync_sort_indicator()
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 90), (3, 60)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._open_row(current.row()))
        self.table.activated.connect(lambda index: self._open_row(index.row(), remember=True))
        self.table.doubleClicked.connect(lambda index: self.edits.edit_metadata(self.model.id_at(index.row())))

        self.reader = self._make_reader()
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("resultsSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.message_label)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.facets = FacetsPanel(self)
        self.facets.facet_clicked.connect(self.add_filter)
        self.filters_dock = QDockWidget("Filters", self)
        self.filters_dock.setObjectName("filtersDock")
        self.filters_dock.setWidget(self.facets)
        self.filters_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.filters_dock)
        self.resizeDocks([self.filters_dock], [230], Qt.Orientation.Horizontal)

        self.path_label = QLabel(str(self.archive.folder) if self.archive is not None else "", self)
        self.count_label = QLabel(self)
        self.index_label = QLabel("Updating index\u2026", self)
        status = self.statusBar()
        status.addWidget(self.path_label, 1)
        status.addPermanentWidget(self.count_label)
        status.addPermanentWidget(self.index_label)

    def _column_sort_requested(self, sort: str) -> None:
        if sort != self.search_bar.sort():
            self.search_bar.set_sort(sort)  # the combo's change runs the search
        self._sync_sort_indicator()

    def _sync_sort_indicator(self) -> None:
        column, order = sort_column(self.search_bar.sort())
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() != column or header.sortIndicatorOrder() != order:
            header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(False)
            header.viewport().update()

    # -- integration points (other modules may not exist yet) ------------------------------------

    def _make_reader(self) -> QWidget:
        """The reader pane from :mod:`desktop.ui.reader`, or a plain read-only text view."""
        try:
            from .reader import ReaderPane
        except ImportError:
            browser = QTextBrowser(self)
            browser.setObjectName("readerFallback")
            browser.setOpenExternalLinks(True)
            browser.setPlaceholderText("Select a story to read it here.")
            return browser
        return ReaderPane(self.archive)

    def _reader_show(self, article_id: int) -> None:
        article = self.archive.get(article_id)
        if article is None:
            self._reader_clear()
            return
        terms = self._last.terms if self._last else set()
        phrases = self._last.phrases if self._last else []
        self.story_entities.show_story(article_id)
        if hasattr(self.reader, "show_article"):
            self.reader.show_article(article, terms, phrases)
            return
        meta = " \u00b7 ".join(
            html.escape(part)
            for part in (article.outlet, article.pub_date.iso() if article.pub_date else None, ", ".join(article.byline))
            if part
        )
        headline = html.escape(article.headline) if article.headline else "<i>(no headline)</i>"
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article.body.split("\n") if p.strip())
        self.reader.setHtml(f"<h2>{headline}</h2><p style='color:gray'>{meta}</p>{paragraphs}")

    def _reader_clear(self) -> None:
        self.story_entities.show_story(None)
        if hasattr(self.reader, "show_article"):
            self.reader.clear()
        else:
            self.reader.clear()

    def reader_text(self) -> str:
        """The reader's text, for tests and accessibility checks."""
        if isinstance(self.reader, QTextBrowser):
            return self.reader.toPlainText()
        headline = getattr(self.reader, "headline", None)
        body = getattr(self.reader, "body", None)
        if getattr(self.reader, "article", None) is None or body is None:
            return ""
        return "\n".join(part for part in (headline.text() if headline else "", body.toPlainText()) if part)

    # -- background work -------------------------------------------------------------------------

    def _run(self, pool: QThreadPool, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[str], None] | None = None) -> None:
        self._tasks.run(pool, fn, on_done, on_error)

    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def _start_index_update(self) -> None:
        self._set_index_state(False)
        self._index_updating = True
        archive, relay = self.archive, self._index_relay

        def work() -> object:  # on the writer thread: progress is relayed to the GUI thread, queued
            from ..core.operations import bring_index_up_to_date  # Whoosh loads here, not before paint

            return bring_index_up_to_date(archive, progress=lambda done, total: relay.progressed.emit(done, total))

        self._run(self._writer_pool, work, self._index_updated, self._index_failed)

    @Slot(int, int)
    def _index_progressed(self, done: int, total: int) -> None:
        if not self._index_updating:
            return  # a late value after the update ended
        percent = min(100, done * 100 // total) if total > 0 else 100
        self.index_label.setText(f"Updating index {percent}%")
        self.index_progress.emit(done, total)

    def _index_updated(self, _outcome: object) -> None:
        self._index_updating = False
        self._set_index_state(True)
        if self._change_pending:  # the edits are in the index now: refresh and reselect
            self._change_pending, self._refresh_due = False, True
            self._reselect, self._pending_reselect = self._pending_reselect, None
        self._index_is_ready = True
        self.index_ready.emit()
        self.search_now()
        self._flush_queued_imports()

    def _index_failed(self, message: str) -> None:
        self._index_updating = False
        self.index_label.setText("Index needs repair")
        self._index_is_ready = True  # an import rebuilds it; searches report their own errors
        self._show_message([f"The search index could not be brought up to date ({message})."], [])

    def _set_index_state(self, ready: bool) -> None:
        self.index_label.setText("Index up to date" if ready else "Updating index\u2026")

    def wait_for_background(self, msecs: int = 30000) -> None:
        self._writer_pool.waitForDone(msecs)
        self._search_pool.waitForDone(msecs)

    # -- searching -------------------------------------------------------------------------------

    def current_request(self) -> SearchRequest:
        review = [("review", "yes")] if self.review_button.isChecked() else []
        return SearchRequest(query=self.search_bar.text(), filters=self.chips.filters() + review,
                             sort=self.search_bar.sort(), limit=FIRST_PAGE,
                             expand_aliases=self.spellings_button.isChecked(),
                             all_suggestions=self.all_suggestions_action.isChecked())

    @Slot()
    def search_now(self) -> None:
        self._search_requested(False)

    def _search_requested(self, remember: bool) -> None:
        if remember:
            self.search_bar.remember(self.search_bar.text())
        if not self._index_is_ready:
            self._pending_search = True
            return
        self._seq += 1
        seq = self._seq
        request = self.current_request()
        engines, search_archive = self.engines, self._search_archive

        def work() -> SearchOutcome | _IndexNeedsRebuild:
            from ..core.search.index import IndexDamaged

            engine = engines.get()
            try:
                results = engine.search(request)
            except IndexDamaged as exc:  # marked damaged: the index update rebuilds it
                return _IndexNeedsRebuild(str(exc))
            if results.total > len(results.hits):
                ids = engine.ids(request)
            else:
                ids = [hit.id for hit in results.hits]
            terms, phrases = engine.highlight_terms(request.query) if request.query.strip() else (set(), [])
            # count(*) scans a whole index (tens of ms at 100k articles): here, not on the GUI thread
            return SearchOutcome(request, results, ids, terms, phrases, archive_total=search_archive.count())

        def done(outcome: SearchOutcome | _IndexNeedsRebuild) -> None:
            if isinstance(outcome, _IndexNeedsRebuild):
                self._rebuild_damaged_index(seq, outcome.message)
            else:
                self._show_results(seq, outcome)

        self._run(self._search_pool, work, done, lambda message: self._search_failed(seq, message))

    def _rebuild_damaged_index(self, seq: int, message: str) -> None:
        """A search met a damaged index: say so, rebuild it from the archive, then search again
        (the update's refresh runs the current search once the index is whole)."""
        self._answered_seq = max(self._answered_seq, seq)
        if seq == self._seq:
            self._show_message([message[:1].upper() + message[1:] + "."], [])
        self._change_pending = True
        if not self._index_updating:
            self._start_index_update()

    def _search_failed(self, seq: int, message: str) -> None:
        self._answered_seq = max(self._answered_seq, seq)
        self._live_scroll = None
        if seq == self._seq:
            self._show_message([f"The search failed: {message}"], [])
            if self._refresh_due:  # the refresh after a change is over, if unhappily
                self._refresh_due = False
                self.results_refreshed.emit()

    def search_running(self) -> bool:
        return self._answered_seq < self._seq

    def _show_results(self, seq: int, outcome: SearchOutcome) -> None:
        self._answered_seq = max(self._answered_seq, seq)
        if seq != self._seq:
            return  # an older query finishing after a newer one
        selected, self._reselect = (self._reselect, None) if self._reselect is not None else (self.selected_ids(), None)
        refreshed, self._refresh_due = self._refresh_due, False
        live_scroll, self._live_scroll = self._live_scroll, None
        self._last = outcome
        results = outcome.results
        shown = getattr(self.reader, "article", None)
        self.model.set_results(outcome.ids, results.hits)
        self.facets.set_facets(results.facets, self.chips.filters())
        messages = list(results.messages)
        if outcome.archive_total is not None:
            self._article_total = outcome.archive_total
        if self._article_total == 0:
            messages.append("This archive is empty. Import stories with File \u25b8 Import files\u2026 "
                            "(Ctrl+I), or drop files and folders on this window.")
        self._show_message(messages, results.suggestions)
        self._update_status(results.total)
        if live_scroll is not None and shown is not None:
            # A refresh during an import: the story being read stays as it is (no re-render,
            # no jump back to its top), even if it has scrolled out of the results.
            self._keep_reader = shown.id
        if not self.select_ids(selected) and live_scroll is None:
            self._reader_clear()
        self._keep_reader = None
        if live_scroll is not None:
            self.table.verticalScrollBar().setValue(live_scroll)
        self.search_finished.emit(results.total)
        if refreshed:
            self.results_refreshed.emit()

    def _show_message(self, messages: list[str], suggestions: list[str]) -> None:
        parts = [html.escape(m) for m in messages]
        if suggestions:
            links = ", ".join(f'<a href="{html.escape(s, quote=True)}">{html.escape(s)}</a>' for s in suggestions)
            parts.append(f"Did you mean: {links}?")
        self.message_label.setText("<br>".join(parts))
        self.message_label.setVisible(bool(parts))

    def _suggestion_clicked(self, text: str) -> None:
        self.search_bar.set_text(text)

    def message_text(self) -> str:
        return self.message_label.text() if self.message_label.isVisible() else ""

    def add_filter(self, facet: str, value: str) -> None:
        self.search_bar.remember(self.search_bar.text())
        self.chips.add(facet, value)  # emits changed -> search_now

    # -- results and the reader ------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.index(row, 0).data(IdRole) for row in rows]

    def current_id(self) -> int | None:
        return self.model.id_at(self.table.selectionModel().currentIndex().row())

    def select_ids(self, ids: list[int]) -> bool:
        """Select the rows of those ids still in the results (the first becomes current)."""
        rows = [r for r in (self.model.row_of(i) for i in ids) if r >= 0]
        if not rows:
            return False
        self.select_row(rows[0])
        selection = QItemSelection()
        for row in rows[1:]:
            selection.select(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1))
        self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)
        return True

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    def _open_row(self, row: int, *, remember: bool = False) -> None:
        article_id = self.model.id_at(row)
        if article_id is None or article_id == self._keep_reader:
            return
        if remember:
            self.search_bar.remember(self.search_bar.text())
        self._reader_show(article_id)

    # -- after edits and deletes ---------------------------------------------------------------

    def archive_changed(self, reselect: list[int] | None) -> None:
        """SQLite changed: catch the index up off the GUI thread, then refresh the results and
        select ``reselect`` (None keeps the current selection where it survives)."""
        self._change_pending = True
        self._pending_reselect = reselect if reselect is not None else self.selected_ids()
        self._update_status()
        if self._importing:  # the import's own index update (one writer) runs afterwards
            return
        self._start_index_update()

    def stories_deleted(self, ids: list[int]) -> None:
        """Take deleted stories off the list at once; the reader clears."""
        self.model.remove_ids(ids)
        self.table.selectionModel().clearSelection()
        self._reader_clear()

    # -- help ------------------------------------------------------------------------------------

    def show_query_help(self) -> QDialog:
        self.help_dialog = query_help_dialog(self)
        self.help_dialog.show()
        return self.help_dialog

    def about_text(self) -> str:
        return about_text(self.archive.folder)

    def show_shortcuts(self) -> QDialog:
        self.shortcuts_dialog = shortcuts_dialog(self)
        self.shortcuts_dialog.show()
        return self.shortcuts_dialog

    def show_about(self) -> QMessageBox:
        self.about_box = about_box(self, self.archive.folder)
        self.about_box.open()
        return self.about_box

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "undo_action"):
            apply_icons(self)  # light <-> dark: outlines follow the text colour

    # -- status and state ------------------------------------------------------------------------

    def _update_status(self, shown: int | None = None) -> None:
        """Show ``shown`` of the archive's articles; the total is the one counted by the last
        search, off the GUI thread (every change is followed by a search that recounts)."""
        if shown is None:
            shown = self._shown
        self._shown = shown
        total = self._article_total
        if total is None:
            self.count_label.setText("")
            return
        text = f"{total:,} article{'s' if total != 1 else ''}"
        if shown is not None and shown != total:
            text = f"{shown:,} of {text}"
        self.count_label.setText(text)

    def _restore_state(self) -> None:
        # Docks first: which are open decides the window's minimum size, which the geometry
        # must then fit.
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state, STATE_VERSION)
            self.layout().activate()  # the minimum size now counts only the docks still open
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(self.default_size())
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([300, 450])
        sort = self.settings.value("search/sort")
        if isinstance(sort, str):
            self.search_bar.sort_combo.blockSignals(True)
            self.search_bar.set_sort(sort)
            self.search_bar.sort_combo.blockSignals(False)
            self._sync_sort_indicator()

    def default_size(self) -> QSize:
        """1280 x 800, or less on a smaller screen (leaving room for the frame and panels)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(1280, 800)
        available = screen.availableGeometry()
        return QSize(min(1280, available.width() - 40), min(800, available.height() - 60))

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(STATE_VERSION))
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("search/sort", self.search_bar.sort())
        self.settings.setValue("search/all_spellings", self.spellings_button.isChecked())
        self.settings.sync()

    def _stop_background(self) -> None:
        """Stop an import after its current file, wait for the pools, close the search side."""
        job = getattr(self._controller, "job", None)
        if job is not None:  # an import in progress: stop after the current file
            job.cancel()
            job.wait(60)
        self.wait_for_background(60000)
        if self.engines is not None:
            self.engines.close()
        if self._search_archive is not None and self._search_archive is not self.archive:
            self._search_archive.close()

    def shutdown(self) -> None:
        """Save state and wait for background work. The archive the window was given may be
        closed afterwards by its owner; one opened from File > Open is closed here."""
        if getattr(self, "_shut", False):
            return
        self._shut = True
        self._tasks.stop()
        self.task_progress.stop_and_wait()
        self._stop_briefings()
        self.save_state()
        self.search_bar.timer.stop()
        self._stop_background()
        if self.archive is not None and id(self.archive) in self._owned:
            self.archive.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
