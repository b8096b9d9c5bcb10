"""Default locations, with overrides so tests and smoke runs never touch a real profile.

Order of precedence for the archive folder: an explicit ``--archive DIR``, then the
``NEWSROOM_ARCHIVE`` environment variable, then ``<user data dir>/archive`` from platformdirs
(e.g. ``~/.local/share/NewsroomArchive/archive`` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

__all__ = [
    "APP_NAME",
    "ARCHIVE_ENV",
    "default_archive_dir",
    "resolve_archive_dir",
    "resources_dir",
    "sample_articles_dir",
    "settings_dir",
]

APP_NAME = "NewsroomArchive"
#: Environment variable naming the archive folder to use instead of the default.
ARCHIVE_ENV = "NEWSROOM_ARCHIVE"
#: Environment variable naming a folder for the user's data (tests point it at a temp dir).
DATA_ENV = "NEWSROOM_DATA_DIR"


def _data_root() -> Path:
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_path(APP_NAME, appauthor=False)


def default_archive_dir() -> Path:
    """The archive a reporter gets without asking for one."""
    return _data_root() / "archive"


def settings_dir() -> Path:
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser() / "settings"
    return user_config_path(APP_NAME, appauthor=False)


def resolve_archive_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--archive`` beats ``$NEWSROOM_ARCHIVE`` beats the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ARCHIVE_ENV)
    if env:
        return Path(env).expanduser()
    return default_archive_dir()


def resources_dir() -> Path:
    """``resources/`` beside the package in a source tree, or bundled next to it when frozen."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "resources", here.parents[1] / "resources"):
        if candidate.is_dir():
            return candidate
    return here.parents[2] / "resources"


def sample_articles_dir() -> Path:
    return resources_dir() / "samples"
