"""Briefing > Briefing drafts...: the drafts kept in the archive, to reopen or delete.

Drafts are read on the window's read thread and deleted on its writer thread. Deleting asks no
question: the dialog keeps the deleted briefing and offers Undo until the next deletion or until
it closes, which is quicker than a confirmation and as safe.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.briefing.from_archive import delete_draft, list_drafts, load_draft, save_draft
from ...core.briefing.model import Briefing
from .models import DraftsModel, IdRole, SortRole
from .services import BriefingServices

__all__ = ["DraftsDialog"]


class DraftsDialog(QDialog):
    """The archive's briefing drafts, newest first; Open emits :attr:`open_requested`."""

    #: The reporter asked to open this draft (its id).
    open_requested = Signal(int)
    #: The list has been (re)read.
    reloaded = Signal()

    def __init__(self, services: BriefingServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefingDrafts")
        self.setWindowTitle("Briefing drafts")
        self.services = services
        self.model = DraftsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        table = self.table = QTableView(self)
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(True)
        table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a path's end (the file name) matters most
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 220)
        table.activated.connect(lambda _index: self.open_selected())
        table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.message = QLabel(self)
        self.undo_button = QPushButton("&Undo delete", self)
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()
        self.open_button = QPushButton("&Open", self)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton("&Delete", self)
        self.delete_button.clicked.connect(self.delete_selected)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(table, 1)
        layout.addLayout(buttons)
        self._deleted: Briefing | None = None
        self._deleted_exported: str | None = None
        self.resize(760, 420)
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        archive = self.services.archive
        self.services.run_read(lambda: list_drafts(archive), self._show)

    def _show(self, drafts: list) -> None:
        self.model.set_drafts(drafts)
        if not drafts:
            self.message.setText("No drafts yet: a briefing is kept here when you save or export it.")
        elif not self.undo_button.isVisible():
            self.message.setText(f"{len(drafts)} draft{'s' if len(drafts) != 1 else ''}")
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()
        self.reloaded.emit()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(IdRole) if rows else None

    def select_draft(self, draft_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(IdRole) == draft_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def open_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is not None:
            self.open_requested.emit(draft_id)

    def delete_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        archive = self.services.archive
        rows = self.table.selectionModel().selectedRows()
        summary = self.model.draft_at(self.proxy.mapToSource(rows[0]).row()) if rows else None
        self._deleted_exported = summary.exported_to if summary is not None else None

        def work() -> Briefing | None:
            kept = load_draft(archive, draft_id)
            delete_draft(archive, draft_id)
            return kept

        def done(kept: Briefing | None) -> None:
            self._deleted = kept
            if kept is not None:
                self.message.setText(f"Deleted \u201c{kept.title or 'Untitled briefing'}\u201d.")
                self.undo_button.show()
            self.reload()

        self.services.run_write(work, done)

    def undo_delete(self) -> None:
        """Put the last deleted draft back (as a new draft with the same content)."""
        kept, self._deleted = self._deleted, None
        self.undo_button.hide()
        if kept is None:
            return
        archive = self.services.archive

        def done(draft_id: int) -> None:
            self.message.setText(f"\u201c{kept.title or 'Untitled briefing'}\u201d is back.")
            self.reloaded.connect(self._select_once(draft_id))
            self.reload()

        exported = self._deleted_exported
        self.services.run_write(lambda: save_draft(archive, kept, exported_to=exported), done)

    def _select_once(self, draft_id: int) -> Callable[[], None]:
        def select() -> None:
            self.reloaded.disconnect(select)
            self.select_draft(draft_id)

        return select
