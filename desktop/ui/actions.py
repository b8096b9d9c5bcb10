"""The main window's menus, toolbar and actions (File, Edit, Help), and the recent archives.

:func:`build_menus` only creates actions and connects them to the window's methods; what they
do lives in the window and in :mod:`desktop.ui.edit_commands`. Each action is kept as a window
attribute (``window.undo_action``...) so tests and other code trigger them directly, and the
Help > Keyboard shortcuts list is read from them. Icons come from :mod:`desktop.ui.icons`;
:func:`apply_icons` sets them again when the palette turns light or dark.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QToolBar

from .clipboard import copy_citations
from .icons import app_icon, icon

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = [
    "RECENT_ARCHIVES_KEY",
    "RECENT_LIMIT",
    "apply_icons",
    "build_menus",
    "recent_archives",
    "remember_archive",
]

#: Archives listed under File > Open recent.
RECENT_LIMIT = 8
RECENT_ARCHIVES_KEY = "archives/recent"


def recent_archives(settings: QSettings) -> list[str]:
    """Most recent first. Stored as JSON: QSettings turns a one-item list into a string."""
    raw = settings.value(RECENT_ARCHIVES_KEY, "[]")
    try:
        values = json.loads(raw) if isinstance(raw, str) else []
    except ValueError:
        values = []
    return [v for v in values if isinstance(v, str)][:RECENT_LIMIT]


def remember_archive(settings: QSettings, folder: str | Path) -> list[str]:
    folder = str(folder)
    recent = [folder] + [f for f in recent_archives(settings) if f != folder]
    recent = recent[:RECENT_LIMIT]
    settings.setValue(RECENT_ARCHIVES_KEY, json.dumps(recent))
    return recent


def _action(window: MainWindow, text: str, slot: object, shortcut: object = None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
    return action


def build_menus(window: MainWindow) -> None:
    """Create the menu bar of ``window``."""
    w = window
    file_menu = w.menuBar().addMenu("&File")
    w.new_archive_action = _action(w, "&New archive\u2026", w.new_archive_dialog)
    w.open_archive_action = _action(w, "&Open archive\u2026", w.open_archive_dialog, QKeySequence.StandardKey.Open)
    w.recent_menu = file_menu.addMenu("Open &recent")
    w.recent_menu.setObjectName("recentMenu")
    w.import_files_action = _action(w, "&Import files\u2026", w._choose_files, "Ctrl+I")
    w.import_folder_action = _action(w, "Import &folder\u2026", w._choose_folder)
    quit_action = _action(w, "&Quit", w.close, QKeySequence.StandardKey.Quit)
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    file_menu.insertActions(w.recent_menu.menuAction(), [w.new_archive_action, w.open_archive_action])
    file_menu.addSeparator()
    file_menu.addActions([w.import_files_action, w.import_folder_action])
    from .cleanup_dialog import start_cleanup  # issue 14: re-read imported stories with learned rules

    w.cleanup_action = _action(w, "Clean &up imported stories…", lambda: start_cleanup(w))
    w.cleanup_action.setToolTip("Re-read stored originals with the site lines and rules learned since; "
                                "shows what would change first")
    file_menu.addAction(w.cleanup_action)
    file_menu.addSeparator()
    file_menu.addAction(quit_action)
    refresh_recent_menu(w)

    edits = w.edits
    edit_menu = w.menuBar().addMenu("&Edit")
    w.undo_action = _action(w, "&Undo", edits.undo, QKeySequence.StandardKey.Undo)
    w.undo_action.setEnabled(False)
    w.edit_metadata_action = _action(w, "&Edit metadata\u2026", edits.edit_metadata, "Ctrl+E")
    w.delete_action = _action(w, "&Delete", edits.delete_selected, QKeySequence.StandardKey.Delete)
    # Del belongs to the results list: in the search box it must still delete characters.
    w.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    w.table.addAction(w.delete_action)
    w.empty_trash_action = _action(w, "Empty &trash\u2026", edits.empty_trash)
    # Ctrl+C / Ctrl+A belong to the results list too: the reader and search box keep their own.
    w.copy_action = _action(w, "&Copy as citations", lambda: copy_citations(w), QKeySequence.StandardKey.Copy)
    w.copy_action.setToolTip("Copy the selected stories as citation lines")
    w.select_all_action = _action(w, "Select &all", w.table.selectAll, QKeySequence.StandardKey.SelectAll)
    for action in (w.copy_action, w.select_all_action):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        w.table.addAction(action)
    edit_menu.addAction(w.undo_action)
    edit_menu.addSeparator()
    edit_menu.addActions([w.copy_action, w.select_all_action])
    edit_menu.addSeparator()
    edit_menu.addActions([w.edit_metadata_action, w.delete_action])
    edit_menu.addSeparator()
    edit_menu.addAction(w.empty_trash_action)
    edits.changed.connect(lambda: update_edit_actions(w))
    w.table.selectionModel().selectionChanged.connect(lambda *_: update_edit_actions(w))
    w.model.modelReset.connect(lambda: update_edit_actions(w))
    update_edit_actions(w)

    find_action = _action(w, "&Find", w.search_bar.focus, QKeySequence.StandardKey.Find)
    find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    w.addAction(find_action)
    w.find_action = find_action

    help_menu = w.menuBar().addMenu("&Help")
    w.query_help_action = _action(w, "&Query syntax", w.show_query_help, QKeySequence.StandardKey.HelpContents)
    w.shortcuts_action = _action(w, "&Keyboard shortcuts", w.show_shortcuts, "Ctrl+/")
    about_action = _action(w, "&About Newsroom Archive", w.show_about)
    about_action.setMenuRole(QAction.MenuRole.AboutRole)
    help_menu.addActions([w.query_help_action, w.shortcuts_action])
    help_menu.addSeparator()
    help_menu.addAction(about_action)
    w.about_action = about_action
    _build_toolbar(w)
    apply_icons(w)


def _build_toolbar(window: MainWindow) -> None:
    """Icon buttons for the common commands, left of the search strip."""
    toolbar = QToolBar("Archive", window)
    toolbar.setObjectName("archiveToolbar")  # saveState() needs a name
    toolbar.setMovable(False)
    toolbar.addActions([window.import_files_action, window.open_archive_action])
    toolbar.addSeparator()
    toolbar.addActions([window.edit_metadata_action, window.delete_action, window.undo_action])
    window.insertToolBar(window.toolbar, toolbar)
    window.archive_toolbar = toolbar
    for action in toolbar.actions():
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if not action.isSeparator():
            action.setToolTip(action.text().replace("&", "").rstrip("\u2026") + (f" ({shortcut})" if shortcut else ""))


#: Action attribute -> icon name.
ACTION_ICONS = {
    "import_files_action": "import",
    "import_folder_action": "import",
    "open_archive_action": "open-archive",
    "find_action": "search",
    "edit_metadata_action": "edit",
    "delete_action": "delete",
    "undo_action": "undo",
}


def apply_icons(window: MainWindow) -> None:
    """Icons for the actions, the search box and the review toggle, for the window's palette."""
    palette = window.palette()
    window.setWindowIcon(app_icon())
    for name, icon_name in ACTION_ICONS.items():
        action = getattr(window, name, None)
        if action is not None:
            action.setIcon(icon(icon_name, palette))
    window.review_button.setIcon(icon("needs-review", palette))
    window.review_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    edit = window.search_bar.edit
    search_icon = getattr(window, "_search_icon_action", None)
    if search_icon is None:
        window._search_icon_action = edit.addAction(icon("search", palette), QLineEdit.ActionPosition.LeadingPosition)
    else:
        search_icon.setIcon(icon("search", palette))


def update_edit_actions(window: MainWindow) -> None:
    """Enable the Edit actions that can act now, and name what Undo would undo."""
    selected = len(window.selected_ids())
    window.undo_action.setText(window.edits.undo_text())
    window.undo_action.setEnabled(window.edits.can_undo())
    window.edit_metadata_action.setEnabled(window.current_id() is not None)
    window.delete_action.setEnabled(selected > 0)
    window.delete_action.setText(f"&Delete {selected} stories" if selected > 1 else "&Delete")
    copy_action = getattr(window, "copy_action", None)
    if copy_action is not None:
        copy_action.setEnabled(selected > 0)


def refresh_recent_menu(window: MainWindow) -> None:
    menu = window.recent_menu
    menu.clear()
    current = str(window.archive.folder) if window.archive is not None else ""
    for folder in recent_archives(window.settings):
        action = menu.addAction(folder)
        action.setEnabled(folder != current)
        action.triggered.connect(lambda _checked=False, f=folder: window.open_archive_folder(f))
    menu.setEnabled(bool(menu.actions()))
