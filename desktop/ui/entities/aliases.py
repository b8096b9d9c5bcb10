"""The "Other names" box of the entity page: the aliases, and add / remove / split one off.

The box only asks; the page does the writing (on the writer thread) and hands the box the new
list when the archive has it. The canonical name is not in the list: it is the Name field, and
renaming keeps the old name here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QListView,
    QPushButton,
    QWidget,
)

__all__ = ["AliasesBox"]


class AliasesBox(QGroupBox):
    """Aliases of one entity with Add, Remove and "Split off as its own entity"."""

    add_requested = Signal(str)
    remove_requested = Signal(str)
    split_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Other names", parent)
        self.model = QStringListModel(self)
        self.view = QListView(self)
        self.view.setObjectName("aliases")
        self.view.setAccessibleName("Other names")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.new_alias = QLineEdit(self)
        self.new_alias.setObjectName("newAlias")
        self.new_alias.setPlaceholderText("Another name or spelling\u2026")
        self.new_alias.setAccessibleName("New name")
        self.add_button = QPushButton("&Add", self)
        self.remove_button = QPushButton("R&emove", self)
        self.remove_button.setToolTip("Forget this name (stories already found under it keep the entity)")
        self.split_button = QPushButton("Sp&lit Off as Its Own Entity", self)
        self.split_button.setObjectName("splitAlias")
        self.split_button.setToolTip("Make this name a separate entity, taking the mentions written this way")

        grid = QGridLayout(self)
        grid.addWidget(self.view, 0, 0, 1, 3)
        grid.addWidget(self.new_alias, 1, 0, 1, 2)
        grid.addWidget(self.add_button, 1, 2)
        grid.addWidget(self.remove_button, 2, 0)
        grid.addWidget(self.split_button, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)

        self.add_button.clicked.connect(self._add)
        self.new_alias.installEventFilter(self)
        self.new_alias.textChanged.connect(lambda _t: self._update())
        self.remove_button.clicked.connect(lambda: self._emit(self.remove_requested))
        self.split_button.clicked.connect(lambda: self._emit(self.split_requested))
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update())
        self._update()

    def set_aliases(self, aliases: list[str]) -> None:
        current = self.current()
        self.model.setStringList(aliases)
        if current in aliases:
            self.select(current)
        self.setTitle(f"Other names ({len(aliases)})")
        self._update()

    def aliases(self) -> list[str]:
        return self.model.stringList()

    def current(self) -> str | None:
        index = self.view.currentIndex()
        return str(index.data()) if index.isValid() else None

    def select(self, alias: str) -> bool:
        names = self.model.stringList()
        if alias not in names:
            return False
        self.view.setCurrentIndex(self.model.index(names.index(alias)))
        return True

    def set_busy(self, busy: bool) -> None:
        self.setProperty("busy", busy)
        self._update()

    def _update(self) -> None:
        busy = bool(self.property("busy"))
        chosen = self.current() is not None and not busy
        self.remove_button.setEnabled(chosen)
        self.split_button.setEnabled(chosen)
        self.add_button.setEnabled(bool(self.new_alias.text().strip()) and not busy)

    def _add(self) -> None:
        text = " ".join(self.new_alias.text().split())
        if text and not self.property("busy"):
            self.add_requested.emit(text)
            self.new_alias.clear()

    def _emit(self, signal: Signal) -> None:  # type: ignore[valid-type]
        alias = self.current()
        if alias is not None:
            signal.emit(alias)  # type: ignore[attr-defined]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the new-name field adds it (and does not reach the page's default button)."""
        if watched is self.new_alias and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            self._add()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Delete and self.view.hasFocus():
            self._emit(self.remove_requested)
            return
        super().keyPressEvent(event)
