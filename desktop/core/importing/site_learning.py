"""The import's site-line step: learn over the batch as it arrives, clean each story, and clean
the batch's earlier stories as soon as a pattern is learned.

It runs first among the import's enrichers (see :class:`.pipeline.ArticleEnricher`), so entity
and quotation finding see the cleaned body. ``prepare`` (no database) observes the story with a
:class:`.sitelines.Learner` for the batch and one for its outlet, then applies what is known:
patterns stored by earlier imports and clean-ups, and those learned in this batch so far.
``store`` (inside the story's transaction) writes the credit and what was removed, keeps newly
learned patterns in the archive, and applies them to the batch's earlier stories, which were
stored before the pattern was known (their mentions and quotations move with the text).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .sitelines import Learner, SiteRules, clean_fields, edge_keys, split_affixes, stored_credit
from .types import ArticleFields, PartialDate, Provenance

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = ["SiteLineStep", "cleanup_json"]


@dataclass
class _Prepared:
    credit: str | None
    cleanup: str
    provenance: str
    #: (scope, rules) learned with this story.
    learned: list[tuple[str, SiteRules]]


@dataclass
class _Seen:
    """What the step remembers of an earlier story of the batch, to find the ones a new
    pattern concerns without reading them back."""

    article_id: int
    outlet: str
    keys: frozenset[str]
    headline: str | None
    #: The agency as the story states it (stored only when it is not the outlet itself).
    credit: str | None


class SiteLineStep:
    """An :class:`~.pipeline.ArticleEnricher` for one import batch."""

    def __init__(self, archive: Archive) -> None:
        from ..reclean import stored_rules

        self.archive = archive
        try:
            self.stored = stored_rules(archive.db)
        except sqlite3.Error:  # a damaged table: import without the stored patterns
            self.stored = SiteRules()
        self.batch = Learner("this batch")
        self.outlets: dict[str, Learner] = {}
        self.seen: list[_Seen] = []
        self._pending: _Seen | None = None
        self.revisited = 0
        #: Merged rules per outlet, dropped whenever something new is learned.
        self._merged: dict[str, SiteRules] = {}

    def _rules_for(self, outlet: str) -> SiteRules:
        rules = self._merged.get(outlet)
        if rules is None:
            rules = self.batch.rules().merged(self.stored)
            if outlet in self.outlets and self.outlets[outlet].rules():
                rules = rules.merged(self.outlets[outlet].rules())
            self._merged[outlet] = rules
        return rules

    def prepare(self, fields: ArticleFields) -> _Prepared:
        outlet = fields.outlet or ""
        story = len(self.seen) + 1
        learned = []
        keys = edge_keys(fields.body)
        if new := self.batch.learn(story, fields.headline, fields.body, keys):
            learned.append(("*", new))
        if outlet:
            learner = self.outlets.get(outlet)
            if learner is None:
                learner = self.outlets[outlet] = Learner(outlet)
            if new := learner.learn(story, fields.headline, fields.body, keys):
                learned.append((outlet, new))
        if learned:
            self._merged.clear()
        flat = frozenset(k for found in (*keys[0], *keys[1]) for k in found)
        self._pending = _Seen(0, outlet, flat, fields.headline, fields.credit)
        rules = self._rules_for(outlet)
        if rules:
            clean_fields(fields, rules)
        credit = stored_credit(fields)
        provenance = ""
        if credit:  # the stored provenance is the importer's; the credit's is added to it
            stated = {k: v.value for k, v in fields.provenance.items()}
            provenance = json.dumps({**stated, "credit": Provenance.FOUND.value})
        return _Prepared(credit, cleanup_json(fields), provenance, learned)

    def store(self, db: Any, article_id: int, prepared: _Prepared) -> None:
        if prepared.credit:
            db.execute("UPDATE articles SET credit = ?, cleanup = ?, provenance = ? WHERE id = ?",
                       [prepared.credit, prepared.cleanup, prepared.provenance, article_id])
        elif prepared.cleanup != "{}":
            db.execute("UPDATE articles SET cleanup = ? WHERE id = ?", [prepared.cleanup, article_id])
        for scope, rules in prepared.learned:
            from ..reclean import save_rules

            save_rules(db, scope, rules)
            self._revisit(db, rules)
        if self._pending is not None:
            self._pending.article_id = article_id
            self.seen.append(self._pending)
            self._pending = None

    def _revisit(self, db: Any, rules: SiteRules) -> None:
        """Apply newly learned ``rules`` to the batch's earlier stories that they concern."""
        from ..reclean import rewrite_article

        wanted = rules.top | rules.end
        for seen in self.seen:
            affix = bool(seen.headline and split_affixes(seen.headline, rules)[1:3] != (None, None))
            if not affix and not (seen.keys & wanted):
                continue
            row = db.execute("SELECT headline, outlet, credit, pub_date, body, provenance, cleanup "
                             "FROM articles WHERE id = ?", [seen.article_id]).fetchone()
            if row is None:
                continue
            fields = _fields_from_row(row)
            fields.credit = fields.credit or seen.credit
            if not clean_fields(fields, rules):
                continue
            provenance = json.loads(row[5] or "{}")
            provenance.update({k: v.value for k, v in fields.provenance.items()})
            credit = stored_credit(fields)
            if credit:
                provenance["credit"] = Provenance.FOUND.value
            values = {"headline": fields.headline, "outlet": fields.outlet, "credit": credit,
                      "body": fields.body, "word_count": len(fields.body.split()),
                      "provenance": json.dumps(provenance), "cleanup": cleanup_json(fields)}
            rewrite_article(db, seen.article_id, values)
            seen.headline = fields.headline
            self.revisited += 1


def _fields_from_row(row: Any) -> ArticleFields:
    headline, outlet, credit, pub_date, body, provenance, cleanup = row
    stated = json.loads(provenance or "{}")
    extra = json.loads(cleanup or "{}")
    return ArticleFields(
        headline=headline, outlet=outlet, credit=credit,
        date=PartialDate.parse_iso(pub_date) if pub_date else None, body=body,
        provenance={k: Provenance(v) for k, v in stated.items() if v in Provenance._value2member_map_},
        section=extra.get("section"), removed_lines=list(extra.get("removed", [])),
    )


def cleanup_json(fields: ArticleFields) -> str:
    """The ``cleanup`` column: the removed lines (with why) and the section."""
    data: dict[str, Any] = {}
    if fields.removed_lines:
        data["removed"] = fields.removed_lines
    if fields.section:
        data["section"] = fields.section
    return json.dumps(data, ensure_ascii=False) if data else "{}"
