"""Suggesting entity mentions: at import, and for the whole archive on demand.

Three sources, strongest first (see :func:`desktop.core.entities.recognise.recognise`): the
archive's own entities and aliases (what staff confirmed once is found everywhere after), the
starter gazetteer, and name patterns for names nobody has listed. A gazetteer entry becomes an
archive entity the first time a story mentions it, so the entity list holds what the archive
talks about, not 700 names from a file. A pattern's name is stored as a *proposed* mention with
no entity until a reporter accepts it.

Suggestions are inserted with ``INSERT OR IGNORE`` on (article, span, entity): a mention that a
reporter rejected keeps its row and state, so running the suggestions again never brings it back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..clock import now_iso
from .alias_matcher import AliasMatcher
from .gazetteer import GazetteerEntry, load_gazetteer
from .recognise import ARCHIVE, GAZETTEER, MIN_NEW_CONFIDENCE, Suggestion, recognise
from .variants import match_key

if TYPE_CHECKING:
    from ..archive import Archive
    from ..importing.types import ArticleFields

__all__ = ["MIN_PATTERN_CONFIDENCE", "EntitySuggester", "SuggestOutcome", "suggest_for_archive"]

#: Pattern proposals below this confidence are not stored (they would only be noise to review).
MIN_PATTERN_CONFIDENCE = MIN_NEW_CONFIDENCE
#: Articles whose suggestions are stored in one transaction by :func:`suggest_for_archive`.
CHUNK = 50


@dataclass(frozen=True)
class _Hit:
    """An alias hit with where its entity lives (``recognise`` reads ``source``)."""

    start: int
    end: int
    surface: str
    ref: Any
    kind: str
    alias: str
    others: tuple = ()
    source: str = ARCHIVE


@dataclass
class SuggestOutcome:
    articles: int = 0
    mentions: int = 0
    new_entities: int = 0
    cancelled: bool = False


class EntitySuggester:
    """Finds mentions in article bodies; build once per import or archive pass.

    Also an :class:`~desktop.core.importing.pipeline.ArticleEnricher`: ``prepare`` is pure CPU,
    ``store`` writes inside the article's transaction.
    """

    def __init__(self, archive: Archive, *, gazetteer: bool = True, patterns: bool = True) -> None:
        self.patterns = patterns
        rows = archive.db.execute(
            "SELECT a.alias, a.entity_id, e.kind, a.case_sensitive, e.name, e.origin "
            "FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
        ).fetchall()
        aliases: list[tuple[Any, ...]] = [(alias, ("e", eid), kind, bool(cs)) for alias, eid, kind, cs, _n, _o in rows]
        #: Gazetteer names already in the archive (entity id by canonical name).
        self._materialised: dict[str, int] = {name: eid for _a, eid, _k, _c, name, origin in rows
                                              if origin == "gazetteer"}
        self._gazetteer: dict[str, GazetteerEntry] = {}
        if gazetteer:
            try:
                entries = load_gazetteer()
            except (OSError, ValueError):
                entries = ()
            for entry in entries:
                self._gazetteer[entry.name] = entry
                if entry.name in self._materialised:
                    continue
                aliases += [(alias, ("g", entry.name), entry.kind, entry.is_case_sensitive(alias) or None)
                            for alias in entry.names]
        self.matcher = AliasMatcher(aliases)
        #: Every name of each archive entity, so a link can be checked against full names.
        self.entity_names: dict[Any, tuple[str, ...]] = {}
        for alias, eid, _k, _c, name, _o in rows:
            self.entity_names[("e", eid)] = (*self.entity_names.get(("e", eid), (name,)), alias)
        #: People the desk named itself (not from the gazetteer): their bare surnames need support.
        self._desk_people = {("e", eid) for _a, eid, kind, _c, _n, origin in rows
                             if kind == "person" and origin != "gazetteer"}
        self.created = 0

    # -- finding (no database) ---------------------------------------------------------------

    def find(self, text: str, support: frozenset[Any] = frozenset()) -> list[Suggestion]:
        """Suggestions for ``text``; ``support`` are desk entities (``("e", id)``) confirmed in
        stories linked to this one or in its threads, whose bare surnames may be suggested."""
        hits = [
            _Hit(h.start, h.end, h.surface, h.ref, h.kind, h.alias, tuple(h.others),
                 ARCHIVE if h.ref[0] == "e" else GAZETTEER)
            for h in self.matcher.find(text)
        ]
        hits = supported(hits, self._desk_people - support)
        found = (recognise(text, hits, gazetteer_ref=self._gazetteer_ref, entity_names=self.entity_names)
                 if self.patterns else recognise_known(text, hits))
        return [s for s in found if s.ref is not None or s.confidence >= MIN_PATTERN_CONFIDENCE]

    def prepare(self, fields: ArticleFields) -> list[Suggestion]:
        return self.find(fields.body)

    def _gazetteer_ref(self, name: str) -> Any:
        found = self._materialised.get(name)
        if found is not None:
            return ("e", found)
        return ("g", name) if name in self._gazetteer else None

    # -- storing (inside a transaction) --------------------------------------------------------

    def store(self, db: Any, article_id: int, suggestions: Sequence[Suggestion]) -> int:
        """Insert the suggestions for one article; returns how many were new."""
        stamp, rows = now_iso(), []
        for s in suggestions:
            entity_id, proposed_name, proposed_kind = None, None, None
            if s.ref is None:
                proposed_name, proposed_kind = _clean_name(s.name or s.text), s.kind
            elif s.ref[0] == "g":
                entity_id = self._materialise(db, s.ref[1])
            else:
                entity_id = s.ref[1]
            rows.append((article_id, entity_id, s.start, s.end, s.text, proposed_name, proposed_kind, s.source,
                         s.reason, round(s.confidence, 3), stamp))
        if not rows:
            return 0
        before = db.conn.total_changes
        db.conn.executemany(
            "INSERT OR IGNORE INTO mentions(article_id, entity_id, start, end, surface, proposed_name, "
            "proposed_kind, state, source, reason, confidence, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'suggested', ?, ?, ?, ?)", rows)
        return db.conn.total_changes - before

    def _materialise(self, db: Any, name: str, depth: int = 0) -> int:
        """The archive entity for a gazetteer entry, created (with its parent) on first use."""
        found = self._materialised.get(name)
        if found is not None:
            return found
        entry = self._gazetteer[name]
        parent_id = None
        if entry.parent and entry.parent in self._gazetteer and depth < 5:
            parent_id = self._materialise(db, entry.parent, depth + 1)
        stamp = now_iso()
        cursor = db.execute(
            "INSERT INTO entities(name, kind, description, parent_id, origin, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, 'gazetteer', ?, ?)",
            [entry.name, entry.kind, entry.description, parent_id, stamp, stamp],
        )
        entity_id = int(cursor.lastrowid)
        for alias in entry.names:
            db.execute(
                "INSERT OR IGNORE INTO entity_aliases(entity_id, alias, match_key, case_sensitive) "
                "VALUES (?, ?, ?, ?)",
                [entity_id, alias, match_key(alias), int(entry.is_case_sensitive(alias))],
            )
        self._materialised[name] = entity_id
        self.created += 1
        return entity_id


def confirmed_nearby(db: Any, article_ids: Sequence[int]) -> dict[int, frozenset[Any]]:
    """Article id -> entities (``("e", id)``) confirmed in the story itself, in stories linked
    to it or in stories of its threads: where a desk's bare surname has support."""
    if not article_ids:
        return {}
    marks = ",".join("?" * len(article_ids))
    near = f"""
        SELECT id AS here, id AS other FROM articles WHERE id IN ({marks})
        UNION SELECT a_id, b_id FROM story_links WHERE a_id IN ({marks})
        UNION SELECT b_id, a_id FROM story_links WHERE b_id IN ({marks})
        UNION SELECT t1.article_id, t2.article_id FROM thread_stories t1
              JOIN thread_stories t2 ON t2.thread_id = t1.thread_id WHERE t1.article_id IN ({marks})"""
    try:
        rows = db.execute(
            f"SELECT DISTINCT n.here, m.entity_id FROM ({near}) n JOIN mentions m ON m.article_id = n.other "
            "WHERE m.state = 'confirmed' AND m.entity_id IS NOT NULL", [*article_ids] * 4).fetchall()
    except Exception:  # noqa: BLE001 - an archive from before related stories and threads
        return {}
    found: dict[int, set[Any]] = {}
    for here, entity_id in rows:
        found.setdefault(here, set()).add(("e", entity_id))
    return {k: frozenset(v) for k, v in found.items()}


