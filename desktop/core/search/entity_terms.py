"""Entities in searches: ``entity:`` by any name, entity facets by name, and alias expansion;
also ``thread:"name"`` and ``related:ID``, resolved the same way (names to ids).

The index stores the ids of the entities an article mentions (``e12``), not their names, so a
rename or a new alias needs no re-indexing and two groups that share a word stay apart:
``entity:"Kataib Hezbollah"`` resolves the name to ids through the alias table, never by words.

Alias expansion: a plain search for a name that is an alias of an entity also finds the stories
that mention the entity under any other spelling. The query text is rewritten before parsing:
``Kata'ib Hizbollah strikes`` becomes ``("Kata'ib Hizbollah" OR entity:e12) strikes``. Only
runs of plain words and whole quoted phrases are looked at, never field values or operators.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from whoosh import query as wq

__all__ = ["AliasExpander", "entity_labels", "resolve_entity", "rewrite_entity_terms"]

_ID = re.compile(r"^[e#](\d+)$")
#: An index value of an entity only weakly suggested in a story ("e12w"; see ``entity_ids_by_article``).
_WEAK_ID = re.compile(r"^e(\d+)w$")
#: Query pieces: quoted phrases, field:value (quoted or not), parentheses, or plain words.
_PIECE = re.compile(
    r'(?P<phrase>"[^"]*")'
    r'|(?P<field>[\w]+:(?:"[^"]*"|\S+))'
    r"|(?P<paren>[()])"
    r"|(?P<word>[^\s()\"]+)"
)
_OPERATORS = {"AND", "OR", "NOT"}


def resolve_entity(db: Any, value: str) -> list[int]:
    """Entity ids for what a reporter typed after ``entity:``: an id (``e12``/``#12``), a
    canonical name, or any alias (folded like the matcher folds)."""
    from ..entities.variants import match_key

    value = value.strip().strip('"')
    m = _ID.match(value)
    if m:
        return [int(m.group(1))]
    rows = db.execute("SELECT id FROM entities WHERE name = ? COLLATE NOCASE ORDER BY id", [value]).fetchall()
    if rows:
        return [r[0] for r in rows]
    key = match_key(value)
    rows = db.execute("SELECT DISTINCT entity_id FROM entity_aliases WHERE match_key = ? ORDER BY entity_id",
                      [key]).fetchall()
    return [r[0] for r in rows]


def rewrite_entity_terms(query: wq.Query | None, db: Any, messages: list[str], *,
                         include_all: bool = False) -> wq.Query | None:
    """Replace each ``Term("entity", name)`` with the terms of the entity ids it names.

    By default a story counts when it has a confirmed mention or a suggestion at or above the
    confidence bar (``SEARCH_CONFIDENCE``); ``include_all`` also counts every weaker suggestion."""
    if query is None:
        return None
    if isinstance(query, wq.Term) and query.fieldname in ("thread", "related"):
        return _thread_or_related(query, db, messages)
    if isinstance(query, wq.Term) and query.fieldname == "entity":
        text = query.text.decode() if isinstance(query.text, bytes) else str(query.text)
        if _ID.match(text):
            ids = [int(_ID.match(text).group(1))]  # type: ignore[union-attr]
        else:
            ids = resolve_entity(db, text)
        if not ids:
            messages.append(f"No entity is called \u201c{text}\u201d: nothing matches entity:{text}.")
            return wq.NullQuery
        values = [f"e{i}" for i in ids] + ([f"e{i}w" for i in ids] if include_all else [])
        terms = [wq.Term("entity", v) for v in values]
        return terms[0] if len(terms) == 1 else wq.Or(terms)
    if query.is_leaf():
        return query
    return query.apply(lambda child: rewrite_entity_terms(child, db, messages, include_all=include_all))


def _thread_or_related(query: wq.Term, db: Any, messages: list[str]) -> wq.Query:
    """``thread:"name"`` -> the thread's id term; ``related:#12`` -> ``related:12``."""
    text = query.text.decode() if isinstance(query.text, bytes) else str(query.text)
    if query.fieldname == "related":
        number = text.strip().lstrip("#")
        if not number.isdigit():
            messages.append(f"related: takes a story number, like related:12 (not \u201c{text}\u201d).")
            return wq.NullQuery
        return wq.Term("related", number)
    if re.fullmatch(r"t\d+", text):
        return query
    try:
        row = db.execute("SELECT id FROM threads WHERE name = ? COLLATE NOCASE", [" ".join(text.split())]).fetchone()
    except Exception:  # noqa: BLE001 - an archive from before threads
        row = None
    if row is None:
        messages.append(f"No event thread is called \u201c{text}\u201d: nothing matches thread:{text}.")
        return wq.NullQuery
    return wq.Term("thread", f"t{row[0]}")


def entity_labels(db: Any, values: Iterable[str]) -> dict[str, str]:
    """``e12`` -> "Kataib Hezbollah" for facet values (unknown ids keep their value)."""
    values = list(values)
    ids = {int(v[1:]): v for v in values if _ID.match(v)}
    weak = {int(m.group(1)): v for v in values if (m := _WEAK_ID.match(v))}
    if weak:
        marks = ",".join("?" * len(weak))
        rows = db.execute(f"SELECT id, name FROM entities WHERE id IN ({marks})", list(weak)).fetchall()
        labels = {weak[i]: f"{name} (weak suggestions)" for i, name in rows}
        return {**labels, **entity_labels(db, [v for v in values if _ID.match(v)])}
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = db.execute(f"SELECT id, name FROM entities WHERE id IN ({marks})", list(ids)).fetchall()
    return {ids[i]: name for i, name in rows}


class AliasExpander:
    """Rewrites plain names in a query to also match their entity (see the module docstring).

    Built from the archive's aliases; :meth:`stale` tells when the alias table changed."""

    def __init__(self, db: Any) -> None:
        from ..entities.alias_matcher import AliasMatcher

        self._signature = self.signature(db)
        rows = db.execute("SELECT a.alias, a.entity_id, e.kind, a.case_sensitive FROM entity_aliases a "
                          "JOIN entities e ON e.id = a.entity_id").fetchall()
        self.matcher = AliasMatcher((alias, eid, kind, bool(cs)) for alias, eid, kind, cs in rows)

    @staticmethod
    def signature(db: Any) -> tuple[int, int]:
        return tuple(db.execute("SELECT count(*), coalesce(max(id), 0) FROM entity_aliases").fetchone())  # type: ignore[return-value]

    def stale(self, db: Any) -> bool:
        return self.signature(db) != self._signature

    def expand(self, text: str) -> str:
        """``text`` with each name that is an alias wrapped as ``("name" OR entity:eN ...)``.

        A query with an unclosed quote is left alone: the parser explains that one."""
        if text.count('"') % 2:
            return text
        out: list[str] = []
        pos = 0
        run: list[re.Match[str]] = []

        def flush() -> None:
            if run:
                out.append(self._expand_run(text, run[0].start(), run[-1].end()))
                run.clear()

        for m in _PIECE.finditer(text):
            if m.lastgroup == "word" and m.group() not in _OPERATORS and not m.group().startswith(("-", "+")):
                if not run:
                    out.append(text[pos : m.start()])
                run.append(m)
                pos = m.end()
                continue
            flush()
            out.append(text[pos : m.start()])
            piece = m.group()
            if m.lastgroup == "phrase":
                piece = self._expand_phrase(piece)
            out.append(piece)
            pos = m.end()
        flush()
        out.append(text[pos:])
        return "".join(out)

    def _expand_phrase(self, phrase: str) -> str:
        inner = phrase[1:-1]
        hits = self.matcher.find(inner)
        if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(inner.rstrip()):
            return f"({phrase} OR {_entity_terms(hits[0])})"
        return phrase

    def _expand_run(self, text: str, start: int, end: int) -> str:
        segment = text[start:end]
        hits = self.matcher.find(segment)
        if not hits:
            return segment
        parts, pos = [], 0
        for hit in hits:
            parts.append(segment[pos : hit.start])
            name = segment[hit.start : hit.end].replace('"', "")
            parts.append(f'("{name}" OR {_entity_terms(hit)})')
            pos = hit.end
        parts.append(segment[pos:])
        return "".join(parts)


def _entity_terms(hit: Any) -> str:
    ids = [hit.ref, *[other[0] if isinstance(other, tuple) else other for other in getattr(hit, "others", ())]]
    return " OR ".join(f"entity:e{i}" for i in dict.fromkeys(ids))
