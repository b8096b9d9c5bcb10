"""What the briefing widgets need from the window, as one small object (like the entity widgets'
:class:`~desktop.ui.entities.context.EntityContext`), so they can be tested and reused from an
entity page or a thread view without knowing the main window.

Settings keys live here too, so the dialog, the template chooser and the window agree on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices

if TYPE_CHECKING:
    from ...core.archive import Archive

__all__ = [
    "AUTHOR_KEY", "FOLDER_KEY", "OPEN_WHEN_DONE_KEY", "SUGGESTED_KEY", "TEMPLATE_KEY", "BriefingServices",
    "open_with_system",
]

#: A desk's own Word template (a .docx path); empty or absent: the built-in house template.
TEMPLATE_KEY = "briefing/template"
#: The author last typed, offered for the next briefing.
AUTHOR_KEY = "briefing/author"
#: The folder of the last export.
FOLDER_KEY = "briefing/folder"
#: "Open when done" as last left.
OPEN_WHEN_DONE_KEY = "briefing/open_when_done"
#: "Include suggested entities too" as last left.
SUGGESTED_KEY = "briefing/suggested_entities"

#: ``run(fn, on_done, on_error=None)``: ``fn()`` off the GUI thread, then ``on_done(result)`` or
#: ``on_error(message)`` in it (without ``on_error`` the window shows the message).
Runner = Callable[..., None]


def open_with_system(path: Path) -> bool:
    """Hand a local file to the desktop's default application."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


@dataclass
class BriefingServices:
    """The window's services for briefing widgets."""

    #: The archive the stories and drafts come from.
    archive: Archive
    #: ``run_read(fn, on_done, on_error=None)``: a read off the GUI thread (see :data:`Runner`).
    run_read: Runner
    #: ``run_write(fn, on_done, on_error=None)``: the same on the window's one writer thread.
    run_write: Runner
    #: The app's settings (template, author, "Open when done").
    settings: QSettings
    #: The stories selected in the results, for "Add selected stories".
    selected_ids: Callable[[], list[int]] = list
    #: Open a file with the system's application (the window passes the reader's, which tests replace).
    launch_file: Callable[[Path], bool] = open_with_system

    def template(self) -> str | None:
        """The desk's template path, or None for the built-in one."""
        value = self.settings.value(TEMPLATE_KEY, "", type=str)
        return value or None
