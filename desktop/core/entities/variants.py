"""Name variants: when two spellings are the same name, and the evidence a reporter can check.

Conflict coverage writes one actor many ways. Transliteration from Arabic, Persian, Pashto and
Russian has no single standard, so the same militia is "Kataib Hezbollah", "Kata'ib Hizbollah"
and "Kataeb Hezbollah", the same general "Qassem", "Qasem", "Qasim" or (from Persian) "Ghasem"
Soleimani, and a wire story may quote the Arabic-script name itself. Three tools live here:

* :func:`match_key` - the form used to find aliases in running text (the alias matcher) and to
  compare aliases exactly. It only removes what never distinguishes two names: case, accents and
  Arabic vowel marks (through the search analyzer's :func:`fold_chars`, so a tagged name and a
  searched name agree), apostrophes *inside* words (``Kata'ib`` = ``Kata’ib`` = ``Kataib``,
  but a possessive ``'s`` stays a word boundary), and hyphens and runs of whitespace (one space,
  so ``al-Nasr`` = ``al Nasr``). It does not touch vowels or articles: running text is too
  varied for fuzzy keys, so spelling variants in text are found by listing them as aliases.
* :func:`name_key` - a transliteration-aware key for Latin and Cyrillic names: articles
  (``al-``, ``el-``, ``ash-`` ...), leading titles, apostrophes and doubled letters dropped,
  consonant spellings unified (``q``/``gh``/``k``, ``kh``, ``zh``/``j``, ``w``/``v``...) and each
  run of vowels written ``a``, so Qassem, Qasem, Qasim and Ghasem all become ``kasam``.
  :func:`skeleton_key` keeps only the consonants: Arabic script omits short vowels, so that is
  the level where ``قاسم سليماني`` meets ``Qassem Soleimani``. Keys collect candidates only.
* :func:`compare_names` - decides "same entity?" for a merge *proposal* (the app never merges on
  its own) and says why. Names are compared word by word with the same number of significant
  words, so names that share words stay apart: "Kataib Hezbollah", "Hezbollah" and "Kataib
  Sayyid al-Shuhada" are three groups. Equal keys also need agreeing vowels in short words
  (Sudan is not Sidon). rapidfuzz's ``ratio`` (``Indel``) only ever compares one word with one
  word; ``partial_ratio`` and ``token_set_ratio`` would call "Hezbollah" identical to "Kataib
  Hezbollah" and are never used for identity.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from anyascii import anyascii
from rapidfuzz.distance import Indel

from desktop.core.search.folding import APOSTROPHES, fold_chars

__all__ = [
    "VariantMatch",
    "compact",
    "compare_names",
    "is_abbreviation_of",
    "is_case_sensitive_alias",
    "match_key",
    "name_key",
    "skeleton_key",
]

#: Hyphens and dashes: word separators in names (``al-Nasr`` = ``al Nasr``).
HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
#: Longest all-capitals alias that matches case-sensitively by rule ("KH", "PMU", "ISWAP").
ABBREVIATION_MAX_LETTERS = 5

_mark = "\x01"  # what fold_chars puts in place of a removed accent or vowel mark
_SEP = re.escape(HYPHENS)
#: Removed marks | an apostrophe inside a word that is not a possessive 's | whitespace and
#: hyphen runs other than a lone space (those become one space). Written as one character
#: class followed by a branch on what it matched: a regex that starts with alternatives is
#: tried at every position of the text and was twice as slow on a 5,000-word article.
_COMPACT_RE = re.compile(
    rf"[{_mark}'\s{_SEP}](?:(?<={_mark}){_mark}*|(?<=\w')'*(?=\w)(?!s\b)"
    rf"|(?<= )[\s{_SEP}]+|(?<=[^\S ])[\s{_SEP}]*|(?<=[{_SEP}])[\s{_SEP}]*)"
)

_ABJAD_RE = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_APOSTROPHE_TABLE = {ord(c): None for c in APOSTROPHES + '"'}
#: Arabic-style articles written joined with a hyphen (sun letters assimilate: ash-Shuhada).
_HYPHEN_ARTICLE_RE = re.compile(
    rf"\b(?:al|el|il|ul|ad|adh|ar|as|ash|at|ath|az|an|ud|ur|us|ush|ut|un|uz)[{_SEP}](?=\w)",
    re.IGNORECASE,
)
_DOTTED_RE = re.compile(r"(?<!\w)(?:\w\.){2,}")
_ARTICLES = frozenset({"al", "el"})
_TITLES = frozenset({
    "gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major",
    "brig", "brigadier", "adm", "admiral", "vice", "rear", "capt", "captain", "sgt", "cpl",
    "lance", "cmdr", "commander", "president", "pres", "minister", "prime", "pm", "secretary",
    "defense", "defence", "foreign", "sheikh", "shaikh", "sheik", "ayatollah", "grand", "imam",
    "mullah", "dr", "mr", "mrs", "ms", "sir", "king", "prince", "emir", "crown", "sen", "rep",
    "senator", "hajj", "haji", "sayyed", "sayyid", "field", "marshal", "retired", "ret",
})
#: Words that are a title only before another title ("Marine Gen.", but "Marine Le Pen").
_SERVICES = frozenset({"marine", "army", "navy", "air", "force", "police", "brig", "maj", "lt"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_TOKEN_FORMS = {
    "abdul": "abd", "abdel": "abd", "abdal": "abd", "abdol": "abd", "abdil": "abd",
    "abou": "abu", "abo": "abu", "ibn": "bin", "ben": "bin",
}
#: Words an abbreviation may skip ("Islamic State of Iraq and Syria" -> ISIS).
_ABBREVIATION_SKIPS = frozenset({
    "of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "al", "el", "wal", "wa",
    "fi", "li", "&",
})
_DIGRAPHS = (
    ("sch", "sh"), ("tch", "ch"), ("dzh", "j"), ("x", "ks"), ("kh", "x"), ("gh", "k"),
    ("ph", "f"), ("zh", "j"), ("dj", "j"), ("dh", "z"), ("ck", "k"), ("q", "k"), ("w", "v"),
    ("ee", "i"), ("oo", "u"),
)
_DIGRAPH_RE = re.compile("|".join(re.escape(src) for src, _ in _DIGRAPHS) + "|c(?!h)")
_DIGRAPH_MAP = dict(_DIGRAPHS) | {"c": "k"}
_DOUBLED_RE = re.compile(r"(.)\1+")
_VOWELS_RE = re.compile("[aeiouy]+")
_GLIDE_RE = re.compile("(?<=[aeiou])y(?=[aeiou])")


# ----------------------------------------------------------------------------- matching form

def compact(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` folded for matching, and the segments mapping it back to ``text``.

    Returns ``(folded, segments)``: each segment ``(folded_start, delta)`` says that from
    ``folded_start`` on (until the next segment) ``folded[i]`` came from ``text[i + delta]``.
    """
    folded = fold_chars(text)
    parts: list[str] = []
    segments = [(0, 0)]
    pos = length = 0
    for m in _COMPACT_RE.finditer(folded):
        start, end = m.span()
        parts.append(folded[pos:start])
        length += start - pos
        if m.group()[0] not in "'\x01":
            parts.append(" ")
            length += 1
        segments.append((length, end - length))
        pos = end
    parts.append(folded[pos:])
    return "".join(parts), segments


