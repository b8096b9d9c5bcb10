"""The Entities dock and the entity page, driven as a reporter would, on the five seeds.

The widgets get a real :class:`EntityContext`: the seeded archive, a writer pool and a read pool
of one thread each (as in the window) through :class:`TaskRunner`, and recorders for "open this
story" and the Undo stack. Merges are undone by running the pushed undo callable on the writer
thread, as Edit > Undo does, and the archive is compared before and after: names, kinds,
parents, aliases and mentions of every entity. With ``SCREENSHOT_DIR`` set, the browser, a page
and the review queue are saved there, in the light and a dark palette.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMessageBox,
    QTableView,
    QTabWidget,
    QWidget,
)

from desktop.core.archive import Archive
from desktop.core.entities.editing import split_alias
from desktop.core.entities.kinds import KIND_LABELS
from desktop.core.entities.store import create_entity, find_entities, get_entity
from desktop.ui.entities.browser import EntityBrowser
from desktop.ui.entities.context import EntityContext
from desktop.ui.entities.page import EntityPage, open_page, open_pages
from desktop.ui.entities.review import MergeReviewDialog, proposals_model
from desktop.ui.models.entities_model import EntitiesModel, IdRole, SortRole
from desktop.ui.tasks import TaskRunner

SCREEN = (1280, 800)
#: The offscreen platform cannot raise a window (pages and the review queue are raised when opened).
pytestmark = pytest.mark.qt_log_ignore("does not support raise")


# -- fixtures and helpers ------------------------------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.opened: list[int] = []
        self.undos: list[tuple[str, Callable[[], Any]]] = []
        self.changes: list[list[int]] = []


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


@pytest.fixture
def ctx(qtbot, archive: Archive, rec: Recorder) -> Iterator[EntityContext]:
    runner = TaskRunner(rec.errors.append)
    writer, reader = QThreadPool(), QThreadPool()
    writer.setMaxThreadCount(1)
    reader.setMaxThreadCount(1)
    context = EntityContext(
        archive=archive,
        run_write=lambda fn, done: runner.run(writer, fn, done),
        run_read=lambda fn, done: runner.run(reader, fn, done),
        open_story=rec.opened.append,
        push_undo=lambda label, undo: rec.undos.append((label, undo)),
    )
    context.signals.changed.connect(rec.changes.append)
    yield context
    for page in open_pages(context):
        page.ask_discard = lambda: True  # type: ignore[method-assign]
        page.close()
    runner.stop()
    # Every read and write must end before the archive fixture closes its connection (a read
    # still running then would use a closed SQLite handle); sized for a loaded 2-core machine.
    assert writer.waitForDone(180_000) and reader.waitForDone(180_000)


@pytest.fixture
def browser(qtbot, ctx: EntityContext) -> EntityBrowser:
    widget = EntityBrowser(ctx)
    qtbot.addWidget(widget)
    widget.resize(440, 700)
    widget.show()
    qtbot.waitUntil(lambda: not widget.model.loading and widget.model.rowCount() > 0, timeout=10000)
    return widget


def entity_id(archive: Archive, name: str) -> int:
    found = find_entities(archive, name)
    assert len(found) == 1, (name, found)
    return found[0]


def snapshot(archive: Archive) -> dict[int, tuple]:
    """Every entity with its names, parent and mentions (id, article, span, state)."""
    found = {}
    for eid, name, kind, parent, description, notes in archive.db.execute(
            "SELECT id, name, kind, parent_id, description, notes FROM entities"):
        aliases = sorted(r[0] for r in archive.db.execute("SELECT alias FROM entity_aliases WHERE entity_id = ?", [eid]))
        mentions = sorted(archive.db.execute(
            "SELECT id, article_id, start, end, state FROM mentions WHERE entity_id = ?", [eid]).fetchall())
        found[eid] = (name, kind, parent, description, notes, aliases, mentions)
    return found


def answer_keep(name: str) -> None:
    """When the "which to keep" question appears, press the button keeping ``name``."""
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        for button in box.buttons():
            if button.text() == f"Keep \u201c{name}\u201d":
                button.click()
                return
        raise AssertionError([b.text() for b in box.buttons()])
    QTimer.singleShot(0, press)


def run_undo(qtbot, ctx: EntityContext, rec: Recorder, label: str) -> None:
    """Edit > Undo: the pushed callable runs on the writer thread, then widgets are told."""
    assert rec.undos and rec.undos[-1][0] == label, rec.undos
    _label, undo = rec.undos.pop()
    done: list[Any] = []
    ctx.run_write(undo, lambda result: (done.append(result), ctx.changed([])))
    qtbot.waitUntil(lambda: bool(done), timeout=10000)


def row_of(table: QTableView, text: str, column: int = 0) -> int:
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, column).data() == text:
            return row
    return -1


def click_row(qtbot, table: QTableView, row: int, *, double: bool = False, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    table.scrollTo(table.model().index(row, 0))
    center = table.visualRect(table.model().index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, center)
    if double:  # QTest's double click alone is not a complete click for the view
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, center)


def loaded_page(qtbot, ctx: EntityContext, eid: int) -> EntityPage:
    qtbot.waitUntil(lambda: any(p.entity_id == eid and p.data is not None and p.isVisible()
                                for p in open_pages(ctx)), timeout=10000)
    pages = [p for p in open_pages(ctx) if p.entity_id == eid]
    return pages[0]


def clipped(root: QWidget) -> list[str]:
    """Visible buttons and one-line labels narrower than their text needs."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.window() is not root:
            continue
        has_text = isinstance(widget, QAbstractButton | QLabel) and bool(widget.text())
        one_line = not (isinstance(widget, QLabel) and widget.wordWrap())
        if has_text and one_line and widget.width() < widget.sizeHint().width() - 1:
            found.append(f"{type(widget).__name__} {widget.text()!r} {widget.width()} < {widget.sizeHint().width()}")
    return found


