"""Exporting a briefing in the background: the worker function and the dialog's progress strip.

Writing 200 stories with their full text takes a fraction of a second on a fast disk and much
longer on a network share, so it never runs on the GUI thread. :func:`export_briefing` runs on a
:func:`desktop.workers.start_job` thread and turns the writer's expected failures into an
:class:`ExportOutcome` the dialog can put into words: the Job's own ``failed`` signal carries
only a line of text, and a reporter needs to know whether to fix the template, pick another
folder or close the file in Word. Anything unexpected still arrives through ``failed``.

The writer is atomic (it renames a finished temporary file over the target), so a cancelled or
failed export leaves no file, nor a half-overwritten earlier one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ...core.briefing.docx_writer import BriefingCancelled, write_briefing
from ...core.briefing.model import Briefing
from ...core.briefing.template import TemplateError
from ...workers import Job, start_job

__all__ = ["ExportOutcome", "ExportProgress", "default_folder", "export_briefing", "suggested_name", "with_docx_suffix"]


@dataclass
class ExportOutcome:
    """How an export ended: a written ``path``, ``cancelled``, or a ``problem`` to show."""

    path: Path | None
    cancelled: bool = False
    #: A message box title ("The template cannot be used"), None when all went well.
    problem: str | None = None
    #: The explanation, in words a reporter can act on.
    detail: str = ""


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def export_briefing(briefing: Briefing, out_path: Path, *, template: str | None = None,
                    progress: Any = None, cancel: Any = None) -> ExportOutcome:
    """Write ``briefing`` to ``out_path``; expected failures come back as an outcome, not raised."""
    try:
        written = write_briefing(briefing, out_path, template=template, progress=progress, cancel=cancel)
    except BriefingCancelled:
        return ExportOutcome(None, cancelled=True)
    except TemplateError as exc:
        return ExportOutcome(None, problem="The briefing template cannot be used", detail=_sentence(str(exc)))
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        if isinstance(exc, PermissionError) and "open in Word" in str(exc):
            reason = str(exc)
        return ExportOutcome(
            None, problem="The briefing could not be saved",
            detail=_sentence(f"Could not write {out_path}: {reason}") + " Choose another folder or file name "
                   "and export again; your briefing is unchanged.")
    return ExportOutcome(written)


class ExportProgress(QWidget):
    """"Writing story 12 of 200", a bar and Cancel; hidden when no export runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefingExportProgress")
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(160)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the export; no file is written")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.job: Job | None = None
        self.hide()

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self, briefing: Briefing, out_path: Path, template: str | None) -> Job:
        """Start writing; connect to the returned Job's ``succeeded`` / ``failed``."""
        self.label.setText(f"Writing {out_path.name}\u2026")
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.show()
        job = self.job = start_job(export_briefing, briefing, out_path, template=template)
        job.progress.connect(self._progress)
        job.finished.connect(self._finished)
        return job

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, _current: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        stories = max(total - 2, 0)  # the writer counts the title block and the saving as steps
        if not self.cancel_button.isEnabled():
            return  # keep "Stopping..."
        if done == 0:
            self.label.setText("Preparing the document\u2026")
        elif done <= stories:
            self.label.setText(f"Writing story {done:,} of {stories:,}")
        else:
            self.label.setText("Saving\u2026")

    @Slot()
    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText("Stopping\u2026")

    @Slot()
    def _finished(self) -> None:
        self.job = None
        self.hide()

    def stop_and_wait(self, timeout: float = 30.0) -> None:
        """Cancel and wait for the writer's thread (the dialog is closing)."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait(timeout)


def suggested_name(briefing: Briefing) -> str:
    """A file name from the title and date: ``Camp Taji strikes 2020-03-13.docx``."""
    keep = "".join(ch if ch.isalnum() or ch in " -_.,()" else " " for ch in briefing.title)
    stem = " ".join(keep.split())[:80].strip(" .") or "Briefing"
    return f"{stem} {briefing.date}.docx" if briefing.date and briefing.date not in stem else f"{stem}.docx"


def with_docx_suffix(path: str) -> Path:
    """What the reporter typed, with ``.docx`` added when the name has no such ending."""
    return Path(path) if path.lower().endswith(".docx") else Path(path + ".docx")


def default_folder(remembered: str | None) -> Path:
    folder = Path(remembered) if remembered else Path.home()
    return folder if folder.is_dir() else Path(os.path.expanduser("~"))
