"""One entity's page: its details and names, the stories it is in, the entities seen with it,
and the merges proposed for it.

A page is a non-modal window, one per entity (:func:`open_page` raises the one already open).
All it shows is read in one job on the read thread (:func:`.queries.page_data`) and every
change is written on the writer thread, then announced through ``ctx.changed`` so the browser,
the story panel and any other page reload. When the entity is merged away (here or anywhere
else) the page follows it to the entity it was merged into. Edits not yet saved survive a reload.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.entities.kinds import KIND_LABELS, KINDS
from ...core.entities.store import add_alias, remove_alias, update_entity
from . import actions
from .aliases import AliasesBox
from .parent_picker import NO_PARENT, ParentPicker
from .queries import PageData, RelatedEntity, StoryRow, page_data
from .review import ProposalsView
from .rows_model import Column, RowsModel

if TYPE_CHECKING:
    from .context import EntityContext

__all__ = ["NO_PARENT", "EntityPage", "open_page", "open_pages"]

#: Shown for a story without a date.
NO_DATE = "(no date)"
#: Open pages by (context, entity id): one page per entity.
_PAGES: dict[tuple[int, int], EntityPage] = {}


def open_pages(ctx: EntityContext) -> list[EntityPage]:
    return [page for (ctx_id, _e), page in _PAGES.items() if ctx_id == id(ctx)]


def open_page(ctx: EntityContext, entity_id: int, parent: QWidget | None = None) -> EntityPage:
    """Show the entity's page, raising the one already open."""
    page = _PAGES.get((id(ctx), entity_id))
    if page is None:
        page = EntityPage(ctx, entity_id, parent)
    page.show()
    page.raise_()
    page.activateWindow()
    return page


