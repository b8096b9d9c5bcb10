"""The related-stories tables: columns over :class:`~desktop.ui.entities.rows_model.RowsModel`.

Links, other versions, suggestions, threads, proposals, a thread's timeline and its main
entities are short lists read off the GUI thread in one go, so the generic rows model serves them
all, with the app's named roles (``IdRole`` = the other story's or the thread's id, ``SortRole``
= a real value: a date string, a score, a count). :class:`RowTable` is the one narrow read-only
view they are shown in: the docks share ~300 px with their neighbours.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ...core.entities.kinds import KIND_LABELS
from ...core.related.service import Suggestion, ThreadProposal, VersionCandidate
from ...core.related.store import StoryLinkRow, Thread, ThreadStory
from ..entities.rows_model import Column, IdRole, RowRole, RowsModel, SortRole

__all__ = [
    "IdRole", "RowRole", "RowTable", "SortRole", "entities_model", "links_model", "picker_model",
    "proposals_model", "suggestions_model", "threads_model", "timeline_model", "versions_model",
]

PickRow = tuple[int, "str | None", "str | None", "str | None"]


def _headline(text: str | None) -> str:
    return text or "(no headline)"


def _story_tip(headline: str | None, outlet: str | None, date: str | None, extra: str = "") -> str:
    meta = " \u00b7 ".join(p for p in (outlet, date) if p)
    return "\n".join(p for p in (_headline(headline), meta, extra) if p)


def links_model(parent: Any = None) -> RowsModel[StoryLinkRow]:
    return RowsModel([
        Column("Link", lambda r: r.label, sort=lambda r: (r.link.type, r.label)),
        Column("Story", lambda r: _headline(r.headline),
               tooltip=lambda r: _story_tip(r.headline, r.outlet, r.date, f"Note: {r.link.note}" if r.link.note else "")),
        Column("Date", lambda r: r.date or "", sort=lambda r: r.date or ""),
    ], id_of=lambda r: r.other_id, parent=parent)


def versions_model(parent: Any = None) -> RowsModel[VersionCandidate]:
    return RowsModel([
        Column("Version", lambda r: r.label, sort=lambda r: r.jaccard,
               tooltip=lambda r: f"{r.label}: {r.jaccard:.0%} of the wording in common"),
        Column("Story", lambda r: _headline(r.headline), tooltip=lambda r: _story_tip(r.headline, r.outlet, r.date)),
        Column("Outlet", lambda r: r.outlet or ""),
    ], id_of=lambda r: r.other_id, parent=parent)


def suggestions_model(parent: Any = None) -> RowsModel[Suggestion]:
    # Best first as the core ranks them (neighbours' votes included), so no score column in the
    # dock: the pair score alone would read as out of order.
    return RowsModel([
        Column("Story", lambda r: _headline(r.headline),
               tooltip=lambda r: _story_tip(r.headline, r.outlet, r.date, "Why: " + "; ".join(r.reasons))),
        Column("Score", lambda r: f"{r.score:.2f}", sort=lambda r: r.score, right_aligned=True),
        Column("Why", lambda r: "; ".join(r.reasons)),
    ], id_of=lambda r: r.other_id, parent=parent)


def threads_model(parent: Any = None) -> RowsModel[Thread]:
    return RowsModel([
        Column("Thread", lambda r: r.name, tooltip=lambda r: "\n".join(p for p in (r.name, r.description) if p)),
        Column("Stories", lambda r: str(r.stories), sort=lambda r: r.stories, right_aligned=True),
        Column("From", lambda r: r.first_date or "", sort=lambda r: r.first_date or ""),
        Column("To", lambda r: r.last_date or "", sort=lambda r: r.last_date or ""),
    ], id_of=lambda r: r.id, parent=parent)


def proposals_model(parent: Any = None) -> RowsModel[ThreadProposal]:
    return RowsModel([
        Column("Proposed thread", lambda r: r.name, tooltip=lambda r: "\n".join([r.name, *r.reasons])),
        Column("Stories", lambda r: str(len(r.article_ids)), sort=lambda r: len(r.article_ids), right_aligned=True),
        Column("Why", lambda r: "; ".join(r.reasons)),
    ], id_of=lambda r: r.id, parent=parent)


def timeline_model(parent: Any = None) -> RowsModel[ThreadStory]:
    # Undated stories sort after dated ones, as in the core's timeline.
    return RowsModel([
        Column("Date", lambda r: r.date or "", sort=lambda r: (r.date is None, r.date or "")),
        Column("Outlet", lambda r: r.outlet or ""),
        Column("Headline", lambda r: _headline(r.headline)),
    ], id_of=lambda r: r.article_id, parent=parent)


def entities_model(parent: Any = None) -> RowsModel[Any]:
    """Rows of :class:`~.queries.ThreadEntity`."""
    return RowsModel([
        Column("Entity", lambda r: r.name),
        Column("Kind", lambda r: KIND_LABELS.get(r.kind, r.kind)),
        Column("Stories", lambda r: str(r.stories), sort=lambda r: r.stories, right_aligned=True),
        Column("Mentions", lambda r: str(r.mentions), sort=lambda r: r.mentions, right_aligned=True),
    ], id_of=lambda r: r.id, parent=parent)


def picker_model(parent: Any = None) -> RowsModel[PickRow]:
    return RowsModel([
        Column("Headline", lambda r: _headline(r[1]), tooltip=lambda r: _story_tip(r[1], r[2], r[3])),
        Column("Outlet", lambda r: r[2] or ""),
        Column("Date", lambda r: r[3] or ""),
    ], id_of=lambda r: r[0], parent=parent)


class RowTable(QTableView):
    """A read-only table of one of these models; column ``stretch`` takes the spare width."""

    def __init__(self, model: RowsModel[Any], name: str, label: str, *, stretch: int = 1,
                 widths: dict[int, int] | None = None, multi: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(label)
        self.setModel(model)
        model.setParent(self)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                              else QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(24)
        for column in range(model.columnCount()):
            if column == stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, (widths or {}).get(column, 90))
        self.setSortingEnabled(False)

    def rows_model(self) -> RowsModel[Any]:
        return self.model()  # type: ignore[return-value]

    def selected_rows(self) -> list[Any]:
        model = self.rows_model()
        return [model.row(i.row()) for i in sorted(self.selectionModel().selectedRows(), key=lambda i: i.row())]

    def current_row(self) -> Any:
        rows = self.selected_rows()
        return rows[0] if rows else None
