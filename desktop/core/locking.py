"""An advisory lock that keeps two running copies of the app from writing one archive.

SQLite alone would let two processes interleave imports, but Whoosh allows a single writer and
the originals folder has no transaction of its own, so one process owns an archive at a time.
The lock is an OS file lock (``fcntl.flock`` / ``msvcrt.locking``): the kernel drops it when
the process dies, even by SIGKILL, so a crash never leaves an archive locked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

__all__ = ["ArchiveLocked", "ArchiveLock"]


class ArchiveLocked(Exception):
    """Another running copy of Newsroom Archive has this archive open."""


class ArchiveLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
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
