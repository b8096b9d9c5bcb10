"""The review queue of proposed merges ("same entity?"), with the evidence for each.

:class:`ProposalsView` is the list with its evidence and the Merge / Not the same buttons; the
entity page shows one for the proposals involving its entity, and :class:`MergeReviewDialog`
one for all of them. The core only proposes (:mod:`desktop.core.entities.proposals`); nothing
merges until a person presses Merge and says which entity to keep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.entities.kinds import KIND_LABELS
from ...core.entities.proposals import MergeProposal, open_proposals, refresh_proposals
from . import actions
from .rows_model import Column, RowsModel

if TYPE_CHECKING:
    from .context import EntityContext

__all__ = ["MergeReviewDialog", "ProposalsView", "proposals_model"]


def proposals_model(parent: Any = None) -> RowsModel[MergeProposal]:
    return RowsModel(
        [
            Column("Entity", lambda p: p.a_name),
            Column("Same as?", lambda p: p.b_name),
            Column("Kind", lambda p: KIND_LABELS.get(p.kind, p.kind)),
            Column("Score", lambda p: f"{p.score:.2f}", sort=lambda p: p.score, right_aligned=True,
                   tooltip=lambda p: "\n".join(p.reasons)),
        ],
        id_of=lambda p: p.id,
        parent=parent,
    )


class ProposalsView(QWidget):
    """Proposed merges, the evidence of the current one, and Merge\u2026 / Not the same."""

    #: An entity's page was asked for (double-click on a name): entity id.
    open_entity = Signal(int)

    def __init__(self, ctx: EntityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = proposals_model(self)
        self.table = QTableView(self)
        self.table.setObjectName("proposalsTable")
        self.table.setAccessibleName("Proposed merges")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._double_clicked)

        self.evidence = QLabel(self)
        self.evidence.setObjectName("evidence")
        self.evidence.setWordWrap(True)
        self.evidence.setTextFormat(Qt.TextFormat.PlainText)
        self.evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel("No proposed merges.", self)
        self.empty.setEnabled(False)

        self.merge_button = QPushButton("&Merge\u2026", self)
        self.merge_button.setToolTip("Merge the two entities; you choose which one to keep")
        self.dismiss_button = QPushButton("Not t&he Same", self)
        self.dismiss_button.setToolTip("Close this proposal for good")
        self.merge_button.clicked.connect(self.merge_current)
        self.dismiss_button.clicked.connect(self.dismiss_current)

        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.evidence)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self._update()

    def set_proposals(self, proposals: list[MergeProposal]) -> None:
        current = self.current()
        self.model.set_rows(proposals)
        row = next((n for n, p in enumerate(proposals) if current and p.id == current.id), 0)
        if proposals:
            self.table.selectRow(row)
        self._update()

    def current(self) -> MergeProposal | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _update(self) -> None:
        proposal = self.current()
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.evidence.setVisible(has_rows)
        self.merge_button.setEnabled(proposal is not None)
        self.dismiss_button.setEnabled(proposal is not None)
        if proposal is None:
            self.evidence.clear()
            return
        reasons = "\n".join(f"\u2022 {r}" for r in proposal.reasons) or "\u2022 (no details recorded)"
        self.evidence.setText(f"Why \u201c{proposal.a_name}\u201d and \u201c{proposal.b_name}\u201d may be "
                              f"the same (score {proposal.score:.2f}):\n{reasons}")

    def _double_clicked(self, index: Any) -> None:
        proposal = self.model.row(index.row())
        if proposal is not None:
            self.open_entity.emit(proposal.b_id if index.column() == 1 else proposal.a_id)

    def merge_current(self) -> None:
        proposal = self.current()
        if proposal is None:
            return
        answer = actions.ask_which_to_keep(self, (proposal.a_id, proposal.a_name), (proposal.b_id, proposal.b_name),
                                           self.ctx.archive)
        if answer is not None:
            self.merge_button.setEnabled(False)
            actions.merge(self.ctx, *answer)

    def dismiss_current(self) -> None:
        proposal = self.current()
        if proposal is not None:
            self.dismiss_button.setEnabled(False)
            actions.dismiss(self.ctx, proposal.id)


class MergeReviewDialog(QDialog):
    """Every open proposal, best first; looks for new ones (on the writer thread) when opened."""

    #: An entity's page was asked for: entity id.
    open_entity = Signal(int)

    def __init__(self, ctx: EntityContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Review proposed merges")
        self.setObjectName("mergeReview")
        self.setModal(False)
        self.status = QLabel("Looking for names that may be the same entity\u2026", self)
        self.status.setWordWrap(True)
        self.view = ProposalsView(ctx, self)
        self.view.open_entity.connect(self.open_entity)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addWidget(close)
        self.resize(760, 480)
        #: Loads answered (tests wait on it).
        self.loads = 0
        ctx.signals.changed.connect(self._changed)

    def showEvent(self, event: QShowEvent) -> None:
        """Each time the queue is opened it looks for new proposals first."""
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def refresh(self) -> None:
        """Look for new proposals, then list them (new ones are news for every entity widget)."""
        archive = self.ctx.archive
        self.ctx.run_write(lambda: refresh_proposals(archive), self._refreshed)

    def _refreshed(self, added: int) -> None:
        if added:
            self.ctx.changed([])  # no story changed; this dialog, pages and the browser reload
        else:
            self.reload()

    def reload(self) -> None:
        archive = self.ctx.archive
        self.ctx.run_read(lambda: open_proposals(archive), self._loaded)

    def _changed(self, _articles: object) -> None:
        if self.isVisible():
            self.reload()

    def _loaded(self, proposals: list[MergeProposal]) -> None:
        self.loads += 1
        self.view.set_proposals(proposals)
        n = len(proposals)
        self.status.setText(
            f"{n} proposed merge{'s' if n != 1 else ''}. Select one to see why; double-click a name to "
            "open its page." if n else "No proposed merges: no two entities look like the same one.")
