"""Related stories for the app: other versions found at import, suggestions with reasons, and
proposed event threads, from the archive's own data.

* **Versions** (:class:`VersionDetector`, an import step): each new article's MinHash signature
  and band keys are stored; articles sharing a band are checked on their exact shingles, and a
  pair that is the same copy, a cut or a rewrite is kept in ``version_candidates`` and offered
  as an "other version" link.
* **Suggestions** (:class:`RelatedIndex`): features of every story (its words, the entities it
  mentions, the statements it quotes, its date) held in memory, built once in the background and
  then kept up to date; a story's suggestions leave out stories already linked or dismissed.
* **Threads**: :func:`propose_threads_for_archive` groups the archive and stores the proposals;
  accepting one creates the thread.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..clock import now_iso
from .store import add_link, create_thread, dismissed_with, links_for

if TYPE_CHECKING:
    from ..archive import Archive
    from ..importing.types import ArticleFields
    from .near_duplicates import Signature
    from .suggest import RelatedCorpus

__all__ = [
    "RelatedIndex", "Suggestion", "ThreadProposal", "VersionCandidate", "VersionDetector", "accept_thread_proposal",
    "accept_version", "dismiss_thread_proposal", "dismiss_version", "open_thread_proposals",
    "propose_threads_for_archive", "versions_of",
]

#: Rows of MinHash bins per band: 32 bands of 4. A cut sharing two thirds of its shingles
#: (Jaccard 0.66) shares a band with a chance of 0.999; with 16 bands of 8 it was 0.44.
BAND_ROWS = 4
#: Bands a candidate must share with a new article to be checked at all.
MIN_SHARED_BANDS = 2
#: Estimated Jaccard from which a candidate pair is checked on its exact shingles.
MIN_JACCARD = 0.4


# -- versions at import --------------------------------------------------------------------------


@dataclass
class VersionCandidate:
    other_id: int
    jaccard: float
    relation: str  #: "same", "cut of", "cut from" or "version" (from this story's side)
    headline: str | None
    outlet: str | None
    date: str | None

    @property
    def label(self) -> str:
        """What the other story is, for this one: "same copy", "longer version", "shorter cut"..."""
        return {"same": "same copy", "cut of": "longer version", "cut from": "shorter cut"}.get(
            self.relation, "other version")


class VersionDetector:
    """The import's "other version" step (an ArticleEnricher)."""

    def __init__(self) -> None:
        self.found = 0

    def prepare(self, fields: ArticleFields) -> tuple[Signature, list[int], str]:
        from .near_duplicates import band_keys, signature

        sig = signature(fields.body)
        return sig, (band_keys(sig, BAND_ROWS) if not sig.empty else []), fields.body

    def store(self, db: Any, article_id: int, prepared: tuple[Signature, list[int], str]) -> None:
        sig, bands, body = prepared
        if not bands:
            return
        marks = ",".join("?" * len(bands))
        # Two shared bands at least: a real version shares about six of the 32 (a cut keeping two
        # thirds of the copy), while templated copy (earnings tables, weather) shares one by
        # chance; checking those on their exact shingles cost more than the rest of the import.
        candidates = [r[0] for r in db.execute(
            f"SELECT article_id FROM signature_bands WHERE band IN ({marks}) GROUP BY article_id "
            f"HAVING count(*) >= {MIN_SHARED_BANDS} ORDER BY count(*) DESC LIMIT 8", bands).fetchall()]
        db.execute("INSERT OR REPLACE INTO article_signatures(article_id, signature) VALUES (?, ?)",
                   [article_id, sig.to_bytes()])
        db.conn.executemany("INSERT INTO signature_bands(band, article_id) VALUES (?, ?)",
                            [(band, article_id) for band in bands])
        for other in candidates:
            self.found += _record_version(db, article_id, other, body, sig)


def _record_version(db: Any, article_id: int, other: int, body: str, sig: Signature) -> int:
    """Check a candidate on its exact shingles and keep the pair if it is another version."""
    from .near_duplicates import Signature

    row = db.execute("SELECT s.signature, a.body FROM article_signatures s JOIN articles a ON a.id = s.article_id "
                     "WHERE s.article_id = ?", [other]).fetchone()
    if row is None:
        return 0
    theirs = Signature.from_bytes(row[0])
    jaccard = theirs.jaccard(sig)
    if jaccard < MIN_JACCARD and theirs.containment_in(sig) < 0.8 and sig.containment_in(theirs) < 0.8:
        return 0
    from .near_duplicates import classify_version

    relation = classify_version(body, row[1] or "")
    if relation is None:
        return 0
    low, high = sorted((article_id, other))
    if low != article_id:  # stored from the lower id's side
        relation = {"cut of": "cut from", "cut from": "cut of"}.get(relation, relation)
    return db.execute("INSERT OR IGNORE INTO version_candidates(low_id, high_id, jaccard, relation, found_at) "
                      "VALUES (?, ?, ?, ?, ?)", [low, high, round(jaccard, 3), relation, now_iso()]).rowcount