def supported(hits: Sequence[_Hit], people: set[Any]) -> list[_Hit]:
    """Hits without the bare surnames the story gives no support for.

    A reporter who confirms "Wallace" in one story means that story's Wallace. Elsewhere a
    one-word name of a person the desk added is suggested only when the same story also names
    that person in full (another of the entity's names, of two words or more), or when it is
    confirmed in a linked story or one of the same thread (``people`` leaves those out)."""
    full = {h.ref for h in hits if len(h.alias.split()) > 1}
    return [h for h in hits
            if not (h.ref in people and len(h.alias.split()) == 1 and h.ref not in full)]


def recognise_known(text: str, hits: Sequence[_Hit]) -> list[Suggestion]:
    """Only the alias hits (no patterns), as suggestions."""
    return [s for s in recognise(text, hits) if s.ref is not None]


def _clean_name(text: str) -> str:
    name = " ".join(text.split())
    for suffix in ("'s", "\u2019s"):
        name = name.removesuffix(suffix)
    return name


def suggest_for_archive(
    archive: Archive, article_ids: Sequence[int] | None = None, *,
    progress: Callable[[int, int], None] | None = None, cancel: Any = None,
) -> SuggestOutcome:
    """Run the suggestions over the archive (or some articles), in the background.

    Existing mentions and rejections are kept; only new spans are added. Each chunk of articles
    is one transaction that also gives them a new revision, so the index picks up the entities.
    """
    suggester = EntitySuggester(archive)
    ids = list(article_ids) if article_ids is not None else archive.ids()
    outcome = SuggestOutcome()
    for start in range(0, len(ids), CHUNK):
        if cancel is not None and cancel.is_set():
            outcome.cancelled = True
            break
        chunk = ids[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        bodies = archive.db.execute(f"SELECT id, body FROM articles WHERE id IN ({marks})", chunk).fetchall()
        support = confirmed_nearby(archive.db, chunk)
        found = [(article_id, suggester.find(body or "", support.get(article_id, frozenset())))
                 for article_id, body in bodies]
        with archive.transaction() as db:
            for article_id, suggestions in found:
                outcome.mentions += suggester.store(db, article_id, suggestions)
            db.execute(f"UPDATE articles SET rev = rev WHERE id IN ({marks})", chunk)
        outcome.articles += len(bodies)
        if progress is not None:
            progress(min(start + CHUNK, len(ids)), len(ids))
    outcome.new_entities = suggester.created
    return outcome
