"""The archive folder's own paths, and refusing a folder whose paths lead outside it.

Archive folders travel (a colleague's copy, a backup, a USB stick). A received folder whose
``originals/.incoming`` is a symbolic link to another folder, or whose ``archive.lock`` links to
some other file, would make the app delete or overwrite files outside the archive the moment it
opened. So before anything is opened or written, every path the app uses inside the folder is
looked at *without following links*: it must be missing (it is then created) or a real file or
folder of the expected kind. Anything else refuses the whole archive with a message that names
the path; nothing is changed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .store import NotAnArchive

__all__ = [
    "DB_NAME", "INDEX_DIR", "LOCK_NAME", "ORIGINALS_DIR", "QUARANTINE_DIR", "TMP_DIR", "TRASH_DIR",
    "UnsafeArchive", "check_layout", "ensure_real_dir",
]

DB_NAME = "archive.db"
ORIGINALS_DIR = "originals"
INDEX_DIR = "index"
LOCK_NAME = "archive.lock"
#: Where originals are written before being renamed into place; emptied on open.
TMP_DIR = ".incoming"
#: Where repairs put what they take away, in a dated folder each, instead of deleting it.
QUARANTINE_DIR = "quarantine"
#: Where deleting a story moves its original until the trash is emptied (desktop.core.editing).
TRASH_DIR = "trash"

#: Paths the app opens or writes, relative to the archive folder, and whether each is a folder.
_OWN_PATHS: tuple[tuple[str, bool], ...] = (
    (DB_NAME, False),
    (f"{DB_NAME}-wal", False),
    (f"{DB_NAME}-shm", False),
    (f"{DB_NAME}-journal", False),
    (LOCK_NAME, False),
    (ORIGINALS_DIR, True),
    (f"{ORIGINALS_DIR}/{TMP_DIR}", True),
    (INDEX_DIR, True),
    (QUARANTINE_DIR, True),
    (TRASH_DIR, True),
)


class UnsafeArchive(NotAnArchive):
    """A path inside the archive folder is a link or of the wrong kind; opening could reach outside."""


def _refusal(folder: Path, relative: str, what: str) -> UnsafeArchive:
    return UnsafeArchive(
        f"the archive at {folder} cannot be opened safely: {relative} {what}. An archive folder "
        "must hold its own files, and writing through a link could change files outside it; "
        "nothing has been changed. Replace the link with the real file or folder (or remove it) "
        "and open the archive again."
    )


def _kind(folder: Path, relative: str, want_dir: bool) -> None:
    path = folder / relative
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        return  # its parent is a file: reported for the parent
    if stat.S_ISLNK(info.st_mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        raise _refusal(folder, relative, f"is a symbolic link (to {target})")
    if want_dir and not stat.S_ISDIR(info.st_mode):
        raise _refusal(folder, relative, "should be a folder but is not")
    if not want_dir and not stat.S_ISREG(info.st_mode):
        raise _refusal(folder, relative, "should be a regular file but is not (a folder, pipe or device)")


def check_layout(folder: Path) -> None:
    """Raise :class:`UnsafeArchive` unless every path the app uses in ``folder`` is its own.

    Also looks at the entries of ``originals/`` and ``index/`` (a few hundred at most: the
    shard folders and the index's own folders), since originals and the index are written there.
    """
    for relative, want_dir in _OWN_PATHS:
        _kind(folder, relative, want_dir)
    for parent in (ORIGINALS_DIR, INDEX_DIR):
        try:
            entries = list(os.scandir(folder / parent))
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                raise _refusal(folder, f"{parent}/{entry.name}",
                               f"is a symbolic link (to {os.readlink(entry.path)})")


def ensure_real_dir(path: Path, folder: Path) -> Path:
    """``path`` as a real folder (made if missing); refuses a link planted since opening."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        path.mkdir(parents=True, exist_ok=True)
        info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise _refusal(folder, str(path.relative_to(folder)), "is not a real folder (a link or a file)")
    return path
