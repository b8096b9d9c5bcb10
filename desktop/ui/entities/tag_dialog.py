""""Tag as...": link words selected in the reader to an existing entity or a new one.

The dialog proposes what the archive already knows first: if the selected words are an alias of
an entity, that entity is preselected; otherwise a new entity named after the words, with the
kind the reporter picks. Typing in the search box lists entities by any of their names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QRadioButton, QVBoxLayout, QWidget,
)

from ...core.entities.kinds import KIND_LABELS, KINDS

if TYPE_CHECKING:
    from ...core.archive import Archive

__all__ = ["TagDialog"]


class TagDialog(QDialog):
    """``dialog.choice()`` after ``exec()``: (entity id or None, new name, kind)."""

    def __init__(self, archive: Archive, words: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.setWindowTitle("Tag as\u2026")
        words = " ".join(words.split())
        intro = QLabel(f"Tag \u201c{words}\u201d in this story as:", self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.existing_radio = QRadioButton("An entity the archive knows", self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search entities by any name")
        self.search.setClearButtonEnabled(True)
        self.matches = QListWidget(self)
        self.matches.setMinimumHeight(140)
        self.new_radio = QRadioButton("A new entity", self)
        self.name_edit = QLineEdit(words, self)
        self.kind_combo = QComboBox(self)
        for kind in KINDS:
            self.kind_combo.addItem(KIND_LABELS[kind], kind)
        group = QButtonGroup(self)
        group.addButton(self.existing_radio)
        group.addButton(self.new_radio)
        new_form = QFormLayout()
        new_form.addRow("Name", self.name_edit)
        new_form.addRow("Kind", self.kind_combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        parent=self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.existing_radio)
        layout.addWidget(self.search)
        layout.addWidget(self.matches)
        layout.addWidget(self.new_radio)
        layout.addLayout(new_form)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._refresh)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.textEdited.connect(lambda _t: self.existing_radio.setChecked(True))
        self.matches.itemClicked.connect(lambda _i: self.existing_radio.setChecked(True))
        self.name_edit.textEdited.connect(lambda _t: self.new_radio.setChecked(True))
        group.buttonToggled.connect(lambda *_: self._update_ok())
        self.matches.currentItemChanged.connect(lambda *_: self._update_ok())

        from ...core.entities.store import find_entities, get_entity

        known = find_entities(archive, words)
        if known:
            for entity_id in known:
                entity = get_entity(archive, entity_id)
                if entity is not None:
                    self._add_item(entity_id, entity.name, entity.kind)
            self.matches.setCurrentRow(0)
            self.existing_radio.setChecked(True)
        else:
            self.search.setText(words.split()[-1] if words.split() else "")
            self._refresh()
            self.new_radio.setChecked(True)
        self._update_ok()
        self.resize(420, 440)

    def _add_item(self, entity_id: int, name: str, kind: str) -> None:
        item = QListWidgetItem(f"{name}  \u2014 {KIND_LABELS.get(kind, kind)}")
        item.setData(Qt.ItemDataRole.UserRole, entity_id)
        self.matches.addItem(item)

    def _refresh(self) -> None:
        from ...core.entities.store import list_entities

        self.matches.clear()
        text = self.search.text().strip()
        if not text:
            return
        for summary in list_entities(self.archive, search=text, limit=30):
            self._add_item(summary.id, summary.name, summary.kind)
        if self.matches.count():
            self.matches.setCurrentRow(0)

    def _update_ok(self) -> None:
        ok = (self.existing_radio.isChecked() and self.matches.currentItem() is not None) or (
            self.new_radio.isChecked() and bool(self.name_edit.text().strip()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def choice(self) -> tuple[int | None, str, str]:
        if self.existing_radio.isChecked() and self.matches.currentItem() is not None:
            return int(self.matches.currentItem().data(Qt.ItemDataRole.UserRole)), "", ""
        return None, self.name_edit.text().strip(), str(self.kind_combo.currentData())
