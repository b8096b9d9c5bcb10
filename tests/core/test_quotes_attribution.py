"""Attribution that reads like an editor: every cue, never a fragment, evidence and confidence,
statements kept apart by their particulars, and the real-copy gold (written by reading, in
``quotes_gold_real.py``) and the held-out gold written later on other stories (``quotes_gold_heldout.py``)
held at the figures reached."""

from __future__ import annotations

import pytest

from desktop.core.quotes.extract import REVIEW_BELOW, Quote, extract_quotes
from desktop.core.quotes.statements import group_statements
from tests.benchmarks.eval_quotes import real_bodies, score, seed_bodies

from . import quotes_gold, quotes_gold_blind, quotes_gold_heldout, quotes_gold_real


def quote_of(body: str, fragment: str) -> Quote:
    found = [q for q in extract_quotes(body) if fragment in q.text]
    assert len(found) == 1, [q.text for q in extract_quotes(body)]
    return found[0]


# -- every cue ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("body", "fragment", "speaker", "cue"),
    [
        ('"We are ready to talk," said Omar Khalil.', "ready", "Omar Khalil", "said after"),
        ('"We are ready to talk," Omar Khalil said.', "ready", "Omar Khalil", "said after"),
        ("Omar Khalil said the strikes were \"defensive and proportional.\"", "defensive", "Omar Khalil", "said before"),
        ('Iran\'s football chief Ali Karimi met the team on Monday. Federation president Mehdi Taj repeated '
         'it when he said: "We will not travel to the United States."', "travel", "Mehdi Taj", None),
        ('Omar Khalil added: "We are ready to talk."', "ready", "Omar Khalil", "colon introduction"),
        ('The strikes were "defensive and proportional," according to Omar Khalil.', "defensive", "Omar Khalil",
         "according to"),
        ('"We will not back down," Dina Esfandiary, Middle East lead for Bloomberg Economics based in Geneva, '
         "told Newsweek.", "back down", "Dina Esfandiary", "told OUTLET"),
        ('"We will respond," the Pentagon said in a statement.', "respond", "Pentagon", "in a statement"),
        ('Oleh Syniehubov, the governor of Kharkiv, wrote on Telegram: "Two people were wounded."', "wounded",
         "Oleh Syniehubov", "wrote on social media"),
        ('"The talks failed," Mark Carney wrote on X.', "talks", "Mark Carney", "wrote on social media"),
        ("Sheikh Ali al-Sabah was quoted by the daily al-Qabas as saying: \"None of the members asked for a meeting.\"",
         "members", "Ali al-Sabah", "quoted as saying"),
    ],
)
def test_each_cue_finds_the_speaker_and_names_the_cue(body: str, fragment: str, speaker: str, cue: str | None) -> None:
    quote = quote_of(body, fragment)
    assert quote.speaker == speaker
    if cue is not None:
        assert quote.cue == cue
    assert quote.confidence >= REVIEW_BELOW and not quote.needs_review


def test_apposition_between_name_and_verb_is_the_role_not_the_name() -> None:
    quote = quote_of('"Prices will rise," said Dina Esfandiary, Middle East lead for Bloomberg Economics based '
                     'in Geneva.', "Prices")
    assert quote.speaker == "Dina Esfandiary"
    wire = quote_of('"It was the heaviest air strikes for months" said Rami Abdulrahman director of the Syrian '
                    "Observatory for Human Rights which monitors the conflict from Britain.", "heaviest")
    assert wire.speaker == "Rami Abdulrahman"


def test_multi_word_title_before_the_name_is_the_role() -> None:
    quote = quote_of('US Ambassador to Israel Mike Huckabee said the move was "a historic step."', "historic")
    assert (quote.speaker, quote.role) == ("Mike Huckabee", "US Ambassador to Israel")


