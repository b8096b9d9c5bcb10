"""Facts about the project that the PyInstaller spec and the build scripts share.

Nothing here imports the app or PyInstaller, so the spec (run inside PyInstaller) and
``build.py`` (run by a plain Python) read the same name, version and resource list.
"""

from __future__ import annotations

import platform
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"
#: PyInstaller's work folder and everything the build makes (both are ignored by git).
WORK = ROOT / "build" / "packaging"
DIST = ROOT / "dist"

#: The command, the one-folder build's folder and the executable's name.
APP_ID = "newsroom-archive"
APP_NAME = "Newsroom Archive"
BUNDLE_ID = "org.newsroom-archive.NewsroomArchive"
DESCRIPTION = "A desktop archive manager for a newsroom's conflict-coverage files"
MAINTAINER = "Newsroom Archive developers <newsroom-archive@localhost>"

#: Files in resources/ that build the resources and are not needed by the app.
BUILD_ONLY_GLOBS = ("make_*.py", "build_*.py", "**/make_*.py", "**/build_*.py", "**/__pycache__/*")


def version() -> str:
    """The version in pyproject.toml (the one place it is written)."""
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def resource_files() -> list[Path]:
    """Every file of resources/ the app uses at run time (build scripts left out)."""
    skip = {p for pattern in BUILD_ONLY_GLOBS for p in RESOURCES.glob(pattern)}
    return sorted(p for p in RESOURCES.rglob("*") if p.is_file() and p not in skip)


def system() -> str:
    """``linux``, ``windows`` or ``macos``."""
    if sys.platform.startswith("linux"):
        return "linux"
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    raise SystemExit(f"building installers on {sys.platform} is not supported")


def machine() -> str:
    """``x86_64`` / ``arm64``, as the file names of the builds say it."""
    arch = platform.machine().lower()
    return {"amd64": "x86_64", "aarch64": "arm64"}.get(arch, arch)


def onefolder_dir() -> Path:
    """The one-folder build (on macOS the .app holds the same tree)."""
    return DIST / APP_ID


def app_bundle() -> Path:
    return DIST / f"{APP_NAME}.app"


def frozen_executable(base: Path | None = None) -> Path:
    """The executable of a one-folder build (or of the .app on macOS) under ``base``."""
    if system() == "macos":
        return (base or app_bundle()) / "Contents" / "MacOS" / APP_ID
    exe = APP_ID + (".exe" if system() == "windows" else "")
    return (base or onefolder_dir()) / exe
