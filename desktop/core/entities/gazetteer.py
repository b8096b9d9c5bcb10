"""The starter gazetteer: names a conflict desk expects the archive to know on day one.

``resources/gazetteer.json`` ships with the app (no network at run time) and seeds entity
suggestions before a desk has built its own list: armed groups, state forces, officials,
places and bases, and weapon systems, each with the spellings, transliterations,
abbreviations and former names reporters meet. It is hand-edited, so loading it validates
everything and names the entry and field at fault, rather than failing later in the matcher.

The file::

    {"format": "newsroom-archive-gazetteer", "version": 1, "entries": [
        {"name": "Kataib Hezbollah", "kind": "armed_group",
         "aliases": ["Kata'ib Hizbollah", "KH", "كتائب حزب الله"],
         "case_sensitive_aliases": [],
         "description": "Iran-backed Iraqi Shia militia ...",
         "parent": "Popular Mobilization Forces", "region": "Iraq"}, ...]}

Case: all-capitals aliases of up to five letters ("KH", "PMU") match only in capitals by rule;
``case_sensitive_aliases`` names further aliases that are ordinary words in lower case
("Grad", "Patriot"). No alias may belong to two entries, or to an entry and another's name:
an ambiguous alias ("Hamas" for anything but Hamas) would tag the wrong entity silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.core.entities.kinds import KINDS
from desktop.core.entities.variants import is_case_sensitive_alias, match_key
from desktop.core.paths import resources_dir

__all__ = [
    "FORMAT",
    "GazetteerEntry",
    "GazetteerError",
    "gazetteer_path",
    "load_gazetteer",
    "parse_gazetteer",
    "read_gazetteer",
]

#: The ``format`` value a gazetteer file must carry.
FORMAT = "newsroom-archive-gazetteer"
#: The newest file version this code reads.
VERSION = 1
_FIELDS = {"name", "kind", "aliases", "case_sensitive_aliases", "description", "parent", "region"}


class GazetteerError(ValueError):
    """The gazetteer file is unreadable or breaks a rule; the message says where."""


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One known entity: a canonical name, its kind and the other names it goes by."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    parent: str | None = None
    region: str = ""
    case_sensitive_aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name first, then every alias."""
        return (self.name, *self.aliases)

    def is_case_sensitive(self, alias: str) -> bool:
        """Whether ``alias`` matches only as written (short capitals, or flagged in the file)."""
        return alias in self.case_sensitive_aliases or is_case_sensitive_alias(alias)


def gazetteer_path() -> Path:
    return resources_dir() / "gazetteer.json"


def _text(raw: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = raw.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise GazetteerError(f"{where}: {key!r} must be a string, not {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise GazetteerError(f"{where}: {key!r} is missing or empty")
    return value


def _strings(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GazetteerError(f"{where}: {key!r} must be a list of strings")
    cleaned = [v.strip() for v in value]
    if any(not v for v in cleaned):
        raise GazetteerError(f"{where}: {key!r} holds an empty string")
    return tuple(dict.fromkeys(cleaned))


def _entry(raw: Any, index: int) -> GazetteerEntry:
    where = f"entry {index + 1}"
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where}: expected an object, found {type(raw).__name__}")
    name = _text(raw, "name", where, required=True)
    where = f"entry {index + 1} ({name!r})"
    unknown = set(raw) - _FIELDS
    if unknown:
        raise GazetteerError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    kind = _text(raw, "kind", where, required=True)
    if kind not in KINDS:
        raise GazetteerError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    aliases = tuple(a for a in _strings(raw, "aliases", where) if a != name)
    sensitive = _strings(raw, "case_sensitive_aliases", where)
    stray = [a for a in sensitive if a not in aliases and a != name]
    if stray:
        raise GazetteerError(f"{where}: case-sensitive alias {stray[0]!r} is not among its aliases")
    parent = _text(raw, "parent", where) or None
    return GazetteerEntry(
        name=name, kind=kind, aliases=aliases, description=_text(raw, "description", where),
        parent=parent, region=_text(raw, "region", where), case_sensitive_aliases=sensitive,
    )


def _check_names(entries: list[GazetteerEntry]) -> None:
    """Every name and alias belongs to one entry only; every parent is an entry."""
    owners: dict[tuple[bool, str], str] = {}
    for entry in entries:
        for alias in entry.names:
            sensitive = entry.is_case_sensitive(alias)
            key = (sensitive, alias if sensitive else match_key(alias))
            if not key[1]:
                raise GazetteerError(f"{entry.name!r}: alias {alias!r} has no letters to match")
            owner = owners.setdefault(key, entry.name)
            if owner != entry.name:
                raise GazetteerError(
                    f"{entry.name!r}: alias {alias!r} already belongs to {owner!r} "
                    "(an alias must name one entity)"
                )
    names = {e.name for e in entries}
    for entry in entries:
        if entry.parent is not None and entry.parent not in names:
            raise GazetteerError(f"{entry.name!r}: parent {entry.parent!r} is not an entry")
        if entry.parent == entry.name:
            raise GazetteerError(f"{entry.name!r}: an entry cannot be its own parent")


def parse_gazetteer(data: Any, *, source: str = "gazetteer") -> tuple[GazetteerEntry, ...]:
    """Validate decoded JSON and return its entries; :class:`GazetteerError` names the fault."""
    try:
        if not isinstance(data, dict):
            raise GazetteerError("the top level must be an object with 'format' and 'entries'")
        if data.get("format") != FORMAT:
            raise GazetteerError(f"'format' must be {FORMAT!r}, found {data.get('format')!r}")
        version = data.get("version")
        if not isinstance(version, int) or not 1 <= version <= VERSION:
            raise GazetteerError(f"'version' {version!r} is not one this app reads (1..{VERSION})")
        raw_entries = data.get("entries")
        if not isinstance(raw_entries, list):
            raise GazetteerError("'entries' must be a list")
        entries = [_entry(raw, i) for i, raw in enumerate(raw_entries)]
        _check_names(entries)
    except GazetteerError as exc:
        raise GazetteerError(f"{source}: {exc}") from None
    return tuple(entries)


def read_gazetteer(path: Path) -> tuple[GazetteerEntry, ...]:
    """Read and validate a gazetteer file (not cached)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read the gazetteer ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise GazetteerError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise GazetteerError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                             f"{exc.msg})") from None
    return parse_gazetteer(data, source=str(path))


@lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> tuple[GazetteerEntry, ...]:
    """The starter gazetteer (or the file at ``path``), read once and cached."""
    return read_gazetteer(path or gazetteer_path())
