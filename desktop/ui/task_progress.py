"""Long archive-wide jobs from the menus (suggest entities, find quotations, group threads...):
a compact progress bar with Cancel in the status bar, the work on its own thread.

The core function gets ``progress(done, total)`` and ``cancel`` like every core operation
(:mod:`desktop.workers`); when it ends, ``on_done(result)`` runs in the GUI thread. One such job
at a time per window: a second request while one runs is refused with a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from ..workers import Job, start_job

__all__ = ["TaskProgress"]


class TaskProgress(QWidget):
    """"Suggesting entities: 1,200 of 20,841", a bar and Cancel; hidden when idle."""

    def __init__(self, status_bar: QStatusBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_bar = status_bar
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(140)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop soon; what was done is kept")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.job: Job | None = None
        self._title = ""
        status_bar.addPermanentWidget(self)
        self.hide()

    @property
    def running(self) -> bool:
        return self.job is not None

    def run(self, title: str, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None],
            on_failed: Callable[[str], None] | None = None, **kwargs: Any) -> bool:
        """Start ``fn(*args, progress=, cancel=, **kwargs)``; False if a job is already running."""
        if self.job is not None:
            self.status_bar.showMessage(f"Wait for \u201c{self._title}\u201d to finish first.", 6000)
            return False
        self._title = title
        self.label.setText(f"{title}\u2026")
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.show()
        job = self.job = start_job(fn, *args, **kwargs)
        job.progress.connect(self._progress)

        def finished_ok(result: Any) -> None:
            on_done(result)

        def finished_badly(message: str) -> None:
            if on_failed is not None:
                on_failed(message)
            else:
                self.status_bar.showMessage(f"{title} failed: {message}", 10000)

        job.succeeded.connect(finished_ok)
        job.failed.connect(finished_badly)
        job.finished.connect(self._finished)
        return True

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, _current: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        self.label.setText(f"{self._title}: {done:,} of {total:,}")

    @Slot()
    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(f"{self._title}: stopping\u2026")

    @Slot()
    def _finished(self) -> None:
        self.job = None
        self.hide()

    def stop_and_wait(self, timeout: float = 60.0) -> None:
        """For shutdown: cancel and wait for the thread."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait(timeout)
