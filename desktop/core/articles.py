"""The article record as the rest of the app sees it, and how it maps to a database row.

``byline`` and ``provenance`` are stored as JSON text; :class:`Article` turns them back into a
list and a dict so callers never parse JSON themselves.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from .importing.types import PartialDate, Provenance

__all__ = ["Article", "METADATA_FIELDS", "REVIEW_WHEN_MISSING", "row_to_article"]

#: The fields the importer extracts and a reporter may review.
METADATA_FIELDS = ("headline", "byline", "outlet", "credit", "date", "dateline", "url", "language")
#: Fields whose absence is worth a reporter's attention.
REVIEW_WHEN_MISSING = frozenset({"headline", "outlet", "date"})


@dataclass
class Article:
    id: int
    content_hash: str
    original_name: str
    original_format: str
    original_size: int
    headline: str | None
    byline: list[str]
    outlet: str | None
    pub_date: PartialDate | None
    dateline: str | None
    url: str | None
    language: str | None
    body: str
    word_count: int
    imported_at: str
    updated_at: str
    provenance: dict[str, str] = field(default_factory=dict)
    source_path: str | None = None
    encoding: str | None = None
    #: The agency or organisation that wrote the story ("Associated Press"), beside ``outlet``.
    credit: str | None = None
    #: Lines cleaning kept out of the body: ``{"text", "where" ("start"/"end"), "why"}`` each.
    removed_lines: list[dict[str, str]] = field(default_factory=list)
    #: The site section a title suffix named ("Politics"), if any.
    section: str | None = None

    @property
    def needs_review(self) -> list[str]:
        """Fields a reporter should check: any guessed value, and a missing headline, outlet or
        date (a missing URL or dateline is normal, and the language guess is reliable enough
        for running text that flagging it on every story would only be noise)."""
        flagged = []
        for name in METADATA_FIELDS:
            if name == "language":
                continue
            state = self.provenance.get(name, Provenance.MISSING.value)
            if state == Provenance.GUESSED.value or (
                state == Provenance.MISSING.value and name in REVIEW_WHEN_MISSING
            ):
                flagged.append(name)
        return flagged

    @property
    def display_headline(self) -> str:
        return self.headline or f"(no headline) {self.original_name}"

    def to_json(self, *, with_body: bool = True) -> dict[str, Any]:
        data = asdict(self)
        data["pub_date"] = self.pub_date.iso() if self.pub_date else None
        data["needs_review"] = self.needs_review
        if not with_body:
            data.pop("body")
        return data


def row_to_article(row: dict[str, Any]) -> Article:
    pub_date = PartialDate.parse_iso(row["pub_date"]) if row.get("pub_date") else None
    try:
        cleanup = json.loads(row.get("cleanup") or "{}")
    except ValueError:
        cleanup = {}
    cleanup = cleanup if isinstance(cleanup, dict) else {}
    return Article(
        id=row["id"],
        content_hash=row["content_hash"],
        original_name=row["original_name"],
        original_format=row["original_format"],
        original_size=row["original_size"],
        headline=row["headline"],
        byline=json.loads(row["byline"] or "[]"),
        outlet=row["outlet"],
        pub_date=pub_date,
        dateline=row["dateline"],
        url=row["url"],
        language=row["language"],
        body=row["body"],
        word_count=row["word_count"],
        imported_at=row["imported_at"],
        updated_at=row["updated_at"],
        provenance=json.loads(row["provenance"] or "{}"),
        source_path=row.get("source_path"),
        encoding=row.get("encoding"),
        credit=row.get("credit"),
        removed_lines=list(cleanup.get("removed", [])),
        section=cleanup.get("section"),
    )
