"""Quotations: finding them in every common form, attributing them, and grouping statements."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.archive import Archive
from desktop.core.importing.pipeline import import_paths
from desktop.core.quotes.extract import Quote, extract_quotes
from desktop.core.quotes.statements import group_statements, normalise_tokens

from .quotes_gold import ESPER_STATEMENT, GOLD


def only(body: str) -> Quote:
    quotes = extract_quotes(body)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def texts(body: str) -> list[str]:
    return [q.text for q in extract_quotes(body)]


# -- forms of quotation ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "body",
    [
        '"We will respond in kind," the minister said.',
        "“We will respond in kind,” the minister said.",
        "'We will respond in kind,' the minister said.",
        "‘We will respond in kind,’ the minister said.",
        "''We will respond in kind'' the minister said.",
        "«We will respond in kind», the minister said.",
    ],
)
def test_every_mark_style_is_a_quotation(body: str) -> None:
    quote = only(body)
    assert quote.text.rstrip(",") == "We will respond in kind"
    assert body[quote.start:quote.end] == quote.text
    assert body[quote.outer_start] in "\"“'‘«" and body[quote.outer_end - 1] in "\"”'’»"
    assert quote.attribution_reason.startswith("<speaker> said")


def test_spans_cover_words_and_marks() -> None:
    body = 'Intro.\n\nThe Pentagon said it "conducted defensive strikes" overnight.'
    quote = only(body)
    assert body[quote.start:quote.end] == "conducted defensive strikes"
    assert body[quote.outer_start:quote.outer_end] == '"conducted defensive strikes"'
    assert quote.paragraph_index == 1
    assert quote.speaker == "Pentagon" and quote.speaker_kind == "organisation"


def test_quotation_over_paragraphs_reopened_without_closing() -> None:
    body = (
        'The minister, Ali Hassan, said: "We will not stop.\n\n'
        '"We will go on until the last fighter leaves.\n\n'
        '"Nobody will stop us."\n\nThe war continued.'
    )
    quote = only(body)
    assert quote.text.split("\n\n") == [
        "We will not stop.", "We will go on until the last fighter leaves.", "Nobody will stop us.",
    ]
    assert quote.speaker == "Ali Hassan"
    assert body[quote.outer_end - 1] == '"'


def test_partial_quote_inside_a_sentence() -> None:
    body = 'Defense Secretary Mark Esper warned the U.S. "will not tolerate attacks against our people."'
    quote = only(body)
    assert quote.text == "will not tolerate attacks against our people."
    assert (quote.speaker, quote.role) == ("Mark Esper", "Defense Secretary")


def test_mismatched_curly_marks_still_pair() -> None:
    body = 'Trump told reporters, "We\'ll see what the response is.” Milley said the U.S. knows ”with a high degree of certainty" who did it.'
    assert texts(body) == ["We'll see what the response is.", "with a high degree of certainty"]


@pytest.mark.parametrize(
    "body",
    [
        "They don't know. Kata'ib Hezbollah's men said they'll beat 'em, as in the '90s.",
        "The Popular Mobilization Forces' headquarters and the soldiers' families were hit.",
        'A 12" pipe and a 6\'2" fighter were found, officials said.',
        "Kataib Hezbollah’s leader and Tehran’s envoy met at the militia group’s base.",
    ],
)
def test_apostrophes_and_inch_marks_are_not_quotations(body: str) -> None:
    assert texts(body) == []


def test_scare_quotes_are_dropped_unless_attributed() -> None:
    assert texts('Iran crossed its so-called "red lines" again.') == []
    quote = only('Iraqi President Barham Salih denounced what he called a "terrorist attack."')
    assert quote.speaker == "Barham Salih"


def test_titles_of_works_are_not_statements() -> None:
    assert texts('The documentary "Inside the Green Zone" aired on Friday.') == []


def test_nested_quotation_belongs_to_the_outer_one() -> None:
    body = "\"They told us 'leave now' and we left,\" said Omar Khalil."
    quote = only(body)
    assert quote.text == "They told us 'leave now' and we left,"
    assert quote.speaker == "Omar Khalil"


# -- attribution -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("body", "speaker", "kind"),
    [
        ('"We are ready," said Omar Khalil.', "Omar Khalil", "person"),
        ('Omar Khalil told Newsweek that "we are ready to talk."', "Omar Khalil", "person"),
        ('The strikes were "defensive and proportional," according to Omar Khalil.', "Omar Khalil", "person"),
        ('"We are ready to talk," Omar Khalil said in a statement.', "Omar Khalil", "person"),
        ('Omar Khalil added: "We are ready to talk."', "Omar Khalil", "person"),
        ('The ministry had one message: "We are ready to talk."', None, None),
        ('"We are ready to talk," the Pentagon said in a statement.', "Pentagon", "organisation"),
        ("Iraq's Joint Operations Command affirmed that \"serious talks are taking place.\"",
         "Iraq's Joint Operations Command", "organisation"),
        ('"We are ready to talk," a spokesman said.', "spokesman", "person"),
        ('Nobody knows why. "We are ready to talk."', None, None),
    ],
)
def test_attribution_forms(body: str, speaker: str | None, kind: str | None) -> None:
    quote = only(body)
    assert (quote.speaker, quote.speaker_kind) == (speaker, kind)
    if speaker is None:
        assert quote.attribution_reason == "speaker unknown" and quote.speaker_start is None


def test_role_and_span_of_the_speaker() -> None:
    body = '"These strikes were defensive," Pentagon spokeswoman Alyssa Farah said.'
    quote = only(body)
    assert (quote.speaker, quote.role, quote.speaker_kind) == ("Alyssa Farah", "Pentagon spokeswoman", "person")
    assert body[quote.speaker_start:quote.speaker_end] == "Pentagon spokeswoman Alyssa Farah"


def test_surnames_and_pronouns_resolve_to_the_full_name_before() -> None:
    body = (
        "Defense Secretary Mark Esper spoke on Thursday.\n\n"
        "Gen. Kenneth McKenzie told the Senate that the killing of Qassem Soleimani helped.\n\n"
        '"We are ready," Esper said. "We will act."\n\n'
        '"Deterrence holds," he said.\n\n'
        '"Deterrence holds again," McKenzie said.'
    )
    quotes = extract_quotes(body)
    assert [(q.speaker, q.speaker_surface) for q in quotes] == [
        ("Mark Esper", "Esper"), ("Mark Esper", "Esper"), ("Mark Esper", "he"), ("Kenneth McKenzie", "McKenzie"),
    ]
    assert quotes[0].role == "Defense Secretary"
    assert quotes[1].attribution_reason.startswith("continues")


def test_definite_descriptions_resolve_to_the_fitting_speaker() -> None:
    body = (
        'A spokesperson for the Popular Mobilization Forces said "raids" hit the area, '
        "Gen. Ali Hassan said.\n\n"
        '"The headquarters was targeted," the spokesperson said.\n\n'
        'The Pentagon said in a statement that it acted. "We acted in self-defence," the statement said.'
    )
    quotes = extract_quotes(body)
    assert [q.speaker for q in quotes[-2:]] == ["Popular Mobilization Forces", "Pentagon"]
    assert quotes[-2].role == "spokesperson" and quotes[-2].speaker_kind == "organisation"


def test_wire_copy_without_commas_relative_clauses_and_ages() -> None:
    body = (
        '"Regime forces targeted the neighbourhood with mortars" Mohammad Sibai a spokesman for the '
        "Homs Media Centre told The New Arab.\n\n"
        "A witness named Ahmad who was wounded in the blast described the moment.\n\n"
        '"I saw a man wearing a thick black jacket" he said.\n\n'
        '"There is no water or food left here" Omar 24 said.\n\n'
        "The Syrian Observatory for Human Rights gave a toll.\n\n"
        '"At least 27 civilians were killed in the raids" the Britain-based monitor said.'
    )
    quotes = extract_quotes(body)
    assert [q.speaker for q in quotes] == ["Mohammad Sibai", "Ahmad", "Omar", "Syrian Observatory"]
    assert quotes[0].role == "a spokesman for the Homs Media Centre"


def test_indefinite_descriptions_are_not_resolved_backwards() -> None:
    body = (
        'Pentagon spokesman John Kirby spoke first.\n\n"We are monitoring the situation closely," a spokesman said.'
    )
    assert only(body).speaker == "spokesman"


def test_quote_only_paragraph_continues_the_previous_speaker() -> None:
    body = "''We will not tolerate attacks,'' Defence Secretary Mark Esper said.\n\n''We will act.''"
    assert [q.speaker for q in extract_quotes(body)] == ["Mark Esper", "Mark Esper"]


# -- statements ------------------------------------------------------------------------------

def test_normalisation_folds_variants() -> None:
    assert normalise_tokens("The U.S. Defence Secretary") == normalise_tokens("the United States defense secretary")
    assert normalise_tokens("US forces & honour") == normalise_tokens("U.S. forces and honor")
    assert normalise_tokens("tell us") == ["tell", "us"]


def test_grouping_variants_partials_and_dates() -> None:
    a = extract_quotes('"The United States will not tolerate attacks against our people, our interests, or our allies," Esper said.')
    b = extract_quotes('"The U.S. will not tolerate attacks against our people our interests or our allies," Esper said.')
    c = extract_quotes('Esper warned the US "will not tolerate attacks against our people."')
    d = extract_quotes('"Something else entirely was said here today," Smith said.')
    statements = group_statements({1: a, 2: b, 3: c, 4: d}, {1: "2020-03-13", 2: "2020-03-12", 3: None, 4: "2020-03-14"})
    (big,) = [s for s in statements if len(s.members) > 1]
    assert big.article_ids == [2, 1, 3]
    assert big.first.article_id == 2 and big.first.date == "2020-03-12"
    assert big.speaker == "Esper"
    assert len(statements) == 2


def test_short_quotes_group_only_when_identical() -> None:
    a = extract_quotes('McKenzie said it was a "red line."')
    b = extract_quotes('McKenzie said he saw no "understanding of where our red line is."')
    c = extract_quotes('McKenzie called it a "red line".')
    statements = group_statements({1: a, 2: b, 3: c})
    assert sorted(len(s.members) for s in statements) == [1, 2]


def test_grouping_scales_through_the_shingle_index() -> None:
    quotes = {}
    for i in range(4000):
        body = f'"Statement number {i} about convoy {i * 7} near checkpoint {i * 13} today," Omar Khalil said.'
        quotes[i] = extract_quotes(body)
    statements = group_statements(quotes)  # the speed is bench_quotes.py's to measure
    assert len(statements) == 4000


# -- the seeds -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_articles(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict[str, tuple[int, str | None, str]]:
    archive = Archive.open(tmp_path_factory.mktemp("quotes") / "archive")
    try:
        import_paths(archive, [seeds_dir])
        return {
            a.original_name[:3]: (a.id, a.pub_date.iso() if a.pub_date else None, a.body)
            for a in archive.list(limit=10)
        }
    finally:
        archive.close()


def _match(quotes: list[Quote], fragment: str, used: set[int]) -> Quote | None:
    want = " ".join(fragment.lower().split())
    candidates = [
        (len(q.text), i, q) for i, q in enumerate(quotes)
        if i not in used and want in " ".join(q.text.lower().split())
    ]
    if not candidates:
        return None
    _, index, quote = min(candidates)
    used.add(index)
    return quote


def test_seed_quotations_against_gold(seed_articles: dict[str, tuple[int, str | None, str]]) -> None:
    total = found = right = 0
    misses = []
    for seed, gold in GOLD.items():
        quotes = extract_quotes(seed_articles[seed][2])
        used: set[int] = set()
        for fragment, speakers in gold:
            total += 1
            quote = _match(quotes, fragment, used)
            if quote is None:
                misses.append((seed, fragment, "not found"))
                continue
            found += 1
            if (quote.speaker or "").lower() in {s.lower() for s in speakers} or (not speakers and quote.speaker is None):
                right += 1
            else:
                misses.append((seed, fragment, quote.speaker))
    print(f"seed quotations: found {found}/{total}, right speaker {right}/{total}; misses: {misses}")
    assert found == total, misses
    assert right >= 0.9 * total, misses


def test_seeds_have_no_extra_quotations(seed_articles: dict[str, tuple[int, str | None, str]]) -> None:
    for seed, gold in GOLD.items():
        assert len(extract_quotes(seed_articles[seed][2])) == len(gold), seed


def test_the_defense_secretarys_statement_is_one_statement_in_five_stories(
    seed_articles: dict[str, tuple[int, str | None, str]],
) -> None:
    quotes = {aid: extract_quotes(body) for aid, _, body in seed_articles.values()}
    dates = {aid: date for aid, date, _ in seed_articles.values()}
    statements = group_statements(quotes, dates)
    carrying = [s for s in statements if any(ESPER_STATEMENT in m.quote.text for m in s.members)]
    assert len(carrying) == 1
    (statement,) = carrying
    assert sorted(statement.article_ids) == sorted(quotes)
    assert statement.speaker == "Mark Esper"
    assert statement.first.date == "2020-03-12"  # VOA, the earliest dated story
    assert statement.text.startswith("The United States will not tolerate")
