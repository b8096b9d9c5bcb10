"""The Filters dock: facet values (outlet, month, tag, entity) with counts; click to filter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

__all__ = ["FACET_TITLES", "FacetsPanel"]

#: Facets in the order shown, with their headings.
FACET_TITLES = {"outlet": "Outlet", "credit": "Credit", "month": "Month", "tag": "Tag", "entity": "Entity"}
_FACET_ROLE = Qt.ItemDataRole.UserRole + 1


class FacetsPanel(QTreeWidget):
    """Headings per facet with ``value (count)`` children. Emits ``facet_clicked(facet, value)``.

    A handful of short lists refreshed per search: an item widget is simpler here than a model,
    and nothing in it grows with the archive (the engine returns at most 30 values a facet).
    """

    facet_clicked = Signal(str, str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setAccessibleName("Filters")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self._collapsed: set[str] = set()
        self.itemCollapsed.connect(lambda item: self._collapsed.add(str(item.data(0, _FACET_ROLE))))
        self.itemExpanded.connect(lambda item: self._collapsed.discard(str(item.data(0, _FACET_ROLE))))

    def set_facets(self, facets: dict[str, list[tuple[str, int]]], active: list[tuple[str, str]] = ()) -> None:
        self.clear()
        for facet, title in FACET_TITLES.items():
            values = facets.get(facet) or []
            if not values:
                continue
            heading = QTreeWidgetItem(self, [title, ""])
            heading.setData(0, _FACET_ROLE, facet)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            for value, count in values:
                item = QTreeWidgetItem(heading, [value, str(count)])
                item.setData(0, Qt.ItemDataRole.UserRole, (facet, value))
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(0, f"Show only {title.lower()}: {value}")
                if (facet, value) in active:
                    item.setDisabled(True)
            heading.setExpanded(facet not in self._collapsed)

    def values(self, facet: str) -> list[tuple[str, int]]:
        for i in range(self.topLevelItemCount()):
            heading = self.topLevelItem(i)
            if heading.data(0, _FACET_ROLE) == facet:
                return [(heading.child(j).text(0), int(heading.child(j).text(1))) for j in range(heading.childCount())]
        return []

    def item_for(self, facet: str, value: str) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            heading = self.topLevelItem(i)
            for j in range(heading.childCount()):
                if heading.child(j).data(0, Qt.ItemDataRole.UserRole) == (facet, value):
                    return heading.child(j)
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if data and not item.isDisabled():
            facet, value = data
            self.facet_clicked.emit(facet, value)
