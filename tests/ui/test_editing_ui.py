"""Editing in the window: the metadata editor, Needs review, delete with Undo, Empty trash, and
switching archives from the File menu. A real archive holding the five seeds; only the OS
dialogs (confirmations, folder choosers, error boxes) are replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.archive import Archive
from desktop.core.editing import trash_count
from desktop.ui.actions import recent_archives
from desktop.ui.main_window import MainWindow
from desktop.ui.metadata_editor import MetadataEditor

NEW_HEADLINE = "Militia rocket barrage on Camp Taji"


def _search(qtbot, window: MainWindow, text: str) -> None:
    seq = window._seq
    window.search_bar.set_text(text)
    qtbot.waitUntil(lambda: window._seq > seq and window._last is not None
                    and window._last.request.query == text, timeout=10000)


def _open_editor(qtbot, window: MainWindow, article_id: int) -> MetadataEditor:
    window.select_ids([article_id])
    assert window.current_id() == article_id
    window.edit_metadata_action.trigger()
    editor = window.edits.editor
    assert editor is not None and editor.article.id == article_id
    qtbot.waitExposed(editor)
    return editor


def _save(qtbot, window: MainWindow, editor: MetadataEditor) -> None:
    with qtbot.waitSignal(window.results_refreshed, timeout=20000):
        qtbot.mouseClick(editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_correct_the_missing_headline_then_find_it(qtbot, window: MainWindow, archive: Archive,
                                                   screenshot_dir: Path | None) -> None:
    editor = _open_editor(qtbot, window, 4)
    assert editor.is_flagged("headline") and editor.is_flagged("date") and editor.is_flagged("byline")
    assert "not found in the file" in editor.marks["headline"].toolTip()
    assert "guessed by the importer" in editor.marks["byline"].toolTip()
    assert not editor.is_flagged("dateline") or editor.provenance("dateline") == "missing"
    if screenshot_dir is not None:
        editor.grab().save(str(screenshot_dir / "metadata_editor_flagged.png"))
    qtbot.keyClicks(editor.edits["headline"], NEW_HEADLINE)
    assert not editor.is_flagged("headline")
    _save(qtbot, window, editor)
    assert not editor.isVisible()
    assert archive.get(4).headline == NEW_HEADLINE
    assert archive.get(4).provenance["headline"] == "confirmed"
    assert window.selected_ids() == [4], "the edited story stays selected"
    qtbot.waitUntil(lambda: NEW_HEADLINE in window.reader_text(), timeout=3000)
    assert window.undo_action.text().replace("&", "") == "Undo edit of headline"
    _search(qtbot, window, '"rocket barrage on Camp Taji"')
    assert window.model.ids() == [4]


def test_an_invalid_date_is_explained_and_the_editor_stays_open(qtbot, window: MainWindow, archive: Archive) -> None:
    editor = _open_editor(qtbot, window, 4)
    qtbot.keyClicks(editor.edits["date"], "2020-13-45")
    qtbot.mouseClick(editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert "is not a date" in editor.error_text()
    assert editor.error_label.isVisible()
    assert archive.get(4).pub_date is None
    assert not window.edits.can_undo()
    editor.edits["date"].setText("2020-03-12")
    _save(qtbot, window, editor)
    assert archive.get(4).pub_date.iso() == "2020-03-12"


def test_needs_review_lists_five_and_confirming_drops_one(qtbot, window: MainWindow, archive: Archive) -> None:
    seq = window._seq
    qtbot.mouseClick(window.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window._seq > seq and ("review", "yes") in window._last.request.filters, timeout=10000)
    assert window.model.rowCount() == 5
    editor = _open_editor(qtbot, window, 2)
    assert editor.flagged() == ["outlet", "dateline", "url", "language"]
    qtbot.mouseClick(editor.confirm_all_button, Qt.MouseButton.LeftButton)
    assert editor.flagged() == []
    _save(qtbot, window, editor)
    assert archive.get(2).needs_review == []
    assert window.model.rowCount() == 4 and 2 not in window.model.ids()
    assert window.undo_action.text().replace("&", "").startswith("Undo confirmation of outlet")


def test_delete_two_then_undo_brings_them_back(qtbot, window: MainWindow, archive: Archive, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(window.edits, "_confirm", lambda title, text: asked.append(text) or True)
    window.select_ids([1, 3])
    assert sorted(window.selected_ids()) == [1, 3]
    assert window.delete_action.text().replace("&", "") == "Delete 2 stories"
    window.activateWindow()
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus, timeout=3000)
    with qtbot.waitSignal(window.results_refreshed, timeout=20000):
        qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert "Delete 2 stories?" in asked[0]
    assert sorted(window.model.ids()) == [2, 4, 5]
    assert archive.count() == 3 and trash_count(archive) == 2
    assert window.reader_text() == ""
    assert window.undo_action.text().replace("&", "") == "Undo delete of 2 stories"
    _search(qtbot, window, "Newsweek")
    assert 1 not in window.model.ids()

    with qtbot.waitSignal(window.results_refreshed, timeout=20000):
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert archive.count() == 5 and trash_count(archive) == 0
    assert window.model.ids() == [1]
    assert window.selected_ids() == [1], "the restored story is selected again"
    _search(qtbot, window, "")
    assert sorted(window.model.ids()) == [1, 2, 3, 4, 5]
    assert not window.edits.can_undo()


def test_undo_of_an_edit_restores_the_old_value(qtbot, window: MainWindow, archive: Archive) -> None:
    old = archive.get(5).headline
    editor = _open_editor(qtbot, window, 5)
    editor.edits["headline"].setText("A headline nobody wrote")
    _save(qtbot, window, editor)
    assert archive.get(5).headline == "A headline nobody wrote"
    with qtbot.waitSignal(window.results_refreshed, timeout=20000):
        window.undo_action.trigger()
    assert archive.get(5).headline == old
    assert archive.get(5).provenance["headline"] == "guessed"
    assert window.model.index(window.model.row_of(5), 0).data() == old
    _search(qtbot, window, '"nobody wrote"')
    assert window.model.rowCount() == 0


def test_del_in_the_search_box_edits_the_text_and_double_click_opens_the_editor(qtbot, window: MainWindow,
                                                                             monkeypatch) -> None:
    monkeypatch.setattr(window.edits, "_confirm", lambda title, text: pytest.fail("asked to delete"))
    window.select_ids([1])
    window.search_bar.edit.setText("Esper")
    window.search_bar.edit.setFocus()
    window.search_bar.edit.setCursorPosition(0)
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Delete)
    assert window.search_bar.text() == "sper"
    rect = window.table.visualRect(window.model.index(window.model.row_of(3), 0))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = window.edits.editor
    assert editor is not None and editor.article.id == 3 and editor.isVisible()
    assert editor.edits["headline"].text() == window.archive.get(3).headline
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert not window.edits.can_undo()


def test_empty_trash_asks_with_the_count(qtbot, window: MainWindow, archive: Archive, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(window.edits, "_confirm", lambda title, text: asked.append(text) or True)
    window.select_ids([5])
    with qtbot.waitSignal(window.results_refreshed, timeout=20000):
        window.delete_action.trigger()
    window.empty_trash_action.trigger()
    assert "1 story in the trash" in asked[-1]
    qtbot.waitUntil(lambda: not window.edits.busy, timeout=10000)
    assert trash_count(archive) == 0
    assert not window.edits.can_undo(), "a delete emptied from the trash cannot be undone"


def test_open_another_archive_switches_the_window(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    other = tmp_path / "other"
    Archive.open(other).close()
    old = window.archive
    monkeypatch.setattr(window, "_choose_archive_folder", lambda title: str(other))
    with qtbot.waitSignal(window.results_refreshed, timeout=20000):
        window.open_archive_action.trigger()
    assert window.archive.folder == other.resolve()
    assert window.model.rowCount() == 0
    assert str(other.resolve()) in window.windowTitle() and window.path_label.text() == str(other.resolve())
    assert "0 articles" in window.count_label.text()
    assert recent_archives(window.settings)[:2] == [str(other.resolve()), str(old.folder)]
    recent = [a.text() for a in window.recent_menu.actions()]
    assert recent[:2] == [str(other.resolve()), str(old.folder)]
    # and back through Open recent
    with qtbot.waitSignal(window.results_refreshed, timeout=20000):
        window.recent_menu.actions()[1].trigger()
    assert window.archive.folder == old.folder and window.model.rowCount() == 5


def test_opening_a_folder_that_is_not_an_archive_keeps_the_current_one(qtbot, window: MainWindow, tmp_path: Path,
                                                                       monkeypatch) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "shopping.txt").write_text("milk", encoding="utf-8")
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "_choose_archive_folder", lambda title: str(notes))
    monkeypatch.setattr(window, "_show_open_error", lambda folder, message: errors.append((folder, message)))
    current = window.archive
    assert not window.open_archive_dialog()
    assert errors and "not a Newsroom Archive" in errors[0][1]
    assert window.archive is current and window.model.rowCount() == 5
    assert current.count() == 5  # still open and usable
    errors.clear()
    assert not window.new_archive_dialog()
    assert "not empty" in errors[0][1]


def test_results_model_removing_deleted_rows_passes_the_model_tester(qtmodeltester, archive: Archive) -> None:
    from desktop.ui.models.results_model import ResultsModel

    model = ResultsModel(archive)
    model.set_results(archive.ids())
    qtmodeltester.check(model)
    model.remove_ids([2, 4])
    qtmodeltester.check(model)
    assert model.ids() == [1, 3, 5] and model.row_of(5) == 2
    assert model.index(2, 0).data() == archive.get(5).headline
