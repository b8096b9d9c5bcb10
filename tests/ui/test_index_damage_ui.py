"""A search in the window that meets a damaged index (bits flipped in one word's postings, which
the quick status check at open does not read) says so, rebuilds the index from the archive in
the background, and then shows the right stories (issue 13, case 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from desktop.core.archive import Archive
from desktop.ui.main_window import MainWindow

from ..core.damage_kit import scramble_postings


def test_a_search_that_meets_a_damaged_index_rebuilds_it_and_answers(
        qtbot, tmp_path: Path, seeded_template: Path, settings: QSettings) -> None:
    folder = tmp_path / "archive"
    shutil.copytree(seeded_template, folder, ignore=shutil.ignore_patterns("archive.lock"))
    with Archive.open(folder) as archive:
        expected = sorted(r[0] for r in archive.db.execute(
            "SELECT id FROM articles WHERE lower(body) LIKE '%iraq%'"))
    scramble_postings(folder, "iraq")
    archive = Archive.open(folder)
    window = MainWindow(archive, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 5, timeout=30000)
    notes: list[str] = []
    window.search_bar.edit.clear()
    qtbot.keyClicks(window.search_bar.edit, "iraq")
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: (notes.append(window.message_text()) or True) and "damaged" in window.message_text(),
                    timeout=30000)
    qtbot.waitUntil(lambda: sorted(window.model.ids()) == expected and not window.search_running(), timeout=60000)
    assert expected, "the seeds mention Iraq"
    window.shutdown()
    archive.close()
