"""Icons from ``resources/icons``: ``icon(name)`` -> QIcon, right for the palette and any DPI.

Action icons are SVGs drawn on a 24 px grid with their outlines in :data:`INK`; they are
exported as PNGs at 16-64 px (``<name>-<size>.png``, made by ``resources/icons/make_icons.py``),
which a light palette uses as they are (loading QtSvg and rendering cost 50 ms of start-up);
under a dark palette they are rendered from the SVG with QtSvg, the outline recoloured to the
palette's text colour. If a file is missing a QStyle standard icon stands in, so a broken
install never shows blanks.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from ..core.paths import resources_dir
from . import theme

__all__ = ["ACTION_ICONS", "APP_ICON", "app_icon", "icon", "icons_dir"]

#: The outline colour in the action SVGs (replaced under a dark palette).
INK = "#2d3440"
APP_ICON = "app"
#: Action icon names and the QStyle icon used when the file is missing.
ACTION_ICONS: dict[str, QStyle.StandardPixmap] = {
    "import": QStyle.StandardPixmap.SP_DialogOpenButton,
    "open-archive": QStyle.StandardPixmap.SP_DirOpenIcon,
    "search": QStyle.StandardPixmap.SP_FileDialogContentsView,
    "needs-review": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "delete": QStyle.StandardPixmap.SP_TrashIcon,
    "undo": QStyle.StandardPixmap.SP_ArrowBack,
    "edit": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    APP_ICON: QStyle.StandardPixmap.SP_ComputerIcon,
}
#: Pixel sizes rendered from an SVG (up to 4x a 32 px toolbar icon for high-DPI screens).
RENDER_SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128)
APP_SIZES = (16, 32, 48, 64, 128, 256, 512)


def icons_dir() -> Path:
    return resources_dir() / "icons"


def render_svg_image(data: bytes, size: int) -> QImage | None:
    """An SVG drawn at ``size`` x ``size`` pixels, or None if Qt cannot read it."""
    try:
        from PySide6.QtSvg import QSvgRenderer
    except ImportError:  # pragma: no cover - QtSvg ships with PySide6-Essentials
        return None
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        return None
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def _render_svg(data: bytes, sizes: tuple[int, ...]) -> QIcon:
    result = QIcon()
    for size in sizes:
        image = render_svg_image(data, size)
        if image is None:
            return QIcon()
        result.addPixmap(QPixmap.fromImage(image))
    return result


def _from_pngs(name: str) -> QIcon:
    result = QIcon()
    for path in sorted(icons_dir().glob(f"{name}-*.png")):
        result.addFile(str(path))
    return result


@lru_cache(maxsize=64)
def _icon(name: str, ink: str) -> QIcon:
    svg = icons_dir() / f"{name}.svg"
    if name == APP_ICON:
        found = _from_pngs(name)  # hand-checked exports at the sizes desktops ask for
        if found.isNull() and svg.is_file():
            found = _render_svg(svg.read_bytes(), APP_SIZES)
    else:
        found = QIcon()
        if ink == INK:  # the committed exports: no SVG renderer to load before the first paint
            found = _from_pngs(name)
        if found.isNull() and svg.is_file():
            found = _render_svg(svg.read_bytes().replace(INK.encode(), ink.encode()), RENDER_SIZES)
        if found.isNull():
            found = _from_pngs(name)
    if found.isNull():
        style = QApplication.style() if QApplication.instance() is not None else None
        if style is not None:
            found = style.standardIcon(ACTION_ICONS.get(name, QStyle.StandardPixmap.SP_FileIcon))
    return found


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """The icon ``name`` (e.g. ``"import"``) for ``palette`` (default: the application's)."""
    if palette is None:
        palette = QGuiApplication.palette()
    ink = palette.color(QPalette.ColorRole.WindowText).name() if theme.is_dark(palette) else INK
    return QIcon(_icon(name, ink))


def app_icon() -> QIcon:
    return icon(APP_ICON)
