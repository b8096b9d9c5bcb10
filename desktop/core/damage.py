"""Telling a damaged ``archive.db`` apart from a new one, before anything writes to it.

An archive's database can be emptied by a failing disk, cut short by a bad copy or have bits
flipped on old media. Opening such a file the way a new archive is opened would run the
migrations on it and leave an *empty* archive beside the reporter's originals, and every later
repair would then take those originals for leftovers. So opening looks first: the file's
header (SQLite's 100-byte header says how long the file must be), then whether the schema is
ours; anything wrong is :class:`ArchiveDamaged`, whose message says what is wrong and that
``newsroom-archive recover`` rebuilds the archive. Damage deeper in the file (a flipped bit in
one page) shows only when that page is read; :func:`is_damage_error` recognises SQLite's
errors for it so every command can give the same advice instead of a traceback.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .store import NotAnArchive

__all__ = [
    "ArchiveDamaged",
    "RECOVER_ADVICE",
    "count_stored_originals",
    "describe_db_damage",
    "damaged_message",
    "is_damage_error",
]

#: What to do about a damaged database; every message about damage ends with it.
RECOVER_ADVICE = (
    "Nothing has been changed. Run `newsroom-archive recover` (or Recover\u2026 in the app) to "
    "salvage what the database still holds and rebuild the rest from the stored originals."
)

_SQLITE_MAGIC = b"SQLite format 3\x00"

#: Fragments of SQLite's messages for a file whose pages cannot be trusted.
_DAMAGE_MESSAGES = (
    "malformed",
    "file is not a database",
    "file is encrypted or is not a database",
    "disk i/o error",
    "database corrupt",
    "could not decode",
    "unsupported file format",
)


class ArchiveDamaged(NotAnArchive):
    """The archive's database is missing, empty, cut short or unreadable; recovery can help."""


def is_damage_error(exc: BaseException) -> bool:
    """True for SQLite's errors that mean the database file itself is damaged."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    if getattr(exc, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR"):
        return True
    text = str(exc).lower()
    return any(fragment in text for fragment in _DAMAGE_MESSAGES)


def damaged_message(folder: Path, what: str) -> str:
    return f"the archive at {folder} is damaged: {what}. {RECOVER_ADVICE}"


def count_stored_originals(originals_dir: Path, *, stop_at: int = 1_000_000) -> int:
    """How many files sit in ``originals/``'s shard folders (symlinks not followed)."""
    count = 0
    try:
        shards = list(os.scandir(originals_dir))
    except OSError:
        return 0
    for shard in shards:
        if shard.name.startswith(".") or not shard.is_dir(follow_symlinks=False):
            continue
        try:
            with os.scandir(shard.path) as entries:
                count += sum(1 for entry in entries if entry.is_file(follow_symlinks=False))
        except OSError:
            continue
        if count >= stop_at:
            break
    return count


def describe_db_damage(db_path: Path) -> str | None:
    """What is wrong with the database file judged from its size and header, or None.

    Reads at most 100 bytes. An empty file is reported as damage; the caller decides whether
    an empty file beside no originals is just an archive whose creation was interrupted.
    """
    try:
        size = db_path.stat().st_size
        with open(db_path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        return f"{db_path.name} cannot be read ({exc.strerror or exc})"
    if size == 0:
        return f"{db_path.name} is empty (0 bytes)"
    if not header.startswith(_SQLITE_MAGIC):
        return f"{db_path.name} is not a readable SQLite database (its header is not SQLite's)"
    if len(header) < 100:
        return f"{db_path.name} is cut short ({size} bytes, less than one SQLite header)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"{db_path.name} is not a readable SQLite database (its header is damaged)"
    change_counter = header[24:28]
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[92:96] == change_counter and pages > 0
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        return None  # a checkpoint cut short is finished from the WAL: the size proves nothing
    if size % page_size:
        return f"{db_path.name} is cut short ({size:,} bytes, not a whole number of {page_size}-byte pages)"
    if header_valid and size < pages * page_size:
        return f"{db_path.name} is cut short ({size:,} of the {pages * page_size:,} bytes its header records)"
    return None
