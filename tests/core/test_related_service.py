"""Related stories from the archive: other versions found at import, suggestions with reasons
that leave out linked and dismissed stories, and thread proposals accepted as threads."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.operations import import_and_index
from desktop.core.related.service import (
    RelatedIndex, accept_thread_proposal, accept_version, dismiss_thread_proposal, dismiss_version,
    open_thread_proposals, propose_threads_for_archive, versions_of,
)
from desktop.core.related.store import add_link, dismiss_suggestion, links_for, thread_timeline
from tests.core.conftest import search_ids


@pytest.fixture
def seeded(archive: Archive, seeds_dir: Path) -> Archive:
    import_and_index(archive, [seeds_dir])
    return archive


def test_the_same_wire_copy_with_another_headline_is_found_at_import(seeded: Archive, tmp_path: Path) -> None:
    body = seeded.get(2).body  # type: ignore[union-attr]
    (tmp_path / "copy.txt").write_text("Pentagon hits militia sites in Iraq\n\n" + body[: len(body) * 2 // 3],
                                       encoding="utf-8")
    (tmp_path / "other.txt").write_text("Floods in Pakistan\n\nMonsoon rains flooded villages in Sindh province, "
                                        "officials said on Monday, as rescue teams reached stranded families.",
                                        encoding="utf-8")
    import_and_index(seeded, [tmp_path])
    copy = seeded.db.execute("SELECT id FROM articles WHERE headline LIKE 'Pentagon hits%'").fetchone()[0]
    other = seeded.db.execute("SELECT id FROM articles WHERE headline LIKE 'Floods%'").fetchone()[0]
    [found] = versions_of(seeded, copy)
    assert (found.other_id, found.label) == (2, "longer version")
    assert [(v.other_id, v.label) for v in versions_of(seeded, 2)] == [(copy, "shorter cut")]
    assert versions_of(seeded, other) == []
    accept_version(seeded, copy, 2)
    assert [(r.other_id, r.label) for r in links_for(seeded, 2)] == [(copy, "other version")]
    assert versions_of(seeded, 2) == [], "an accepted version is a link, no longer an offer"
    dismiss_version(seeded, copy, 2)  # harmless twice


def test_suggestions_with_reasons_leave_out_linked_and_dismissed(seeded: Archive) -> None:
    index = RelatedIndex(seeded)
    index.build()
    suggested = index.suggestions(2)
    assert {s.other_id for s in suggested} == {1, 3, 4, 5}, "the other outlets' versions of the event"
    assert all(s.reasons for s in suggested) and any("both name" in r for s in suggested for r in s.reasons)
    add_link(seeded, 2, 5, "follow_up")
    dismiss_suggestion(seeded, 2, 4)
    assert {s.other_id for s in index.suggestions(2)} == {1, 3}


def test_a_thread_proposal_becomes_a_thread(seeded: Archive) -> None:
    assert propose_threads_for_archive(seeded) == 1
    [proposal] = open_thread_proposals(seeded)
    assert proposal.article_ids == [1, 2, 3, 4, 5] and proposal.name
    assert propose_threads_for_archive(seeded) == 0, "not proposed twice"
    thread_id = accept_thread_proposal(seeded, proposal.id, "Camp Taji rocket attack and US strikes, March 2020")
    assert [s.article_id for s in thread_timeline(seeded, thread_id)][:2] == [2, 3]
    assert search_ids(seeded, 'thread:"Camp Taji rocket attack and US strikes, March 2020"') == [1, 2, 3, 4, 5]
    assert open_thread_proposals(seeded) == []
    assert propose_threads_for_archive(seeded) == 0, "a group already a thread is not proposed"


def test_dismissed_thread_proposals_stay_dismissed(seeded: Archive) -> None:
    propose_threads_for_archive(seeded)
    [proposal] = open_thread_proposals(seeded)
    dismiss_thread_proposal(seeded, proposal.id)
    assert propose_threads_for_archive(seeded) == 0 and open_thread_proposals(seeded) == []
