"""The ledger's commands: open a quote in the reader, jump to a statement, copy a citation,
and the tables' context menus.

A mixin of :class:`~.ledger.QuotesLedger`, apart to keep each module short; it uses the
ledger's pages, its ``_read`` (every read on the read thread) and its ``quote_requested`` and
``message`` signals. A statement has no wording of its own, so copying one copies the citation of
its first appearance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from . import queries
from .models import RowRole
from .queries import CarriedBy, StatementRow, StoryQuote

if TYPE_CHECKING:
    from .pages import LedgerTable

__all__ = ["LedgerCommands"]


class LedgerCommands:
    """Open, show, copy: the ledger's actions on its selection."""

    BY_STATEMENT, BY_SPEAKER, IN_STORY = 0, 1, 2
    #: Set by the ledger.
    by_statement: Any
    by_speaker: Any
    in_story: Any
    tabs: Any
    search: Any
    ctx: Any
    copy_action: Any
    article_id: int | None
    last_citation: str | None
    _pending_statement: int | None

    def _request(self, row: CarriedBy | StoryQuote | None) -> None:
        if isinstance(row, CarriedBy):
            self.quote_requested.emit(row.article_id, row.start, row.end)
        elif isinstance(row, StoryQuote) and self.article_id is not None:
            self.quote_requested.emit(self.article_id, row.start, row.end)

    def _open_first_appearance(self, index: QModelIndex) -> None:
        row = index.data(RowRole)
        if not isinstance(row, StatementRow):
            return
        archive = self.ctx.archive
        self._read("open", lambda: queries.load_stories(archive, row.id),
                   lambda rows: self._request(rows[0]) if rows else None)

    def open_selected(self) -> None:
        """Open (or, in the story, mark) the selected quote; on a bare statement, its stories."""
        tab = self.tabs.currentIndex()
        if tab == self.BY_STATEMENT:
            s = self.by_statement
            if s.stories.current_row() >= 0:
                self._request(s.stories.model().row(s.stories.current_row()))
            elif s.statements.current_row() >= 0:
                self._open_first_appearance(s.statements.model().index(s.statements.current_row(), 0))
        elif tab == self.BY_SPEAKER:
            row = self.by_speaker.statements.model().row(self.by_speaker.statements.current_row())
            if row is not None:
                self.show_statement(row.id)
        else:
            self._request(self.in_story.quotes.model().row(self.in_story.quotes.current_row()))

    def show_statement(self, statement_id: int) -> None:
        """Switch to *By statement* with this statement selected (clearing a search that hides it)."""
        self.tabs.setCurrentIndex(self.BY_STATEMENT)
        table = self.by_statement.statements
        if self._select(table, lambda r: r.id == statement_id):
            table.setFocus()
            return
        self._pending_statement = statement_id
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._load_statements()

    def _quote_statement(self) -> None:
        row = self.in_story.quotes.model().row(self.in_story.quotes.current_row())
        if row is not None and row.statement_id is not None:
            self.show_statement(row.statement_id)

    def _citation_target(self) -> tuple[int | None, int | None] | None:
        """(quote id, statement id) of what Copy citation would copy, or None."""
        tab = self.tabs.currentIndex()
        if tab == self.BY_STATEMENT:
            s = self.by_statement
            story = s.stories.model().row(s.stories.current_row())
            if story is not None:
                return story.quote_id, None
            statement = s.statements.model().row(s.statements.current_row())
            return (None, statement.id) if statement is not None else None
        if tab == self.BY_SPEAKER:
            statement = self.by_speaker.statements.model().row(self.by_speaker.statements.current_row())
            return (None, statement.id) if statement is not None else None
        quote = self.in_story.quotes.model().row(self.in_story.quotes.current_row())
        return (quote.quote_id, None) if quote is not None else None

    def copy_citation(self) -> bool:
        """Put the selected quote's citation on the clipboard (read off the GUI thread; a
        statement copies its first appearance). False when nothing is selected."""
        target = self._citation_target()
        if target is None:
            return False
        archive, (quote_id, statement_id) = self.ctx.archive, target
        self._read("copy", lambda: queries.citation_for(archive, quote_id=quote_id, statement_id=statement_id),
                   self._copied)
        return True

    def _copied(self, text: str | None) -> None:
        if not text:
            self.message.emit("That quotation is no longer in the archive.")
            return
        self.last_citation = text
        QGuiApplication.clipboard().setText(text)
        self.message.emit("Copied the citation.")

    def _context_menu(self, table: LedgerTable, pos: QPoint) -> None:
        index = table.indexAt(pos)
        if not index.isValid():
            return
        table.selectRow(index.row())
        menu = QMenu(self)
        if table is self.by_statement.statements:
            menu.addAction("Open first appearance", lambda: self._open_first_appearance(index))
        elif table is self.by_speaker.speakers:
            return
        elif table is self.by_speaker.statements:
            menu.addAction("Show stories", self.open_selected)
        elif table is self.in_story.quotes:
            menu.addAction("Mark in story", self.open_selected)
            if index.data(RowRole).statement_id is not None:
                menu.addAction("All stories carrying it", self._quote_statement)
        else:
            menu.addAction("Open story", self.open_selected)
        menu.addAction(self.copy_action)
        menu.popup(table.viewport().mapToGlobal(pos))
