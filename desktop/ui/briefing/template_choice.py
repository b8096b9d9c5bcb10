"""Briefing > Briefing template...: point the app at a desk's own Word template, or back at the
built-in house template.

The choice is checked before it is kept: a template without the briefing's own styles would
export documents whose headings silently fall back to plain text, so the dialog names the styles
that are missing (from :func:`desktop.core.briefing.template.check_template`) and keeps the
previous choice. The check opens a Word file, so it runs on a worker thread. The export checks
again (the file may have changed since) and says the same thing.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.briefing.template import BUILT_IN, REQUIRED_STYLES, TemplateError, check_template
from ...workers import Job, start_job
from .. import theme
from .services import TEMPLATE_KEY, BriefingServices

__all__ = ["TemplateDialog", "template_problem"]

#: The styles a desk template must define itself (Word's built-in ones are borrowed when missing).
DESK_STYLES = [name for key, (name, _kind) in REQUIRED_STYLES.items() if key not in BUILT_IN]


def template_problem(path: str, *, progress: object = None, cancel: object = None) -> str | None:
    """What is wrong with the template at ``path`` in a sentence, or None if it can be used."""
    try:
        missing = check_template(path)
    except TemplateError as exc:
        text = str(exc)
        return text[:1].upper() + text[1:] + "."
    if not missing:
        return None
    plural = len(missing) != 1
    return (f"{Path(path).name} lacks {'these styles' if plural else 'this style'} the briefing needs: "
            f"{', '.join(missing)}. Add {'them' if plural else 'it'} in Word (Styles pane, New Style, "
            f"with exactly {'these names' if plural else 'this name'}), or keep the built-in template.")


class TemplateDialog(QDialog):
    """Shows the template in use; Choose... checks a .docx before keeping it."""

    #: A check ended: the problem (a sentence) or None when the template was taken.
    checked = Signal(object)

    def __init__(self, services: BriefingServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefingTemplate")
        self.setWindowTitle("Briefing template")
        self.services = services
        self.current_label = QLabel(self)
        self.current_label.setWordWrap(True)
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        explain = QLabel(
            "Briefings are laid out entirely with styles, so a desk can restyle them by editing one "
            "Word document. A desk template must be a .docx (not .dotx) that defines these styles: "
            + ", ".join(DESK_STYLES) + ". Start from a briefing exported with the built-in template, "
            "change its styles in Word, and save it as your template.", self)
        explain.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("templateMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.choose_button = QPushButton("&Choose a Word template\u2026", self)
        self.choose_button.clicked.connect(self.choose)
        self.builtin_button = QPushButton("Use the &built-in template", self)
        self.builtin_button.clicked.connect(self.use_builtin)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.builtin_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current_label)
        layout.addWidget(explain)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.job: Job | None = None
        self.resize(620, 300)
        self._show_current()

    def _show_current(self) -> None:
        path = self.services.template()
        where = html.escape(path) if path else "the built-in house template"
        self.current_label.setText(f"Briefings are laid out with <b>{where}</b>.")
        self.builtin_button.setEnabled(path is not None)

    def _say(self, text: str, *, problem: bool) -> None:
        color = theme.error_color(self.palette()).name() if problem else theme.ok_color(self.palette()).name()
        self.message.setText(f'<span style="color:{color}">{html.escape(text)}</span>')

    def ask_template_path(self) -> str:
        """Ask for a .docx (the OS file dialog; tests replace this)."""
        start = self.services.template() or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(self, "Choose a briefing template", start,
                                                    "Word document (*.docx);;All files (*)")
        return path

    def choose(self) -> bool:
        """Ask for a template and check it; it is kept only if usable. False if nothing was asked."""
        if self.job is not None:
            return False
        path = self.ask_template_path()
        if not path:
            return False
        self.message.setText("Checking the template\u2026")
        self.choose_button.setEnabled(False)
        job = self.job = start_job(template_problem, path)
        job.succeeded.connect(lambda problem: self._checked(path, problem))
        job.failed.connect(lambda message: self._checked(path, f"The template could not be read: {message}."))
        return True

    def _checked(self, path: str, problem: str | None) -> None:
        self.job = None
        self.choose_button.setEnabled(True)
        if problem is None:
            self.services.settings.setValue(TEMPLATE_KEY, path)
            self._say(f"From now on briefings use {Path(path).name}.", problem=False)
        else:
            self._say(problem + " The template in use has not changed.", problem=True)
        self._show_current()
        self.checked.emit(problem)

    def use_builtin(self) -> None:
        self.services.settings.remove(TEMPLATE_KEY)
        self._say("Briefings use the built-in house template again.", problem=False)
        self._show_current()

    def done(self, result: int) -> None:
        if self.job is not None:
            self.job.wait(10)
        super().done(result)
