"""Colours that work in the current palette, light or dark.

The app follows the system palette (Qt 6 does by default); nothing in the ui hard-codes a colour
without asking here. Each helper takes the palette of the widget it paints for, so a widget given
its own palette (as the tests do) gets colours for that palette. Pairs are chosen so text on the
tinted backgrounds keeps a luminance contrast of at least 4.5 (WCAG AA) in both kinds of palette.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

__all__ = [
    "contrast",
    "current_hit_colors",
    "entity_mark_colors",
    "error_color",
    "failed_row_colors",
    "flag_colors",
    "hit_colors",
    "is_dark",
    "ok_color",
    "review_color",
]


def is_dark(palette: QPalette) -> bool:
    """True when the window background is darker than its text (a dark theme)."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightnessF() < text.lightnessF()


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _pick(palette: QPalette, light: str, dark: str) -> QColor:
    return QColor(dark if is_dark(palette) else light)


def hit_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """(text, background) of a search hit in the reader."""
    return (_pick(palette, "#000000", "#ffffff"), _pick(palette, "#fff2a8", "#5e4b00"))


def current_hit_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """(text, background) of the hit the reader is on."""
    return (_pick(palette, "#000000", "#000000"), _pick(palette, "#ffb84d", "#ffb84d"))


def entity_mark_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """(underline, background) of an entity's mentions marked in the reader."""
    return (_pick(palette, "#1565c0", "#90caf9"), _pick(palette, "#e3f0fd", "#16324f"))


def review_color(palette: QPalette) -> QColor:
    """Text colour of a "needs review" mark on the window background."""
    return _pick(palette, "#8a4d00", "#ffc266")


def flag_colors(palette: QPalette, kind: str) -> tuple[QColor, QColor, QColor]:
    """(mark text, field text, field background) for a "guessed" or "missing" field."""
    if kind == "missing":
        return (_pick(palette, "#a4262c", "#ff9ea3"), _pick(palette, "#000000", "#ffffff"),
                _pick(palette, "#fde7e9", "#4f2226"))
    return (_pick(palette, "#8a5a00", "#ffc266"), _pick(palette, "#000000", "#ffffff"),
            _pick(palette, "#fff4ce", "#4d3d00"))


def ok_color(palette: QPalette) -> QColor:
    """Text colour of an "edited" / "confirmed" mark."""
    return _pick(palette, "#107c10", "#7fd67f")


def error_color(palette: QPalette) -> QColor:
    return _pick(palette, "#a4262c", "#ff9ea3")


def failed_row_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """(text, background) of a failed file in the import report."""
    return (_pick(palette, "#a01010", "#ffb3b3"), _pick(palette, "#fde8e8", "#4a1f1f"))
