"""Making a link: the story picker (from the reader) and the link-type question.

:class:`LinkDialog` finds the other story by words, through the window's search engine on the
read thread (a headline ``LIKE`` when the engine cannot answer), and asks how the two relate,
in words that read from the story in the reader ("followed up by", "background for"), so the
reporter never has to think about which end of a link is which. :class:`LinkTypeDialog` asks only
the type and a note: for an accepted suggestion, and for several stories selected in the results.
Both are plain Qt dialogs shown with ``open()`` (tests drive them like any widget).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.related.store import LINK_TYPES
from .context import TYPE_ORDER, RelatedContext
from .models import RowTable, picker_model

__all__ = ["LinkDialog", "LinkTypeDialog", "type_choices"]

#: Pause after the last key before the picker searches.
SEARCH_DELAY_MS = 250


def type_choices(directional: bool) -> list[tuple[str, str, bool]]:
    """(label, link type, swap) in menu order. ``swap``: the other story is the link's first end.
    Without ``directional`` each type appears once, named as from its first story."""
    out = []
    for link_type in TYPE_ORDER:
        from_a, from_b = LINK_TYPES[link_type]
        out.append((from_a.capitalize(), link_type, False))
        if directional and from_b != from_a:
            out.append((from_b.capitalize(), link_type, True))
    return out


def _type_combo(parent: QWidget, directional: bool, default: str = "same_event") -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName("linkType")
    for label, link_type, swap in type_choices(directional):
        combo.addItem(label, (link_type, swap))
    combo.setCurrentIndex(next(i for i, (_l, t, s) in enumerate(type_choices(directional)) if t == default and not s))
    return combo


class LinkTypeDialog(QDialog):
    """"Link as: [Same event]  Note: [...]"; ``choice()`` -> (type, swap, note)."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None, *, directional: bool = True,
                 default: str = "same_event") -> None:
        super().__init__(parent)
        self.setObjectName("linkTypeDialog")
        self.setWindowTitle(title)
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.type_combo = _type_combo(self, directional, default)
        self.note = QLineEdit(self)
        self.note.setObjectName("linkNote")
        self.note.setPlaceholderText("Optional: why they are linked")
        form = QFormLayout()
        form.addRow("This story is:" if directional else "Link as:", self.type_combo)
        form.addRow("Note:", self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Link")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def choice(self) -> tuple[str, bool, str]:
        link_type, swap = self.type_combo.currentData()
        return link_type, swap, self.note.text().strip()


class LinkDialog(QDialog):
    """Pick the story to link the reader's story to; ``choice()`` -> (a, b, type, note)."""

    #: Search answered (rows shown).
    searched = Signal()

    def __init__(self, rctx: RelatedContext, article_id: int, headline: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.setWindowTitle("Link to another story")
        self.rctx = rctx
        self.article_id = article_id
        self._seq = 0
        intro = QLabel(f"Link \u201c{headline or '(no headline)'}\u201d to:", self)
        intro.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setObjectName("pickerSearch")
        self.search.setPlaceholderText("Find the story by words (the search language works here)\u2026")
        self.search.setClearButtonEnabled(True)
        self.table = RowTable(picker_model(), "pickerResults", "Stories found", stretch=0, widths={1: 130, 2: 90})
        self.table.setMinimumHeight(220)
        self.type_combo = _type_combo(self, True)
        self.note = QLineEdit(self)
        self.note.setObjectName("linkNote")
        self.note.setPlaceholderText("Optional: why they are linked")
        form = QFormLayout()
        form.addRow("This story is:", self.type_combo)
        form.addRow("Note:", self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Link")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(640, 460)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.table.doubleClicked.connect(lambda _i: self.accept())
        self._update()
        self.run_search()

    def run_search(self) -> None:
        self._timer.stop()
        self._seq += 1
        seq, query, find = self._seq, self.search.text().strip(), self.rctx.find_stories
        self.rctx.entities.run_read(lambda: find(query), lambda rows: self._found(seq, rows))

    def _found(self, seq: int, rows: list[tuple]) -> None:
        if seq != self._seq:
            return  # an older search answering after a newer one
        self.table.rows_model().set_rows([r for r in rows if r[0] != self.article_id])
        if self.table.rows_model().rowCount():
            self.table.selectRow(0)
        self._update()
        self.searched.emit()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.table.current_row() is not None)

    def choice(self) -> tuple[int, int, str, str] | None:
        row = self.table.current_row()
        if row is None:
            return None
        link_type, swap = self.type_combo.currentData()
        a, b = (row[0], self.article_id) if swap else (self.article_id, row[0])
        return a, b, link_type, self.note.text().strip()
