"""The window's error path: an unexpected error is logged and shown with its details, never lost;
and a start-up with the Threads panel in front reads no archive before one is attached."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.archive import Archive
from desktop.core.logs import log_file
from desktop.ui.errors import ErrorDialog, install_error_path, uninstall_error_path
from desktop.ui.main_window import MainWindow


@pytest.fixture
def error_path(qtbot, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reporter = install_error_path()
    yield reporter
    uninstall_error_path()


def _raise_and_hook(message: str) -> None:
    try:
        raise RuntimeError(message)
    except RuntimeError:
        sys.excepthook(*sys.exc_info())


def test_an_uncaught_error_shows_a_dialog_with_the_log_and_copyable_details(qtbot, error_path) -> None:
    with qtbot.waitSignal(error_path.dialog_shown, timeout=10000) as shown:
        _raise_and_hook("the reader lost its page")
    dialog = shown.args[0]
    assert isinstance(dialog, ErrorDialog)
    assert "RuntimeError: the reader lost its page" in dialog.informativeText()
    assert str(log_file()) in dialog.informativeText()
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "Traceback" in copied and "the reader lost its page" in copied
    assert dialog.isVisible(), "Copy details keeps the dialog open"
    assert "the reader lost its page" in log_file().read_text(encoding="utf-8")
    dialog.done(QMessageBox.StandardButton.Close)


def test_an_error_that_ends_a_thread_is_shown_too(qtbot, error_path) -> None:
    def work() -> None:
        raise ValueError("a worker tripped on a bad row")

    with qtbot.waitSignal(error_path.dialog_shown, timeout=10000) as shown:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join(30)
    assert "ValueError: a worker tripped on a bad row" in shown.args[0].informativeText()
    shown.args[0].done(QMessageBox.StandardButton.Close)


def test_a_burst_of_errors_shows_one_dialog_with_every_traceback(qtbot, error_path) -> None:
    dialogs: list[QMessageBox] = []
    error_path.dialog_shown.connect(dialogs.append)
    _raise_and_hook("first")
    _raise_and_hook("second")
    qtbot.waitUntil(lambda: bool(dialogs), timeout=10000)
    qtbot.waitUntil(lambda: "second" in dialogs[0].detailedText(), timeout=10000)
    assert len(dialogs) == 1 and "first" in dialogs[0].detailedText()
    dialogs[0].done(QMessageBox.StandardButton.Close)


def test_start_up_with_the_threads_panel_in_front_reads_nothing_before_the_archive(
        qtbot, settings: QSettings, archive: Archive) -> None:
    folder = str(archive.folder)
    archive.close()
    window = MainWindow(None, settings, folder=folder)
    qtbot.addWidget(window)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    window.show()
    window.threads_dock.show()
    window.threads_dock.raise_()
    qtbot.wait(200)
    opened: list[Archive] = []
    window.open_first_archive(folder, opened.append, lambda reason: pytest.fail(reason))
    qtbot.waitUntil(lambda: bool(opened) and window.count_label.text().startswith("5"), timeout=30000)
    qtbot.wait(500)
    assert not [m for m in messages if "Error" in m or "NoneType" in m], messages
    window.shutdown()
