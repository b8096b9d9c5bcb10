"""Related stories in the real window: linking from the reader's picker (seen on both stories,
undone by Edit > Undo), accepting and dismissing suggestions, other versions found at import with
the side-by-side view, threads from the selection and from proposals, the neighbourhood graph,
the models under the model tester, the CLI-free parts of the dock layout, and screenshots in
light and dark palettes (saved to ``SCREENSHOT_DIR`` when it is set)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from desktop.core.archive import Archive
from desktop.core.related.service import RelatedIndex, open_thread_proposals, versions_of
from desktop.core.related.store import add_link, create_thread, links_for, list_threads, thread_timeline
from desktop.ui.main_window import MainWindow
from desktop.ui.related import models
from desktop.ui.related.context import link_pairs
from desktop.ui.related.dialogs import type_choices
from desktop.ui.related.panel import RelatedPanel
from desktop.ui.related.queries import load_thread

SIZE = (1280, 800)
#: Opening a story or a page raises its window, which the offscreen platform reports it cannot do.
pytestmark = pytest.mark.qt_log_ignore("does not support raise")

@pytest.fixture
def rwindow(make_window, archive: Archive) -> MainWindow:
    window = make_window(archive)
    window.resize(*SIZE)
    return window


def _ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _open(qtbot, window: MainWindow, article_id: int) -> RelatedPanel:
    window.open_story(article_id)
    panel = window.show_related()
    qtbot.waitUntil(lambda: panel.article_id == article_id and not panel.loading and panel.data is not None
                    and panel.data.article_id == article_id, timeout=15000)
    return panel


def _with_suggestions(qtbot, window: MainWindow, article_id: int) -> RelatedPanel:
    panel = _open(qtbot, window, article_id)
    qtbot.waitUntil(lambda: not panel.loading and panel.data is not None and panel.data.article_id == article_id
                    and panel.data.suggestions is not None, timeout=30000)
    return panel


def _links(panel: RelatedPanel) -> list[tuple[int, str]]:
    return [(r.other_id, r.label) for r in panel.links.rows_model().rows()]


def test_link_from_the_reader_picker_shows_on_both_stories_and_undo_removes_it(
        qtbot, rwindow: MainWindow, archive: Archive) -> None:
    panel = _open(qtbot, rwindow, 2)
    assert _links(panel) == []
    panel.link_button.click()
    dialog = rwindow.link_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.search, "Pentagon strikes")
    qtbot.waitUntil(lambda: 5 in dialog.table.rows_model().ids(), timeout=10000)
    assert 2 not in dialog.table.rows_model().ids(), "the story itself is not offered"
    dialog.table.selectRow(dialog.table.rows_model().ids().index(5))
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findText("Followed up by"))
    qtbot.keyClicks(dialog.note, "the next day")
    _ok(dialog)
    qtbot.waitUntil(lambda: _links(panel) == [(5, "followed up by")], timeout=15000)
    assert panel.links.rows_model().rows()[0].link.note == "the next day"
    panel = _open(qtbot, rwindow, 5)
    assert _links(panel) == [(2, "follow-up of")]
    assert "link" in rwindow.undo_action.text()
    rwindow.undo_action.trigger()
    qtbot.waitUntil(lambda: _links(panel) == [] and not panel.loading, timeout=15000)
    assert links_for(archive, 2) == []
    # the picker's word search also reaches stories by their body, and falls back to headlines
    assert rwindow._find_stories("")[:1] and {r[0] for r in rwindow._find_stories("Camp Taji")} >= {2}


def test_accept_a_suggestion_and_dismiss_another_for_good(qtbot, rwindow: MainWindow, archive: Archive) -> None:
    panel = _with_suggestions(qtbot, rwindow, 2)
    model = panel.suggestions.rows_model()
    assert set(model.ids()) == {1, 3, 4, 5}, "the seeds are suggested for each other"
    assert all(r.reasons for r in model.rows())
    panel.suggestions.selectRow(model.ids().index(3))
    assert panel.reasons.text().startswith("Why: ")
    panel.accept_button.click()
    dialog = panel.type_dialog
    assert dialog is not None and dialog.type_combo.currentData() == ("same_event", False)
    _ok(dialog)
    qtbot.waitUntil(lambda: _links(panel) == [(3, "same event")] and 3 not in model.ids(), timeout=15000)
    assert links_for(archive, 3)[0].link.origin == "suggestion"
    panel.suggestions.selectRow(model.ids().index(4))
    panel.dismiss_button.click()
    qtbot.waitUntil(lambda: 4 not in model.ids() and not panel.loading, timeout=15000)
    assert set(model.ids()) == {1, 5}
    _with_suggestions(qtbot, rwindow, 5)
    panel = _with_suggestions(qtbot, rwindow, 2)
    assert set(panel.suggestions.rows_model().ids()) == {1, 5}, "a dismissed suggestion stays dismissed"
    fresh = RelatedIndex(archive)
    fresh.build()
    assert {s.other_id for s in fresh.suggestions(2)} == {1, 5}


def test_other_version_found_at_import_compared_side_by_side(
        qtbot, rwindow: MainWindow, archive: Archive, tmp_path: Path) -> None:
    body = archive.get(2).body  # type: ignore[union-attr]
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "copy.txt").write_text("Pentagon hits militia sites in Iraq\n\n" + body[: len(body) * 2 // 3],
                                     encoding="utf-8")
    with qtbot.waitSignal(rwindow.import_finished, timeout=60000):
        rwindow.import_paths([folder])
    copy = archive.db.execute("SELECT id FROM articles WHERE headline LIKE 'Pentagon hits%'").fetchone()[0]
    assert [v.other_id for v in versions_of(archive, 2)] == [copy]
    qtbot.waitUntil(lambda: rwindow.model.row_of(copy) >= 0, timeout=15000)
    panel = _open(qtbot, rwindow, 2)
    qtbot.waitUntil(lambda: panel.versions.rows_model().ids() == [copy], timeout=15000)
    assert not panel.versions_box.isHidden()
    assert panel.versions.rows_model().rows()[0].label == "shorter cut"
    panel.versions.selectRow(0)
    panel.compare_button.click()
    qtbot.waitUntil(lambda: rwindow.compare_dialog is not None and rwindow.compare_dialog.isVisible(), timeout=10000)
    compare = rwindow.compare_dialog
    assert compare.texts[0] == body and len(compare.left.toPlainText()) == len(body)
    assert "difference" in compare.summary.text()
    assert any(end == len(body) and start < len(body) * 3 // 4 for _kind, (start, end) in compare.marked["left"]), \
        "the end the cut left out is marked on the longer side"
    assert compare.marked["left"] and all(s < e for _k, (s, e) in compare.marked["left"] + compare.marked["right"])
    compare.resize(800, 400)
    qtbot.wait(20)
    left_bar, right_bar = compare.left.verticalScrollBar(), compare.right.verticalScrollBar()
    assert left_bar.maximum() > 0
    left_bar.setValue(left_bar.maximum())
    assert right_bar.value() == right_bar.maximum(), "the two texts scroll together"
    compare.close()
    panel.versions.selectRow(0)
    panel.accept_version_button.click()
    qtbot.waitUntil(lambda: _links(panel) == [(copy, "other version")] and panel.versions_box.isHidden(),
                    timeout=15000)


def test_a_thread_from_selected_stories_with_its_timeline_by_date(qtbot, rwindow: MainWindow,
                                                                  archive: Archive) -> None:
    assert rwindow.select_ids([5, 3, 2])
    dialog = rwindow.new_thread_from_selection()
    qtbot.keyClicks(dialog.edit, "Strikes on Kataib Hezbollah")
    _ok(dialog)
    qtbot.waitUntil(lambda: len(rwindow.thread_pages) == 1, timeout=15000)
    page = next(iter(rwindow.thread_pages.values()))
    qtbot.waitUntil(lambda: page.data is not None and not page.loading, timeout=10000)
    timeline = page.timeline.rows_model()
    assert timeline.ids() == [2, 3, 5], "dated stories by date, undated last"
    assert [timeline.index(r, 0).data() for r in range(3)] == ["2020-03-12", "2020-03-13", ""]
    assert page.entities.rows_model().rowCount() > 0 and page.summary.text().startswith("3 stories")
    top = page.entities.rows_model().rows()[0]
    assert top.stories == 3
    # take a story out; Undo puts it back
    page.timeline.selectRow(2)
    page.remove_button.click()
    qtbot.waitUntil(lambda: timeline.ids() == [2, 3], timeout=10000)
    rwindow.undo_action.trigger()
    qtbot.waitUntil(lambda: timeline.ids() == [2, 3, 5], timeout=10000)
    # add the story selected in the results
    rwindow.select_ids([1])
    page.add_button.click()
    qtbot.waitUntil(lambda: timeline.ids() == [2, 3, 1, 5] or sorted(timeline.ids()) == [1, 2, 3, 5], timeout=10000)
    # rename
    page.name.setText("Kataib Hezbollah strikes")
    page.name.setModified(True)
    page.save_button.click()
    qtbot.waitUntil(lambda: page.windowTitle() == "Thread \u2014 Kataib Hezbollah strikes", timeout=10000)
    assert [t.name for t in list_threads(archive)] == ["Kataib Hezbollah strikes"]
    # the thread browser lists it; activating a timeline row opens the story
    browser = rwindow.show_threads()
    qtbot.waitUntil(lambda: [t.name for t in browser.threads.rows_model().rows()] == ["Kataib Hezbollah strikes"],
                    timeout=10000)
    # "Add selected stories to thread" from the menu: the thread selected in the Threads dock
    page.timeline.selectRow(timeline.ids().index(1))
    page.remove_button.click()
    qtbot.waitUntil(lambda: 1 not in timeline.ids(), timeout=10000)
    browser.threads.selectRow(0)
    rwindow.select_ids([1, 4])
    rwindow.add_to_thread_action.trigger()
    qtbot.waitUntil(lambda: sorted(timeline.ids()) == [1, 2, 3, 4, 5], timeout=10000)
    page.timeline.activated.emit(timeline.index(timeline.ids().index(3), 0))
    qtbot.waitUntil(lambda: getattr(rwindow.reader.article, "id", None) == 3, timeout=5000)
    assert page.briefing_button.isEnabled()


def test_accept_a_proposed_thread_under_a_new_name(qtbot, rwindow: MainWindow, archive: Archive) -> None:
    browser = rwindow.show_threads()
    qtbot.waitUntil(lambda: not browser.loading, timeout=10000)
    assert browser.proposals.rows_model().rowCount() == 0
    browser.propose_button.click()
    qtbot.waitUntil(lambda: browser.proposals.rows_model().rowCount() == 1 and not rwindow.task_progress.running,
                    timeout=30000)
    browser.proposals.selectRow(0)
    assert browser.proposal_name.text() == browser.proposals.rows_model().rows()[0].name
    browser.proposal_name.setText("Camp Taji rocket attack, March 2020")
    browser.accept_button.click()
    qtbot.waitUntil(lambda: [t.name for t in browser.threads.rows_model().rows()]
                    == ["Camp Taji rocket attack, March 2020"] and browser.proposals.rows_model().rowCount() == 0,
                    timeout=15000)
    assert open_thread_proposals(archive) == []
    assert [s.article_id for s in thread_timeline(archive, list_threads(archive)[0].id)][:2] == [2, 3]
    browser.threads.selectRow(0)
    browser.open_button.click()
    page = next(iter(rwindow.thread_pages.values()))
    qtbot.waitUntil(lambda: page.data is not None and len(page.story_ids()) == 5, timeout=10000)
    panel = _open(qtbot, rwindow, 4)
    assert [t.name for t in panel.threads.rows_model().rows()] == ["Camp Taji rocket attack, March 2020"]


def test_graph_has_a_node_per_neighbour_and_clicking_opens_the_story(qtbot, rwindow: MainWindow,
                                                                     archive: Archive) -> None:
    _with_suggestions(qtbot, rwindow, 2)
    add_link(archive, 2, 5, "follow_up")
    with qtbot.waitSignal(rwindow.results_refreshed, timeout=20000):
        rwindow.entity_ctx.changed([2, 5])
    dialog = rwindow.show_story_graph(2)
    qtbot.waitUntil(lambda: getattr(dialog, "loaded", False), timeout=10000)
    view = dialog.view
    assert set(view.nodes) == {2, 5, 1, 3, 4}, "the story, its link, and its suggestions"
    assert [n.kind for n in view.data_.neighbours if n.article_id == 5] == ["linked"]
    assert "followed up by" in view.edge_labels and any(lbl.startswith("suggested") for lbl in view.edge_labels)
    node = view.nodes[3]
    pos = view.mapFromScene(node.scenePos())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y()))
    qtbot.waitUntil(lambda: getattr(rwindow.reader.article, "id", None) == 3, timeout=5000)


def test_link_selected_stories(qtbot, rwindow: MainWindow, archive: Archive) -> None:
    assert link_pairs([3, 2, 5]) == [(3, 2), (3, 5), (2, 5)]
    assert type_choices(False)[0] == ("Same event", "same_event", False)
    assert ("Follow-up of", "follow_up", True) in type_choices(True)
    rwindow.select_ids([5, 2, 3])
    dialog = rwindow.link_selected_stories()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findText("Followed up by"))
    _ok(dialog)
    qtbot.waitUntil(lambda: "3 links" in rwindow.undo_action.text(), timeout=10000)
    assert [(r.other_id, r.label) for r in links_for(archive, 2)] == [(3, "followed up by"), (5, "followed up by")]
    rwindow.undo_action.trigger()
    qtbot.waitUntil(lambda: links_for(archive, 2) == [] and links_for(archive, 3) == [], timeout=10000)
    rwindow.select_ids([2])
    assert rwindow.link_selected_stories() is None


def test_models_pass_the_model_tester(qtbot, qtmodeltester, archive: Archive) -> None:
    add_link(archive, 2, 5, "follow_up", note="n")
    thread_id = create_thread(archive, "T", [2, 3, 5])
    index = RelatedIndex(archive)
    index.build()
    page = load_thread(archive, thread_id)
    filled = [
        (models.links_model(), links_for(archive, 2)),
        (models.suggestions_model(), index.suggestions(2)),
        (models.threads_model(), list_threads(archive)),
        (models.timeline_model(), page.timeline),
        (models.entities_model(), page.entities),
        (models.picker_model(), [(1, "A", "B", None), (2, None, None, "2020-01-01")]),
        (models.versions_model(), []),
        (models.proposals_model(), []),
    ]
    for model, rows in filled:
        model.set_rows(rows)
        qtmodeltester.check(model)
        model.sort(0, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model)
    suggestions = filled[1][0]
    suggestions.sort(1, Qt.SortOrder.DescendingOrder)
    assert suggestions.index(0, 1).data(models.SortRole) == max(s.score for s in index.suggestions(2))
    assert suggestions.index(0, 0).data(models.IdRole) in {1, 3, 4, 5}


def test_docks_are_tabified_and_add_no_width(qtbot, rwindow: MainWindow) -> None:
    assert rwindow.related_dock in rwindow.tabifiedDockWidgets(rwindow.story_entities_dock)
    assert rwindow.threads_dock in rwindow.tabifiedDockWidgets(rwindow.filters_dock)
    panel = rwindow.show_related()
    rwindow.show_threads()
    qtbot.wait(20)
    assert panel.minimumSizeHint().width() <= rwindow.story_entities.minimumSizeHint().width()
    if rwindow.entity_browser is not None:
        assert rwindow.thread_browser.minimumSizeHint().width() <= rwindow.entity_browser.minimumSizeHint().width()
    with_docks = rwindow.minimumSizeHint().width()
    rwindow.related_dock.close()
    rwindow.threads_dock.close()
    qtbot.waitUntil(lambda: not rwindow.related_dock.isVisible() and not rwindow.threads_dock.isVisible(), timeout=2000)
    assert with_docks <= rwindow.minimumSizeHint().width()
    rwindow.show_related()
    rwindow.show_threads()
    qtbot.wait(20)
    assert rwindow.size().toTuple() == SIZE
    assert rwindow.related_dock.toggleViewAction() in rwindow.related_menu.actions()


def _no_clipped_buttons(widget) -> None:
    for button in widget.findChildren(QPushButton):
        if button.isVisible():
            assert button.width() >= button.sizeHint().width(), button.text()


def test_screenshots_light_and_dark(qtbot, rwindow: MainWindow, archive: Archive, dark_palette,
                                    screenshot_dir: Path | None) -> None:
    add_link(archive, 2, 5, "follow_up", note="the Pentagon's account")
    thread_id = create_thread(archive, "Camp Taji rocket attack and US strikes, March 2020", [1, 2, 3, 4, 5])
    with qtbot.waitSignal(rwindow.results_refreshed, timeout=20000):  # the index catches up first
        rwindow.entity_ctx.changed([1, 2, 3, 4, 5])
    panel = _with_suggestions(qtbot, rwindow, 2)
    qtbot.waitUntil(lambda: panel.links.rows_model().rowCount() == 1 and panel.threads.rows_model().rowCount() == 1,
                    timeout=15000)
    panel.suggestions.selectRow(0)
    rwindow.show_threads()
    page = rwindow.open_thread_page(thread_id)
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    graph = rwindow.show_story_graph(2)
    qtbot.waitUntil(lambda: getattr(graph, "loaded", False), timeout=10000)
    rwindow.compare_versions(2, 3)
    qtbot.waitUntil(lambda: rwindow.compare_dialog is not None, timeout=10000)
    compare = rwindow.compare_dialog
    picker = rwindow.link_from_reader()
    qtbot.keyClicks(picker.search, "militia")
    qtbot.waitUntil(lambda: picker.table.rows_model().rowCount() >= 3, timeout=10000)
    for suffix, palette in (("", None), ("_dark", dark_palette)):
        if palette is not None:
            for widget in (rwindow, page, graph, compare, picker):
                widget.setPalette(palette)
        qtbot.wait(80)
        assert panel.isVisible() and panel.width() >= 250
        _no_clipped_buttons(panel)
        _no_clipped_buttons(rwindow.thread_browser)
        _no_clipped_buttons(page)
        _no_clipped_buttons(picker)
        if screenshot_dir is not None:
            rwindow.grab().save(str(screenshot_dir / f"related_dock{suffix}.png"))
            page.grab().save(str(screenshot_dir / f"related_thread_page{suffix}.png"))
            graph.grab().save(str(screenshot_dir / f"related_graph{suffix}.png"))
            compare.grab().save(str(screenshot_dir / f"related_compare{suffix}.png"))
            picker.grab().save(str(screenshot_dir / f"related_link_picker{suffix}.png"))


def test_the_index_builds_once_in_the_background_and_can_be_cancelled(
        qtbot, rwindow: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    built = RelatedIndex.build
    calls: list[int] = []

    def slow_build(self, *, progress=None, cancel=None):  # waits for Cancel (or 10 s)
        calls.append(1)
        if len(calls) == 1:
            progress(0, 5)
            cancel.wait(10)
            return 0
        return built(self, progress=progress, cancel=cancel)

    monkeypatch.setattr(RelatedIndex, "build", slow_build)
    rwindow.open_story(2)
    panel = rwindow.related_panel
    qtbot.wait(100)
    assert calls == [], "a hidden dock asks for nothing"
    rwindow.show_related()
    qtbot.waitUntil(lambda: rwindow.task_progress.running and calls == [1], timeout=5000)
    qtbot.waitUntil(lambda: not panel.loading and panel.data is not None, timeout=5000)
    assert "reading the archive" in panel.suggestions_title.text()
    assert rwindow.task_progress.label.text().startswith("Reading stories for suggestions")
    rwindow.task_progress.cancel_button.click()
    qtbot.waitUntil(lambda: not rwindow.task_progress.running, timeout=5000)
    assert "stopped" in rwindow.statusBar().currentMessage()
    panel.reload()  # needed again: built now, once
    qtbot.waitUntil(lambda: not panel.loading and panel.data is not None and panel.data.suggestions, timeout=15000)
    panel.reload()
    qtbot.waitUntil(lambda: not panel.loading, timeout=5000)
    assert len(calls) == 2
