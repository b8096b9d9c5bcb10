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

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
APP_SIZES = (16, 32, 48, 64, 128, 256, 512)
ACTION_SIZES = (16, 24, 32, 48, 64)
ACTIONS = ("import", "open-archive", "search", "needs-review", "delete", "undo", "edit")


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg.read_bytes()))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
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
