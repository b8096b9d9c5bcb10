"""The Linux packages: a ``.deb`` made with ``dpkg-deb`` and a ``.tar.gz`` of the one-folder build.

The .deb installs the one-folder build under ``/opt/newsroom-archive``, a launcher
``/usr/bin/newsroom-archive``, a menu entry in ``/usr/share/applications`` and the icon in the
hicolor theme (Debian's triggers refresh the menu and icon caches, so no maintainer scripts are
needed). Qt's plugins load the desktop's own display, font and D-Bus libraries, which the
spec leaves out of the bundle: ``Depends`` names them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import project

HERE = Path(__file__).resolve().parent
PREFIX = Path("opt") / project.APP_ID

#: System libraries the bundled Qt loads: xcb (X11) and Wayland platforms, EGL/GLX, fonts,
#: D-Bus (menus, portals, accessibility), GLib (Qt's event loop), the C/C++ runtimes.
#: "a | b" covers Ubuntu 24.04's 64-bit time_t renames.
DEPENDS = [
    "libc6 (>= 2.28)", "libstdc++6", "libgcc-s1", "libglib2.0-0t64 | libglib2.0-0",
    "libegl1", "libgl1", "libfontconfig1", "libfreetype6", "libdbus-1-3",
    "libx11-6", "libx11-xcb1", "libxcb1", "libxcb-cursor0", "libxcb-glx0", "libxcb-icccm4",
    "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0", "libxcb-render0", "libxcb-render-util0",
    "libxcb-shape0", "libxcb-shm0", "libxcb-sync1", "libxcb-util1", "libxcb-xfixes0",
    "libxcb-xkb1", "libxkbcommon0", "libxkbcommon-x11-0",
    "libwayland-client0", "libwayland-cursor0", "libwayland-egl1",
]
#: hicolor sizes installed from resources/icons/app-<size>.png (plus the SVG as "scalable").
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def deb_architecture() -> str:
    try:
        return subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True,
                              text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "arm64": "arm64"}.get(project.machine(), project.machine())


def _copy(src: Path, dest: Path, mode: int = 0o644) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    dest.chmod(mode)


def _normalise_modes(root: Path) -> None:
    """Directories 755, executables 755, everything else 644 (whatever the umask was)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def _installed_size_kib(root: Path) -> int:
    return sum((p.lstat().st_size + 1023) // 1024 for p in root.rglob("*") if not p.is_dir())


def stage(onefolder: Path, root: Path, version: str) -> Path:
    """Lay out the package's file tree under ``root`` (emptied first)."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(onefolder, root / PREFIX, symlinks=True)
    _copy(HERE / "newsroom-archive.sh", root / "usr" / "bin" / project.APP_ID, 0o755)
    applications = root / "usr" / "share" / "applications"
    _copy(HERE / "newsroom-archive.desktop", applications / f"{project.APP_ID}.desktop")
    icons = project.RESOURCES / "icons"
    hicolor = root / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        _copy(icons / f"app-{size}.png", hicolor / f"{size}x{size}" / "apps" / f"{project.APP_ID}.png")
    _copy(icons / "app.svg", hicolor / "scalable" / "apps" / f"{project.APP_ID}.svg")
    doc = root / "usr" / "share" / "doc" / project.APP_ID
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        f"{project.APP_NAME} {version}\nCopyright: {project.MAINTAINER}\n"
        "The bundled Python, Qt (LGPLv3) and libraries keep their own licences.\n", encoding="utf-8")
    _normalise_modes(root)
    control = root / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: {project.APP_ID}\n"
        f"Version: {version}\n"
        f"Architecture: {deb_architecture()}\n"
        f"Maintainer: {project.MAINTAINER}\n"
        f"Installed-Size: {_installed_size_kib(root)}\n"
        f"Depends: {', '.join(DEPENDS)}\n"
        "Section: text\n"
        "Priority: optional\n"
        f"Description: {project.DESCRIPTION}\n"
        " Import article files, search them in full text, tag the people, armed groups,\n"
        " places and weapons in them, link related stories and export Word briefings.\n"
        " Everything stays on the computer: no network calls, no telemetry.\n",
        encoding="utf-8")
    _normalise_modes(root / "DEBIAN")
    return root


def build_deb(onefolder: Path, out_dir: Path, version: str, *, work: Path) -> Path:
    """``<out_dir>/newsroom-archive_<version>_<arch>.deb`` (xz-compressed), via dpkg-deb."""
    root = stage(onefolder, work / "deb-root", version)
    out = out_dir / f"{project.APP_ID}_{version}_{deb_architecture()}.deb"
    out.unlink(missing_ok=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(out)],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    shutil.rmtree(root)
    return out


def build_tarball(onefolder: Path, out_dir: Path, version: str) -> Path:
    """``<out_dir>/newsroom-archive-<version>-linux-<machine>.tar.gz`` holding ``newsroom-archive/``."""
    out = out_dir / f"{project.APP_ID}-{version}-linux-{project.machine()}.tar.gz"

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(onefolder, arcname=project.APP_ID, filter=owned_by_root)
    return out
