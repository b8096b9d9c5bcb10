"""Expand the files and folders a reporter dropped into the list of files to import.

Folders are walked recursively in a stable (sorted) order, skipping hidden entries, operating
system clutter and editors' lock files, and never following symbolic links to folders (a link
loop would otherwise never end). Files inside folders that are not a supported format are
listed as skipped so the report accounts for every file; a file named explicitly is always
tried, so its reason ("unsupported file type") reaches the reporter.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .formats import SUPPORTED_EXTENSIONS

__all__ = ["Candidate", "discover", "display_path"]

#: Names that operating systems and office suites scatter in folders.
_SYSTEM_NAMES = frozenset(
    {"thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r", "__macosx", "$recycle.bin",
     "system volume information", "lost+found"}
)


@dataclass(frozen=True)
class Candidate:
    path: Path
    #: Set when discovery already knows the file will not be imported (e.g. ``.jpg`` in a folder).
    skip_reason: str | None = None
    #: Set when the reporter named something that cannot be imported (a path that does not exist).
    failure: str | None = None


def display_path(path: Path | str) -> str:
    """A file name safe to show and store: undecodable bytes become U+FFFD, controls are escaped."""
    text = os.fsdecode(path) if not isinstance(path, str) else path
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _is_hidden_or_system(name: str) -> bool:
    lowered = name.lower()
    return (
        name.startswith(".")
        or name.startswith("~$")  # Word's lock file beside an open document
        or lowered in _SYSTEM_NAMES
        or lowered.endswith((".tmp", ".part", ".crdownload"))
    )


def _walk(folder: Path) -> list[Candidate]:
    found: list[Candidate] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        return [Candidate(folder, f"cannot read folder: {exc.strerror or exc}")]
    for entry in entries:
        if _is_hidden_or_system(entry.name):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                found.extend(_walk(path))
                continue
            if entry.is_symlink() and entry.is_dir():
                continue  # links to folders are not followed
        except OSError:
            pass
        if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
            found.append(Candidate(path, f"skipped: not an article format ({path.suffix or 'no extension'})"))
        else:
            found.append(Candidate(path))
    return found


def discover(paths: list[str | os.PathLike[str]]) -> list[Candidate]:
    """Every file to consider, in order, each once."""
    seen: set[Path] = set()
    result: list[Candidate] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = _walk(path)
        elif not path.exists() and not path.is_symlink():
            candidates = [Candidate(path, failure="no such file or folder")]
        else:
            candidates = [Candidate(path)]
        for candidate in candidates:
            key = candidate.path.absolute()
            if key not in seen:
                seen.add(key)
                result.append(candidate)
    return result
