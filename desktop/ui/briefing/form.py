"""The widgets of the briefing dialog: the story list with its buttons, the title block and summary,
and what to include with the live outline under it.

Kept apart from :mod:`.dialog` so the dialog reads as behaviour (loading, saving, exporting) and
this module as layout. :class:`BriefingForm` turns its fields into a :class:`Briefing` without
stories (the :class:`~.models.StoriesModel` holds those) and emits ``changed`` on any edit.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...core.briefing.model import Briefing, BriefingOptions
from .models import IdRole, StoriesModel

__all__ = ["BriefingForm", "StoriesPane"]

#: Option name -> check box label, in the order shown.
SECTION_LABELS = {
    "timeline": "Timeline of the stories",
    "entity_table": "Table of people, groups, places, weapons",
    "links": "Links between stories",
    "sources": "Numbered list of sources",
}


class NumberedDelegate(QStyledItemDelegate):
    """Shows each story with its place in the briefing ("3. Headline"), which is also its
    number in the document's sources list."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.text = f"{index.row() + 1}. {option.text}"


class StoriesPane(QGroupBox):
    """The stories in briefing order: drag to reorder (or Alt+Up / Alt+Down), Delete to remove."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Stories, in briefing order", parent)
        self.model = StoriesModel(self)
        view = self.view = QListView(self)
        view.setObjectName("briefingStories")
        view.setModel(self.model)
        view.setItemDelegate(NumberedDelegate(view))
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setDragDropOverwriteMode(False)
        view.setDropIndicatorShown(True)
        view.setAlternatingRowColors(True)
        view.setSpacing(1)
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setToolTip("Drag stories to change their order")
        self.count_label = QLabel(self)
        self.up_button = QPushButton("Move u&p", self)
        self.up_button.setToolTip("Move the selected stories up (Alt+Up)")
        self.down_button = QPushButton("Move dow&n", self)
        self.down_button.setToolTip("Move the selected stories down (Alt+Down)")
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.setToolTip("Take the selected stories out of the briefing (Delete)")
        self.add_button = QPushButton("&Add selected stories", self)
        self.add_button.setToolTip("Add the stories selected in the results to the end of the list")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.remove_button.clicked.connect(self.remove_selected)
        for keys, slot in (("Alt+Up", lambda: self.move_selected(-1)), ("Alt+Down", lambda: self.move_selected(+1)),
                           (QKeySequence.StandardKey.Delete, self.remove_selected)):
            shortcut = QShortcut(QKeySequence(keys), view, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        view.selectionModel().selectionChanged.connect(lambda *_a: self.update_buttons())

        buttons = QHBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        layout.addLayout(buttons)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.add_button)
        layout.addLayout(bottom)
        self.update_buttons()

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def move_selected(self, step: int) -> bool:
        """Move the selected rows one place up (-1) or down (+1) as a block; they stay selected."""
        rows = self.selected_rows()
        if not rows:
            return False
        first, last = rows[0], rows[-1]
        if step < 0 and first == 0 or step > 0 and last == self.model.rowCount() - 1:
            return False
        ids = {self.model.index(r).data(IdRole) for r in rows}
        # one contiguous block is moved as one; scattered rows move one by one, keeping their order
        for row in (rows if step < 0 else reversed(rows)):
            target = row - 1 if step < 0 else row + 2
            self.model.moveRows(QModelIndex(), row, 1, QModelIndex(), target)
        self._select_ids(ids)
        return True

    def remove_selected(self) -> int:
        rows = self.selected_rows()
        for row in reversed(rows):
            self.model.removeRows(row, 1)
        if rows and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(rows[0], self.model.rowCount() - 1)))
        return len(rows)

    def _select_ids(self, ids: set[int]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        for row in range(self.model.rowCount()):
            index = self.model.index(row)
            if index.data(IdRole) in ids:
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def update_buttons(self) -> None:
        rows = self.selected_rows()
        self.up_button.setEnabled(bool(rows) and rows[0] > 0)
        self.down_button.setEnabled(bool(rows) and rows[-1] < self.model.rowCount() - 1)
        self.remove_button.setEnabled(bool(rows))


class BriefingForm(QObject):
    """The title block, summary and options; two panes the dialog lays out."""

    #: Anything the reporter typed or ticked.
    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.fields_pane = QGroupBox("Title page and summary", parent)
        self.title_edit = QLineEdit(self.fields_pane)
        self.title_edit.setObjectName("briefingTitle")
        self.title_edit.setPlaceholderText("What the briefing is about")
        self.author_edit = QLineEdit(self.fields_pane)
        self.author_edit.setPlaceholderText("Your name")
        self.date_edit = QDateEdit(self.fields_pane)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.handling_edit = QLineEdit(self.fields_pane)
        self.handling_edit.setToolTip("Printed under the title and at the top of every page")
        self.summary_edit = QPlainTextEdit(self.fields_pane)
        self.summary_edit.setObjectName("briefingSummary")
        self.summary_edit.setPlaceholderText("The executive summary: what a reader must know if they read "
                                             "nothing else. Leave empty to leave the section out.")
        self.leads_button = QPushButton("Use the stories\u2019 &leads", self.fields_pane)
        self.leads_button.setToolTip("Replace the summary with the lead paragraph of each story, in order, "
                                     "to edit from (Ctrl+Z brings your text back)")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title:", self.title_edit)
        form.addRow("A&uthor:", self.author_edit)
        form.addRow("&Date:", self.date_edit)
        form.addRow("&Handling:", self.handling_edit)
        summary_row = QHBoxLayout()
        summary_label = QLabel("E&xecutive summary:", self.fields_pane)
        summary_label.setBuddy(self.summary_edit)
        summary_row.addWidget(summary_label, 1)
        summary_row.addWidget(self.leads_button)
        fields = QVBoxLayout(self.fields_pane)
        fields.addLayout(form)
        fields.addLayout(summary_row)
        fields.addWidget(self.summary_edit, 1)

        self.include_pane = QWidget(parent)
        include = QGroupBox("Include", self.include_pane)
        self.lead_radio = QRadioButton("Each story\u2019s lead paragraph", include)
        self.full_radio = QRadioButton("Each story\u2019s full text", include)
        self._text_choice = QButtonGroup(self)
        self._text_choice.addButton(self.lead_radio)
        self._text_choice.addButton(self.full_radio)
        self.entities_check = QCheckBox("Its confirmed entities", include)
        self.suggested_check = QCheckBox("Also entities only suggested", include)
        self.suggested_check.setToolTip("For stories nobody has reviewed yet: list the entities the app "
                                        "suggested as well as the confirmed ones")
        self.quotes_check = QCheckBox("Its key quotations", include)
        self.section_checks = {name: QCheckBox(label, include) for name, label in SECTION_LABELS.items()}
        grid = QVBoxLayout(include)
        grid.setSpacing(4)
        for widget in (self.lead_radio, self.full_radio, self.entities_check):
            grid.addWidget(widget)
        indented = QHBoxLayout()
        indented.addSpacing(22)
        indented.addWidget(self.suggested_check)
        grid.addLayout(indented)
        grid.addWidget(self.quotes_check)
        sections = QLabel("Sections after the stories:", include)
        grid.addSpacing(4)
        grid.addWidget(sections)
        for check in self.section_checks.values():
            grid.addWidget(check)
        outline_box = QGroupBox("Outline of the document", self.include_pane)
        self.outline_view = QTreeView(outline_box)  # a flat list; a tree view elides long headings
        self.outline_view.setObjectName("briefingOutline")
        self.outline_view.setHeaderHidden(True)
        self.outline_view.setRootIsDecorated(False)
        self.outline_view.setUniformRowHeights(True)
        self.outline_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.outline_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outline_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.outline_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.outline_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        QVBoxLayout(outline_box).addWidget(self.outline_view)
        right = QVBoxLayout(self.include_pane)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(include)
        right.addWidget(outline_box, 1)

        for edit in (self.title_edit, self.author_edit, self.handling_edit):
            edit.textEdited.connect(self.changed)
        self.date_edit.dateChanged.connect(self.changed)
        self.summary_edit.textChanged.connect(self.changed)
        for button in (self.full_radio, self.entities_check, self.quotes_check, *self.section_checks.values()):
            button.toggled.connect(self.changed)
        self.entities_check.toggled.connect(self.suggested_check.setEnabled)

    # -- to and from a briefing ------------------------------------------------------------

    def set_briefing(self, briefing: Briefing) -> None:
        blockers = [w.blockSignals(True) for w in self._widgets()]
        self.title_edit.setText(briefing.title)
        self.author_edit.setText(briefing.author)
        day = QDate.fromString(briefing.date or "", Qt.DateFormat.ISODate)
        self.date_edit.setDate(day if day.isValid() else QDate.currentDate())
        self.handling_edit.setText(briefing.handling)
        self.summary_edit.setPlainText(briefing.summary)
        self.set_options(briefing.options)
        for widget, was in zip(self._widgets(), blockers, strict=True):
            widget.blockSignals(was)
        self.suggested_check.setEnabled(self.entities_check.isChecked())

    def set_options(self, options: BriefingOptions) -> None:
        (self.full_radio if options.full_text else self.lead_radio).setChecked(True)
        self.entities_check.setChecked(options.include_entities)
        self.quotes_check.setChecked(options.include_quotes)
        for name, check in self.section_checks.items():
            check.setChecked(bool(getattr(options, name)))

    def _widgets(self) -> list[QObject]:
        return [self.title_edit, self.author_edit, self.date_edit, self.handling_edit, self.summary_edit,
                self.lead_radio, self.full_radio, self.entities_check, self.quotes_check,
                *self.section_checks.values()]

    def options(self) -> BriefingOptions:
        return BriefingOptions(
            full_text=self.full_radio.isChecked(), include_entities=self.entities_check.isChecked(),
            include_quotes=self.quotes_check.isChecked(),
            **{name: check.isChecked() for name, check in self.section_checks.items()})

    def briefing(self) -> Briefing:
        """The fields as a briefing without stories."""
        handling = self.handling_edit.text()
        return Briefing(title=self.title_edit.text().strip(), author=self.author_edit.text().strip(),
                        date=self.date_edit.date().toString(Qt.DateFormat.ISODate),
                        handling=handling if handling.strip() else "", summary=self.summary_edit.toPlainText(),
                        options=self.options())

    def replace_summary(self, text: str) -> None:
        """Replace the summary as one undoable edit."""
        cursor = QTextCursor(self.summary_edit.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()

