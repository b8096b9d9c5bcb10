"""The error path of the window: an unexpected error is logged and shown, never lost.

Python calls :func:`sys.excepthook` for an exception nobody caught on the GUI thread (inside a
Qt slot PySide6 reports it there too) and :func:`threading.excepthook` for one that ends a
thread. Both write the traceback to the rotating log (:mod:`desktop.core.logs`) and then show
one dialog on the GUI thread: what happened in a line, where the log is, and "Copy details" for
the full traceback. A burst of the same error (a slot failing on every paint) shows one dialog,
not a hundred. The hook is Anki's ``aqt/errors.py`` idea, kept small.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from ..core.logs import log_file, setup_logging

__all__ = ["ErrorReporter", "ErrorDialog", "install_error_path", "uninstall_error_path"]

log = logging.getLogger("desktop.errors")


def _summary(exc_type: type[BaseException], exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{exc_type.__name__}: {text[:300]}" if text else exc_type.__name__


class ErrorDialog(QMessageBox):
    """What went wrong, where the log is, and the traceback behind "Copy details"."""

    def __init__(self, summary: str, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Critical, "Newsroom Archive: unexpected error",
                         "Something went wrong that Newsroom Archive did not expect.", parent=parent)
        where = (f"The details were written to the log file:\n{log_path}" if log_path is not None
                 else "The details could not be written to a log file.")
        self.setInformativeText(f"{summary}\n\nYour archive is safe: nothing committed is lost. {where}")
        self.setDetailedText(details)
        self.details = details
        self.copy_button: QPushButton = self.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
        self.copy_button.clicked.disconnect()  # keep the dialog open after copying
        self.copy_button.clicked.connect(self.copy_details)
        self.addButton(QMessageBox.StandardButton.Close)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)


class ErrorReporter(QObject):
    """Receives errors from any thread and shows them on the GUI thread, one dialog at a time."""

    #: summary, details: emitted from any thread, delivered queued to the GUI thread.
    reported = Signal(str, str)
    #: The dialog that is showing (for the window's tests and for screenshots).
    dialog_shown = Signal(QMessageBox)

    def __init__(self, log_path: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self._showing: ErrorDialog | None = None
        self._last_summary = ""
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error\n%s", details.rstrip())
        self.reported.emit(_summary(exc_type, exc), details)

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        if self._showing is not None:
            if summary != self._last_summary:
                self._showing.setDetailedText(self._showing.details + "\n\nAlso:\n" + details)
                self._showing.details += "\n\nAlso:\n" + details
            return
        self._last_summary = summary
        dialog = ErrorDialog(summary, details, self.log_path)
        dialog.finished.connect(self._closed)
        self._showing = dialog
        dialog.open()
        self.dialog_shown.emit(dialog)

    def _closed(self) -> None:
        self._showing = None


_reporter: ErrorReporter | None = None


def install_error_path(parent: QObject | None = None) -> ErrorReporter:
    """Log to the rotating file and route uncaught errors (any thread) to one dialog."""
    global _reporter
    if _reporter is not None:
        return _reporter
    reporter = ErrorReporter(setup_logging() or log_file(), parent)

    def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        reporter.report(exc_type, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            reporter.report(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = excepthook
    threading.excepthook = thread_hook
    _reporter = reporter
    return reporter


def uninstall_error_path() -> None:
    """Give the hooks back to Python (tests; a window that is shut down)."""
    global _reporter
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    _reporter = None
