"""Whether a known name found in a story really is that entity: the words around it must agree.

An alias matcher finds words, not people. "Khamenei" is an alias of Ali Khamenei, yet in
"Mojtaba Khamenei" it names his son; "Salah al-Din" is Salahuddin Governorate, yet "Salah al-Din
Road" is a street in Gaza and "Aleppo Police Command" is a police force. A link is kept only when
nothing next to it contradicts the entity:

* a person's alias with a different given name in front ("Mojtaba Khamenei"), or a generation
  after it ("Jr.", "Sr.", "II") that none of the entity's names carries;
* a place or person followed by words that make a different kind of thing out of it ("Road",
  "Crossing", "Camp", "Hospital", "Square", "University", "Police Command", "Times"), or a place
  after "New" or "Camp" ("New Aleppo");

When a link is dropped the name patterns propose the whole name as a new entity, and the entity
it came close to is offered as "maybe the same?" (see :func:`recognise.recognise`). Pure string
work over the tokens around one hit: microseconds per hit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.entities import kinds
from desktop.core.entities.namelists import NameLists, name_lists

__all__ = ["Contradiction", "contradiction"]

#: Place words after a place that still name that place or a part it contains ("Kirkuk Province").
_SAME_PLACE = frozenset([
    "province", "governorate", "district", "region", "county", "territory", "territories",
    "oblast", "krai", "canton", "prefecture", "municipality", "emirates", "republic", "kingdom",
    "strip", "city", "state", "countryside", "suburbs", "outskirts",
])
#: Capitalised words before a place that make another place of it ("New Aleppo").
_NEW_PLACE_BEFORE = frozenset([
    "new", "old", "upper", "lower", "greater", "little", "camp", "fort", "north", "south", "east",
    "west", "central", "latin", "northern", "southern", "eastern", "western",
])
#: Heads of "X of <place>" organisations that are no designator on their own ("Bank of Canada").
_HEAD_ORGS = frozenset(["bank"])
_GENERATIONS = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "junior", "senior"])
_SPACES = re.compile(r"[ \t]+")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


@dataclass(frozen=True)
class Contradiction:
    """Why a hit is not its entity, the words that make it another name, and the new kind."""

    reason: str
    start: int
    end: int
    kind: str


def _word_before(text: str, start: int) -> re.Match[str] | None:
    """The word just before ``start`` on the same line, separated by spaces only."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == start or i == 0:
        return None
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "-'’."):
        j -= 1
    m = _WORD.fullmatch(text, j, i)
    return m


def _words_after(text: str, end: int, count: int = 3) -> list[re.Match[str]]:
    """Up to ``count`` words after ``end`` on the same line, separated by spaces only."""
    out: list[re.Match[str]] = []
    pos = end
    while len(out) < count:
        m = _SPACES.match(text, pos)
        if m is None:
            break
        w = _WORD.match(text, m.end())
        if w is None:
            break
        out.append(w)
        pos = w.end()
    return out


def _is_name_word(word: str, lists: NameLists) -> bool:
    low = word.lower().rstrip(".")
    return (
        word[:1].isupper()
        and not word.isupper()
        and low not in lists.strip_words
        and low not in lists.alone_words
        and low not in lists.titles
        and low not in lists.title_modifiers
        and low not in lists.demonyms
        and low not in lists.person_cues
        and low not in lists.designators
        and (low,) not in lists.phrases
    )


def _other_given_name(word: str, surface: str, names: tuple[str, ...]) -> bool:
    """Whether ``word`` before ``surface`` is none of the words the entity's full names use.

    Only full names count: an entity known by its surname alone cannot be contradicted.
    """
    from desktop.core.entities.variants import name_key

    full = [n for n in names if len(n.split()) > len(surface.split())]
    if not full:
        return False
    mine = name_key(word)
    return all(mine not in name_key(n).split() for n in full)


def _generation(text: str, end: int, names: tuple[str, ...]) -> Contradiction | None:
    """ "Donald Trump Jr.": a generation after the name that none of the entity's names has.

    The contradiction returned has ``start`` 0 (the caller fills in the hit's start)."""
    after = _words_after(text, end, 1)
    if not after:
        return None
    word = after[0].group()
    low = word.lower()
    if low not in _GENERATIONS or text[after[0].end():after[0].end() + 1] not in ". ,;\n":
        return None
    if any(low.rstrip(".") in n.lower().replace(".", " ").split() for n in names):
        return None
    return Contradiction(f"a different generation, “{word}”", 0, after[0].end(), kinds.PERSON)


def contradiction(text: str, start: int, end: int, kind: str, names: tuple[str, ...] = (),
                  lists: NameLists | None = None, others: frozenset[int] = frozenset()
                  ) -> Contradiction | None:
    """Why ``text[start:end]``, an alias of an entity of ``kind``, is not that entity (or None).

    ``names`` are the entity's names, so a generation one of them carries ("Charles Q. Brown
    Jr.") is no contradiction. ``others`` are where other known names start: "the Iran Quds
    Force" is Iran, then the Quds Force, not one new name.
    """
    lists = lists or name_lists()
    if kind == kinds.PERSON:
        before = _word_before(text, start)
        if before is not None and _is_name_word(before.group(), lists) and _other_given_name(
                before.group(), text[start:end], names):
            return Contradiction(f"a different given name, “{before.group()}”", before.start(), end,
                                 kinds.PERSON)
        generation = _generation(text, end, names)
        if generation is not None:
            return generation if generation.start else Contradiction(
                generation.reason, start, generation.end, kinds.PERSON)
    if kind not in (kinds.PLACE, kinds.PERSON):
        return None
    following = _words_after(text, end, 3)
    for word in following:
        w = word.group()
        low = w.lower().rstrip(".")
        if not w[:1].isupper() or word.start() in others:
            break
        designated = lists.designators.get(low)
        if designated in (kinds.EVENT, kinds.ARMED_GROUP):
            break
        if designated and low not in _SAME_PLACE:
            what = "a place" if designated == kinds.PLACE else "an organisation"
            return Contradiction(f"“{w}” makes it {what} of its own", start, word.end(), designated)
        if low in lists.strip_words:
            break
    if kind == kinds.PLACE:
        before = _word_before(text, start)
        if before is not None and before.group().lower() in _NEW_PLACE_BEFORE and before.group()[:1].isupper():
            return Contradiction(f"“{before.group()}” makes it another place", before.start(), end, kinds.PLACE)
        if before is not None and before.group() == "of":
            head = _word_before(text, before.start())
            low = head.group().lower().rstrip(".") if head is not None else ""
            if head is not None and head.group()[:1].isupper() and (
                    lists.designators.get(low) == kinds.ORGANISATION or low in _HEAD_ORGS):
                return Contradiction(f"“{head.group()} of” makes it an organisation of its own",
                                     head.start(), end, kinds.ORGANISATION)
    return None
