"""Links and event threads in the archive: typed two-way links with undo, dismissed suggestions,
threads with a timeline, and the related: and thread: searches."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.editing import delete_articles, restore_deleted
from desktop.core.importing.pipeline import import_paths
from desktop.core.related.store import (
    LinkError, add_link, add_to_thread, create_thread, delete_thread, dismiss_suggestion, dismissed_with,
    links_for, list_threads, remove_from_thread, remove_link, rename_thread, restore_link, thread_story_ids,
    thread_timeline, threads_for,
)
from tests.core.conftest import search_ids


@pytest.fixture
def seeded(archive: Archive, seeds_dir: Path) -> Archive:
    import_paths(archive, [seeds_dir])
    return archive


def test_a_link_shows_on_both_stories_and_undo_restores_it(seeded: Archive) -> None:
    link = add_link(seeded, 2, 5, "follow_up", note="AP picks it up a day later")
    assert add_link(seeded, 2, 5, "follow_up").id == link.id, "the same link twice is one link"
    [from_2] = links_for(seeded, 2)
    [from_5] = links_for(seeded, 5)
    assert (from_2.other_id, from_2.label) == (5, "followed up by")
    assert (from_5.other_id, from_5.label, from_5.link.note) == (2, "follow-up of", "AP picks it up a day later")
    assert search_ids(seeded, "related:2") == [5] and search_ids(seeded, "related:#5") == [2]
    same = add_link(seeded, 4, 1, "same_event")
    assert (same.a_id, same.b_id) == (1, 4), "symmetric links are stored once per pair"
    removed = remove_link(seeded, link.id)
    assert links_for(seeded, 2) == [] and search_ids(seeded, "related:2") == []
    restore_link(seeded, removed)
    assert [r.link.id for r in links_for(seeded, 5)] == [link.id]
    for bad in ((2, 2, "same_event"), (2, 99, "same_event"), (1, 2, "cousin")):
        with pytest.raises(LinkError):
            add_link(seeded, *bad)


def test_links_go_with_a_deleted_story_and_dismissals_stay(seeded: Archive) -> None:
    add_link(seeded, 1, 3, "same_event")
    dismiss_suggestion(seeded, 4, 2)
    assert dismissed_with(seeded, 2) == {4} and dismissed_with(seeded, 4) == {2}
    deletion = delete_articles(seeded, [3])
    assert links_for(seeded, 1) == []
    restore_deleted(seeded, deletion)
    assert [r.other_id for r in links_for(seeded, 1)] == [3], "Undo of a delete brings its links back"


def test_threads_timeline_rename_and_search(seeded: Archive) -> None:
    thread_id = create_thread(seeded, "Camp Taji rocket attack and US strikes, March 2020", [5, 3, 2, 1])
    assert add_to_thread(seeded, thread_id, [4, 4, 99]) == 1
    timeline = thread_timeline(seeded, thread_id)
    assert [s.date for s in timeline][:2] == ["2020-03-12", "2020-03-13"] and timeline[-1].date is None
    assert thread_story_ids(seeded, "camp taji rocket attack and us strikes, march 2020") == [s.article_id for s in timeline]
    assert search_ids(seeded, 'thread:"Camp Taji rocket attack and US strikes, March 2020"') == [1, 2, 3, 4, 5]
    other = create_thread(seeded, "Esper's warnings", [2])
    assert {t.name for t in threads_for(seeded, 2)} == {"Camp Taji rocket attack and US strikes, March 2020",
                                                      "Esper's warnings"}
    with pytest.raises(LinkError, match="already a thread"):
        create_thread(seeded, "ESPER'S WARNINGS")
    rename_thread(seeded, other, "Esper warns Iran")
    assert search_ids(seeded, 'thread:"Esper warns Iran"') == [2]
    assert search_ids(seeded, 'thread:"Esper\'s warnings"') == []
    remove_from_thread(seeded, thread_id, [5])
    assert 5 not in search_ids(seeded, 'thread:"Camp Taji rocket attack and US strikes, March 2020"')
    assert delete_thread(seeded, other) == [2]
    assert [t.name for t in list_threads(seeded)] == ["Camp Taji rocket attack and US strikes, March 2020"]
