"""The app's log file: where an unexpected error is written down so that it is never lost.

The Windows build has no console and a reporter rarely reads a terminal, so every run (window or
command line) appends to a rotating log in the platform's log folder (``NEWSROOM_DATA_DIR``
redirects it for tests and smoke runs, like the rest of the user's data). Error dialogs and CLI
messages point at this file, so a help desk can ask for it.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from platformdirs import user_log_path

from .paths import APP_NAME, DATA_ENV

__all__ = ["LOG_NAME", "log_dir", "log_file", "setup_logging"]

#: File name of the current log; older ones get ``.1`` ... ``.4`` appended by the rotation.
LOG_NAME = "newsroom-archive.log"
#: One file stays small enough to attach to an e-mail; five keep weeks of ordinary use.
_MAX_BYTES = 1024 * 1024
_BACKUPS = 4
_FORMAT = "%(asctime)s %(process)d %(threadName)s %(levelname)s %(name)s: %(message)s"

_handler: logging.Handler | None = None


def log_dir() -> Path:
    """``<data dir>/logs`` under ``$NEWSROOM_DATA_DIR``, else the platform's user log folder."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser() / "logs"
    return user_log_path(APP_NAME, appauthor=False)


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.WARNING) -> Path | None:
    """Send warnings and errors of this process to the rotating log; returns its path.

    Idempotent. If the log folder cannot be written (read-only home, full disk) the app runs
    on without a file rather than failing to start; ``None`` says so.
    """
    global _handler
    path = log_file()
    root = logging.getLogger()
    if _handler is not None:
        if getattr(_handler, "baseFilename", None) == str(path):
            return path
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level > level:
        root.setLevel(level)
    _handler = handler
    return path
