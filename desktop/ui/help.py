"""Help menu contents: the query syntax window, the keyboard shortcuts and the About box.

The shortcuts list is read from the window's real QActions (and the reader's hit buttons), so it
cannot drift from what the keys actually do; only keys that belong to Qt widgets themselves
(arrows, Enter, Esc in the search box) are written out here.
"""

from __future__ import annotations

import html
import platform
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.search.query_help import QUERY_HELP
from .icons import app_icon

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["about_box", "about_text", "query_help_dialog", "shortcut_rows", "shortcuts_dialog"]


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
    from importlib import metadata  # 25 ms of import: only when About is opened

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


def _keys(shortcuts: list[QKeySequence]) -> str:
    return " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in shortcuts if not k.isEmpty())


def shortcut_rows(window: MainWindow) -> list[tuple[str, str, str]]:
    """(group, what it does, keys) for every keyboard shortcut of the window."""
    def action(name: str) -> str:
        found: QAction | None = getattr(window, name, None)
        return _keys(found.shortcuts()) if found is not None else ""

    reader = window.reader
    next_button, prev_button = getattr(reader, "next_button", None), getattr(reader, "prev_button", None)
    rows = [
        ("Search", "Go to the search box", action("find_action")),
        ("Search", "Clear the search", QKeySequence(Qt.Key.Key_Escape).toString(QKeySequence.SequenceFormat.NativeText)),
        ("Search", "Search now (and remember the query)", "Enter"),
        ("Results", "Move through the results", "\u2191 / \u2193, Page Up / Page Down"),
        ("Results", "Open the story", "Enter"),
        ("Results", "Copy the selected stories as citations", action("copy_action")),
        ("Results", "Select all results", action("select_all_action")),
        ("Results", "New briefing from the selected stories", action("new_briefing_action")),
        ("Reader", "Tag the selected words as an entity", action("tag_action")),
        ("Reader", "Link this story to another", action("link_story_action")),
        ("Results", "Edit metadata", action("edit_metadata_action")),
        ("Results", "Delete the selected stories", action("delete_action")),
        ("Results", "Undo the last edit or delete", action("undo_action")),
    ]
    if next_button is not None and prev_button is not None:
        rows += [
            ("Reader", "Next hit", _keys([next_button.shortcut()])),
            ("Reader", "Previous hit", _keys([prev_button.shortcut()])),
        ]
    rows += [
        ("Reader", "Copy the selected text", _keys([QKeySequence(QKeySequence.StandardKey.Copy)])),
        ("Archive", "Import files", action("import_files_action")),
        ("Archive", "Open an archive", action("open_archive_action")),
        ("Help", "Query syntax", action("query_help_action")),
        ("Help", "Keyboard shortcuts", action("shortcuts_action")),
    ]
    return [row for row in rows if row[2]]


def shortcuts_dialog(window: MainWindow) -> QDialog:
    """A non-modal window listing :func:`shortcut_rows`; deletes on close."""
    dialog = QDialog(window)
    dialog.setObjectName("shortcutsDialog")
    dialog.setWindowTitle("Keyboard shortcuts")
    tree = QTreeWidget(dialog)
    tree.setObjectName("shortcutsList")
    tree.setColumnCount(2)
    tree.setHeaderLabels(["Action", "Keys"])
    tree.setRootIsDecorated(False)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    tree.setAlternatingRowColors(True)
    tree.setStyleSheet("QTreeView::item { padding: 3px 0px; }")  # a little air between the lines
    groups: dict[str, QTreeWidgetItem] = {}
    for group, what, keys in shortcut_rows(window):
        if group not in groups:
            heading = QTreeWidgetItem(tree, [group, ""])
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFirstColumnSpanned(True)
            groups[group] = heading
        QTreeWidgetItem(tree, ["    " + what, keys])
    header = tree.header()
    header.setStretchLastSection(True)
    tree.resizeColumnToContents(0)
    tree.resizeColumnToContents(1)
    header.resizeSection(0, header.sectionSize(0) + 32)  # a clear gap before the keys
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(tree)
    layout.addWidget(buttons)
    rows = tree.topLevelItemCount()
    row_height = tree.sizeHintForRow(0) if rows else 24
    height = rows * row_height + header.sizeHint().height() + buttons.sizeHint().height() + 48
    width = header.sectionSize(0) + tree.sizeHintForColumn(1) + 64
    dialog.resize(max(520, width), min(720, height))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


def about_box(parent: QWidget, folder: str | Path) -> QMessageBox:
    """The About box, with the application icon; shown with ``open()`` by the caller."""
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle("About Newsroom Archive")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text(folder))
    box.setIconPixmap(app_icon().pixmap(64, 64))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
