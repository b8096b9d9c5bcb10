"""The Entities dock: every entity of the archive, found by any of its names, filtered by kind.

A reporter looks up "Kata'ib" and finds Kataib Hezbollah, opens its page (double-click or
Enter), merges two rows that are the same entity, or goes through the review queue of proposed
merges. The table is an :class:`~desktop.ui.models.entities_model.EntitiesModel`, read on the
read thread: typing reloads it after a short pause (:data:`DEBOUNCE_MS`), so a fast typist
causes one query, not one per key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.entities.kinds import KIND_LABELS, KINDS
from ..models.entities_model import CONFIRMED, KIND, NAME, STORIES, EntitiesModel, IdRole
from . import actions
from .page import EntityPage, open_page
from .review import MergeReviewDialog

if TYPE_CHECKING:
    from .context import EntityContext

__all__ = ["DEBOUNCE_MS", "EntityBrowser"]

#: Pause after the last key before the search runs.
DEBOUNCE_MS = 200


class EntityBrowser(QWidget):
    """Search box, kind filter, the entities table, a count, Open / Merge / Review merges."""

    #: An entity page was opened or raised: entity id.
    page_opened = Signal(int)

    def __init__(self, ctx: EntityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("entityBrowser")
        self.review: MergeReviewDialog | None = None
        self.model = EntitiesModel(ctx, self)
        self._keep_selection: list[int] = []

        self.search = QLineEdit(self)
        self.search.setObjectName("entitySearch")
        self.search.setPlaceholderText("Find by any name\u2026")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find entities by any of their names")
        self.kind = QComboBox(self)
        self.kind.setObjectName("entityKind")
        self.kind.setAccessibleName("Kind of entity")
        self.kind.addItem("All kinds", None)
        for kind in KINDS:
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.table = QTableView(self)
        self.table.setObjectName("entitiesTable")
        self.table.setAccessibleName("Entities")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(STORIES, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        # The name gets the room: kinds are short but for "Armed group or unit" (elided, with a tip).
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(KIND, self.fontMetrics().horizontalAdvance("Organisation") + 16)
        for column in (STORIES, CONFIRMED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.count = QLabel(self)
        self.count.setObjectName("entityCount")
        self.open_button = QPushButton("&Open", self)
        self.open_button.setToolTip("Open the selected entity's page (Enter)")
        self.merge_button = QPushButton("&Merge\u2026", self)
        self.merge_button.setToolTip("Merge the two selected entities into one")
        self.review_button = QPushButton("&Review merges", self)
        self.review_button.setObjectName("reviewMerges")
        self.review_button.setToolTip("Proposed merges: names that may be the same entity, with the evidence")

        self.open_action = QAction("Open", self)
        self.merge_action = QAction("Merge Selected\u2026", self)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._layout()
        self._connect()
        self._update_buttons()
        self.reload()

    # -- construction --------------------------------------------------------------------------

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.kind)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        self.setTabOrder(self.search, self.kind)
        self.setTabOrder(self.kind, self.table)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._search_now)
        self.search.installEventFilter(self)
        self._debounce.timeout.connect(self._search_now)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.activated.connect(lambda index: self.open_entity(int(index.data(IdRole))))
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.open_button.clicked.connect(self.open_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.review_button.clicked.connect(self.show_review)
        self.open_action.triggered.connect(self.open_selected)
        self.merge_action.triggered.connect(self.merge_selected)
        self.model.loaded.connect(self._loaded)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.ctx.signals.changed.connect(self._changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search box moves to the table, so the keyboard goes search -> pick -> Enter."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down and self.model.rowCount():  # type: ignore[attr-defined]
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(max(0, self.table.currentIndex().row()))
            return True
        return super().eventFilter(watched, event)

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.model.reload(kind=self.kind.currentData(), search=self.search.text())
        if not self.model.rowCount():
            self.count.setText("Loading entities\u2026")

    def _changed(self, _articles: object) -> None:
        self.reload()

    def _search_now(self) -> None:
        self._debounce.stop()
        self.reload()

    def _remember_selection(self) -> None:
        self._keep_selection = self.selected_ids()

    def _loaded(self, shown: int, total: int, proposals: int) -> None:
        filtered = bool(self.model.search.strip() or self.model.kind)
        noun = "entity" if shown == 1 else "entities"
        self.count.setText(f"{shown:,} of {total:,} entities" if filtered else f"{shown:,} {noun}")
        self.review_button.setText(f"&Review merges ({proposals})")
        selection = self.table.selectionModel()
        for entity_id in self._keep_selection:
            row = self.model.row_of(entity_id)
            if row >= 0:
                selection.select(self.model.index(row, 0), selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)
        self._update_buttons()

    # -- selection and commands ----------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.ids()[r] for r in rows if r < self.model.rowCount()]

    def select_ids(self, ids: list[int]) -> None:
        self.table.clearSelection()
        selection = self.table.selectionModel()
        for entity_id in ids:
            row = self.model.row_of(entity_id)
            if row >= 0:
                selection.select(self.model.index(row, 0), selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)
        if len(ids) == 1 and self.model.row_of(ids[0]) >= 0:
            self.table.setCurrentIndex(self.model.index(self.model.row_of(ids[0]), 0))

    def _update_buttons(self) -> None:
        n = len(self.selected_ids())
        self.open_button.setEnabled(n >= 1)
        self.open_action.setEnabled(n >= 1)
        self.merge_button.setEnabled(n == 2)
        self.merge_action.setEnabled(n == 2)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addAction(self.merge_action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def open_entity(self, entity_id: int) -> EntityPage:
        page = open_page(self.ctx, entity_id, self.window())
        self.page_opened.emit(entity_id)
        return page

    def open_selected(self) -> None:
        for entity_id in self.selected_ids()[:10]:  # ten windows at most from one click
            self.open_entity(entity_id)

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            return
        names = {e: self.model.names()[self.model.row_of(e)] for e in ids}
        answer = actions.ask_which_to_keep(self, (ids[0], names[ids[0]]), (ids[1], names[ids[1]]),
                                           self.ctx.archive)
        if answer is not None:
            actions.merge(self.ctx, *answer, on_done=lambda _m: self.select_ids([answer[0][0]]))

    def show_review(self) -> MergeReviewDialog:
        """Open (or raise) the review queue; it first looks for new proposals."""
        if self.review is None:
            self.review = MergeReviewDialog(self.ctx, self.window())
            self.review.open_entity.connect(self.open_entity)
        if self.review.isVisible():
            self.review.refresh()
        self.review.show()  # showing it looks for new proposals
        self.review.raise_()
        self.review.activateWindow()
        return self.review

    def keyPressEvent(self, event: Any) -> None:
        if event.matches(QKeySequence.StandardKey.Find):
            self.search.setFocus()
            self.search.selectAll()
            return
        super().keyPressEvent(event)
