"""Recognising a full disk, so an import stops with a report instead of a traceback.

A full disk shows up in several guises: ``ENOSPC`` from writing an original, ``EDQUOT`` when a
quota is reached, ``EFBIG`` past a file-size limit, and SQLite's "database or disk is full"
(which SQLite answers by rolling the transaction back itself, so the ``ROLLBACK`` that follows
fails and hides the first error as its context). :func:`is_disk_full` sees through all of them.
"""

from __future__ import annotations

import errno
import sqlite3

__all__ = ["DiskFull", "is_disk_full"]

#: Errors that mean the disk (or the user's quota, or the file size limit) is full.
_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class DiskFull(Exception):
    """The disk filled up while storing a file; the batch must stop."""


def is_disk_full(exc: BaseException | None) -> bool:
    """True for ENOSPC-like errors and SQLite's "database or disk is full", also when another
    error was raised while handling one (SQLite rolls back by itself, so a later ROLLBACK fails)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, DiskFull):
            return True
        if isinstance(exc, OSError) and exc.errno in _DISK_FULL_ERRNOS:
            return True
        if isinstance(exc, sqlite3.Error) and (
                getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
                or "database or disk is full" in str(exc)):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False