def mnemonics(root: QWidget) -> list[str]:
    """The Alt+letter keys of the visible buttons, field labels and tabs, one entry per use."""
    def own(kind: type) -> list[Any]:  # not those of the windows it is the parent of
        return [w for w in root.findChildren(kind) if w.window() is root and w.isVisibleTo(root)]

    texts = [w.text() for w in own(QAbstractButton)] + [w.text() for w in own(QLabel) if w.buddy() is not None]
    for tabs in own(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    return [m.group(1).lower() for t in texts for m in [re.search(r"&([^&])", t.replace("&&", ""))] if m]


def save_shot(widget: QWidget, folder: Path | None, name: str) -> None:
    image = widget.grab()
    assert not image.isNull() and image.width() > 100
    if folder is not None:
        image.save(str(folder / f"{name}.png"))


# -- the model ------------------------------------------------------------------------------------


def test_entities_model_passes_the_model_tester(qtbot, qtmodeltester, ctx: EntityContext, archive: Archive) -> None:
    model = EntitiesModel(ctx)
    qtmodeltester.check(model)
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 68 and not model.loading, timeout=10000)
    qtmodeltester.check(model)
    stories = [model.index(r, 2).data(SortRole) for r in range(model.rowCount())]
    assert all(isinstance(s, int) for s in stories) and stories == sorted(stories, reverse=True)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    names = [model.index(r, 0).data(SortRole) for r in range(model.rowCount())]
    assert names == sorted(names)
    assert model.index(model.row_of(entity_id(archive, "Kataib Hezbollah")), 0).data(IdRole) == \
        entity_id(archive, "Kataib Hezbollah")
    assert model.total == 68
    qtmodeltester.check(model)


