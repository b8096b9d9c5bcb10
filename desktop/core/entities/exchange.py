"""Sharing a desk's entity list between laptops: export and import as JSON or CSV.

The list carries what people curate (canonical name, kind, aliases, description, notes, parent),
never mentions, which belong to each laptop's own stories. Importing merges by name: an entity
already known under the same canonical name or any alias gains the new aliases and keeps its
own text where it has some; a new one is created. Importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .kinds import normalise_kind
from .store import EntityError, _create, _insert_alias, find_entities

if TYPE_CHECKING:
    from ..archive import Archive

__all__ = ["CSV_COLUMNS", "ExchangeOutcome", "export_entities", "import_entities"]

#: Columns of the CSV form; aliases are separated by "; ".
CSV_COLUMNS = ("name", "kind", "aliases", "description", "notes", "parent")
#: Refuse files larger than this (a desk list is kilobytes; this is not one).
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class ExchangeOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _entity_records(archive: Archive) -> list[dict[str, Any]]:
    names = dict(archive.db.execute("SELECT id, name FROM entities").fetchall())
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in archive.db.execute("SELECT entity_id, alias FROM entity_aliases ORDER BY id"):
        if alias != names.get(entity_id):
            aliases.setdefault(entity_id, []).append(alias)
    records = []
    for row in archive.db.query("SELECT * FROM entities ORDER BY kind, name COLLATE NOCASE"):
        records.append({
            "name": row["name"], "kind": row["kind"], "aliases": aliases.get(row["id"], []),
            "description": row["description"], "notes": row["notes"],
            "parent": names.get(row["parent_id"]) if row["parent_id"] else None,
        })
    return records


def export_entities(archive: Archive, path: str | Path, *, fmt: str | None = None) -> int:
    """Write every entity to ``path`` (.json or .csv, or ``fmt``); returns how many."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "json").lower()
    records = _entity_records(archive)
    if fmt == "json":
        text = json.dumps({"newsroom_archive_entities": 1, "entities": records}, ensure_ascii=False, indent=2)
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for record in records:
            writer.writerow({**record, "aliases": "; ".join(record["aliases"]), "parent": record["parent"] or ""})
        text = buffer.getvalue()
    else:
        raise EntityError(f"cannot export entities as {fmt!r}: use .json or .csv")
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return len(records)


def _read_records(path: Path) -> list[dict[str, Any]]:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise EntityError(f"{path.name} is too large to be an entity list")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EntityError(f"{path.name} is not UTF-8 text") from exc
    except OSError as exc:
        raise EntityError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    if path.suffix.lower() == ".csv" or not text.lstrip().startswith(("{", "[")):
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "name" not in reader.fieldnames or "kind" not in reader.fieldnames:
            raise EntityError(f"{path.name} needs a header row with at least the columns name and kind")
        return [{**row, "aliases": [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]}
                for row in reader]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EntityError(f"{path.name} is not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    records = data.get("entities") if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise EntityError(f"{path.name} does not hold a list of entities")
    return records


def import_entities(archive: Archive, path: str | Path) -> ExchangeOutcome:
    """Add a shared entity list to this archive (see the module docstring)."""
    path = Path(path)
    records = _read_records(path)
    cleaned = []
    for number, record in enumerate(records, 1):
        name = " ".join(str(record.get("name") or "").split())
        if not name:
            raise EntityError(f"entity {number} in {path.name} has no name")
        try:
            kind = normalise_kind(str(record.get("kind") or "other"))
        except ValueError as exc:
            raise EntityError(f"entity {number} ({name}) in {path.name}: {exc}") from exc
        aliases = record.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [a.strip() for a in aliases.split(";")]
        cleaned.append((name, kind, [str(a) for a in aliases if str(a).strip()], str(record.get("description") or ""),
                        str(record.get("notes") or ""), (record.get("parent") or None)))
    outcome = ExchangeOutcome()
    ids: dict[str, int] = {}
    with archive.transaction() as db:
        for name, kind, aliases, description, notes, _parent in cleaned:
            existing = [i for i in find_entities(archive, name)
                        if db.execute("SELECT kind FROM entities WHERE id = ?", [i]).fetchone()[0] == kind]
            if existing:
                entity_id = ids[name] = existing[0]
                before = db.execute("SELECT count(*) FROM entity_aliases WHERE entity_id = ?", [entity_id]).fetchone()[0]
                for alias in aliases:
                    _insert_alias(db, entity_id, alias)
                filled = db.execute(
                    "UPDATE entities SET description = CASE WHEN description = '' THEN ? ELSE description END, "
                    "notes = CASE WHEN notes = '' THEN ? ELSE notes END WHERE id = ? AND "
                    "((description = '' AND ? != '') OR (notes = '' AND ? != ''))",
                    [description, notes, entity_id, description, notes]).rowcount
                after = db.execute("SELECT count(*) FROM entity_aliases WHERE entity_id = ?", [entity_id]).fetchone()[0]
                if after > before or filled:
                    outcome.updated += 1
                else:
                    outcome.unchanged += 1
            else:
                ids[name] = _create(db, name, kind, aliases, description, notes, None, "shared", set())
                outcome.created += 1
        for name, _kind, _aliases, _description, _notes, parent in cleaned:
            if parent and str(parent) in ids and ids[str(parent)] != ids[name]:
                db.execute("UPDATE entities SET parent_id = ? WHERE id = ? AND parent_id IS NULL",
                           [ids[str(parent)], ids[name]])
    return outcome
