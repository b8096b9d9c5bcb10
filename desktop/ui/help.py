"""Help menu contents: the query syntax window and the About text."""

from __future__ import annotations

import html
import platform
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from .. import __version__
from ..core.search.query_help import QUERY_HELP

__all__ = ["about_text", "query_help_dialog"]


def query_help_dialog(parent: QWidget) -> QDialog:
    """A non-modal window with the query language help in a fixed-pitch font; deletes on close."""
    dialog = QDialog(parent)
    dialog.setObjectName("queryHelp")
    dialog.setWindowTitle("Query syntax")
    text = QPlainTextEdit(dialog)
    text.setReadOnly(True)
    text.setPlainText(QUERY_HELP)
    text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.resize(760, 560)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


def about_text(folder: str | Path) -> str:
    try:
        whoosh_version = metadata.version("whoosh-reloaded")
    except metadata.PackageNotFoundError:
        whoosh_version = "?"
    return (
        f"<b>Newsroom Archive</b> {__version__}<br>Archive: {html.escape(str(folder))}<br><br>"
        f"Python {platform.python_version()} \u00b7 Qt/PySide6 {PYSIDE_VERSION} \u00b7 "
        f"SQLite {sqlite3.sqlite_version} \u00b7 Whoosh {whoosh_version}<br>"
        f"{html.escape(sys.platform)}"
    )
