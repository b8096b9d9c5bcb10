"""The entity browser's table: name, kind, stories and confirmed stories of every entity shown.

Rows are read by :func:`~desktop.ui.entities.queries.entity_listing` through ``run_read`` (the
search thread), never in the GUI thread: the story counts are correlated subqueries over the
mentions, which take a noticeable fraction of a second on a 10,000-entity archive. The kind
filter and the alias search are part of that query (an alias search needs the aliases table,
which the model does not hold), so a new filter is a reload; a reload answered after a newer
one was asked for is dropped.

Sorting is done here, on the rows in memory, with one Python ``sort`` (10,000 rows: ~5 ms),
rather than by a QSortFilterProxyModel, which calls ``data()`` a few hundred thousand times for
the same list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ...core.entities.kinds import KIND_LABELS
from ...core.entities.store import EntitySummary
from ..entities.queries import EntityListing, entity_listing

if TYPE_CHECKING:
    from ..entities.context import EntityContext

__all__ = ["EntitiesModel", "IdRole", "KindRole", "SortRole"]

#: Returns the entity id (int) of a row.
IdRole = Qt.ItemDataRole.UserRole + 1
#: Returns a value to sort by: casefolded name, kind label, or a story count (int).
SortRole = Qt.ItemDataRole.UserRole + 2
#: Returns the stored kind ("armed_group"), not its label.
KindRole = Qt.ItemDataRole.UserRole + 3

NAME, KIND, STORIES, CONFIRMED = range(4)
_ModelIndex = QModelIndex | QPersistentModelIndex


def _sort_key(column: int) -> Callable[[EntitySummary], Any]:
    if column == KIND:
        return lambda e: (KIND_LABELS.get(e.kind, e.kind).casefold(), e.name.casefold())
    if column == STORIES:
        return lambda e: (e.stories, e.confirmed)
    if column == CONFIRMED:
        return lambda e: (e.confirmed, e.stories)
    return lambda e: (e.name.casefold(), e.id)


class EntitiesModel(QAbstractTableModel):
    """Name, Kind, Stories, Confirmed for the entities matching a kind and an alias search."""

    #: Column titles, in order.
    COLUMNS = ("Name", "Kind", "Stories", "Confirmed")
    #: Rows arrived from a reload: (rows shown, entities in the archive, open merge proposals).
    loaded = Signal(int, int, int)

    def __init__(self, ctx: EntityContext, parent: Any = None) -> None:
        """``ctx`` gives the archive and ``run_read``, both looked up at each reload (the window
        points the context at another archive when the reporter switches archives)."""
        super().__init__(parent)
        self.ctx = ctx
        self._rows: list[EntitySummary] = []
        self._sort: tuple[int, Qt.SortOrder] = (STORIES, Qt.SortOrder.DescendingOrder)
        self._seq = 0
        self._answered = 0
        self.kind: str | None = None
        self.search = ""
        #: Entities in the archive and open merge proposals, as of the last answer.
        self.total = 0
        self.open_proposals = 0

    # -- filling -----------------------------------------------------------------------------

    def reload(self, *, kind: str | None | type[Ellipsis] = ..., search: str | None = None) -> None:
        """Read the rows again (optionally with a new filter) on the read thread."""
        if kind is not ...:
            self.kind = kind or None  # type: ignore[assignment]
        if search is not None:
            self.search = search
        self._seq += 1
        seq, archive, wanted_kind, text = self._seq, self.ctx.archive, self.kind, self.search
        if archive is None:  # the window is still opening its archive: it reloads us after
            return
        self.ctx.run_read(lambda: entity_listing(archive, kind=wanted_kind, search=text),
                       lambda listing: self._answer(seq, listing))

    @property
    def loading(self) -> bool:
        """A reload was asked for and its answer has not arrived yet."""
        return self._answered < self._seq

    def _answer(self, seq: int, listing: EntityListing) -> None:
        if seq < self._seq:
            return  # a newer filter was asked for meanwhile
        self._answered = seq
        self.total, self.open_proposals = listing.total, listing.open_proposals
        self.set_rows(listing.rows)
        self.loaded.emit(len(self._rows), self.total, self.open_proposals)

    def set_rows(self, rows: Sequence[EntitySummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._apply_sort()
        self.endResetModel()

    def _apply_sort(self) -> None:
        column, order = self._sort
        self._rows.sort(key=_sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in persistent]
        self._apply_sort()
        where = {e.id: row for row, e in enumerate(self._rows)}
        self.changePersistentIndexList(persistent, [self.index(where[entity_id], i.column())
                                                    for entity_id, i in zip(ids, persistent)])
        self.layoutChanged.emit()

    # -- lookups -----------------------------------------------------------------------------

    def ids(self) -> list[int]:
        return [e.id for e in self._rows]

    def names(self) -> list[str]:
        return [e.name for e in self._rows]

    def summary(self, row: int) -> EntitySummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entity_id: int) -> int:
        for row, entity in enumerate(self._rows):
            if entity.id == entity_id:
                return row
        return -1

    # -- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == CONFIRMED:
                return "Stories where a person confirmed the mention"
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        entity, column = self._rows[index.row()], index.column()
        if role == IdRole:
            return entity.id
        if role == KindRole:
            return entity.kind
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (STORIES, CONFIRMED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == KIND:
            return KIND_LABELS.get(entity.kind, entity.kind)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            more = entity.aliases - 1
            return f"{entity.name} ({more} other name{'s' if more != 1 else ''})" if more > 0 else entity.name
        if role == SortRole:
            return _sort_key(column)(entity)[0]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == NAME:
            return entity.name
        if column == KIND:
            return KIND_LABELS.get(entity.kind, entity.kind)
        if column == STORIES:
            return str(entity.stories)
        if column == CONFIRMED:
            return str(entity.confirmed)
        return None
