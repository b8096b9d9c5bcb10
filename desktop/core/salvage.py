"""Copy what still reads out of a damaged SQLite database, row by row, into a fresh one.

A flipped bit or a cut-short file damages some pages; the rows on the other pages are intact.
SQLite stops a table scan at the first damaged page, so the copy scans by rowid and, when a scan
fails, seeks past the damage (doubling the jump until a seek works, then narrowing back so no
readable row is skipped) and carries on. Values that are no longer valid UTF-8 are copied with
replacement characters. Rows that point at records that were lost are dropped afterwards (their
parents are gone), and counted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .store import open_readonly_connection

__all__ = ["SalvageResult", "salvage_rows"]

_MIN_ROWID = -(2**63)
_MAX_ROWID = 2**63 - 1
#: Rows inserted per transaction into the new database.
_BATCH = 500


@dataclass
class SalvageResult:
    copied: dict[str, int] = field(default_factory=dict)
    #: Damaged stretches skipped per table (each is one or more unreadable pages).
    damaged_stretches: dict[str, int] = field(default_factory=dict)
    #: Rows dropped because the record they pointed at was lost.
    dropped: dict[str, int] = field(default_factory=dict)
    #: Tables of the old database that could not be read at all.
    unreadable_tables: list[str] = field(default_factory=list)
    error: str | None = None


def _readable_from(conn: sqlite3.Connection, table: str, after: int) -> int | None:
    """The first rowid > ``after`` whose page reads, or None when nothing further reads."""

    def probe(start: int) -> tuple[bool, int | None]:
        try:
            row = conn.execute(f'SELECT rowid FROM "{table}" WHERE rowid >= ? ORDER BY rowid LIMIT 1',
                               [start]).fetchone()
        except sqlite3.DatabaseError:
            return False, None
        return True, (row[0] if row else None)

    step, failed = 1, after
    while True:
        start = after + step
        if start > _MAX_ROWID:
            return None
        ok, found = probe(start)
        if ok:
            break
        failed, step = start, step * 2
    low, high = failed + 1, start  # probe(high) works; find the lowest start that works
    while low < high:
        middle = (low + high) // 2
        ok_mid, found_mid = probe(middle)
        if ok_mid:
            high, found = middle, found_mid
        else:
            low = middle + 1
    return found


def _rows(conn: sqlite3.Connection, table: str, columns: list[str], result: SalvageResult) -> Iterator[tuple]:
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f'SELECT rowid, {names} FROM "{table}" WHERE rowid >= ? ORDER BY rowid'
    start = _MIN_ROWID  # the next rowid wanted (inclusive)
    while True:
        yielded = False
        try:
            for row in conn.execute(sql, [start]):
                yielded = True
                if row[0] >= _MAX_ROWID:
                    yield row[1:]
                    return
                start = row[0] + 1
                yield row[1:]
            return
        except sqlite3.DatabaseError:
            result.damaged_stretches[table] = result.damaged_stretches.get(table, 0) + 1
            # Without progress this round, the row at ``start`` itself is unreadable: look past it.
            nxt = _readable_from(conn, table, start - 1 if yielded else start)
            if nxt is None or (not yielded and nxt <= start):
                return
            start = nxt


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def salvage_rows(old_path: Path, new_conn: sqlite3.Connection) -> SalvageResult:
    """Copy every readable row of every table both databases have from ``old_path`` into
    ``new_conn`` (a fresh archive database with the current schema)."""
    result = SalvageResult()
    try:
        old = open_readonly_connection(old_path)
        old.text_factory = lambda data: data.decode("utf-8", "replace")
        old_tables = [row[0] for row in old.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    except sqlite3.DatabaseError as exc:
        result.error = str(exc)
        return result
    new_tables = {row[0] for row in new_conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    new_conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for table in old_tables:
            if table not in new_tables:
                continue
            try:
                wanted = set(_columns(new_conn, table))
                columns = [c for c in _columns(old, table) if c in wanted]
            except sqlite3.DatabaseError:
                result.unreadable_tables.append(table)
                continue
            if not columns:
                continue
            marks = ", ".join("?" for _ in columns)
            names = ", ".join(f'"{c}"' for c in columns)
            insert = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({marks})'
            copied, batch = 0, []
            for row in _rows(old, table, columns, result):
                batch.append(row)
                if len(batch) >= _BATCH:
                    copied += _insert(new_conn, insert, batch)
                    batch = []
            copied += _insert(new_conn, insert, batch)
            result.copied[table] = copied
        _drop_dangling(new_conn, result)
    finally:
        new_conn.execute("PRAGMA foreign_keys = ON")
        old.close()
    return result


def _insert(conn: sqlite3.Connection, sql: str, rows: list[tuple]) -> int:
    if not rows:
        return 0
    conn.execute("BEGIN")
    try:
        changed = conn.executemany(sql, rows).rowcount
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return max(0, changed)


def _drop_dangling(conn: sqlite3.Connection, result: SalvageResult) -> None:
    """Remove rows whose parent record was lost (repeated: a removal can orphan more)."""
    for _ in range(10):
        bad = conn.execute("PRAGMA foreign_key_check").fetchall()
        if not bad:
            return
        conn.execute("BEGIN")
        for table, rowid, _parent, _fk in bad:
            if rowid is None:
                continue
            conn.execute(f'DELETE FROM "{table}" WHERE rowid = ?', [rowid])
            result.dropped[table] = result.dropped.get(table, 0) + 1
        conn.execute("COMMIT")
