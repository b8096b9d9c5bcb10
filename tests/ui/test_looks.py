"""Looks and help: icons, the window icon, the shortcuts list, copying citations, select all,
and readable marks under a dark palette."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QTreeWidget

from desktop.core.archive import Archive
from desktop.core.search.engine import SearchEngine
from desktop.core.search.index import SearchIndex
from desktop.ui import icons, theme
from desktop.ui import main as gui_main
from desktop.ui.clipboard import citation_line
from desktop.ui.main_window import MainWindow
from desktop.ui.metadata_editor import MetadataEditor
from desktop.ui.reader import ReaderPane

CITATION = re.compile(r"^.+[.?!\u2026]( .+\.)? \[#\d+\]$")


# -- icons ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(icons.ACTION_ICONS))
def test_icons_load_at_several_sizes(qapp, name: str) -> None:
    found = icons.icon(name)
    assert not found.isNull()
    for size in (16, 24, 32, 48, 64):
        pixmap = found.pixmap(size, size)
        assert not pixmap.isNull() and pixmap.width() == size
        image = pixmap.toImage()
        assert any(image.pixelColor(x, y).alpha() > 0 for x in range(size) for y in range(size))


def test_app_icon_has_every_desktop_size(qapp) -> None:
    sizes = {size.width() for size in icons.app_icon().availableSizes()}
    assert {16, 32, 48, 64, 128, 256, 512} <= sizes
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (icons.icons_dir() / f"app-{size}.png").is_file()
    assert (icons.icons_dir() / "app.svg").is_file()


def test_icons_follow_a_dark_palette(qapp, dark_palette) -> None:
    """The outlines take the palette's text colour, so they stay visible on a dark toolbar."""
    light = icons.icon("delete").pixmap(48, 48).toImage()
    dark = icons.icon("delete", dark_palette).pixmap(48, 48).toImage()
    background = dark_palette.color(dark_palette.ColorRole.Window)
    best = max(theme.contrast(dark.pixelColor(x, y), background)
               for x in range(48) for y in range(48) if dark.pixelColor(x, y).alpha() == 255)
    assert best >= 7
    assert light != dark


def test_missing_icon_files_fall_back_to_the_style(qapp, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(icons, "icons_dir", lambda: tmp_path)
    icons._icon.cache_clear()
    try:
        for name in icons.ACTION_ICONS:
            assert not icons.icon(name).isNull()
    finally:
        icons._icon.cache_clear()


def test_window_and_application_icons_are_set(qtbot, window: MainWindow) -> None:
    assert not window.windowIcon().isNull()
    gui_main._application([])
    assert not QApplication.windowIcon().isNull()
    assert not window.import_files_action.icon().isNull()
    assert not window.review_button.icon().isNull()
    box = window.show_about()
    qtbot.waitExposed(box)
    assert not box.iconPixmap().isNull() and box.iconPixmap().width() >= 48
    assert "Newsroom Archive" in box.text()
    box.close()


# -- help ----------------------------------------------------------------------------------------


def _dialog_rows(dialog) -> dict[str, str]:
    tree = dialog.findChild(QTreeWidget, "shortcutsList")
    rows = {}
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.text(1):
            rows[item.text(0).strip()] = item.text(1)
    return rows


def test_shortcuts_dialog_lists_the_real_shortcuts(qtbot, window: MainWindow) -> None:
    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    rows = _dialog_rows(dialog)
    keys = set(rows.values())
    for expected in ("Ctrl+F", "Ctrl+I", "Ctrl+O", "Ctrl+E", "Del", "Ctrl+Z", "F3", "Shift+F3", "Esc",
                     "Ctrl+C", "Ctrl+A"):
        assert any(expected == part.strip() for k in keys for part in k.split(" / ")), (expected, rows)
    # read from the actions themselves
    native = QKeySequence.SequenceFormat.NativeText
    for action in (window.find_action, window.import_files_action, window.open_archive_action,
                   window.edit_metadata_action, window.delete_action, window.undo_action,
                   window.copy_action, window.select_all_action):
        assert action.shortcut().toString(native) in keys
    dialog.close()
    window.edit_metadata_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
    dialog = window.show_shortcuts()
    assert _dialog_rows(dialog)["Edit metadata"] == "Ctrl+Shift+M"
    dialog.close()


# -- copy and select all -------------------------------------------------------------------------


def test_ctrl_c_copies_citation_lines_of_two_selected_rows(qtbot, window: MainWindow, archive: Archive) -> None:
    QGuiApplication.clipboard().clear()
    window.select_ids([window.model.id_at(0), window.model.id_at(2)])
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus, timeout=2000)
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    assert len(lines) == 2
    for line, row in zip(lines, (0, 2), strict=True):
        article = archive.get(window.model.id_at(row))
        assert line == citation_line(article)
        assert CITATION.match(line), line
        assert line.endswith(f"[#{article.id}]")
        if article.headline:
            assert line.startswith(article.headline.rstrip("."))
        if article.outlet and article.pub_date:
            assert f"{article.outlet}, {article.pub_date.iso()}." in line


