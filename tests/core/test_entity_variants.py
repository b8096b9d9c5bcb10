"""Name variants as a reporter meets them: every spelling of one actor agrees, different actors
that share words never do, and Arabic-script and Cyrillic names meet their transliterations."""

from __future__ import annotations

import pytest

from desktop.core.entities.variants import (
    compare_names,
    is_abbreviation_of,
    is_case_sensitive_alias,
    match_key,
    name_key,
    skeleton_key,
)

SPELLING_FAMILIES = [
    ["Qassem", "Qasem", "Qasim", "Qassim", "Ghasem", "Qāsim"],
    ["Soleimani", "Suleimani", "Sulaimani", "Sulaymani"],
    ["Hezbollah", "Hizbollah", "Hizballah", "Hizbullah"],
    ["Kataib", "Kataeb", "Kata'ib", "Kata’ib", "Kataʾib"],
    ["Muhandis", "Mohandes"],
    ["Mohammed", "Muhammad", "Mohamed", "Mohammad"],
    ["Yevgeny", "Evgeny", "Evgeniy", "Евгений"],
    ["Zelensky", "Zelenskyy", "Zelenskiy", "Зеленский", "Зеленський"],
    ["Kyiv", "Kiev"],
    ["Abu Mahdi al-Muhandis", "Abu Mahdi al Muhandis", "Abu Mahdi Al-Muhandis", "Abu Mehdi el-Mohandes"],
    ["Kataib Hezbollah", "Kata'ib Hizbollah", "Kataeb Hezbollah", "Kataib Hizballah"],
    ["Adil Abdul Mahdi", "Adel Abd al-Mahdi", "Adil Abdel-Mahdi"],
]


@pytest.mark.parametrize("family", SPELLING_FAMILIES, ids=lambda f: f[0])
def test_spellings_of_one_name_share_a_key_and_compare_same(family: list[str]) -> None:
    keys = {name_key(v) for v in family}
    assert len(keys) == 1, keys
    for other in family[1:]:
        verdict = compare_names(family[0], other)
        assert verdict.same, (family[0], other, verdict)
        assert verdict.score >= 0.85
        assert verdict.reasons


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("كتائب حزب الله", "Kataib Hezbollah"),
        ("قاسم سليماني", "Qassem Soleimani"),
        ("قاسم سلیمانی", "Qasem Soleimani"),  # Persian ya
        ("أبو مهدي المهندس", "Abu Mahdi al-Muhandis"),
        ("حزب الله", "Hezbollah"),
        ("جرف الصخر", "Jurf al-Sakhar"),
    ],
)
def test_arabic_script_meets_its_transliteration(arabic: str, latin: str) -> None:
    assert skeleton_key(arabic) == skeleton_key(latin)
    verdict = compare_names(arabic, latin)
    assert verdict.same
    assert any("Arabic script" in r for r in verdict.reasons)


def test_arabic_script_keeps_groups_apart() -> None:
    assert not compare_names("حزب الله", "Kataib Hezbollah").same
    assert not compare_names("كتائب حزب الله", "Hezbollah").same


def test_cyrillic_meets_its_transliteration() -> None:
    assert compare_names("Зеленский", "Zelensky").same
    assert compare_names("Евгений Пригожин", "Yevgeny Prigozhin").same
    assert name_key("Сергей Шойгу") == name_key("Sergei Shoigu")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kataib Hezbollah", "Hezbollah"),
        ("Kataib Hezbollah", "Kataib Sayyid al-Shuhada"),
        ("Hezbollah", "Kataib Sayyid al-Shuhada"),
        ("Abu Mahdi al-Muhandis", "Abu Bakr al-Baghdadi"),
        ("Abu Mahdi al-Muhandis", "Adil Abdul Mahdi"),
        ("Harakat Hezbollah al-Nujaba", "Kataib Hezbollah"),
        ("Bashar al-Assad", "Maher al-Assad"),
        ("Mohammed bin Salman", "Mohammed bin Zayed"),
        ("Qassem Soleimani", "Naim Qassem"),
        ("Hamas", "Homs"),
        ("Popular Mobilization Forces", "Syrian Democratic Forces"),
        ("Jurf al-Nasr", "Jurf al-Sakher"),  # one town, two names: an alias, not a spelling
    ],
)
def test_names_that_share_words_stay_apart(a: str, b: str) -> None:
    verdict = compare_names(a, b)
    assert not verdict.same, verdict
    assert verdict.score < 0.8
    assert verdict.reasons


