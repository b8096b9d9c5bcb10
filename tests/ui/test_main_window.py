"""The main window: search as you type, facets and chips, the reader, sorting, settings, help,
the lazy results model, and ``run_gui``'s handling of a folder that is not an archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QTableView

from desktop.core.archive import Archive
from desktop.core.search.query_help import QUERY_HELP
from desktop.ui import main as gui_main
from desktop.ui.main_window import MainWindow
from desktop.ui.models.results_model import PAGE_SIZE, IdRole, ResultsModel, SortRole
from desktop.ui.search_bar import SearchBar


def _search(qtbot, window: MainWindow, text: str, *, enter: bool = False) -> None:
    window.search_bar.edit.clear()
    qtbot.keyClicks(window.search_bar.edit, text)
    before = window._seq
    if enter:
        qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window._seq > before and window._last is not None
                    and window._last.request.query == text, timeout=10000)


def _rows(window: MainWindow) -> int:
    return window.model.rowCount()


def test_search_as_you_type_after_a_pause(qtbot, window: MainWindow) -> None:
    assert _rows(window) == 5  # the empty query shows every article
    seq = window._seq
    qtbot.keyClicks(window.search_bar.edit, "Esper")
    assert window._seq == seq, "no search while typing"
    assert window.search_bar.timer.isActive()
    qtbot.waitUntil(lambda: window._last.request.query == "Esper", timeout=5000)
    assert window._seq == seq + 1, "one search after the pause, not one per key"
    assert _rows(window) == 5
    _search(qtbot, window, '"Camp Taji"', enter=True)
    assert _rows(window) == 4, "Newsweek's 'Taji military camp' is the same place (All spellings)"
    assert "4 of 5 articles" in window.count_label.text()
    seq = window._seq
    window.spellings_button.click()  # exact: only the stories that write "Camp Taji"
    qtbot.waitUntil(lambda: window._seq > seq and window._last.request.expand_aliases is False, timeout=5000)
    assert _rows(window) == 3 and "3 of 5 articles" in window.count_label.text()


def test_facet_click_adds_a_chip_and_removing_it_restores(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "Esper", enter=True)
    assert _rows(window) == 5
    outlets = window.facets.values("outlet")
    assert len(outlets) == 5 and all(count == 1 for _, count in outlets)
    item = window.facets.item_for("outlet", outlets[0][0])
    rect = window.facets.visualItemRect(item)
    seq = window._seq
    qtbot.mouseClick(window.facets.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window._seq > seq and bool(window._last.request.filters), timeout=5000)
    assert _rows(window) == 1
    assert window.chips.filters() == [("outlet", outlets[0][0])]
    chips = window.chips.chips()
    assert len(chips) == 1 and chips[0].isVisible() and outlets[0][0] in chips[0].text()
    seq = window._seq
    qtbot.mouseClick(chips[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window._seq > seq and window._last is not None and not window._last.request.filters,
                    timeout=5000)
    assert _rows(window) == 5
    assert not window.chips.isVisible()


def test_selecting_a_row_shows_the_story(qtbot, window: MainWindow, archive: Archive) -> None:
    _search(qtbot, window, '"Camp Taji"', enter=True)
    window.table.setFocus()
    window.select_row(0)
    article = archive.get(window.model.index(0, 0).data(IdRole))
    expected = article.headline or article.body.split("\n")[0]
    qtbot.waitUntil(lambda: expected[:40] in window.reader_text(), timeout=3000)
    # keyboard navigation moves the story with the selection
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    second = archive.get(window.model.index(1, 0).data(IdRole))
    qtbot.waitUntil(lambda: second.body.strip().split("\n")[0][:30] in window.reader_text(), timeout=3000)
    assert window.selected_ids() == [second.id]


def test_malformed_query_shows_a_message(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, '"camp taji', enter=True)
    assert "quote" in window.message_text().lower()
    assert _rows(window) == 3


def test_did_you_mean_is_clickable(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "espr", enter=True)
    assert _rows(window) == 0
    assert "Did you mean" in window.message_text()
    seq = window._seq
    window.message_label.linkActivated.emit("Esper")
    qtbot.waitUntil(lambda: window._seq > seq and window._last.request.query == "Esper", timeout=5000)
    assert _rows(window) == 5


def test_sort_newest_puts_dated_stories_first(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "Esper", enter=True)
    seq = window._seq
    window.search_bar.sort_combo.setCurrentIndex(window.search_bar.sort_combo.findData("newest"))
    qtbot.waitUntil(lambda: window._seq > seq and window._last.request.sort == "newest", timeout=5000)
    dates = [window.model.index(r, 2).data(SortRole) for r in range(_rows(window))]
    dated = [d for d in dates if d]
    assert dated and dates[: len(dated)] == sorted(dated, reverse=True)
    assert all(not d for d in dates[len(dated):])


def test_clicking_a_column_title_sorts_the_whole_list(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "Esper", enter=True)
    header = window.table.horizontalHeader()

    def click_title(column: int, sort: str) -> None:
        seq = window._seq
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
        qtbot.waitUntil(lambda: window._seq > seq and window._last.request.sort == sort, timeout=5000)

    click_title(1, "outlet")  # Outlet A-Z
    outlets = [window.model.index(r, 1).data() for r in range(_rows(window))]
    assert outlets == sorted(outlets, key=str.casefold) and len(set(outlets)) > 1
    assert window.search_bar.sort() == "outlet", "the Sort menu follows the column title"
    assert header.sortIndicatorSection() == 1
    click_title(1, "outlet_desc")  # a second click reverses it
    assert [window.model.index(r, 1).data() for r in range(_rows(window))] == outlets[::-1]
    window.search_bar.set_sort("newest")  # and the title's arrow follows the Sort menu
    qtbot.waitUntil(lambda: window._last.request.sort == "newest", timeout=5000)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (2, Qt.SortOrder.DescendingOrder)


def test_stale_results_are_discarded(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, '"Camp Taji"', enter=True)
    old = window._last
    window._show_results(window._seq - 1, old)  # an older query answering late
    _search(qtbot, window, "Esper", enter=True)
    window._show_results(window._seq - 1, old)
    assert _rows(window) == 5 and window._last.request.query == "Esper"


def test_recent_queries_are_remembered(qtbot, window: MainWindow, settings: QSettings) -> None:
    _search(qtbot, window, '"Camp Taji"', enter=True)
    _search(qtbot, window, "Esper", enter=True)
    assert window.search_bar.recent_queries()[:2] == ["Esper", '"Camp Taji"']
    again = SearchBar(settings)
    qtbot.addWidget(again)
    assert again.recent_queries()[:2] == ["Esper", '"Camp Taji"']
    assert again.edit.completer().model().stringList()[:2] == ["Esper", '"Camp Taji"']


def test_shortcuts_focus_and_escape(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    window.table.setFocus()
    window.find_action.trigger()
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    qtbot.keyClicks(window.search_bar.edit, "Esper")
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Escape)
    assert window.search_bar.text() == ""


def test_geometry_and_splitter_restored(qtbot, make_window, archive: Archive, settings: QSettings) -> None:
    first = make_window(archive)
    # The offscreen screen is 800 px wide: close the side docks to make room (that is restored too)
    from PySide6.QtWidgets import QDockWidget

    for dock in first.findChildren(QDockWidget):
        dock.close()
    qtbot.waitUntil(lambda: first.minimumSizeHint().width() <= 700, timeout=3000)
    first.layout().activate()
    first.resize(700, 520)
    qtbot.waitUntil(lambda: first.size().width() == 700, timeout=3000)
    first.splitter.setSizes([200, 300])
    sizes = first.splitter.sizes()
    first.shutdown()
    first.close()
    second = make_window(archive)
    assert not any(dock.isVisible() for dock in second.findChildren(QDockWidget))
    assert second.size().width() == 700 and second.size().height() == 520
    assert second.splitter.sizes() == sizes


def test_help_shows_query_syntax(qtbot, window: MainWindow) -> None:
    dialog = window.show_query_help()
    qtbot.waitExposed(dialog)
    text = dialog.findChild(QPlainTextEdit)
    assert text.toPlainText() == QUERY_HELP
    # The system's fixed-width font is asked for; whether the machine has a true fixed-pitch face
    # installed is the platform's business, not the app's.
    assert text.font().family() == QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    about = window.about_text()
    assert str(window.archive.folder) in about and "PySide6" in about
    dialog.close()


def test_results_model_passes_the_model_tester(qtmodeltester, archive: Archive) -> None:
    model = ResultsModel(archive)
    ids = archive.ids()
    model.set_results(ids)
    qtmodeltester.check(model)
    assert model.rowCount() == 5 and model.columnCount() == 4
    headlines = [model.index(r, 0).data() for r in range(5)]
    assert "(no headline)" in headlines
    missing = headlines.index("(no headline)")
    assert model.index(missing, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert isinstance(model.index(0, 3).data(SortRole), float)
    assert [model.index(r, 1).data(IdRole) for r in range(5)] == ids


def test_results_model_with_100k_ids_loads_only_what_is_shown(qtbot, archive: Archive) -> None:
    model = ResultsModel(archive)
    real = archive.ids()
    fake = list(range(1, 100_001))
    fake[PAGE_SIZE * 500 : PAGE_SIZE * 500 + len(real)] = real
    model.set_results(fake)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 500)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)
    assert 1 <= model.fetch_count <= 2
    view.scrollToBottom()
    qtbot.wait(50)
    assert model.fetch_count <= 4
    view.scrollTo(model.index(PAGE_SIZE * 500, 0), QTableView.ScrollHint.PositionAtTop)
    qtbot.wait(50)
    assert model.fetch_count <= 6
    assert model.index(PAGE_SIZE * 500, 0).data() == (archive.get(real[0]).headline or "(no headline)")
    assert model.index(99_999, 0).data() == "(no headline)"  # ids with no article


def test_run_gui_on_a_folder_that_is_not_an_archive(tmp_path: Path, monkeypatch, qapp) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "shopping.txt").write_text("milk", encoding="utf-8")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(gui_main, "show_open_error", lambda path, message: shown.append((path, message)))
    assert gui_main.run_gui(["--archive", str(folder)]) == 3
    assert shown and "not a Newsroom Archive" in shown[0][1]


def test_empty_archive_offers_samples_once(qtbot, make_window, empty_archive: Archive, monkeypatch,
                                          screenshot_dir: Path | None) -> None:
    window = make_window(empty_archive)
    assert _rows(window) == 0
    assert "empty" in window.message_text()
    if screenshot_dir is not None:
        window.resize(1280, 800)
        qtbot.wait(100)
        window.grab().save(str(screenshot_dir / "empty_archive.png"))
    asked = []
    monkeypatch.setattr(gui_main, "ask_load_samples", lambda parent: asked.append(parent) or True)
    with qtbot.waitSignal(window.import_finished, timeout=30000):
        assert gui_main.offer_samples(window, empty_archive)
    qtbot.waitUntil(lambda: _rows(window) == 5, timeout=10000)
    assert empty_archive.meta("samples_offered") is True
    assert not gui_main.offer_samples(window, empty_archive)
    assert len(asked) == 1


def test_screenshot_results_with_a_story_open(qtbot, window: MainWindow, screenshot_dir: Path | None) -> None:
    window.resize(1280, 800)
    _search(qtbot, window, "Esper", enter=True)
    window.select_row(1)
    qtbot.waitUntil(lambda: window.reader_text() != "", timeout=3000)
    if screenshot_dir is not None:
        qtbot.wait(100)
        window.grab().save(str(screenshot_dir / "results_story_open.png"))
    assert window.grab().size().width() == 1280


def test_works_without_the_reader_and_import_modules(qtbot, make_window, empty_archive: Archive,
                                                     seeds_dir: Path, monkeypatch) -> None:
    """The plain fallbacks: a read-only text view, and import_and_index on the writer thread."""
    import sys

    monkeypatch.setitem(sys.modules, "desktop.ui.reader", None)
    monkeypatch.setitem(sys.modules, "desktop.ui.import_flow", None)
    window = make_window(empty_archive)
    assert window.reader.objectName() == "readerFallback"
    with qtbot.waitSignal(window.import_finished, timeout=30000):
        window.import_paths([seeds_dir])
    qtbot.waitUntil(lambda: _rows(window) == 5, timeout=10000)
    assert "5 articles" in window.count_label.text()
    window.select_row(0)
    article = empty_archive.get(window.model.index(0, 0).data(IdRole))
    qtbot.waitUntil(lambda: article.body.strip()[:30] in window.reader_text(), timeout=3000)


def test_dropping_files_imports_them(qtbot, make_window, empty_archive: Archive, seeds_dir: Path) -> None:
    """A folder dropped on the window is imported: its stories appear in the results."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    window = make_window(empty_archive)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(seeds_dir))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        window.dropEvent(drop)
    qtbot.waitUntil(lambda: _rows(window) == 5, timeout=30000)
    assert "5 articles" in window.count_label.text()