def test_page_and_review_models_pass_the_model_tester(qtbot, qtmodeltester, ctx: EntityContext,
                                                      archive: Archive) -> None:
    page = open_page(ctx, entity_id(archive, "Kataib Hezbollah"))
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    qtmodeltester.check(page.stories_model)
    qtmodeltester.check(page.related_model)
    create_entity(archive, "Kataeb Hizbulla", "armed_group")
    from desktop.core.entities.proposals import open_proposals, refresh_proposals
    refresh_proposals(archive)
    model = proposals_model()
    model.set_rows(open_proposals(archive))
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_ten_thousand_entities_never_block_the_gui_thread(qtbot, ctx: EntityContext, archive: Archive) -> None:
    with archive.transaction() as db:
        db.conn.executemany(
            "INSERT INTO entities(name, kind, created_at, updated_at) VALUES (?, 'person', '', '')",
            [(f"Person {n:05d}",) for n in range(10_000)])
    model = EntitiesModel(ctx)
    model.reload()
    assert model.rowCount() == 0, "the query runs on the read thread: reload() returns before its answer"
    qtbot.waitUntil(lambda: model.rowCount() == 10_068, timeout=20000)
    # A page's answer (10,000 parent choices) is put in place quickly too.
    from desktop.ui.entities.queries import page_data
    kh = entity_id(archive, "Kataib Hezbollah")
    page = open_page(ctx, kh)
    qtbot.waitUntil(lambda: page.data is not None, timeout=20000)
    data = page_data(archive, kh)
    assert len(data.parents) > 10_000
    page._loaded(kh, data)
    page.parent_choice.setEditText("person 00999")  # case does not matter
    assert page.parent_choice.chosen() == archive.db.execute(
        "SELECT id FROM entities WHERE name = 'Person 00999'").fetchone()[0]
    rows = [model.summary(r) for r in range(model.rowCount())]
    model.set_rows(rows)
    assert model.rowCount() == 10_068
    model.sort(0, Qt.SortOrder.AscendingOrder)
    keys = [model.index(r, 0).data(SortRole) for r in range(model.rowCount())]
    assert keys == sorted(keys)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    keys = [model.index(r, 2).data(SortRole) for r in range(model.rowCount())]
    assert keys == sorted(keys, reverse=True)


# -- the browser ----------------------------------------------------------------------------------


def test_search_by_any_alias_and_kind_filter(qtbot, browser: EntityBrowser, archive: Archive) -> None:
    assert browser.count.text() == "68 entities"
    asked = browser.model._seq
    qtbot.keyClicks(browser.search, "Kata'ib")
    qtbot.waitUntil(lambda: browser.model.names() == ["Kataib Hezbollah"], timeout=10000)
    assert browser.model._seq == asked + 1  # one query for seven keys (debounced)
    assert browser.count.text() == "1 of 68 entities"
    browser.search.clear()
    qtbot.waitUntil(lambda: browser.model.rowCount() == 68, timeout=10000)

    browser.kind.setCurrentIndex(browser.kind.findText(KIND_LABELS["person"]))
    qtbot.waitUntil(lambda: 0 < browser.model.rowCount() < 68, timeout=10000)
    assert {browser.model.summary(r).kind for r in range(browser.model.rowCount())} == {"person"}
    assert "Mark Esper" in browser.model.names()
    qtbot.keyClicks(browser.search, "esper")
    qtbot.waitUntil(lambda: browser.model.names() == ["Mark Esper"], timeout=10000)
    browser.kind.setCurrentIndex(browser.kind.findText(KIND_LABELS["place"]))
    qtbot.waitUntil(lambda: browser.model.rowCount() == 0 and not browser.model.loading, timeout=10000)
    assert browser.count.text() == "0 of 68 entities"


def test_keyboard_search_then_enter_opens_the_page(qtbot, browser: EntityBrowser, ctx: EntityContext,
                                                   archive: Archive) -> None:
    browser.search.setFocus()
    qtbot.keyClicks(browser.search, "Jurf al-Sakher")
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: browser.model.names() == ["Jurf al-Nasr"], timeout=10000)
    qtbot.keyClick(browser.search, Qt.Key.Key_Down)
    assert browser.table.hasFocus() and browser.selected_ids() == [entity_id(archive, "Jurf al-Nasr")]
    qtbot.keyClick(browser.table, Qt.Key.Key_Return)
    page = loaded_page(qtbot, ctx, entity_id(archive, "Jurf al-Nasr"))
    assert "Jurf al-Sakher" in page.aliases.aliases()
    # A second open raises the same page.
    click_row(qtbot, browser.table, 0, double=True)
    assert [p for p in open_pages(ctx) if p.entity_id == page.entity_id] == [page]


