"""File > Clean up imported stories…: preview what the clean-up would change, then apply it.

Both steps are long (every stored original is read again), so both run as status-bar jobs with
progress and Cancel (:class:`~desktop.ui.task_progress.TaskProgress`), over the same core calls as
``newsroom-archive reclean`` (:mod:`desktop.core.reclean`). Between them the reporter sees the
list of changes and decides. Applying pushes one entry on the window's undo stack: Edit > Undo
puts every story back as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..core.reclean import CleanupPlan, apply_cleanup, plan_cleanup, run_size, undo_cleanup
from .edit_commands import UndoEntry, stories

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["CleanupPreview", "start_cleanup"]


class CleanupPreview(QDialog):
    """The dry run's list: one row per story that would change. Apply or Cancel."""

    #: The reporter chose to apply the plan.
    apply_requested = Signal(object)

    def __init__(self, plan: CleanupPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("cleanupPreview")
        self.setWindowTitle("Clean up imported stories")
        n = len(plan.changes)
        self.summary = QLabel(
            f"{stories(n).capitalize()} of {plan.examined:,} would change. Values you confirmed or edited "
            "stay as they are; Edit \u25b8 Undo puts everything back.", self)
        self.summary.setWordWrap(True)
        self.changes = QListWidget(self)
        self.changes.setObjectName("cleanupChanges")
        for change in plan.changes:
            self.changes.addItem(f"#{change.article_id}  {change.describe()}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText(f"&Apply to {stories(n)}")
        self.apply_button.clicked.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 420)

    def _apply(self) -> None:
        self.accept()
        self.apply_requested.emit(self.plan)


def start_cleanup(window: MainWindow) -> bool:
    """Start the dry run in the background; its preview opens when it is done. True if started."""
    archive = window.archive

    def planned(plan: CleanupPlan) -> None:
        if plan.cancelled:
            window.statusBar().showMessage("Clean-up check stopped; nothing was changed.", 8000)
            return
        if not plan.changes:
            QMessageBox.information(window, "Clean up imported stories",
                                    f"Nothing to clean up in {stories(plan.examined)}.")
            return
        preview = CleanupPreview(plan, window)
        preview.apply_requested.connect(lambda p: _apply(window, p))
        window.cleanup_preview = preview
        preview.open()

    return window.task_progress.run("Checking imported stories", plan_cleanup, archive, on_done=planned)


def _apply(window: MainWindow, plan: CleanupPlan) -> None:
    archive = window.archive

    def applied(run_id: Any) -> None:
        if run_id is None:
            return
        changed = run_size(archive, run_id)
        window.edits.push(UndoEntry(f"clean-up of {stories(changed)}",
                                    action=lambda: undo_cleanup(archive, run_id)))
        window.statusBar().showMessage(f"Cleaned up {stories(changed)}.", 8000)
        window.archive_changed(None)

    window.task_progress.run("Cleaning up stories", apply_cleanup, archive, plan, on_done=applied)
