"""Entities in the main window: the story's entities dock, the entity browser dock, the Entities
menu, "Tag as..." from the reader, and the archive-wide suggestion job.

A mixin of :class:`desktop.ui.main_window.MainWindow`, like :mod:`~desktop.ui.window_imports`.
The entity widgets talk to the window only through an
:class:`~desktop.ui.entities.context.EntityContext`; when they report a change, the window
re-indexes the stories concerned (on its writer thread) and refreshes the results.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDockWidget, QFileDialog, QMenu, QMessageBox

from .edit_commands import UndoEntry
from .entities.context import EntityContext
from .entities.story_panel import StoryEntitiesPanel
from .task_progress import TaskProgress

__all__ = ["EntitiesMixin"]


class EntitiesMixin:
    """Needs the window's archive, pools, ``_run``, reader, ``edits`` and ``archive_changed``."""

    def _build_entities(self) -> None:
        self.entity_ctx = EntityContext(
            archive=self.archive, run_write=self._run_write, run_read=self._run_read,
            open_story=self.open_story, push_undo=self._push_entity_undo,
        )
        self.entity_ctx.signals.changed.connect(self._entities_changed)
        self.story_entities = StoryEntitiesPanel(self.entity_ctx, self)
        self.story_entities.highlight_requested.connect(self._mark_in_reader)
        self.story_entities.entity_page_requested.connect(self.open_entity_page)
        self.story_entities_dock = QDockWidget("Story entities", self)
        self.story_entities_dock.setObjectName("storyEntitiesDock")
        self.story_entities_dock.setWidget(self.story_entities)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.story_entities_dock)
        self.resizeDocks([self.story_entities_dock], [300], Qt.Orientation.Horizontal)
        # The Entities tab sits behind Filters: its browser (and the entity pages' code) is
        # built just after the window's first paint, not before it (about 40 ms of start-up).
        self.entity_browser = None
        self.entities_dock = QDockWidget("Entities", self)
        self.entities_dock.setObjectName("entitiesDock")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.entities_dock)
        self.tabifyDockWidget(self.filters_dock, self.entities_dock)
        self.filters_dock.raise_()
        QTimer.singleShot(0, self._build_entity_browser)
        self.task_progress = TaskProgress(self.statusBar(), self)
        if hasattr(self.reader, "tag_requested"):
            self.reader.tag_requested.connect(self.tag_selection)

    def _build_entity_browser(self) -> None:
        if self.entity_browser is not None or getattr(self, "_shut", False):
            return
        from .entities.browser import EntityBrowser

        self.entity_browser = EntityBrowser(self.entity_ctx, self)
        self.entities_dock.setWidget(self.entity_browser)

    def _build_entities_menu(self) -> None:
        help_menu = next((a for a in self.menuBar().actions() if a.text().replace("&", "") == "Help"), None)
        menu = QMenu("E&ntities", self)
        if help_menu is not None:
            self.menuBar().insertMenu(help_menu, menu)
        else:
            self.menuBar().addMenu(menu)
        self.entities_menu = menu
        self.suggest_entities_action = QAction("&Suggest entities in every story", self)
        self.suggest_entities_action.setToolTip("Read every story again for people, groups, places and weapons "
                                                "(rejected suggestions stay rejected)")
        self.suggest_entities_action.triggered.connect(self.suggest_entities_everywhere)
        self.review_merges_action = QAction("&Review proposed merges\u2026", self)
        self.review_merges_action.triggered.connect(self.review_merges)
        self.tag_action = QAction("&Tag selected words as\u2026", self)
        self.tag_action.setShortcut("Ctrl+T")
        self.tag_action.triggered.connect(lambda: self.reader.request_tag() if hasattr(self.reader, "request_tag")
                                          else None)
        self.export_entities_action = QAction("&Export entity list\u2026", self)
        self.export_entities_action.triggered.connect(self.export_entity_list)
        self.import_entities_action = QAction("&Import entity list\u2026", self)
        self.import_entities_action.triggered.connect(self.import_entity_list)
        menu.addAction(self.tag_action)
        menu.addAction(self.suggest_entities_action)
        menu.addAction(self.review_merges_action)
        menu.addSeparator()
        menu.addActions([self.export_entities_action, self.import_entities_action])
        menu.addSeparator()
        menu.addAction(self.story_entities_dock.toggleViewAction())
        if self.entities_dock is not None:
            menu.addAction(self.entities_dock.toggleViewAction())

    # -- services for the entity widgets ---------------------------------------------------------

    def _run_write(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._run(self._writer_pool, fn, on_done)

    def _run_read(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._run(self._search_pool, fn, on_done)

    def open_story(self, article_id: int) -> None:
        if not self.select_ids([article_id]):
            self._reader_show(article_id)
        self.raise_()

    def _push_entity_undo(self, label: str, undo: Callable[[], Any]) -> None:
        self.edits.push(UndoEntry(label, action=undo, after=lambda: self.entity_ctx.changed([])))

    def _entities_changed(self, article_ids: list[int]) -> None:
        current = self.current_id()
        self.archive_changed([current] if current is not None else None)

    def _mark_in_reader(self, spans: list[tuple[int, int]]) -> None:
        if hasattr(self.reader, "mark_spans"):
            self.reader.mark_spans(spans)

    def _attach_entities(self) -> None:
        """After an archive switch: the widgets read the new archive."""
        self.entity_ctx.archive = self.archive  # open entity pages close themselves
        self.story_entities.show_story(None)
        self.entity_ctx.changed([])

    # -- commands ----------------------------------------------------------------------------

    def open_entity_page(self, entity_id: int) -> Any:
        """The entity's page (one per entity: an open one is raised)."""
        from .entities.page import open_page

        return open_page(self.entity_ctx, entity_id, self)

    def tag_selection(self, article_id: int, start: int, end: int, words: str) -> bool:
        """"Tag as...": ask which entity, then store a confirmed mention on the writer thread."""
        dialog = self._tag_dialog(words)
        if dialog is None:
            return False
        entity_id, name, kind = dialog
        archive = self.archive

        def work() -> tuple[int, int]:
            from ..core.entities.editing import tag_span

            return tag_span(archive, article_id, start, end, entity_id=entity_id, name=name, kind=kind or "other")

        self._run_write(work, lambda _r: self.entity_ctx.changed([article_id]))
        return True

    def _tag_dialog(self, words: str) -> tuple[int | None, str, str] | None:
        """Ask with the Tag dialog (tests replace this)."""
        from .entities.tag_dialog import TagDialog

        dialog = TagDialog(self.archive, words, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()

    def suggest_entities_everywhere(self) -> bool:
        from ..core.entities.suggest import suggest_for_archive

        def done(outcome: Any) -> None:
            stopped = " (stopped)" if outcome.cancelled else ""
            self.statusBar().showMessage(
                f"Entities suggested{stopped}: {outcome.articles:,} stories read, {outcome.mentions:,} new "
                f"suggestions, {outcome.new_entities:,} new entities.", 10000)
            self.entity_ctx.changed([])

        return self.task_progress.run("Suggesting entities", suggest_for_archive, self.archive, on_done=done)

    def review_merges(self) -> Any:
        """The one queue of proposed merges (from the entity browser)."""
        self._build_entity_browser()
        if self.entities_dock is not None:
            self.entities_dock.show()
            self.entities_dock.raise_()
        return self.entity_browser.show_review()

    def export_entity_list(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export entity list", str(Path.home() / "entities.json"),
                                              "JSON (*.json);;CSV (*.csv)")
        if not path:
            return
        from ..core.entities.exchange import export_entities

        archive = self.archive
        self._run_read(lambda: export_entities(archive, path),
                       lambda count: self.statusBar().showMessage(f"Wrote {count:,} entities to {path}", 8000))

    def import_entity_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import entity list", str(Path.home()),
                                              "Entity lists (*.json *.csv);;All files (*)")
        if not path:
            return
        from ..core.entities.exchange import import_entities
        from ..core.entities.store import EntityError

        archive = self.archive

        def work() -> Any:
            try:
                return import_entities(archive, path)
            except EntityError as exc:
                return str(exc)

        def done(outcome: Any) -> None:
            if isinstance(outcome, str):
                QMessageBox.warning(self, "Cannot import the entity list", outcome)
                return
            self.statusBar().showMessage(f"Entity list: {outcome.created} new, {outcome.updated} updated, "
                                         f"{outcome.unchanged} unchanged.", 8000)
            self.entity_ctx.changed([])

        self._run_write(work, done)