def versions_of(archive: Archive, article_id: int) -> list[VersionCandidate]:
    """Other versions of a story found at import and not yet accepted or dismissed."""
    rows = archive.db.execute(
        """SELECT CASE WHEN v.low_id = ? THEN v.high_id ELSE v.low_id END, v.jaccard, v.relation, v.low_id = ?,
                  a.headline, a.outlet, a.pub_date
           FROM version_candidates v JOIN articles a ON a.id = CASE WHEN v.low_id = ? THEN v.high_id ELSE v.low_id END
           WHERE v.low_id = ? OR v.high_id = ? ORDER BY v.jaccard DESC""",
        [article_id] * 5).fetchall()
    found = []
    for other, jaccard, relation, from_low, headline, outlet, date in rows:
        if not from_low:
            relation = {"cut of": "cut from", "cut from": "cut of"}.get(relation, relation)
        found.append(VersionCandidate(other, jaccard, relation, headline, outlet, date))
    return found


def accept_version(archive: Archive, article_id: int, other_id: int) -> None:
    """Make a found version an "other version" link (and stop offering it)."""
    add_link(archive, article_id, other_id, "version", origin="detected")
    dismiss_version(archive, article_id, other_id)


def dismiss_version(archive: Archive, article_id: int, other_id: int) -> None:
    low, high = sorted((article_id, other_id))
    with archive.transaction() as db:
        db.execute("DELETE FROM version_candidates WHERE low_id = ? AND high_id = ?", [low, high])


# -- suggestions ---------------------------------------------------------------------------------


@dataclass
class Suggestion:
    other_id: int
    score: float
    reasons: list[str]
    headline: str | None
    outlet: str | None
    date: str | None


def _features_for(archive: Archive, ids: Sequence[int]) -> list[Any]:
    """Features of these stories from the database: their entities and statements, not a guess."""
    from .features import extract_features

    marks = ",".join("?" * len(ids))
    rows = archive.db.execute(f"SELECT id, headline, body, pub_date FROM articles WHERE id IN ({marks})",
                              list(ids)).fetchall()
    entities: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
    for article_id, entity_id, name, kind in archive.db.execute(
            f"SELECT m.article_id, e.id, e.name, e.kind FROM mentions m JOIN entities e ON e.id = m.entity_id "
            f"WHERE m.article_id IN ({marks}) AND m.state != 'rejected'", list(ids)):
        entities[article_id][f"e{entity_id}"] = (name, kind)
    statements: dict[int, dict[str, str]] = defaultdict(dict)
    for article_id, statement_id, text in archive.db.execute(
            f"SELECT q.article_id, q.statement_id, s.text FROM quotes q JOIN statements s ON s.id = q.statement_id "
            f"WHERE q.article_id IN ({marks})", list(ids)):
        statements[article_id][str(statement_id)] = text
    return [extract_features(article_id, body or "", title=headline or "", date=date,
                             entity_keys=entities.get(article_id, {}), quote_keys=statements.get(article_id, {}))
            for article_id, headline, body, date in rows]


