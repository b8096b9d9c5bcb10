"""Fixtures for GUI tests: throwaway QSettings, an archive holding the five seeds, a window.

Settings never touch the real profile: QSettings' INI user path points into ``tmp_path`` and the
window is handed its own INI file.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.core.archive import Archive
from desktop.core.operations import import_and_index


@pytest.fixture(autouse=True)
def _private_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No GUI test may read or write the user's settings or default archive."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    monkeypatch.setenv("NEWSROOM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("NEWSROOM_ARCHIVE", raising=False)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """The five seeds imported and indexed once; each test gets a copy."""
    folder = tmp_path_factory.mktemp("template") / "archive"
    with Archive.open(folder) as archive:
        report = import_and_index(archive, [seeds_dir], durable=False)
        assert archive.count() == 5, report
    return folder


@pytest.fixture
def archive(tmp_path: Path, seeded_template: Path) -> Iterator[Archive]:
    folder = tmp_path / "archive"
    shutil.copytree(seeded_template, folder, ignore=shutil.ignore_patterns("archive.lock"))
    opened = Archive.open(folder)
    yield opened
    opened.close()


@pytest.fixture
def empty_archive(tmp_path: Path) -> Iterator[Archive]:
    opened = Archive.open(tmp_path / "empty")
    yield opened
    opened.close()


def _open_window(qtbot, archive: Archive, settings: QSettings):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(archive, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window._index_is_ready and window._last is not None, timeout=20000)
    return window


@pytest.fixture
def make_window(qtbot, settings: QSettings):
    """``make_window(archive)`` -> a shown MainWindow whose first search has finished."""
    opened = []

    def make(archive: Archive, window_settings: QSettings | None = None):
        window = _open_window(qtbot, archive, window_settings or settings)
        opened.append(window)
        return window

    yield make
    for window in opened:
        window.shutdown()
        window.close()


@pytest.fixture
def window(make_window, archive: Archive):
    return make_window(archive)


@pytest.fixture
def screenshot_dir() -> Path | None:
    folder = os.environ.get("SCREENSHOT_DIR")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def make_dark_palette():
    """A dark palette like a desktop's dark theme (Fusion's roles, dark window, light text)."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#2f6db5",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Link: "#7fb2f0",
        QPalette.ColorRole.Light: "#505050",
        QPalette.ColorRole.Midlight: "#404040",
        QPalette.ColorRole.Mid: "#303030",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


@pytest.fixture
def dark_palette():
    return make_dark_palette()
