"""Importing from the main window: File > Import, drag and drop, and a queue while busy.

A mixin of :class:`desktop.ui.main_window.MainWindow`, kept apart to keep the window's module
short. Imports run through :mod:`desktop.ui.import_flow`'s controller when it is there (progress,
cancel, report), or else as ``import_and_index`` on the window's writer pool; either way one
writer at a time, after the start-up index update.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

__all__ = ["LIVE_REFRESH_MS", "ImportingMixin"]

#: While an import runs, the results are searched again this often (ms), so stories appear as
#: the background indexer commits them, without the list jumping under the reader's eyes.
LIVE_REFRESH_MS = 2500


class ImportingMixin:
    """Needs the window's ``archive``, ``_writer_pool``, ``_run``, status and search methods."""



    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import files", str(Path.home()),
                                                "Articles (*.txt *.html *.htm *.docx *.pdf *.eml *.msg);;All files (*)")
        if paths:
            self.import_paths(paths)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import folder", str(Path.home()))
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: Iterable[str | Path]) -> None:
        """Import files and folders in the background, then refresh the search.

        Waits for the start-up index update first: Whoosh allows one writer at a time.
        """
        paths = [str(p) for p in paths]
        if not paths:
            return
        if not self._index_is_ready or self._importing:
            self._queued_imports.extend(paths)
            return
        self._importing = True
        self._set_index_state(False)
        controller = self._import_controller()
        if controller is not None:
            if not controller.start(paths):
                self._importing = False
                self._set_index_state(True)
                return
            # The progress widget says what is happening; the archive path and the index state
            # come back when it ends (the window title names the archive meanwhile).
            self.path_label.setVisible(False)
            self.index_label.setVisible(False)
            self._live_refresh_timer().start()
            return
        from ..core.operations import import_and_index

        self.statusBar().showMessage(f"Importing {len(paths)} item(s)\u2026")
        self._run(self._writer_pool, lambda: import_and_index(self.archive, paths), self._import_done,
                  self._import_failed)

    def _import_controller(self) -> Any:
        """The window's ImportController (:mod:`desktop.ui.import_flow`), or None without it."""
        if self._controller is None:
            try:
                from .import_flow import ImportController, ImportProgress
            except ImportError:
                return None
            progress = ImportProgress(self)
            self.statusBar().addPermanentWidget(progress)
            self._controller = ImportController(self.archive, progress, self)
            self._controller.finished.connect(self._import_done)
            self._controller.failed.connect(self._import_ended)
        return self._controller

    def _live_refresh_timer(self) -> QTimer:
        timer = getattr(self, "_live_timer", None)
        if timer is None:
            timer = self._live_timer = QTimer(self)
            timer.setInterval(LIVE_REFRESH_MS)
            timer.timeout.connect(self._refresh_while_importing)
        return timer

    def _refresh_while_importing(self) -> None:
        """Search again, keeping the scroll position, the selection and the story being read."""
        if not self._importing:
            self._live_timer.stop()
            return
        if self._index_is_ready and not self.search_running() and not self._refresh_due:
            self._live_scroll = self.table.verticalScrollBar().value()
            self.search_now()

    def _import_over(self) -> None:
        timer = getattr(self, "_live_timer", None)
        if timer is not None:
            timer.stop()
        self.path_label.setVisible(True)
        self.index_label.setVisible(True)

    def _flush_queued_imports(self) -> None:
        if self._queued_imports and not self._importing:
            paths, self._queued_imports = self._queued_imports, []
            self.import_paths(paths)

    def _import_done(self, report: object = None) -> None:
        self._importing = False
        self._import_over()
        if self._change_pending:
            self._start_index_update()
        self._set_index_state(True)
        summary = getattr(report, "summary", None)
        text = summary() if callable(summary) else "Import finished."
        self.statusBar().showMessage(str(text), 8000)
        self._update_status()
        self.search_now()
        self.import_finished.emit(report)
        self._flush_queued_imports()

    def _import_failed(self, message: str) -> None:
        self._import_ended(message)
        QMessageBox.warning(self, "Import failed", f"The import stopped: {message}")

    def _import_ended(self, _message: str = "") -> None:
        """After a failed import: what was imported before the failure is still searchable."""
        self._importing = False
        self._import_over()
        if self._change_pending:
            self._start_index_update()
        self._set_index_state(True)
        self._update_status()
        self.search_now()
        self._flush_queued_imports()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

