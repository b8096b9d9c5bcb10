"""Word briefings in the main window: the Briefing menu, new briefings from the selected stories,
the drafts list and the template choice.

A mixin of :class:`desktop.ui.main_window.MainWindow`, like :mod:`~desktop.ui.window_entities`.
The dialogs (:mod:`desktop.ui.briefing`) get a :class:`~desktop.ui.briefing.BriefingServices`
and never the window, so an entity page or a thread view can start a briefing through
:meth:`BriefingMixin.new_briefing` with its own story ids.

Ctrl+B takes the stories selected in the results. With none selected it takes the whole result
list when that is short enough to be a briefing (:data:`ALL_RESULTS_LIMIT`); a longer list asks
for a selection instead of laying out hundreds of stories nobody chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from .briefing.services import AUTHOR_KEY, BriefingServices

if TYPE_CHECKING:  # the dialogs load python-docx: imported when first opened, after first paint
    from .briefing.dialog import BriefingDialog
    from .briefing.drafts import DraftsDialog
    from .briefing.template_choice import TemplateDialog

__all__ = ["ALL_RESULTS_LIMIT", "BriefingMixin"]

#: With nothing selected, Ctrl+B takes all the results if there are at most this many.
ALL_RESULTS_LIMIT = 50


def _show_raised(dialog: QWidget) -> None:
    """Show a dialog, or bring an open one to the front (raising a new one is not needed)."""
    if dialog.isVisible():
        dialog.raise_()
        dialog.activateWindow()
    else:
        dialog.show()


class BriefingMixin:
    """Needs the window's archive, settings, ``_run``, the pools, ``selected_ids`` and ``reader``;
    build with :meth:`_build_briefing` after the other menus (the menu goes before Help)."""

    def _build_briefing(self) -> None:
        self.briefing_dialogs: list[BriefingDialog] = []
        self.briefing_drafts_dialog: DraftsDialog | None = None
        self.briefing_template_dialog: TemplateDialog | None = None
        menu = QMenu("&Briefing", self)
        help_menu = next((a for a in self.menuBar().actions() if a.text().replace("&", "") == "Help"), None)
        if help_menu is not None:
            self.menuBar().insertMenu(help_menu, menu)
        else:
            self.menuBar().addMenu(menu)
        self.briefing_menu = menu
        self.new_briefing_action = QAction("&New briefing from selected stories\u2026", self)
        self.new_briefing_action.setShortcut("Ctrl+B")
        self.new_briefing_action.setToolTip("Lay out the selected stories as a Word briefing")
        self.new_briefing_action.triggered.connect(self.new_briefing_from_selection)
        self.briefing_drafts_action = QAction("Briefing &drafts\u2026", self)
        self.briefing_drafts_action.triggered.connect(self.show_briefing_drafts)
        self.briefing_template_action = QAction("Briefing &template\u2026", self)
        self.briefing_template_action.setToolTip("Use a desk's own Word template for briefings")
        self.briefing_template_action.triggered.connect(self.choose_briefing_template)
        menu.addAction(self.new_briefing_action)
        menu.addAction(self.briefing_drafts_action)
        menu.addSeparator()
        menu.addAction(self.briefing_template_action)
        self.archive_switched.connect(lambda _folder: self._rebind_briefings())

    def briefing_services(self) -> BriefingServices:
        """What the briefing dialogs use of this window (the current archive)."""

        def run_read(fn: Any, on_done: Any, on_error: Any = None) -> None:
            self._run(self._search_pool, fn, on_done, on_error)

        def run_write(fn: Any, on_done: Any, on_error: Any = None) -> None:
            self._run(self._writer_pool, fn, on_done, on_error)

        def launch(path: Path) -> bool:
            launcher = getattr(self.reader, "launch_file", None)
            if launcher is not None:
                return bool(launcher(path))
            from .briefing.services import open_with_system

            return open_with_system(path)

        return BriefingServices(archive=self.archive, run_read=run_read, run_write=run_write,
                                settings=self.settings, selected_ids=self.selected_ids, launch_file=launch)

    # -- commands ----------------------------------------------------------------------------

    def new_briefing(self, article_ids: Sequence[int], *, title: str = "") -> BriefingDialog | None:
        """Open a briefing dialog on these stories, in this order (read off the GUI thread; the
        dialog emits ``loaded`` when they are in). None when there are no stories."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            self.statusBar().showMessage("Select the stories for the briefing first.", 6000)
            return None
        from ..core.briefing.model import Briefing

        author = self.settings.value(AUTHOR_KEY, "", type=str)
        dialog = self._briefing_dialog(Briefing(title=title, author=author), None)
        dialog.load_articles(ids, title=title)
        return dialog

    def new_briefing_from_selection(self) -> BriefingDialog | None:
        """Ctrl+B: the selected stories; with none selected, all the results if they are few."""
        ids = self.selected_ids()
        if not ids and self._last is not None:
            results = list(self._last.ids)
            if len(results) > ALL_RESULTS_LIMIT:
                self.statusBar().showMessage(
                    f"Select the stories for the briefing (the results hold {len(results):,}; "
                    f"with nothing selected a briefing takes all of them only up to {ALL_RESULTS_LIMIT}).", 8000)
                return None
            ids = results
        return self.new_briefing(ids)

    def open_briefing_draft(self, draft_id: int) -> BriefingDialog | None:
        """Reopen a draft (raising its dialog if it is already open); read off the GUI thread."""
        for dialog in self.briefing_dialogs:
            if dialog.draft_id == draft_id:
                _show_raised(dialog)
                return dialog
        from ..core.briefing.from_archive import load_draft
        from ..core.briefing.model import Briefing

        dialog = self._briefing_dialog(Briefing(title=""), draft_id)
        archive = self.archive

        def done(briefing: Briefing | None) -> None:
            if briefing is None:
                dialog._end_loading("This draft no longer exists.")
                return
            dialog.set_briefing(briefing, dirty=False)
            dialog._end_loading(f"Draft \u201c{briefing.title or 'Untitled briefing'}\u201d opened.")

        dialog._begin_loading("Opening the draft\u2026")
        self._run(self._search_pool, lambda: load_draft(archive, draft_id), done,
                  lambda message: dialog._end_loading(f"The draft could not be read: {message}"))
        return dialog

    def _briefing_dialog(self, briefing: Any, draft_id: int | None) -> BriefingDialog:
        from .briefing.dialog import BriefingDialog

        dialog = BriefingDialog(self.briefing_services(), briefing, draft_id=draft_id, parent=self)
        self.briefing_dialogs.append(dialog)
        dialog.finished.connect(lambda _r: self._briefing_closed(dialog))
        dialog.draft_saved.connect(lambda _id: self._drafts_changed())
        dialog.show()
        return dialog

    def _briefing_closed(self, dialog: BriefingDialog) -> None:
        author = dialog.form.author_edit.text().strip()
        if author:
            self.settings.setValue(AUTHOR_KEY, author)
        if dialog in self.briefing_dialogs:
            self.briefing_dialogs.remove(dialog)

    def _drafts_changed(self) -> None:
        if self.briefing_drafts_dialog is not None and self.briefing_drafts_dialog.isVisible():
            self.briefing_drafts_dialog.reload()

    def show_briefing_drafts(self) -> DraftsDialog:
        """The drafts kept in this archive: open or delete them."""
        if self.briefing_drafts_dialog is None:
            from .briefing.drafts import DraftsDialog

            self.briefing_drafts_dialog = DraftsDialog(self.briefing_services(), self)
            self.briefing_drafts_dialog.open_requested.connect(self.open_briefing_draft)
        else:
            self.briefing_drafts_dialog.reload()
        _show_raised(self.briefing_drafts_dialog)
        return self.briefing_drafts_dialog

    def choose_briefing_template(self) -> TemplateDialog:
        """Choose the Word template briefings are laid out with (checked before it is kept)."""
        if self.briefing_template_dialog is None:
            from .briefing.template_choice import TemplateDialog

            self.briefing_template_dialog = TemplateDialog(self.briefing_services(), self)
        _show_raised(self.briefing_template_dialog)
        return self.briefing_template_dialog

    def _rebind_briefings(self) -> None:
        """After an archive switch (the old archive is already closed): open briefings stay open,
        since a briefing holds its stories' text and exports without the archive; their drafts
        are now kept in the archive that is open. The drafts list showed the old archive's: closed."""
        services = self.briefing_services()
        for dialog in self.briefing_dialogs:
            dialog.services = services
            dialog.stories_pane.add_button.setEnabled(False)
            dialog.stories_pane.add_button.setToolTip("These stories come from another archive")
        if self.briefing_drafts_dialog is not None:
            self.briefing_drafts_dialog.close()
            self.briefing_drafts_dialog = None
        if self.briefing_template_dialog is not None:
            self.briefing_template_dialog.services = services

    def _stop_briefings(self) -> None:
        """For shutdown: stop any export (no file is left) and wait for its thread."""
        for dialog in list(getattr(self, "briefing_dialogs", [])):
            dialog.progress.stop_and_wait()
