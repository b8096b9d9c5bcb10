"""Related stories in the main window: the Related dock, the Threads dock, the Related menu,
linking from the reader and from the results selection, and the background jobs.

A mixin of :class:`desktop.ui.main_window.MainWindow`, like :mod:`~desktop.ui.window_quotes`.
The widgets in :mod:`desktop.ui.related` see the window only through a
:class:`~desktop.ui.related.context.RelatedContext` built on the window's ``entity_ctx``: the
same read and write threads, the same Undo stack, and the same "stories changed" report, after
which the window re-indexes (``related:`` and ``thread:`` searches follow links and threads).

The :class:`~desktop.core.related.service.RelatedIndex` (every story's relatedness features in
memory) is built once, in the background with progress and Cancel, the first time something
needs suggestions; after imports and edits it is only marked stale and refreshed, on the read
thread, before the next suggestions are read (a refresh re-reads only stories whose revision
changed). The Related dock is tabified with "Story entities" on the right and the Threads dock
with "Filters" on the left, so neither adds width to the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu

from .related.context import MAX_LINKED_TOGETHER, RelatedContext, link_pairs, type_label
from .related.dialogs import LinkDialog, LinkTypeDialog
from .related.panel import RelatedPanel
from .related.threads import NameDialog, ThreadBrowser

if TYPE_CHECKING:
    from ..core.related.service import RelatedIndex
    from .related.compare import CompareDialog
    from .related.graph import GraphDialog
    from .related.thread_page import ThreadPage

__all__ = ["RELATED_WIDTH", "RelatedMixin"]

#: The right docks' width the first time the Related dock comes to the front, when narrower.
RELATED_WIDTH = 320
#: Stories the picker lists for a search.
PICKER_LIMIT = 50


class RelatedMixin:
    """Needs ``entity_ctx``, ``story_entities(_dock)``, ``filters_dock``, ``task_progress``,
    ``engines``, ``selected_ids``, ``import_finished`` and ``archive_switched``: build after
    :meth:`_build_quotes` (its dock is tabified after Quotations) and before ``_restore_state``."""

    def _build_related(self) -> None:
        self._related_index: RelatedIndex | None = None
        self._related_building = False
        self.link_dialog: LinkDialog | None = None
        self.link_type_dialog: LinkTypeDialog | None = None
        self.thread_name_dialog: NameDialog | None = None
        self.graph_dialog: GraphDialog | None = None
        self.compare_dialog: CompareDialog | None = None
        self.thread_pages: dict[int, ThreadPage] = {}
        self.related_ctx = RelatedContext(
            entities=self.entity_ctx, ensure_index=self.ensure_related_index, index=self._built_related_index,
            selected_ids=self.selected_ids, find_stories=self._find_stories,
            new_briefing=getattr(self, "new_briefing", None),
            message=lambda text: self.statusBar().showMessage(text, 6000))
        self.related_panel = RelatedPanel(self.related_ctx, self)
        self.related_dock = QDockWidget("Related", self)
        self.related_dock.setObjectName("relatedDock")
        self.related_dock.setWidget(self.related_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.related_dock)
        self.tabifyDockWidget(getattr(self, "quotes_dock", self.story_entities_dock), self.related_dock)
        self.thread_browser = ThreadBrowser(self.related_ctx, self)
        self.threads_dock = QDockWidget("Threads", self)
        self.threads_dock.setObjectName("threadsDock")
        self.threads_dock.setWidget(self.thread_browser)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.threads_dock)
        self.tabifyDockWidget(getattr(self, "entities_dock", None) or self.filters_dock, self.threads_dock)
        self.filters_dock.raise_()
        self.story_entities_dock.raise_()
        self.related_panel.set_shown(False)  # until a tab is raised: visibilityChanged(True)
        self.thread_browser.set_shown(False)
        self._related_widened = False
        self.related_dock.visibilityChanged.connect(self._related_visibility)
        self.threads_dock.visibilityChanged.connect(self.thread_browser.set_shown)
        self.story_entities.loaded.connect(lambda: self.related_panel.show_story(self.story_entities.article_id))
        self.related_panel.link_requested.connect(self.link_from_reader)
        self.related_panel.graph_requested.connect(self.show_story_graph)
        self.related_panel.compare_requested.connect(self.compare_versions)
        self.related_panel.thread_requested.connect(self.open_thread_page)
        self.thread_browser.thread_requested.connect(self.open_thread_page)
        self.thread_browser.propose_requested.connect(self.propose_threads)
        self.thread_browser.new_thread_requested.connect(self.new_thread_from_selection)
        self.entity_ctx.signals.changed.connect(lambda _ids: self._related_stale())
        self.import_finished.connect(lambda _report: self._related_stale(reload=True))
        self.archive_switched.connect(lambda _folder: self._related_reset())
        self._build_related_menu()

    def _build_related_menu(self) -> None:
        menu = QMenu("&Related", self)
        help_menu = next((a for a in self.menuBar().actions() if a.text().replace("&", "") == "Help"), None)
        if help_menu is not None:
            self.menuBar().insertMenu(help_menu, menu)
        else:
            self.menuBar().addMenu(menu)
        self.related_menu = menu

        def action(text: str, slot: Any, tip: str = "", shortcut: str | None = None) -> QAction:
            made = QAction(text, self)
            made.setToolTip(tip)
            if shortcut:
                made.setShortcut(shortcut)
            made.triggered.connect(lambda _checked=False: slot())
            menu.addAction(made)
            return made

        self.link_story_action = action("&Link this story to\u2026", self.link_from_reader,
                                        "Link the story in the reader to another you find by words", "Ctrl+L")
        self.link_selected_action = action("Link &selected stories\u2026", self.link_selected_stories,
                                           "Link every pair of the stories selected in the results")
        self.story_graph_action = action("Story &neighbourhood\u2026", lambda: self.show_story_graph(None),
                                         "The story in the reader, its links and suggestions as a map")
        menu.addSeparator()
        self.new_thread_action = action("&New thread from selected stories\u2026", self.new_thread_from_selection)
        self.add_to_thread_action = action("&Add selected stories to thread", lambda: self.add_selected_to_thread(),
                                           "Add the stories selected in the results to the thread selected in "
                                           "the Threads panel")
        self.propose_threads_action = action("&Propose threads", self.propose_threads,
                                             "Group the whole archive into likely events, in the background")
        menu.addSeparator()
        menu.addAction(self.related_dock.toggleViewAction())
        menu.addAction(self.threads_dock.toggleViewAction())

    def _related_visibility(self, visible: bool) -> None:
        self.related_panel.set_shown(visible)
        if visible and not self._related_widened and not self.related_dock.isFloating():
            self._related_widened = True  # once: a width the reporter then chooses is kept
            if self.related_dock.width() < RELATED_WIDTH:
                self.resizeDocks([self.related_dock], [RELATED_WIDTH], Qt.Orientation.Horizontal)

    # -- the index ---------------------------------------------------------------------------

    def _built_related_index(self) -> RelatedIndex | None:
        index = self._related_index
        return index if index is not None and index.built else None

    def ensure_related_index(self) -> bool:
        """True when the index is built; otherwise start building it in the background (once)."""
        from ..core.related.service import RelatedIndex

        index = self._related_index
        if index is not None and index.archive is not self.archive:  # another archive was opened
            index = self._related_index = None
        if index is not None and index.built:
            return True
        if self._related_building:
            return False
        if index is None:
            index = self._related_index = RelatedIndex(self.archive)
        self.related_ctx.stale = False

        def done(_count: Any) -> None:
            self._related_building = False
            job = self.task_progress.job
            if job is not None and job.cancelled:
                self.statusBar().showMessage("Reading for suggestions was stopped; it starts again when needed.", 6000)
                return
            self.related_ctx.signals.index_ready.emit()

        def failed(message: str) -> None:
            self._related_building = False
            self.statusBar().showMessage(f"Suggestions are unavailable: {message}", 10000)

        if self.task_progress.run("Reading stories for suggestions", index.build, on_done=done, on_failed=failed):
            self._related_building = True
        elif self.task_progress.job is not None:  # another job runs: start when it ends
            self.task_progress.job.finished.connect(self._retry_related_index)
        return False

    def _retry_related_index(self) -> None:
        if self.related_panel.article_id is not None or self.graph_dialog is not None:
            self.ensure_related_index()

    def _related_stale(self, *, reload: bool = False) -> None:
        self.related_ctx.stale = True
        if reload:
            self.related_panel._changed()
            self.thread_browser._changed()

    def _related_reset(self) -> None:
        """After an archive switch: forget the index and open pages of the old archive."""
        self._related_index = None
        for page in list(self.thread_pages.values()):
            page.close()
        self.thread_pages.clear()
        self.related_panel.show_story(None)
        self.thread_browser._changed()

    def _find_stories(self, query: str) -> list[tuple[int, Any, Any, Any]]:
        """On the read thread: the picker's search, through the search engine when it answers."""
        from ..core.search.requests import SearchRequest
        from .related.queries import find_by_headline

        archive = self._search_archive or self.archive
        if query and self.engines is not None:
            try:
                results = self.engines.get().search(SearchRequest(query=query, limit=PICKER_LIMIT))
            except Exception:  # noqa: BLE001 - a query the search language refuses: headlines then
                results = None
            if results is not None and results.hits:
                return [(h.id, h.headline, h.outlet, h.date) for h in results.hits]
        return find_by_headline(archive, query, PICKER_LIMIT)

    # -- commands ----------------------------------------------------------------------------

    def show_related(self) -> RelatedPanel:
        self.related_dock.show()
        self.related_dock.raise_()
        return self.related_panel

    def show_threads(self) -> ThreadBrowser:
        self.threads_dock.show()
        self.threads_dock.raise_()
        return self.thread_browser

    def _reader_story(self) -> tuple[int, str] | None:
        article = getattr(self.reader, "article", None)
        if article is None:
            return None
        return article.id, article.headline or ""

    def link_from_reader(self, article_id: int | None = None) -> LinkDialog | None:
        """The story picker for the story in the reader (or ``article_id``); links on "Link"."""
        story = self._reader_story()
        if article_id is not None and (story is None or story[0] != article_id):
            meta = self.archive.get(article_id)
            story = (article_id, meta.headline or "") if meta is not None else None
        if story is None:
            self.statusBar().showMessage("Open a story in the reader first.", 4000)
            return None
        dialog = self.link_dialog = LinkDialog(self.related_ctx, story[0], story[1], self)

        def chosen() -> None:
            picked = dialog.choice()
            if picked is not None:
                a, b, link_type, note = picked
                self.related_ctx.link([(a, b)], link_type, note=note)

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def link_selected_stories(self) -> LinkTypeDialog | None:
        """Link every pair of the selected stories (2 to 12), the earlier story first."""
        ids = self.selected_ids()
        if not 2 <= len(ids) <= MAX_LINKED_TOGETHER:
            self.statusBar().showMessage(f"Select 2 to {MAX_LINKED_TOGETHER} stories in the results to link them.",
                                         5000)
            return None
        marks = ",".join("?" * len(ids))
        by_date = [r[0] for r in self.archive.db.execute(  # a dozen rows by primary key: instant
            f"SELECT id FROM articles WHERE id IN ({marks}) ORDER BY pub_date IS NULL, pub_date, id", ids)]
        dialog = self.link_type_dialog = LinkTypeDialog(
            "Link selected stories", f"Link the {len(ids)} selected stories with each other "
            f"({len(link_pairs(by_date))} links; the earlier story first).", self, directional=False)

        def chosen() -> None:
            link_type, _swap, note = dialog.choice()
            self.related_ctx.link(link_pairs(by_date), link_type, note=note, on_done=lambda made: self.statusBar()
                                  .showMessage(f"{len(made)} new link(s): {type_label(link_type).lower()}.", 5000))

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def new_thread_from_selection(self) -> NameDialog | None:
        ids = self.selected_ids()
        if not ids:
            self.statusBar().showMessage("Select the thread's stories in the results first.", 5000)
            return None
        dialog = self.thread_name_dialog = NameDialog(
            "New thread", f"A new event thread of the {len(ids)} selected stor{'y' if len(ids) == 1 else 'ies'}.",
            parent=self)
        archive = self.archive

        def chosen() -> None:
            from ..core.related.store import create_thread, delete_thread

            name = dialog.name()

            def done(thread_id: object) -> None:
                if isinstance(thread_id, int):
                    self.entity_ctx.push_undo(f"new thread \u201c{name}\u201d", lambda: delete_thread(archive, thread_id))
                    self.open_thread_page(thread_id)

            self.related_ctx.write(lambda: create_thread(archive, name, ids), ids, threads=True, on_done=done)

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def add_selected_to_thread(self, thread_id: int | None = None) -> bool:
        """Add the results selection to ``thread_id`` (default: the one selected in the Threads
        dock); one Undo step. False when there is nothing to add or no thread chosen."""
        from ..core.related.store import add_to_thread, remove_from_thread

        if thread_id is None:
            row = self.thread_browser.threads.current_row()
            thread_id = row.id if row is not None else None
        ids = self.selected_ids()
        if thread_id is None or not ids:
            self.show_threads()
            self.statusBar().showMessage("Select stories in the results and a thread in the Threads panel.", 5000)
            return False
        archive, chosen = self.archive, thread_id

        def done(added: object) -> None:
            if isinstance(added, int):
                self.statusBar().showMessage(f"{added} stor{'y' if added == 1 else 'ies'} added to the thread.", 5000)
                self.entity_ctx.push_undo(f"adding {len(ids)} stor{'y' if len(ids) == 1 else 'ies'} to a thread",
                                          lambda: remove_from_thread(archive, chosen, ids))

        self.related_ctx.write(lambda: add_to_thread(archive, chosen, ids), ids, threads=True, on_done=done)
        return True

    def open_thread_page(self, thread_id: int) -> ThreadPage:
        from .related.thread_page import ThreadPage

        page = self.thread_pages.get(thread_id)
        if page is None:
            page = self.thread_pages[thread_id] = ThreadPage(self.related_ctx, thread_id, self)
            page.destroyed.connect(lambda _obj=None, t=thread_id: self.thread_pages.pop(t, None))
        page.show()
        page.raise_()
        page.activateWindow()
        return page

    def propose_threads(self) -> bool:
        """Group the archive into proposed threads in the background; False if a job runs."""
        from ..core.related.service import RelatedIndex, propose_threads_for_archive

        if self._related_index is None or self._related_index.archive is not self.archive:
            self._related_index = RelatedIndex(self.archive)
        self.related_ctx.stale = False  # the job refreshes the index first

        def done(count: Any) -> None:
            self.statusBar().showMessage(f"{count} new thread proposal{'s' if count != 1 else ''}.", 8000)
            self.related_ctx.signals.threads_changed.emit()
            if self._related_index is not None and self._related_index.built:
                self.related_ctx.signals.index_ready.emit()
            self.show_threads()

        return self.task_progress.run("Proposing threads", propose_threads_for_archive, self.archive,
                                      self._related_index, on_done=done)

    def show_story_graph(self, article_id: int | None = None) -> GraphDialog | None:
        from .related.graph import GraphDialog
        from .related.queries import load_graph

        if article_id is None:
            story = self._reader_story()
            article_id = story[0] if story else None
        if article_id is None:
            self.statusBar().showMessage("Open a story in the reader first.", 4000)
            return None
        if self.graph_dialog is None:
            self.graph_dialog = GraphDialog(self)
            self.graph_dialog.view.story_clicked.connect(self._graph_clicked)
        dialog, archive, rctx = self.graph_dialog, self.archive, self.related_ctx
        dialog.article_id = article_id  # type: ignore[attr-defined]
        built = self.ensure_related_index()

        def loaded(data: Any) -> None:
            if getattr(dialog, "article_id", None) == article_id:
                dialog.set_data(data)
                dialog.loaded = True  # type: ignore[attr-defined]

        dialog.loaded = False  # type: ignore[attr-defined]
        self.entity_ctx.run_read(lambda: load_graph(archive, rctx.index_for_read() if built else None, article_id),
                                 loaded)
        if not built:  # show the suggestions too once they can be read
            self.related_ctx.signals.index_ready.connect(self._graph_index_ready)
        dialog.show()
        dialog.raise_()
        return dialog

    def _graph_index_ready(self) -> None:
        self.related_ctx.signals.index_ready.disconnect(self._graph_index_ready)
        if self.graph_dialog is not None and self.graph_dialog.isVisible():
            self.show_story_graph(getattr(self.graph_dialog, "article_id", None))

    def _graph_clicked(self, article_id: int) -> None:
        self.open_story(article_id)

    def compare_versions(self, a_id: int, b_id: int) -> None:
        """Read both texts and their differences on the read thread, then show them side by side."""
        from ..core.related.near_duplicates import diff_versions
        from .related.compare import CompareDialog

        archive = self.archive

        def work() -> Any:
            a, b = archive.get(a_id), archive.get(b_id)
            if a is None or b is None:
                return None
            title = lambda art: " \u00b7 ".join(p for p in (art.headline or "(no headline)", art.outlet,
                                                              art.pub_date.iso() if art.pub_date else None) if p)
            return (title(a), a.body), (title(b), b.body), diff_versions(a.body, b.body)

        def done(found: Any) -> None:
            if found is None:
                self.statusBar().showMessage("One of the two stories is gone.", 5000)
                return
            left, right, ops = found
            self.compare_dialog = CompareDialog(left, right, ops, self)
            self.compare_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.compare_dialog.show()

        self.entity_ctx.run_read(work, done)
