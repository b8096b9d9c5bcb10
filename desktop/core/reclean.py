"""Clean up stories already in the archive with what has been learned since they were imported.

Rules improve (a site's furniture learned from a later batch, a date rule made stricter), but
stories imported before keep what the old rules made of them. :func:`plan_cleanup` re-reads each
story's stored original with today's rules and the site lines learned over the whole archive
(per outlet and per import batch, see :mod:`.importing.sitelines`), and lists what would change;
:func:`apply_cleanup` makes those changes, remembering what they replaced, and
:func:`undo_cleanup` puts it all back.

Only values that are still the importer's are changed: a field a person confirmed or edited in
the metadata editor (provenance "confirmed") is never touched. The body follows the rules (it is
not editable), and what hangs on it moves with it: entity mentions and quotations keep their
place in the text (their offsets are shifted paragraph by paragraph; those inside a removed line
go, and come back with Undo). Every change bumps the article's revision, so the search index
catches up like after any edit. The original file is never modified.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .clock import now_iso
from .importing.formats import reader_for
from .importing.limits import DEFAULT_LIMITS
from .importing.metadata import extract_fields
from .importing.site_learning import cleanup_json
from .importing.sitelines import Learner, SiteRules, stored_credit
from .importing.types import ArticleFields, Provenance, Rejected

if TYPE_CHECKING:
    from .archive import Archive

__all__ = [
    "Change", "CleanupPlan", "RuleBook", "apply_cleanup", "learn_rules", "plan_cleanup",
    "rewrite_article", "run_size", "undo_cleanup",
]

CONFIRMED = Provenance.CONFIRMED.value
#: Columns a clean-up may change, and the provenance key guarding each.
_GUARDED = {"headline": "headline", "outlet": "outlet", "credit": "credit", "pub_date": "date"}
#: Columns saved for Undo.
_SAVED = ("headline", "outlet", "credit", "pub_date", "body", "word_count", "provenance", "cleanup")
#: Stories per write transaction.
CHUNK = 200

Progress = Callable[[int, int], None]


class _Cancel:
    def is_set(self) -> bool:
        return False


@dataclass
class RuleBook:
    """Learned rules per outlet and per import batch."""

    by_outlet: dict[str, SiteRules] = field(default_factory=dict)
    by_batch: dict[int, SiteRules] = field(default_factory=dict)
    #: Learned over the whole archive: a site's wire stories may name the agency as outlet.
    everywhere: SiteRules = field(default_factory=SiteRules)

    def rules_for(self, outlet: str | None, batch: int | None) -> SiteRules:
        rules = self.everywhere
        for found in (self.by_outlet.get(outlet or ""), self.by_batch.get(batch or 0)):
            if found:
                rules = rules.merged(found)
        return rules


def stored_rules(db: Any) -> SiteRules:
    """Patterns learned by earlier imports and clean-ups. They apply to every story: a line
    learned as one site's furniture, or its " | Site" suffix, is that site's wherever it shows
    up (its wire stories may name the agency as the outlet), and a clean-up must never undo an
    earlier one because the lines it learned from are gone from the bodies."""
    rules = SiteRules()
    by_scope: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for scope, kind, pattern, label in db.execute("SELECT scope, kind, pattern, label FROM site_patterns"):
        by_scope[scope].append((kind, pattern, label))
    for scope, rows in by_scope.items():
        where = scope if scope and scope != "*" and not scope.startswith("batch") else "its site"
        rules = rules.merged(SiteRules.from_rows(rows, why=f"a line {where} repeats (learned earlier)"))
    return rules


def save_rules(db: Any, scope: str, rules: SiteRules) -> None:
    """Keep learned patterns for later imports and clean-ups (inside the caller's transaction)."""
    stamp = now_iso()
    db.conn.executemany(
        "INSERT OR IGNORE INTO site_patterns(scope, kind, pattern, label, learned_at) VALUES (?, ?, ?, ?, ?)",
        [(scope, kind, pattern, label, stamp) for kind, pattern, label in rules.to_rows()],
    )


def learn_rules(archive: Archive, *, cancel: Any = None) -> RuleBook:
    """Learn site lines over the archive: per outlet and per import batch, plus stored ones."""
    cancel = cancel or _Cancel()
    by_outlet: dict[str, Learner] = {}
    by_batch: dict[int, Learner] = {}
    everywhere = Learner("the archive")
    rows = archive.db.execute("SELECT id, headline, body, outlet, import_batch_id FROM articles ORDER BY id")
    for n, (article_id, headline, body, outlet, batch) in enumerate(rows):
        if n % 500 == 0 and cancel.is_set():
            break
        # Stories of no known outlet form one group: a site nobody listed is found by its lines.
        scope = outlet or ""
        learner = by_outlet.get(scope)
        if learner is None:
            learner = by_outlet[scope] = Learner(f"{outlet or 'stories of no known outlet'} in the archive")
        learner.learn(article_id, headline, body)
        everywhere.learn(article_id, headline, body)
        if batch:
            if batch not in by_batch:
                by_batch[batch] = Learner(f"import batch {batch}")
            by_batch[batch].learn(article_id, headline, body)
    return RuleBook({k: v.rules() for k, v in by_outlet.items() if v.rules()},
                    {k: v.rules() for k, v in by_batch.items() if v.rules()},
                    everywhere.rules().merged(stored_rules(archive.db)))


@dataclass
class Change:
    """What a clean-up would change in one story."""

    article_id: int
    #: column -> (before, after) for headline, outlet, credit, pub_date.
    fields: dict[str, tuple[Any, Any]]
    #: Lines that would leave the body.
    removed: list[str]
    #: Everything to write (columns -> values), body and provenance included.
    values: dict[str, Any]

    def describe(self) -> str:
        parts = []
        for name, (before, after) in self.fields.items():
            label = {"pub_date": "date"}.get(name, name)
            parts.append(f"{label}: {before or '(none)'} \u2192 {after or '(none)'}")
        if self.removed:
            shown = "; ".join(f"\u201c{line[:50]}\u201d" for line in self.removed[:3])
            more = f" and {len(self.removed) - 3} more" if len(self.removed) > 3 else ""
            parts.append(f"removes {shown}{more}")
        elif "body" in self.values:
            parts.append("body re-read")
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.article_id, "fields": {k: list(v) for k, v in self.fields.items()},
                "removed_lines": self.removed, "summary": self.describe()}


