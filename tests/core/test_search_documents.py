"""Article rows -> index documents: partial dates as intervals, odd values, real rows, real index."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.qparser import QueryParser
from whoosh.query import Term

from desktop.core.archive import Archive
from desktop.core.importing.pipeline import import_paths
from desktop.core.search.documents import UNDATED_LAST, article_document, date_interval
from desktop.core.search.schema import build_schema


@pytest.mark.parametrize(
    "iso, expected",
    [
        ("2020", (20200101, 20201231)),
        ("2020-03", (20200301, 20200331)),
        ("2020-02", (20200201, 20200229)),  # leap year
        ("2019-02", (20190201, 20190228)),
        ("1900-02", (19000201, 19000228)),  # not a leap year
        ("2020-04", (20200401, 20200430)),
        ("2020-03-12", (20200312, 20200312)),
        ("2020-3-5", (20200305, 20200305)),
        (" 2020-03-12T10:15:00Z ", (20200312, 20200312)),
        ("0987-12-31", (9871231, 9871231)),
    ],
)
def test_date_interval(iso: str, expected: tuple[int, int]) -> None:
    assert date_interval(iso) == expected


@pytest.mark.parametrize(
    "iso", ["", "  ", "2020-13", "2020-00", "2020-02-30", "2020-04-31", "0000", "20200312", "March 2020",
            "2020-03-12junk", "2020 10:00", None, 2020]
)
def test_date_interval_rejects(iso: object) -> None:
    with pytest.raises(ValueError):
        date_interval(iso)  # type: ignore[arg-type]


FULL_ROW = {
    "id": 7,
    "content_hash": "ab" * 32,
    "headline": "US Hits Back in Iraq",
    "byline": '["Carla Babb", "Jeff Seldin"]',
    "outlet": "Stars and Stripes",
    "pub_date": "2020-03-12",
    "dateline": "BAGHDAD",
    "url": "https://example.org/a",
    "language": "en",
    "body": "U.S. warplanes struck Kata’ib Hezbollah.",
    "word_count": 6,
    "provenance": "{}",
}


def test_full_row() -> None:
    tags = ["Iraq, strikes", "", "  rockets "]
    document = article_document(FULL_ROW, tags=tags, entities=["e12", "e5"])
    assert document == {
        "id": 7,
        "headline": "US Hits Back in Iraq",
        "body": "U.S. warplanes struck Kata’ib Hezbollah.",
        "byline": "Carla Babb; Jeff Seldin",
        "outlet": "Stars and Stripes",
        "outlet_exact": "Stars and Stripes",
        "place": "BAGHDAD",
        "date_start": 20200312,
        "date_end": 20200312,
        "sort_newest": 20200312,
        "sort_oldest": 20200312,
        "sort_headline": "us hits back in iraq",
        "sort_outlet": "stars and stripes",
        "month": "2020-03",
        "review": "yes",
        "language": "en",
        "tag": "Iraq strikes,rockets",
        "entity": "e12,e5",
    }


@pytest.mark.parametrize(
    "pub_date, expected",
    [
        ("2020", {"date_start": 20200101, "date_end": 20201231}),
        ("2020-03", {"date_start": 20200301, "date_end": 20200331, "month": "2020-03"}),
        (None, {}),
        ("", {}),
        ("sometime", {}),
        ("2020-02-30", {}),
        (20200312, {}),
    ],
)
def test_partial_dates(pub_date: object, expected: dict[str, object]) -> None:
    document = article_document({"id": 1, "pub_date": pub_date})
    assert {k: v for k, v in document.items() if k in ("date_start", "date_end", "month")} == expected
    if expected:
        assert document["sort_newest"] == document["sort_oldest"] == expected["date_start"]
    else:  # undated: last when sorted either way
        assert (document["sort_newest"], document["sort_oldest"]) == (0, UNDATED_LAST)


@pytest.mark.parametrize(
    "row",
    [
        {"id": 1},
        {"id": 1, **{key: None for key in FULL_ROW if key != "id"}},
        {"id": 1, **{key: "" for key in FULL_ROW if key != "id"}},
        {"id": 1, **{key: "   " for key in FULL_ROW if key != "id"}},
        {"id": "1", "byline": "[1, null, {}]", "outlet": 5, "language": ["en"], "body": b"bytes \xff"},
    ],
)
def test_odd_values_never_raise(row: dict[str, object]) -> None:
    document = article_document(row)
    assert document["id"] == 1
    assert all(value not in (None, "") for value in document.values())


@pytest.mark.parametrize(
    "byline, expected",
    [
        ('["Carla Babb"]', "Carla Babb"),
        ("[]", None),
        ('[" ", "Chad Garland"]', "Chad Garland"),
        ("Chad Garland", "Chad Garland"),  # not JSON: taken as a name
        ("[not json", "[not json"),
        ('"Chad Garland"', "Chad Garland"),
        ('{"name": "x"}', None),
        (["Jane Doe", "John Roe"], "Jane Doe; John Roe"),
    ],
)
def test_byline_forms(byline: object, expected: str | None) -> None:
    assert article_document({"id": 1, "byline": byline}).get("byline") == expected


def test_keywords_from_any_iterable() -> None:
    document = article_document({"id": 1}, tags=(t for t in ["a", "b,c"]), entities="Iraq")
    assert document["tag"] == "a,b c"
    assert document["entity"] == "Iraq"
    assert "tag" not in article_document({"id": 1}, tags=["", ",", " , "])


@pytest.mark.parametrize("bad_id", [None, "x", -1, True])
def test_a_row_without_a_usable_id_raises(bad_id: object) -> None:
    with pytest.raises(ValueError):
        article_document({"id": bad_id, "headline": "x"})
    with pytest.raises(ValueError):
        article_document({"headline": "x"})


def test_real_rows_index_and_search(archive: Archive, seeds_dir: Path, tmp_path: Path) -> None:
    import_paths(archive, [seeds_dir])
    rows = list(archive.db.query("SELECT * FROM articles ORDER BY id"))
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    writer = ix.writer(procs=1, limitmb=64)
    for row in rows:
        writer.add_document(**article_document(row, tags=["iraq"], entities=["Kataib Hezbollah"]))
    writer.commit()
    # update_document takes the same arguments and replaces by id
    writer = ix.writer()
    replaced = {**rows[0], "headline": "Replaced headline"}
    writer.update_document(**article_document(replaced, tags=["iraq"], entities=["Kataib Hezbollah"]))
    writer.commit()

    ids = {row["original_name"][:3]: row["id"] for row in rows}
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 5

        def find(field: str, text: str) -> set[int]:
            query = QueryParser(field, ix.schema).parse(text)
            return {hit["id"] for hit in searcher.search(query, limit=None)}

        assert find("byline", "Seldin") == {ids["001"]}
        assert find("byline", '"carla babb"') == {ids["001"]}
        assert find("outlet", "stripes") == {ids["003"]}
        assert find("headline", "replaced") == {rows[0]["id"]}
        assert find("body", "Kataib") >= {ids["000"], ids["001"]}
        assert find("tag", "iraq") == set(ids.values())
        assert find("entity", '"kataib hezbollah"') == set(ids.values())

        exact = searcher.search(Term("outlet_exact", "Stars and Stripes"))
        assert [hit["id"] for hit in exact] == [ids["003"]]

        # The interval itself (range queries are the query module's business: Whoosh's own
        # NumericRange is wrong on this schema's unsigned fields, see query.SafeNumericRange).
        def on(field: str, value: int) -> set[int]:
            return find(field, str(value))

        assert on("date_start", 20200312) == on("date_end", 20200312) == {ids["001"]}
        assert on("date_start", 20200313) == {ids["002"]}
        assert {hit["id"] for hit in searcher.search(Term("month", "2020-03"))} == {ids["001"], ids["002"]}
        assert len(searcher.search(Term("language", "en"), limit=None)) == 5