def match_key(text: str) -> str:
    """The form aliases are matched in: ``match_key("Kata’ib  Hizbollah")`` == ``"kataib hizbollah"``.

    Case, accents and Arabic vowel marks folded (Arabic letter forms unified); apostrophes inside
    words removed, except a possessive ``'s``; hyphens and whitespace runs made one space.
    """
    return compact(text)[0].strip()


def is_case_sensitive_alias(alias: str) -> bool:
    """True for short all-capitals abbreviations ("KH", "PMU", "IRGC", "ISWAP", "U.S.").

    Lower-cased, these are words or word pieces ("kh", "pmu"), so they only match in capitals.
    """
    letters = [c for c in alias if c.isalpha()]
    return 0 < len(letters) <= ABBREVIATION_MAX_LETTERS and all(c.isupper() for c in letters)


# ----------------------------------------------------------------------------- name keys

@dataclass(frozen=True, slots=True)
class _Name:
    """A name split into significant words: as written, respelled, as a key, as consonants."""

    text: str
    abjad: bool
    words: tuple[str, ...]
    spelled: tuple[str, ...]
    shapes: tuple[str, ...]
    skeletons: tuple[str, ...]


def _respell(word: str) -> str:
    """Consonant spellings unified (q/gh/k, kh, zh/j, w/v...), doubled letters collapsed."""
    w = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group()], word)
    if len(w) > 1 and w[0] == "y" and w[1] in "aeiou":
        w = w[1:]  # Yevgeny / Evgeny, Yezidi / Ezidi
    w = _DOUBLED_RE.sub(r"\1", w)
    if len(w) > 2 and w.endswith("h") and w[-2] in "aeiouy":
        w = w[:-1]  # Karbalah / Karbala, Nusrah / Nusra
    return w


