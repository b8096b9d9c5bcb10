"""The metadata editor: correct one article's headline, byline, outlet, date, dateline, URL, language.

Every field the importer guessed or did not find is flagged (a coloured mark with a tooltip and a
tinted box) until the reporter edits it or ticks its "Confirm" box. Save goes through
:func:`desktop.core.editing.update_metadata` and :func:`~desktop.core.editing.confirm_fields`; a
value core refuses (:class:`EditError`) is explained under the fields and the dialog stays open.
On success :attr:`MetadataEditor.saved` carries one :class:`Edit` that undoes the whole save.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.editing import Edit, EditError, confirm_fields, update_metadata
from . import theme

if TYPE_CHECKING:
    from ..core.archive import Archive
    from ..core.articles import Article

__all__ = ["FIELDS", "MetadataEditor", "describe_edit"]

#: Editable fields and their labels, in the order shown.
FIELDS = (("headline", "Headline"), ("byline", "Byline"), ("outlet", "Outlet"), ("credit", "Credit"), ("date", "Date"),
          ("dateline", "Dateline"), ("url", "URL"), ("language", "Language"))
#: Provenance -> (mark, tooltip); colours come from :func:`desktop.ui.theme.flag_colors`.
FLAGS = {
    "guessed": ("guessed", "guessed by the importer: please check"),
    "missing": ("missing", "not found in the file"),
}
PLACEHOLDERS = {"byline": "Names, separated by commas", "date": "2020-03-12, 2020-03 or 2020",
                "url": "https://\u2026", "language": "en, ar, fr\u2026",
                "credit": "The agency that wrote it, e.g. Associated Press"}


def _text(article: Article, name: str) -> str:
    if name == "byline":
        return ", ".join(article.byline)
    if name == "date":
        return article.pub_date.iso() if article.pub_date else ""
    return getattr(article, name) or ""


def describe_edit(changed: list[str], confirmed: list[str]) -> str:
    """``"edit of headline"``, ``"confirmation of outlet, date"``: what Undo would undo."""
    if changed:
        return "edit of " + ", ".join(changed)
    return "confirmation of " + ", ".join(confirmed)


class MetadataEditor(QDialog):
    """Edits one article. Emits :attr:`saved` ``(edit, description)`` and closes on success."""

    saved = Signal(object, str)

    def __init__(self, archive: Archive, article_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        article = archive.get(article_id)
        if article is None:
            raise EditError(f"there is no article #{article_id}")
        self.archive, self.article = archive, article
        self.setObjectName("metadataEditor")
        self.setWindowTitle(f"Edit metadata \u2014 {article.display_headline[:60]}")
        self.original = {name: _text(article, name) for name, _ in FIELDS}
        self.edits: dict[str, QLineEdit] = {}
        self.marks: dict[str, QLabel] = {}
        self.confirms: dict[str, QCheckBox] = {}

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, (name, label) in enumerate(FIELDS):
            edit = QLineEdit(self.original[name], self)
            edit.setObjectName(f"edit_{name}")
            edit.setAccessibleName(label)
            edit.setPlaceholderText(PLACEHOLDERS.get(name, ""))
            edit.setMinimumWidth(420)
            edit.textChanged.connect(lambda _t, n=name: self._update_mark(n))
            title = QLabel(f"&{label}:", self)
            title.setBuddy(edit)
            mark = QLabel(self)
            mark.setObjectName(f"mark_{name}")
            confirm = QCheckBox("Confirm", self)
            confirm.setObjectName(f"confirm_{name}")
            confirm.setToolTip("The value is right as it is (or rightly empty)")
            confirm.toggled.connect(lambda _on, n=name: self._update_mark(n))
            grid.addWidget(title, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(mark, row, 2)
            grid.addWidget(confirm, row, 3)
            self.edits[name], self.marks[name], self.confirms[name] = edit, mark, confirm
            self._update_mark(name)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("editorError")
        self.error_label.setWordWrap(True)
        self._style_error_label()
        self.error_label.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.confirm_all_button = QPushButton("Confirm &all flagged", self)
        self.confirm_all_button.setEnabled(bool(self.flagged()))
        self.confirm_all_button.clicked.connect(self.confirm_all)
        self.buttons.addButton(self.confirm_all_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        note = QLabel(f"{article.original_name} \u00b7 #{article.id}", self)
        note.setEnabled(False)
        layout.addWidget(note)
        layout.addLayout(grid)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    # -- flags -------------------------------------------------------------------------------

    def provenance(self, name: str) -> str:
        value = self.article.provenance.get(name, "missing")
        # Most stories are the outlet's own: no agency credit is nothing to review.
        return "" if name == "credit" and value == "missing" else value

    def is_flagged(self, name: str) -> bool:
        """Guessed or missing, and neither edited nor confirmed yet."""
        return (self.provenance(name) in FLAGS and self.edits[name].text() == self.original[name]
                and not self.confirms[name].isChecked())

    def flagged(self) -> list[str]:
        return [name for name, _ in FIELDS if self.is_flagged(name)]

    def _update_mark(self, name: str) -> None:
        edit, mark, confirm = self.edits[name], self.marks[name], self.confirms[name]
        flag = FLAGS.get(self.provenance(name))
        edited = edit.text() != self.original[name]
        confirm.setVisible(flag is not None)
        confirm.setEnabled(not edited)
        if flag is not None and self.is_flagged(name):
            text, tip = flag
            colour, ink, tint = theme.flag_colors(self.palette(), self.provenance(name))
            mark.setText(f"\u26a0 {text}")
            mark.setStyleSheet(f"color: {colour.name()}; font-weight: bold;")
            mark.setToolTip(tip)
            edit.setToolTip(tip)
            edit.setStyleSheet(f"QLineEdit {{ background: {tint.name()}; color: {ink.name()}; }}")
        else:
            mark.setText("\u2713 edited" if edited else ("\u2713 confirmed" if confirm.isChecked() else ""))
            mark.setStyleSheet(f"color: {theme.ok_color(self.palette()).name()};")
            mark.setToolTip("")
            edit.setToolTip("")
            edit.setStyleSheet("")
        if hasattr(self, "confirm_all_button"):
            self.confirm_all_button.setEnabled(bool(self.flagged()))

    def _style_error_label(self) -> None:
        self.error_label.setStyleSheet(f"color: {theme.error_color(self.palette()).name()}; font-weight: bold;")

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (light/dark switch): recolour the flags for it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "error_label"):
            self._style_error_label()
            for name in self.edits:
                self._update_mark(name)

    def confirm_all(self) -> None:
        for name in self.flagged():
            self.confirms[name].setChecked(True)

    # -- saving ------------------------------------------------------------------------------

    def changes(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.edits.items() if edit.text() != self.original[name]}

    def confirmed(self) -> list[str]:
        changes = self.changes()
        return [name for name, box in self.confirms.items()
                if box.isChecked() and name not in changes and self.provenance(name) in FLAGS]

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def save(self) -> bool:
        """Store the edits; on a refused value show why and stay open. True when saved."""
        changes, confirmed = self.changes(), self.confirmed()
        if not changes and not confirmed:
            self.accept()
            return True
        before = dict(self.article.provenance)
        try:
            edit: Edit | None = None
            if changes:
                edit = update_metadata(self.archive, self.article.id, changes)
            if confirmed:
                confirmation = confirm_fields(self.archive, self.article.id, confirmed)
                edit = edit or confirmation
        except EditError as exc:
            self.error_label.setText(str(exc)[:1].upper() + str(exc)[1:])
            self.error_label.setVisible(True)
            return False
        assert edit is not None
        edit.provenance_before = before  # one Undo puts back the edits and the confirmations
        self.error_label.setVisible(False)
        self.saved.emit(edit, describe_edit(list(changes), confirmed))
        self.accept()
        return True

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return
        super().keyPressEvent(event)