def test_pronoun_goes_to_the_nearest_person_of_that_gender_with_its_evidence() -> None:
    body = ("Boris Johnson told MPs the wells of outrage were exhausted. He was responding to Labour MP Ann Clwyd, "
            'who asked about the embassy. "I would call on everyone to protest," she said.')
    quote = quote_of(body, "call on everyone")
    assert quote.speaker == "Ann Clwyd" and quote.cue == "pronoun"
    assert "pronoun 'she' -> Ann Clwyd, named 1 sentence before" in quote.attribution_reason
    added = quote_of('"We will not back down," Dina Esfandiary, Middle East lead for Bloomberg Economics based in '
                     'Geneva, told Newsweek. "It is a long war," she added.', "long war")
    assert added.speaker == "Dina Esfandiary"  # never "Geneva"


def test_descriptions_resolve_to_who_the_text_named() -> None:
    ministry = quote_of("Russia's defence ministry said the jets were Belgian. \"Two F-16s were identified,\" "
                        "the ministry said.", "F-16s")
    assert ministry.speaker == "Russia's defence ministry" and ministry.speaker_kind == "organisation"
    governor = quote_of("Oleh Syniehubov, the Kharkiv regional governor, said the city was shelled.\n\n"
                        '"Two people were killed in Kharkiv," the governor said.', "killed")
    assert governor.speaker == "Oleh Syniehubov"
    pair = quote_of("The letter was signed by British Defence Secretary John Healey and Ukrainian Defence "
                    'Minister Rustem Umerov.\n\n"Our support will not waver," the pair wrote.', "waver")
    assert pair.speaker == "John Healey and Rustem Umerov"  # joint authors, never "United Kingdom"


def test_a_quote_left_open_at_its_sentence_end_closes_before_the_next() -> None:
    body = ('"It was calmer last week" said Mohamad Abu Rajab a nurse in eastern Aleppo. "We lack equipment like '
            'CT scans and beds. "There is no way out" continued Abu Rajab.')
    quotes = extract_quotes(body)
    assert [q.text for q in quotes] == ["It was calmer last week", "We lack equipment like CT scans and beds.",
                                        "There is no way out"]
    assert {q.speaker for q in quotes} == {"Mohamad Abu Rajab"}


def test_hard_wrapped_wire_copy_keeps_quotes_and_names_whole() -> None:
    body = ('"I am not 100 pct satisfied with the performance of the ADB,"\n\n'
            "Japanese finance ministry deputy director-general Fumiya\n\n"
            "Iwasaki told Reuters.\n\n"
            'Australian delegate C. J. Hurford said: "Bad projects\n\n'
            "benefit neither the Bank nor its borrowers. They damage the\n\n"
            'Bank\'s reputation and ultimately lessen support from donors."')
    quotes = extract_quotes(body)
    assert [q.speaker for q in quotes] == ["Fumiya Iwasaki", "C. J. Hurford"]
    assert " ".join(quotes[1].text.split()).startswith("Bad projects benefit neither the Bank")


def test_quoted_as_saying_after_the_quote_is_the_one_quoted() -> None:
    quote = quote_of('"The cops jumped out of the car so fast," the New York Daily News quoted witness Devonte Brown '
                     "as saying.", "cops")
    assert (quote.speaker, quote.cue) == ("Devonte Brown", "quoted as saying")


def test_continuation_quotes_keep_the_speaker_only_when_adjacent() -> None:
    quotes = extract_quotes('"We are ready," Omar Khalil said. "We will act."')
    assert [(q.speaker, q.cue) for q in quotes] == [("Omar Khalil", "said after"), ("Omar Khalil", "continuation")]
    far = extract_quotes('"We are ready," Omar Khalil said. The talks then stalled for a week. Laila Kiki of the '
                         'Syria Campaign was dismayed. Read more here "Aid points are known locations to all parties."')
    assert far[1].speaker != "Omar Khalil"