def _shape(spelled: str) -> str:
    """One word's key: a respelled word with each run of vowels written ``a``.

    A ``y`` between vowels is a consonant (``Y``): Sulaymaniyah the city keeps its ending and
    stays apart from Soleimani the general.
    """
    return _VOWELS_RE.sub("a", _GLIDE_RE.sub("Y", spelled))


def _skeleton(word: str) -> str:
    """Consonants only, with w/v and y (Arabic long vowels) and a final h (ta marbuta) dropped."""
    w = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group()], word)
    w = _DOUBLED_RE.sub(r"\1", re.sub("[aeiouyv]", "", w))
    return w[:-1] if len(w) > 1 and w.endswith("h") else w


def _strip_arabic_article(word: str) -> str:
    if len(word) > 3 and word[:2] in ("ال", "اﻟ") and word != "الله":
        return word[2:]
    return word


@lru_cache(maxsize=20_000)
def _parse(name: str) -> _Name:
    text = unicodedata.normalize("NFKC", name).strip()
    abjad = bool(_ABJAD_RE.search(text))
    if abjad:
        text = " ".join(_strip_arabic_article(w) for w in text.split())
    text = _HYPHEN_ARTICLE_RE.sub(" ", text)
    text = _DOTTED_RE.sub(lambda m: m.group().replace(".", ""), text)  # U.S. -> US
    latin = anyascii(text).lower().translate(_APOSTROPHE_TABLE)
    words = [_TOKEN_FORMS.get(w, w) for w in re.split(r"[^a-z0-9]+", latin) if w]
    words = [w for w in words if w not in _ARTICLES] or words
    while len(words) > 1 and (
        words[0] in _TITLES or (words[0] in _SERVICES and len(words) > 2 and words[1] in _TITLES)
    ):
        words.pop(0)
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    spelled = tuple(_respell(w) for w in words)
    return _Name(
        text=name, abjad=abjad, words=tuple(words), spelled=spelled,
        shapes=tuple(_shape(w) for w in spelled), skeletons=tuple(_skeleton(w) for w in words),
    )


def name_key(name: str) -> str:
    """A key shared by the usual Latin and Cyrillic spellings of a name.

    ``name_key("Kata'ib Hizbollah") == name_key("Kataeb Hezbollah") == "katab hazbala"``;
    ``name_key("Зеленский") == name_key("Zelenskyy")``. For Arabic- or Hebrew-script names,
    which carry no short vowels, compare :func:`skeleton_key` instead (or use
    :func:`compare_names`, which does).
    """
    return " ".join(_parse(name).shapes)


def skeleton_key(name: str) -> str:
    """The consonants of a name, words run together: where Arabic script meets Latin.

    ``skeleton_key("كتائب حزب الله") == skeleton_key("Kataib Hezbollah") == "ktbhzbl"``. Words
    are joined because ``حزب الله`` is two words and ``Hezbollah`` one. A coarse key: Hamas
    and Homs share it, so use it to gather candidates, never to decide.
    """
    return "".join(_parse(name).skeletons)


