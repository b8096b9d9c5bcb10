"""Table models of the ledger: statements, the stories carrying one, speakers, a story's quotes.

Each is a :class:`~desktop.ui.entities.rows_model.RowsModel` over the plain rows of
:mod:`.queries`, described by its columns, with the app's named roles: ``IdRole`` (a statement's
id, a quote's id for story and quote rows), ``RowRole`` (the row itself) and ``SortRole`` (real
values: story counts as ints, dates as ISO strings with undated stories last).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ...core.quotes.ledger import evidence_label
from ..entities.rows_model import Column, IdRole, RowRole, RowsModel, SortRole
from .queries import CarriedBy, SpeakerRow, StatementRow, StoryQuote

__all__ = [
    "CARRIED_COLUMNS",
    "QUOTE_COLUMNS",
    "SPEAKER_COLUMNS",
    "STATEMENT_COLUMNS",
    "REVIEW_MARK",
    "DetailRole",
    "IdRole",
    "LedgerModel",
    "RowRole",
    "SortRole",
    "attribution",
    "carried_model",
    "quotes_model",
    "speakers_model",
    "statements_model",
]

#: The second line of a row's main cell (who, where, when), drawn by :class:`.pages.TwoLineDelegate`.
DetailRole = Qt.ItemDataRole.UserRole + 5
T = TypeVar("T")

#: Shown for a quote whose speaker the text does not name.
UNKNOWN = "speaker unknown"
UNDATED = "undated"


def attribution(speaker: str | None, role: str | None) -> str:
    """"Mark Esper, Defense Secretary", "Mark Esper", or "speaker unknown"."""
    if not speaker:
        return UNKNOWN
    return f"{speaker}, {role}" if role else speaker


#: Put before an attribution a reporter should check (low confidence, or no speaker).
REVIEW_MARK = "\u26a0 "


def _marked(row: CarriedBy | StoryQuote) -> str:
    """The attribution, with :data:`REVIEW_MARK` when it should be checked before citing."""
    return (REVIEW_MARK if row.needs_review else "") + attribution(row.speaker, row.role)


def _evidence(row: CarriedBy | StoryQuote) -> str:
    return f"{evidence_label(row.speaker, row.cue, row.confidence, row.confirmed)}\n{row.reason}"


def _date_key(date: str | None) -> tuple[bool, str]:
    return (date is None, date or "")


def _stories(n: int) -> str:
    return f"{n} stor{'y' if n == 1 else 'ies'}"


STATEMENT_COLUMNS: list[Column[StatementRow]] = [
    Column("Statement", lambda r: r.text,
           tooltip=lambda r: f"\u201c{r.text}\u201d\n\u2014 {r.speaker or UNKNOWN}"),
    Column("Speaker", lambda r: r.speaker or UNKNOWN),
    Column("Stories", lambda r: str(r.stories), sort=lambda r: r.stories,
           tooltip=lambda r: f"Carried by {_stories(r.stories)}", right_aligned=True),
    Column("First", lambda r: r.first_date or UNDATED, sort=lambda r: _date_key(r.first_date),
           tooltip=lambda r: f"First appearance: {r.first_outlet or 'unknown outlet'}, {r.first_date or UNDATED}"),
    Column("First outlet", lambda r: r.first_outlet or ""),
]

CARRIED_COLUMNS: list[Column[CarriedBy]] = [
    Column("Date", lambda r: r.date or UNDATED, sort=lambda r: _date_key(r.date)),
    Column("Outlet", lambda r: r.outlet or ""),
    Column("Wording", lambda r: r.text, tooltip=lambda r: f"\u201c{r.text}\u201d"),
    Column("Attribution", lambda r: _marked(r), tooltip=lambda r: _evidence(r)),
    Column("Headline", lambda r: r.headline or "(no headline)"),
]

SPEAKER_COLUMNS: list[Column[SpeakerRow]] = [
    Column("Speaker", lambda r: r.name,
           tooltip=lambda r: r.name + ("" if r.entity_id is not None else "\n(not linked to an entity)")),
    Column("Quotes", lambda r: str(r.quotes), sort=lambda r: r.quotes, right_aligned=True),
    Column("Stories", lambda r: str(r.stories), sort=lambda r: r.stories, right_aligned=True),
]

QUOTE_COLUMNS: list[Column[StoryQuote]] = [
    Column("Quotation", lambda r: r.text, sort=lambda r: r.start, tooltip=lambda r: f"\u201c{r.text}\u201d"),
    Column("Speaker", lambda r: _marked(r), tooltip=lambda r: _evidence(r)),
    Column("Stories", lambda r: str(r.stories), sort=lambda r: r.stories,
           tooltip=lambda r: f"This statement is carried by {_stories(r.stories)}", right_aligned=True),
]


class LedgerModel(RowsModel[T]):
    """A :class:`RowsModel` whose rows also have a :data:`DetailRole` line (``detail(row)``)."""

    def __init__(self, columns: Sequence[Column[T]], id_of: Callable[[T], int],
                 detail: Callable[[T], str] | None = None, parent: Any = None) -> None:
        super().__init__(columns, id_of, parent)
        self._detail = detail

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == DetailRole:
            row = self.row(index.row()) if index.isValid() else None
            return self._detail(row) if row is not None and self._detail is not None else None
        return super().data(index, role)


def _joined(*parts: str | None) -> str:
    return " \u00b7 ".join(p for p in parts if p)


def statements_model(parent: Any = None) -> LedgerModel[StatementRow]:
    return LedgerModel(STATEMENT_COLUMNS, lambda r: r.id, lambda r: _joined(
        r.speaker or UNKNOWN, f"first {_joined(r.first_date or UNDATED, r.first_outlet)}"), parent)


def carried_model(parent: Any = None) -> LedgerModel[CarriedBy]:
    return LedgerModel(CARRIED_COLUMNS, lambda r: r.quote_id, lambda r: _joined(
        r.date or UNDATED, r.outlet, _marked(r), evidence_label(r.speaker, r.cue, r.confidence, r.confirmed)), parent)


def speakers_model(parent: Any = None) -> LedgerModel[SpeakerRow]:
    return LedgerModel(SPEAKER_COLUMNS, lambda r: r.entity_id if r.entity_id is not None else -1, None, parent)


def quotes_model(parent: Any = None) -> LedgerModel[StoryQuote]:
    return LedgerModel(QUOTE_COLUMNS, lambda r: r.quote_id, lambda r: _joined(
        _marked(r), evidence_label(r.speaker, r.cue, r.confidence, r.confirmed)), parent)
