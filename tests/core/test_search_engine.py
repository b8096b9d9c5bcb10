"""Searching as a reporter does: the seed stories, and fakes_syria checked against brute force."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.importing.pipeline import import_paths
from desktop.core.operations import bring_index_up_to_date
from desktop.core.saved_searches import get_saved, list_saved, save_search
from desktop.core.search.engine import SearchEngine, SearchRequest
from desktop.core.search.index import SearchIndex

# Seeds are imported in file order: 000 -> #1, 001 -> #2, 002 -> #3, 003 -> #4, 004 -> #5.


@pytest.fixture
def engine(archive: Archive, seeds_dir: Path) -> Iterator[SearchEngine]:
    import_paths(archive, [seeds_dir])
    bring_index_up_to_date(archive)
    index = SearchIndex(archive)
    searcher = SearchEngine(archive, index)
    yield searcher
    searcher.close()
    index.close()


def ids(engine: SearchEngine, query: str, **kwargs: object) -> list[int]:
    return sorted(engine.ids(SearchRequest(query=query, **kwargs)))  # type: ignore[arg-type]


def test_the_seed_queries_from_the_issue(engine: SearchEngine) -> None:
    assert ids(engine, "Esper") == [1, 2, 3, 4, 5]
    assert ids(engine, '"Camp Taji"') == [2, 3, 4]
    assert 1 in ids(engine, "Kata\u2019ib")  # the story spelling it Kata'ib
    assert ids(engine, "Kata\u2019ib") == ids(engine, "Kata'ib") == ids(engine, "Kataib")
    assert ids(engine, 'outlet:"Stars and Stripes"') == [4]
    assert ids(engine, "date:2020-03-13") == [3]
    assert ids(engine, "soleimany~") == [1, 2, 3, 4, 5]
    assert ids(engine, "Qāsim") == ids(engine, "Qasim")


def test_results_page_has_hits_snippets_and_facets(engine: SearchEngine) -> None:
    results = engine.search(SearchRequest(query="Esper"))
    assert results.total == 5 and len(results.hits) == 5
    assert [h.rank for h in results.hits] == [1, 2, 3, 4, 5]
    assert all("<b>Esper</b>" in h.snippet_html for h in results.hits)
    assert all(h.score > 0 for h in results.hits)
    assert dict(results.facets["outlet"]) == {
        "Newsweek": 1, "GlobalSecurity.org": 1, "The New Arab": 1, "Stars and Stripes": 1, "MPR News": 1
    }
    assert results.facets["month"] == [("2020-03", 2)]


def test_clicking_a_facet_narrows_the_results(engine: SearchEngine) -> None:
    narrowed = engine.search(SearchRequest(query="Esper", filters=[("outlet", "The New Arab")]))
    assert [h.id for h in narrowed.hits] == [3]
    assert dict(narrowed.facets["outlet"]) == {"The New Arab": 1}
    by_month = engine.search(SearchRequest(query="", filters=[("month", "2020-03")]))
    assert sorted(h.id for h in by_month.hits) == [2, 3]


def test_sort_newest_and_oldest_put_undated_stories_last(engine: SearchEngine) -> None:
    newest = engine.ids(SearchRequest(query="Esper", sort="newest"))
    oldest = engine.ids(SearchRequest(query="Esper", sort="oldest"))
    assert newest[:2] == [3, 2]
    assert oldest[:2] == [2, 3]
    assert set(newest[2:]) == set(oldest[2:]) == {1, 4, 5}
    assert engine.search(SearchRequest(query="Esper sort:oldest")).sort == "oldest"


def test_sort_by_headline_and_outlet_orders_the_whole_list(engine: SearchEngine, archive: Archive) -> None:
    def titles(sort: str, query: str = "") -> list[str]:
        ids = engine.ids(SearchRequest(query=query, sort=sort))
        rows = {r["id"]: r for r in archive.db.query("SELECT id, headline, outlet FROM articles")}
        return [(rows[i]["headline" if "headline" in sort else "outlet"] or "") for i in ids]

    for query in ("", "Esper"):  # browsing (cached order) and a ranked search (Whoosh sortedby)
        a_z = titles("headline", query)
        named = [t for t in a_z if t]
        assert len(named) >= 3 and named == sorted(named, key=lambda t: t.lstrip('"\u201c').casefold())
        assert a_z[len(named):] == [""] * (len(a_z) - len(named)), "a story without a headline sorts last"
        assert [t for t in titles("headline_desc", query) if t] == named[::-1]
        outlets = [t for t in titles("outlet", query) if t]
        assert outlets == sorted(outlets, key=str.casefold)
    assert engine.search(SearchRequest(query="Esper sort:outlet")).sort == "outlet"


def test_paging_returns_the_next_ranks(engine: SearchEngine) -> None:
    first = engine.search(SearchRequest(query="Esper", limit=2))
    second = engine.search(SearchRequest(query="Esper", offset=2, limit=2))
    assert [h.rank for h in second.hits] == [3, 4]
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}


@pytest.mark.parametrize(
    "query",
    ['"camp taji', "((Esper", "Esper)", "AND", "hedline:Esper", "date:garbage", "x" * 10_000, "*", "~",
     "NOT", "Esper AND", ":", "\x00\x1f", 'outlet:"', "date:2020-13-45..", "(((((((((((((((((("],
)
def test_malformed_queries_get_a_message_not_a_traceback(engine: SearchEngine, query: str) -> None:
    results = engine.search(SearchRequest(query=query))
    assert results.messages, query
    assert all(len(m) < 300 for m in results.messages)


def test_did_you_mean_uses_the_archive_vocabulary(engine: SearchEngine) -> None:
    results = engine.search(SearchRequest(query="Soleimanni"))
    assert results.total == 0
    assert results.suggestions == ["Soleimani"]
    assert engine.search(SearchRequest(query="Esper")).suggestions == []


def test_more_like_this_finds_the_other_versions(engine: SearchEngine) -> None:
    similar = [h.id for h in engine.more_like_this(2)]
    assert 2 not in similar
    assert set(similar) == {1, 3, 4, 5}


def test_saved_searches_are_kept_and_rerun(engine: SearchEngine, archive: Archive) -> None:
    save_search(archive, "Taji coverage", '"Camp Taji"', filters=[("month", "2020-03")], sort="newest")
    save_search(archive, "taji COVERAGE", '"Camp Taji"', sort="oldest")  # same name: replaced
    (saved,) = list_saved(archive)
    assert (saved.name, saved.sort, saved.filters) == ("Taji coverage", "oldest", [])
    again = get_saved(archive, "TAJI coverage")
    assert again is not None
    assert engine.ids(SearchRequest(query=again.query, sort=again.sort)) == [2, 3, 4]


# -- fakes_syria: each feature against brute force over the stored text ---------------------


@pytest.fixture(scope="module")
def fakes(tmp_path_factory: pytest.TempPathFactory, corpora_dir: Path) -> Iterator[tuple[Archive, SearchEngine]]:
    archive = Archive.open(tmp_path_factory.mktemp("fakes") / "archive")
    import_paths(archive, [corpora_dir / "fakes_syria" / "articles"], durable=False)
    bring_index_up_to_date(archive)
    index = SearchIndex(archive)
    engine = SearchEngine(archive, index)
    yield archive, engine
    engine.close()
    index.close()
    archive.close()


def _matching(archive: Archive, pattern: str) -> set[int]:
    regex = re.compile(pattern, re.IGNORECASE)
    return {r["id"] for r in archive.db.query("SELECT id, headline, body FROM articles")
            if regex.search(f"{r['headline'] or ''}\n{r['body']}")}


def test_fakes_word_and_phrase_search_match_brute_force(fakes: tuple[Archive, SearchEngine]) -> None:
    archive, engine = fakes
    assert set(engine.ids(SearchRequest(query="Aleppo"))) == _matching(archive, r"\baleppos?\b")
    phrase = set(engine.ids(SearchRequest(query='"Khan Sheikhoun"')))
    assert phrase == _matching(archive, r"\bkhan\W+sheikhoun\b") and len(phrase) > 5


def test_fakes_boolean_operators_match_set_algebra(fakes: tuple[Archive, SearchEngine]) -> None:
    archive, engine = fakes
    aleppo = _matching(archive, r"\baleppos?\b")
    idlib = _matching(archive, r"\bidlibs?\b")
    assert set(engine.ids(SearchRequest(query="Aleppo NOT Idlib"))) == aleppo - idlib
    assert set(engine.ids(SearchRequest(query="Aleppo -Idlib"))) == aleppo - idlib
    assert set(engine.ids(SearchRequest(query="Aleppo OR Idlib"))) == aleppo | idlib
    assert set(engine.ids(SearchRequest(query="Aleppo Idlib"))) == aleppo & idlib
    assert set(engine.ids(SearchRequest(query="(Aleppo OR Idlib) -Homs"))) == (aleppo | idlib) - _matching(
        archive, r"\bhoms\b"
    )


def test_fakes_wildcard_and_fuzzy(fakes: tuple[Archive, SearchEngine]) -> None:
    archive, engine = fakes
    wildcard = set(engine.ids(SearchRequest(query="chemic*")))
    assert wildcard == _matching(archive, r"\bchemic\w*")
    assert set(engine.ids(SearchRequest(query="Alepo~1"))) >= _matching(archive, r"\baleppos?\b")


def test_fakes_date_filters_match_stored_dates(fakes: tuple[Archive, SearchEngine]) -> None:
    archive, engine = fakes
    month = {r[0] for r in archive.db.execute("SELECT id FROM articles WHERE pub_date LIKE '2016-10-%'")}
    assert set(engine.ids(SearchRequest(query="date:2016-10"))) == month and month
    ranged = {r[0] for r in archive.db.execute(
        "SELECT id FROM articles WHERE length(pub_date) = 10 AND pub_date BETWEEN '2016-10-01' AND '2016-12-31'")}
    assert set(engine.ids(SearchRequest(query="date:2016-10-01..2016-12-31"))) == ranged
    after = {r[0] for r in archive.db.execute(
        "SELECT id FROM articles WHERE length(pub_date) = 10 AND pub_date > '2017-04-01'")}
    assert set(engine.ids(SearchRequest(query="date:>2017-04-01"))) == after


def test_fakes_outlet_facets_equal_database_counts(fakes: tuple[Archive, SearchEngine]) -> None:
    archive, engine = fakes
    results = engine.search(SearchRequest(query=""))
    assert results.total == archive.count()
    expected = Counter({r[0]: r[1] for r in archive.db.execute(
        "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet")})
    assert dict(results.facets["outlet"]) == dict(expected.most_common(30))


def test_very_common_words_are_left_out_of_word_lists_but_not_phrases(
    fakes: tuple[Archive, SearchEngine]
) -> None:
    archive, engine = fakes
    results = engine.search(SearchRequest(query="Idlib the"))
    assert results.total == len(engine.ids(SearchRequest(query="Idlib")))
    assert "Very common words were left out: the" in results.messages
    phrase = engine.search(SearchRequest(query='"in the city of"'))
    assert phrase.messages == [] and 0 < phrase.total < archive.count() / 2


def test_exclusions_and_filters_narrow_without_changing_the_ranking_of_the_rest(engine: SearchEngine) -> None:
    everything = [h.id for h in engine.search(SearchRequest(query="Esper")).hits]
    narrowed = [h.id for h in engine.search(SearchRequest(query="Esper -Farah")).hits]
    assert narrowed == [i for i in everything if i not in ids(engine, "Farah")]
    dated = engine.search(SearchRequest(query="date:2020-03"))
    assert [h.id for h in dated.hits] == [3, 2]  # no words to rank by: newest first


def test_wildcards_and_fuzzy_words_say_when_they_were_capped(fakes: tuple[Archive, SearchEngine]) -> None:
    _, engine = fakes
    capped = engine.search(SearchRequest(query="al*"))
    assert any(m.startswith("al* matches") and "60 most common" in m for m in capped.messages)
    assert capped.total > 100


def test_highlight_terms_give_the_spans_the_reader_marks(engine: SearchEngine, archive: Archive) -> None:
    from desktop.core.search.snippets import hit_spans

    terms, phrases = engine.highlight_terms('"Camp Taji" milit*')
    article = archive.get(4)
    assert article is not None
    marked = [article.body[s:e].lower() for s, e in hit_spans(article.body, terms, phrases=phrases)]
    assert "camp taji" in marked
    assert {"militia", "militias", "military"} & set(marked)
