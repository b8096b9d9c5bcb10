"""File > Clean up imported stories…, the reader's credit and removed lines, the editor's credit.

A real archive built the way older imports left it (one file per import, so no site lines were
learned); the clean-up runs in the background, shows its preview, applies, and Edit > Undo puts
every story back. Only the "nothing to clean" message box would be an OS dialog; it is not hit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.archive import Archive
from desktop.core.operations import import_and_index
from tests.core.web_capture_gold import synthetic_batch, write_batch


@pytest.fixture
def web_archive(tmp_path: Path):
    captures = [c for c in synthetic_batch(32) if c.outlet in ("Harbor Ledger", "Northwind Daily")]
    folder = write_batch(tmp_path / "files", captures)
    archive = Archive.open(tmp_path / "web")
    for capture in captures:
        import_and_index(archive, [folder / capture.name], durable=False)
    yield archive, captures
    archive.close()


def _bodies(archive: Archive) -> dict[int, str]:
    return dict(archive.db.execute("SELECT id, body FROM articles").fetchall())


def test_clean_up_previews_applies_and_undoes(qtbot, make_window, web_archive) -> None:
    archive, captures = web_archive
    window = make_window(archive)
    before = _bodies(archive)
    assert sum("Print edition" in body for body in before.values()) >= 4

    window.cleanup_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "cleanup_preview", None) is not None
                    and window.cleanup_preview.isVisible(), timeout=60000)
    preview = window.cleanup_preview
    assert preview.changes.count() >= 8
    assert any("Print edition" in preview.changes.item(i).text() for i in range(preview.changes.count()))
    assert _bodies(archive) == before, "the preview changes nothing"

    qtbot.mouseClick(preview.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "clean-up" in window.undo_action.text(), timeout=60000)
    after = _bodies(archive)
    assert not any("Print edition" in body or "See Full Web Article" in body for body in after.values())

    # The reader names the agency and lists the removed lines, dimmed, on request.
    wire = next(c for c in captures if c.credit == "Reuters")
    wire_id = archive.db.execute("SELECT id FROM articles WHERE original_name = ?", [wire.name]).fetchone()[0]
    window.select_ids([wire_id])
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.id == wire_id,
                    timeout=10000)
    assert "written by Reuters" in window.reader.metadata.text()
    assert window.reader.removed_toggle.isEnabled() and not window.reader.removed_view.isVisible()
    window.reader.removed_toggle.setChecked(True)
    assert window.reader.removed_view.isVisible() and not window.reader.removed_view.isEnabled()
    assert "Print edition" in window.reader.removed_view.text()
    assert "Print edition" not in window.reader_text()

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: _bodies(archive) == before, timeout=60000)


def test_the_editor_shows_and_saves_the_credit(qtbot, make_window, web_archive) -> None:
    archive, captures = web_archive
    window = make_window(archive)
    story_id = archive.db.execute("SELECT id FROM articles WHERE credit IS NULL LIMIT 1").fetchone()[0]
    window.select_ids([story_id])
    window.edit_metadata_action.trigger()
    editor = window.edits.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    assert "credit" in editor.edits and not editor.is_flagged("credit")
    qtbot.keyClicks(editor.edits["credit"], "Agence France-Presse")
    with qtbot.waitSignal(window.results_refreshed, timeout=20000):
        qtbot.mouseClick(editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    stored = archive.get(story_id)
    assert stored.credit == "Agence France-Presse" and stored.provenance["credit"] == "confirmed"