def _table(name: str, model: RowsModel, stretch: int, sort: int) -> QTableView:
    """A read-only table over ``model``, sorted by column ``sort`` descending to begin with."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.sortByColumn(sort, Qt.SortOrder.DescendingOrder)
    table.setSortingEnabled(True)
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        mode = QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    return table


class EntityPage(QDialog):
    """Name, kind, parent, description, notes, other names; stories, appears with, merges."""

    #: The page now shows another entity (the one its entity was merged into): its id.
    entity_switched = Signal(int)
    #: The page's data arrived (tests and the window wait on it).
    loaded = Signal()

    def __init__(self, ctx: EntityContext, entity_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entity_id = entity_id
        self.data: PageData | None = None
        self._saving = False
        self._closed = False
        #: The archive the entity is in (None once the window switched to another one).
        self._archive: Any = ctx.archive
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("entityPage")
        _PAGES[(id(ctx), entity_id)] = self
        self.destroyed.connect(lambda *_: self._forget())
        self._build()
        self.resize(1000, 640)
        ctx.signals.changed.connect(self._changed)
        self.reload()

    # -- construction --------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("entityTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self)
        self.status.setObjectName("pageStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(self._link)

        self.name = QLineEdit()
        self.name.setObjectName("entityName")
        self.kind = QComboBox()
        self.kind.setObjectName("entityKindChoice")
        for kind in KINDS:
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.parent_choice = ParentPicker()
        self.parent_choice.setObjectName("entityParent")
        self.description = QPlainTextEdit()
        self.description.setObjectName("entityDescription")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("entityNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        details = self.details = QGroupBox("Details")
        form = QFormLayout(details)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name:", self.name)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Part of:", self.parent_choice)
        form.addRow("&Description:", self.description)
        form.addRow("N&otes:", self.notes)
        self.aliases = AliasesBox()

        self.stories_model: RowsModel[StoryRow] = RowsModel([
            Column("Date", lambda s: s.date or NO_DATE, sort=lambda s: s.date or ""),
            Column("Outlet", lambda s: s.outlet or ""),
            Column("Headline", lambda s: s.headline or "(no headline)"),
        ], id_of=lambda s: s.id, parent=self)
        self.related_model: RowsModel[RelatedEntity] = RowsModel([
            Column("Name", lambda r: r.name),
            Column("Kind", lambda r: KIND_LABELS.get(r.kind, r.kind)),
            Column("Shared stories", lambda r: str(r.shared), sort=lambda r: r.shared, right_aligned=True),
        ], id_of=lambda r: r.id, parent=self)
        self.stories = _table("entityStories", self.stories_model, 2, 0)
        self.related = _table("relatedEntities", self.related_model, 0, 2)
        self.stories.activated.connect(lambda i: self.ctx.open_story(int(self.stories_model.ids()[i.row()])))
        self.stories.clicked.connect(lambda i: self.ctx.open_story(int(self.stories_model.ids()[i.row()])))
        self.related.activated.connect(lambda i: self._open_other(self.related_model.ids()[i.row()]))
        self.proposals = ProposalsView(self.ctx)
        self.proposals.open_entity.connect(self._open_other)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("entityTabs")
        self.tabs.addTab(self.stories, "S&tories")
        self.tabs.addTab(self.related, "Appears &With")
        self.tabs.addTab(self.proposals, "Proposed Mer&ges")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Reset
                                        | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.revert_button = self.buttons.button(QDialogButtonBox.StandardButton.Reset)
        self.revert_button.setText("&Revert")
        self.save_button.setDefault(True)  # Enter in a field saves; nothing when there is nothing to save
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self._show_details)
        self.buttons.rejected.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        left = QVBoxLayout()
        left.addWidget(details)
        left.addWidget(self.aliases, 1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addWidget(self.tabs, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        for field in (self.name.textChanged, self.kind.currentIndexChanged, self.parent_choice.currentTextChanged,
                      self.description.textChanged, self.notes.textChanged):
            field.connect(lambda *_: self._update_buttons())
        self.aliases.add_requested.connect(self.add_alias)
        self.aliases.remove_requested.connect(self.remove_alias)
        self.aliases.split_requested.connect(self.split_alias)

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        archive, entity_id = self.ctx.archive, self.entity_id
        self.ctx.run_read(lambda: page_data(archive, entity_id), lambda data: self._loaded(entity_id, data))

    def alive(self) -> bool:
        """Not closed (answers may arrive after the page was)."""
        return shiboken6.isValid(self) and not self._closed

    def _changed(self, _articles: object) -> None:
        if not self.alive():
            return
        if self.ctx.archive is not self._archive:  # the window switched archives: ids mean nothing now
            self._archive = None
            self.close()
            return
        self.reload()

    def _loaded(self, entity_id: int, data: PageData | int | None) -> None:
        if not self.alive() or entity_id != self.entity_id:
            return  # closed, or switched to another entity meanwhile
        if isinstance(data, int):
            self.switch_to(data)
            return
        if data is None:
            self.status.setText("This entity is no longer in the archive.")
            for widget in (self.details, self.aliases, self.tabs, self.save_button, self.revert_button):
                widget.setEnabled(False)
            return
        dirty = self.data is not None and self.is_dirty()
        self.data = data
        entity = data.entity
        self.setWindowTitle(f"{entity.name} \u2014 Entity")
        self.title.setText(f"{entity.name}  \u00b7  {KIND_LABELS.get(entity.kind, entity.kind)}")
        self.parent_choice.set_choices(data.parents)
        if not dirty:
            self._show_details()
        self.aliases.set_aliases([a for a in entity.aliases if a != entity.name])
        self.aliases.set_busy(False)
        self.stories_model.set_rows(data.stories)
        self.related_model.set_rows(data.related)
        self.proposals.set_proposals(data.proposals)
        self.tabs.setTabText(0, f"S&tories ({len(data.stories)})")
        self.tabs.setTabText(2, f"Proposed Mer&ges ({len(data.proposals)})")
        self._update_buttons()
        self.loaded.emit()

    def _show_details(self) -> None:
        """Put the saved values back into the fields (also Revert)."""
        if self.data is None:
            return
        entity = self.data.entity
        self.name.setText(entity.name)
        self.name.setCursorPosition(0)
        self.kind.setCurrentIndex(max(0, self.kind.findData(entity.kind)))
        self.parent_choice.set_parent_id(entity.parent_id)
        self.description.setPlainText(entity.description)
        self.notes.setPlainText(entity.notes)
        self._update_buttons()

    # -- editing -------------------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the saved entity, as ``update_entity`` arguments."""
        if self.data is None:
            return {}
        entity, found = self.data.entity, {}
        name = " ".join(self.name.text().split())
        if name and name != entity.name:
            found["name"] = name
        if self.kind.currentData() != entity.kind:
            found["kind"] = self.kind.currentData()
        if self.description.toPlainText().strip() != entity.description:
            found["description"] = self.description.toPlainText()
        if self.notes.toPlainText().strip() != entity.notes:
            found["notes"] = self.notes.toPlainText()
        parent = self.parent_choice.chosen()
        if parent is not ... and parent != entity.parent_id:
            found["parent_id"] = parent
        return found

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def _update_buttons(self) -> None:
        dirty = self.is_dirty() and not self._saving
        valid = bool(self.name.text().strip()) and self.parent_choice.chosen() is not ...
        self.save_button.setEnabled(dirty and valid)
        self.revert_button.setEnabled(dirty)
        if not valid and self.data is not None:
            problem = "An entity needs a name." if not self.name.text().strip() else \
                "\u201cPart of\u201d must name an entity from the list, or (none)."
            self.status.setText(problem)
        elif self.status.text().startswith(("An entity needs", "\u201cPart of\u201d")):
            self.status.clear()

    def save(self) -> None:
        changes = self.changes()
        if not changes or not self.save_button.isEnabled():
            return
        archive, entity_id = self.ctx.archive, self.entity_id
        self._saving = True
        self._update_buttons()

        def work() -> list[int]:
            update_entity(archive, entity_id, **changes)
            return actions.articles_of(archive, [entity_id])

        def done(articles: list[int]) -> None:
            self.ctx.changed(articles)
            if not self.alive():
                return
            self._saving = False
            self.data = None  # the reload shows the saved values
            self.status.setText("Saved.")

        self.ctx.run_write(work, done)

    def _write(self, work: Any, message: str) -> None:
        archive, entity_id = self.ctx.archive, self.entity_id
        self.aliases.set_busy(True)

        def run() -> list[int]:
            work(archive, entity_id)
            return actions.articles_of(archive, [entity_id])

        def done(articles: list[int]) -> None:
            if self.alive():
                self.status.setText(message)
            self.ctx.changed(articles)

        self.ctx.run_write(run, done)

    def add_alias(self, alias: str) -> None:
        self._write(lambda archive, eid: add_alias(archive, eid, alias), f"Added \u201c{alias}\u201d.")

    def remove_alias(self, alias: str) -> None:
        self._write(lambda archive, eid: remove_alias(archive, eid, alias), f"Removed \u201c{alias}\u201d.")

    def split_alias(self, alias: str) -> None:
        if self.data is None:
            return
        self.aliases.set_busy(True)

        def done(new_id: int) -> None:
            if self.alive():
                self.status.setText(f"\u201c{alias}\u201d is now an entity of its own: "
                                    f"<a href=\"entity:{new_id}\">open its page</a>.")

        actions.split(self.ctx, (self.entity_id, self.data.entity.name), alias, on_done=done)

    # -- other pages ---------------------------------------------------------------------------

    def _link(self, href: str) -> None:
        if href.startswith("entity:"):
            self._open_other(int(href.split(":", 1)[1]))

    def _open_other(self, entity_id: int) -> None:
        open_page(self.ctx, entity_id, self.parentWidget())

    def switch_to(self, entity_id: int) -> None:
        """Show ``entity_id`` instead (this page's entity was merged into it)."""
        other = _PAGES.get((id(self.ctx), entity_id))
        if other is not None and other is not self:
            other.show()
            other.raise_()
            self.close()
            return
        _PAGES.pop((id(self.ctx), self.entity_id), None)
        self.entity_id = entity_id
        _PAGES[(id(self.ctx), entity_id)] = self
        self.data = None
        self.status.setText("The entity shown here was merged into this one.")
        self.entity_switched.emit(entity_id)
        self.reload()

    def _forget(self) -> None:
        for key, page in list(_PAGES.items()):
            if page is self:
                _PAGES.pop(key, None)

    def done(self, result: int) -> None:
        if self._archive is not None and self.data is not None and self.is_dirty() and not self.ask_discard():
            return
        self._closed = True
        try:
            self.ctx.signals.changed.disconnect(self._changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)

    def ask_discard(self) -> bool:
        answer = QMessageBox.question(
            self, "Unsaved changes", f"Save the changes to \u201c{self.data.entity.name if self.data else ''}\u201d?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            self.save()
        return answer != QMessageBox.StandardButton.Cancel
