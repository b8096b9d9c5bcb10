"""The story's entities, beside the reader: confirmed and suggested, accept or reject, and where.

One row per entity the story mentions (or per new name the patterns propose), with its kind,
its state and how many times it is named. Suggested rows are shown in italics and proposed new
names carry "new"; clicking a row marks its mentions in the reader. Accept and Reject act on
the selected rows, "Accept all" / "Reject all" on every suggestion of the story. Reads and
writes run off the GUI thread through the :class:`~.context.EntityContext`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QGridLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from ...core.entities.kinds import KIND_LABELS, KIND_SHORT_LABELS, KINDS

if TYPE_CHECKING:
    from ...core.entities.store import Mention
    from .context import EntityContext

__all__ = ["KeyRole", "SortRole", "StateRole", "StoryEntitiesModel", "StoryEntitiesPanel", "StoryEntity"]

#: The row's key: ("e", entity id) or ("p", proposed name).
KeyRole = Qt.ItemDataRole.UserRole + 1
#: A value to sort by (kind order, state, counts as ints).
SortRole = Qt.ItemDataRole.UserRole + 2
#: "confirmed", "suggested" or "rejected".
StateRole = Qt.ItemDataRole.UserRole + 3
_Index = QModelIndex | QPersistentModelIndex
_STATE_ORDER = {"confirmed": 0, "suggested": 1, "rejected": 2}


@dataclass
class StoryEntity:
    key: tuple[str, Any]
    name: str
    kind: str
    state: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(m.start, m.end) for m in self.mentions]

    @property
    def is_new(self) -> bool:
        return self.key[0] == "p"


def group_mentions(mentions: list[Mention]) -> list[StoryEntity]:
    """Mentions -> one row per entity (or proposed name); the best state of its mentions wins."""
    rows: dict[tuple[str, Any], StoryEntity] = {}
    for m in mentions:
        key = ("e", m.entity_id) if m.entity_id is not None else ("p", m.label)
        row = rows.get(key)
        if row is None:
            row = rows[key] = StoryEntity(key, m.label, m.kind, m.state)
        row.mentions.append(m)
        if _STATE_ORDER[m.state] < _STATE_ORDER[row.state]:
            row.state = m.state
    from ...core.entities.ranking import review_score

    def score(r: StoryEntity) -> float:
        best = max((m.confidence or 0.0) for m in r.mentions)
        return review_score(r.kind, best, len(r.mentions), min(m.start for m in r.mentions), not r.is_new)

    return sorted(rows.values(), key=lambda r: (_STATE_ORDER[r.state], -score(r), r.name.casefold()))


class StoryEntitiesModel(QAbstractTableModel):
    """Name, Kind, State, Mentions for one story."""

    #: A confirmed row's name starts with a check mark; suggestions are in italics; the state
    #: itself is in the tooltip (a narrow dock has no room for a fourth column).
    COLUMNS = ("Name", "Kind", "#")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[StoryEntity] = []
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(self, rows: list[StoryEntity]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == 2:
                return "How many times the story names it"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == KeyRole:
            return row.key
        if role == Qt.ItemDataRole.FontRole and row.state != "confirmed":
            return self._italic
        if role == Qt.ItemDataRole.ToolTipRole:
            state = {"confirmed": "Confirmed", "suggested": "Suggested", "rejected": "Rejected"}[row.state]
            if row.is_new:
                state += " (a new name: accepting it creates the entity)"
            reasons = sorted({m.reason for m in row.mentions if m.reason})
            kind = KIND_LABELS.get(row.kind, row.kind)
            return "\n".join([f"{row.name} ({kind}) \u2014 {state}", *reasons[:3]])
        if role == SortRole:
            return (row.name.casefold(), KINDS.index(row.kind) if row.kind in KINDS else 99, len(row.mentions))[column]
        if role == StateRole:
            return row.state
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            mark = "\u2713 " if row.state == "confirmed" else ""
            return f"{mark}{row.name} (new)" if row.is_new else f"{mark}{row.name}"
        if column == 1:
            return KIND_SHORT_LABELS.get(row.kind, row.kind)
        return str(len(row.mentions))


class StoryEntitiesPanel(QWidget):
    """The panel; :meth:`show_story` loads a story's entities (off the GUI thread)."""

    #: Mark these spans of the story's body in the reader.
    highlight_requested = Signal(object)
    #: Open the entity page of this entity id.
    entity_page_requested = Signal(int)
    #: The rows shown changed (after a load).
    loaded = Signal()

    def __init__(self, ctx: EntityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.article_id: int | None = None
        self._load_seq = 0
        self.model = StoryEntitiesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("storyEntities")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("Weapon") + 14)
        self.table.setMinimumWidth(160)
        self.table.clicked.connect(lambda index: self._highlight(index.row()))
        self.table.doubleClicked.connect(lambda index: self._open_page(index.row()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.accept_button = QPushButton("Accept", self)
        self.reject_button = QPushButton("Reject", self)
        self.accept_all_button = QPushButton("Accept all", self)
        self.reject_all_button = QPushButton("Reject all", self)
        self.accept_button.setToolTip("Confirm the selected entities in this story (new names become entities)")
        self.reject_button.setToolTip("Not in this story: the suggestion is not made again")
        self.accept_all_button.setToolTip("Confirm every suggested entity of this story")
        self.reject_all_button.setToolTip("Reject every suggestion of this story that is not confirmed")
        self.accept_button.clicked.connect(lambda: self.set_state(self.selected_rows(), "confirmed"))
        self.reject_button.clicked.connect(lambda: self.set_state(self.selected_rows(), "rejected"))
        self.accept_all_button.clicked.connect(lambda: self.set_state(self._suggested(), "confirmed"))
        self.reject_all_button.clicked.connect(lambda: self.set_state(self._suggested(), "rejected"))
        self.show_new = QCheckBox("Show proposed new names", self)
        self.show_new.setChecked(True)
        self.show_new.toggled.connect(lambda _on: self.reload())
        self.show_all = QCheckBox("Show every suggestion", self)
        self.show_all.setObjectName("showEverySuggestion")
        self.show_all.setToolTip("Suggestions are ranked: the few that matter most come first")
        self.show_all.toggled.connect(lambda _on: self.reload())
        self._all_rows: list[StoryEntity] = []

        buttons = QGridLayout()  # two by two: the dock stays narrow beside the reader
        buttons.addWidget(self.accept_button, 0, 0)
        buttons.addWidget(self.reject_button, 0, 1)
        buttons.addWidget(self.accept_all_button, 1, 0)
        buttons.addWidget(self.reject_all_button, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.show_new)
        layout.addWidget(self.show_all)
        ctx.signals.changed.connect(self._changed)
        self.show_story(None)

    # -- loading -------------------------------------------------------------------------------

    def show_story(self, article_id: int | None) -> None:
        self.article_id = article_id
        self.reload()

    def reload(self) -> None:
        self._load_seq += 1
        seq, article_id = self._load_seq, self.article_id
        if article_id is None:
            self._loaded(seq, [])
            return
        archive, with_new = self.ctx.archive, self.show_new.isChecked()

        def work() -> list[StoryEntity]:
            from ...core.entities.store import mentions_for_article

            mentions = mentions_for_article(archive, article_id)
            return group_mentions([m for m in mentions if with_new or m.entity_id is not None])

        self.ctx.run_read(work, lambda rows: self._loaded(seq, rows))

    def _loaded(self, seq: int, rows: list[StoryEntity]) -> None:
        if seq != self._load_seq:
            return  # another story was opened meanwhile
        from ...core.entities.ranking import FEW

        review = [r for r in rows if r.state != "confirmed"]
        hidden = 0 if self.show_all.isChecked() else max(0, len(review) - FEW)
        if hidden:
            keep = {id(r) for r in review[:FEW]}
            shown = [r for r in rows if r.state == "confirmed" or id(r) in keep]
        else:
            shown = rows
        self.show_all.setText(f"Show every suggestion ({len(review)})" if hidden or self.show_all.isChecked()
                              else "Show every suggestion")
        self.show_all.setEnabled(bool(hidden) or self.show_all.isChecked())
        self.model.set_rows(shown)
        confirmed = sum(r.state == "confirmed" for r in rows)
        if self.article_id is None:
            self.summary.setText("Open a story to see its people, groups, places and weapons.")
        elif not rows:
            self.summary.setText("No entities found in this story. Select words in it and use Tag as\u2026")
        else:
            self.summary.setText(f"{len(rows)} entities: {confirmed} confirmed, {len(rows) - confirmed} to review"
                                 + (f"; the {FEW} that matter most shown first" if hidden else ""))
        self._update_buttons()
        self.loaded.emit()

    def _changed(self, article_ids: list[int]) -> None:
        if self.article_id is not None and (not article_ids or self.article_id in article_ids):
            self.reload()

    # -- acting --------------------------------------------------------------------------------

    def selected_rows(self) -> list[StoryEntity]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def _suggested(self) -> list[StoryEntity]:
        return [r for r in self.model.rows if r.state == "suggested"]

    def set_state(self, rows: list[StoryEntity], state: str) -> bool:
        """Accept (confirm) or reject rows; a proposed new name accepted becomes an entity."""
        if not rows or self.article_id is None:
            return False
        archive, article_id = self.ctx.archive, self.article_id

        def work() -> None:
            from ...core.entities.editing import accept_proposed
            from ...core.entities.store import set_mention_state

            for row in rows:
                if row.is_new and state == "confirmed":
                    accept_proposed(archive, row.mentions[0].id, kind=row.kind)
                    set_mention_state(archive, [m.id for m in row.mentions[1:]], "confirmed")
                else:
                    set_mention_state(archive, [m.id for m in row.mentions], state)

        self.ctx.run_write(work, lambda _r: self.ctx.changed([article_id]))
        return True

    def _highlight(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            self.highlight_requested.emit(self.model.rows[row].spans)

    def _open_page(self, row: int) -> None:
        if 0 <= row < len(self.model.rows) and not self.model.rows[row].is_new:
            self.entity_page_requested.emit(int(self.model.rows[row].key[1]))

    def _update_buttons(self) -> None:
        selected = bool(self.table.selectionModel().selectedRows())
        suggested = any(r.state == "suggested" for r in self.model.rows)
        self.accept_button.setEnabled(selected)
        self.reject_button.setEnabled(selected)
        self.accept_all_button.setEnabled(suggested)
        self.reject_all_button.setEnabled(suggested)
