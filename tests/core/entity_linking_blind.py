"""A BLIND linking gold for entity suggestions on unseen conflict copy, written by reading.

Written by reading (issue 16, second follow-up, step 1) BEFORE any rule in
``desktop/core/entities`` was changed for that follow-up, and never tuned on: nine FA-KES
Syrian-war stories (``../shared/corpora/fakes_syria/articles``) that the development gold
(``tests/core/entity_linking_gold.py``) does not use, every proper name in each read and judged
without running the recogniser on them. Its individual misses are not looked at while rules are
being changed; only its totals are reported, so it stays a fair estimate of how the rules do on
copy nobody tuned them for.

Same format and reading conventions as the development gold: each story maps a surface (as
written, case-sensitive, whole words) to what every occurrence of it is -
``("Canonical name", kind)`` for the starter gazetteer's entity, ``(NEW, kind)`` for a name no
list knows, ``None`` for a word that must not be suggested as a new name. A stripped possessive
("Syrias", "Jayruds", "Al-Qaedas") is a mention of the name; an outlet or agency is an
organisation; a street, district or old city named after a person or place is its own place;
"the Observatory" after the story names the Syrian Observatory for Human Rights is that
organisation; "Fateh al-Sham Front" is the renamed Jabhat al-Nusra (the story says so).

``tests/benchmarks/eval_linking.py`` prints its totals beside the development gold's.
"""

from __future__ import annotations

NEW = "NEW"
P, O, A, W, E, PL = "person", "organisation", "armed_group", "weapon", "event", "place"

FAKES = "corpora/fakes_syria/articles"

SOHR = ("Syrian Observatory for Human Rights", O)
IS = ("Islamic State", A)
AFP = ("Agence France-Presse", O)
RAR = (NEW, P)  # Rami Abdel Rahman, head of the Observatory

