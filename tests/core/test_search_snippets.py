"""Snippets and hit spans: offsets into the original text, escaping, fragment choice, big texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from whoosh.analysis import StemmingAnalyzer

from desktop.core.search.analysis import name_analyzer, terms_with_spans
from desktop.core.search.snippets import ELLIPSIS, Snippet, hit_spans, join_snippets, make_snippets


def spans_text(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


def test_offsets_point_into_the_original_text_with_diacritics_and_apostrophes() -> None:
    text = "Qāsim’s men — the Kata’ib Ḥizbollah — said Kata'ib's fighters and KATAʼIB and Qa\u0304sim."
    spans = hit_spans(text, {"kataib", "qasim", "hizbollah"})
    assert spans_text(text, spans) == [
        "Qāsim’s", "Kata’ib", "Ḥizbollah", "Kata'ib's", "KATAʼIB", "Qa\u0304sim",
    ]


def test_offsets_in_arabic_with_harakat() -> None:
    text = "قالت كَتَائِب حِزْب اللّه إن"
    assert spans_text(text, hit_spans(text, {"كتائب", "الله"})) == ["كَتَائِب", "اللّه"]


def test_stemmed_terms_light_up_every_form() -> None:
    text = "The strikes followed a strike; striking back, U.S. forces struck."
    assert spans_text(text, hit_spans(text, {"strike", "us"})) == ["strikes", "strike", "striking", "U.S."]
    # the name analyzer does not stem
    assert spans_text(text, hit_spans(text, {"strike"}, name_analyzer())) == ["strike"]


def test_phrases_are_one_span_and_only_where_the_words_are_together() -> None:
    text = "Rockets hit Camp Taji. Later the Taji camp was quiet; camp followers left."
    assert spans_text(text, hit_spans(text, set(), phrases=[["camp", "taji"]])) == ["Camp Taji"]
    assert spans_text(text, hit_spans(text, {"taji"}, phrases=[["camp", "taji"]])) == ["Camp Taji", "Taji"]
    text = "Jurf al-Nasr and Jurf al\nNasr"
    assert spans_text(text, hit_spans(text, set(), phrases=[["jurf", "al", "nasr"]])) == [
        "Jurf al-Nasr", "Jurf al\nNasr",
    ]


def test_html_is_escaped_and_hits_wrapped() -> None:
    text = '<b>Kataib</b> & "Hezbollah\'s" <script>alert(1)</script>'
    [snippet] = make_snippets(text, {"kataib", "hezbollah"})
    assert snippet.to_html() == (
        "&lt;b&gt;<b>Kataib</b>&lt;/b&gt; &amp; &quot;<b>Hezbollah&#x27;s</b>&quot; "
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    )
    assert snippet.to_plain() == '<b>[Kataib]</b> & "[Hezbollah\'s]" <script>alert(1)</script>'
    assert snippet.to_plain("«", "»").startswith("<b>«Kataib»</b>")


def test_fragments_contain_the_hits_and_are_cut_at_words(seed_files: dict[str, Path]) -> None:
    wanted = {"kataib", "hezbollah", "strike", "taji"}
    for path in seed_files.values():
        text = path.read_text(encoding="utf-8")
        snippets = make_snippets(text, wanted, [["camp", "taji"]], max_fragments=3, fragment_chars=200)
        assert 1 <= len(snippets) <= 3
        previous_end = 0
        for snippet in snippets:
            assert snippet.highlights, snippet.text
            for start, end in snippet.highlights:
                hit_terms = {term for term, _, _ in terms_with_spans(snippet.text[start:end])}
                assert hit_terms and hit_terms <= wanted | {"camp"}
            assert len(snippet.text) <= 260
            # text order, no overlap, cut at word boundaries, whitespace collapsed
            assert snippet.source_start >= previous_end
            previous_end = snippet.source_end
            assert snippet.source_start == 0 or not text[snippet.source_start - 1].isalnum()
            assert snippet.source_end == len(text) or not text[snippet.source_end].isalnum()
            assert " ".join(text[snippet.source_start : snippet.source_end].split()) == snippet.text


def test_the_best_fragment_has_the_most_distinct_terms() -> None:
    filler = "Nothing happened here for a long while and the day was calm. " * 6
    text = (
        "Kataib fighters moved. " + filler + "Kataib fighters moved again. " + filler
        + "Kataib Hezbollah fired rockets at Camp Taji. " + filler + "Hezbollah said nothing. "
    )
    [best] = make_snippets(text, {"kataib", "hezbollah", "taji"}, max_fragments=1)
    assert best.to_plain() .count("[") == 3 and "[Kataib] [Hezbollah] fired" in best.to_plain()
    three = make_snippets(text, {"kataib", "hezbollah", "taji"}, max_fragments=3)
    assert len(three) == 3
    assert [s.source_start for s in three] == sorted(s.source_start for s in three)


def test_join_snippets_keeps_highlight_offsets() -> None:
    first = Snippet("a Kataib b", [(2, 8)])
    second = Snippet("Taji c", [(0, 4)])
    joined = join_snippets([first, second])
    assert joined.text == "a Kataib b" + ELLIPSIS + "Taji c"
    assert spans_text(joined.text, joined.highlights) == ["Kataib", "Taji"]
    assert joined.to_html() == "a <b>Kataib</b> b … <b>Taji</b> c"
    assert join_snippets([]).text == ""


def test_without_hits_the_opening_is_shown() -> None:
    text = "The opening paragraph of the story.\n\nMore text " + "word " * 100
    [lead] = make_snippets(text, {"nowhere"}, fragment_chars=60)
    assert lead.highlights == []
    assert lead.text.startswith("The opening paragraph of the story. More text")
    assert len(lead.text) <= 60 and not lead.text.endswith(" ")
    assert make_snippets("", {"kataib"}) == []
    assert make_snippets("   \n ", {"kataib"}) == []
    assert make_snippets("Kataib", set()) == [Snippet("Kataib", [], 0, 6)]
    assert hit_spans("", {"kataib"}) == []


def test_a_hit_at_either_end_of_the_text() -> None:
    assert make_snippets("Kataib", {"kataib"})[0].to_plain() == "[Kataib]"
    text = "word " * 100 + "Taji"
    [snippet] = make_snippets(text, {"taji"})
    assert snippet.to_plain().endswith("[Taji]")


def test_a_plain_whoosh_analyzer_works_too() -> None:
    text = "Rockets struck the bases; a rocket hit."
    assert spans_text(text, hit_spans(text, {"rocket"}, StemmingAnalyzer())) == ["Rockets", "rocket"]


def test_one_megabyte_text(seed_files: dict[str, Path]) -> None:
    seed = seed_files["000"].read_text(encoding="utf-8")
    text = (seed + "\n\n") * (1_000_000 // len(seed) + 1)
    spans = hit_spans(text, {"kataib", "taji"})
    per_copy = len(re.findall(r"Kata'?ib|Taji", seed))
    assert len(spans) == per_copy * text.count(seed)
    snippets = make_snippets(text, {"kataib", "taji"})
    assert 1 <= len(snippets) <= 3


@pytest.mark.parametrize("fragment_chars", [0, 1, 20, 50, 1000])
def test_any_fragment_size_is_safe(fragment_chars: int) -> None:
    text = "Kataib Hezbollah fired rockets at Camp Taji. " * 20
    snippets = make_snippets(text, {"kataib", "taji"}, fragment_chars=fragment_chars, max_fragments=5)
    assert snippets and all(s.highlights for s in snippets)
