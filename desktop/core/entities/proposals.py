"""Proposed merges ("same entity?") with their evidence, for a person to accept or dismiss.

Candidates come from buckets of transliteration keys (:func:`~.variants.name_key` and the
consonant skeleton, which is how Arabic script meets its Latin spelling) and from abbreviations
(KH <-> Kataib Hezbollah), so the work grows with the number of names, not its square. Each
candidate pair is judged by :func:`~.variants.compare_names`, which keeps apart names that only
share words. A dismissed proposal stays dismissed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..clock import now_iso

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = ["MergeProposal", "dismiss_proposal", "open_proposals", "refresh_proposals"]


@dataclass
class MergeProposal:
    id: int
    a_id: int
    a_name: str
    b_id: int
    b_name: str
    kind: str
    score: float
    reasons: list[str]


def _candidates(names: dict[int, list[str]]) -> set[tuple[int, int]]:
    from .variants import is_abbreviation_of, name_key, skeleton_key  # not before the GUI's first paint

    buckets: dict[str, set[int]] = defaultdict(set)
    for entity_id, aliases in names.items():
        for alias in aliases:
            for key in (name_key(alias), "s:" + skeleton_key(alias)):
                if len(key) > 3:
                    buckets[key].add(entity_id)
    pairs = {(a, b) for ids in buckets.values() if 1 < len(ids) <= 50 for a in ids for b in ids if a < b}
    abbreviations = [(i, a) for i, aliases in names.items() for a in aliases
                     if a.replace(".", "").isupper() and 2 <= len(a.replace(".", "")) <= 7]
    if abbreviations:
        for entity_id, aliases in names.items():
            for other_id, abbr in abbreviations:
                if other_id != entity_id and any(is_abbreviation_of(abbr, name) for name in aliases
                                                 if len(name.split()) > 1):
                    pairs.add((min(entity_id, other_id), max(entity_id, other_id)))
    return pairs | _surname_pairs(names)


def _surname_pairs(names: dict[int, list[str]]) -> set[tuple[int, int]]:
    """ "Wallace" and "Ben Wallace": an entity known by one word that ends another's full name."""
    from .variants import match_key

    singles: dict[str, set[int]] = defaultdict(set)
    for entity_id, aliases in names.items():
        for alias in aliases:
            key = match_key(alias)
            if key and " " not in key and not alias.isupper():
                singles[key].add(entity_id)
    pairs: set[tuple[int, int]] = set()
    for entity_id, aliases in names.items():
        for alias in aliases:
            words = match_key(alias).split()
            if len(words) >= 2:
                for other in singles.get(words[-1], ()):
                    if other != entity_id and len(singles.get(words[-1], ())) <= 50:
                        pairs.add((min(entity_id, other), max(entity_id, other)))
    return pairs


def _surname_of(a: list[str], b: list[str]) -> tuple[float, list[str]] | None:
    from .variants import match_key

    for x in a:
        kx = match_key(x)
        if " " in kx or x.isupper():
            continue
        for y in b:
            words = match_key(y).split()
            if len(words) >= 2 and words[-1] == kx and all(" " not in match_key(n) or
                                                         match_key(n).split()[-1] == kx for n in a):
                return 0.6, [f"\u201c{x}\u201d is the last name of \u201c{y}\u201d (a surname alone, "
                             "as news names people after the first mention)"]
    return None


def _judge(a: list[str], b: list[str], kind: str = "") -> tuple[float, list[str]] | None:
    from .variants import compare_names, is_abbreviation_of

    best: tuple[float, list[str]] | None = None
    if kind == "person":
        best = _surname_of(a, b) or _surname_of(b, a)
    for x in a:
        for y in b:
            if x.replace(".", "").isupper() and is_abbreviation_of(x, y):
                found = (0.85, [f"\u201c{x}\u201d is an abbreviation of \u201c{y}\u201d"])
            elif y.replace(".", "").isupper() and is_abbreviation_of(y, x):
                found = (0.85, [f"\u201c{y}\u201d is an abbreviation of \u201c{x}\u201d"])
            else:
                match = compare_names(x, y)
                if not match.same:
                    continue
                found = (match.score, [f"\u201c{x}\u201d / \u201c{y}\u201d: " + "; ".join(match.reasons)])
            if best is None or found[0] > best[0]:
                best = found
    return best


def refresh_proposals(archive: Archive) -> int:
    """Look for new "same entity?" pairs among entities of the same kind; returns how many were
    added (pairs already proposed, merged or dismissed are left as they are)."""
    rows = archive.db.execute(
        "SELECT e.id, e.kind, a.alias FROM entities e JOIN entity_aliases a ON a.entity_id = e.id"
    ).fetchall()
    names: dict[int, list[str]] = defaultdict(list)
    kinds: dict[int, str] = {}
    for entity_id, kind, alias in rows:
        names[entity_id].append(alias)
        kinds[entity_id] = kind
    added = 0
    stamp = now_iso()
    with archive.transaction() as db:
        for a, b in sorted(_candidates(names)):
            if kinds[a] != kinds[b]:
                continue
            judged = _judge(names[a], names[b], kinds[a])
            if judged is None:
                continue
            score, reasons = judged
            added += db.execute(
                "INSERT OR IGNORE INTO merge_proposals(a_id, b_id, score, reasons, created_at) VALUES (?, ?, ?, ?, ?)",
                [a, b, score, json.dumps(reasons, ensure_ascii=False), stamp],
            ).rowcount
    return added


def open_proposals(archive: Archive, entity_id: int | None = None) -> list[MergeProposal]:
    """Open proposals, best first; with ``entity_id``, only those involving it."""
    where = "p.state = 'open'" + (" AND (p.a_id = ? OR p.b_id = ?)" if entity_id is not None else "")
    params = [entity_id, entity_id] if entity_id is not None else []
    rows = archive.db.execute(
        f"""SELECT p.id, p.a_id, a.name, p.b_id, b.name, a.kind, p.score, p.reasons
            FROM merge_proposals p JOIN entities a ON a.id = p.a_id JOIN entities b ON b.id = p.b_id
            WHERE {where} ORDER BY p.score DESC, p.id""",
        params,
    ).fetchall()
    return [MergeProposal(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7])) for r in rows]


def dismiss_proposal(archive: Archive, proposal_id: int) -> None:
    with archive.transaction() as db:
        db.execute("UPDATE merge_proposals SET state = 'dismissed' WHERE id = ?", [proposal_id])
