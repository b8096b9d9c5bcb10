"""The ledger's one-step speaker correction: a name box and a button under the quotes.

Selecting a quote puts its speaker in the box; the button then reads "Confirm" (the speaker is
right: it is marked as checked) or, once the name is changed, "Set speaker". Enter in the box
does the same. An empty box records that the text names nobody. The ledger does the write (on
the window's writer thread, with Undo); this widget only says what the reporter asked for.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

__all__ = ["SpeakerFix"]


class SpeakerFix(QWidget):
    """Name box + button; :attr:`requested` carries the name (None: nobody) to set."""

    requested = Signal(object)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current: str | None = None
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"{name}SpeakerEdit")
        self.edit.setPlaceholderText("Speaker (empty: nobody named)")
        self.edit.setAccessibleName("Speaker of the selected quotation")
        self.edit.setMaxLength(200)
        self.button = QPushButton("Confirm", self)
        self.button.setObjectName(f"{name}SpeakerButton")
        self.button.setToolTip("Confirm or correct the speaker of the selected quotation, in every story "
                               "that carries the same statement (Edit \u25b8 Undo takes it back)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.edit.textChanged.connect(lambda _t: self._label())
        self.edit.returnPressed.connect(self._request)
        self.button.clicked.connect(self._request)
        self.show_quote(None, enabled=False)

    def show_quote(self, speaker: str | None, *, enabled: bool = True) -> None:
        """The selected quote's speaker (or nothing selected: ``enabled`` False)."""
        self._current = speaker
        self.edit.setText(speaker or "")
        self.edit.setEnabled(enabled)
        self.button.setEnabled(enabled)
        self._label()

    def _wanted(self) -> str | None:
        return " ".join(self.edit.text().split()) or None

    def _label(self) -> None:
        self.button.setText("Confirm" if self._wanted() == self._current else "Set speaker")

    def _request(self) -> None:
        if self.button.isEnabled():
            self.requested.emit(self._wanted())