# -- never a fragment --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("body", "never", "speaker"),
    [
        ('When Trump said "we will win this war," the crowd cheered.', "When Trump", "Trump"),
        ('Assuming Trump says "no deal is possible," talks will end.', "Assuming Trump", None),
        ('"We will win," Trump told Newsweek. President Donald Trump spoke on Monday.\n\n"It is over," The Trump said.',
         "The Trump", "Donald Trump"),
        ('The Trump administration\'s envoy said "talks will resume next week."', "Trump administration's", None),
        ('Assad cast doubt on the intentions of the United States in Syria, saying it "does not have the will" to '
         "fight.", "United", "Assad"),
        ('Saudi Arabia then said it would "respond firmly to any attack."', "Arabia", "Saudi Arabia"),
        ('Three Democrats on the House Committee on Transportation and Infrastructure said the plan was '
         '"reckless, dangerous and wrong."', "Infrastructure", None),
        ('US Ambassador to Israel Mike Huckabee said the move was "a historic step."', "Israel Mike Huckabee",
         "Mike Huckabee"),
        ('"We will not back down," Dina Esfandiary, Middle East lead for Bloomberg Economics based in Geneva, told '
         'Newsweek. "It is a long war," she added.', "Geneva", "Dina Esfandiary"),
        ("Oleh Syniehubov, the Kharkiv regional governor, said the city was shelled.\n\n"
         '"Two people were killed in Kharkiv," the governor said.', "Kharkiv", "Oleh Syniehubov"),
        ("The letter was signed by British Defence Secretary John Healey and Ukrainian Defence Minister Rustem "
         'Umerov.\n\n"Our support will not waver," the pair wrote.', "United Kingdom", "John Healey and Rustem Umerov"),
        ('"The convoy never left," said a senior US official.', "source", "senior US official"),
    ],
)
def test_fragments_places_and_nationalities_are_never_speakers(body: str, never: str, speaker: str | None) -> None:
    quotes = extract_quotes(body)
    assert quotes
    assert all(q.speaker != never for q in quotes), [(q.text, q.speaker) for q in quotes]
    if speaker is not None:
        assert quotes[-1].speaker == speaker
    for q in quotes:
        if q.speaker is None:
            assert q.needs_review and q.attribution_reason == "speaker unknown"


def test_the_outlet_told_is_never_glued_to_a_role() -> None:
    body = ('"We will win," Trump told Newsweek. President Donald Trump spoke at the White House on Monday.\n\n'
            '"It is over," Trump said.')
    for quote in extract_quotes(body):
        assert quote.speaker == "Donald Trump"
        assert "Newsweek" not in (quote.role or "")


def test_weak_evidence_is_unknown_and_flagged_for_review() -> None:
    quote = quote_of('Nobody knows why. "We are ready to talk."', "ready")
    assert quote.speaker is None and quote.needs_review and quote.cue == "none"


# -- statements ----------------------------------------------------------------------------------

def _grouped(*texts: str) -> list[list[int]]:
    body = "\n\n".join(f'The command said: "{t}"' for t in texts)
    quotes = extract_quotes(body)
    assert len(quotes) == len(texts)
    statements = group_statements({n: [q] for n, q in enumerate(quotes)})
    return sorted(sorted(s.article_ids) for s in statements)


def test_statements_with_different_dates_numbers_or_places_stay_apart() -> None:
    template = ("On {date}, at the direction of the President, U.S. Central Command forces conducted a strike "
                "against a vessel operated by a designated terrorist organization in {place}, killing {n} people.")
    feb9 = template.format(date="Feb. 9", place="the Caribbean", n="three")
    feb13 = template.format(date="Feb. 13", place="the Caribbean", n="three")
    pacific = template.format(date="Feb. 9", place="the Eastern Pacific", n="three")
    four = template.format(date="Feb. 9", place="the Caribbean", n="4")
    assert _grouped(feb9, feb13, pacific) == [[0], [1], [2]]
    assert _grouped(feb9, four.replace("killing 4", "killing 5"), four) == [[0], [1], [2]]
    # the same statement again, and a partial quote without the particulars, are one statement
    partial = "at the direction of the President, U.S. Central Command forces conducted a strike against a vessel"
    assert _grouped(feb9, feb9, partial) == [[0, 1, 2]]


# -- how real copy is typed: nicknames, tokenised initials, a sentence a line ------------------

