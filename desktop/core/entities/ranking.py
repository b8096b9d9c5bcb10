"""Which of a story's suggestions a reporter should review first, and how many to show at once.

A long story can carry dozens of suggestions; a reporter reviews the few that matter and should
not wade through the rest. A suggestion matters more when the story names it often (a lead actor
is named again and again), when the evidence is strong (a known entity, a confident pattern),
when it is an actor (a person or group over a weapon or an event) and when it is named early
(the lede names the actors). Known entities come before proposed new names of equal weight.
"""

from __future__ import annotations

import math

from desktop.core.entities import kinds

__all__ = ["FEW", "review_score"]

#: How many suggestions a story shows before "Show every suggestion".
FEW = 12
_KIND_WEIGHT = {
    kinds.PERSON: 1.0, kinds.ARMED_GROUP: 1.0, kinds.ORGANISATION: 0.9, kinds.PLACE: 0.8,
    kinds.WEAPON: 0.7, kinds.EVENT: 0.7, kinds.OTHER: 0.4,
}


def review_score(kind: str, confidence: float, mentions: int, first_start: int, known: bool) -> float:
    """Higher first: repeated, confident, actors, early, known."""
    early = 1.0 if first_start < 600 else 0.85
    return (confidence * (1.0 + math.log2(max(mentions, 1))) * _KIND_WEIGHT.get(kind, 0.5) * early
            + (0.25 if known else 0.0))
