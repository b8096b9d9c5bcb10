"""Correcting metadata and deleting stories: saved, searchable at once, and undoable."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.checking import check_archive
from desktop.core.editing import (
    EditError, confirm_fields, delete_articles, empty_trash, restore_deleted, trash_count, undo_edit,
    update_metadata,
)
from desktop.core.importing.pipeline import import_paths
from desktop.core.operations import bring_index_up_to_date
from desktop.core.search.engine import SearchEngine, SearchRequest
from desktop.core.search.index import SearchIndex
from tests.core.conftest import search_ids, snapshot


@pytest.fixture
def seeded(archive: Archive, seeds_dir: Path) -> Archive:
    import_paths(archive, [seeds_dir])
    bring_index_up_to_date(archive)
    return archive


def test_correcting_the_missing_headline_confirms_it_and_makes_it_searchable(seeded: Archive) -> None:
    assert seeded.get(4).needs_review == ["headline", "byline", "outlet", "date"]  # type: ignore[union-attr]
    edit = update_metadata(seeded, 4, {"headline": "  US strikes Kataeb Hezbollah depots  ", "date": "2020-03-13"})
    article = seeded.get(4)
    assert article is not None
    assert article.headline == "US strikes Kataeb Hezbollah depots"
    assert article.pub_date is not None and article.pub_date.iso() == "2020-03-13"
    assert article.provenance["headline"] == article.provenance["date"] == "confirmed"
    assert article.needs_review == ["byline", "outlet"]
    assert search_ids(seeded, "headline:depots") == [4]
    undo_edit(seeded, edit)
    again = seeded.get(4)
    assert again is not None and again.headline is None and again.pub_date is None
    assert again.provenance["headline"] == "missing"
    assert search_ids(seeded, "headline:depots") == []


def test_confirming_a_guess_clears_the_review_flag(seeded: Archive) -> None:
    assert "outlet" in seeded.get(1).needs_review  # type: ignore[union-attr]
    confirm_fields(seeded, 1, ["outlet"])
    article = seeded.get(1)
    assert article is not None and article.outlet == "Newsweek" and "outlet" not in article.needs_review


def test_needs_review_filter_lists_stories_until_everything_is_confirmed(seeded: Archive) -> None:
    def review() -> list[int]:
        return search_ids(seeded, filters=[("review", "yes")])

    assert review() == [1, 2, 3, 4, 5]  # every seed has a guessed outlet
    article = seeded.get(2)
    assert article is not None
    confirm_fields(seeded, 2, article.needs_review)
    assert review() == [1, 3, 4, 5]


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"date": "March twelfth"}, "is not a date"), ({"url": "javascript:alert(1)"}, "must start with http"),
     ({"language": "english!"}, "not a language code"), ({"body": "x"}, "not an editable field")],
)
def test_bad_values_are_refused_with_a_reason_and_nothing_changes(seeded: Archive, changes: dict, message: str) -> None:
    before = snapshot(seeded)
    with pytest.raises(EditError, match=message):
        update_metadata(seeded, 2, changes)
    assert snapshot(seeded) == before


def test_byline_typed_as_text_becomes_a_list(seeded: Archive) -> None:
    update_metadata(seeded, 4, {"byline": "Chad Garland and Jane Doe"})
    assert seeded.get(4).byline == ["Chad Garland", "Jane Doe"]  # type: ignore[union-attr]


def test_delete_moves_to_trash_and_undo_restores_the_same_story(seeded: Archive) -> None:
    before = snapshot(seeded)
    deletion = delete_articles(seeded, [2, 3])
    assert deletion.article_ids == [2, 3]
    assert seeded.count() == 3 and trash_count(seeded) == 2
    assert search_ids(seeded, "Esper") == [1, 4, 5]
    assert check_archive(seeded).ok
    assert restore_deleted(seeded, deletion) == [2, 3]
    assert snapshot(seeded)["originals"] == before["originals"]
    assert [r[:3] for r in snapshot(seeded)["rows"]] == [r[:3] for r in before["rows"]]
    assert search_ids(seeded, "Esper") == [1, 2, 3, 4, 5]
    assert trash_count(seeded) == 0 and check_archive(seeded).ok


def test_deleting_more_stories_than_one_transaction_holds(seeded: Archive, monkeypatch) -> None:
    import desktop.core.editing as editing

    monkeypatch.setattr(editing, "TRASH_CHUNK", 2)  # five stories: three transactions each way
    before = snapshot(seeded)
    seen: list[tuple[int, int]] = []
    deletion = delete_articles(seeded, [5, 1, 3, 3, 99, 2, 4], progress=lambda d, t: seen.append((d, t)))
    assert deletion.article_ids == [5, 1, 3, 2, 4], "in the order asked, each once, unknown ids skipped"
    assert seen[-1] == (6, 6) and seeded.count() == 0 and trash_count(seeded) == 5
    assert not [p for p in (seeded.folder / "originals").rglob("*") if p.is_file()], "all in the trash"
    assert check_archive(seeded).ok
    assert sorted(restore_deleted(seeded, deletion)) == [1, 2, 3, 4, 5]
    assert snapshot(seeded)["originals"] == before["originals"]
    assert trash_count(seeded) == 0 and check_archive(seeded).ok


def test_emptying_the_trash_removes_for_good(seeded: Archive) -> None:
    deletion = delete_articles(seeded, [5])
    assert empty_trash(seeded) == 1
    assert restore_deleted(seeded, deletion) == []
    assert not list((seeded.folder / "trash").iterdir())
    assert check_archive(seeded).ok


def test_browsing_everything_after_an_edit_of_an_undated_story(seeded: Archive) -> None:
    """The edit re-indexes story #4 into a new segment in which no story has a month: facet
    columns must still line up with docnums (Whoosh's multi-segment column reader skips it)."""
    update_metadata(seeded, 4, {"headline": "Rocket barrage on Camp Taji"})
    bring_index_up_to_date(seeded)
    index = SearchIndex(seeded)
    engine = SearchEngine(seeded, index)
    try:
        for sort in ("relevance", "newest", "oldest"):
            results = engine.search(SearchRequest(sort=sort))
            assert results.total == 5
            assert dict(results.facets["month"]) == {"2020-03": 2}
            assert sum(n for _, n in results.facets["outlet"]) == 5
    finally:
        engine.close()
        index.close()
