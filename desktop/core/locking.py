"""An advisory lock that keeps two running copies of the app from writing one archive.

SQLite alone would let two processes interleave imports, but Whoosh allows a single writer and
the originals folder has no transaction of its own, so one process owns an archive at a time.
The lock is an OS file lock (``fcntl.flock`` / ``msvcrt.locking``): the kernel drops it when
the process dies, even by SIGKILL, so a crash never leaves an archive locked.

The lock file is opened without following links and must be a regular file: a received archive
whose ``archive.lock`` links to another file must not get that file truncated. A folder where
the lock cannot be created at all (read-only media, no write permission) raises
:class:`ArchiveReadOnly`, so callers can open the archive read-only instead.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import IO

from .layout import UnsafeArchive
from .store import NotAnArchive

__all__ = ["ArchiveLocked", "ArchiveLock", "ArchiveReadOnly"]


class ArchiveLocked(Exception):
    """Another running copy of Newsroom Archive has this archive open."""


class ArchiveReadOnly(NotAnArchive):
    """The archive folder cannot be written (read-only media or no permission)."""


def _open_no_follow(path: Path) -> IO[str]:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NONBLOCK", 0)  # a FIFO planted as the lock must not block the open
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeArchive(
                f"the archive at {path.parent} cannot be opened safely: {path.name} is a symbolic "
                "link; nothing has been changed. Remove the link and open the archive again."
            ) from exc
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise ArchiveReadOnly(
                f"the archive folder {path.parent} is read-only ({exc.strerror}): it can be "
                "searched and read, but not changed"
            ) from exc
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise UnsafeArchive(
            f"the archive at {path.parent} cannot be opened safely: {path.name} is not a regular "
            "file; nothing has been changed. Remove it and open the archive again."
        )
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "r+", encoding="utf-8")


class ArchiveLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = _open_no_follow(self.path)  # held until release()
        try:
            if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.close()
            raise ArchiveLocked(
                f"the archive at {self.path.parent} is open in another running copy of "
                "Newsroom Archive; close it there first"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            if sys.platform == "win32":  # pragma: no cover
                import msvcrt

                self._handle.seek(0)
                msvcrt.locking(self._handle.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
        finally:
            self._handle.close()
            self._handle = None