@dataclass
class CleanupPlan:
    changes: list[Change]
    examined: int
    unreadable: int = 0
    cancelled: bool = False
    #: The rules the plan was made with; applying the plan stores them for later clean-ups.
    book: RuleBook | None = None


def _reextract(archive: Archive, row: dict[str, Any], rules: SiteRules) -> ArticleFields | None:
    reader = reader_for(row["original_name"]) or reader_for(f"x.{row['original_format']}")
    path = archive.original_path(row["content_hash"])
    if reader is None or not path.is_file():
        return None
    try:
        extracted = reader(path.read_bytes(), name=row["original_name"], limits=DEFAULT_LIMITS)
        return extract_fields(extracted, rules=rules)
    except (Rejected, OSError, ValueError):
        return None


def compare(row: dict[str, Any], fields: ArticleFields) -> Change | None:
    """The change that would bring a stored ``row`` to re-extracted ``fields``, or None."""
    provenance = json.loads(row["provenance"] or "{}")
    new = {"headline": fields.headline, "outlet": fields.outlet, "credit": stored_credit(fields),
           "pub_date": fields.date.iso() if fields.date else None}
    changed: dict[str, tuple[Any, Any]] = {}
    values: dict[str, Any] = {}
    new_provenance = dict(provenance)
    for column, key in _GUARDED.items():
        if provenance.get(key) == CONFIRMED or (row[column] or None) == (new[column] or None):
            continue
        if column == "headline" and not new[column]:
            continue  # a headline once found is not taken away by a clean-up
        changed[column] = (row[column], new[column])
        values[column] = new[column]
        if key == "credit":
            new_provenance[key] = Provenance.FOUND.value if new[column] else Provenance.MISSING.value
        else:
            new_provenance[key] = fields.provenance.get(key, Provenance.MISSING).value
    removed: list[str] = []
    body = fields.body.strip() or (fields.headline or "")
    if body and body != row["body"]:
        old = set(row["body"].split("\n\n"))
        removed = [r["text"] for r in fields.removed_lines if r["text"] in old]
        values["body"] = body
        values["word_count"] = len(body.split())
    if not values:
        return None
    values["provenance"] = json.dumps(new_provenance)
    values["cleanup"] = cleanup_json(fields)
    return Change(row["id"], changed, removed, values)


