"""GUI import: the controller, the status-bar progress, the report dialog and CSV export."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtWidgets import QMainWindow

from desktop import workers
from desktop.core.archive import Archive
from desktop.core.importing.report import FileOutcome, ImportReport, Status
from desktop.ui import import_flow
from desktop.ui.import_flow import (
    ImportController,
    ImportProgress,
    ImportReportDialog,
    ImportReportModel,
    paths_from_mime,
)


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    opened = Archive.open(tmp_path / "archive")
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot) -> QMainWindow:
    win = QMainWindow()
    qtbot.addWidget(win)
    win.resize(900, 600)
    win.show()
    return win


@pytest.fixture
def progress(window: QMainWindow) -> ImportProgress:
    widget = ImportProgress()
    window.statusBar().addPermanentWidget(widget, 1)
    return widget


@pytest.fixture
def controller(archive: Archive, progress: ImportProgress, window: QMainWindow) -> Iterator[ImportController]:
    ctl = ImportController(archive, progress, window, durable=False)
    yield ctl
    ctl.cancel()
    assert workers.wait_for_all(10, cancel=True)
    for widget in (ctl.report_dialog, ctl.error_box):
        if widget is not None:
            widget.close()


def _run(qtbot, controller: ImportController, paths: list[str], timeout: int = 30000) -> ImportReport:
    with qtbot.waitSignal(controller.finished, timeout=timeout) as blocker:
        assert controller.start(paths)
    return blocker.args[0]


def test_import_the_seeds_shows_counts_and_the_report(qtbot, controller, progress, seeds_dir, archive,
                                                      screenshot_dir):
    texts: list[str] = []
    running: list[bool] = []
    controller.running_changed.connect(running.append)
    with qtbot.waitSignal(controller.finished, timeout=30000) as blocker:
        assert controller.start([str(seeds_dir)])
        assert progress.isVisible()
        assert not controller.start([str(seeds_dir)])  # one import at a time
        controller.job.progress.connect(lambda *_: texts.append(progress.text()))
    report = blocker.args[0]
    assert report.imported == 5 and archive.count() == 5
    assert all(t.startswith(("Importing ", "Imported ")) for t in texts)
    assert texts[-1] == "Imported 5 of 5; updating the search index\u2026"
    assert running == [True, False]
    assert not progress.isVisible()
    assert not controller.running

    dialog = controller.report_dialog
    assert isinstance(dialog, ImportReportDialog) and dialog.isVisible()
    assert dialog.summary.text().startswith("5 files: 5 imported, 0 duplicate, 0 failed")
    assert dialog.table.model().rowCount() == 5
    statuses = {o.status for o in dialog.visible_outcomes()}
    assert statuses == {Status.IMPORTED}
    headline = dialog.model.index(0, ImportReportModel.DETAIL).data()
    assert headline and "(no headline)" not in headline
    if screenshot_dir is not None:
        assert dialog.grab().save(str(screenshot_dir / "import_report_seeds.png"))


def test_a_bad_file_shows_its_reason(qtbot, controller, seeds_dir, tmp_path, screenshot_dir):
    folder = tmp_path / "incoming"
    folder.mkdir()
    shutil.copy(next(seeds_dir.glob("000_*.txt")), folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    report = _run(qtbot, controller, [str(folder)])
    assert report.imported == 1 and report.failed == 1
    dialog = controller.report_dialog
    # With failures the dialog opens on them.
    assert dialog.filter_combo.currentData() == Status.FAILED.value
    rows = dialog.proxy.rowCount()
    assert rows == 1
    assert dialog.proxy.index(0, ImportReportModel.FILE).data() == "empty.txt"
    assert dialog.proxy.index(0, ImportReportModel.RESULT).data() == "Failed"
    assert "empty file" in dialog.proxy.index(0, ImportReportModel.DETAIL).data()
    # Failed rows are marked visibly.
    assert dialog.proxy.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert dialog.proxy.index(0, ImportReportModel.RESULT).data(Qt.ItemDataRole.DecorationRole) is not None
    dialog.set_filter(None)
    assert dialog.proxy.rowCount() == 2
    dialog.set_filter(Status.IMPORTED.value)
    assert [o.path.endswith("good.txt") for o in dialog.visible_outcomes()] == [True]
    dialog.set_filter(Status.SKIPPED.value)
    assert dialog.proxy.rowCount() == 0
    if screenshot_dir is not None:
        dialog.set_filter(None)
        assert dialog.grab().save(str(screenshot_dir / "import_report_failed.png"))


def test_cancel_half_way_keeps_what_was_done(qtbot, controller, progress, tmp_path, monkeypatch, archive):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(60):
        (folder / f"fakes-{i:04d}.txt").write_text(
            f"Story number {i} about the harbour\n\nBy A Reporter\n\nParagraph {i} of a test story "
            f"with unique words number{i} and more text.\n",
            encoding="utf-8",
        )
    real = import_flow.import_and_index

    def stalls_at_twenty(archive, paths, *, progress, cancel, durable):
        """The real import, made to wait at file 21 until the GUI cancels (so the test is not a race)."""

        def report(done, total, current):
            progress(done, total, current)
            if done == 20 and current:
                cancel.wait(10)

        return real(archive, paths, progress=report, cancel=cancel, durable=durable)

    monkeypatch.setattr(import_flow, "import_and_index", stalls_at_twenty)
    with qtbot.waitSignal(controller.finished, timeout=30000) as blocker:
        assert controller.start([str(folder)])
        qtbot.waitUntil(lambda: progress.text().startswith("Importing 21 of 60: fakes-0020.txt"), timeout=10000)
        qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
        assert progress.text().startswith("Cancelling")
    report = blocker.args[0]
    assert report.cancelled
    assert 0 < report.imported < 60
    assert archive.count() == report.imported
    assert "cancelled" in controller.report_dialog.summary.text()


def test_export_csv_writes_the_report(qtbot, controller, seeds_dir, tmp_path, monkeypatch):
    report = _run(qtbot, controller, [str(seeds_dir)])
    dialog = controller.report_dialog
    target = tmp_path / "out" / "report.csv"
    target.parent.mkdir()
    monkeypatch.setattr(dialog, "ask_save_path", lambda: str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["path", "status", "reason", "article_id", "headline"]
    assert len(rows) == 6 and {r[1] for r in rows[1:]} == {"imported"}
    assert len(report.outcomes) == 5
    # Cancelling the save dialog writes nothing.
    monkeypatch.setattr(dialog, "ask_save_path", lambda: "")
    assert dialog.export_csv() is False


def test_a_failing_import_shows_a_warning(qtbot, controller, monkeypatch, tmp_path):
    def broken(archive, paths, *, progress, cancel, durable):
        raise OSError("disk full\nmore detail")

    monkeypatch.setattr(import_flow, "import_and_index", broken)
    with qtbot.waitSignal(controller.failed, timeout=10000) as blocker:
        assert controller.start([str(tmp_path)])
    assert blocker.args == ["disk full"]
    assert controller.error_box is not None and controller.error_box.isVisible()
    assert "disk full" in controller.error_box.text()
    assert not controller.running


def test_progress_text_and_elided_names(qtbot):
    widget = ImportProgress()
    qtbot.addWidget(widget)
    widget.start()
    assert widget.isVisible() and widget.bar.maximum() == 0  # busy until counts arrive
    widget.set_progress(36, 804, "/data/fakes/fakes-0037.txt")
    assert widget.text() == "Importing 37 of 804: fakes-0037.txt"
    assert (widget.bar.value(), widget.bar.maximum()) == (36, 804)
    assert widget.label.toolTip() == "/data/fakes/fakes-0037.txt"
    long_name = "a-very-" + "long-" * 60 + "name.txt"
    widget.set_progress(1, 2, "/x/" + long_name)
    assert "\u2026" in widget.text() and widget.text().endswith("name.txt")
    cancels = []
    widget.cancel_requested.connect(lambda: cancels.append(True))
    qtbot.mouseClick(widget.cancel_button, Qt.MouseButton.LeftButton)
    assert cancels == [True] and not widget.cancel_button.isEnabled()
    widget.finish()
    assert not widget.isVisible()


def test_report_model_passes_the_model_tester(qtmodeltester):
    report = ImportReport(
        outcomes=[
            FileOutcome("/a/one.txt", Status.IMPORTED, "", 1, "Headline one"),
            FileOutcome("/a/two.pdf", Status.FAILED, "password-protected PDF"),
            FileOutcome("/a/three.txt", Status.DUPLICATE, "same text as #1"),
            FileOutcome("/a/four.exe", Status.SKIPPED, "not a supported format"),
        ]
    )
    model = ImportReportModel(report)
    qtmodeltester.check(model)
    assert model.index(1, 1).data(ImportReportModel.StatusRole) == "failed"
    assert model.index(0, 2).data() == "Headline one"


def test_paths_from_mime_keeps_local_files_only(tmp_path):
    mime = QMimeData()
    mime.setUrls([
        QUrl.fromLocalFile(str(tmp_path / "a.txt")),
        QUrl("https://example.com/story.html"),
        QUrl.fromLocalFile(str(tmp_path)),
        QUrl.fromLocalFile(str(tmp_path / "a.txt")),
    ])
    assert paths_from_mime(mime) == [str(tmp_path / "a.txt"), str(tmp_path)]
    assert ImportController.paths_from_mime(QMimeData()) == []
