"""The Quotations dock in the real window: statements carried by most stories first, the stories
that carry one (activating a story opens it with the quote marked), speakers, the story in the
reader, citations on the clipboard, the word search, re-extraction with progress, and screenshots
in light and dark palettes (saved to ``SCREENSHOT_DIR`` when it is set)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from desktop.core.archive import Archive
from desktop.core.quotes.ledger import citation
from desktop.core.quotes.store import quotes_for_article
from desktop.ui.main_window import MainWindow
from desktop.ui.quotes.ledger import QuotesLedger
from desktop.ui.quotes.models import REVIEW_MARK, RowRole, SortRole, attribution, quotes_model
from desktop.ui.quotes.queries import StoryQuote, matches, words_of

SIZE = (1280, 800)
DEBOUNCE_WAIT = 400
ESPER = "The United States will not tolerate attacks"

@pytest.fixture
def qwindow(make_window, archive: Archive) -> MainWindow:
    window = make_window(archive)
    window.resize(*SIZE)
    window.show_quotes(QuotesLedger.BY_STATEMENT)
    return window


def _settled(qtbot, ledger: QuotesLedger, check=lambda: True) -> None:
    qtbot.waitUntil(lambda: not ledger.loading and check(), timeout=15000)


def _select(qtbot, ledger: QuotesLedger, table, row: int) -> None:
    table.setFocus()
    table.selectRow(row)
    _settled(qtbot, ledger)


def _top_statement(qtbot, window: MainWindow) -> QuotesLedger:
    ledger = window.quotes_ledger
    page = ledger.by_statement
    _settled(qtbot, ledger, lambda: page.statements.model().rowCount() > 0)
    _select(qtbot, ledger, page.statements, 0)
    _settled(qtbot, ledger, lambda: page.stories.model().rowCount() > 0)
    return ledger


def test_by_statement_lists_the_most_carried_first_and_opens_a_story_with_the_quote_marked(
        qtbot, qwindow: MainWindow, archive: Archive) -> None:
    ledger = _top_statement(qtbot, qwindow)
    page = ledger.by_statement
    model = page.statements.model()
    first = model.index(0, 0).data(RowRole)
    assert first.text.startswith(ESPER) and first.speaker == "Mark Esper"
    assert model.index(0, 2).data() == "5" and model.index(0, 2).data(SortRole) == 5
    assert (model.index(0, 3).data(), model.index(0, 4).data()) == ("2020-03-12", "GlobalSecurity.org")
    assert [model.index(r, 2).data(SortRole) for r in range(model.rowCount())] == sorted(
        (model.index(r, 2).data(SortRole) for r in range(model.rowCount())), reverse=True)
    # the five stories, first appearance first, each with its own wording and attribution
    stories = page.stories.model()
    rows = stories.rows()
    assert len({r.article_id for r in rows}) == stories.rowCount() == 5
    assert (rows[0].date, rows[0].outlet, rows[0].article_id) == ("2020-03-12", "GlobalSecurity.org", 2)
    assert stories.index(0, 2).data().startswith("The U.S. will not tolerate")
    assert stories.index(0, 3).data() == "Mark Esper, Defense Secretary"
    assert stories.index(0, 4).data().startswith("US Hits Back in Iraq")
    assert page.stories_label.text().startswith("Carried by 5 stories; first: GlobalSecurity.org, 2020-03-12")
    # Enter on a story opens it in the reader with the quotation marked
    target = next(r for r in range(stories.rowCount()) if rows[r].article_id == 3)
    page.stories.setFocus()
    page.stories.selectRow(target)
    assert "Defence Secretary" in page.details.toPlainText()
    qtbot.keyClick(page.stories, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: qwindow.reader.article is not None and qwindow.reader.article.id == 3, timeout=5000)
    row = rows[target]
    assert qwindow.reader.marked_spans() == [(row.start, row.end)]  # no astral characters: offsets as they are
    assert archive.get(3).body[row.start:row.end] == row.text  # type: ignore[union-attr]
    # the dock follows: "In this story" now lists story 3's quotations
    _settled(qtbot, ledger, lambda: ledger.article_id == 3)
    assert ledger.in_story.quotes.model().rowCount() == len(quotes_for_article(archive, 3))
    # Open story on the first-appearance story: the reader switches and marks again
    page.stories.selectRow(0)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: qwindow.reader.article.id == 2, timeout=5000)
    assert qwindow.reader.marked_spans() == [(rows[0].start, rows[0].end)]


def test_copy_citation_by_button_and_ctrl_c(qtbot, qwindow: MainWindow, archive: Archive) -> None:
    ledger = _top_statement(qtbot, qwindow)
    page = ledger.by_statement
    story = page.stories.model().rows()[1]
    page.stories.selectRow(1)
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    expected = citation(archive, story.quote_id)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == expected, timeout=5000)
    assert expected.startswith("\u201cThe United States will not tolerate") and "Mark Esper" in expected
    assert f"archive #{story.article_id}" in expected
    # Ctrl+C on a quote row of the story in the reader
    ledger.tabs.setCurrentIndex(ledger.IN_STORY)
    qwindow.select_ids([2])
    quotes = ledger.in_story.quotes
    _settled(qtbot, ledger, lambda: ledger.article_id == 2 and quotes.model().rowCount() > 0)
    quotes.setFocus()
    qtbot.waitUntil(quotes.hasFocus, timeout=2000)
    quotes.selectRow(2)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(quotes, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    quote = quotes.model().rows()[2]
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == citation(archive, quote.quote_id), timeout=5000)
    # the window's own Ctrl+C (results as citation lines) is untouched
    assert qwindow.copy_action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut


def test_by_speaker_lists_speakers_and_their_statements(qtbot, qwindow: MainWindow) -> None:
    ledger = qwindow.show_quotes(QuotesLedger.BY_SPEAKER)
    page = ledger.by_speaker
    _settled(qtbot, ledger, lambda: page.speakers.model().rowCount() > 0)
    speakers = page.speakers.model()
    assert speakers.index(0, 0).data() == "Mark Esper"
    assert speakers.index(0, 2).data(SortRole) == 5
    _select(qtbot, ledger, page.speakers, 0)
    statements = page.statements.model()
    _settled(qtbot, ledger, lambda: statements.rowCount() > 0)
    texts = [r.text for r in statements.rows()]
    assert texts[0].startswith(ESPER) and all(r.speaker == "Mark Esper" for r in statements.rows())
    assert page.statements_label.text().startswith(f"{len(texts)} statements by Mark Esper")
    # Enter on a statement shows its stories in "By statement"
    page.statements.setFocus()
    page.statements.selectRow(0)
    qtbot.keyClick(page.statements, Qt.Key.Key_Return)
    assert ledger.tabs.currentIndex() == ledger.BY_STATEMENT
    _settled(qtbot, ledger, lambda: ledger.by_statement.stories.model().rowCount() == 5)


def test_in_this_story_follows_the_reader(qtbot, qwindow: MainWindow, archive: Archive) -> None:
    ledger = qwindow.show_quotes(QuotesLedger.IN_STORY)
    quotes = ledger.in_story.quotes
    for article_id in (5, 1):
        qwindow.select_ids([article_id])
        _settled(qtbot, ledger, lambda a=article_id: ledger.article_id == a and quotes.model().rowCount() > 0)
        stored = quotes_for_article(archive, article_id)
        assert [r.quote_id for r in quotes.model().rows()] == [q.id for q in stored]
        assert quotes.model().index(0, 1).data() == attribution(stored[0].quote.speaker, stored[0].quote.role)
        assert ledger.in_story.summary.text().startswith(f"{len(stored)} quotations in")
    esper = next(r for r, q in enumerate(quotes.model().rows()) if q.speaker == "Mark Esper")
    assert quotes.model().index(esper, 2).data(SortRole) == 5  # the statement five stories carry
    quotes.setFocus()
    quotes.selectRow(esper)
    qtbot.keyClick(quotes, Qt.Key.Key_Return)
    row = quotes.model().rows()[esper]
    assert qwindow.reader.article.id == 1 and qwindow.reader.marked_spans() == [(row.start, row.end)]
    # All stories: to the statement with its five stories
    qtbot.mouseClick(ledger.in_story.statement_button, Qt.MouseButton.LeftButton)
    assert ledger.tabs.currentIndex() == ledger.BY_STATEMENT
    _settled(qtbot, ledger, lambda: ledger.by_statement.stories.model().rowCount() == 5)
    # no story open: the tab says so
    qwindow._reader_clear()
    _settled(qtbot, ledger, lambda: ledger.article_id is None)
    assert quotes.model().rowCount() == 0 and ledger.in_story.summary.text().startswith("Open a story")


def test_search_filters_statements_by_words(qtbot, qwindow: MainWindow) -> None:
    ledger = qwindow.quotes_ledger
    model = ledger.by_statement.statements.model()
    _settled(qtbot, ledger, lambda: model.rowCount() > 5)
    everything = model.rowCount()
    qtbot.keyClicks(ledger.search, "allies TOLERATE")  # any order, any case
    _settled(qtbot, ledger, lambda: model.rowCount() == 1)
    assert model.rows()[0].text.startswith(ESPER)
    assert ledger.by_statement.summary.text() == "1 statement with \u201callies tolerate\u201d"
    ledger.search.clear()
    qtbot.keyClicks(ledger.search, "jihadi")
    _settled(qtbot, ledger, lambda: 0 < model.rowCount() < everything)
    assert all("jihadi" in r.text.casefold() for r in model.rows())
    qtbot.keyClick(ledger.search, Qt.Key.Key_Down)  # down to the list, first row picked
    assert ledger.by_statement.statements.hasFocus() and ledger.by_statement.statements.current_row() == 0
    ledger.search.setText("nothing-says-this")
    _settled(qtbot, ledger, lambda: model.rowCount() == 0)
    ledger.search.clear()
    _settled(qtbot, ledger, lambda: model.rowCount() == everything)
    assert words_of("Kata\u2019ib  Hezbollah!") == ["kata'ib", "hezbollah"]
    assert matches("We hold their hands", ["hands", "hold"]) and not matches("We hold", ["hold", "hands"])


def test_models_pass_the_model_tester(qtbot, qtmodeltester, qwindow: MainWindow) -> None:
    ledger = _top_statement(qtbot, qwindow)
    qwindow.select_ids([2])
    _settled(qtbot, ledger, lambda: ledger.in_story.quotes.model().rowCount() > 0)
    ledger.tabs.setCurrentIndex(ledger.BY_SPEAKER)
    _select(qtbot, ledger, ledger.by_speaker.speakers, 0)
    for table in (ledger.by_statement.statements, ledger.by_statement.stories, ledger.by_speaker.speakers,
                  ledger.by_speaker.statements, ledger.in_story.quotes):
        assert table.model().rowCount() > 0, table.objectName()
        qtmodeltester.check(table.model())
        table.model().sort(1, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(table.model())
    unknown = quotes_model()
    unknown.set_rows([StoryQuote(1, 0, 5, "Hello", None, None, None, 1)])
    assert unknown.index(0, 1).data() == REVIEW_MARK + "speaker unknown"  # no speaker: marked for review
    qtmodeltester.check(unknown)


def test_reloads_after_imports_and_finds_quotations_again(qtbot, qwindow: MainWindow, archive: Archive) -> None:
    ledger = _top_statement(qtbot, qwindow)
    model = ledger.by_statement.statements.model()
    with archive.transaction() as db:
        db.execute("DELETE FROM quotes WHERE article_id = 5")
    qwindow.import_finished.emit(None)
    _settled(qtbot, ledger, lambda: model.rowCount() and model.rows()[0].stories == 4)
    assert qwindow.find_quotes_action in qwindow.quotes_menu.actions()
    qwindow.find_quotes_action.trigger()
    assert qwindow.task_progress.running
    qtbot.waitUntil(lambda: not qwindow.task_progress.running, timeout=30000)
    _settled(qtbot, ledger, lambda: model.rowCount() and model.rows()[0].stories == 5)
    assert model.rows()[0].text.startswith(ESPER)
    assert "Quotations found again" in qwindow.statusBar().currentMessage()


def test_the_dock_adds_no_width(qtbot, qwindow: MainWindow) -> None:
    ledger = qwindow.quotes_ledger
    assert qwindow.story_entities_dock in qwindow.tabifiedDockWidgets(qwindow.quotes_dock)
    with_ledger = qwindow.minimumSizeHint().width()
    qwindow.quotes_dock.close()
    qtbot.waitUntil(lambda: not qwindow.quotes_dock.isVisible(), timeout=2000)
    assert with_ledger <= qwindow.minimumSizeHint().width()
    assert ledger.minimumSizeHint().width() <= qwindow.story_entities.minimumSizeHint().width()
    qwindow.show_quotes()
    qtbot.wait(20)
    assert qwindow.size().toTuple() == SIZE


def test_screenshots_light_and_dark(qtbot, qwindow: MainWindow, dark_palette, screenshot_dir: Path | None) -> None:
    ledger = _top_statement(qtbot, qwindow)
    ledger.by_statement.stories.selectRow(0)
    ledger.by_statement.stories.activated.emit(ledger.by_statement.stories.model().index(0, 0))
    qtbot.waitUntil(lambda: qwindow.reader.marked_spans() != [], timeout=5000)
    qtbot.wait(50)
    shots = [("quotes_by_statement", None)]
    for name, palette in (*shots, ("quotes_by_statement_dark", dark_palette)):
        if palette is not None:
            qwindow.setPalette(palette)
            qtbot.wait(50)
        assert ledger.isVisible() and ledger.width() >= 250
        image = qwindow.grab()
        assert image.width() >= 1200
        if screenshot_dir is not None:
            image.save(str(screenshot_dir / f"{name}.png"))
    for tab, name in ((ledger.BY_SPEAKER, "quotes_by_speaker_dark"), (ledger.IN_STORY, "quotes_in_story_dark")):
        ledger.tabs.setCurrentIndex(tab)
        if tab == ledger.BY_SPEAKER:
            _select(qtbot, ledger, ledger.by_speaker.speakers, 0)
            _settled(qtbot, ledger, lambda: ledger.by_speaker.statements.model().rowCount() > 0)
            ledger.by_speaker.statements.selectRow(0)
        else:
            _settled(qtbot, ledger, lambda: ledger.in_story.quotes.model().rowCount() > 0)
            ledger.in_story.quotes.selectRow(0)
        qtbot.wait(50)
        if screenshot_dir is not None:
            qwindow.grab().save(str(screenshot_dir / f"{name}.png"))


def test_a_hidden_ledger_reads_nothing_until_shown(qtbot, qwindow: MainWindow) -> None:
    ledger = qwindow.quotes_ledger
    _settled(qtbot, ledger, lambda: ledger.by_statement.statements.model().rowCount() > 0)
    qwindow.story_entities_dock.raise_()
    qtbot.waitUntil(lambda: not ledger.shown(), timeout=2000)
    before = dict(ledger._seq)
    qwindow.select_ids([4])
    qwindow.entity_ctx.changed([])
    qtbot.wait(DEBOUNCE_WAIT)
    assert ledger._seq == before and ledger.article_id == 4  # followed, but not read
    qwindow.show_quotes(QuotesLedger.IN_STORY)
    _settled(qtbot, ledger, lambda: ledger.in_story.quotes.model().rowCount() > 0)
    assert ledger._seq["statements"] > before["statements"]


def test_context_menu_copies_the_citation(qtbot, qwindow: MainWindow, archive: Archive, monkeypatch) -> None:
    from PySide6.QtWidgets import QMenu

    menus: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, _pos, _at=None: menus.append(menu))
    ledger = _top_statement(qtbot, qwindow)
    stories = ledger.by_statement.stories
    stories.customContextMenuRequested.emit(stories.visualRect(stories.model().index(3, 2)).center())
    assert stories.current_row() == 3
    actions = {a.text(): a for a in menus[-1].actions()}
    assert set(actions) >= {"Open story", "Copy citation"}
    QGuiApplication.clipboard().clear()
    actions["Copy citation"].trigger()
    expected = citation(archive, stories.model().rows()[3].quote_id)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == expected, timeout=5000)
    # on a statement: its first appearance
    statements = ledger.by_statement.statements
    statements.customContextMenuRequested.emit(statements.visualRect(statements.model().index(0, 0)).center())
    assert "Open first appearance" in [a.text() for a in menus[-1].actions()]


def test_screenshot_at_the_narrowest(qtbot, qwindow: MainWindow, screenshot_dir: Path | None) -> None:
    ledger = _top_statement(qtbot, qwindow)
    qwindow.resizeDocks([qwindow.quotes_dock], [100], Qt.Orientation.Horizontal)  # clamped to the minimum
    qtbot.waitUntil(lambda: qwindow.quotes_dock.width() < 250, timeout=2000)
    ledger.by_statement.stories.selectRow(0)
    qtbot.wait(50)
    for page in (ledger.by_statement, ledger.by_speaker, ledger.in_story):
        for button in page.findChildren(QPushButton):
            assert button.width() >= button.sizeHint().width(), button.text()  # no clipped labels
    if screenshot_dir is not None:
        qwindow.grab().save(str(screenshot_dir / "quotes_narrowest.png"))


def test_ledger_shows_the_evidence_marks_weak_attributions_and_takes_a_correction_with_undo(
        qtbot, qwindow: MainWindow, archive: Archive) -> None:
    from desktop.ui.quotes.models import DetailRole

    with archive.transaction() as db:  # one weak attribution, as a pronoun far from its name would be
        db.execute("UPDATE quotes SET confidence = 0.6, cue = 'pronoun' WHERE article_id = 2 AND text LIKE 'You don%'")
    ledger = qwindow.quotes_ledger
    page = ledger.in_story
    ledger.tabs.setCurrentIndex(ledger.IN_STORY)
    qwindow.select_ids([2])
    _settled(qtbot, ledger, lambda: ledger.article_id == 2 and page.quotes.model().rowCount() > 0)
    model = page.quotes.model()
    rows = model.rows()
    weak = next(n for n, r in enumerate(rows) if r.text.startswith("You don"))
    assert model.index(weak, 1).data() == REVIEW_MARK + "Mark Esper, Defense Secretary"
    assert "check: pronoun, 60%" in model.index(weak, 0).data(DetailRole)
    esper = next(n for n, r in enumerate(rows) if r.text.startswith("The U.S. will not tolerate"))
    assert model.index(esper, 1).data() == "Mark Esper, Defense Secretary"  # sure: no mark
    _select(qtbot, ledger, page.quotes, esper)
    assert "Evidence:" in page.details.toPlainText() and "%" in page.details.toPlainText()
    # one step: the name box holds the speaker; change it and press the button
    assert page.fix.edit.text() == "Mark Esper" and page.fix.button.text() == "Confirm"
    page.fix.edit.selectAll()
    qtbot.keyClicks(page.fix.edit, "Mark T. Esper")
    assert page.fix.button.text() == "Set speaker"
    with qtbot.waitSignal(ledger.speaker_corrected, timeout=15000) as corrected:
        qtbot.mouseClick(page.fix.button, Qt.MouseButton.LeftButton)
    assert len(corrected.args[0]) >= 5  # every story carrying the statement
    _settled(qtbot, ledger, lambda: any(r.speaker == "Mark T. Esper" for r in page.quotes.model().rows()))
    fixed = next(r for r in page.quotes.model().rows() if r.text.startswith("The U.S. will not tolerate"))
    assert fixed.confirmed and not fixed.needs_review
    # the other stories carry it too: By statement lists them all with the new speaker
    ledger.tabs.setCurrentIndex(ledger.BY_STATEMENT)
    statements = ledger.by_statement
    _settled(qtbot, ledger, lambda: statements.statements.model().rowCount() > 0)
    top = next(n for n, r in enumerate(statements.statements.model().rows()) if ESPER in r.text)
    _select(qtbot, ledger, statements.statements, top)
    _settled(qtbot, ledger, lambda: statements.stories.model().rowCount() >= 5)
    stories = statements.stories.model()
    assert {stories.index(r, 3).data().split(",")[0] for r in range(stories.rowCount())} == {"Mark T. Esper"}
    assert statements.statements.model().row(top).speaker == "Mark T. Esper"
    # Edit > Undo takes it back everywhere
    assert qwindow.edits.can_undo() and "speaker" in qwindow.edits.undo_text()
    qwindow.edits.undo()
    qtbot.waitUntil(lambda: not archive.db.execute(
        "SELECT count(*) FROM quotes WHERE speaker = 'Mark T. Esper'").fetchone()[0], timeout=15000)
    _settled(qtbot, ledger, lambda: statements.statements.model().rowCount() > 0 and any(
        r.speaker == "Mark Esper" and ESPER in r.text for r in statements.statements.model().rows()))