#: (folder under ../shared, file name) -> {surface: expectation}
GOLD: dict[tuple[str, str], dict[str, tuple[str, str] | None]] = {
    (FAKES, "fakes-0100.txt"): {
        "Syrians": None,
        "IS": IS,
        "Turkish": None,
        "Tags": None,
        "Syria": ("Syria", PL),
        "Islamic State Group": IS,
        "Islamic State group": IS,
        "Syrian Observatory for Human Rights": SOHR,
        "Turkey": ("Turkey", PL),
        "Operation Euphrates Shield": (NEW, E),
        "Ankara": (NEW, PL),
        "Kurdish": None,
        "Peoples Protection Units": ("People's Protection Units", A),
        "YPG": ("People's Protection Units", A),
        "Thalthana": (NEW, PL),
        "Aleppo": ("Aleppo", PL),
        "Al-Bab": (NEW, PL),
        "Dabiq": (NEW, PL),
        "Muslims": None,
        "Christians": None,
        "Read Also": None,
        "Date": None,
    },
    (FAKES, "fakes-0130.txt"): {
        "Damascus": ("Damascus", PL),
        "Syrias": ("Syria", PL),
        "Syria": ("Syria", PL),
        "Tags": None,
        "Khaled Bin al-Walid": (NEW, PL),
        "Police": None,
        "Midan": (NEW, PL),
        "Islamic State group": IS,
        "Wednesdays": None,
        "Date": None,
    },
    (FAKES, "fakes-0170.txt"): {
        "Syria": ("Syria", PL),
        "Monitor": None,
        "AFP": AFP,
        "Syrian": None,
        "Jayrud": (NEW, PL),
        "Jayruds": (NEW, PL),
        "Damascus": ("Damascus", PL),
        "Syrian Observatory for Human Rights": SOHR,
        "Observatory": SOHR,
        "Rami Abdel Rahman": RAR,
        "Abdel Rahman": RAR,
        "Amjad al-Danaf": (NEW, P),
        "Activists": None,
        "Syrias": ("Syria", PL),
        "Islamist": None,
        "Early Sunday": None,
        "Facebook": (NEW, O),
        "Anti-regime": None,
        "Saudi-backed": None,
        "Jaish al-Islam": ("Jaysh al-Islam", A),
        "Army of Islam": ("Jaysh al-Islam", A),
        "Ahrar al-Sham": ("Ahrar al-Sham", A),
        "Al-Qaeda": ("Al-Qaeda", A),
        "Al-Nusra Front": ("Jabhat al-Nusra", A),
        "Dozens": None,
        "United States": ("United States", PL),
        "Russia": ("Russia", PL),
    },
    (FAKES, "fakes-0235.txt"): {
        "Russia": ("Russia", PL),
        "Syria": ("Syria", PL),
        "Monitor": None,
        "AFP": AFP,
        "Russian": None,
        "Syrian Observatory for Human Rights": SOHR,
        "Al-Quriyah": (NEW, PL),
        "Islamic State": IS,
        "IS": IS,
        "Syrias": ("Syria", PL),
        "Deir Ezzor": ("Deir ez-Zor", PL),
        "Observatory": SOHR,
        "Rami Abdel Rahman": RAR,
        "Abdel Rahman": RAR,
        "Britain-based": None,
        "President": None,
        "Bashar al-Assad": ("Bashar al-Assad", P),
    },
    (FAKES, "fakes-0255.txt"): {
        "Syrias": ("Syria", PL),
        "Idlib": ("Idlib", PL),
        "Monitor": None,
        "AFP": AFP,
        "AFPs": AFP,
        "Sixteen": None,
        "Syria": ("Syria", PL),
        "Khan Sheikhun": (NEW, PL),
        "Syrian Observatory for Human Rights": SOHR,
        "Britain-based": None,
        "Observatory": SOHR,
        "Syrian": None,
        "Russian": None,
        "Kafr Takharim": (NEW, PL),
        "Abu Mohammad": (NEW, P),
        "Kafr Awid": (NEW, PL),
        "Army of Conquest": (NEW, A),
        "Fateh al-Sham Front": ("Jabhat al-Nusra", A),
        "Al-Nusra Front": ("Jabhat al-Nusra", A),
        "Al-Qaeda": ("Al-Qaeda", A),
        "Kurds": None,
        "Since Thursday": None,
    },
    (FAKES, "fakes-0275.txt"): {
        "Syrias": ("Syria", PL),
        "Daraa": ("Daraa", PL),
        "Monitor": None,
        "Region": None,
        "World": None,
        "Ahram Online": (NEW, O),
        "AFP": AFP,
        "Syrian Observatory for Human Rights": SOHR,
        "Britain": ("United Kingdom", PL),
        "Observatory": SOHR,
        "Rami Abdel Rahman": RAR,
        "Abdel Rahman": RAR,
        "Al-Qaedas": ("Al-Qaeda", A),
        "Syria": ("Syria", PL),
        "Al-Nusra Front": ("Jabhat al-Nusra", A),
        "Tal al-Jabiyeh": (NEW, PL),
        "Quneitra": ("Quneitra", PL),
        "Israeli-occupied": None,
        "Golan Heights": ("Golan Heights", PL),
        "Tal Jamu": (NEW, PL),
        "Clashes": None,
    },
    (FAKES, "fakes-0295.txt"): {
        "Syria": ("Syria", PL),
        "Jordan Times": (NEW, O),
        "Last": None,
        "Syrian": None,
        "Hasakeh": ("Hasakah", PL),
        "AFP": AFP,
        "BEIRUT": ("Beirut", PL),
        "Thirteen": None,
        "Syrias": ("Syria", PL),
        "Aleppo": ("Aleppo", PL),
        "Taduf": (NEW, PL),
        "Syrian Observatory for Human Rights": SOHR,
        "Daesh": IS,
        "Daret Izza": (NEW, PL),
        "Islamist": None,
        "Regime": None,
        "Rami Abdel Rahman": RAR,
        "Abdel Rahman": RAR,
        "IS": IS,
        "Al Bab": (NEW, PL),
        "Deir Ezzor": ("Deir ez-Zor", PL),
        "Syrians": None,
    },
    (FAKES, "fakes-0215.txt"): {
        "American": None,
        "Syria": ("Syria", PL),
        "NGO": None,
        "AFP": AFP,
        "Syrian": None,
        "Islamic State": IS,
        "Syrian Observatory for Human Rights": SOHR,
        "IS": IS,
        "Deir Ezzor": ("Deir ez-Zor", PL),
        "Ghareebeh": (NEW, PL),
        "Britain-based": None,
        "Observatory": SOHR,
        "On Wednesday": None,
    },
    (FAKES, "fakes-0160.txt"): {
        "Aleppo": ("Aleppo", PL),
        "AFP": AFP,
        "Print Tweet Views": None,
        "Related": None,
        "Syrias": ("Syria", PL),
        "Assad": ("Bashar al-Assad", P),
        "Turkeys": ("Turkey", PL),
        "Erdogan": (NEW, P),
        "Syria": ("Syria", PL),
        "Monitor": None,
        "UN": ("United Nations", O),
        "Syrian": None,
        "Britain-based": None,
        "Syrian Observatory for Human Rights": SOHR,
        "Aleppos": ("Aleppo", PL),
        "Old City": (NEW, PL),
    },
}
