"""Event threads: the Threads dock (threads and open proposals) and the name dialog.

The dock lists the archive's threads (name, stories, dates; activate one for its page) and the
proposals of :func:`~desktop.core.related.service.propose_threads_for_archive` ("these 5 stories
look like one event"), which the reporter accepts under the proposed name or one typed in the
name box, or dismisses for good. Proposing runs archive-wide in the background (the window's
:class:`TaskProgress`): the dock only asks for it through :attr:`ThreadBrowser.propose_requested`.
Reads run on the window's read thread, and only while the dock is in front.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.related.service import (
    ThreadProposal,
    accept_thread_proposal,
    dismiss_thread_proposal,
    open_thread_proposals,
)
from ...core.related.store import Thread, create_thread, delete_thread, get_thread, list_threads
from ..shown_reload import ShownReload
from .context import RelatedContext
from .models import RowTable, proposals_model, threads_model

__all__ = ["NameDialog", "ThreadBrowser"]


class NameDialog(QDialog):
    """"Thread name: [...]"; shown with ``open()``, read with :meth:`name`."""

    def __init__(self, title: str, text: str, default: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("threadNameDialog")
        self.setWindowTitle(title)
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.edit = QLineEdit(default, self)
        self.edit.setObjectName("threadName")
        self.edit.selectAll()
        form = QFormLayout()
        form.addRow("Thread name:", self.edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(lambda t: self.buttons.button(QDialogButtonBox.StandardButton.Ok)
                                      .setEnabled(bool(t.strip())))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(default.strip()))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def name(self) -> str:
        return " ".join(self.edit.text().split())


class ThreadBrowser(ShownReload, QWidget):
    """The Threads dock's widget."""

    #: Open this thread's page.
    thread_requested = Signal(int)
    #: Run "Propose threads" over the archive.
    propose_requested = Signal()
    #: Make a thread of the stories selected in the results.
    new_thread_requested = Signal()
    #: Threads and proposals arrived and are shown.
    loaded = Signal()

    def __init__(self, rctx: RelatedContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("threadBrowser")
        self.rctx = rctx
        self._init_shown_reload(150)
        self.loading = False
        self.threads = RowTable(threads_model(), "threadsTable", "Threads", stretch=0, widths={1: 52})
        for column in (2, 3):
            self.threads.setColumnHidden(column, True)
        self.thread_details = QLabel(self)
        self.thread_details.setWordWrap(True)
        self.open_button = QPushButton("Open\u2026", self)
        self.new_button = QPushButton("New\u2026", self)
        self.new_button.setToolTip("A new thread of the stories selected in the results")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip("Delete the thread (its stories stay; Edit \u25b8 Undo brings it back)")
        self.proposals = RowTable(proposals_model(), "proposalsTable", "Proposed threads", stretch=0, widths={1: 52})
        self.proposals.setColumnHidden(2, True)
        self.proposal_details = QLabel(self)
        self.proposal_details.setWordWrap(True)
        self.proposal_name = QLineEdit(self)
        self.proposal_name.setObjectName("proposalName")
        self.proposal_name.setPlaceholderText("Name of the new thread")
        self.accept_button = QPushButton("Accept", self)
        self.accept_button.setToolTip("Make the proposal a thread, under the name above")
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setToolTip("Not one event: never proposed again")
        self.propose_button = QPushButton("Propose threads", self)
        self.propose_button.setToolTip("Group the whole archive into likely events (in the background)")

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        top = QWidget(splitter)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(QLabel("<b>Threads</b>", top))
        top_layout.addWidget(self.threads, 1)
        top_layout.addWidget(self.thread_details)
        row = QHBoxLayout()
        for button in (self.open_button, self.new_button, self.delete_button):
            row.addWidget(button)
        top_layout.addLayout(row)
        bottom = QWidget(splitter)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(QLabel("<b>Proposed</b>", bottom))
        bottom_layout.addWidget(self.proposals, 1)
        bottom_layout.addWidget(self.proposal_details)
        bottom_layout.addWidget(self.proposal_name)
        row = QHBoxLayout()
        for button in (self.accept_button, self.dismiss_button):
            row.addWidget(button)
        bottom_layout.addLayout(row)
        bottom_layout.addWidget(self.propose_button)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self._connect()
        self._update()

    def _connect(self) -> None:
        self.threads.activated.connect(lambda i: self.thread_requested.emit(self.threads.rows_model().ids()[i.row()]))
        self.threads.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.proposals.selectionModel().selectionChanged.connect(lambda *_: self._proposal_selected())
        self.open_button.clicked.connect(
            lambda: (t := self.threads.current_row()) is not None and self.thread_requested.emit(t.id))
        self.new_button.clicked.connect(self.new_thread_requested.emit)
        self.delete_button.clicked.connect(self.delete_selected)
        self.accept_button.clicked.connect(self.accept_selected)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.propose_button.clicked.connect(self.propose_requested.emit)
        self.rctx.signals.threads_changed.connect(self._changed)
        self.rctx.entities.signals.changed.connect(lambda _ids: self._changed())

    def _has_source(self) -> bool:
        return self.rctx.archive is not None

    def reload(self) -> None:
        if not self._begin_reload():
            return
        self.loading = True
        seq, archive = self._seq, self.rctx.archive
        self.rctx.entities.run_read(lambda: (list_threads(archive), open_thread_proposals(archive)),
                                    lambda found: self._loaded(seq, *found))

    def _loaded(self, seq: int, threads: list[Thread], proposals: list[ThreadProposal]) -> None:
        if seq != self._seq:
            return
        self.loading = False
        keep = self.threads.current_row()
        self.threads.rows_model().set_rows(threads)
        if keep is not None and keep.id in self.threads.rows_model().ids():
            self.threads.selectRow(self.threads.rows_model().ids().index(keep.id))
        self.proposals.rows_model().set_rows(proposals)
        self._proposal_selected()
        self.loaded.emit()

    def _proposal_selected(self) -> None:
        row = self.proposals.current_row()
        self.proposal_name.setText(row.name if row is not None else "")
        self._update()

    def _update(self) -> None:
        thread, proposal = self.threads.current_row(), self.proposals.current_row()
        for button in (self.open_button, self.delete_button):
            button.setEnabled(thread is not None)
        for button in (self.accept_button, self.dismiss_button):
            button.setEnabled(proposal is not None)
        self.proposal_name.setEnabled(proposal is not None)
        if thread is not None:
            dates = " \u2013 ".join(dict.fromkeys(d for d in (thread.first_date, thread.last_date) if d))
            self.thread_details.setText(f"{thread.stories} stories" + (f", {dates}" if dates else ""))
        else:
            count = self.threads.rows_model().rowCount()
            self.thread_details.setText("No threads yet." if count == 0
                                        else f"{count} thread{'s' if count != 1 else ''}")
        self.proposal_details.setText("; ".join(proposal.reasons) if proposal is not None else
                                      ("No open proposals." if not self.proposals.rows_model().rowCount() else ""))

    # -- commands ------------------------------------------------------------------------------

    def accept_selected(self) -> None:
        row, archive = self.proposals.current_row(), self.rctx.archive
        if row is None:
            return
        name = " ".join(self.proposal_name.text().split()) or row.name

        def done(result: object) -> None:
            if isinstance(result, int):
                self.rctx.message(f"Thread \u201c{name}\u201d made of {len(row.article_ids)} stories.")
                self.rctx.entities.push_undo(f"new thread \u201c{name}\u201d", lambda: _unaccept(archive, result, row.id))

        self.rctx.write(lambda: accept_thread_proposal(archive, row.id, name), row.article_ids, threads=True,
                        on_done=done)

    def dismiss_selected(self) -> None:
        row, archive = self.proposals.current_row(), self.rctx.archive
        if row is not None:
            self.rctx.write(lambda: dismiss_thread_proposal(archive, row.id), None, threads=True)

    def delete_selected(self) -> None:
        row, archive = self.threads.current_row(), self.rctx.archive
        if row is None:
            return
        thread = get_thread(archive, row.id)

        def done(ids: object) -> None:
            if isinstance(ids, list) and thread is not None:
                self.rctx.entities.push_undo(
                    f"delete of thread \u201c{thread.name}\u201d",
                    lambda: create_thread(archive, thread.name, ids, description=thread.description, origin=thread.origin))

        self.rctx.write(lambda: delete_thread(archive, row.id), [], threads=True, on_done=done)


def _unaccept(archive: object, thread_id: int, proposal_id: int) -> None:
    """Undo an accepted proposal: the thread goes and the proposal is open again."""
    delete_thread(archive, thread_id)  # type: ignore[arg-type]
    with archive.transaction() as db:  # type: ignore[attr-defined]
        db.execute("UPDATE thread_proposals SET state = 'open' WHERE id = ?", [proposal_id])
