"""A small table model for the short lists of the entity page and the merge review.

The page's stories, the entities that appear with it and the proposed merges are lists of plain
rows (dataclasses from :mod:`.queries` and the core) read off the GUI thread in one go. One
model described by its columns serves all of them, with the same named roles as the app's other
models: :data:`IdRole` for the row's id and :data:`SortRole` for a real value to sort by.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..models.entities_model import IdRole, SortRole

__all__ = ["Column", "IdRole", "RowRole", "RowsModel", "SortRole"]

#: Returns the row object itself.
RowRole = Qt.ItemDataRole.UserRole + 4
T = TypeVar("T")
_ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its title, the text shown, and the value sorted by (default: the text)."""

    title: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    tooltip: Callable[[T], str] | None = None
    right_aligned: bool = False


class RowsModel(QAbstractTableModel, Generic[T]):
    """Rows of any kind, shown through :class:`Column` descriptions; ``id_of`` gives IdRole."""

    def __init__(self, columns: Sequence[Column[T]], id_of: Callable[[T], int], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._id_of = id_of
        self._rows: list[T] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[T]) -> None:
        """New rows, in the order last asked for by :meth:`sort` (else as given)."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows.sort(key=self._key(self._sort[0]), reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def _key(self, column: int) -> Callable[[T], Any]:
        spec = self.columns[column]
        return spec.sort or (lambda r: spec.text(r).casefold())

    def rows(self) -> list[T]:
        return list(self._rows)

    def row(self, index: int) -> T | None:  # type: ignore[override]
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def ids(self) -> list[int]:
        return [self._id_of(r) for r in self._rows]

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section].title
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self._key(column)
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [self._rows[i.row()] for i in persistent]
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        where = {id(r): n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(persistent, [self.index(where[id(r)], i.column())
                                                    for r, i in zip(before, persistent)])
        self.layoutChanged.emit()

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < len(self.columns)):
            return None
        row, spec = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.text(row)
        if role == IdRole:
            return self._id_of(row)
        if role == RowRole:
            return row
        if role == SortRole:
            return spec.sort(row) if spec.sort else spec.text(row).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            return spec.tooltip(row) if spec.tooltip else (spec.text(row) or None)
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