def test_results_fill_in_while_a_large_import_runs(qtbot, make_window, empty_archive: Archive,
                                                   corpora_dir: Path, monkeypatch) -> None:
    """Stories appear in the list during a long import, and the open story is not re-rendered."""
    from desktop.ui import window_imports

    monkeypatch.setattr(window_imports, "LIVE_REFRESH_MS", 300)
    window = make_window(empty_archive)
    counts: list[int] = []
    window.search_finished.connect(lambda total: counts.append(total) if window._importing else None)
    assert not window.path_label.isHidden()
    window.import_paths([corpora_dir / "fakes_syria" / "articles"])
    qtbot.waitUntil(lambda: window._importing, timeout=10000)
    assert window.path_label.isHidden(), "the progress has the status bar to itself"
    qtbot.waitUntil(lambda: any(0 < c for c in counts), timeout=60000)
    window.select_row(0)
    qtbot.waitUntil(lambda: window.reader_text() != "", timeout=5000)
    reading = window.reader.article.id
    render_calls: list[int] = []
    monkeypatch.setattr(window.reader, "show_article", lambda *a, **k: render_calls.append(1))
    with qtbot.waitSignal(window.import_finished, timeout=120000):
        pass
    assert counts and min(counts) < empty_archive.count(), "some results were shown before the import ended"
    assert window.reader.article.id == reading
    assert not window.index_label.isHidden()  # (the archive path returns after the summary message)
    qtbot.waitUntil(lambda: _rows(window) == empty_archive.count() > 700, timeout=20000)
    assert f"{empty_archive.count():,} articles" in window.count_label.text()


def test_the_window_paints_before_the_archive_code_loads() -> None:
    """Start-up: SQLite wrappers and Whoosh load after the first paint, off the GUI thread."""
    import subprocess
    import sys

    code = ("import sys, desktop.ui.main, desktop.ui.main_window; "
            "print(sorted(m for m in ('sqlite_utils', 'whoosh', 'desktop.core.archive') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"


def test_a_window_opened_before_its_archive_fills_in(qtbot, settings: QSettings, archive: Archive) -> None:
    folder = str(archive.folder)
    archive.close()  # run_gui's window opens the folder itself
    window = MainWindow(None, settings, folder=folder)
    qtbot.addWidget(window)
    window.show()
    assert "Opening the archive" in window.index_label.text() and folder in window.windowTitle()
    opened: list[Archive] = []
    window.open_first_archive(folder, opened.append, lambda reason: pytest.fail(reason))
    qtbot.waitUntil(lambda: bool(opened) and window._last is not None and _rows(window) == 5, timeout=20000)
    assert window.archive is opened[0] and "5 articles" in window.count_label.text()
    window.shutdown()
    again = Archive.open(folder)  # the window owned it and let it go: no "in use by another copy"
    again.close()
