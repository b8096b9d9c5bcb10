"""A cheap guess at an article's language (ISO 639-1), from its script and its stopwords.

The archive needs the language to pick a search analyzer and to let reporters filter; it does
not need a statistical model for that. The writing system settles most non-Latin languages
(Hebrew, Greek, Korean, Japanese, Thai...), a few letters tell Persian, Urdu, Pashto and Kurdish
from Arabic and Ukrainian from Russian, and for Latin and Cyrillic text we count the commonest
function words of each language. Too little text, or no clear winner, gives None: the field
stays MISSING rather than wrong. Only the first few thousand characters are read, so the cost
is the same for a tweet and a book.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["guess_language"]

_SAMPLE_CHARS = 1000
_MIN_LETTERS = 40
_MIN_STOPWORD_HITS = 3

_STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the of and to in is that for on with was as by at from it his are be said has have "
        "this an which were not but their had they will been who would",
        "fr": "le la les des du et est un une dans que qui pour pas sur au avec il elle ce sont "
        "par plus aux ont été cette leur",
        "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es "
        "werden aus er sie wurde nach bei",
        "es": "el la los las del y en que un una por con para es se no al lo como más su fue "
        "sus este entre pero",
        "it": "il lo gli le di del della e è che un una per con non sono si nel alla da al dei "
        "delle anche più ha",
        "pt": "o os as do da dos das e em que um uma para com não por se no na foi ao mais "
        "pelo pela são",
        "nl": "de het een en van in is dat op te zijn voor met niet aan er die ook als bij door "
        "werd wordt",
        "tr": "ve bir bu da de için ile olarak çok daha gibi olan ama en her ne sonra kadar "
        "değil ise",
        "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke adalah oleh "
        "telah bahwa",
        "pl": "i w na z się nie do że to jest o jak po od przez za tak ale jego",
        "sv": "och i att det som en på är av för med till den har de inte om ett var",
        "ro": "și în de la cu care pe din este un o nu să mai au fost pentru",
        "ru": "и в не на что с по это как он из к но за от о так же для то был была были его",
        "uk": "і в на не що з та до це як у за від про його але був була були ще",
        "bg": "и в на не че за да се е от с по са като но това",
        "sr": "и у на је да се за од са не као из то су али",
    }.items()
}
_LATIN = ("en", "fr", "de", "es", "it", "pt", "nl", "tr", "id", "pl", "sv", "ro")
_CYRILLIC = ("ru", "uk", "bg", "sr")
_WORD_RE = re.compile(r"[^\W\d_]+")

#: Character classes of the scripts we can name outright or refine; counted with C-speed regexes.
_SCRIPTS = {
    "latin": "A-Za-z\u00c0-\u024f",
    "el": "\u0370-\u03ff",
    "cyrillic": "\u0400-\u04ff",
    "hy": "\u0530-\u058f",
    "he": "\u0590-\u05ff",
    "arabic": "\u0600-\u06ff\u0750-\u077f",
    "hi": "\u0900-\u097f",
    "bn": "\u0980-\u09ff",
    "pa": "\u0a00-\u0a7f",
    "ta": "\u0b80-\u0bff",
    "th": "\u0e00-\u0e7f",
    "ka": "\u10a0-\u10ff",
    "am": "\u1200-\u137f",
    "kana": "\u3040-\u30ff",
    "han": "\u4e00-\u9fff",
    "ko": "\uac00-\ud7af",
}
_SCRIPT_RES = {name: re.compile(f"[{chars}]") for name, chars in _SCRIPTS.items()}
_LETTER_RE = re.compile(r"[^\W\d_]")
#: word -> languages whose stopword list has it, so a text is scanned once for all languages.
_INDEX: dict[str, tuple[str, ...]] = {}
for _code, _words in _STOPWORDS.items():
    for _word in _words:
        _INDEX[_word] = _INDEX.get(_word, ()) + (_code,)


def _arabic_script_language(sample: str) -> str:
    def count(chars: str) -> int:
        return sum(sample.count(c) for c in chars)

    if count("ەێۆڵڕ") >= 3:
        return "ku"
    if count("ټډړږښځڅ") >= 3:
        return "ps"
    if count("ٹڈڑںے") >= 3:
        return "ur"
    if count("پچژگ") >= 3 or count("یک") > count("يك"):
        return "fa"
    return "ar"


def _by_stopwords(words: list[str], candidates: tuple[str, ...]) -> str | None:
    hits = dict.fromkeys(candidates, 0)
    for word in words:
        for code in _INDEX.get(word, ()):
            if code in hits:
                hits[code] += 1
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    best, score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if score >= _MIN_STOPWORD_HITS and score >= 1.3 * second:
        return best
    return None


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the dominant language of ``text``, or None when unclear."""
    sample = text[:_SAMPLE_CHARS]
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    if non_ascii < 0.2 * len(sample):
        # Latin script (diacritics and curly quotes stay well under a fifth of the characters).
        words = _WORD_RE.findall(sample.lower())
        if sum(map(len, words)) < _MIN_LETTERS:
            return None
        return _by_stopwords(words, _LATIN)
    sample = unicodedata.normalize("NFC", sample[:600])
    letters = len(_LETTER_RE.findall(sample))
    if letters < _MIN_LETTERS:
        return None
    counts = {name: len(rx.findall(sample)) for name, rx in _SCRIPT_RES.items()}
    script, n = max(counts.items(), key=lambda item: item[1])
    if n < 0.5 * letters:
        return None
    if script == "kana" or (script == "han" and counts.get("kana", 0) > 0.1 * n):
        return "ja"
    if script == "han":
        return "zh"
    if script == "arabic":
        return _arabic_script_language(sample)
    if script in ("latin", "cyrillic"):
        words = _WORD_RE.findall(sample.lower())
        if script == "cyrillic":
            if sum(sample.count(c) for c in "іїєґ") >= 3 and sum(sample.count(c) for c in "ыэ") == 0:
                return "uk"
            if sum(sample.count(c) for c in "ђјљњћџ") >= 3:
                return "sr"
            return _by_stopwords(words, _CYRILLIC)
        return _by_stopwords(words, _LATIN)
    return script
