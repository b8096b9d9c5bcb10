"""Importing from the GUI: a status-bar progress bar, the report dialog, and the controller.

:class:`ImportController` runs :func:`desktop.core.operations.import_and_index` on a worker
(:mod:`desktop.workers`), drives an :class:`ImportProgress` in the status bar, and when the batch
ends opens an :class:`ImportReportDialog` listing what happened to every file. Nothing here
blocks the GUI thread: the report dialog and the error box are shown with ``open()``.
"""

from __future__ import annotations

import logging
import os
from pathlib import PurePath
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.archive import Archive
from desktop.core.importing.report import FileOutcome, ImportReport, Status
from desktop.core.operations import import_and_index
from desktop.workers import Job, start_job

from . import theme

__all__ = [
    "ImportController",
    "ImportProgress",
    "ImportReportDialog",
    "ImportReportModel",
    "paths_from_mime",
]

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


def _file_name(path: str) -> str:
    return PurePath(path).name or path


# -- the status-bar progress -----------------------------------------------------------------


class ImportProgress(QWidget):
    """A compact bar for the status bar: "Importing 37 of 804: fakes-0037.txt", a bar, Cancel.

    Hidden when no import runs.
    """

    cancel_requested = Signal()

    #: Width in pixels the file name is elided to.
    NAME_WIDTH = 220

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop after the current file; what was imported is kept")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def start(self) -> None:
        self.label.setText("Preparing the import\u2026")
        self.label.setToolTip("")
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.cancel_button.setEnabled(True)
        self.show()

    @Slot(int, int, str)
    def set_progress(self, done: int, total: int, current: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        if current:
            name = _file_name(current)
            shown = QFontMetrics(self.label.font()).elidedText(name, Qt.TextElideMode.ElideMiddle, self.NAME_WIDTH)
            self.label.setText(f"Importing {min(done + 1, total)} of {total}: {shown}")
            self.label.setToolTip(current)
        else:
            self.label.setText(f"Imported {done} of {total}; updating the search index\u2026")
            self.label.setToolTip("")
        if not self.cancel_button.isEnabled():
            self.label.setText("Cancelling\u2026 " + self.label.text())

    def finish(self) -> None:
        self.hide()
        self.bar.setRange(0, 1)
        self.bar.reset()

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText("Cancelling\u2026")
        self.cancel_requested.emit()


# -- the report model and dialog -------------------------------------------------------------


class ImportReportModel(QAbstractTableModel):
    """The outcomes of one import, one row per file: File, Result, Reason / headline."""

    COLUMNS = ("File", "Result", "Reason / headline")
    FILE, RESULT, DETAIL = range(3)

    #: The row's :class:`Status` value (a string such as ``"failed"``), for filtering.
    StatusRole = Qt.ItemDataRole.UserRole + 1
    #: The row's :class:`FileOutcome`.
    OutcomeRole = Qt.ItemDataRole.UserRole + 2
    #: A real value to sort by: the full path, the status's order, the detail text.
    SortRole = Qt.ItemDataRole.UserRole + 3

    _LABELS: ClassVar[dict[Status, str]] = {
        Status.IMPORTED: "Imported",
        Status.DUPLICATE: "Duplicate",
        Status.FAILED: "Failed",
        Status.SKIPPED: "Skipped",
    }

    def __init__(self, report: ImportReport | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: The palette the failed-row colours are chosen for (the dialog sets its own).
        self.palette = QPalette()
        self._outcomes: list[FileOutcome] = list(report.outcomes) if report else []

    def set_report(self, report: ImportReport) -> None:
        self.beginResetModel()
        self._outcomes = list(report.outcomes)
        self.endResetModel()

    def outcome(self, row: int) -> FileOutcome:
        return self._outcomes[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._outcomes)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    @staticmethod
    def detail(outcome: FileOutcome) -> str:
        if outcome.status is Status.IMPORTED:
            text = outcome.headline or "(no headline)"
            return f"{text} ({outcome.reason})" if outcome.reason else text
        return outcome.reason

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._outcomes):
            return None
        outcome = self._outcomes[index.row()]
        column = index.column()
        failed = outcome.status is Status.FAILED
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.FILE:
                return _file_name(outcome.path)
            if column == self.RESULT:
                return self._LABELS[outcome.status]
            if column == self.DETAIL:
                return self.detail(outcome)
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == self.FILE:
                return outcome.path
            if column == self.DETAIL:
                return self.detail(outcome) or None
        elif role == self.SortRole:
            if column == self.FILE:
                return outcome.path.lower()
            if column == self.RESULT:
                return list(Status).index(outcome.status)
            return self.detail(outcome).lower()
        elif role == self.StatusRole:
            return outcome.status.value
        elif role == self.OutcomeRole:
            return outcome
        elif role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole) and failed:
            foreground, background = theme.failed_row_colors(self.palette)
            return QBrush(foreground if role == Qt.ItemDataRole.ForegroundRole else background)
        elif role == Qt.ItemDataRole.DecorationRole and column == self.RESULT and failed:
            from PySide6.QtWidgets import QApplication

            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None