def test_citation_line_format(archive: Archive) -> None:
    import dataclasses

    article = archive.get(archive.ids()[0])
    made = dataclasses.replace(article, headline="Esper visits Baghdad", outlet="Reuters")
    line = citation_line(made)
    assert line.startswith("Esper visits Baghdad. Reuters")
    assert line.endswith(f". [#{article.id}]")
    bare = dataclasses.replace(article, headline="Why now?", outlet=None, pub_date=None)
    assert citation_line(bare) == f"Why now? [#{article.id}]"


def test_ctrl_a_selects_all_rows(qtbot, window: MainWindow) -> None:
    window.select_row(0)
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus, timeout=2000)
    qtbot.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(window.table.selectionModel().selectedRows()) == window.model.rowCount() == 5
    assert window.delete_action.text() == "&Delete 5 stories"


def test_ctrl_c_in_the_reader_copies_its_text(qtbot, window: MainWindow) -> None:
    window.select_row(0)
    qtbot.waitUntil(lambda: window.reader_text() != "", timeout=3000)
    body = window.reader.body
    body.setFocus()
    body.selectAll()
    qtbot.keyClick(body, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().strip() == body.toPlainText().strip()


def test_default_size_fits_the_screen(qtbot, window: MainWindow) -> None:
    size = window.default_size()
    available = window.screen().availableGeometry()
    assert size.width() <= min(1280, available.width()) and size.height() <= min(800, available.height())


# -- dark palette --------------------------------------------------------------------------------


def _colours_in(image: QImage, rect: QRect) -> tuple[QColor, QColor]:
    """(background, text) in ``rect`` of a rendering: the most common colour, and the colour
    that differs most from it (the core of the glyphs)."""
    counts: dict[int, int] = {}
    rect = rect.intersected(image.rect())
    for x in range(rect.left(), rect.right() + 1):
        for y in range(rect.top(), rect.bottom() + 1):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    background = QColor.fromRgb(max(counts, key=counts.__getitem__))
    text = max((QColor.fromRgb(rgb) for rgb in counts), key=lambda c: theme.contrast(c, background))
    return background, text


def test_reader_marks_are_readable_in_a_dark_palette(qtbot, archive: Archive, dark_palette) -> None:
    pane = ReaderPane(archive)
    qtbot.addWidget(pane)
    pane.resize(720, 420)
    pane.setPalette(dark_palette)
    pane.show()
    qtbot.waitExposed(pane)
    index = SearchIndex(archive)
    engine = SearchEngine(archive, index)
    try:
        article = max(map(archive.get, archive.ids()), key=lambda a: a.body.count("Esper") + a.body.count("said"))
        terms, phrases = engine.highlight_terms("Esper said")
        pane.show_article(article, terms, phrases)
    finally:
        engine.close()
        index.close()
    assert pane.hit_count >= 2
    qtbot.wait(20)
    image = pane.body.viewport().grab().toImage()
    body_background = dark_palette.color(dark_palette.ColorRole.Base)
    checked = {True: 0, False: 0}  # current hit, other hits
    for number, (start, end) in enumerate(pane.hit_positions):
        cursor = pane.body.textCursor()
        cursor.setPosition(start)
        left = pane.body.cursorRect(cursor)
        cursor.setPosition(end)
        right = pane.body.cursorRect(cursor)
        if left.top() != right.top() or left.top() < 0 or left.bottom() > image.height():
            continue  # wrapped or out of view
        rect = QRect(QPoint(left.left() + 2, left.top() + 1), QPoint(right.left() - 2, left.bottom() - 1))
        background, text = _colours_in(image, rect)
        assert background != body_background, "the hit is marked"
        assert theme.contrast(text, background) >= 4.5, (number, text.name(), background.name())
        checked[number == pane.current_hit] += 1
    assert checked[True] == 1 and checked[False] >= 1, checked
    mark = theme.review_color(pane.palette())
    assert theme.contrast(mark, dark_palette.color(dark_palette.ColorRole.Window)) >= 4.5


def test_editor_flags_are_readable_in_a_dark_palette(qtbot, archive: Archive, dark_palette) -> None:
    flagged = next(a for a in map(archive.get, archive.ids()) if a.needs_review)
    editor = MetadataEditor(archive, flagged.id)
    qtbot.addWidget(editor)
    editor.setPalette(dark_palette)
    editor.show()
    qtbot.waitExposed(editor)
    names = editor.flagged()
    assert names
    window_colour = dark_palette.color(dark_palette.ColorRole.Window)
    checked = 0
    for name in names:
        mark = editor.marks[name]
        background, text = _colours_in(mark.grab().toImage(), mark.rect())
        assert theme.contrast(text, window_colour) >= 4.5, (name, text.name())
        edit = editor.edits[name]
        if not edit.text():
            edit.setText("X")  # something to read (this unflags it: put it back)
            qtbot.wait(1)
            edit.setText("")
            continue
        image = edit.grab().toImage()
        rect = edit.rect().adjusted(4, 4, -4, -4)
        background, text = _colours_in(image, rect)
        assert background.lightnessF() < 0.5, f"{name}: a light box in a dark theme"
        assert theme.contrast(text, background) >= 4.5, (name, text.name(), background.name())
        checked += 1
    assert checked >= 1
