"""The Related dock: what the archive knows about the story in the reader.

Four sections, top to bottom, in the order a reporter acts on them: the story's **links** by type
(activate one to open that story), **other versions** found at import (accept as a link, dismiss,
or compare side by side; the section hides when there are none), **suggestions** with their
reasons (accept with a type, or dismiss for good), and the **threads** the story is in.

Everything is read in one go on the window's read thread (:func:`~.queries.load_story`) and only
while the dock is in front; a sequence number drops the answer for a story since replaced.
Suggestions need the in-memory :class:`RelatedIndex`: the first time the dock shows a story it
asks the window to build it (in the background, with progress and Cancel) and says so meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.related.service import accept_version, dismiss_version
from ...core.related.store import dismiss_suggestion, links_for, remove_link
from ..shown_reload import ShownReload
from .context import RelatedContext, type_label
from .dialogs import LinkTypeDialog
from .models import RowTable, links_model, suggestions_model, threads_model, versions_model
from .queries import StoryRelated, load_story

__all__ = ["RelatedPanel"]

#: Pause after a change report before the dock reads again (several arrive together).
RELOAD_DELAY_MS = 150


def _section(parent: QWidget, title: str, table: RowTable, buttons: list[QPushButton]) -> tuple[QWidget, QLabel]:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 2, 0, 2)
    layout.setSpacing(2)
    label = QLabel(f"<b>{title}</b>", box)
    layout.addWidget(label)
    layout.addWidget(table, 1)
    if buttons:
        row = QHBoxLayout()
        row.setSpacing(4)
        for button in buttons:
            button.setParent(box)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
    return box, label


def _short_reason(reason: str, words: int = 8) -> str:
    """A reason cut to its first few items ("shares rare words: a, b, c, ..."): the full list is
    in the tooltip; the dock is narrow."""
    head, sep, items = reason.partition(": ")
    parts = items.split(", ") if sep else []
    if len(parts) > words:
        return f"{head}: {', '.join(parts[:words])}, \u2026"
    return reason if len(reason) <= 160 else reason[:159].rstrip() + "\u2026"


class RelatedPanel(ShownReload, QWidget):
    """The dock's widget; the window calls :meth:`show_story` for the story in the reader."""

    #: The window should offer the story picker for this story.
    link_requested = Signal(int)
    #: Show the neighbourhood graph of this story.
    graph_requested = Signal(int)
    #: Compare two versions side by side: (this story, the other version).
    compare_requested = Signal(int, int)
    #: Open a thread's page.
    thread_requested = Signal(int)
    #: A story's related view arrived and is shown.
    loaded = Signal()

    def __init__(self, rctx: RelatedContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relatedPanel")
        self.rctx = rctx
        self.article_id: int | None = None
        self.data: StoryRelated | None = None
        self.type_dialog: LinkTypeDialog | None = None
        self._init_shown_reload(RELOAD_DELAY_MS)
        self.loading = False

        self.summary = QLabel("Open a story to see what is related to it.", self)
        self.summary.setWordWrap(True)
        self.link_button = QPushButton("Link to\u2026", self)
        self.link_button.setToolTip("Link this story to another one you find by words (Ctrl+L)")
        self.graph_button = QPushButton("Graph\u2026", self)
        self.graph_button.setToolTip("This story, its links and its best suggestions as a small map")
        self.links = RowTable(links_model(), "relatedLinks", "Links of this story", widths={0: 100})
        self.links.setColumnHidden(2, True)
        self.open_link_button = QPushButton("Open", self)
        self.remove_link_button = QPushButton("Remove", self)
        self.remove_link_button.setToolTip("Remove the link (Edit \u25b8 Undo puts it back)")
        self.versions = RowTable(versions_model(), "relatedVersions", "Other versions", widths={0: 100})
        self.versions.setColumnHidden(2, True)
        self.accept_version_button = QPushButton("Link", self)
        self.accept_version_button.setToolTip("Link as \u201cother version\u201d")
        self.dismiss_version_button = QPushButton("Dismiss", self)
        self.compare_button = QPushButton("Compare\u2026", self)
        self.compare_button.setToolTip("The two texts side by side, differences marked")
        self.suggestions = RowTable(suggestions_model(), "relatedSuggestions", "Suggested related stories, best first",
                                    stretch=0)
        for column in (1, 2):
            self.suggestions.setColumnHidden(column, True)
        self.reasons = QLabel(self)
        self.reasons.setObjectName("suggestionReasons")
        self.reasons.setWordWrap(True)
        self.accept_button = QPushButton("Link\u2026", self)
        self.accept_button.setToolTip("Link the selected suggestion (choose how they relate)")
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setToolTip("Not related: never suggested again")
        self.threads = RowTable(threads_model(), "relatedThreads", "Threads of this story", stretch=0, widths={1: 56})
        for column in (2, 3):
            self.threads.setColumnHidden(column, True)
        self.open_thread_button = QPushButton("Open thread", self)

        top = QHBoxLayout()
        top.addWidget(self.link_button)
        top.addWidget(self.graph_button)
        top.addStretch(1)
        links_box, _ = _section(self, "Links", self.links, [self.open_link_button, self.remove_link_button])
        self.versions_box, _ = _section(self, "Other versions", self.versions,
                                        [self.accept_version_button, self.dismiss_version_button, self.compare_button])
        suggestions_box, self.suggestions_title = _section(self, "Suggested", self.suggestions,
                                                           [self.accept_button, self.dismiss_button])
        suggestions_box.layout().insertWidget(2, self.reasons)
        threads_box, _ = _section(self, "Threads", self.threads, [self.open_thread_button])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        # Suggestions get the most room: they are what there is to act on; a layout, not a
        # splitter, so the reasons under them always get the lines they need.
        for box, stretch in ((links_box, 2), (self.versions_box, 2), (suggestions_box, 4), (threads_box, 1)):
            layout.addWidget(box, stretch)
        self._connect()
        self._show(None)

    def _connect(self) -> None:
        self.link_button.clicked.connect(lambda: self.article_id is not None and self.link_requested.emit(self.article_id))
        self.graph_button.clicked.connect(
            lambda: self.article_id is not None and self.graph_requested.emit(self.article_id))
        for table in (self.links, self.suggestions, self.versions):
            table.activated.connect(lambda index, t=table: self.rctx.open_story(t.rows_model().ids()[index.row()]))
            table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.threads.activated.connect(lambda index: self.thread_requested.emit(self.threads.rows_model().ids()[index.row()]))
        self.threads.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.open_link_button.clicked.connect(lambda: self._open(self.links))
        self.remove_link_button.clicked.connect(self.remove_selected_link)
        self.accept_version_button.clicked.connect(self.accept_selected_version)
        self.dismiss_version_button.clicked.connect(self.dismiss_selected_version)
        self.compare_button.clicked.connect(self.compare_selected_version)
        self.accept_button.clicked.connect(self.accept_selected_suggestion)
        self.dismiss_button.clicked.connect(self.dismiss_selected_suggestion)
        self.open_thread_button.clicked.connect(
            lambda: (row := self.threads.current_row()) is not None and self.thread_requested.emit(row.id))
        self.rctx.entities.signals.changed.connect(lambda _ids: self._changed())
        self.rctx.signals.index_ready.connect(self._changed)
        self.rctx.signals.threads_changed.connect(self._changed)

    # -- what to show --------------------------------------------------------------------------

    def show_story(self, article_id: int | None) -> None:
        if article_id == self.article_id and not self._stale:
            return
        self.article_id = article_id
        self.reload()

    def _has_source(self) -> bool:
        return self.rctx.archive is not None

    def reload(self) -> None:
        if not self._begin_reload():
            return
        article_id = self.article_id
        if article_id is None:
            self.loading = False
            self._show(None)
            return
        self.loading = True
        built = self.rctx.ensure_index()
        seq, archive, rctx = self._seq, self.rctx.archive, self.rctx
        self.rctx.entities.run_read(lambda: load_story(archive, rctx.index_for_read() if built else None, article_id),
                                    lambda data: self._loaded(seq, data))

    def _loaded(self, seq: int, data: StoryRelated) -> None:
        if seq != self._seq:
            return
        self.loading = False
        self._show(data)
        self.loaded.emit()

    def _show(self, data: StoryRelated | None) -> None:
        self.data = data
        self.links.rows_model().set_rows(data.links if data else [])
        self.versions.rows_model().set_rows(data.versions if data else [])
        self.versions_box.setVisible(bool(data and data.versions))
        self.suggestions.rows_model().set_rows(data.suggestions or [] if data else [])
        self.threads.rows_model().set_rows(data.threads if data else [])
        if data is None:
            self.summary.setText("Open a story to see what is related to it.")
            self.suggestions_title.setText("<b>Suggested</b>")
        else:
            links, threads = len(data.links), len(data.threads)
            self.summary.setText(f"{links} link{'s' if links != 1 else ''}, in {threads} "
                                 f"thread{'s' if threads != 1 else ''}"
                                 + (f", {len(data.versions)} other version(s) found" if data.versions else ""))
            self.suggestions_title.setText("<b>Suggested</b>" if data.suggestions is not None
                                           else "<b>Suggested</b> \u2014 reading the archive\u2026")
        self._update()

    def _update(self) -> None:
        has_story = self.article_id is not None
        self.link_button.setEnabled(has_story)
        self.graph_button.setEnabled(has_story)
        for button, table in ((self.open_link_button, self.links), (self.remove_link_button, self.links),
                              (self.accept_version_button, self.versions), (self.dismiss_version_button, self.versions),
                              (self.compare_button, self.versions), (self.accept_button, self.suggestions),
                              (self.dismiss_button, self.suggestions), (self.open_thread_button, self.threads)):
            button.setEnabled(table.current_row() is not None)
        row = self.suggestions.current_row()
        self.reasons.setText("Why: " + "; ".join(_short_reason(r) for r in row.reasons) if row is not None else "")
        self.reasons.setToolTip("\n".join(row.reasons) if row is not None else "")
        self.reasons.setVisible(row is not None)

    # -- commands ------------------------------------------------------------------------------

    def _open(self, table: RowTable) -> None:
        ids = [table.rows_model().ids()[i.row()] for i in table.selectionModel().selectedRows()]
        if ids:
            self.rctx.open_story(ids[0])

    def remove_selected_link(self) -> None:
        row = self.links.current_row()
        if row is not None:
            self.rctx.unlink(row.link.id)

    def accept_selected_suggestion(self) -> LinkTypeDialog | None:
        """Ask how the two relate (same event by default), then link them."""
        row, here = self.suggestions.current_row(), self.article_id
        if row is None or here is None:
            return None
        dialog = self.type_dialog = LinkTypeDialog(
            "Link the suggested story", f"Link this story with \u201c{row.headline or '(no headline)'}\u201d.", self)

        def chosen() -> None:
            link_type, swap, note = dialog.choice()
            pair = (row.other_id, here) if swap else (here, row.other_id)
            self.rctx.link([pair], link_type, note=note, origin="suggestion")

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def dismiss_selected_suggestion(self) -> None:
        row, here, archive = self.suggestions.current_row(), self.article_id, self.rctx.archive
        if row is not None and here is not None:
            self.rctx.write(lambda: dismiss_suggestion(archive, here, row.other_id), None,
                            on_done=lambda _r: self._changed())

    def accept_selected_version(self) -> None:
        row, here, archive = self.versions.current_row(), self.article_id, self.rctx.archive
        if row is None or here is None:
            return

        def work() -> int | None:
            accept_version(archive, here, row.other_id)
            return next((r.link.id for r in links_for(archive, here)
                         if r.other_id == row.other_id and r.link.type == "version"), None)

        def done(link_id: object) -> None:
            if isinstance(link_id, int):
                self.rctx.entities.push_undo(f"link ({type_label('version').lower()})",
                                             lambda: remove_link(archive, link_id))

        self.rctx.write(work, [here, row.other_id], on_done=done)

    def dismiss_selected_version(self) -> None:
        row, here, archive = self.versions.current_row(), self.article_id, self.rctx.archive
        if row is not None and here is not None:
            self.rctx.write(lambda: dismiss_version(archive, here, row.other_id), None,
                            on_done=lambda _r: self._changed())

    def compare_selected_version(self) -> None:
        row = self.versions.current_row()
        if row is not None and self.article_id is not None:
            self.compare_requested.emit(self.article_id, row.other_id)
