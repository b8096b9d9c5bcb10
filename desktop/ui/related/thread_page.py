"""A thread's page: its name and description, its stories by date, and who it is about.

The timeline (date, outlet, headline; activate a row to open the story) is the thread's
chronology; the main entities are those named in most of its stories (from the mentions table),
which is what a reporter scans first to see what the event is. Stories can be taken out of the
thread or added from the results selection, each an Undo step; "New briefing" hands the stories
in date order to the window's briefing dialog. One page per thread; the window raises an open one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.related.store import add_to_thread, remove_from_thread, rename_thread
from .context import RelatedContext
from .models import RowTable, entities_model, timeline_model
from .queries import ThreadPageData, load_thread

__all__ = ["ThreadPage"]


class ThreadPage(QDialog):
    """Non-modal; ``loaded`` after each read. Closing it deletes it."""

    loaded = Signal()

    def __init__(self, rctx: RelatedContext, thread_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("threadPage")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Thread")
        self.rctx = rctx
        self.thread_id = thread_id
        self.data: ThreadPageData | None = None
        self._seq = 0
        self.loading = False
        self.name = QLineEdit(self)
        self.name.setObjectName("threadName")
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("threadDescription")
        self.description.setPlaceholderText("What the thread is about (optional)")
        self.description.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        self.save_button = QPushButton("Save name and description", self)
        self.summary = QLabel(self)
        self.timeline = RowTable(timeline_model(), "threadTimeline", "The thread's stories by date", stretch=2,
                                 widths={0: 96, 1: 150}, multi=True)
        self.timeline.rows_model().sort(0)
        self.entities = RowTable(entities_model(), "threadEntities", "Main entities", stretch=0,
                                 widths={1: 90, 2: 56, 3: 70})
        self.remove_button = QPushButton("Remove from thread", self)
        self.add_button = QPushButton("Add selected stories", self)
        self.add_button.setToolTip("Add the stories selected in the results to this thread")
        self.briefing_button = QPushButton("New briefing from this thread\u2026", self)
        self.briefing_button.setEnabled(rctx.new_briefing is not None)

        form = QFormLayout()
        form.addRow("Name:", self.name)
        form.addRow("Description:", self.description)
        save_row = QHBoxLayout()
        save_row.addWidget(self.summary, 1)
        save_row.addWidget(self.save_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Timeline</b>", left))
        left_layout.addWidget(self.timeline, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("<b>Main entities</b>", right))
        right_layout.addWidget(self.entities, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        for button in (self.remove_button, self.add_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.briefing_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(save_row)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(980, 600)
        splitter.setSizes([560, 420])

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.reload)
        self.timeline.activated.connect(lambda i: self.rctx.open_story(self.timeline.rows_model().ids()[i.row()]))
        self.timeline.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove_selected)
        self.add_button.clicked.connect(self.add_selected)
        self.briefing_button.clicked.connect(self.new_briefing)
        rctx.signals.threads_changed.connect(self._timer.start)
        rctx.entities.signals.changed.connect(lambda _ids: self._timer.start())
        self.reload()

    def reload(self) -> None:
        self._timer.stop()
        self._seq += 1
        self.loading = True
        seq, archive, thread_id = self._seq, self.rctx.archive, self.thread_id
        self.rctx.entities.run_read(lambda: load_thread(archive, thread_id), lambda data: self._loaded(seq, data))

    def _loaded(self, seq: int, data: ThreadPageData | None) -> None:
        if seq != self._seq:
            return
        self.loading = False
        self.data = data
        if data is None:  # the thread was deleted
            self.close()
            return
        thread = data.thread
        self.setWindowTitle(f"Thread \u2014 {thread.name}")
        if not self.name.isModified():
            self.name.setText(thread.name)
        if self.description.toPlainText() != thread.description and not self.description.hasFocus():
            self.description.setPlainText(thread.description)
        self.timeline.rows_model().set_rows(data.timeline)
        self.entities.rows_model().set_rows(data.entities)
        dates = " \u2013 ".join(dict.fromkeys(d for d in (thread.first_date, thread.last_date) if d))
        self.summary.setText(f"{thread.stories} stories" + (f", {dates}" if dates else ""))
        self._update()
        self.loaded.emit()

    def _update(self) -> None:
        self.remove_button.setEnabled(bool(self.timeline.selected_rows()))

    def story_ids(self) -> list[int]:
        return self.timeline.rows_model().ids()

    # -- commands ------------------------------------------------------------------------------

    def save(self) -> None:
        archive, thread_id = self.rctx.archive, self.thread_id
        name, description = self.name.text(), self.description.toPlainText().strip()
        before = self.data.thread if self.data else None

        def done(result: object) -> None:
            if not isinstance(result, Exception):
                self.name.setModified(False)
                if before is not None:
                    self.rctx.entities.push_undo(
                        "thread rename", lambda: rename_thread(archive, thread_id, before.name,
                                                               description=before.description))

        self.rctx.write(lambda: rename_thread(archive, thread_id, name, description=description), [],
                        threads=True, on_done=done)

    def remove_selected(self) -> None:
        ids = [r.article_id for r in self.timeline.selected_rows()]
        if not ids:
            return
        archive, thread_id = self.rctx.archive, self.thread_id
        self.rctx.write(lambda: remove_from_thread(archive, thread_id, ids), ids, threads=True,
                        on_done=lambda _r: self.rctx.entities.push_undo(
                            f"removal of {len(ids)} stor{'y' if len(ids) == 1 else 'ies'} from a thread",
                            lambda: add_to_thread(archive, thread_id, ids)))

    def add_selected(self) -> None:
        ids = [i for i in self.rctx.selected_ids() if i not in self.story_ids()]
        if not ids:
            self.rctx.message("Select stories in the results first (those not already in the thread).")
            return
        archive, thread_id = self.rctx.archive, self.thread_id
        self.rctx.write(lambda: add_to_thread(archive, thread_id, ids), ids, threads=True,
                        on_done=lambda _r: self.rctx.entities.push_undo(
                            f"adding {len(ids)} stor{'y' if len(ids) == 1 else 'ies'} to a thread",
                            lambda: remove_from_thread(archive, thread_id, ids)))

    def new_briefing(self) -> object:
        if self.rctx.new_briefing is None or not self.story_ids():
            return None
        title = self.data.thread.name if self.data else ""
        return self.rctx.new_briefing(self.story_ids(), title=title)