class RelatedIndex:
    """Every story's relatedness features in memory; :meth:`build` off the GUI thread first.

    Thread-safe: the GUI's read thread asks for suggestions while the writer thread may
    :meth:`refresh` after an import (one lock; both are short)."""

    def __init__(self, archive: Archive) -> None:
        from .suggest import RelatedCorpus  # the features code loads with the first index

        self.archive = archive
        self.corpus: RelatedCorpus = RelatedCorpus()
        self._revs: dict[int, int] = {}
        self._lock = threading.RLock()
        self.built = False

    def build(self, *, progress: Callable[[int, int], None] | None = None, cancel: Any = None) -> int:
        """Read every story (or catch up with changes); returns how many were (re)read."""
        return self.refresh(progress=progress, cancel=cancel)

    def refresh(self, *, progress: Callable[[int, int], None] | None = None, cancel: Any = None) -> int:
        revs = dict(self.archive.db.execute("SELECT id, rev FROM articles").fetchall())
        with self._lock:
            for gone in set(self._revs) - set(revs):
                self.corpus.remove(gone)
                self._revs.pop(gone, None)
            stale = [i for i, rev in revs.items() if self._revs.get(i) != rev]
        for start in range(0, len(stale), 200):
            if cancel is not None and cancel.is_set():
                return start
            chunk = stale[start : start + 200]
            features = _features_for(self.archive, chunk)
            with self._lock:
                for f in features:
                    self.corpus.add(f)
                    self._revs[f.article_id] = revs[f.article_id]
            if progress is not None:
                progress(min(start + 200, len(stale)), len(stale))
        self.built = True
        return len(stale)

    def suggestions(self, article_id: int, limit: int = 10) -> list[Suggestion]:
        """Stories related to ``article_id``, best first, with reasons; linked and dismissed
        stories are left out."""
        with self._lock:
            if article_id not in self.corpus.features:
                return []
            from .suggest import rank_related

            ranked = rank_related(article_id, self.corpus, limit=limit + 30)
        skip = dismissed_with(self.archive, article_id) | {r.other_id for r in links_for(self.archive, article_id)}
        chosen = [(other, rel) for other, rel in ranked if other not in skip and rel.score > 0][:limit]
        if not chosen:
            return []
        marks = ",".join("?" * len(chosen))
        meta = {r[0]: r[1:] for r in self.archive.db.execute(
            f"SELECT id, headline, outlet, pub_date FROM articles WHERE id IN ({marks})", [o for o, _ in chosen])}
        return [Suggestion(int(other), rel.score, list(rel.reasons), *meta.get(other, (None, None, None)))
                for other, rel in chosen]


# -- thread proposals ----------------------------------------------------------------------------


@dataclass
class ThreadProposal:
    id: int
    name: str
    article_ids: list[int]
    reasons: list[str]


def propose_threads_for_archive(archive: Archive, index: RelatedIndex | None = None, *,
                                progress: Callable[[int, int], None] | None = None, cancel: Any = None) -> int:
    """Group the archive into proposed threads and store the new proposals; returns how many.

    Groups already a thread, or proposed before (open or dismissed), are not proposed again."""
    from .threads import propose_threads

    index = index or RelatedIndex(archive)
    index.refresh(cancel=cancel)
    with index._lock:
        found = propose_threads(index.corpus, progress=progress,
                                cancel=(lambda: cancel.is_set()) if cancel is not None else None)
    known = {frozenset(json.loads(r[0])) for r in archive.db.execute("SELECT article_ids FROM thread_proposals")}
    existing = defaultdict(set)
    for thread_id, article_id in archive.db.execute("SELECT thread_id, article_id FROM thread_stories"):
        existing[thread_id].add(article_id)
    threads = [frozenset(v) for v in existing.values()]
    added = 0
    with archive.transaction() as db:
        for thread in found:
            members = frozenset(int(m) for m in thread.members)
            if members in known or any(members <= t for t in threads):
                continue
            reasons = [f"{len(members)} stories", *(["main names: " + ", ".join(thread.entities[:5])]
                                                    if thread.entities else [])]
            db.execute("INSERT INTO thread_proposals(name, article_ids, reasons, created_at) VALUES (?, ?, ?, ?)",
                       [thread.name, json.dumps(sorted(members)), json.dumps(reasons), now_iso()])
            added += 1
    return added


def open_thread_proposals(archive: Archive) -> list[ThreadProposal]:
    rows = archive.db.execute("SELECT id, name, article_ids, reasons FROM thread_proposals WHERE state = 'open' "
                              "ORDER BY json_array_length(article_ids) DESC, id").fetchall()
    live = {r[0] for r in archive.db.execute("SELECT id FROM articles")}
    found = []
    for proposal_id, name, ids, reasons in rows:
        members = [i for i in json.loads(ids) if i in live]
        if len(members) >= 2:
            found.append(ThreadProposal(proposal_id, name, members, json.loads(reasons)))
    return found


def accept_thread_proposal(archive: Archive, proposal_id: int, name: str | None = None) -> int:
    """Create the thread a proposal describes (under ``name`` if given); returns its id."""
    proposal = next((p for p in open_thread_proposals(archive) if p.id == proposal_id), None)
    if proposal is None:
        raise ValueError(f"there is no open thread proposal #{proposal_id}")
    thread_id = create_thread(archive, name or proposal.name, proposal.article_ids, origin="proposal")
    with archive.transaction() as db:
        db.execute("UPDATE thread_proposals SET state = 'accepted' WHERE id = ?", [proposal_id])
    return thread_id


def dismiss_thread_proposal(archive: Archive, proposal_id: int) -> None:
    with archive.transaction() as db:
        db.execute("UPDATE thread_proposals SET state = 'dismissed' WHERE id = ?", [proposal_id])
