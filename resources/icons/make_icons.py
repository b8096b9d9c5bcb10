"""Render the PNG (and .ico) exports of the SVG icons in this folder with Qt.

Run from the project root after editing an SVG::

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icons.py

The SVGs are the sources; the PNGs are committed so the app (and packaging) still has icons
where Qt's SVG support is missing. ``app-<size>.png`` at 16-512 px, ``<action>-<size>.png`` at
16-64 px, and ``app.ico`` for Windows builds.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QImage

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from desktop.ui.icons import render_svg_image  # noqa: E402
APP_SIZES = (16, 32, 48, 64, 128, 256, 512)
ACTION_SIZES = (16, 24, 32, 48, 64)
ACTIONS = ("import", "open-archive", "search", "needs-review", "delete", "undo", "edit")


def render(svg: Path, size: int) -> QImage:
    image = render_svg_image(svg.read_bytes(), size)
    if image is None:
        raise ValueError(f"{svg} is not a valid SVG")
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - needed by QImage text/fonts
    written = 0
    for size in APP_SIZES:
        written += render(HERE / "app.svg", size).save(str(HERE / f"app-{size}.png"))
    for name in ACTIONS:
        for size in ACTION_SIZES:
            written += render(HERE / f"{name}.svg", size).save(str(HERE / f"{name}-{size}.png"))
    # Windows wants one .ico with the usual sizes (Qt's ico writer stores the first image given).
    render(HERE / "app.svg", 256).save(str(HERE / "app.ico"))
    print(f"wrote {written} PNG files and app.ico to {HERE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
