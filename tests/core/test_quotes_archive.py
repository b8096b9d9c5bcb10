"""Quotations in the archive: found at import, speakers linked to entities, statements across
stories, searchable with quote: and speaker:, and kept through delete and Undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.editing import delete_articles, restore_deleted
from desktop.core.operations import import_and_index
from desktop.core.quotes.store import extract_for_archive, quotes_for_article
from tests.core.conftest import search_ids


@pytest.fixture
def seeded(archive: Archive, seeds_dir: Path) -> Archive:
    import_and_index(archive, [seeds_dir])
    return archive


def _esper_statement(archive: Archive) -> tuple[int, str, str, int, int]:
    row = archive.db.execute(
        "SELECT id, text, speaker, stories, first_article_id FROM statements WHERE text LIKE '%will not tolerate%'"
    ).fetchall()
    assert len(row) == 1, "the Defense Secretary's words are one statement"
    return row[0]


def test_import_finds_quotes_links_speakers_and_groups_the_statement(seeded: Archive) -> None:
    assert seeded.db.execute("SELECT count(*) FROM quotes").fetchone()[0] >= 55
    _id, text, speaker, stories, first = _esper_statement(seeded)
    assert speaker == "Mark Esper" and stories == 5
    assert seeded.get(first).pub_date.iso() == "2020-03-12"  # type: ignore[union-attr] - first appearance
    esper = seeded.db.execute("SELECT id FROM entities WHERE name = 'Mark Esper'").fetchone()[0]
    linked = {q.article_id for q in [*quotes_for_article(seeded, 1), *quotes_for_article(seeded, 3)]
              if q.entity_id == esper}
    assert linked == {1, 3}, "quotes are linked to the speaker's entity"


def test_quote_and_speaker_searches(seeded: Archive) -> None:
    assert search_ids(seeded, 'quote:"not tolerate"') == [1, 2, 3, 4, 5]
    assert search_ids(seeded, "speaker:Esper") == [1, 2, 3, 4, 5]
    assert search_ids(seeded, 'speaker:"Alyssa Farah"') and len(search_ids(seeded, 'speaker:"Alyssa Farah"')) < 5
    assert search_ids(seeded, 'quote:"Camp Taji"') == [], "words outside quotation marks are not quotes"


def test_quotes_survive_delete_and_undo_and_reextraction(seeded: Archive) -> None:
    before = [(q.quote.text, q.quote.speaker) for q in quotes_for_article(seeded, 2)]
    def carried_by() -> int:
        statement_id = _esper_statement(seeded)[0]
        return seeded.db.execute("SELECT count(DISTINCT article_id) FROM quotes WHERE statement_id = ?",
                                 [statement_id]).fetchone()[0]

    deletion = delete_articles(seeded, [2])
    assert carried_by() == 4, "a deleted story no longer carries the statement"
    restore_deleted(seeded, deletion)
    assert [(q.quote.text, q.quote.speaker) for q in quotes_for_article(seeded, 2)] == before
    assert carried_by() == 5
    count = seeded.db.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert extract_for_archive(seeded) == count, "extracting again replaces, never duplicates"
    assert seeded.db.execute("SELECT count(*) FROM quotes").fetchone()[0] == count
    assert search_ids(seeded, 'quote:"not tolerate"') == [1, 2, 3, 4, 5]


def test_the_ledger_by_statement_speaker_and_story(seeded: Archive) -> None:
    from desktop.core.quotes.ledger import citation, list_speakers, list_statements, statement_stories

    top = list_statements(seeded)[0]
    assert "will not tolerate" in top.text and top.stories == 5 and top.speaker == "Mark Esper"
    assert top.first_date == "2020-03-12" and top.first_outlet == "GlobalSecurity.org"
    carried = statement_stories(seeded, top.id)
    assert {c.article_id for c in carried} == {1, 2, 3, 4, 5}
    assert carried[0].date == "2020-03-12" and carried[-1].date is None, "first appearance first, undated last"
    assert {c.speaker for c in carried} == {"Mark Esper"}
    speakers = {s.name: s for s in list_speakers(seeded)}
    assert speakers["Mark Esper"].stories == 5 and speakers["Mark Esper"].entity_id is not None
    assert [s.text for s in list_statements(seeded, speaker="Esper")] == [], "speaker is a whole name"
    assert top.id in {s.id for s in list_statements(seeded, speaker="Mark Esper")}
    assert all(s.id != top.id for s in list_statements(seeded, search="proportional"))
    assert {s.id for s in list_statements(seeded, article_id=4)} >= {top.id}
    text = citation(seeded, carried[0].quote_id)
    assert text.startswith("\u201c") and "Mark Esper" in text and "GlobalSecurity.org" in text and "#" in text