# ----------------------------------------------------------------------------- abbreviations

def _initials_fit(abbr: str, words: list[str]) -> bool:
    """Can ``abbr`` be spelled by taking a leading piece of each word, in order?

    ``words`` keep their case. Skippable words ("of", "the", "al") give nothing, or their
    initial when written with a capital ("Al-Qaeda" in AQAP, not "al-Aruri" in SAA). Pieces
    longer than one letter are syllable abbreviations (CENTCOM, HIMARS), so only abbreviations
    of five letters or more may use them: "SAA" is not "Saky airbase".
    """
    longest = 1 if len(abbr) < 5 else max(len(w) for w in words)

    @cache
    def fit(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(abbr)
        word = words[j]
        lower = word.lower()
        if lower in _ABBREVIATION_SKIPS:
            if fit(i, j + 1):
                return True
            if not word[0].isupper():
                return False
        k = 0
        while i + k < len(abbr) and k < min(len(lower), longest) and abbr[i + k] == lower[k]:
            k += 1
            if fit(i + k, j + 1):
                return True
        return False

    return fit(0, 0)


def is_abbreviation_of(abbr: str, name: str) -> bool:
    """True if ``abbr`` abbreviates ``name``: KH, PMF, PMU, IRGC, ISIS, HTS, CENTCOM, HIMARS.

    Every significant word gives its first letter (or a leading syllable); "of", "the", "and"
    and Arabic articles may be skipped or used ("AQAP" for "Al-Qaeda in the Arabian Peninsula").
    """
    letters = anyascii(abbr).lower().replace(".", "").replace("&", "")
    if not 2 <= len(letters) <= 12 or not letters.isalnum() or " " in abbr.strip():
        return False
    latin = anyascii(unicodedata.normalize("NFKC", name)).translate(_APOSTROPHE_TABLE)
    words = [w for w in re.split(r"[^A-Za-z0-9&]+", latin) if w]
    significant = [w for w in words if w.lower() not in _ABBREVIATION_SKIPS]
    if not 2 <= len(significant) <= len(letters):
        return False
    if 2 * len(letters) > sum(len(w) for w in words):
        return False  # "Ansarallah" is "Ansar Allah" run together, not an abbreviation
    return _initials_fit(letters, words)


# ----------------------------------------------------------------------------- comparison

@dataclass(frozen=True)
class VariantMatch:
    """The verdict on two names: ``same`` proposes a merge, ``reasons`` say why (or why not)."""

    score: float
    same: bool
    reasons: list[str] = field(default_factory=list)


#: Vowel agreement needed on top of equal keys for words under six letters: Qassem/Qasim 0.8,
#: Kyiv/Kiev 0.75, but Sudan/Sidon 0.6. Longer words with the same consonants in the same
#: places are rarely different names (Soleimani/Sulaymani, Obeida/Ubaida).
_VOWEL_AGREEMENT = 0.7


def _word_score(a: _Name, b: _Name, i: int, j: int) -> tuple[float, str]:
    wa, wb = a.words[i], b.words[j]
    if wa == wb:
        return 1.0, ""
    similarity = Indel.normalized_similarity(a.spelled[i], b.spelled[j])
    if a.shapes[i] == b.shapes[j]:
        if similarity >= _VOWEL_AGREEMENT:
            return 0.95, f"'{wa}' and '{wb}' are transliteration variants (vowels, doubled letters)"
        if min(len(wa), len(wb)) >= 6:
            return 0.85, f"'{wa}' and '{wb}' have the same consonants, with different vowels"
        return 0.7, f"'{wa}' and '{wb}' share consonants but not vowels"
    short, long = sorted((wa, wb), key=len)
    if len(short) == 1 and short.isalpha() and long.startswith(short):
        return 0.9, f"'{short}' is the initial of '{long}'"
    if len(long) >= 6 and long.endswith("s") and _shape(_respell(long[:-1])) == _shape(_respell(short)):
        return 0.9, f"'{wa}' and '{wb}' differ only in the plural"
    if min(len(wa), len(wb)) >= 6 and wa[0] == wb[0] and similarity >= 0.85:
        return 0.8, f"'{wa}' and '{wb}' are close spellings"
    return similarity * 0.5, f"'{wa}' and '{wb}' differ"


def _compare_abjad(pa: _Name, pb: _Name) -> VariantMatch:
    ska, skb = "".join(pa.skeletons), "".join(pb.skeletons)
    if ska and ska == skb:
        return VariantMatch(0.85, True, [
            f"same consonants '{ska}' (Arabic script omits short vowels)"])
    score = Indel.normalized_similarity(ska, skb) * 0.5
    return VariantMatch(round(score, 3), False, [f"consonants differ: '{ska}' vs '{skb}'"])


def _is_middle_initial(words: tuple[str, ...], i: int) -> bool:
    return 0 < i < len(words) - 1 and len(words[i]) == 1 and words[i].isalpha()


def _looks_abbreviated(name: str) -> bool:
    """One short word in capitals ("ISIS", "CEDEAO"): compared as letters, never by sound."""
    word = name.strip()
    letters = [c for c in word if c.isalpha()]
    return " " not in word and 0 < len(letters) <= 6 and all(c.isupper() for c in letters)


def compare_names(a: str, b: str) -> VariantMatch:
    """Are ``a`` and ``b`` the same name? A score in [0, 1], a verdict and the evidence.

    Scores: 1.0 identical after folding; 0.95 per word for transliteration variants; 0.85 for
    the same consonants across scripts; 0.8 for close spellings of long words and for an
    abbreviation. ``same`` needs every significant word to agree, with as many words on
    both sides.
    """
    if not any(c.isalnum() for c in a) or not any(c.isalnum() for c in b):
        return VariantMatch(0.0, False, ["a name has no letters"])
    if match_key(a) == match_key(b):
        return VariantMatch(1.0, True, ["identical apart from case, accents and apostrophes"])
    for short, long in ((a, b), (b, a)):
        if not any(c.islower() for c in short) and is_abbreviation_of(short, long):
            return VariantMatch(0.8, True, [f"'{short.strip()}' is an abbreviation of '{long.strip()}'"])
    if _looks_abbreviated(a) or _looks_abbreviated(b):
        return VariantMatch(0.0, False, ["an abbreviation that does not stand for the other name"])
    pa, pb = _parse(a), _parse(b)
    if not pa.words or not pb.words:
        return VariantMatch(0.0, False, ["a name has no letters"])
    if pa.abjad or pb.abjad:
        return _compare_abjad(pa, pb)
    reasons: list[str] = []
    keep_a, keep_b = list(range(len(pa.words))), list(range(len(pb.words)))
    if len(keep_a) != len(keep_b):
        if "".join(pa.shapes) == "".join(pb.shapes):
            return VariantMatch(0.9, True, ["the same name, split into words differently"])
        # Middle initials ("Kenneth F. McKenzie"): single letters, never digits ("Qiam-1").
        initials_a = [i for i in keep_a if not _is_middle_initial(pa.words, i)]
        initials_b = [i for i in keep_b if not _is_middle_initial(pb.words, i)]
        if len(initials_a) == len(initials_b) and len(initials_a) != max(len(keep_a), len(keep_b)):
            keep_a, keep_b = initials_a, initials_b
            reasons.append("initials ignored")
    if len(keep_a) != len(keep_b):
        why = f"different number of significant words ({len(keep_a)} vs {len(keep_b)})"
        if set(pa.shapes) & set(pb.shapes):
            why += "; names that share words are different entities"
        score = Indel.normalized_similarity(" ".join(pa.shapes), " ".join(pb.shapes)) * 0.5
        return VariantMatch(round(score, 3), False, [why])
    scores = []
    for i, j in zip(keep_a, keep_b):
        score, why = _word_score(pa, pb, i, j)
        scores.append(score)
        if why:
            reasons.append(why)
    same = all(s >= 0.8 for s in scores)
    if same and not reasons:
        reasons.append("the same words once titles and articles are set aside")
    return VariantMatch(round(sum(scores) / len(scores), 3), same, reasons)