def test_a_quoted_nickname_is_part_of_the_name_not_a_quotation() -> None:
    body = ('The figures are "the first report we\'ve had for a long time that shows any optimism," said John '
            '"Bud" Frazier, grain analyst for Balfour MacLaine.\n\n"I\'m really excited about it," Frazier said.')
    quotes = extract_quotes(body)
    assert [q.text for q in quotes if "Bud" == q.text] == []
    assert quote_of(body, "first report").speaker == "John Frazier"
    assert quote_of(body, "excited").speaker == "John Frazier"


def test_a_tokenised_initial_keeps_the_name_whole_and_the_sentence_going() -> None:
    body = ("Things are tense , New York City Councilman Jumaane D . Williams , who represents the area , said "
            "on Twitter .\n\nWilliams said people smashed out windows .\n\n"
            "\" Tonight was a peaceful vigil that devolved into a riot , \" Williams wrote .")
    assert quote_of(body, "peaceful vigil").speaker == "Jumaane D. Williams"


def test_a_quotation_carried_over_a_line_break_is_found_whole() -> None:
    body = ("Deputy District Attorney Phil Stirling spoke after the sentencing .\n\n"
            "\"He is a killer .\n\nHe murdered Deputy Sheriff Jerry Ortiz , \" Stirling said .\n\n"
            "\" ( Orozco ) arranged to have witnesses killed , \" Judge Philip Hickok said .")
    killer = quote_of(body, "He is a killer")
    assert "He murdered Deputy Sheriff Jerry Ortiz" in killer.text
    assert killer.speaker == "Phil Stirling"
    assert quote_of(body, "arranged to have witnesses").speaker == "Philip Hickok"


def test_a_term_quoted_inside_a_quotation_leaves_it_whole() -> None:
    body = ('James Miller-Day, director of County Securities Asia Ltd, said: "I don\'t like the concept of "B" '
            'shares because it will create inequality among equities."')
    quote = quote_of(body, "inequality among equities")
    assert quote.text.startswith("I don't like the concept of")
    assert quote.speaker == "James Miller-Day"


def test_a_place_after_a_preposition_is_never_the_speaker() -> None:
    quote = quote_of('"We were panicked. I saw an injured person," one woman in Qeshm told AFP.', "panicked")
    assert quote.speaker != "Qeshm" and "woman" in (quote.speaker or "")


def test_a_description_glued_before_an_institution_is_its_role() -> None:
    body = ("Syrias opposition National Coalition demanded a UN investigation into the attack. "
            'The opposition said on Tuesday that the attack "calls into question" the peace process.')
    quote = quote_of(body, "calls into question")
    assert quote.speaker == "National Coalition"



# -- names as read, and weak evidence left unknown (issue 15, held-out failures) ---------------

def test_a_hyphenated_name_split_by_tokenised_copy_is_joined_again() -> None:
    body = ('Dominique Strauss - Kahn , head of the fund , spoke in Athens on Monday .\n\n'
            '" Everyone must remain extremely vigilant , " Strauss - Kahn said .')
    assert quote_of(body, "vigilant").speaker == "Dominique Strauss-Kahn"


def test_a_lowercase_role_glued_after_the_name_is_the_role() -> None:
    quote = quote_of('The opposition wrote again on Friday. "Russian air forces have repeatedly deployed incendiary '
                     'weapons" Riad Hijab coordinator of the opposition HNC wrote to Ban.', "incendiary")
    assert (quote.speaker, quote.role) == ("Riad Hijab", "coordinator of the opposition HNC")


def test_a_verb_glued_after_a_name_met_before_leaves_the_name() -> None:
    body = ('Prime Minister George Papandreou condemned the riots in Athens. "A demonstration is one thing and murder '
            'is quite another" Prime Minister George Papandreou thundered in Parliament during a session to discuss '
            'the spending cuts he announced.')
    assert quote_of(body, "demonstration").speaker == "George Papandreou"


def test_the_medium_spoken_to_is_not_part_of_the_name() -> None:
    body = ('Homs Governor Talal Barazi said the strike caused deaths. Speaking to Syrian state TV Barazi said '
            '"The Syrian policy will not change."')
    assert quote_of(body, "policy").speaker == "Talal Barazi"


