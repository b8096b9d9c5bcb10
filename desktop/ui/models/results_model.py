"""The results table: every matching id in order, with rows fetched lazily a page at a time.

Like Anki's browser model, the model holds only the ordered list of article ids (cheap even for
100,000 results) and reads headline, outlet and date from SQLite the first time a row in a page
of :data:`PAGE_SIZE` ids is asked for, with one ``WHERE id IN (...)`` query per page. The view
only asks for rows it paints, so scrolling to the end of a long list reads one or two pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ...core.archive import Archive
    from ...core.search.engine import Hit

__all__ = ["PAGE_SIZE", "IdRole", "ResultsModel", "SortRole", "column_sort", "sort_column"]

#: Rows read from SQLite in one query.
PAGE_SIZE = 100
#: Returns the article id (int) of a row.
IdRole = Qt.ItemDataRole.UserRole + 1
#: Returns a value to sort by: ISO date string, float score, or lower-cased text.
SortRole = Qt.ItemDataRole.UserRole + 2

NO_HEADLINE = "(no headline)"
HEADLINE, OUTLET, DATE, SCORE = range(4)
_ModelIndex = QModelIndex | QPersistentModelIndex


#: Search sort names for (column, ascending?); Score is relevance whichever way it is clicked.
_COLUMN_SORTS = {
    (HEADLINE, True): "headline", (HEADLINE, False): "headline_desc",
    (OUTLET, True): "outlet", (OUTLET, False): "outlet_desc",
    (DATE, True): "oldest", (DATE, False): "newest",
    (SCORE, True): "relevance", (SCORE, False): "relevance",
}


def column_sort(column: int, order: Qt.SortOrder) -> str:
    """The search's sort name for a click on ``column``'s title."""
    return _COLUMN_SORTS.get((column, order == Qt.SortOrder.AscendingOrder), "relevance")


def sort_column(sort: str) -> tuple[int, Qt.SortOrder]:
    """The column title that shows ``sort``'s indicator, and its direction."""
    for (column, ascending), name in _COLUMN_SORTS.items():
        if name == sort:
            if column == SCORE:
                return SCORE, Qt.SortOrder.DescendingOrder
            return column, Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
    return SCORE, Qt.SortOrder.DescendingOrder


@dataclass(slots=True)
class _Row:
    headline: str | None
    outlet: str | None
    date: str | None


class ResultsModel(QAbstractTableModel):
    """Headline, Outlet, Date, Score for an ordered list of article ids."""

    #: Column titles, in order.
    COLUMNS = ("Headline", "Outlet", "Date", "Score")
    #: A column title was clicked: (search sort name). The whole result list is re-sorted by
    #: the search (the model holds only one page of rows, so it cannot sort by itself).
    sort_requested = Signal(str)

    def __init__(self, archive: Archive, parent: Any = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self._ids: list[int] = []
        self._rows: dict[int, _Row] = {}
        self._loaded_pages: set[int] = set()
        self._scores: dict[int, float] = {}
        self._snippets: dict[int, str] = {}
        self._italic = QFont()
        self._italic.setItalic(True)
        #: How many SQL queries have read rows (tests check that scrolling stays lazy).
        self.fetch_count = 0

    # -- filling -----------------------------------------------------------------------------

    def set_results(self, ids: Sequence[int], first_page_hits: Sequence[Hit] = ()) -> None:
        """Replace the results; ``first_page_hits`` (from the search) need no second read."""
        self.beginResetModel()
        self._ids = list(ids)
        self._rows = {}
        self._loaded_pages = set()
        self._scores = {}
        self._snippets = {}
        for hit in first_page_hits:
            self._rows[hit.id] = _Row(hit.headline, hit.outlet, hit.date)
            self._scores[hit.id] = float(hit.score or 0.0)
            if hit.snippet_html:
                self._snippets[hit.id] = hit.snippet_html
        self.endResetModel()

    def clear(self) -> None:
        self.set_results([])

    def remove_ids(self, ids: Sequence[int]) -> None:
        """Drop rows at once (deleted stories), before the next search confirms it."""
        gone = set(ids)
        for row in reversed(range(len(self._ids))):
            if self._ids[row] in gone:
                self.beginRemoveRows(QModelIndex(), row, row)
                article_id = self._ids.pop(row)
                self._rows.pop(article_id, None)
                self._scores.pop(article_id, None)
                self._snippets.pop(article_id, None)
                self.endRemoveRows()
        self._loaded_pages = set()  # page boundaries moved; cached rows stay

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int:
        try:
            return self._ids.index(article_id)
        except ValueError:
            return -1

    # -- lazy loading ------------------------------------------------------------------------

    def _row(self, row: int) -> _Row:
        article_id = self._ids[row]
        found = self._rows.get(article_id)
        if found is None:
            page = row // PAGE_SIZE
            if page not in self._loaded_pages:
                self._load_page(page)
            found = self._rows.get(article_id)
            if found is None:  # deleted since the search ran
                found = self._rows[article_id] = _Row(None, None, None)
        return found

    def _load_page(self, page: int) -> None:
        self._loaded_pages.add(page)
        wanted = [i for i in self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE] if i not in self._rows]
        if not wanted:
            return
        for article_id, headline, outlet, date in self._query_rows(wanted):
            self._rows[article_id] = _Row(headline, outlet, date)

    def _query_rows(self, ids: list[int]) -> list[tuple[int, str | None, str | None, str | None]]:
        self.fetch_count += 1
        marks = ",".join("?" * len(ids))
        sql = f"SELECT id, headline, outlet, pub_date FROM articles WHERE id IN ({marks})"
        return [tuple(r) for r in self.archive.db.execute(sql, ids).fetchall()]  # type: ignore[misc]

    # -- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_requested.emit(column_sort(column, order))

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        article_id = self._ids[index.row()]
        column = index.column()
        if role == IdRole:
            return article_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._snippets.get(article_id) or None
        if role == Qt.ItemDataRole.FontRole:
            if column == HEADLINE and not self._row(index.row()).headline:
                return self._italic
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, SortRole):
            return None
        if column == SCORE:
            score = self._scores.get(article_id)
            if role == SortRole:
                return float(score or 0.0)
            return f"{score:.2f}" if score else ""
        row = self._row(index.row())
        if column == HEADLINE:
            if role == SortRole:
                return (row.headline or "").casefold()
            return row.headline or NO_HEADLINE
        if column == OUTLET:
            return (row.outlet or "").casefold() if role == SortRole else (row.outlet or "")
        if column == DATE:
            return row.date or ""
        return None
