"""The main states of the window, driven as a reporter would, and saved as PNGs for a look.

With ``SCREENSHOT_DIR`` set, each state is saved there (``SCREENSHOT_DIR=/tmp/shots pytest
tests/ui/test_screenshots.py``); without it the same flows run and the widgets are checked to be
visible, so a state that no longer appears fails the test either way.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.core.archive import Archive
from desktop.ui import import_flow
from desktop.ui.main_window import MainWindow

SIZE = (1280, 800)

STORY = (
    "Ceasefire talks {n} resume in Geneva\n\n"
    "By Staff Reporter\n\n"
    "GENEVA, March {day} (Wire) - Negotiators met again on Tuesday for round {n} of talks, officials "
    "said, as aid agencies warned that supplies to the region were running low.\n\n"
    "A spokesperson said the sides had agreed to continue the discussions next week.\n"
)


def _save(widget: QWidget, folder: Path | None, name: str) -> None:
    assert widget.isVisible(), f"{name}: {widget.objectName() or type(widget).__name__} is not shown"
    image = widget.grab()
    assert not image.isNull() and image.width() > 100
    if folder is not None:
        image.save(str(folder / f"{name}.png"))


def _search(qtbot, window: MainWindow, text: str) -> None:
    before = window._seq
    window.search_bar.set_text(text)
    qtbot.waitUntil(lambda: window._seq > before and window._last is not None
                    and window._last.request.query == text, timeout=10000)


def _story_files(folder: Path, count: int = 40) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"talks-{n:03d}.txt").write_text(STORY.format(n=n, day=1 + n % 28), encoding="utf-8")
    (folder / "talks-copy.txt").write_text(STORY.format(n=0, day=1), encoding="utf-8")  # a duplicate
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n\x00\x01 not really a pdf")  # fails
    return folder


def test_import_states(qtbot, make_window, empty_archive: Archive, tmp_path: Path, monkeypatch,
                       screenshot_dir: Path | None) -> None:
    window = make_window(empty_archive)
    window.resize(*SIZE)
    qtbot.wait(50)
    assert "empty" in window.message_text()
    _save(window, screenshot_dir, "01_empty_archive")

    real = import_flow.import_and_index

    def slow_import(archive, paths, *, progress=None, **kwargs):
        def slow_progress(done: int, total: int, current: str = "", *rest) -> None:
            time.sleep(0.03)  # time to see the progress bar move
            if progress is not None:
                progress(done, total, current, *rest)
        return real(archive, paths, progress=slow_progress, **kwargs)

    monkeypatch.setattr(import_flow, "import_and_index", slow_import)
    folder = _story_files(tmp_path / "stories")
    window.import_paths([folder])
    controller = window._controller
    progress = controller.progress_widget
    qtbot.waitUntil(lambda: progress.isVisible() and progress.text().startswith("Importing ")
                    and 5 <= progress.bar.value() < 35, timeout=20000)
    assert progress.cancel_button.isVisible()
    _save(window, screenshot_dir, "02_import_in_progress")

    with qtbot.waitSignal(window.import_finished, timeout=60000):
        pass
    qtbot.waitUntil(lambda: controller.report_dialog is not None and controller.report_dialog.isVisible(),
                    timeout=5000)
    dialog = controller.report_dialog
    qtbot.waitExposed(dialog)
    assert "40" in dialog.summary.text()
    dialog.set_filter(None)
    qtbot.wait(50)
    _save(dialog, screenshot_dir, "03_import_report")
    dialog.close()


def test_results_editor_help_and_dark(qtbot, window: MainWindow, archive: Archive, dark_palette,
                                      screenshot_dir: Path | None) -> None:
    window.resize(*SIZE)
    _search(qtbot, window, "Esper")
    window.select_row(1)
    qtbot.waitUntil(lambda: window.reader_text() != "", timeout=3000)
    qtbot.wait(50)
    assert window.reader.hit_count > 0
    for widget in (window.table, window.reader, window.facets, window.archive_toolbar, window.search_bar):
        assert widget.isVisible() and widget.width() > 50
    _save(window, screenshot_dir, "04_results_story_open")

    flagged = next(i for i in window.model.ids() if archive.get(i).needs_review)
    editor = window.edits.edit_metadata(flagged)
    qtbot.waitExposed(editor)
    assert editor.flagged()
    _save(editor, screenshot_dir, "05_metadata_editor")
    editor.reject()

    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    _save(dialog, screenshot_dir, "06_keyboard_shortcuts")
    dialog.close()

    about = window.show_about()
    qtbot.waitExposed(about)
    _save(about, screenshot_dir, "07_about")
    about.close()

    window.setPalette(dark_palette)
    window.select_row(0)
    window.select_row(1)
    qtbot.wait(50)
    _save(window, screenshot_dir, "08_results_dark")
    editor = window.edits.edit_metadata(flagged)
    editor.setPalette(dark_palette)  # a palette set on a window does not reach its dialogs
    qtbot.waitExposed(editor)
    assert editor.palette().color(editor.backgroundRole()).lightnessF() < 0.5
    _save(editor, screenshot_dir, "09_metadata_editor_dark")
    editor.reject()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
