"""The macOS disk image: ``hdiutil`` packs the .app beside a link to /Applications.

The .app itself is PyInstaller's BUNDLE step in the spec (Info.plist with the name, version and
icon). It is ad-hoc signed only: without a Developer ID signature and notarisation, Gatekeeper
asks the reporter to open it with right-click > Open the first time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import project


def build_dmg(app: Path, out_dir: Path, version: str, *, work: Path) -> Path:
    """``<out_dir>/newsroom-archive-<version>-macos-<machine>.dmg`` (compressed, read-only)."""
    staging = work / "dmg"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    shutil.copytree(app, staging / app.name, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    out = out_dir / f"{project.APP_ID}-{version}-macos-{project.machine()}.dmg"
    out.unlink(missing_ok=True)
    subprocess.run(["hdiutil", "create", "-volname", f"{project.APP_NAME} {version}", "-srcfolder",
                    str(staging), "-fs", "HFS+", "-format", "UDZO", "-ov", str(out)], check=True)
    shutil.rmtree(staging)
    return out


@contextmanager
def mounted(dmg: Path, mountpoint: Path) -> Iterator[Path]:
    """The disk image attached read-only at ``mountpoint`` (detached afterwards)."""
    mountpoint.mkdir(parents=True, exist_ok=True)
    subprocess.run(["hdiutil", "attach", "-nobrowse", "-readonly", "-mountpoint", str(mountpoint), str(dmg)],
                   check=True, stdout=subprocess.DEVNULL)
    try:
        yield mountpoint
    finally:
        subprocess.run(["hdiutil", "detach", str(mountpoint), "-force"], check=False)


if __name__ == "__main__":  # by hand: python packaging/macos/dmg.py "dist/Newsroom Archive.app"
    made = build_dmg(Path(sys.argv[1]), project.DIST, project.version(), work=project.WORK)
    print(made)