class _StatusFilter(QSortFilterProxyModel):
    """Rows whose status is one of a set (or all rows)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wanted: str | None = None
        self.setSortRole(ImportReportModel.SortRole)

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._wanted = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._wanted is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return index.data(ImportReportModel.StatusRole) == self._wanted


class ImportReportDialog(QDialog):
    """What happened to every file of one import, with a filter and CSV export."""

    #: Filter combo entries: label -> status value (None: everything).
    FILTERS = (
        ("All", None),
        ("Imported", Status.IMPORTED.value),
        ("Duplicates", Status.DUPLICATE.value),
        ("Failed", Status.FAILED.value),
        ("Skipped", Status.SKIPPED.value),
    )

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("Import report")
        self.summary = QLabel(report.summary(), self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)

        self.model = ImportReportModel(report, self)
        self.model.palette = self.palette()
        self.proxy = _StatusFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        # Keep import order until asked: with the indicator at -1, enabling sorting sorts nothing
        # (sorting by column 0 first cost ~40 ms on 800 rows, on the GUI thread).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ImportReportModel.FILE, QHeaderView.ResizeMode.Interactive)
        # Sized from the few labels, not ResizeToContents: that reads every row (one data() call
        # per row and role), about 100 ms for an 800-file import.
        header.setSectionResizeMode(ImportReportModel.RESULT, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(ImportReportModel.RESULT, self._result_width())
        header.setStretchLastSection(True)
        self.table.setColumnWidth(ImportReportModel.FILE, 220)

        self.filter_combo = QComboBox(self)
        for label, status in self.FILTERS:
            count = len(report.outcomes) if status is None else report.count(Status(status))
            self.filter_combo.addItem(f"{label} ({count})", status)
        self.filter_combo.currentIndexChanged.connect(self._on_filter_changed)

        self.export_button = QPushButton("Export CSV\u2026", self)
        self.export_button.clicked.connect(self._on_export_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)

        top = QHBoxLayout()
        top.addWidget(QLabel("Show:", self))
        top.addWidget(self.filter_combo)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(820, 440)
        # Failures first: if anything failed, that is what the reporter needs to see.
        if report.failed:
            self.set_filter(Status.FAILED.value)

    def _result_width(self) -> int:
        metrics = QFontMetrics(self.table.font())
        text = max(metrics.horizontalAdvance(label) for label in ImportReportModel._LABELS.values())
        icon = self.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        return text + icon + 24

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (light/dark switch): failed rows take colours for it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "model"):
            self.model.palette = self.palette()
            self.table.viewport().update()

    def set_filter(self, status: str | None) -> None:
        """Show only rows of ``status`` ("imported", "failed", ...; None for all)."""
        index = self.filter_combo.findData(status)
        if index >= 0:
            self.filter_combo.setCurrentIndex(index)

    def visible_outcomes(self) -> list[FileOutcome]:
        return [
            self.proxy.index(row, 0).data(ImportReportModel.OutcomeRole) for row in range(self.proxy.rowCount())
        ]

    @Slot(int)
    def _on_filter_changed(self, index: int) -> None:
        self.proxy.set_status(self.filter_combo.itemData(index))

    def ask_save_path(self) -> str:
        """The file to export to, or "" when the reporter cancels (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(self, "Export import report", "import-report.csv", "CSV files (*.csv)")
        return path

    @Slot()
    def _on_export_clicked(self) -> None:
        self.export_csv()

    def export_csv(self) -> bool:
        path = self.ask_save_path()
        if not path:
            return False
        try:
            with open(path, "w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel reads UTF-8
                handle.write(self.report.to_csv())
        except OSError as exc:
            log.warning("cannot write %s: %s", path, exc)
            box = QMessageBox(QMessageBox.Icon.Warning, "Export failed",
                              f"The report could not be saved to {path}:\n{exc.strerror or exc}",
                              QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return False
        return True


# -- the controller --------------------------------------------------------------------------


def paths_from_mime(mime: QMimeData) -> list[str]:
    """Local files and folders from a drag and drop, in order, without repeats."""
    if mime is None or not mime.hasUrls():
        return []
    paths: list[str] = []
    for url in mime.urls():
        if url.isLocalFile():
            path = url.toLocalFile()
            if path:
                paths.append(os.path.normpath(path))
    return list(dict.fromkeys(paths))


class ImportController(QObject):
    """Runs one import at a time off the GUI thread and shows its progress and report."""

    #: The :class:`ImportReport` of a batch that ended (also when cancelled).
    finished = Signal(object)
    #: A one-line message when the import could not run at all.
    failed = Signal(str)
    running_changed = Signal(bool)

    paths_from_mime = staticmethod(paths_from_mime)

    def __init__(
        self,
        archive: Archive,
        progress_widget: ImportProgress,
        parent_window: QWidget | None = None,
        *,
        durable: bool = True,
    ) -> None:
        super().__init__(parent_window)
        self.archive = archive
        self.progress_widget = progress_widget
        self.parent_window = parent_window
        self.durable = durable
        self.job: Job | None = None
        self.report: ImportReport | None = None
        self.report_dialog: ImportReportDialog | None = None
        self.error_box: QMessageBox | None = None
        self._outcome: ImportReport | str | None = None
        progress_widget.cancel_requested.connect(self.cancel)

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self, paths: list[str]) -> bool:
        """Start importing ``paths`` (files and folders); False if an import is already running."""
        if self.job is not None or not paths:
            return False
        self.progress_widget.start()
        job = start_job(import_and_index, self.archive, [os.fspath(p) for p in paths], durable=self.durable)
        job.progress.connect(self.progress_widget.set_progress)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.finished.connect(self._on_finished)
        self.job = job
        self.running_changed.emit(True)
        return True

    @Slot()
    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    @Slot(object)
    def _on_succeeded(self, report: ImportReport) -> None:
        self._outcome = report

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._outcome = message

    @Slot()
    def _on_finished(self) -> None:
        outcome, self._outcome = self._outcome, None
        self.job = None
        self.progress_widget.finish()
        self.running_changed.emit(False)
        if isinstance(outcome, ImportReport):
            self.report = outcome
            self._show_report(outcome)
            self.finished.emit(outcome)
        else:
            message = outcome if isinstance(outcome, str) else "the import stopped unexpectedly"
            self._show_error(message)
            self.failed.emit(message)

    def _show_report(self, report: ImportReport) -> None:
        if self.report_dialog is not None:
            self.report_dialog.close()
        dialog = ImportReportDialog(report, self.parent_window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result, d=dialog: self._forget_dialog(d))
        self.report_dialog = dialog
        dialog.open()

    def _forget_dialog(self, dialog: ImportReportDialog) -> None:
        if self.report_dialog is dialog:
            self.report_dialog = None

    def _show_error(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Import failed",
            f"The import could not be completed:\n{message}",
            QMessageBox.StandardButton.Ok,
            self.parent_window,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result, b=box: self._forget_box(b))
        self.error_box = box
        box.open()

    def _forget_box(self, box: QMessageBox) -> None:
        if self.error_box is box:
            self.error_box = None
