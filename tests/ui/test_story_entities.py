"""Entities in the real window: the story's entities beside the reader, accept and reject, marks
in the text, "Tag as...", entity searches and facets, the archive-wide suggestion job with its
progress bar, and a merge undone from Edit > Undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.core.archive import Archive
from desktop.core.entities.store import find_entities, mentions_for_article
from desktop.ui.entities.story_panel import StateRole
from desktop.ui.main_window import MainWindow


def _search(qtbot, window: MainWindow, text: str) -> None:
    # after an entity change the index catches up first (on the writer thread)
    qtbot.waitUntil(lambda: not window.edits.busy and not window._change_pending and not window._index_updating,
                    timeout=15000)
    before = window._seq
    window.search_bar.set_text(text)
    qtbot.waitUntil(lambda: window._seq > before and window._last is not None
                    and window._last.request.query == text and not window.search_running(), timeout=10000)


def _open(qtbot, window: MainWindow, article_id: int) -> None:
    _search(qtbot, window, "")
    window.select_ids([article_id])
    panel = window.story_entities
    qtbot.waitUntil(lambda: panel.article_id == article_id and panel.model.rowCount() > 0, timeout=10000)


def _row(window: MainWindow, name: str) -> int:
    names = [r.name for r in window.story_entities.model.rows]
    assert name in names, names
    return names.index(name)


def _wait_reloaded(qtbot, window: MainWindow, check) -> None:
    qtbot.waitUntil(lambda: check() and not window.search_running(), timeout=15000)


def test_story_entities_accept_reject_and_marks_in_the_reader(qtbot, window: MainWindow, archive: Archive) -> None:
    _open(qtbot, window, 3)
    panel = window.story_entities
    row = _row(window, "Kataib Hezbollah")
    index = panel.model.index(row, 0)
    assert index.data(StateRole) == "suggested" and index.data(Qt.ItemDataRole.FontRole).italic()
    # clicking the row marks every mention in the reader
    panel.table.clicked.emit(index)
    spans = window.reader.marked_spans()
    body = archive.get(3).body  # type: ignore[union-attr]
    surfaces = {m.surface for m in panel.model.rows[row].mentions}
    assert len(spans) == len(panel.model.rows[row].mentions) >= 2
    assert {body[a:b] for a, b in spans} == surfaces  # no emoji in this body: positions = offsets
    # accept it: confirmed in SQLite and in the panel
    panel.table.selectRow(row)
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    _wait_reloaded(qtbot, window, lambda: panel.model.rowCount() and any(
        r.name == "Kataib Hezbollah" and r.state == "confirmed" for r in panel.model.rows))
    assert {m.state for m in mentions_for_article(archive, 3) if m.entity_name == "Kataib Hezbollah"} == {"confirmed"}
    # reject Tehran: it leaves the story, its search and stays rejected after a new suggestion run
    panel.table.clearSelection()
    panel.table.selectRow(_row(window, "Tehran"))
    qtbot.mouseClick(panel.reject_button, Qt.MouseButton.LeftButton)
    _wait_reloaded(qtbot, window, lambda: "Tehran" not in [r.name for r in panel.model.rows])
    _search(qtbot, window, "entity:Tehran")
    assert 3 not in window.model.ids()
    assert window.suggest_entities_everywhere()
    assert window.task_progress.isVisible() or not window.task_progress.running
    qtbot.waitUntil(lambda: not window.task_progress.running, timeout=30000)
    _search(qtbot, window, "entity:Tehran")
    assert 3 not in window.model.ids() and len(window.model.ids()) == 4


def test_tag_selected_words_as_a_new_entity(qtbot, window: MainWindow, archive: Archive, monkeypatch) -> None:
    _open(qtbot, window, 4)
    body = window.reader.body
    text = body.toPlainText()
    start = text.index("Media Security Cell")
    cursor = body.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("Media Security Cell"), cursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    asked: list[str] = []
    monkeypatch.setattr(window, "_tag_dialog", lambda words: asked.append(words) or (None, "Iraqi Media Cell",
                                                                                      "organisation"))
    window.tag_action.trigger()
    assert asked == ["Media Security Cell"]
    panel = window.story_entities
    _wait_reloaded(qtbot, window, lambda: "Iraqi Media Cell" in [r.name for r in panel.model.rows])
    assert find_entities(archive, "Media Security Cell")
    _search(qtbot, window, 'entity:"Iraqi Media Cell"')
    assert window.model.ids() == [4]


def test_entity_search_and_facet_in_the_window(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "entity:KH")
    assert sorted(window.model.ids()) == [1, 2, 3, 4, 5]
    _search(qtbot, window, "")
    entity_values = dict(window._last.results.facets["entity"])
    assert entity_values["Kataib Hezbollah"] == 5 and "e16" not in entity_values
    before = window._seq
    window.add_filter("entity", "Karbala")
    qtbot.waitUntil(lambda: window._seq > before and not window.search_running(), timeout=10000)
    assert 0 < len(window.model.ids()) < 5


def test_merge_in_the_browser_is_undone_by_edit_undo(qtbot, window: MainWindow, archive: Archive,
                                                     monkeypatch) -> None:
    from desktop.ui.entities import actions

    browser = window.entity_browser
    assert browser is not None
    kh, pmf = find_entities(archive, "KH")[0], find_entities(archive, "PMF")[0]
    monkeypatch.setattr(actions, "ask_which_to_keep", lambda parent, a, b, *_: (a, b) if a[0] == pmf else (b, a))
    qtbot.waitUntil(lambda: browser.model.rowCount() > 10, timeout=10000)
    browser.select_ids([kh, pmf])
    browser.merge_selected()
    qtbot.waitUntil(lambda: window.edits.can_undo() and not find_entities(archive, "Kataib Hezbollah") == [kh],
                    timeout=10000)
    assert window.undo_action.text().replace("&", "").startswith("Undo merge of")
    _search(qtbot, window, "entity:PMF")
    assert sorted(window.model.ids()) == [1, 2, 3, 4, 5]
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: find_entities(archive, "KH") == [kh], timeout=10000)
    _search(qtbot, window, "entity:KH")
    assert sorted(window.model.ids()) == [1, 2, 3, 4, 5]


def test_entities_menu_and_docks_fit(qtbot, window: MainWindow, screenshot_dir: Path | None) -> None:
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles.index("Entities") < titles.index("Help")
    _open(qtbot, window, 3)
    assert window.story_entities_dock.isVisible()
    if screenshot_dir is not None:
        window.story_entities.table.clicked.emit(window.story_entities.model.index(0, 0))
        qtbot.wait(100)
        window.grab().save(str(screenshot_dir / "10_story_entities.png"))


def test_a_long_story_shows_the_few_suggestions_that_matter_first(qtbot, window: MainWindow, archive: Archive) -> None:
    from desktop.core.entities.ranking import FEW

    _open(qtbot, window, 1)
    panel = window.story_entities
    every = {m.entity_name or m.proposed_name for m in mentions_for_article(archive, 1)}
    assert len(every) > FEW, "the Newsweek seed names many entities"
    shown = [r.name for r in panel.model.rows]
    assert len(shown) == FEW and "Kataib Hezbollah" in shown and "Popular Mobilization Forces" in shown
    assert panel.show_all.isEnabled() and f"({len(every)})" in panel.show_all.text()
    assert "matter most" in panel.summary.text()
    panel.show_all.setChecked(True)
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(every), timeout=10000)
    panel.show_all.setChecked(False)
    qtbot.waitUntil(lambda: panel.model.rowCount() == FEW, timeout=10000)


def test_every_suggestion_switch_counts_weak_entity_mentions(qtbot, window: MainWindow, archive: Archive) -> None:
    (tehran,) = find_entities(archive, "Tehran")
    with archive.transaction() as db:
        db.execute("UPDATE mentions SET confidence = 0.3 WHERE entity_id = ? AND article_id = 3", [tehran])
        db.execute("UPDATE articles SET rev = rev WHERE id = 3")
    window.archive_changed(None)  # as after any edit: the index catches up
    _search(qtbot, window, "entity:Tehran")
    qtbot.waitUntil(lambda: 3 not in window.model.ids() and bool(window.model.ids()), timeout=15000)
    window.all_suggestions_action.setChecked(True)
    qtbot.waitUntil(lambda: 3 in window.model.ids() and not window.search_running(), timeout=15000)
    window.all_suggestions_action.setChecked(False)
    qtbot.waitUntil(lambda: 3 not in window.model.ids() and not window.search_running(), timeout=15000)
