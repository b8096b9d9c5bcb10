"""The window stays usable while long work runs: searching and reading during an import, and the
index's progress in the status bar while it is rebuilt or caught up.

Behaviour only, no timings (``tests/benchmarks/bench_gui.py`` measures the stalls). The import
is held half-way by a gate in its progress callback, so "while the import runs" is certain
rather than a race against a fast machine.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.core.archive import Archive
from desktop.core.editing import update_metadata
from desktop.ui import import_flow
from desktop.ui.main_window import MainWindow


def _stories(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"story-{i:03d}.txt").write_text(
            f"Harbour crane number {i} repaired\n\nDock workers in the port repaired crane {i} on Tuesday.\n",
            encoding="utf-8",
        )
    return folder


def _held_import(monkeypatch, gate: threading.Event, after: int = 3):
    """The real import_and_index, paused in its progress callback after ``after`` files."""
    real = import_flow.import_and_index

    def held(archive, paths, *, progress=None, cancel=None, durable=True):
        def report(done, total, *rest):
            if progress is not None:
                progress(done, total, *rest)
            if done >= after:
                gate.wait(30)

        return real(archive, paths, progress=report, cancel=cancel, durable=durable)

    monkeypatch.setattr(import_flow, "import_and_index", held)


def test_search_and_read_while_an_import_runs(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    gate = threading.Event()
    _held_import(monkeypatch, gate)
    folder = _stories(tmp_path / "incoming", 12)
    try:
        window.import_paths([folder])
        progress = window._controller.progress_widget
        qtbot.waitUntil(lambda: progress.isVisible() and window._controller.running, timeout=10000)
        assert window.model.rowCount() == 5

        # search as you type: the results change while the import's progress is on screen
        before = window._seq
        qtbot.keyClicks(window.search_bar.edit, '"Camp Taji"')
        qtbot.waitUntil(lambda: window._seq > before and window._last.request.query == '"Camp Taji"',
                        timeout=10000)
        assert window.model.rowCount() == 4  # with Newsweek's "Taji military camp" (All spellings)
        assert progress.isVisible() and window._controller.running

        # and reading: the reader follows the selection
        window.select_row(0)
        article = window.archive.get(window.model.id_at(0))
        qtbot.waitUntil(lambda: article.body.strip()[:30] in window.reader_text(), timeout=5000)
        assert window._controller.running
    finally:
        gate.set()
    with qtbot.waitSignal(window.import_finished, timeout=30000):
        pass
    qtbot.waitUntil(lambda: not progress.isVisible(), timeout=10000)
    # the finished import refreshes the (still filtered) results and the article count
    qtbot.waitUntil(lambda: "17 articles" in window.count_label.text(), timeout=10000)
    if window._controller.report_dialog is not None:
        window._controller.report_dialog.close()


def test_status_bar_shows_index_progress_then_up_to_date(qtbot, make_window, archive: Archive,
                                                         monkeypatch) -> None:
    shutil.rmtree(archive.index_dir)  # no index: the window rebuilds it at start-up
    seen: list[str] = []
    from desktop.ui import main_window as main_window_module

    original = main_window_module.MainWindow._index_progressed

    def spy(self, done: int, total: int) -> None:
        original(self, done, total)
        seen.append(self.index_label.text())

    monkeypatch.setattr(main_window_module.MainWindow, "_index_progressed", spy)
    window = make_window(archive)
    assert seen and all(text.startswith("Updating index ") and text.endswith("%") for text in seen)
    assert seen[-1] == "Updating index 100%"
    assert window.index_label.text() == "Index up to date"
    assert window.model.rowCount() == 5


def test_index_progress_during_a_catch_up_after_changes(qtbot, window: MainWindow) -> None:
    seen: list[tuple[int, int]] = []
    window.index_progress.connect(lambda done, total: seen.append((done, total)))
    labels: list[str] = []
    window.index_progress.connect(lambda *_: labels.append(window.index_label.text()))
    article_id = window.model.id_at(0)
    update_metadata(window.archive, article_id, {"headline": "Crane repaired"})
    with qtbot.waitSignal(window.results_refreshed, timeout=20000):
        window.archive_changed([article_id])
    assert seen and seen[-1][0] == seen[-1][1]
    assert labels[-1] == "Updating index 100%"
    assert window.index_label.text() == "Index up to date"
    assert window.selected_ids() == [article_id]
    qtbot.keyClicks(window.search_bar.edit, "crane")
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window._last.request.query == "crane", timeout=10000)
    assert window.model.ids() == [article_id]
