"""The briefing dialog driven as a reporter would: stories selected in the results, Ctrl+B,
reorder, remove, a title, Export to Word in the background (reopened with python-docx and
converted by LibreOffice), Cancel on a 200-story export, a desk template lacking styles, drafts
saved, closed, reopened and exported again; the models through ``qtmodeltester``; screenshots of
the dialog in light and dark palettes when ``SCREENSHOT_DIR`` is set.

Only the OS file dialogs (``ask_save_path``, ``ask_template_path``) and "open with the system's
application" (``launch_file``) are replaced. LibreOffice tests skip only when ``soffice`` is
absent and ``NEWSROOM_REQUIRE_LIBREOFFICE`` is unset.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QWidget

from desktop.core.archive import Archive
from desktop.core.briefing.from_archive import DraftSummary, list_drafts
from desktop.core.briefing.model import BriefingStory, EntityRef
from desktop.core.briefing.template import default_template_path
from desktop.core.operations import import_and_index
from desktop.ui.briefing import export
from desktop.ui.briefing.dialog import BriefingDialog
from desktop.ui.briefing.models import DraftsModel, IdRole, OutlineModel, StoriesModel
from desktop.ui.briefing.services import TEMPLATE_KEY
from desktop.ui.window_briefing import BriefingMixin

from .conftest import make_dark_palette

#: The offscreen platform cannot raise windows; reopening a draft or the drafts list raises one.
pytestmark = pytest.mark.qt_log_ignore("does not support raise")

FAKES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "fakes_syria" / "articles"
SIZE = (1280, 800)


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def briefing_window_class(monkeypatch: pytest.MonkeyPatch) -> type:
    """MainWindow with the Briefing mixin: the real one once it is wired in, else a subclass."""
    from desktop.ui import main_window

    base = main_window.MainWindow
    if issubclass(base, BriefingMixin):
        return base

    class BriefingWindow(BriefingMixin, base):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._build_briefing()

    monkeypatch.setattr(main_window, "MainWindow", BriefingWindow)
    return BriefingWindow


@pytest.fixture
def bwindow(briefing_window_class, make_window, archive: Archive):
    window = make_window(archive)
    yield window
    for dialog in list(window.briefing_dialogs):
        dialog.progress.stop_and_wait()


@pytest.fixture(scope="module")
def fakes_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 FA-KES stories imported once for this module."""
    if not FAKES.is_dir():
        pytest.skip(f"the FA-KES corpus is not at {FAKES}")
    folder = tmp_path_factory.mktemp("fakes") / "archive"
    with Archive.open(folder) as archive:
        import_and_index(archive, sorted(FAKES.glob("*.txt"))[:200], durable=False)
        assert archive.count() == 200
    return folder


@pytest.fixture
def fakes_archive(tmp_path: Path, fakes_template: Path) -> Iterator[Archive]:
    folder = tmp_path / "fakes"
    shutil.copytree(fakes_template, folder, ignore=shutil.ignore_patterns("archive.lock"))
    opened = Archive.open(folder)
    yield opened
    opened.close()



# -- helpers -------------------------------------------------------------------------------------


