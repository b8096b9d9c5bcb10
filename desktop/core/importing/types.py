"""Plain data passed between the importer's stages.

A format reader turns a file's bytes into :class:`Extracted` (text plus whatever metadata the
format states outright); :mod:`desktop.core.importing.metadata` turns that into
:class:`ArticleFields`, where every field carries its :class:`Provenance` so the GUI can ask a
reporter to review what was guessed. Keeping these as frozen-ish dataclasses, free of SQLite and
Qt, lets each stage be tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

__all__ = [
    "ArticleFields",
    "Extracted",
    "PartialDate",
    "Provenance",
    "Rejected",
]


class Rejected(Exception):
    """A file that cannot become an article; ``reason`` is one line a reporter can read.

    Readers raise it for anything they recognise as bad input (empty, binary, encrypted,
    corrupt, too large, hostile). The import pipeline catches it, reports the reason and goes on
    with the next file, touching nothing in the archive.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Provenance(str, Enum):
    """Where a metadata value came from; stored per field so the GUI can flag review."""

    #: Stated in the file: a meta tag, a "By ..." line, a dated line at the top.
    FOUND = "found"
    #: Inferred by a heuristic (outlet from "told Newsweek", headline from a loose first line).
    GUESSED = "guessed"
    #: Not in the file; the value is empty. Never invented.
    MISSING = "missing"
    #: Set or checked by a person in the metadata editor.
    CONFIRMED = "confirmed"


_ISO_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A publication date that may be known only to the year or the month.

    News files often say "March 2020" or only "2017"; storing ``2020-03`` keeps that honest
    instead of inventing a day. ISO strings of 4, 7 or 10 characters sort correctly as text,
    which is what the store and the index rely on.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            import datetime

            datetime.date(self.year, self.month or 1, self.day)  # raises on 31 February

    def iso(self) -> str:
        """``2020``, ``2020-03`` or ``2020-03-12``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    @classmethod
    def parse_iso(cls, text: str) -> PartialDate:
        """Inverse of :meth:`iso`; raises ``ValueError`` on anything else."""
        match = _ISO_RE.match(text.strip())
        if not match:
            raise ValueError(f"not an ISO date: {text!r}")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    def __str__(self) -> str:
        return self.iso()


@dataclass
class Extracted:
    """What a format reader got out of one file, before metadata heuristics run.

    ``text`` is the article as plain text, paragraphs separated by blank lines. For formats
    with structure (HTML meta tags, Word core properties, e-mail headers) the reader fills the
    metadata it found there; ``None`` / empty means the format did not say.
    """

    text: str
    format: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    #: The text is already article-only (e.g. trafilatura removed navigation), so plain-text
    #: boilerplate rules may be applied more gently.
    cleaned: bool = False
    #: One-line notes for the import report ("3 invalid bytes replaced", ...).
    warnings: list[str] = field(default_factory=list)
    #: The text encoding the bytes were read in, for text-based formats.
    encoding: str | None = None


@dataclass
class ArticleFields:
    """The metadata and cleaned body of one article, each field with its provenance."""

    headline: str | None = None
    byline: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: PartialDate | None = None
    dateline: str | None = None
    url: str | None = None
    language: str | None = None
    body: str = ""
    #: field name -> Provenance, for headline, byline, outlet, date, dateline, url, language.
    provenance: dict[str, Provenance] = field(default_factory=dict)
    #: The agency that wrote the story ("Reuters" on a story an outlet carries), when stated.
    credit: str | None = None
    #: The site section a title suffix named ("Politics").
    section: str | None = None
    #: Site lines kept out of the body: ``{"text", "where", "why"}`` (see :mod:`.sitelines`).
    removed_lines: list[dict[str, str]] = field(default_factory=list)

    def word_count(self) -> int:
        return len(self.body.split())