def test_page_shows_names_parent_stories_and_co_occurring(qtbot, browser: EntityBrowser, ctx: EntityContext,
                                                          archive: Archive, rec: Recorder) -> None:
    kh = entity_id(archive, "Kataib Hezbollah")
    click_row(qtbot, browser.table, browser.model.row_of(kh), double=True)
    page = loaded_page(qtbot, ctx, kh)
    assert page.name.text() == "Kataib Hezbollah"
    assert page.kind.currentData() == "armed_group"
    assert page.parent_choice.currentText() == "Popular Mobilization Forces"
    assert {"KH", "Hezbollah Brigades", "Kataeb Hezbollah"} <= set(page.aliases.aliases())
    assert "Kataib Hezbollah" not in page.aliases.aliases()
    assert page.stories_model.rowCount() == 5 and page.tabs.tabText(0) == "S&tories (5)"
    dates = [d for d in (page.stories_model.index(r, 0).data() for r in range(5)) if d]
    assert dates == sorted(dates, reverse=True)
    related = page.related_model.rows()
    assert len(related) == 10 and kh not in [r.id for r in related]
    assert [r.shared for r in related] == sorted((r.shared for r in related), reverse=True)
    assert not page.save_button.isEnabled()

    click_row(qtbot, page.stories, 0)
    assert rec.opened and rec.opened[-1] == page.stories_model.ids()[0]
    page.tabs.setCurrentWidget(page.related)
    esper = entity_id(archive, "Mark Esper")
    click_row(qtbot, page.related, row_of(page.related, "Mark Esper"), double=True)
    other = loaded_page(qtbot, ctx, esper)
    assert other is not page and other.name.text() == "Mark Esper"
    assert other.parent_choice.currentText() == "(none)"
    assert not rec.errors


