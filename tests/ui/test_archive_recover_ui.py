"""Opening a damaged archive from the window offers "Recover…", which runs the same core recovery
as ``newsroom-archive recover`` off the GUI thread, then opens the recovered archive (issue 13)."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.ui.main_window import MainWindow


def _damaged_copy(seeded_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "received"
    shutil.copytree(seeded_template, folder, ignore=shutil.ignore_patterns("archive.lock", "archive.db-*"))
    (folder / "archive.db").write_bytes(b"")  # a bad copy: the database came across empty
    return folder


def test_a_damaged_archive_is_offered_recovery_and_opens_recovered(qtbot, window: MainWindow, tmp_path: Path,
                                                                   seeded_template: Path, monkeypatch) -> None:
    folder = _damaged_copy(seeded_template, tmp_path)
    offered: list[str] = []
    monkeypatch.setattr(window, "_ask_recover", lambda path, message: offered.append(message) or True)
    current = window.archive
    assert not window.open_archive_folder(folder)
    assert offered and "archive.db is empty (0 bytes)" in offered[0] and "recover" in offered[0]
    qtbot.waitUntil(lambda: window.archive is not current, timeout=120000)
    assert window.archive.folder == folder.resolve()
    assert window.archive.count() == 5
    message = window.statusBar().currentMessage()
    assert "Recovered in part: 5 articles" in message and "rebuilt 5 article(s)" in message, message
    assert list(folder.glob("quarantine/*-recover/archive.db")), "the damaged database is kept aside"


def test_declining_recovery_keeps_the_current_archive_and_changes_nothing(qtbot, window: MainWindow, tmp_path: Path,
                                                                        seeded_template: Path, monkeypatch) -> None:
    folder = _damaged_copy(seeded_template, tmp_path)
    monkeypatch.setattr(window, "_ask_recover", lambda path, message: False)
    current = window.archive
    assert not window.open_archive_folder(folder)
    assert window.archive is current and current.count() == 5
    assert (folder / "archive.db").read_bytes() == b"" and not (folder / "quarantine").exists()


def test_an_archive_whose_paths_lead_outside_is_refused_and_the_outside_is_untouched(
        window: MainWindow, tmp_path: Path, seeded_template: Path, monkeypatch) -> None:
    folder = tmp_path / "received"
    shutil.copytree(seeded_template, folder, ignore=shutil.ignore_patterns("archive.lock", "archive.db-*"))
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.txt").write_bytes(b"a reporter's notes")
    (outside / "passwords").write_bytes(b"secret\n")
    shutil.rmtree(folder / "originals" / ".incoming", ignore_errors=True)
    (folder / "originals" / ".incoming").symlink_to(outside, target_is_directory=True)
    (folder / "archive.lock").symlink_to(outside / "passwords")
    errors: list[str] = []
    monkeypatch.setattr(window, "_show_open_error", lambda path, message: errors.append(message))
    current = window.archive
    assert not window.open_archive_folder(folder)
    assert errors and "is a symbolic link" in errors[0] and "nothing has been changed" in errors[0]
    assert window.archive is current
    assert sorted(p.name for p in outside.iterdir()) == ["notes.txt", "passwords"]
    assert (outside / "notes.txt").read_bytes() == b"a reporter's notes"
    assert (outside / "passwords").read_bytes() == b"secret\n"


def test_start_up_on_a_damaged_archive_offers_recovery_and_opens_the_result(
        tmp_path: Path, seeded_template: Path, monkeypatch, qapp) -> None:
    """The very first open (no archive to fall back to) offers the same recovery."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.core.archive import Archive
    from desktop.ui import main as gui_main

    folder = _damaged_copy(seeded_template, tmp_path)
    offered: list[str] = []
    monkeypatch.setattr(gui_main, "ask_recover_first", lambda parent, path, message: offered.append(message) or True)
    monkeypatch.setattr(gui_main, "show_open_error", lambda path, message: offered.append("error: " + message))
    seen: list[str] = []

    def watch() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.archive is not None:
                message = widget.statusBar().currentMessage()
                if message.startswith("Recovered"):
                    seen.append(message)
                    widget.close()  # the last window closed: run_gui's event loop ends

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(100)
    status = gui_main.run_gui(["--archive", str(folder)])
    timer.stop()
    assert status == 0, offered
    assert offered and "archive.db is empty" in offered[0]
    assert seen and "5 articles" in seen[0]
    with Archive.open(folder, readonly=True) as archive:
        assert archive.count() == 5
    assert list(folder.glob("quarantine/*-recover/archive.db"))