def _slow_writer(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Make each story take ``seconds`` so the progress and Cancel can be seen (the real writer
    lays out 200 stories in a fraction of a second)."""
    real = export.write_briefing

    def slow(briefing, out_path, *, template=None, progress=None, cancel=None):
        def slow_progress(done: int, total: int) -> None:
            time.sleep(seconds)
            if progress is not None:
                progress(done, total)

        return real(briefing, out_path, template=template, progress=slow_progress, cancel=cancel)

    monkeypatch.setattr(export, "write_briefing", slow)


def _open_with_ctrl_b(qtbot, window, rows: list[int]) -> BriefingDialog:
    ids = [window.model.id_at(r) for r in rows]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.table.setFocus()
    window.select_ids(ids)
    assert window.selected_ids() == sorted(ids, key=lambda i: window.model.row_of(i))
    qtbot.keyClick(window.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.briefing_dialogs), timeout=5000)
    dialog = window.briefing_dialogs[-1]
    qtbot.waitUntil(lambda: not dialog.loading and dialog.stories_model.rowCount() == len(rows), timeout=10000)
    return dialog


def _outline_stories(dialog: BriefingDialog) -> list[str]:
    dialog.refresh_outline()
    return [text for level, text in dialog.outline_model.entries() if level == 2]


def _export(qtbot, dialog: BriefingDialog, path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setattr(dialog, "ask_save_path", lambda suggested: str(path))
    monkeypatch.setattr(dialog, "launch_file", lambda path: True)
    with qtbot.waitSignal(dialog.export_finished, timeout=60000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def _headings(path: Path, style: str) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


# -- the main flow -------------------------------------------------------------------------------


def test_select_reorder_remove_title_export(qtbot, bwindow, tmp_path: Path, monkeypatch, libreoffice,
                                           screenshot_dir: Path | None) -> None:
    window = bwindow
    dialog = _open_with_ctrl_b(qtbot, window, [0, 1, 2])
    assert dialog.isVisible()
    headlines = [s.headline for s in dialog.stories_model.stories()]
    assert dialog.stories_model.ids() == window.selected_ids()
    assert _outline_stories(dialog) == headlines
    assert dialog.form.summary_edit.toPlainText().strip(), "the summary starts from the stories' leads"

    # reorder: the third story first. A drag within the list ends in exactly this call (QListView's
    # internal move calls moveRow); a synthetic drop cannot be sent offscreen, since InternalMove
    # accepts only drops whose source is a real QDrag from the same view.
    assert dialog.stories_model.moveRows(QModelIndex(), 2, 1, QModelIndex(), 0)
    qtbot.waitUntil(lambda: [t for lvl, t in dialog.outline_model.entries() if lvl == 2]
                    == [headlines[2], headlines[0], headlines[1]], timeout=2000)
    # Move down with the button, then Remove the middle one
    dialog.stories_pane.view.setCurrentIndex(dialog.stories_model.index(0))
    qtbot.mouseClick(dialog.stories_pane.down_button, Qt.MouseButton.LeftButton)
    assert [s.headline for s in dialog.stories_model.stories()] == [headlines[0], headlines[2], headlines[1]]
    dialog.stories_pane.view.setCurrentIndex(dialog.stories_model.index(0))
    qtbot.mouseClick(dialog.stories_pane.remove_button, Qt.MouseButton.LeftButton)
    order = [headlines[2], headlines[1]]
    assert _outline_stories(dialog) == order
    leads = {s.headline: s.lead for s in dialog.stories_model.stories()}
    assert dialog.form.summary_edit.toPlainText() == "\n\n".join(leads[h] for h in order if leads[h]), \
        "an untouched summary follows the stories"

    dialog.form.title_edit.setFocus()
    qtbot.keyClicks(dialog.form.title_edit, "Camp Taji: the strikes and after")
    qtbot.waitUntil(lambda: dialog.outline_model.entries()[0] == (0, "Camp Taji: the strikes and after"),
                    timeout=2000)
    assert "Camp Taji" in dialog.windowTitle()
    assert dialog.outline_model.texts()[:3] == ["Camp Taji: the strikes and after", "Contents", "Executive summary"]

    launched: list[Path] = []
    monkeypatch.setattr(dialog, "launch_file", lambda path: launched.append(path) or True)
    dialog.open_when_done.setChecked(True)
    _slow_writer(monkeypatch, 0.25)
    out = tmp_path / "out" / "taji"  # no suffix typed: .docx is added
    out.parent.mkdir()
    monkeypatch.setattr(dialog, "ask_save_path", lambda suggested: str(out))
    with qtbot.waitSignal(dialog.export_finished, timeout=60000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.progress.isVisible() and dialog.progress.bar.maximum() == 4
                        and dialog.progress.label.text().startswith("Writing story"), timeout=10000)
        assert not dialog.export_button.isEnabled()
        assert dialog.progress.cancel_button.isVisible()
        if screenshot_dir is not None:
            dialog.resize(1180, 720)
            dialog.grab().save(str(screenshot_dir / "briefing_exporting.png"))
    outcome = blocker.args[0]
    written = tmp_path / "out" / "taji.docx"
    assert outcome.path == written and written.is_file()
    assert not dialog.progress.isVisible() and dialog.export_button.isEnabled()
    assert launched == [written]
    assert "Exported to taji.docx" in dialog.status_label.text()

    document = docx.Document(str(written))
    assert document.paragraphs[0].text == "Camp Taji: the strikes and after"
    assert document.core_properties.title == "Camp Taji: the strikes and after"
    assert _headings(written, "Heading 2") == order
    pdf = libreoffice(written)
    assert pdf.stat().st_size > 1000

    # the export kept the briefing as a draft that knows where it went
    qtbot.waitUntil(lambda: dialog.draft_id is not None, timeout=5000)
    window.wait_for_background()
    drafts = list_drafts(window.archive)
    assert [(d.title, d.stories, d.exported_to) for d in drafts] == [
        ("Camp Taji: the strikes and after", 2, str(written))]


def test_ctrl_b_without_selection_takes_short_result_list(qtbot, bwindow) -> None:
    bwindow.table.clearSelection()
    bwindow.table.selectionModel().clear()
    assert bwindow.selected_ids() == []
    dialog = bwindow.new_briefing_from_selection()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.loading and dialog.stories_model.rowCount() == 5, timeout=10000)
    assert dialog.stories_model.ids() == list(bwindow._last.ids)


def test_add_selected_and_leads_and_options(qtbot, bwindow) -> None:
    dialog = _open_with_ctrl_b(qtbot, bwindow, [0])
    bwindow.select_ids([bwindow.model.id_at(3), bwindow.model.id_at(0)])
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        qtbot.mouseClick(dialog.stories_pane.add_button, Qt.MouseButton.LeftButton)
    assert dialog.stories_model.ids() == [bwindow.model.id_at(0), bwindow.model.id_at(3)]
    assert "1 story added" in dialog.status_label.text()

    summary = dialog.form.summary_edit
    summary.setPlainText("My own summary.")
    qtbot.mouseClick(dialog.form.leads_button, Qt.MouseButton.LeftButton)
    leads = [s.lead for s in dialog.stories_model.stories()]
    assert summary.toPlainText() == "\n\n".join(leads)
    summary.undo()
    assert summary.toPlainText() == "My own summary."
    summary.setPlainText("")
    qtbot.waitUntil(lambda: "Executive summary" not in dialog.outline_model.texts(), timeout=2000)

    for name in ("timeline", "sources"):
        dialog.form.section_checks[name].setChecked(False)
    texts = (dialog.refresh_outline(), dialog.outline_model.texts())[1]
    assert "Timeline" not in texts and "Sources" not in texts
    dialog.form.full_radio.setChecked(True)
    assert dialog.briefing().options.full_text

    # the seeds' entities are only suggested: none listed until asked for
    assert not any(s.entities for s in dialog.stories_model.stories())
    assert "People, groups, places and weapons" not in dialog.outline_model.texts()
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.form.suggested_check.setChecked(True)
    assert all(s.entities for s in dialog.stories_model.stories())
    dialog.refresh_outline()
    assert "People, groups, places and weapons" in dialog.outline_model.texts()


# -- cancel ----------------------------------------------------------------------------------------


def test_cancel_200_story_export_leaves_no_file(qtbot, briefing_window_class, make_window, fakes_archive: Archive,
                                                tmp_path: Path, monkeypatch) -> None:
    window = make_window(fakes_archive)
    ids = [row[0] for row in fakes_archive.db.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    assert len(ids) == 200
    dialog = window.new_briefing(ids, title="Two hundred stories")
    qtbot.waitUntil(lambda: not dialog.loading and dialog.stories_model.rowCount() == 200, timeout=20000)
    assert len(_outline_stories(dialog)) == 200
    dialog.form.full_radio.setChecked(True)
    _slow_writer(monkeypatch, 0.02)
    target = tmp_path / "exports" / "two-hundred.docx"
    target.parent.mkdir()
    monkeypatch.setattr(dialog, "ask_save_path", lambda suggested: str(target))
    with qtbot.waitSignal(dialog.export_finished, timeout=60000) as blocker:
        assert dialog.export()
        qtbot.waitUntil(lambda: dialog.progress.bar.maximum() == 202 and dialog.progress.bar.value() >= 10,
                        timeout=20000)
        qtbot.mouseClick(dialog.progress.cancel_button, Qt.MouseButton.LeftButton)
        assert dialog.progress.label.text() == "Stopping\u2026"
    assert blocker.args[0].cancelled
    assert list(target.parent.iterdir()) == [], "no document and no temporary file"
    assert dialog.status_label.text() == "Export cancelled; no file was written."
    assert dialog.export_button.isEnabled() and not dialog.progress.isVisible()


# -- templates -------------------------------------------------------------------------------------


def test_template_missing_styles_is_named(qtbot, bwindow, tmp_path: Path, monkeypatch) -> None:
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))  # python-docx's default: none of the briefing's own styles
    chooser = bwindow.choose_briefing_template()
    assert "built-in house template" in chooser.current_label.text()
    monkeypatch.setattr(chooser, "ask_template_path", lambda: str(plain))
    with qtbot.waitSignal(chooser.checked, timeout=10000) as blocker:
        qtbot.mouseClick(chooser.choose_button, Qt.MouseButton.LeftButton)
    problem = blocker.args[0]
    for name in ("Handling", "Executive Summary", "Source Entry", "Briefing Table"):
        assert name in problem and name in chooser.message.text()
    assert not bwindow.settings.value(TEMPLATE_KEY, "")
    not_word = tmp_path / "notes.docx"
    not_word.write_text("just text")
    monkeypatch.setattr(chooser, "ask_template_path", lambda: str(not_word))
    with qtbot.waitSignal(chooser.checked, timeout=10000) as blocker:
        chooser.choose()
    assert "not a Word document" in blocker.args[0]

    # a usable template is kept; the built-in one comes back with one click
    house = tmp_path / "desk.docx"
    shutil.copy(default_template_path(), house)
    monkeypatch.setattr(chooser, "ask_template_path", lambda: str(house))
    with qtbot.waitSignal(chooser.checked, timeout=10000) as blocker:
        chooser.choose()
    assert blocker.args[0] is None and bwindow.settings.value(TEMPLATE_KEY) == str(house)
    assert "desk.docx" in chooser.current_label.text()
    qtbot.mouseClick(chooser.builtin_button, Qt.MouseButton.LeftButton)
    assert not bwindow.settings.value(TEMPLATE_KEY, "")

    # a template that went bad after it was chosen: the export says which styles are missing
    bwindow.settings.setValue(TEMPLATE_KEY, str(plain))
    chooser.close()
    dialog = _open_with_ctrl_b(qtbot, bwindow, [0, 1])
    out = tmp_path / "never.docx"
    outcome = _export(qtbot, dialog, out, monkeypatch)
    assert outcome.path is None and outcome.problem == "The briefing template cannot be used"
    box = dialog.problem_box
    assert box is not None and box.isVisible()
    assert "Handling" in box.informativeText() and "Executive Summary" in box.informativeText()
    assert not out.exists()
    box.accept()


def test_unwritable_target_says_so(qtbot, bwindow, tmp_path: Path, monkeypatch) -> None:
    dialog = _open_with_ctrl_b(qtbot, bwindow, [0])
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    outcome = _export(qtbot, dialog, blocker / "inside.docx", monkeypatch)  # a folder that is a file
    assert outcome.problem == "The briefing could not be saved"
    assert "Choose another folder" in dialog.problem_box.informativeText()
    dialog.problem_box.accept()


# -- drafts ----------------------------------------------------------------------------------------


def test_draft_saved_closed_reopened_and_exported_again(qtbot, bwindow, tmp_path: Path, monkeypatch) -> None:
    dialog = _open_with_ctrl_b(qtbot, bwindow, [0, 1, 2])
    dialog.stories_model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    order = dialog.stories_model.ids()
    dialog.form.title_edit.setText("Weekly Iraq briefing")
    dialog.form.quotes_check.setChecked(False)
    with qtbot.waitSignal(dialog.draft_saved, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    draft_id = dialog.draft_id
    dialog.form.handling_edit.setText("Desk only")
    dialog.form.handling_edit.textEdited.emit("Desk only")
    with qtbot.waitSignal(dialog.draft_saved, timeout=5000):  # closing keeps the change
        dialog.close()
    assert not bwindow.briefing_dialogs

    drafts = bwindow.show_briefing_drafts()
    qtbot.waitUntil(lambda: drafts.model.rowCount() == 1, timeout=5000)
    qtbot.mouseClick(drafts.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(bwindow.briefing_dialogs) and not bwindow.briefing_dialogs[-1].loading,
                    timeout=5000)
    reopened = bwindow.briefing_dialogs[-1]
    assert reopened.draft_id == draft_id
    assert reopened.form.title_edit.text() == "Weekly Iraq briefing"
    assert reopened.form.handling_edit.text() == "Desk only"
    assert not reopened.form.quotes_check.isChecked()
    assert reopened.stories_model.ids() == order
    assert bwindow.open_briefing_draft(draft_id) is reopened  # one dialog per draft

    out = tmp_path / "again.docx"
    outcome = _export(qtbot, reopened, out, monkeypatch)
    assert outcome.path == out
    assert _headings(out, "Heading 2") == [s.headline for s in reopened.stories_model.stories()]
    qtbot.waitUntil(lambda: drafts.model.rowCount() == 1 and drafts.model.draft_at(0).exported_to == str(out),
                    timeout=5000)

    # delete, then Undo delete
    drafts.table.selectRow(0)
    qtbot.mouseClick(drafts.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: drafts.model.rowCount() == 0 and drafts.undo_button.isVisible(), timeout=5000)
    qtbot.mouseClick(drafts.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: drafts.model.rowCount() == 1, timeout=5000)
    assert drafts.model.draft_at(0).title == "Weekly Iraq briefing"


# -- models ----------------------------------------------------------------------------------------


def _stories(n: int) -> list[BriefingStory]:
    return [BriefingStory(article_id=i, headline=f"Story {i}", outlet="Wire", date=f"2020-03-{i + 1:02d}",
                          lead=f"Lead {i}.", entities=[EntityRef("Kataib Hezbollah", "armed_group")])
            for i in range(n)]


def test_models(qtmodeltester) -> None:
    stories = StoriesModel()
    stories.set_stories(_stories(5))
    qtmodeltester.check(stories)
    assert stories.moveRows(QModelIndex(), 0, 2, QModelIndex(), 5)
    assert stories.ids() == [2, 3, 4, 0, 1]
    assert not stories.moveRows(QModelIndex(), 1, 1, QModelIndex(), 2)  # onto itself
    assert stories.index(0).data() == "Story 2"
    # a drag of rows 3 and 4 dropped before row 0 (what QListView's internal move does)
    mime = stories.mimeData([stories.index(3), stories.index(4)])
    assert stories.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex()) is False  # nothing to remove
    assert stories.ids() == [0, 1, 2, 3, 4]
    assert stories.append(_stories(7)) == 2 and stories.rowCount() == 7
    assert stories.removeRows(1, 2) and stories.ids() == [0, 3, 4, 5, 6]
    assert stories.index(1).data(IdRole) == 3
    qtmodeltester.check(stories)

    outline = OutlineModel()
    outline.set_entries([(0, "Title"), (1, "Stories"), (2, "Story 1")])
    qtmodeltester.check(outline)
    drafts = DraftsModel()
    drafts.set_drafts([DraftSummary(1, "Weekly", 3, "2026-11-21T15:00:00", None),
                       DraftSummary(2, "Taji", 5, "2026-11-20T09:30:00", "/tmp/taji.docx")])
    qtmodeltester.check(drafts)
    assert drafts.index(0, 3).data() == "not yet exported"
    assert drafts.index(1, 0).data(IdRole) == 2


# -- looks -----------------------------------------------------------------------------------------


def _clipped(root: QWidget) -> list[str]:
    """Visible buttons and one-line labels narrower than their text needs."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, (QAbstractButton, QCheckBox)) and widget.text():
            if widget.width() < widget.sizeHint().width():
                found.append(f"{type(widget).__name__} {widget.text()!r}: {widget.width()} < {widget.sizeHint().width()}")
        elif (isinstance(widget, QLabel) and widget.text() and not widget.wordWrap()
              and widget.width() < widget.minimumSizeHint().width()):
            found.append(f"QLabel {widget.text()!r}: {widget.width()} < {widget.minimumSizeHint().width()}")
    return found


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_dialog_looks(qtbot, bwindow, palette: str, screenshot_dir: Path | None) -> None:
    bwindow.resize(*SIZE)
    if palette == "dark":
        bwindow.setPalette(make_dark_palette())
    dialog = _open_with_ctrl_b(qtbot, bwindow, [0, 1, 2, 3, 4])
    if palette == "dark":
        dialog.setPalette(make_dark_palette())
    dialog.form.title_edit.setText("Camp Taji: the strikes and after")
    dialog.form.author_edit.setText("Desk producer")
    dialog.refresh_outline()
    dialog.stories_pane.view.setCurrentIndex(dialog.stories_model.index(1))
    dialog.resize(1180, 720)  # its size on a 1280 x 800 screen
    qtbot.wait(100)
    assert dialog.width() <= SIZE[0] and dialog.height() <= SIZE[1]
    assert _clipped(dialog) == []
    mnemonics = [w.text().split("&")[1][0].lower() for w in dialog.findChildren(QWidget)
                 if isinstance(w, (QAbstractButton, QLabel)) and "&" in w.text() and w.isVisible()]
    assert len(mnemonics) == len(set(mnemonics)), sorted(mnemonics)
    image = dialog.grab()
    assert not image.isNull()
    if screenshot_dir is not None:
        image.save(str(screenshot_dir / f"briefing_dialog_{palette}.png"))
        with qtbot.waitSignal(dialog.draft_saved, timeout=5000):
            dialog.save_draft(exported_to=str(Path.home() / "Briefings" / "Camp Taji 2026-11-21.docx"))
        drafts = bwindow.show_briefing_drafts()
        qtbot.waitUntil(lambda: drafts.model.rowCount() == 1, timeout=5000)
        chooser = bwindow.choose_briefing_template()
        if palette == "dark":
            drafts.setPalette(make_dark_palette())
            chooser.setPalette(make_dark_palette())
        drafts.grab().save(str(screenshot_dir / f"briefing_drafts_{palette}.png"))
        chooser.grab().save(str(screenshot_dir / f"briefing_template_{palette}.png"))
    dialog.dirty = False
    dialog.close()

