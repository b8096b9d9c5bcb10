"""The archive's quarantine: where repairs and recovery put what they take away.

No repair deletes anything a reporter might need. What a repair removes (an original no
article uses, a partly written original, a damaged database, an altered original about to be
replaced) is *moved* into ``quarantine/<date time>-<why>/``, keeping its path inside the archive,
and listed in the repair's report. ``check`` reports what the quarantine holds; a reporter who is
satisfied deletes it by hand.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .layout import QUARANTINE_DIR, ensure_real_dir

__all__ = ["QuarantineEntry", "Quarantine", "quarantine_contents"]


@dataclass
class QuarantineEntry:
    folder: str  # e.g. "quarantine/2026-12-07_221500-repair"
    files: int
    bytes: int


class Quarantine:
    """One dated folder in ``quarantine/``, made on first use."""

    def __init__(self, archive_folder: Path, why: str) -> None:
        self.archive_folder = archive_folder
        stamp = time.strftime("%Y-%m-%d_%H%M%S")
        base = archive_folder / QUARANTINE_DIR / f"{stamp}-{why}"
        candidate, n = base, 1
        while candidate.exists():
            n += 1
            candidate = base.with_name(f"{base.name}-{n}")
        self.folder = candidate
        self.moved: list[str] = []

    def move(self, path: Path) -> str:
        """Move ``path`` (inside the archive) here, keeping its relative path; returns a line."""
        relative = path.relative_to(self.archive_folder)
        ensure_real_dir(self.archive_folder / QUARANTINE_DIR, self.archive_folder)
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        line = f"moved {relative} to {target.relative_to(self.archive_folder)}"
        self.moved.append(line)
        return line

    def move_all(self, paths: Iterable[Path]) -> list[str]:
        return [self.move(path) for path in paths]


def quarantine_contents(archive_folder: Path) -> list[QuarantineEntry]:
    """Each dated folder in the quarantine with how many files and bytes it holds."""
    root = archive_folder / QUARANTINE_DIR
    if root.is_symlink() or not root.is_dir():
        return []
    entries = []
    for folder in sorted(root.iterdir()):
        files = size = 0
        if folder.is_dir() and not folder.is_symlink():
            for dirpath, _dirs, names in os.walk(folder):
                for name in names:
                    files += 1
                    try:
                        size += os.lstat(os.path.join(dirpath, name)).st_size
                    except OSError:
                        pass
        else:
            files, size = 1, folder.lstat().st_size
        entries.append(QuarantineEntry(str(folder.relative_to(archive_folder)), files, size))
    return entries
