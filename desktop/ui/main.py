"""Start the desktop window: ``run_gui(args)`` is what ``newsroom-archive`` runs with no subcommand.

It makes the QApplication, opens the archive (``--archive DIR``, ``$NEWSROOM_ARCHIVE`` or the
default in the user's data folder), explains in a dialog why an archive cannot be opened, and on
a brand-new empty archive offers the five sample articles once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..core.paths import resolve_archive_dir, sample_articles_dir, settings_dir
from .errors import install_error_path, uninstall_error_path
from .recover_flow import ask_recover, recovery_summary, run_recovery
from .icons import app_icon

__all__ = ["EXIT_CANNOT_OPEN", "run_gui", "show_open_error"]

#: Exit status when the archive cannot be opened (the CLI uses the same).
EXIT_CANNOT_OPEN = 3
ORGANIZATION = "Newsroom Archive"
APPLICATION = "Newsroom Archive"
SAMPLES_KEY = "samples_offered"


def show_open_error(folder: str, message: str) -> None:
    """Tell the user why the archive cannot be opened (tests replace this)."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open the archive",
                      f"Newsroom Archive cannot open the archive at\n{folder}")
    box.setInformativeText(message)
    box.exec()


def ask_recover_first(parent: object, folder: str, message: str) -> bool:
    """At start-up, a damaged archive: offer "Recover…" (tests replace this)."""
    return ask_recover(parent, folder, message,  # type: ignore[arg-type]
                       fallback="Recover rebuilds it from what the database still holds and from the "
                                "stored originals; the damaged files are kept aside in quarantine/.")


def ask_load_samples(parent: object = None) -> bool:
    """Ask whether to import the sample articles into an empty archive (tests replace this)."""
    answer = QMessageBox.question(
        parent,  # type: ignore[arg-type]
        "Newsroom Archive",
        "This archive is empty.\n\nLoad the five sample articles?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def _parse(args: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="newsroom-archive", add_help=False)
    parser.add_argument("--archive", default=None)
    known, _rest = parser.parse_known_args(list(args))
    return known


def _application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "newsroom-archive", *argv])
    QApplication.setApplicationName(APPLICATION)
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationDisplayName(APPLICATION)
    QApplication.setApplicationVersion(__version__)
    QApplication.setWindowIcon(app_icon())
    # INI files under settings_dir(), which NEWSROOM_DATA_DIR redirects for tests and smoke runs.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir()))
    return app  # type: ignore[return-value]


def offer_samples(window: object, archive: Any) -> bool:
    """Once per archive, offer the samples to an empty one; True if an import was started."""
    # EXISTS stops at the first row; count(*) would scan 100,000 on the GUI thread at start-up.
    has_articles = archive.db.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0]
    if has_articles or archive.meta(SAMPLES_KEY):
        return False
    archive.set_meta(SAMPLES_KEY, True)
    if not ask_load_samples(window):
        return False
    window.import_paths([sample_articles_dir()])  # type: ignore[attr-defined]
    return True


def run_gui(args: list[str]) -> int:
    """Show the window at once, then open the archive off the GUI thread and fill it in.

    Opening an archive imports SQLite and the archive code (about 100 ms) and checks the
    database; doing that after the first paint keeps start-up close to a bare Qt window's."""
    options = _parse(args)
    app = _application(args)
    install_error_path(app)
    folder = str(resolve_archive_dir(options.archive))
    from .main_window import MainWindow

    window = MainWindow(None, folder=folder)
    failed: list[str] = []

    def cannot_open(reason: str) -> None:
        failed.append(reason)
        window.hide()
        show_open_error(folder, reason)
        app.exit(EXIT_CANNOT_OPEN)

    def damaged(reason: str) -> None:
        if not ask_recover_first(window, folder, reason):
            cannot_open(reason)
            return

        def recovered(report: Any) -> None:
            open_first(lambda archive: window.statusBar().showMessage(recovery_summary(report, folder), 30000))

        run_recovery(window, folder, recovered, cannot_open)

    def open_first(on_opened: Callable[[Any], object]) -> None:
        window.open_first_archive(folder, on_opened, cannot_open, damaged)

    window.show()
    QTimer.singleShot(0, lambda: open_first(lambda archive: offer_samples(window, archive)))
    status = app.exec()
    window.shutdown()
    uninstall_error_path()
    return EXIT_CANNOT_OPEN if failed else int(status)
