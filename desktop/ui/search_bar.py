"""The search box: search-as-you-type after a pause, recent queries, and removable filter chips."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QSettings, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QToolButton, QWidget

__all__ = ["DEBOUNCE_MS", "SORTS", "ChipBar", "SearchBar"]

#: Pause in typing (ms) before a search runs by itself.
DEBOUNCE_MS = 300
#: Recent queries remembered in the settings.
RECENT_LIMIT = 20
RECENT_KEY = "search/recent"
#: Sort combo labels and the engine's sort names.
SORTS = (
    ("Relevance", "relevance"), ("Newest", "newest"), ("Oldest", "oldest"),
    ("Headline A\u2013Z", "headline"), ("Headline Z\u2013A", "headline_desc"),
    ("Outlet A\u2013Z", "outlet"), ("Outlet Z\u2013A", "outlet_desc"),
)
PLACEHOLDER = 'Search: words, "phrases", outlet:\u2026, date:2020-03 \u2026'


class _QueryEdit(QLineEdit):
    """A line edit that clears itself on Esc (unless a completer popup is open)."""

    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer().popup() if self.completer() else None
        if event.key() == Qt.Key.Key_Escape and not (popup and popup.isVisible()):
            self.clear()
            self.escaped.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    """Query box and sort combo. Emits :attr:`search_requested` after a pause, on Enter, or when
    the sort changes; ``immediate`` is True for Enter (the query is then worth remembering)."""

    search_requested = Signal(bool)

    def __init__(self, settings: QSettings, parent: Any = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.edit = _QueryEdit(self)
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(260)
        self.edit.setAccessibleName("Search")
        self.sort_combo = QComboBox(self)
        self.sort_combo.setAccessibleName("Sort")
        self.sort_combo.setToolTip("Sort the results")
        for label, name in SORTS:
            self.sort_combo.addItem(label, name)
        self._recent_model = QStringListModel(self.recent_queries(), self)
        completer = QCompleter(self._recent_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(completer)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(lambda: self.search_requested.emit(False))
        self.edit.textEdited.connect(lambda _text: self.timer.start())
        self.edit.returnPressed.connect(self.search_now)
        self.edit.escaped.connect(self.search_now)
        self.sort_combo.currentIndexChanged.connect(lambda _i: self.search_now())

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.sort_combo)

    # -- state -------------------------------------------------------------------------------

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str, *, search: bool = True) -> None:
        self.edit.setText(text)
        if search:
            self.search_now()

    def sort(self) -> str:
        return str(self.sort_combo.currentData())

    def set_sort(self, name: str) -> None:
        index = self.sort_combo.findData(name)
        if index >= 0:
            self.sort_combo.setCurrentIndex(index)

    def search_now(self) -> None:
        self.timer.stop()
        self.search_requested.emit(True)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    # -- recent queries ----------------------------------------------------------------------

    def recent_queries(self) -> list[str]:
        """Most recent first. Stored as JSON: QSettings turns a one-item list into a string."""
        raw = self.settings.value(RECENT_KEY, "[]")
        try:
            values = json.loads(raw) if isinstance(raw, str) else []
        except ValueError:
            values = []
        return [v for v in values if isinstance(v, str)][:RECENT_LIMIT]

    def remember(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        recent = [query] + [q for q in self.recent_queries() if q != query]
        recent = recent[:RECENT_LIMIT]
        self.settings.setValue(RECENT_KEY, json.dumps(recent))
        self._recent_model.setStringList(recent)


class ChipBar(QWidget):
    """Removable chips for the facet filters clicked in the Filters panel."""

    changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filters: list[tuple[str, str]] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.setVisible(False)

    def filters(self) -> list[tuple[str, str]]:
        return list(self._filters)

    def add(self, facet: str, value: str) -> bool:
        if (facet, value) in self._filters:
            return False
        self._filters.append((facet, value))
        self._rebuild()
        self.changed.emit()
        return True

    def remove(self, facet: str, value: str) -> None:
        if (facet, value) in self._filters:
            self._filters.remove((facet, value))
            self._rebuild()
            self.changed.emit()

    def clear(self) -> None:
        if self._filters:
            self._filters = []
            self._rebuild()
            self.changed.emit()

    def chips(self) -> list[QToolButton]:
        return [self._layout.itemAt(i).widget() for i in range(self._layout.count())]  # type: ignore[misc]

    def _rebuild(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for facet, value in self._filters:
            chip = QToolButton(self)
            chip.setText(f"{facet}: {value}  \u2715")
            chip.setToolTip(f"Remove the filter {facet}: {value}")
            chip.setAccessibleName(f"Remove filter {facet} {value}")
            chip.setAutoRaise(False)
            chip.setProperty("chip", True)
            chip.clicked.connect(lambda _checked=False, f=facet, v=value: self.remove(f, v))
            self._layout.addWidget(chip)
        self.setVisible(bool(self._filters))