def plan_cleanup(
    archive: Archive, *, ids: Iterable[int] | None = None, progress: Progress | None = None,
    cancel: Any = None, book: RuleBook | None = None,
) -> CleanupPlan:
    """What a clean-up would change (nothing is written)."""
    cancel = cancel or _Cancel()
    book = book or learn_rules(archive, cancel=cancel)
    wanted = list(ids) if ids is not None else archive.ids()
    plan = CleanupPlan([], 0, book=book)
    for n, article_id in enumerate(wanted):
        if cancel.is_set():
            plan.cancelled = True
            break
        if progress is not None and n % 20 == 0:
            progress(n, len(wanted))
        rows = list(archive.db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
        if not rows:
            continue
        row = rows[0]
        plan.examined += 1
        fields = _reextract(archive, row, book.rules_for(row["outlet"], row["import_batch_id"]))
        if fields is None:
            plan.unreadable += 1
            continue
        change = compare(row, fields)
        if change is not None:
            plan.changes.append(change)
    if progress is not None and not plan.cancelled:
        progress(len(wanted), len(wanted))
    return plan


# -- writing ----------------------------------------------------------------------------------


def _paragraph_spans(body: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for part in body.split("\n\n"):
        spans.append((start, start + len(part)))
        start += len(part) + 2
    return spans


def _offset_map(old: str, new: str) -> list[tuple[int, int, int]]:
    """``(old_start, old_end, shift)`` for each stretch of the old body found again in the new."""
    olds = _paragraph_spans(old)
    out: list[tuple[int, int, int]] = []
    j = 0
    for ns, ne in _paragraph_spans(new):
        text = new[ns:ne]
        for k in range(j, len(olds)):
            os_, oe = olds[k]
            old_text = old[os_:oe]
            if not old_text:
                continue
            pos = text.find(old_text)
            if pos >= 0:
                out.append((os_, oe, ns + pos - os_))
                j = k + 1
                break
            pos = old_text.find(text) if text else -1
            if pos >= 0:
                out.append((os_ + pos, os_ + pos + len(text), ns - os_ - pos))
                j = k + 1
                break
    return out


def _shift(start: int | None, end: int | None, mapping: list[tuple[int, int, int]]) -> tuple[int, int] | None:
    if start is None or end is None:
        return None
    for os_, oe, shift in mapping:
        if os_ <= start and end <= oe:
            return start + shift, end + shift
    return None


def _move_dependents(db: Any, article_id: int, old: str, new: str) -> dict[str, list[dict[str, Any]]]:
    """Shift mentions and quotations to the new body; returns their rows as they were."""
    mapping = _offset_map(old, new)
    saved: dict[str, list[dict[str, Any]]] = {}
    mentions = list(db.query("SELECT * FROM mentions WHERE article_id = ?", [article_id]))
    quotes = list(db.query("SELECT * FROM quotes WHERE article_id = ?", [article_id]))
    saved = {"mentions": mentions, "quotes": quotes}
    for m in mentions:
        moved = _shift(m["start"], m["end"], mapping)
        if moved is None:
            db.execute("DELETE FROM mentions WHERE id = ?", [m["id"]])
        elif moved != (m["start"], m["end"]):
            db.execute("UPDATE OR IGNORE mentions SET start = ?, end = ? WHERE id = ?", [*moved, m["id"]])
    for q in quotes:
        inner = _shift(q["start"], q["end"], mapping)
        outer = _shift(q["outer_start"], q["outer_end"], mapping)
        if inner is None or outer is None:
            db.execute("DELETE FROM quotes WHERE id = ?", [q["id"]])
            continue
        speaker = _shift(q["speaker_start"], q["speaker_end"], mapping) or (None, None)
        paragraph = new.count("\n\n", 0, inner[0])
        db.execute(
            "UPDATE quotes SET start = ?, end = ?, outer_start = ?, outer_end = ?, speaker_start = ?, "
            "speaker_end = ?, paragraph = ? WHERE id = ?", [*inner, *outer, *speaker, paragraph, q["id"]])
    return saved


def rewrite_article(db: Any, article_id: int, values: dict[str, Any]) -> dict[str, Any] | None:
    """Write ``values`` to one article inside the caller's transaction; returns the undo entry."""
    rows = list(db.query(f"SELECT id, {', '.join(_SAVED)} FROM articles WHERE id = ?", [article_id]))
    if not rows:
        return None
    before = rows[0]
    entry: dict[str, Any] = {"id": article_id, "before": {k: before[k] for k in values if k in before}}
    if "body" in values and values["body"] != before["body"]:
        entry["dependents"] = _move_dependents(db, article_id, before["body"], values["body"])
    sets = ", ".join(f"{column} = ?" for column in values)
    db.execute(f"UPDATE articles SET {sets}, updated_at = ? WHERE id = ?",
               [*values.values(), now_iso(), article_id])
    return entry


def restore_article(db: Any, entry: dict[str, Any]) -> bool:
    """Undo one :func:`rewrite_article` (inside the caller's transaction)."""
    from .editing import _restore_dependents

    if not db.execute("SELECT 1 FROM articles WHERE id = ?", [entry["id"]]).fetchone():
        return False  # deleted since: its trash record holds what it was
    before = entry["before"]
    if before:
        sets = ", ".join(f"{column} = ?" for column in before)
        db.execute(f"UPDATE articles SET {sets}, updated_at = ? WHERE id = ?",
                   [*before.values(), now_iso(), entry["id"]])
    dependents = entry.get("dependents")
    if dependents:
        db.execute("DELETE FROM mentions WHERE article_id = ?", [entry["id"]])
        db.execute("DELETE FROM quotes WHERE article_id = ?", [entry["id"]])
        _restore_dependents(db, dependents)
    return True


def apply_cleanup(
    archive: Archive, plan: CleanupPlan, *, progress: Progress | None = None, cancel: Any = None,
) -> int | None:
    """Make the planned changes; returns the id of the run (for :func:`undo_cleanup`), or None
    when there was nothing to change. Cancelling keeps (and can undo) what was done. The rules
    the plan used are stored, so a later clean-up (or import) keeps applying them."""
    cancel = cancel or _Cancel()
    changes, book = plan.changes, plan.book
    if not changes:
        return None
    entries: list[dict[str, Any]] = []
    with archive.transaction() as db:
        cursor = db.execute("INSERT INTO cleanup_runs(created_at, undo) VALUES (?, '[]')", [now_iso()])
        run_id = int(cursor.lastrowid)
        if book is not None:
            save_rules(db, "*", book.everywhere)
            for scope, rules in book.by_outlet.items():
                save_rules(db, scope or "*", rules)
            for batch, rules in book.by_batch.items():
                save_rules(db, f"batch:{batch}", rules)
    for start in range(0, len(changes), CHUNK):
        if cancel.is_set():
            break
        with archive.transaction() as db:
            for change in changes[start : start + CHUNK]:
                entry = rewrite_article(db, change.article_id, change.values)
                if entry is not None:
                    entries.append(entry)
            db.execute("UPDATE cleanup_runs SET undo = ?, articles = ? WHERE id = ?",
                       [json.dumps(entries, ensure_ascii=False), len(entries), run_id])
        if progress is not None:
            progress(min(start + CHUNK, len(changes)), len(changes))
    _regroup(archive, entries)
    return run_id


def _regroup(archive: Archive, entries: list[dict[str, Any]]) -> None:
    if any(e.get("dependents", {}).get("quotes") for e in entries):
        from .quotes.store import regroup_statements

        regroup_statements(archive)


def run_size(archive: Archive, run_id: int) -> int:
    """How many stories a clean-up run changed."""
    row = archive.db.execute("SELECT articles FROM cleanup_runs WHERE id = ?", [run_id]).fetchone()
    return int(row[0]) if row else 0


def last_run(archive: Archive) -> int | None:
    row = archive.db.execute("SELECT id FROM cleanup_runs WHERE undone = 0 AND articles > 0 "
                             "ORDER BY id DESC LIMIT 1").fetchone()
    return int(row[0]) if row else None


def undo_cleanup(archive: Archive, run_id: int | None = None) -> int:
    """Put back what a clean-up run (default: the last one not undone) changed; returns how many
    stories were restored."""
    run_id = run_id if run_id is not None else last_run(archive)
    if run_id is None:
        return 0
    row = archive.db.execute("SELECT undo, undone FROM cleanup_runs WHERE id = ?", [run_id]).fetchone()
    if row is None or row[1]:
        return 0
    entries = json.loads(row[0])
    restored = 0
    with archive.transaction() as db:
        for entry in reversed(entries):
            restored += restore_article(db, entry)
        db.execute("UPDATE cleanup_runs SET undone = 1 WHERE id = ?", [run_id])
    _regroup(archive, entries)
    return restored
