"""``reclean`` end to end: stories imported before the site lines were known are cleaned up, what a
person confirmed is left alone, and Undo puts everything back.

The "old" archive is made the way a reporter's grows: one file per import, so no batch ever held
enough stories of a site to learn its lines, and each story kept them. The clean-up then learns
over the whole archive.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.editing import update_metadata
from desktop.core.operations import import_and_index
from desktop.core.reclean import apply_cleanup, plan_cleanup, undo_cleanup
from tests.core.conftest import search_ids
from tests.core.web_capture_gold import synthetic_batch, write_batch


def _state(archive: Archive) -> dict[str, object]:
    """What a reporter sees of every story (revision counters and edit times aside)."""
    rows = [{k: v for k, v in r.items() if k not in ("rev", "updated_at")}
            for r in archive.db.query("SELECT * FROM articles ORDER BY id")]
    mentions = [tuple(r) for r in archive.db.execute(
        "SELECT article_id, entity_id, start, end, surface, state FROM mentions ORDER BY article_id, start, end")]
    quotes = [tuple(r) for r in archive.db.execute(
        "SELECT article_id, start, end, text, speaker FROM quotes ORDER BY article_id, start")]
    return {"rows": rows, "mentions": mentions, "quotes": quotes}


@pytest.fixture
def old_archive(tmp_path: Path):
    captures = [c for c in synthetic_batch(40) if c.outlet in ("Harbor Ledger", "Northwind Daily")]
    folder = write_batch(tmp_path / "files", captures)
    archive = Archive.open(tmp_path / "archive")
    for capture in captures:  # one file per import: nothing to learn from at import time
        import_and_index(archive, [folder / capture.name], durable=False)
    yield archive, captures
    archive.close()


def _by_name(archive: Archive) -> dict[str, dict]:
    return {r["original_name"]: r for r in archive.db.query("SELECT * FROM articles")}


def test_reclean_cleans_what_single_imports_left_and_undo_restores_it(old_archive) -> None:
    archive, captures = old_archive
    rows = _by_name(archive)
    dirty = [c for c in captures if any(line in rows[c.name]["body"] for line in c.site_lines)
             or rows[c.name]["headline"] != c.headline]
    assert len(dirty) >= 8, "single imports should have left site lines and title suffixes"

    # A person confirmed one headline as it stands (suffix and all): it must survive.
    kept = next(c for c in captures if c.outlet == "Northwind Daily")
    kept_id = rows[kept.name]["id"]
    kept_headline = rows[kept.name]["headline"]
    update_metadata(archive, kept_id, {"headline": kept_headline})
    before = _state(archive)
    mentions_before = archive.db.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert mentions_before > 0

    plan = plan_cleanup(archive)
    assert _state(archive) == before, "planning changes nothing"
    assert len(plan.changes) >= len(dirty) - 1
    run = apply_cleanup(archive, plan)
    assert run is not None

    rows = _by_name(archive)
    for capture in captures:
        row = rows[capture.name]
        assert not [line for line in capture.site_lines if line in row["body"]], capture.name
        assert capture.kept in row["body"]
        if capture.name != kept.name:
            assert row["headline"] == capture.headline, capture.name
            assert row["outlet"] == capture.outlet, capture.name
        assert row["credit"] == capture.credit, capture.name
    assert rows[kept.name]["headline"] == kept_headline
    assert json.loads(rows[kept.name]["provenance"])["headline"] == "confirmed"
    # Mentions and quotations moved with the text: each still names what it names.
    for article_id, start, end, surface in archive.db.execute(
            "SELECT article_id, start, end, surface FROM mentions"):
        body = archive.get(article_id).body
        assert body[start:end] == surface
    for article_id, start, end, text in archive.db.execute("SELECT article_id, start, end, text FROM quotes"):
        assert archive.get(article_id).body[start:end] == text
    # The index followed: the agency is searchable, the site's line is not.
    wire = [rows[c.name]["id"] for c in captures if c.credit == "Reuters"]
    assert wire and set(wire) <= set(search_ids(archive, "credit:Reuters"))
    assert search_ids(archive, '"Print edition"') == []

    assert undo_cleanup(archive, run) == len(plan.changes)
    assert _state(archive) == before
    assert search_ids(archive, '"Print edition"') != []


def test_a_second_reclean_finds_nothing_to_do(old_archive) -> None:
    archive, _ = old_archive
    apply_cleanup(archive, plan_cleanup(archive))
    assert plan_cleanup(archive).changes == []


@pytest.fixture
def run_cli(tmp_path: Path):
    env = {**os.environ, "NEWSROOM_DATA_DIR": str(tmp_path / "data")}
    env.pop("NEWSROOM_ARCHIVE", None)

    def runner(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                              timeout=300, env=env)

    return runner


def test_cli_dry_run_then_apply_then_undo(old_archive, run_cli) -> None:
    archive, captures = old_archive
    folder = str(archive.folder)
    before = _state(archive)
    archive.close()

    dry = run_cli("reclean", "--dry-run", "--json", "--archive", folder)
    assert dry.returncode == 0, dry.stderr
    planned = json.loads(dry.stdout)
    assert planned["dry_run"] is True and planned["changed"] == 0 and len(planned["changes"]) >= 8
    assert any("Print edition" in " ".join(c["removed_lines"]) for c in planned["changes"])

    applied = run_cli("reclean", "--archive", folder)
    assert applied.returncode == 0, applied.stderr
    assert f"Changed {len(planned['changes'])} stories" in applied.stdout
    assert "reclean --undo" in applied.stdout

    shown = run_cli("list", "--limit", "0", "--json", "--archive", folder)
    listed = json.loads(shown.stdout)["articles"]
    assert len(listed) == len(captures)
    assert {a["credit"] for a in listed} >= {"Reuters"}

    undone = run_cli("reclean", "--undo", "--archive", folder)
    assert undone.returncode == 0, undone.stderr
    assert "Put back" in undone.stdout
    again = run_cli("reclean", "--undo", "--archive", folder)
    assert again.returncode == 1 and "no clean-up to undo" in again.stderr

    with Archive.open(Path(folder)) as reopened:
        assert _state(reopened) == before