def test_rename_keeps_the_old_name_and_edits_details(qtbot, browser: EntityBrowser, ctx: EntityContext,
                                                     archive: Archive, rec: Recorder) -> None:
    esper = entity_id(archive, "Mark Esper")
    page = open_page(ctx, esper, browser)
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    page.name.clear()
    qtbot.keyClicks(page.name, "Mark Thomas Esper")
    page.description.clear()
    qtbot.keyClicks(page.description, "US Secretary of Defense 2019-2020")
    page.parent_choice.setEditText("Pentag")
    assert not page.save_button.isEnabled()  # names no entity yet
    page.parent_choice.setEditText("Pentagon")
    assert page.save_button.isEnabled() and page.revert_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.data is not None and page.data.entity.name == "Mark Thomas Esper", timeout=10000)
    entity = get_entity(archive, esper)
    assert entity.name == "Mark Thomas Esper" and "Mark Esper" in entity.aliases
    assert entity.description == "US Secretary of Defense 2019-2020"
    assert entity.parent_id == entity_id(archive, "Pentagon")
    assert "Mark Esper" in page.aliases.aliases() and page.windowTitle().startswith("Mark Thomas Esper")
    assert not page.save_button.isEnabled()
    assert rec.changes and len(rec.changes[-1]) == 5  # the five stories that mention him
    qtbot.waitUntil(lambda: "Mark Thomas Esper" in browser.model.names(), timeout=10000)
    # Names: add and remove.
    qtbot.keyClicks(page.aliases.new_alias, "Secretary Esper")
    qtbot.keyClick(page.aliases.new_alias, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Secretary Esper" in page.aliases.aliases(), timeout=10000)
    page.aliases.select("Secretary Esper")
    qtbot.mouseClick(page.aliases.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Secretary Esper" not in page.aliases.aliases(), timeout=10000)
    assert "Secretary Esper" not in get_entity(archive, esper).aliases
    assert not rec.errors


def test_split_an_alias_off_and_undo(qtbot, ctx: EntityContext, archive: Archive, rec: Recorder) -> None:
    jurf = entity_id(archive, "Jurf al-Nasr")
    before = snapshot(archive)
    page = open_page(ctx, jurf)
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    assert page.aliases.select("Jurf al-Sakher")
    qtbot.mouseClick(page.aliases.split_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.data is not None and "Jurf al-Sakher" not in page.aliases.aliases(), timeout=10000)
    new = [e for e in find_entities(archive, "Jurf al-Sakher") if e != jurf]
    assert len(new) == 1 and get_entity(archive, new[0]).name == "Jurf al-Sakher"
    moved = archive.db.execute("SELECT count(*) FROM mentions WHERE entity_id = ?", new).fetchone()[0]
    assert moved > 0
    assert f"entity:{new[0]}" in page.status.text()
    page.status.linkActivated.emit(f"entity:{new[0]}")
    split_page = loaded_page(qtbot, ctx, new[0])
    assert split_page.stories_model.rowCount() == moved or split_page.stories_model.rowCount() >= 1
    # Undo merges it back: the split entity's page follows into Jurf al-Nasr's (already open).
    run_undo(qtbot, ctx, rec, "split of Jurf al-Sakher from Jurf al-Nasr")
    qtbot.waitUntil(lambda: "Jurf al-Sakher" in page.aliases.aliases(), timeout=10000)
    qtbot.waitUntil(lambda: [p.entity_id for p in open_pages(ctx)] == [jurf], timeout=10000)
    after = snapshot(archive)
    assert before[jurf][:5] == after[jurf][:5] and before[jurf][6] == after[jurf][6]
    assert sorted(before[jurf][5]) == sorted(after[jurf][5])
    assert not rec.errors


def test_merge_from_the_review_queue_and_undo(qtbot, browser: EntityBrowser, ctx: EntityContext,
                                              archive: Archive, rec: Recorder) -> None:
    jurf = entity_id(archive, "Jurf al-Nasr")
    sakher = split_alias(archive, jurf, "Jurf al-Sakher")
    ctx.changed([])
    before = snapshot(archive)
    qtbot.waitUntil(lambda: "Jurf al-Sakher" in browser.model.names(), timeout=10000)
    assert browser.review_button.text() == "&Review merges (0)"  # nothing proposed until looked for
    qtbot.mouseClick(browser.review_button, Qt.MouseButton.LeftButton)
    review = browser.review
    qtbot.waitUntil(lambda: review.loads >= 1 and review.view.model.rowCount() == 1, timeout=10000)
    qtbot.waitUntil(lambda: browser.review_button.text() == "&Review merges (1)", timeout=10000)
    proposal = review.view.current()
    assert {proposal.a_name, proposal.b_name} == {"Jurf al-Nasr", "Jurf al-Sakher"}
    assert "transliteration" in review.view.evidence.text()
    answer_keep("Jurf al-Nasr")
    qtbot.mouseClick(review.view.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(rec.undos), timeout=10000)
    assert rec.undos[-1][0] == "merge of Jurf al-Sakher into Jurf al-Nasr"
    assert get_entity(archive, sakher) is None and "Jurf al-Sakher" in get_entity(archive, jurf).aliases
    qtbot.waitUntil(lambda: review.view.model.rowCount() == 0 and "Jurf al-Sakher" not in browser.model.names(),
                    timeout=10000)
    run_undo(qtbot, ctx, rec, "merge of Jurf al-Sakher into Jurf al-Nasr")
    assert snapshot(archive) == before
    qtbot.waitUntil(lambda: review.view.model.rowCount() == 1, timeout=10000)
    # Not the same: the proposal goes for good.
    qtbot.mouseClick(review.view.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: review.view.model.rowCount() == 0 and review.view.empty.isVisible(), timeout=10000)
    assert snapshot(archive) == before
    assert not rec.errors


def test_merging_away_the_shown_entity_switches_the_page(qtbot, ctx: EntityContext, archive: Archive,
                                                          rec: Recorder) -> None:
    from desktop.core.entities.proposals import refresh_proposals

    kh = entity_id(archive, "Kataib Hezbollah")
    dup = create_entity(archive, "Kataeb Hizbulla", "armed_group", aliases=["Kata'ib Hizbulla"], notes="from a tip")
    refresh_proposals(archive)
    before = snapshot(archive)
    page = open_page(ctx, dup)
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    assert page.tabs.tabText(2) == "Proposed Mer&ges (1)"
    page.tabs.setCurrentWidget(page.proposals)
    answer_keep("Kataib Hezbollah")
    qtbot.mouseClick(page.proposals.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.entity_id == kh and page.data is not None and page.data.entity.id == kh,
                    timeout=10000)
    assert {"Kataeb Hizbulla", "Kata'ib Hizbulla"} <= set(page.aliases.aliases())
    assert page.name.text() == "Kataib Hezbollah" and page.tabs.tabText(2) == "Proposed Mer&ges (0)"
    run_undo(qtbot, ctx, rec, "merge of Kataeb Hizbulla into Kataib Hezbollah")
    assert snapshot(archive) == before
    qtbot.waitUntil(lambda: "Kataeb Hizbulla" not in page.aliases.aliases(), timeout=10000)
    assert not rec.errors


def test_merge_two_selected_rows_and_undo(qtbot, browser: EntityBrowser, ctx: EntityContext, archive: Archive,
                                          rec: Recorder) -> None:
    before = snapshot(archive)
    esper, milley = entity_id(archive, "Mark Esper"), entity_id(archive, "Mark Milley")
    qtbot.keyClicks(browser.search, "mark")
    qtbot.waitUntil(lambda: set(browser.model.names()) == {"Mark Esper", "Mark Milley"}, timeout=10000)
    assert not browser.merge_button.isEnabled()
    click_row(qtbot, browser.table, browser.model.row_of(esper))
    click_row(qtbot, browser.table, browser.model.row_of(milley), modifier=Qt.KeyboardModifier.ControlModifier)
    assert sorted(browser.selected_ids()) == sorted([esper, milley]) and browser.merge_button.isEnabled()
    answer_keep("Mark Milley")
    qtbot.mouseClick(browser.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: browser.model.names() == ["Mark Milley"], timeout=10000)
    assert get_entity(archive, esper) is None
    assert browser.selected_ids() == [milley]
    run_undo(qtbot, ctx, rec, "merge of Mark Esper into Mark Milley")
    qtbot.waitUntil(lambda: len(browser.model.names()) == 2, timeout=10000)
    assert snapshot(archive) == before
    # Cancel merges nothing.
    browser.select_ids([esper, milley])
    def cancel() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, cancel)
            return
        box.button(QMessageBox.StandardButton.Cancel).click()
    QTimer.singleShot(0, cancel)
    browser.merge_selected()
    assert snapshot(archive) == before and not rec.undos
    assert not rec.errors


def test_unsaved_edits_are_kept_or_dropped_on_escape(qtbot, ctx: EntityContext, archive: Archive,
                                                    rec: Recorder) -> None:
    esper = entity_id(archive, "Mark Esper")
    page = open_page(ctx, esper)
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    qtbot.keyClicks(page.notes, "Check his title before publishing")
    page.name.setFocus()
    ctx.changed([])  # another widget's change: the reload keeps what is being typed
    qtbot.waitUntil(lambda: bool(rec.changes), timeout=10000)
    qtbot.wait(100)
    assert page.notes.toPlainText() == "Check his title before publishing" and page.is_dirty()

    def press(which: QMessageBox.StandardButton) -> None:
        def run() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(20, run)
                return
            box.button(which).click()
        QTimer.singleShot(0, run)

    press(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(page.name, Qt.Key.Key_Escape)
    assert page.isVisible() and page.is_dirty()
    press(QMessageBox.StandardButton.Discard)
    qtbot.keyClick(page.name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: esper not in [p.entity_id for p in open_pages(ctx)], timeout=10000)
    assert get_entity(archive, esper).notes == ""


def test_review_queue_opened_by_the_window_looks_for_proposals(qtbot, ctx: EntityContext,
                                                               archive: Archive) -> None:
    create_entity(archive, "Qasem Soleymani", "person")
    dialog = MergeReviewDialog(ctx)  # as the Entities menu opens it: no refresh asked for
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.view.model.rowCount() == 1, timeout=10000)
    assert dialog.view.current().b_name == "Qasem Soleymani"
    assert dialog.status.text().startswith("1 proposed merge.")


def test_switching_archives_closes_pages_and_reloads(qtbot, browser: EntityBrowser, ctx: EntityContext,
                                                     archive: Archive, empty_archive: Archive) -> None:
    page = open_page(ctx, entity_id(archive, "Kataib Hezbollah"), browser)
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    qtbot.keyClicks(page.notes, "typed before the switch")
    ctx.archive = empty_archive  # what the window does on File > Open
    ctx.changed([])
    qtbot.waitUntil(lambda: browser.model.rowCount() == 0 and browser.count.text() == "0 entities", timeout=10000)
    qtbot.waitUntil(lambda: open_pages(ctx) == [], timeout=10000)
    assert browser.review_button.text() == "&Review merges (0)"


# -- looks ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_looks_and_screenshots(qtbot, browser: EntityBrowser, ctx: EntityContext, archive: Archive,
                               dark: bool, dark_palette, screenshot_dir: Path | None) -> None:
    create_entity(archive, "Kataeb Hizbulla", "armed_group")
    suffix = "_dark" if dark else ""
    pages = []
    for name in ("Kataib Hezbollah", "Combined Joint Task Force - Operation Inherent Resolve"):
        page = open_page(ctx, entity_id(archive, name), browser)
        qtbot.waitUntil(lambda p=page: p.data is not None, timeout=10000)
        pages.append(page)
    review = browser.show_review()
    qtbot.waitUntil(lambda: review.view.model.rowCount() == 1, timeout=10000)
    qtbot.waitUntil(lambda: pages[0].tabs.tabText(2) == "Proposed Mer&ges (1)", timeout=10000)
    for widget in (browser, review, *pages):
        if dark:
            widget.setPalette(dark_palette)
        assert widget.width() <= SCREEN[0] and widget.height() <= SCREEN[1]
        assert widget.minimumSizeHint().width() <= SCREEN[0] and widget.minimumSizeHint().height() <= SCREEN[1]
    qtbot.keyClicks(browser.search, "Hezbollah")
    qtbot.waitUntil(lambda: browser.model.search == "Hezbollah" and not browser.model.loading, timeout=10000)
    assert browser.count.text() == f"{browser.model.rowCount()} of 69 entities"
    qtbot.wait(50)
    for widget in (browser, review, *pages):
        assert clipped(widget) == [], type(widget).__name__
        keys = mnemonics(widget)
        assert len(keys) == len(set(keys)), (type(widget).__name__, sorted(keys))
    save_shot(browser, screenshot_dir, f"entities_browser{suffix}")
    save_shot(review, screenshot_dir, f"entities_review{suffix}")
    save_shot(pages[0], screenshot_dir, f"entity_page{suffix}")
    pages[0].tabs.setCurrentWidget(pages[0].related)
    save_shot(pages[0], screenshot_dir, f"entity_page_appears_with{suffix}")
    pages[0].tabs.setCurrentWidget(pages[0].proposals)
    save_shot(pages[0], screenshot_dir, f"entity_page_merges{suffix}")
    keys = mnemonics(pages[0])
    assert "m" in keys and len(keys) == len(set(keys)), sorted(keys)
    save_shot(pages[1], screenshot_dir, f"entity_page_long_name{suffix}")


