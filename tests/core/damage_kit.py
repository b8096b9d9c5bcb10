"""Building damaged and hostile archives for the safety and recovery tests, the way a disk, a
bad copy or a received folder damages them: real archives made by the real CLI, then bytes
changed on disk."""

from __future__ import annotations

import ctypes
import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

#: Linux capabilities that let root ignore file permissions (see capabilities(7)).
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER, _CAP_LINUX_IMMUTABLE = 1, 2, 3, 9
_PR_CAPBSET_DROP = 24


def cli(env: dict[str, str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    def runner(*args: str, preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                              timeout=600, env=env, preexec_fn=preexec)
    return runner


def originals(folder: Path) -> dict[str, bytes]:
    """Every stored original, by its path inside the archive, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted((folder / "originals").glob("??/*")) if p.is_file()}


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder`` (links not followed) with the bytes of each file."""
    found: dict[str, bytes | None] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            found[os.path.relpath(os.path.join(dirpath, name), folder)] = None
        for name in filenames:
            path = os.path.join(dirpath, name)
            found[os.path.relpath(path, folder)] = None if os.path.islink(path) else Path(path).read_bytes()
    return found


def drop_wal(folder: Path) -> None:
    """Checkpoint so archive.db holds everything (as after the app closed cleanly)."""
    import sqlite3

    conn = sqlite3.connect(folder / "archive.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        (folder / f"archive.db{suffix}").unlink(missing_ok=True)


def flip_table_pages(db: Path, table: str, every: int = 3) -> list[int]:
    """Flip the header of every ``every``-th leaf page of ``table`` (found with SQLite's dbstat);
    returns the damaged page numbers."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", [table])]
    finally:
        conn.close()
    hit = pages[1::every]
    with open(db, "r+b") as handle:
        for page in hit:
            handle.seek((page - 1) * page_size)
            chunk = handle.read(16)
            handle.seek((page - 1) * page_size)
            handle.write(bytes(b ^ 0xFF for b in chunk))
    return hit


def plant_original(folder: Path, data: bytes) -> Path:
    """A file stored under its hash as the app stores originals, with no article."""
    digest = hashlib.sha256(data).hexdigest()
    path = folder / "originals" / digest[:2] / digest
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def drop_file_permission_override() -> None:
    """For a child process: make root obey file permissions, as any other user does.

    Tests run as root, where ``chmod a-w`` stops nothing. Dropping these capabilities from the
    bounding set before ``exec`` leaves the child without them, so it meets a read-only folder
    exactly as a reporter on read-only media does."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER, _CAP_LINUX_IMMUTABLE):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def set_writable(folder: Path, writable: bool) -> None:
    """``chmod -R a-w`` (or back to ``u+w``) on the archive folder."""
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            os.chmod(os.path.join(dirpath, name), 0o755 if writable else 0o555)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o644 if writable else 0o444)
    os.chmod(folder, 0o755 if writable else 0o555)


def scramble_postings(folder: Path, word: str) -> None:
    """Scramble only the posting list of ``word`` in the search index: counts stay right, the
    quick status check reads other words, and only a search for this word meets the damage."""
    from desktop.core.archive import Archive
    from desktop.core.search.index import SearchIndex

    with Archive.open(folder) as archive:
        index = SearchIndex(archive)
        spots = []
        for sub, _offset in index.open_index().reader().leaf_readers():
            info = sub.term_info("body", word)
            if info is not None and not info._inlined:
                length = info._length[0] if isinstance(info._length, tuple) else info._length
                spots.append((sub.segment().segid, info._offset, length))
        index.close()
    assert spots, f"{word!r} has no posting list of its own to damage"
    for segid, offset, length in spots:
        path = folder / "index" / "whoosh" / f"MAIN_{segid}.pst"
        data = bytearray(path.read_bytes())
        for i in range(offset + 8, offset + length, 7):
            data[i] ^= 0x5A
        path.write_bytes(bytes(data))
