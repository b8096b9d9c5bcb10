"""The news analyzers: each folding rule, offsets into the original text, and real searches.

The searches run on a real Whoosh index (the app's schema) built from the five seed articles in
``tmp_path``, with Whoosh's own QueryParser standing in for the app's query language.
"""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.qparser import QueryParser

from desktop.core.search.analysis import (
    find_terms,
    fold,
    fold_literal,
    name_analyzer,
    news_analyzer,
    terms_with_spans,
)
from desktop.core.search.documents import article_document
from desktop.core.search.schema import build_schema


def terms(text: str) -> list[str]:
    return [t.text for t in news_analyzer()(text)]


def names(text: str) -> list[str]:
    return [t.text for t in name_analyzer()(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # diacritics
        ("Qāsim", ["qasim"]),
        ("Ṣadr", ["sadr"]),
        ("Qa\u0304sim", ["qasim"]),  # decomposed: a combining macron
        ("Muqtada al-Ṣadr", ["muqtada", "al", "sadr"]),
        ("İstanbul Straße", ["istanbul", "strass"]),  # stemmed after ß -> ss
        # apostrophes and look-alikes, inside words
        ("Kata'ib", ["kataib"]),
        ("Kata’ib", ["kataib"]),
        ("Kata‘ib", ["kataib"]),
        ("Kataʼib", ["kataib"]),
        ("Kataʻib", ["kataib"]),
        ("Kata`ib", ["kataib"]),
        ("Kata´ib", ["kataib"]),
        ("Kata′ib", ["kataib"]),
        ("Shiʿa Qurʾan", ["shia", "quran"]),
        # quote marks at word edges are not part of words
        ("''The Pentagon'' ‘Taji’", ["the", "pentagon", "taji"]),
        # possessives
        ("Hezbollah's", ["hezbollah"]),
        ("Tehran’s", ["tehran"]),
        ("soldiers' camp", ["soldier", "camp"]),
        # hyphenated Arabic article
        ("Jurf al-Nasr", ["jurf", "al", "nasr"]),
        ("Jurf al Nasr", ["jurf", "al", "nasr"]),
        # numbers
        ("18 107mm Katyusha", ["18", "107mm", "katyusha"]),
        ("18 107 mm", ["18", "107", "mm"]),
        ("19th 46th 3rd", ["19th", "46th", "3rd"]),
        ("3.5 5,200", ["3.5", "5200"]),
        # abbreviations
        ("U.S.", ["us"]),
        ("U.S.-led", ["us", "led"]),
        ("the U.K.'s forces", ["the", "uk", "forc"]),
        ("US", ["us"]),
        # stop words stay
        ("will not tolerate", ["will", "not", "toler"]),
        ("US May", ["us", "mai"]),  # "may" stems to "mai", as in every query
        # soft hyphen and zero-width characters
        ("Hez\u00adbollah", ["hezbollah"]),
        ("Hezbollah\u200bstrikes", ["hezbollah", "strike"]),
    ],
)
def test_news_analyzer_rules(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


def test_arabic_keeps_script_without_marks_and_with_unified_letters() -> None:
    assert names("كَتَائِب حِزْب اللّه") == ["كتائب", "حزب", "الله"]
    assert names("أحمد إبراهيم آمن") == names("احمد ابراهيم امن") == ["احمد", "ابراهيم", "امن"]
    assert names("مدرسة") == names("مدرسه")
    assert names("على") == names("علي") == names("علی")
    assert names("حـــزب") == ["حزب"]  # tatweel
    assert names("٢٠٢٠ ۱۰۷") == ["2020", "107"]


def test_stemming_only_in_the_news_analyzer() -> None:
    assert terms("strikes striking rockets") == ["strike", "strike", "rocket"]
    assert names("strikes striking rockets") == ["strikes", "striking", "rockets"]
    assert names("Hezbollah's U.S. Kata’ib") == ["hezbollah", "us", "kataib"]
    assert news_analyzer().has_morph() and not name_analyzer().has_morph()


def test_no_morph_skips_stemming() -> None:
    assert [t.text for t in news_analyzer()("strikes", no_morph=True)] == ["strikes"]


def test_positions_and_offsets_point_into_the_original_text() -> None:
    text = "Qāsim’s men — Kata’ib Ḥizbollah — hit Jurf al-Nasr; U.S. says 107mm"
    tokens = [
        (t.text, t.pos, text[t.startchar : t.endchar])
        for t in news_analyzer()(text, positions=True, chars=True)
    ]
    assert tokens == [
        ("qasim", 0, "Qāsim’s"),
        ("men", 1, "men"),
        ("kataib", 2, "Kata’ib"),
        ("hizbollah", 3, "Ḥizbollah"),
        ("hit", 4, "hit"),
        ("jurf", 5, "Jurf"),
        ("al", 6, "al"),
        ("nasr", 7, "Nasr"),
        ("us", 8, "U.S."),
        ("sai", 9, "says"),
        ("107mm", 10, "107mm"),
    ]


def test_start_pos_and_start_char_are_honoured() -> None:
    token = next(iter(news_analyzer()("Taji", positions=True, chars=True, start_pos=7, start_char=100)))
    assert (token.pos, token.startchar, token.endchar) == (7, 100, 104)


def test_huge_tokens_and_junk_are_dropped_without_error() -> None:
    junk = "x" * 5000 + " ok \x00\x01\x02 \ufeff \u0301 ’ ' - ."
    assert terms(junk) == ["ok"]
    assert terms("") == []


def test_fold_helper() -> None:
    assert fold("Kata’ib Hezbollah's U.S.-led al-Nasr") == "kataib hezbollah us-led al-nasr"
    assert fold("Qāsim Soleimani") == "qasim soleimani"
    assert fold("") == ""
    assert fold("Kata'ib") == fold("KATA’IB") == fold("kataib")


def test_untokenized_query_text_keeps_wildcards() -> None:
    assert fold_literal("Kata’i*") == "katai*"
    assert [t.text for t in news_analyzer()("Qās?m", tokenize=False)] == ["qas?m"]
    # a literal part of a wildcard pattern is stemmed like an indexed word, unless told not to
    assert [t.text for t in news_analyzer()("Soldiers", tokenize=False)] == ["soldier"]
    assert [t.text for t in news_analyzer()("Soldiers", tokenize=False, no_morph=True)] == ["soldiers"]
    assert [t.text for t in name_analyzer()("Soldiers", tokenize=False)] == ["soldiers"]


def test_analyzers_pickle_small_for_the_index_schema() -> None:
    data = pickle.dumps(news_analyzer())
    assert len(data) < 200
    assert pickle.loads(data) == news_analyzer()
    assert pickle.loads(pickle.dumps(name_analyzer())) != news_analyzer()


def test_find_terms_agrees_with_the_full_scan() -> None:
    pieces = [
        "kata'ib", "Kata’ib", "U.S.", "U.S.'s", "us", "3.5", "5,200", "washington.the", "''the", "'s",
        "al-Nasr", "Qāsim", "qasim", "cafe\u0301", "हिंदी", "ـ", "\u064e", "a.b", ".", "'", "\n",
        "hezbollah's", "Hezbollah", "’", "e.g.", "strikes", "striking", "y" * 70, "İ", "ß", "\x00",
    ]
    rng = random.Random(20200312)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "-", "'", ".", ","]) for _ in range(10))
        every = list(enumerate(terms_with_spans(text)))
        if not every:
            continue
        wanted = {rng.choice(every)[1][0], rng.choice(every)[1][0]}
        expected = [(i, term, s, e) for i, (term, s, e) in every if term in wanted]
        assert find_terms(text, wanted) == expected, text


