"""The entity page's "Part of" field: pick the parent among thousands of entities by typing.

An editable combo box over a string list (one ``setStringList`` for 10,000 names, not 10,000
``addItem`` calls) whose completer matches anywhere in a name, case-insensitively: typing
"mobil" offers "Popular Mobilization Forces". The first choice is "(none)". Names shared by two
entities are told apart by their id. Lookups go through dictionaries, because the page asks
for the chosen parent on every key press.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

__all__ = ["NO_PARENT", "ParentPicker"]

#: The first choice: no parent.
NO_PARENT = "(none)"


class ParentPicker(QComboBox):
    """Editable combo of entity names; :meth:`chosen` is an id, None, or ``...`` (no match)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        self.names = QStringListModel([NO_PARENT], self)
        self.setModel(self.names)
        self.view().setUniformItemSizes(True)  # type: ignore[attr-defined]
        completer = QCompleter(self.names, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText("Type to find an entity")
        self.setToolTip("The entity this one belongs to (a unit's force, a town's province); (none) for none")
        self._ids: list[int | None] = [None]
        self._by_text: dict[str, int | None] = {NO_PARENT.casefold(): None, "": None}
        self._text_of: dict[int | None, str] = {None: NO_PARENT}

    def set_choices(self, choices: list[tuple[int, str, str]]) -> None:
        """(id, name, kind) of every entity that may be the parent; what is typed stays."""
        counts: dict[str, int] = {}
        for _id, name, _kind in choices:
            counts[name] = counts.get(name, 0) + 1
        texts = [NO_PARENT] + [f"{name} (#{pid})" if counts[name] > 1 else name for pid, name, _k in choices]
        self._ids = [None] + [pid for pid, _n, _k in choices]
        self._text_of = dict(zip(self._ids, texts))
        self._by_text = {text.casefold(): pid for pid, text in zip(self._ids, texts)}
        self._by_text[""] = None
        typed = self.currentText()
        self.blockSignals(True)
        self.names.setStringList(texts)
        self.setEditText(typed)
        self.blockSignals(False)

    def set_parent_id(self, parent_id: int | None) -> None:
        if parent_id not in self._text_of:
            parent_id = None
        self.setCurrentIndex(self._ids.index(parent_id))
        self.setEditText(self._text_of[parent_id])
        self.lineEdit().setCursorPosition(0)

    def chosen(self) -> int | None | type[Ellipsis]:
        """The parent named in the field: an id, None for none, or ``...`` when no entity matches."""
        return self._by_text.get(self.currentText().strip().casefold(), ...)
