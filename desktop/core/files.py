"""Small facts about files and processes that several parts of the archive need alike: a file's
SHA-256 read in chunks (originals can be 50 MB), and whether the process that left a leftover
(``index/building-<pid>``, ``name.docx.<pid>-….part``) is still running."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

__all__ = ["file_sha256", "process_alive"]


def file_sha256(path: Path) -> str:
    """SHA-256 of the file's bytes, read 1 MB at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def process_alive(pid: int | None) -> bool:
    """Whether a process with this id runs (this process counts: its own work is in progress)."""
    if pid is None:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True
