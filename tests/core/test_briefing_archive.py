"""Briefings from the archive: stories with their entities and key quotations, drafts, and the
``export`` command writing a .docx that python-docx and LibreOffice open."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from desktop.core.archive import Archive
from desktop.core.briefing.from_archive import (
    briefing_from_articles, delete_draft, list_drafts, load_draft, save_draft,
)
from desktop.core.entities.store import mentions_for_article, set_mention_state
from desktop.core.operations import import_and_index
from tests.core.test_cli import run  # noqa: F401 - the fixture


@pytest.fixture
def seeded(archive: Archive, seeds_dir: Path) -> Archive:
    import_and_index(archive, [seeds_dir])
    return archive


def test_stories_carry_confirmed_entities_and_one_quote_per_statement(seeded: Archive) -> None:
    set_mention_state(seeded, [m.id for m in mentions_for_article(seeded, 3) if m.entity_name == "Mark Esper"],
                      "confirmed")
    briefing = briefing_from_articles(seeded, [3, 2, 99, 3], title="Taji")
    assert [s.article_id for s in briefing.stories] == [3, 2], "in the order given, unknown ids and repeats skipped"
    story = briefing.stories[0]
    assert [e.name for e in story.entities] == ["Mark Esper"], "confirmed entities only by default"
    assert len(story.quotes) <= 3 and story.quotes[0].speaker == "Mark Esper"
    texts = [q.text.lower() for q in story.quotes]
    assert not any(a != b and a in b for a in texts for b in texts), "no quote repeats a longer one"
    with_suggested = briefing_from_articles(seeded, [3], title="Taji", suggested_entities=True)
    assert len(with_suggested.stories[0].entities) > 5
    assert briefing.summary.startswith(story.lead[:40]), "the leads are the summary's starting point"


def test_drafts_are_saved_reopened_and_deleted(seeded: Archive) -> None:
    briefing = briefing_from_articles(seeded, [1, 2], title="Draft one")
    draft_id = save_draft(seeded, briefing)
    briefing.title = "Draft one, edited"
    briefing.stories.reverse()
    assert save_draft(seeded, briefing, draft_id) == draft_id
    again = load_draft(seeded, draft_id)
    assert again is not None and again.title == "Draft one, edited"
    assert [s.article_id for s in again.stories] == [2, 1]
    assert [(d.id, d.title, d.stories) for d in list_drafts(seeded)] == [(draft_id, "Draft one, edited", 2)]
    delete_draft(seeded, draft_id)
    assert list_drafts(seeded) == [] and load_draft(seeded, draft_id) is None


def test_export_command(run, tmp_path: Path, seeds_dir: Path) -> None:  # noqa: F811
    archive = str(tmp_path / "arch")
    assert run("import", str(seeds_dir), "--archive", archive).returncode == 0
    out = tmp_path / "esper.docx"
    done = run("export", "--query", "Esper", "--out", str(out), "--title", "Esper", "--archive", archive)
    assert done.returncode == 0 and "5 stories" in done.stdout
    document = Document(str(out))
    assert document.core_properties.title == "Esper"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len([h for h in headings if h]) >= 5
    missing = run("export", "--ids", "1,42", "--out", str(tmp_path / "x.docx"), "--archive", archive)
    assert missing.returncode == 4 and "no story #42" in missing.stderr
    assert not (tmp_path / "x.docx").exists()
    assert run("export", "--query", "zzzxq", "--out", str(tmp_path / "y.docx"), "--archive", archive).returncode == 4
    assert run("export", "--ids", "1", "--out", str(tmp_path / "z.txt"), "--archive", archive).returncode == 2