# --- searching a real index of the seed articles ---------------------------------------------

EXTRA = {
    100: "Qāsim Soleimani commanded the Quds Force.",
    101: "The minister said the government will tolerate no delay in the talks.",
    102: "Fighters of Kata’ib Sayyid al-Shuhada were seen near the border.",
}


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory, seed_files: dict[str, Path]):
    folder = tmp_path_factory.mktemp("index")
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = ix.writer(procs=1, limitmb=64)
    for number, path in seed_files.items():
        text = path.read_text(encoding="utf-8")
        row = {"id": int(number), "headline": text.split("\n", 1)[0], "body": text}
        writer.add_document(**article_document(row))
    for article_id, body in EXTRA.items():
        writer.add_document(**article_document({"id": article_id, "body": body}))
    writer.commit()
    yield whoosh_index.open_dir(str(folder))  # reopened: the pickled analyzers load again


def search(ix, query: str) -> set[int]:
    with ix.searcher() as searcher:
        parsed = QueryParser("body", ix.schema).parse(query)
        return {hit["id"] for hit in searcher.search(parsed, limit=None)}


@pytest.mark.parametrize("spelling", ["Kata'ib", "Kata’ib", "Kataib", "KATAIB", "kataʼib"])
def test_every_apostrophe_spelling_finds_the_kataib_story(seed_index, spelling: str) -> None:
    found = search(seed_index, spelling)
    assert 0 in found  # seed 000 spells it "Kata'ib" (and "Kataib")
    assert 102 in found  # "Kata’ib", curly
    assert found == search(seed_index, "Kataib")


def test_diacritics_fold_both_ways(seed_index) -> None:
    assert search(seed_index, "Qasim") == {100}
    assert search(seed_index, "Qāsim") == {100}


def test_hyphenated_article_phrase(seed_index) -> None:
    assert search(seed_index, '"Jurf al Nasr"') == {0, 3}
    assert search(seed_index, '"Jurf al-Nasr"') == {0, 3}


def test_camp_taji_phrase_finds_exactly_the_three_seeds(seed_index) -> None:
    # Seed 000 says "Taji military camp" and "Taji camp", never "Camp Taji".
    assert search(seed_index, '"Camp Taji"') == {1, 2, 3}
    assert {0, 1, 2, 3} <= search(seed_index, "Camp Taji")


def test_numbers_stay_whole(seed_index) -> None:
    assert search(seed_index, "107mm") == {0}
    assert {3, 4} <= search(seed_index, '"107 mm"')
    assert 0 in search(seed_index, "19th")


def test_not_is_kept_in_phrases(seed_index) -> None:
    assert search(seed_index, '"will not tolerate"') == {0, 1, 2, 3, 4}
    assert search(seed_index, '"will tolerate"') == {101}


def test_us_abbreviation_and_possessive(seed_index) -> None:
    assert search(seed_index, "U.S.") == search(seed_index, "US") == {0, 1, 2, 3, 4}
    assert search(seed_index, "Hezbollah's") == search(seed_index, "Hezbollah")


def test_headline_field_searches_with_the_same_rules(seed_index) -> None:
    with seed_index.searcher() as searcher:
        parsed = QueryParser("headline", seed_index.schema).parse("u.s. airstrike")
        assert [hit["id"] for hit in searcher.search(parsed)] == [0]
