"""Quotations in the main window: the Quotations dock, the Quotations menu, and the job that
finds the quotations of every story again.

A mixin of :class:`desktop.ui.main_window.MainWindow`, like :mod:`~desktop.ui.window_entities`,
whose :class:`~desktop.ui.entities.context.EntityContext` it shares: quotations hang off
entities (a speaker is an entity) and are read on the same read thread, and an entity change
(a merge renames a speaker) is a reason to read the ledger again. The dock is tabified with
"Story entities" on the right, so it adds no width to the window. It follows the story in the
reader through the story panel's ``loaded`` signal, which the window fires for every story it
shows or clears; ``quotes_ledger.show_story(id)`` may also be called directly.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu

from .quotes.ledger import QuotesLedger

__all__ = ["QUOTES_WIDTH", "QuotesMixin"]

#: The right docks' width the first time the ledger comes to the front, when they are narrower:
#: "Story entities" is happy at its ~200 px minimum; statements and their wording are not.
QUOTES_WIDTH = 320


class QuotesMixin:
    """Needs ``entity_ctx``, ``story_entities(_dock)``, ``task_progress``, ``reader``,
    ``select_ids``, ``_reader_show`` and ``import_finished``: build after
    :meth:`_build_entities_menu` and before ``_restore_state`` (so a saved layout finds the dock)."""

    def _build_quotes(self) -> None:
        self.quotes_ledger = QuotesLedger(self.entity_ctx, self)
        self.quotes_dock = QDockWidget("Quotations", self)
        self.quotes_dock.setObjectName("quotesDock")
        self.quotes_dock.setWidget(self.quotes_ledger)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.quotes_dock)
        self.tabifyDockWidget(self.story_entities_dock, self.quotes_dock)
        self.story_entities_dock.raise_()
        self.quotes_ledger.set_shown(False)  # until its tab is raised: then visibilityChanged(True)
        self._quotes_widened = False
        self.quotes_dock.visibilityChanged.connect(self._quotes_visibility)
        self.quotes_ledger.quote_requested.connect(self.open_quote)
        self.quotes_ledger.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.import_finished.connect(lambda _report: self.quotes_ledger.reload())
        self.story_entities.loaded.connect(lambda: self.quotes_ledger.show_story(self.story_entities.article_id))
        self._build_quotes_menu()

    def _build_quotes_menu(self) -> None:
        menu = QMenu("&Quotations", self)
        help_menu = next((a for a in self.menuBar().actions() if a.text().replace("&", "") == "Help"), None)
        if help_menu is not None:
            self.menuBar().insertMenu(help_menu, menu)
        else:
            self.menuBar().addMenu(menu)
        self.quotes_menu = menu
        self.find_quotes_action = QAction("&Find quotations in every story again", self)
        self.find_quotes_action.setToolTip("Read every story again for quotations and who said them, then "
                                           "group the same statement across stories")
        self.find_quotes_action.triggered.connect(self.find_quotations_everywhere)
        self.show_quotes_action = QAction("&Show the quotations ledger", self)
        self.show_quotes_action.triggered.connect(self.show_quotes)
        menu.addAction(self.show_quotes_action)
        menu.addAction(self.find_quotes_action)
        menu.addSeparator()
        menu.addAction(self.quotes_dock.toggleViewAction())

    def _quotes_visibility(self, visible: bool) -> None:
        self.quotes_ledger.set_shown(visible)
        if visible and not self._quotes_widened and not self.quotes_dock.isFloating():
            self._quotes_widened = True  # once: a width the reporter then chooses is kept
            if self.quotes_dock.width() < QUOTES_WIDTH:
                self.resizeDocks([self.quotes_dock], [QUOTES_WIDTH], Qt.Orientation.Horizontal)

    # -- commands ----------------------------------------------------------------------------

    def show_quotes(self, tab: int | None = None) -> QuotesLedger:
        """Show and raise the Quotations dock (on ``tab``, a ``QuotesLedger.BY_...`` index)."""
        self.quotes_dock.show()
        self.quotes_dock.raise_()
        if tab is not None:
            self.quotes_ledger.tabs.setCurrentIndex(tab)
        return self.quotes_ledger

    def open_quote(self, article_id: int, start: int, end: int) -> None:
        """Show the story in the reader with the quotation marked and scrolled into view."""
        reader = self.reader
        if getattr(getattr(reader, "article", None), "id", None) != article_id \
                and not self.select_ids([article_id]):
            # open_story() without its raise_(): the dock is in this window, already in front
            self._reader_show(article_id)
        if hasattr(reader, "mark_spans"):
            reader.mark_spans([(start, end)])

    def find_quotations_everywhere(self) -> bool:
        """Extract every story's quotations again in the background (progress and Cancel in the
        status bar), regroup the statements, then re-index and reload; False if a job is running."""
        from ..core.quotes.store import extract_for_archive

        def done(stored: Any) -> None:
            job = self.task_progress.job  # still set while its result is delivered
            stopped = " (stopped: the stories not yet read keep their quotations)" if job and job.cancelled else ""
            self.statusBar().showMessage(f"Quotations found again{stopped}: {stored:,} quotations stored.", 10000)
            self.entity_ctx.changed([])  # the window re-indexes (quote: searches) and the ledger reloads

        return self.task_progress.run("Finding quotations", extract_for_archive, self.archive, on_done=done)
