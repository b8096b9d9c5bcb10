"""Two versions of a story side by side, with what changed marked.

:func:`~desktop.core.related.near_duplicates.diff_versions` aligns the texts by sentence, then by
word inside changed sentences; here each side's spans get a background: text only in the left
version (deleted), only in the right (inserted), or reworded (replaced). The colours come from the
palette's lightness, like :mod:`desktop.ui.theme`, so they read in a dark theme too, and the legend
uses the same formats. The two views scroll together, proportionally: a cut is shorter, so line
for line would drift apart. Offsets are converted to QTextDocument's UTF-16 positions.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QPlainTextEdit, QWidget

from ...core.related.near_duplicates import DiffOp
from ..theme import is_dark

__all__ = ["CompareDialog", "diff_colors"]


def diff_colors(palette: QPalette) -> dict[str, QColor]:
    """Background of each kind of difference: "delete" (left only), "insert" (right only),
    "replace" (both sides), chosen for >= 4.5 contrast with the palette's text."""
    if is_dark(palette):
        return {"delete": QColor("#5c2328"), "insert": QColor("#1f4a26"), "replace": QColor("#4d3d00")}
    return {"delete": QColor("#fde2e4"), "insert": QColor("#dcf5dc"), "replace": QColor("#fff1c2")}


def _utf16(text: str) -> list[int]:
    """Position in QTextDocument of each Python offset (characters beyond U+FFFF count twice)."""
    out, pos = [], 0
    for ch in text:
        out.append(pos)
        pos += 2 if ord(ch) > 0xFFFF else 1
    out.append(pos)
    return out


class CompareDialog(QDialog):
    """``CompareDialog(left, right, ops)``: ``left``/``right`` are (title, text) of the two versions."""

    def __init__(self, left: tuple[str, str], right: tuple[str, str], ops: list[DiffOp],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle("Compare versions")
        self.ops = ops
        #: The texts as given: the views' toPlainText() turns no-break spaces into spaces.
        self.texts = (left[1], right[1])
        self.left = self._text_view(left[1], "compareLeft")
        self.right = self._text_view(right[1], "compareRight")
        self.left_title = QLabel(left[0], self)
        self.right_title = QLabel(right[0], self)
        for label in (self.left_title, self.right_title):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.legend = QLabel(self)
        self.legend.setObjectName("compareLegend")
        self.summary = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        grid = QGridLayout(self)
        grid.addWidget(self.left_title, 0, 0)
        grid.addWidget(self.right_title, 0, 1)
        grid.addWidget(self.left, 1, 0)
        grid.addWidget(self.right, 1, 1)
        grid.addWidget(self.legend, 2, 0)
        grid.addWidget(self.summary, 2, 1)
        grid.addWidget(buttons, 3, 0, 1, 2)
        grid.setRowStretch(1, 1)
        self._syncing = False
        self.left.verticalScrollBar().valueChanged.connect(lambda _v: self._sync(self.left, self.right))
        self.right.verticalScrollBar().valueChanged.connect(lambda _v: self._sync(self.right, self.left))
        self.resize(1000, 640)
        self._paint()

    def _text_view(self, text: str, name: str) -> QPlainTextEdit:
        view = QPlainTextEdit(self)
        view.setObjectName(name)
        view.setReadOnly(True)
        view.setPlainText(text)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        return view

    def _paint(self) -> None:
        colors = diff_colors(self.palette())
        text_color = self.palette().color(QPalette.ColorRole.Text)
        left_text, right_text = self.texts
        left_pos, right_pos = _utf16(left_text), _utf16(right_text)
        self.marked: dict[str, list[tuple[str, tuple[int, int]]]] = {"left": [], "right": []}
        for view, key, positions, text in ((self.left, "left", left_pos, left_text),
                                           (self.right, "right", right_pos, right_text)):
            cursor = QTextCursor(view.document())
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.setCharFormat(QTextCharFormat())
            for op in self.ops:
                if op.op == "equal" or (key == "left" and op.op == "insert") or (key == "right" and op.op == "delete"):
                    continue
                start, end = op.a_span if key == "left" else op.b_span
                start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
                if start >= end:
                    continue
                fmt = QTextCharFormat()
                fmt.setBackground(colors[op.op])
                fmt.setForeground(text_color)
                cursor.setPosition(positions[start])
                cursor.setPosition(positions[end], QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(fmt)
                self.marked[key].append((op.op, (start, end)))
        swatch = '<span style="background:{bg}; color:{fg};">&nbsp;{text}&nbsp;</span>'
        fg = text_color.name()
        self.legend.setText(" ".join(swatch.format(bg=colors[k].name(), fg=fg, text=t) for k, t in
                                     (("delete", "only on the left"), ("insert", "only on the right"),
                                      ("replace", "reworded"))))
        changed = sum(1 for op in self.ops if op.op != "equal")
        self.summary.setText(f"{changed} difference{'s' if changed != 1 else ''}" if changed
                             else "The texts say the same thing.")

    def _sync(self, source: QPlainTextEdit, target: QPlainTextEdit) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            bar, other = source.verticalScrollBar(), target.verticalScrollBar()
            share = bar.value() / bar.maximum() if bar.maximum() else 0.0
            other.setValue(round(share * other.maximum()))
        finally:
            self._syncing = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "marked"):
            self._paint()  # light <-> dark: the marks follow
