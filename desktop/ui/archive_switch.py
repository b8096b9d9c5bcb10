"""Switching the window to another archive: File > New archive, Open archive, Open recent.

A mixin of :class:`desktop.ui.main_window.MainWindow`. The new archive is opened *before* the
old one is let go, so a folder that is locked, newer than this app or not an archive at all is
explained in a message box and the current archive stays open. Switching stops background work,
closes the old archive, search engine and index cleanly, and starts the new one's index update.
A *damaged* archive (its database missing, empty, cut short or unreadable) gets a box that offers
"Recover…": the same core recovery as ``newsroom-archive recover``, run off the GUI thread
with a progress dialog, after which the recovered archive is opened.
The folder chooser and the message boxes are small methods tests replace.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..core.search.lazy_engine import LazyEngine
from .actions import refresh_recent_menu, remember_archive
from .recover_flow import ask_recover, recovery_summary, run_recovery

if TYPE_CHECKING:
    from ..core.archive import Archive

__all__ = ["ArchiveSwitchMixin"]


class ArchiveSwitchMixin:
    """Needs the window's widgets, engine, pools and ``_start_index_update``."""



    def new_archive_dialog(self) -> bool:
        folder = self._choose_archive_folder("New archive: choose an empty folder")
        return bool(folder) and self.open_archive_folder(folder, create=True)

    def open_archive_dialog(self) -> bool:
        folder = self._choose_archive_folder("Open archive")
        return bool(folder) and self.open_archive_folder(folder)

    def open_archive_folder(self, folder: str | Path, *, create: bool = False) -> bool:
        """Switch the window to the archive in ``folder``; on failure say why and keep this one."""
        from ..core.archive import Archive, ArchiveDamaged, ArchiveTooNew, NotAnArchive
        from ..core.locking import ArchiveLocked

        path = Path(folder).expanduser().resolve()
        if self.archive is None:
            self.statusBar().showMessage("The archive is still opening.", 6000)
            return False
        if path == Path(self.archive.folder).resolve():
            self.statusBar().showMessage("That archive is already open.", 6000)
            return True
        try:
            archive = Archive.open(path, create=create)
        except ArchiveDamaged as exc:
            if self._ask_recover(str(path), str(exc)):
                self.recover_archive_folder(path)
            return False
        except (NotAnArchive, ArchiveTooNew, ArchiveLocked, OSError) as exc:
            self._show_open_error(str(path), str(exc))
            return False
        self._switch_to(archive)
        return True

    def _switch_to(self, archive: Archive, *, announce: bool = True) -> None:
        """Make ``archive`` the window's (the window owns it and closes it)."""
        self.search_bar.timer.stop()
        if self.archive is not None:
            self._stop_background()
            self._tasks.forget()  # answers about the old archive still queued are dropped
        old, self.archive = self.archive, archive
        if old is not None:
            old.close()  # a second close by its owner is harmless
            self._owned.discard(id(old))
        self._owned.add(id(archive))
        self._search_archive = self._open_search_archive()
        self.engines = LazyEngine(self._search_archive)
        for holder in (self.model, self.reader, self._controller):
            if holder is not None and hasattr(holder, "archive"):
                holder.archive = archive
        self.model.clear()
        self._reader_clear()
        self.edits.clear()
        self.chips.blockSignals(True)
        self.chips.clear()
        self.chips.blockSignals(False)
        self._queued_imports, self._importing = [], False
        self._seq += 1  # a search still running for the old archive is ignored
        self._last, self._index_is_ready = None, False
        self._change_pending, self._pending_reselect = True, []
        self.setWindowTitle(f"Newsroom Archive \u2014 {archive.folder}")
        self.path_label.setText(str(archive.folder))
        remember_archive(self.settings, archive.folder)
        refresh_recent_menu(self)
        self._article_total = self._shown = None  # recounted by the first search, off the GUI thread
        self._update_status()
        if announce:
            self.statusBar().showMessage(f"Opened {archive.folder}", 6000)
        self._attach_entities()
        self.archive_switched.emit(str(archive.folder))
        self._start_index_update()

    def _choose_archive_folder(self, title: str) -> str:
        start = Path(self.archive.folder).parent if self.archive is not None else Path.home()
        return QFileDialog.getExistingDirectory(self, title, str(start))

    def _show_open_error(self, folder: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open the archive",
                          f"Newsroom Archive cannot open the archive at\n{folder}", parent=self)
        box.setInformativeText(f"{message}\n\nThe archive {self.archive.folder} stays open.")
        box.exec()

    def _ask_recover(self, folder: str, message: str) -> bool:
        """The damaged-archive box: True when the user chose "Recover…"."""
        return ask_recover(self, folder, message, fallback=f"The archive {self.archive.folder} stays open.")

    def recover_archive_folder(self, folder: str | Path) -> object:
        """Recover the archive in ``folder`` on a worker thread, then open it; returns the job."""
        path = str(Path(folder).expanduser().resolve())

        def done(report: Any) -> None:
            if self.open_archive_folder(path):
                self.statusBar().showMessage(recovery_summary(report, path), 30000)

        return run_recovery(self, path, done, lambda message: self._show_open_error(path, message))
