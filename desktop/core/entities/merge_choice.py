"""Which of two entities a merge should keep, and the evidence for it, in words.

When a reporter merges "Wallace" and "Ben Wallace" the kept entity's name, kind and notes stay,
so the default must be the fuller, better-evidenced one: more words in the name (a full name
over a bare surname, a name over its abbreviation), then more confirmed stories, then more
stories, then more names. The dialog shows the evidence so the reporter can overrule it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = ["Evidence", "MergeChoice", "choose_keeper"]


@dataclass(frozen=True)
class Evidence:
    id: int
    name: str
    words: int
    stories: int
    confirmed: int
    names: int

    def describe(self) -> str:
        s = "y" if self.stories == 1 else "ies"
        return (f"\u201c{self.name}\u201d: {self.words} word{'s' if self.words != 1 else ''} in the name, "
                f"{self.stories} stor{s} ({self.confirmed} confirmed), {self.names} "
                f"name{'s' if self.names != 1 else ''}")


@dataclass(frozen=True)
class MergeChoice:
    keep: Evidence
    merge: Evidence

    @property
    def reasons(self) -> list[str]:
        return [self.keep.describe(), self.merge.describe()]


def _evidence(archive: Archive, entity_id: int, fallback: str) -> Evidence:
    row = archive.db.execute(
        """SELECT e.name,
                  (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = e.id AND state != 'rejected'),
                  (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = e.id AND state = 'confirmed'),
                  (SELECT count(*) FROM entity_aliases WHERE entity_id = e.id)
           FROM entities e WHERE e.id = ?""", [entity_id]).fetchone()
    if row is None:
        return Evidence(entity_id, fallback, len(fallback.split()), 0, 0, 0)
    name, stories, confirmed, names = row
    words = len([w for w in name.replace(".", " ").split() if w])
    if name.replace(".", "").isupper() and " " not in name:
        words = 0  # an abbreviation says less than the name it stands for
    return Evidence(entity_id, name, words, stories, confirmed, names)


def choose_keeper(archive: Archive, a: int, b: int, a_name: str = "", b_name: str = "") -> MergeChoice:
    """The entity to keep by default (fuller name, then evidence) and the one merged into it."""
    ea, eb = _evidence(archive, a, a_name), _evidence(archive, b, b_name)
    key = lambda e: (e.words, e.confirmed, e.stories, e.names)  # noqa: E731
    return MergeChoice(ea, eb) if key(ea) >= key(eb) else MergeChoice(eb, ea)