def test_said_then_a_lowercase_title_then_the_name_after_the_quote() -> None:
    body = ('The U.S. said it was "horrified" by the reports. "The attack on the camp was nothing short of barbaric" '
            'said state department spokeswoman Jen Psaki. "Unfortunately it is only the latest act of brutality."')
    assert quote_of(body, "barbaric").speaker == "Jen Psaki"
    assert quote_of(body, "brutality").speaker == "Jen Psaki"


def test_the_role_named_before_resolves_to_its_person() -> None:
    body = ('About 2 million children are affected, said UNICEF director Anthony Lake. Schools were shut. '
            '"When will the world act to stop this?" added the UNICEF director.')
    assert quote_of(body, "stop this").speaker == "Anthony Lake"


def test_a_pronoun_whose_person_is_far_back_is_unknown() -> None:
    body = ('Defence Minister John Clarke visited the base on Monday. Troops lined the road. The convoy left at dawn. '
            'Rain fell all day. Shops stayed closed. "We will rebuild the town" he said.')
    quote = quote_of(body, "rebuild")
    assert quote.speaker is None and quote.needs_review


def test_a_pronoun_never_means_a_lone_capitalised_word_that_is_no_person() -> None:
    quote = quote_of('Footage posted online showed burning tents. "Let the whole world see this they are displaced '
                     'people" he said.', "displaced")
    assert quote.speaker is None



def test_an_acronym_in_brackets_after_the_name_keeps_the_name_as_the_subject() -> None:
    body = ('Meanwhile a human rights group said 12000 people have been tortured. In a Sunday statement the Syrian '
            'Network for Human Rights (SNHR) said that 12679 people died. "The regime is responsible for 99 percent '
            'of deaths" the statement added.')
    assert quote_of(body, "99 percent").speaker == "Syrian Network for Human Rights"


def test_an_acronym_that_does_not_spell_the_words_read_gives_no_speaker() -> None:
    body = '"We have no choice" the International Federation of Red Cross and Red Crescent Societies (IFRC) said.'
    assert quote_of(body, "no choice").speaker is None


# -- the gold sets, written by reading ----------------------------------------------------------

def test_real_copy_gold_holds() -> None:
    result = score(quotes_gold_real.GOLD, real_bodies())
    total, c = result.total, result.counts
    assert total >= 150
    print(result.line("real-copy gold"))
    assert total - c["not found"] >= 0.96 * total, result.misses
    assert c["right"] >= 0.94 * total, result.misses
    assert c["wrong"] <= 0.015 * total, result.misses


def test_held_out_gold_does_not_fall_back() -> None:
    """Floors at what the held-out gold (never tuned on) measured, so a change that loses ground on
    unseen copy shows here; they are not the product aim."""
    result = score(quotes_gold_heldout.GOLD, real_bodies(quotes_gold_heldout.GOLD))
    total, c = result.total, result.counts
    assert total >= 80
    print(result.line("held-out gold"))
    named = total - c["none-right"] - c["none-wrong"]
    assert total - c["not found"] >= 0.97 * total, result.misses
    assert c["right"] >= 0.85 * named, result.misses
    assert c["wrong"] <= 0.03 * named, result.misses


def test_blind_gold_does_not_fall_back() -> None:
    """Floors at what the blind gold (written before the second round of changes, never tuned on)
    measured. Only its totals are shown, never its misses, so that nobody tunes on it."""
    result = score(quotes_gold_blind.GOLD, real_bodies(quotes_gold_blind.GOLD))
    total, c = result.total, result.counts
    assert total >= 80
    line = result.line("blind gold")
    named = total - c["none-right"] - c["none-wrong"]
    assert total - c["not found"] >= 0.93 * total, line
    assert c["right"] >= 0.76 * named, line
    assert c["wrong"] <= 0.07 * named, line


def test_seed_gold_still_all_right() -> None:
    result = score(quotes_gold.GOLD, seed_bodies())
    assert result.counts["right"] == result.total == 59, result.misses