def test_review_proposes_a_bare_surname_and_the_merge_keeps_the_full_name(
        qtbot, browser: EntityBrowser, ctx: EntityContext, archive: Archive, rec: Recorder) -> None:
    bare = create_entity(archive, "Wallace", "person")
    full = entity_id(archive, "Ben Wallace")
    ctx.changed([])
    qtbot.mouseClick(browser.review_button, Qt.MouseButton.LeftButton)
    review = browser.review
    def pair_row() -> int | None:
        model = review.view.model
        return next((i for i in range(model.rowCount())
                     if {model.row(i).a_name, model.row(i).b_name} == {"Wallace", "Ben Wallace"}), None)
    qtbot.waitUntil(lambda: review.loads >= 1 and pair_row() is not None, timeout=10000)
    row = pair_row()
    review.view.table.selectRow(row)
    assert "last name" in review.view.evidence.text()
    seen: dict[str, Any] = {}

    def inspect() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, inspect)
            return
        seen["default"] = box.defaultButton().text()
        seen["info"] = box.informativeText()
        box.defaultButton().click()
    QTimer.singleShot(0, inspect)
    qtbot.mouseClick(review.view.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(rec.undos), timeout=10000)
    assert seen["default"] == "Keep \u201cBen Wallace\u201d"
    assert "2 words" in seen["info"] and "1 word" in seen["info"]
    assert rec.undos[-1][0] == "merge of Wallace into Ben Wallace"
    assert get_entity(archive, bare) is None and "Wallace" in get_entity(archive, full).aliases
    assert not rec.errors
