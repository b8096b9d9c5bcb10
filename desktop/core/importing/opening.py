"""Open a file to import without ever blocking, and without following links out of a folder.

``open(O_NONBLOCK)`` returns at once even for a FIFO without a writer or a device, and
``fstat`` on the open descriptor describes what was actually opened, so a file swapped for a
pipe after the folder was listed is refused here instead of blocking the import for ever.
Files found in a dropped folder are opened with ``O_NOFOLLOW``; a link found there is followed
only while it still leads inside the folder (unless :attr:`Limits.follow_outside_links`).
"""

from __future__ import annotations

import errno
import os
import stat

from .discover import OUTSIDE_LINK_REASON, Candidate, inside
from .limits import Limits, human_size
from .types import Rejected

__all__ = ["OpenedFile", "cannot_read"]


def cannot_read(exc: OSError) -> Rejected:
    """The reason a reporter reads for an error opening or reading a file."""
    if isinstance(exc, FileNotFoundError):
        return Rejected("file disappeared before it could be read")
    if isinstance(exc, PermissionError):
        return Rejected("permission denied: the file cannot be read")
    if isinstance(exc, IsADirectoryError):
        return Rejected("is a folder")
    if exc.errno == errno.ELOOP:
        return Rejected("the file was replaced by a link while being imported; not followed")
    if exc.errno in (errno.ENXIO, errno.ENODEV):
        return Rejected("not a regular file (a device, pipe or socket)")
    return Rejected(f"cannot read the file: {exc.strerror or exc}")


class OpenedFile:
    """A file opened for reading without blocking, checked on the open descriptor; raises
    :class:`Rejected` for a folder, a FIFO, a device, an empty or too large file."""

    def __init__(self, candidate: Candidate, limits: Limits) -> None:
        path = os.fspath(candidate.path)
        flags = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                 | getattr(os, "O_BINARY", 0))
        if candidate.root is not None:
            if candidate.link:  # a link when the folder was listed: see where it leads now
                path = os.path.realpath(path)
                if not limits.follow_outside_links and not inside(path, candidate.root):
                    raise Rejected(OUTSIDE_LINK_REASON.removeprefix("skipped: "))
            flags |= getattr(os, "O_NOFOLLOW", 0)
        try:
            self.fd = os.open(path, flags)
        except OSError as exc:
            raise cannot_read(exc) from None
        try:
            info = os.fstat(self.fd)
            if stat.S_ISDIR(info.st_mode):
                raise Rejected("is a folder")
            if not stat.S_ISREG(info.st_mode):
                raise Rejected("not a regular file (a device, pipe or socket)")
            if info.st_size == 0:
                raise Rejected("empty file")
            if info.st_size > limits.max_file_bytes:
                raise Rejected(f"file too large ({human_size(info.st_size)}; "
                               f"the limit is {human_size(limits.max_file_bytes)})")
        except BaseException:
            os.close(self.fd)
            raise
        self.size = info.st_size
        self.limits = limits
        self.data = b""

    def read(self, upto: int | None = None) -> bytes:
        """The file's first ``upto`` bytes (all of it, within the size limit, by default)."""
        limit = self.limits.max_file_bytes
        want = min(upto if upto is not None else limit + 1, limit + 1)
        chunks = [self.data]
        have = len(self.data)
        try:
            while have < want:
                # The size fstat gave, plus one byte to see the end; 64 KB at a time if it grows.
                chunk = os.read(self.fd, min(want - have, max(self.size - have + 1, 1 << 16), 16 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                have += len(chunk)
        except OSError as exc:
            raise cannot_read(exc) from None
        self.data = b"".join(chunks)
        if len(self.data) > limit:
            raise Rejected(f"file too large (it grew past {human_size(limit)} while being read)")
        if not self.data:
            raise Rejected("empty file (it was emptied while being read)")
        return self.data

    def close(self) -> None:
        os.close(self.fd)
