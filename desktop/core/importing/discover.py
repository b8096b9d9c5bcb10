"""Expand the files and folders a reporter dropped into the list of files to import.

Folders are walked recursively in a stable (sorted) order, skipping hidden entries, operating
system clutter and editors' lock files, and never following symbolic links to folders (a link
loop would otherwise never end). Files inside folders that are not a supported format are
listed as skipped so the report accounts for every file; a file named explicitly is always
tried, so its reason ("unsupported file type") reaches the reporter.

A dropped folder may come from anywhere (a USB stick, a colleague's zip): a link inside it that
leads to a file outside it (``passwd.txt -> /etc/passwd``) is listed as skipped with that reason,
unless :attr:`Limits.follow_outside_links` allows it; links that stay inside the folder are
read. A file or link named explicitly is the reporter's own choice and is followed. An archive's
own ``originals`` folder (files named by their SHA-256, without extensions) is recognised and
reported once, pointing to ``newsroom-archive recover``, instead of 200 unexplained skips.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .formats import SUPPORTED_EXTENSIONS

__all__ = ["Candidate", "ORIGINALS_FOLDER_REASON", "OUTSIDE_LINK_REASON", "discover", "display_path",
           "inside"]

#: Names that operating systems and office suites scatter in folders.
_SYSTEM_NAMES = frozenset(
    {"thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r", "__macosx", "$recycle.bin",
     "system volume information", "lost+found"}
)


#: Why an archive's originals folder is not walked like any other folder.
ORIGINALS_FOLDER_REASON = (
    "skipped: this is an archive's originals folder (files named by their SHA-256); "
    "use `newsroom-archive recover` to rebuild an archive from it")
OUTSIDE_LINK_REASON = "skipped: link to a file outside the dropped folder"
_SHARD_RE = re.compile(r"^[0-9a-f]{2}$")
_HASH_NAME_RE = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Candidate:
    path: Path
    #: Set when discovery already knows the file will not be imported (e.g. ``.jpg`` in a folder).
    skip_reason: str | None = None
    #: Set when the reporter named something that cannot be imported (a path that does not exist).
    failure: str | None = None
    #: The dropped folder the file was found in (None when the file was named explicitly):
    #: the file is read without following links, or, when it is a link, only to inside here.
    root: Path | None = None
    #: The entry was a symbolic link (to a file inside ``root``) when the folder was walked.
    link: bool = False


def inside(target: str, root: Path) -> bool:
    """True when the real path ``target`` lies within the real path of ``root``."""
    base = os.path.realpath(root)
    return target == base or target.startswith(base.rstrip(os.sep) + os.sep)


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


def _is_originals_folder(folder: Path, entries: list[os.DirEntry[str]]) -> bool:
    """An archive's ``originals``: two-hex-digit shard folders holding files named by SHA-256."""
    shards = [e for e in entries if _SHARD_RE.match(e.name) and e.is_dir(follow_symlinks=False)]
    if not shards or len(shards) < len([e for e in entries if not e.name.startswith(".")]):
        return False
    try:
        names = [e.name for e in os.scandir(shards[0].path)]
    except OSError:
        return False
    return bool(names) and all(_HASH_NAME_RE.match(n) and n.startswith(shards[0].name) for n in names[:20])


def _walk(folder: Path, root: Path, follow_outside_links: bool) -> list[Candidate]:
    found: list[Candidate] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        return [Candidate(folder, f"cannot read folder: {exc.strerror or exc}", root=root)]
    if _is_originals_folder(folder, entries):
        return [Candidate(folder, ORIGINALS_FOLDER_REASON, root=root)]
    for entry in entries:
        if _is_hidden_or_system(entry.name):
            continue
        path = Path(entry.path)
        link = False
        try:
            if entry.is_dir(follow_symlinks=False):
                found.extend(_walk(path, root, follow_outside_links))
                continue
            link = entry.is_symlink()
            if link and entry.is_dir():
                continue  # links to folders are not followed
        except OSError:
            pass
        if link and not follow_outside_links and not inside(os.path.realpath(path), root):
            found.append(Candidate(path, OUTSIDE_LINK_REASON, root=root, link=True))
        elif path.suffix.lower() not in SUPPORTED_EXTENSIONS and path.suffix:
            reason = f"skipped: not an article format ({path.suffix})"
            found.append(Candidate(path, reason, root=root, link=link))
        else:
            # Without an extension the bytes decide (see the pipeline); otherwise a reader will.
            found.append(Candidate(path, root=root, link=link))
    return found


def discover(paths: list[str | os.PathLike[str]], *, follow_outside_links: bool = False) -> list[Candidate]:
    """Every file to consider, in order, each once."""
    seen: set[Path] = set()
    result: list[Candidate] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = _walk(path, path, follow_outside_links)
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
