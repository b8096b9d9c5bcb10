"""The reader pane: hits marked and stepped through, the original file, RTL text, safe links."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices

from desktop.core.archive import Archive
from desktop.core.operations import import_and_index
from desktop.core.search.engine import SearchEngine
from desktop.core.search.index import SearchIndex
from desktop.ui.reader import ReaderPane, is_mostly_rtl

ARABIC_FILE = (
    "Militia statement translated\n\n"
    "The statement below was published by the group on Friday, according to local media.\n\n"
    "\u0623\u0639\u0644\u0646\u062a \u0627\u0644\u0641\u0635\u0627\u0626\u0644 \u0641\u064a "
    "\u0628\u064a\u0627\u0646 \u0623\u0646 \u0627\u0644\u0636\u0631\u0628\u0627\u062a "
    "\u0627\u0633\u062a\u0647\u062f\u0641\u062a \u0645\u0648\u0627\u0642\u0639 \u0641\u064a "
    "\u062c\u0631\u0641 \u0627\u0644\u0646\u0635\u0631 \u0648\u0645\u062f\u064a\u0646\u0629 "
    "\u0628\u063a\u062f\u0627\u062f.\n\n"
    "Officials in Baghdad did not comment on the statement.\n"
)


@pytest.fixture
def archive(tmp_path: Path, seeds_dir: Path) -> Iterator[Archive]:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "arabic-statement.txt").write_text(ARABIC_FILE, encoding="utf-8")
    opened = Archive.open(tmp_path / "archive")
    report = import_and_index(opened, [seeds_dir, extra], durable=False)
    assert report.imported == 6, report.summary()
    yield opened
    opened.close()


@pytest.fixture
def engine(archive: Archive) -> Iterator[SearchEngine]:
    index = SearchIndex(archive)
    searcher = SearchEngine(archive, index)
    yield searcher
    searcher.close()
    index.close()


@pytest.fixture
def reader(qtbot, archive: Archive) -> ReaderPane:
    pane = ReaderPane(archive)
    qtbot.addWidget(pane)
    pane.resize(720, 420)
    pane.show()
    return pane


def _article(archive: Archive, name_start: str):
    for article_id in archive.ids():
        article = archive.get(article_id)
        if article.original_name.startswith(name_start):
            return article
    raise AssertionError(name_start)


def _marked(pane: ReaderPane) -> list[str]:
    return [sel.cursor.selectedText() for sel in pane.body.extraSelections()]


def test_empty_state(reader):
    assert reader.stack.currentWidget() is reader.empty_hint
    assert reader.empty_hint.text() == "Select a story to read it"


def test_esper_hits_are_marked_counted_and_stepped(qtbot, reader, archive, engine, screenshot_dir):
    article = _article(archive, "004_")
    terms, phrases = engine.highlight_terms("Esper")
    reader.show_article(article, terms, phrases)
    assert reader.stack.currentWidget() is reader.article_page
    assert reader.headline.text() == article.display_headline
    count = article.body.count("Esper")
    assert count >= 3
    assert reader.hit_count == count
    assert set(_marked(reader)) == {"Esper"}
    assert reader.hit_label.text() == f"hit 1 of {count}"
    assert reader.body.textCursor().position() == reader.hit_positions[0][0]

    qtbot.mouseClick(reader.next_button, Qt.MouseButton.LeftButton)
    assert reader.current_hit == 1
    assert reader.hit_label.text() == f"hit 2 of {count}"
    assert reader.body.textCursor().position() == reader.hit_positions[1][0]
    qtbot.mouseClick(reader.prev_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(reader.prev_button, Qt.MouseButton.LeftButton)  # wraps round to the last
    assert reader.hit_label.text() == f"hit {count} of {count}"
    # The current hit is in view.
    rect = reader.body.cursorRect()
    assert 0 <= rect.top() < reader.body.viewport().height()
    if screenshot_dir is not None:
        reader.next_hit()
        reader.next_hit()
        assert reader.grab().save(str(screenshot_dir / "reader_hits.png"))


def test_phrase_hits_span_the_phrase(reader, archive, engine):
    article = _article(archive, "003_")
    terms, phrases = engine.highlight_terms('"Camp Taji"')
    reader.show_article(article, terms, phrases)
    assert reader.hit_count >= 1
    assert "Camp Taji" in _marked(reader)  # one mark for the whole phrase


def test_hits_after_emoji_are_marked_exactly(reader, archive, engine):
    """Qt counts UTF-16 units; an emoji before a hit must not shift the mark."""
    article = dataclasses.replace(_article(archive, "000_"), body="\U0001F600 Esper said\n\U0001F4F0\U0001F4F0 then Esper left")
    terms, phrases = engine.highlight_terms("Esper")
    reader.show_article(article, terms, phrases)
    assert _marked(reader) == ["Esper", "Esper"]


def test_no_terms_no_hit_controls(reader, archive):
    reader.show_article(_article(archive, "000_"))
    assert reader.hit_count == 0 and reader.body.extraSelections() == []
    assert not reader.next_button.isVisible()
    reader.clear()
    assert reader.stack.currentWidget() is reader.empty_hint


def test_show_original_file(qtbot, reader, archive, engine):
    article = _article(archive, "001_")
    terms, phrases = engine.highlight_terms("Esper")
    reader.show_article(article, terms, phrases)
    raw = archive.original_path(article.content_hash).read_bytes().decode("utf-8")
    assert raw.startswith("UNITED24")  # boilerplate the cleaned body left out
    assert not reader.body.toPlainText().startswith("UNITED24")
    qtbot.mouseClick(reader.original_toggle, Qt.MouseButton.LeftButton)
    assert reader.original_toggle.isChecked()
    assert reader.body.toPlainText().startswith("UNITED24")
    assert reader.body.toPlainText().strip() == raw.replace("\r\n", "\n").strip()
    assert reader.note.isVisible() and "original file" in reader.note.text()
    assert reader.hit_count == raw.count("Esper")  # hits found again in the original's text
    reader.show_original(False)
    assert reader.body.toPlainText() == article.body
    assert not reader.note.isVisible()


def test_show_original_survives_a_missing_file(reader, archive):
    article = _article(archive, "002_")
    reader.show_article(article)
    archive.original_path(article.content_hash).unlink()
    reader.show_original(True)
    assert reader.body.toPlainText() == article.body
    assert "could not be read" in reader.note.text()


def test_arabic_paragraph_is_right_to_left(reader, archive):
    article = _article(archive, "arabic-statement")
    reader.show_article(article)
    document = reader.body.document()
    directions = {}
    block = document.begin()
    while block.isValid():
        if block.text().strip():
            directions[block.text()[:10]] = block.textDirection()
        block = block.next()
    arabic = [d for text, d in directions.items() if is_mostly_rtl(text)]
    latin = [d for text, d in directions.items() if not is_mostly_rtl(text)]
    assert arabic == [Qt.LayoutDirection.RightToLeft]
    assert latin and set(latin) == {Qt.LayoutDirection.LeftToRight}


def test_url_opens_only_when_clicked(qtbot, reader, archive, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    article = _article(archive, "000_")
    article.url = "https://www.example.com/iraq-strikes"
    reader.show_article(article)
    assert reader.url_label.isVisible()
    assert opened == []
    reader.next_hit()
    reader.show_original(True)
    reader.show_original(False)
    assert opened == []
    label = reader.url_label
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(8, label.height() // 2))
    assert [u.toString() for u in opened] == ["https://www.example.com/iraq-strikes"]
    # Addresses that are not web pages are shown, never opened.
    opened.clear()
    article.url = "file:///etc/passwd"
    reader.show_article(article)
    assert "<a " not in label.text()
    assert reader.open_url(article.url) is False and opened == []


def test_needs_review_marker(reader, archive):
    article = _article(archive, "000_")
    article.provenance = {"byline": "guessed", "outlet": "found", "date": "missing", "dateline": "found",
                          "headline": "found", "url": "found"}
    article.byline, article.outlet, article.pub_date = ["Jane Doe"], "Newsweek", None
    reader.show_article(article)
    text = reader.metadata.text()
    assert "Jane Doe" in text and "Newsweek" in text and "no date" in text
    assert text.count("needs review") == 2  # the guessed byline and the missing date
    assert "headline" not in text  # found: no marker


def test_open_original_hands_a_named_copy_to_the_desktop(qtbot, reader, archive, monkeypatch):
    launched: list[Path] = []
    monkeypatch.setattr(reader, "launch_file", lambda path: launched.append(path) or True)
    article = _article(archive, "004_")
    reader.show_article(article)
    qtbot.mouseClick(reader.open_button, Qt.MouseButton.LeftButton)
    assert len(launched) == 1
    assert launched[0].name == article.original_name
    assert launched[0].read_bytes() == archive.original_path(article.content_hash).read_bytes()