def test_the_three_groups_explain_why_they_differ() -> None:
    verdict = compare_names("Kataib Hezbollah", "Hezbollah")
    assert "different entities" in " ".join(verdict.reasons)
    assert name_key("Kataib Hezbollah") != name_key("Hezbollah") != name_key("Kataib Sayyid al-Shuhada")


def test_titles_and_initials_do_not_split_a_person() -> None:
    assert compare_names("Gen. Kenneth McKenzie", "Kenneth F. McKenzie").same
    assert compare_names("Defense Secretary Mark Esper", "Mark Esper").same
    # A different first name is evidence against, even with the same surname: a reporter
    # records "Frank McKenzie" as an alias rather than the app guessing.
    verdict = compare_names("Marine Gen. Frank McKenzie", "Kenneth F. McKenzie")
    assert not verdict.same
    assert any("frank" in r for r in verdict.reasons)


def test_finer_evidence() -> None:
    assert compare_names("Qassem Soleimani", "Qasim al-Sulaymani").same
    assert compare_names("Mustafa al-Kadhimi", "Mustafa al-Kazimi").same  # dh / z
    assert compare_names("Kenneth F. McKenzie", "Kenneth Frank McKenzie").same
    assert compare_names("Rapid Support Forces", "Rapid Support Force").same
    assert compare_names("Hurras al-Din", "Hurras al-Deen").same
    # Short words need their vowels to agree too: the same consonants are not enough.
    for a, b in (("Sudan", "Sidon"), ("Hamas", "Hama"), ("Al-Qaim", "Qiam-1"), ("Akhmat", "Bakhmut"),
                 ("Samarra", "Amarah"), ("Iskandariya", "Iskander"), ("Al-Bukamal", "Buk")):
        assert not compare_names(a, b).same, (a, b)


def test_words_run_together_are_the_same_name() -> None:
    assert compare_names("Ansar Allah", "Ansarallah").same
    assert compare_names("Hizb Allah", "Hezbollah").same


@pytest.mark.parametrize(
    ("abbr", "name"),
    [
        ("KH", "Kataib Hezbollah"),
        ("PMF", "Popular Mobilization Forces"),
        ("PMU", "Popular Mobilisation Units"),
        ("IRGC", "Islamic Revolutionary Guard Corps"),
        ("ISIS", "Islamic State of Iraq and Syria"),
        ("ISIL", "Islamic State of Iraq and the Levant"),
        ("HTS", "Hayat Tahrir al-Sham"),
        ("AQAP", "Al-Qaeda in the Arabian Peninsula"),
        ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("CENTCOM", "Central Command"),
        ("HIMARS", "High Mobility Artillery Rocket System"),
        ("U.S.", "United States"),
    ],
)
def test_abbreviations(abbr: str, name: str) -> None:
    assert is_abbreviation_of(abbr, name)
    verdict = compare_names(abbr, name)
    assert verdict.same and "abbreviation" in verdict.reasons[0]


@pytest.mark.parametrize(
    ("abbr", "name"),
    [("KH", "Hezbollah"), ("PMF", "Kataib Hezbollah"), ("KSS", "Kataib Hezbollah"),
     ("Ansarallah", "Ansar Allah"), ("IRGC", "Islamic Revolutionary Guard")],
)
def test_not_abbreviations(abbr: str, name: str) -> None:
    assert not is_abbreviation_of(abbr, name)


def test_match_key_folds_only_what_never_distinguishes_names() -> None:
    assert match_key("Kata'ib Hizbollah") == match_key("Kata’ib  Hizbollah") == match_key("KATAʾIB HIZBOLLAH")
    assert match_key("Kataib Hizbollah") == "kataib hizbollah"
    assert match_key("Jurf al-Nasr") == match_key("Jurf al Nasr") == "jurf al nasr"
    assert match_key("Qāsim") == "qasim"
    assert match_key("Hezbollah's") == "hezbollah's"  # a possessive stays a word boundary
    assert match_key("Kataib") != match_key("Kataeb")  # spelling variants are aliases, not folding
    assert match_key("قَاسِم") == match_key("قاسم")  # Arabic vowel marks


def test_case_sensitive_alias_rule() -> None:
    for alias in ("KH", "PMU", "IRGC", "ISWAP", "U.S.", "DOD"):
        assert is_case_sensitive_alias(alias), alias
    for alias in ("Kh", "HIMARS", "Kataib Hezbollah", "DoD", "107mm"):
        assert not is_case_sensitive_alias(alias), alias
