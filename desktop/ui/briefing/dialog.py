"""The briefing dialog: the stories in order, the title block and summary, what to include, a live
outline of the document, Save draft and Export to Word.

Non-modal, so a reporter can keep searching and add the stories selected in the results. The
dialog edits one :class:`~desktop.core.briefing.model.Briefing`: the stories live in a
:class:`~.models.StoriesModel`, everything else in the form; :meth:`BriefingDialog.briefing`
assembles the current state, and the outline is :func:`~desktop.core.briefing.model.
outline_entries` of it (the writer lays out exactly those headings), refreshed a moment after
each change. Reading stories from the archive happens on the window's read thread; drafts are
saved on its writer thread; the export runs on its own thread (:mod:`.export`).

Closing the dialog after changes keeps the work as a draft (like an unsent e-mail), so a briefing
is never lost to a stray click; Briefing > Briefing drafts... reopens it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.briefing.from_archive import briefing_from_articles, default_summary, save_draft, story_links
from ...core.briefing.model import Briefing, BriefingStory, outline_entries
from .export import ExportOutcome, ExportProgress, default_folder, suggested_name, with_docx_suffix
from .form import BriefingForm, StoriesPane
from .models import OutlineModel
from .services import FOLDER_KEY, OPEN_WHEN_DONE_KEY, SUGGESTED_KEY, BriefingServices

__all__ = ["BriefingDialog"]

#: Milliseconds between the last keystroke and the outline catching up.
OUTLINE_DELAY = 120


class BriefingDialog(QDialog):
    """One briefing being put together. Build with a :class:`Briefing` (a reopened draft, with
    its ``draft_id``) or empty, then :meth:`load_articles`."""

    #: The stories asked for have been read (also after "Add selected stories").
    loaded = Signal()
    #: A draft was saved: its id.
    draft_saved = Signal(int)
    #: An export ended: its :class:`ExportOutcome` (or a one-line message if the writer crashed).
    export_finished = Signal(object)

    def __init__(self, services: BriefingServices, briefing: Briefing | None = None, *, draft_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefingDialog")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.services = services
        self.draft_id = draft_id
        self.dirty = False
        self._loading = 0
        self._links = list(briefing.links) if briefing is not None else []
        self.problem_box: QMessageBox | None = None
        #: The summary as last filled in from the leads; while the text is still exactly that, it
        #: follows the stories (reordered, removed, added); once the reporter edits it, it is theirs.
        self._auto_summary: str | None = None

        self.stories_pane = StoriesPane(self)
        self.stories_model = self.stories_pane.model
        self.form = BriefingForm(self)
        self.outline_model = OutlineModel(self)
        self._outline_timer = QTimer(self)
        self._outline_timer.setSingleShot(True)
        self._outline_timer.setInterval(OUTLINE_DELAY)
        self._build()
        self.form.suggested_check.setChecked(services.settings.value(SUGGESTED_KEY, False, type=bool))
        self.open_when_done.setChecked(services.settings.value(OPEN_WHEN_DONE_KEY, True, type=bool))
        self.set_briefing(briefing or Briefing(title=""), dirty=False)

        self._outline_timer.timeout.connect(self.refresh_outline)
        self.form.changed.connect(self._changed)
        self.form.suggested_check.toggled.connect(self._suggested_toggled)
        self.form.leads_button.clicked.connect(self.use_leads)
        for signal in (self.stories_model.rowsMoved, self.stories_model.rowsRemoved, self.stories_model.rowsInserted):
            signal.connect(self._stories_changed)
        self.stories_model.modelReset.connect(self._changed)
        self.stories_pane.add_button.clicked.connect(self.add_selected_stories)
        self.resize(self.default_size())

    def _build(self) -> None:
        outline_view = self.form.outline_view
        outline_view.setModel(self.outline_model)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("briefingSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.stories_pane)
        splitter.addWidget(self.form.fields_pane)
        splitter.addWidget(self.form.include_pane)
        splitter.setSizes([360, 440, 360])
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 3)
        self.splitter = splitter

        self.progress = ExportProgress(self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("briefingStatus")
        self.open_when_done = QCheckBox("&Open when done", self)
        self.open_when_done.setToolTip("Open the Word document in the system's word processor after the export")
        self.save_button = QPushButton("&Save draft", self)
        self.save_button.setToolTip("Keep this briefing in the archive (Briefing \u25b8 Briefing drafts\u2026)")
        self.save_button.clicked.connect(self.save_draft)
        self.export_button = QPushButton("&Export to Word\u2026", self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.close_button = QPushButton("Close", self)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_draft)

        footer = QHBoxLayout()
        footer.addWidget(self.progress, 1)
        footer.addWidget(self.status_label, 1)
        footer.addWidget(self.open_when_done)
        footer.addWidget(self.save_button)
        footer.addWidget(self.export_button)
        footer.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(footer)

    def default_size(self) -> QSize:
        """1180 x 720, or what fits a smaller screen."""
        screen = self.screen()
        if screen is None:
            return QSize(1180, 720)
        available = screen.availableGeometry()
        return QSize(min(1180, available.width() - 60), min(720, available.height() - 80))

    # -- the briefing ------------------------------------------------------------------------

    def set_briefing(self, briefing: Briefing, *, dirty: bool = True) -> None:
        """Show ``briefing`` (stories, fields, options)."""
        self._links = list(briefing.links)
        self.form.set_briefing(briefing)
        self.stories_model.set_stories(briefing.stories)
        self._auto_summary = briefing.summary if briefing.summary == default_summary(briefing) else None
        self.refresh_outline()
        self._update_title()
        self.dirty = dirty

    def briefing(self) -> Briefing:
        """The briefing as it stands. Stories are shared, not copied: they are never changed in
        place, so this snapshot is safe to hand to a worker thread."""
        briefing = self.form.briefing()
        briefing.stories = self.stories_model.stories()
        briefing.links = list(self._links)
        return briefing

    def load_articles(self, article_ids: Sequence[int], *, title: str = "") -> None:
        """Read these stories (off the GUI thread) and start a briefing of them, in this order."""
        archive, ids = self.services.archive, list(article_ids)
        suggested = self.form.suggested_check.isChecked()
        author = self.form.author_edit.text()
        options = self.form.options()

        def work() -> Briefing:
            return briefing_from_articles(archive, ids, title=title, author=author, options=options,
                                          suggested_entities=suggested)

        def done(briefing: Briefing) -> None:
            self.set_briefing(briefing, dirty=False)
            self._end_loading(f"{len(briefing.stories):,} stor{'y' if len(briefing.stories) == 1 else 'ies'} read.")

        self._begin_loading(f"Reading {len(ids):,} stor{'y' if len(ids) == 1 else 'ies'}\u2026")
        self.services.run_read(work, done, self._read_failed)

    def add_stories(self, article_ids: Sequence[int]) -> None:
        """Append these stories (those not already in) at the end of the list."""
        have = set(self.stories_model.ids())
        new = [i for i in dict.fromkeys(article_ids) if i not in have]
        if not new:
            self.status_label.setText("Those stories are already in the briefing." if article_ids
                                      else "Select stories in the results first.")
            return
        archive, suggested = self.services.archive, self.form.suggested_check.isChecked()
        all_ids = self.stories_model.ids() + new

        def work() -> tuple[Briefing, list[Any]]:
            read = briefing_from_articles(archive, new, title="", summary="", suggested_entities=suggested)
            return read, story_links(archive, all_ids)

        def done(result: tuple[Briefing, list[Any]]) -> None:
            read, links = result
            added = self.stories_model.append(read.stories)
            self._links = links
            self._end_loading(f"{added:,} stor{'y' if added == 1 else 'ies'} added.")

        self._begin_loading(f"Reading {len(new):,} stor{'y' if len(new) == 1 else 'ies'}\u2026")
        self.services.run_read(work, done, self._read_failed)

    def add_selected_stories(self) -> None:
        self.add_stories(self.services.selected_ids())

    def use_leads(self) -> None:
        """Put the stories' leads in the summary, as one edit (Ctrl+Z brings the old text back)."""
        leads = default_summary(self.briefing())
        self.form.replace_summary(leads)
        self._auto_summary = leads

    def _stories_changed(self, *_args: Any) -> None:
        """An untouched summary of leads follows the stories' order."""
        if self._auto_summary is not None and self.form.summary_edit.toPlainText() == self._auto_summary:
            self.use_leads()
        self._changed()

    def _suggested_toggled(self, on: bool) -> None:
        """Entities are read per story when the list is built: read them again."""
        self.services.settings.setValue(SUGGESTED_KEY, on)
        ids = self.stories_model.ids()
        if not ids:
            return
        archive = self.services.archive

        def work() -> list[BriefingStory]:
            return briefing_from_articles(archive, ids, title="", summary="", suggested_entities=on).stories

        def done(stories: list[BriefingStory]) -> None:
            fresh = {s.article_id: s.entities for s in stories}
            self.stories_model.replace([replace(s, entities=fresh[s.article_id])
                                        for s in self.stories_model.stories() if s.article_id in fresh])
            self._changed()
            self._end_loading("Entities read again.")

        self._begin_loading("Reading entities\u2026")
        self.services.run_read(work, done, self._read_failed)

    def _begin_loading(self, text: str) -> None:
        self._loading += 1
        self.status_label.setText(text)
        self._update_buttons()

    def _read_failed(self, message: str) -> None:
        self._end_loading(f"The stories could not be read: {message}")

    def _end_loading(self, text: str) -> None:
        self._loading = max(0, self._loading - 1)
        self.status_label.setText(text)
        self._update_buttons()
        self.loaded.emit()

    @property
    def loading(self) -> bool:
        return self._loading > 0

    def _changed(self, *_args: Any) -> None:
        self.dirty = True
        self._outline_timer.start()
        self._update_buttons()
        self._update_title()

    def _update_title(self) -> None:
        title = self.form.title_edit.text().strip()
        self.setWindowTitle(f"Briefing \u2014 {title}" if title else "New briefing")

    def refresh_outline(self) -> None:
        """The outline now (it also refreshes itself a moment after each change)."""
        self._outline_timer.stop()
        briefing = self.briefing()
        entries = [(0, briefing.title.strip() or "Untitled briefing"), (1, "Contents")]
        self.outline_model.set_entries(entries + outline_entries(briefing))
        count = len(briefing.stories)
        self.stories_pane.count_label.setText(f"{count:,} stor{'y' if count == 1 else 'ies'}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.loading or self.progress.running
        has_stories = self.stories_model.rowCount() > 0
        self.export_button.setEnabled(not busy and has_stories)
        self.save_button.setEnabled(not self.loading)
        self.stories_pane.update_buttons()

    # -- drafts ------------------------------------------------------------------------------

    def save_draft(self, *, exported_to: str | None = None) -> None:
        """Keep the briefing in the archive (on the writer thread)."""
        if self.loading:
            return
        archive, briefing, draft_id = self.services.archive, self.briefing(), self.draft_id

        def done(saved_id: int) -> None:
            self.draft_id = saved_id
            if exported_to is None:
                self.status_label.setText(f"Draft saved at {datetime.now().strftime('%H:%M')}.")
            self.draft_saved.emit(saved_id)

        def failed(message: str) -> None:
            self.dirty = True
            self.status_label.setText(f"The draft could not be saved: {message}")

        self.dirty = False
        self.services.run_write(lambda: save_draft(archive, briefing, draft_id, exported_to=exported_to), done,
                                failed)

    # -- export ------------------------------------------------------------------------------

    def ask_save_path(self, suggested: Path) -> str:
        """Ask where to write the document (the OS file dialog; tests replace this)."""
        path, _filter = QFileDialog.getSaveFileName(self, "Export briefing to Word", str(suggested),
                                                    "Word document (*.docx)")
        return path

    def launch_file(self, path: Path) -> bool:
        """Open the exported document with the system's application (tests replace this)."""
        return self.services.launch_file(path)

    def export(self) -> bool:
        """Ask for a file name and write the document in the background; False if not started."""
        if self.progress.running or self.loading:
            return False
        briefing = self.briefing()
        if not briefing.stories:
            self.status_label.setText("Add stories to the briefing first.")
            return False
        settings = self.services.settings
        folder = default_folder(settings.value(FOLDER_KEY, "", type=str))
        answer = self.ask_save_path(folder / suggested_name(briefing))
        if not answer:
            return False
        out = with_docx_suffix(answer)
        settings.setValue(FOLDER_KEY, str(out.parent))
        settings.setValue(OPEN_WHEN_DONE_KEY, self.open_when_done.isChecked())
        self.status_label.clear()
        job = self.progress.start(briefing, out, self.services.template())
        job.succeeded.connect(self._exported)
        job.failed.connect(lambda message: self._export_failed(out, message))
        self._update_buttons()
        self.export_button.setEnabled(False)
        job.finished.connect(self._update_buttons)
        return True

    def _exported(self, outcome: ExportOutcome) -> None:
        if outcome.path is not None:
            self.status_label.setText(f"Exported to {outcome.path.name}.")
            self.status_label.setToolTip(str(outcome.path))
            self.save_draft(exported_to=str(outcome.path))
            if self.open_when_done.isChecked() and not self.launch_file(outcome.path):
                self.status_label.setText(f"Exported to {outcome.path.name}; no application could open it.")
        elif outcome.cancelled:
            self.status_label.setText("Export cancelled; no file was written.")
        else:
            self.status_label.setText("Export failed; nothing was written.")
            self._show_problem(outcome.problem or "The briefing could not be exported", outcome.detail)
        self.export_finished.emit(outcome)

    def _export_failed(self, out: Path, message: str) -> None:
        self.status_label.setText("Export failed; nothing was written.")
        self._show_problem("The briefing could not be exported",
                           f"Writing {out.name} failed: {message}. Nothing was written.")
        self.export_finished.emit(message)

    def _show_problem(self, title: str, detail: str) -> None:
        """A warning that does not block the event loop (the export's thread is reported on it)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(detail)
        box.setObjectName("briefingProblem")
        self.problem_box = box
        box.open()

    # -- closing -----------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Close, Escape and the title bar's X all end here: stop an export, keep changes as a draft."""
        self.progress.stop_and_wait()
        if self.dirty and self.stories_model.rowCount() and not self.loading:
            self.save_draft()
        super().done(result)
