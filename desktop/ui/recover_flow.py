"""Recovering a damaged archive from the window: the same core recovery as
``newsroom-archive recover``, on a worker thread, behind a progress dialog with Cancel.

Used in two places: File > Open on a damaged folder (the window keeps its current archive
meanwhile), and the very first open at start-up, when there is no archive yet to fall back to.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

__all__ = ["ask_recover", "recovery_summary", "run_recovery"]

_STAGES = {"salvage": "reading what the database still holds", "originals": "re-reading originals",
           "index": "rebuilding the search index", "done": "done"}


def ask_recover(parent: QWidget | None, folder: str, message: str, *, fallback: str = "") -> bool:
    """The damaged-archive box: True when the user chose "Recover…"."""
    box = QMessageBox(QMessageBox.Icon.Critical, "The archive is damaged",
                      f"Newsroom Archive cannot open the archive at\n{folder}", parent=parent)
    box.setInformativeText(f"{message}\n\n{fallback}".rstrip())
    recover = box.addButton("Recover\u2026", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(recover)
    box.exec()
    return box.clickedButton() is recover


def recovery_summary(report: Any, folder: str) -> str:
    """One status-bar line: what came back, in the report's own words."""
    verdict = "Recovered" if report.ok else "Recovered in part"
    return f"{verdict}: {report.articles} articles in {folder}; " + "; ".join(report.lines()[:3])


def run_recovery(parent: QWidget, folder: str | Path, on_done: Callable[[Any], None],
                 on_failed: Callable[[str], None]) -> Any:
    """Recover ``folder`` off the GUI thread; ``on_done(report)`` or ``on_failed(message)``
    on the GUI thread. Returns the job (Cancel in the dialog cancels it)."""
    from ..core.recovery import recover_archive
    from ..workers import start_job

    path = str(Path(folder).expanduser().resolve())
    dialog = QProgressDialog("Recovering the archive\u2026", "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Recover archive")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = start_job(recover_archive, path)

    def progress(done: int, total: int, what: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        dialog.setLabelText(f"Recovering the archive: {_STAGES.get(what, what)}\u2026")

    def succeeded(report: Any) -> None:
        dialog.close()
        on_done(report)

    def failed(message: str) -> None:
        dialog.close()
        on_failed(f"Recovery failed: {message}")

    job.progress.connect(progress)
    job.succeeded.connect(succeeded)
    job.failed.connect(failed)
    dialog.canceled.connect(job.cancel)
    job.finished.connect(dialog.deleteLater)
    return job
