"""Write a macOS ``.icns`` from the committed PNG exports of the app icon (no tools needed).

An .icns file is ``b"icns"`` + total length, then one ``type + length + PNG`` element per size;
macOS 10.7+ reads PNG data in all the types used here. Doing it in Python keeps the build the
same on every system (``iconutil`` exists only on macOS) and testable on Linux.
"""

from __future__ import annotations

import struct
from pathlib import Path

#: Element type -> pixel size of the PNG it holds (``ic11``-``ic14`` are the @2x variants).
ICNS_TYPES = {
    "icp4": 16, "icp5": 32, "icp6": 64, "ic07": 128, "ic08": 256, "ic09": 512,
    "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512,
}


def write_icns(icons_dir: Path, out: Path, *, stem: str = "app") -> Path:
    """``<stem>-<size>.png`` files from ``icons_dir`` -> ``out`` (sizes that are missing are skipped)."""
    elements = b""
    for kind, size in ICNS_TYPES.items():
        png = icons_dir / f"{stem}-{size}.png"
        if png.is_file():
            data = png.read_bytes()
            elements += kind.encode("ascii") + struct.pack(">I", len(data) + 8) + data
    if not elements:
        raise FileNotFoundError(f"no {stem}-<size>.png icons in {icons_dir}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"icns" + struct.pack(">I", len(elements) + 8) + elements)
    return out
