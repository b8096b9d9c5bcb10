"""Item models of the briefing dialog: the stories in their briefing order, the outline of the
document, and the drafts kept in the archive.

:class:`StoriesModel` is the order the reporter builds. It supports ``moveRows`` (what QListView's
internal drag-and-drop calls, and what the Up/Down buttons use) and carries its own MIME type for
drags, so a drop can only reorder, never copy or lose a story. Stories are treated as immutable
values: a change (say, entities read again) replaces a story object, so an export running on a
worker thread may hold the old list without locking.

Named roles as elsewhere in the app: :data:`IdRole` (archive id), :data:`SortRole` (a real value)
and :data:`LevelRole` / :data:`StoryRole` for what only these models have.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from ...core.briefing.from_archive import DraftSummary
from ...core.briefing.model import BriefingStory, story_heading
from ..models.entities_model import IdRole, SortRole

__all__ = ["DraftsModel", "IdRole", "LevelRole", "OutlineModel", "SortRole", "StoriesModel", "StoryRole"]

#: The :class:`BriefingStory` of a row.
StoryRole = Qt.ItemDataRole.UserRole + 4
#: An outline entry's level: 0 the title block, 1 a section, 2 a story.
LevelRole = Qt.ItemDataRole.UserRole + 5
#: Rows being dragged inside one list (their numbers, as text).
ROWS_MIME = "application/x-newsroom-briefing-rows"
_Index = QModelIndex | QPersistentModelIndex


def story_meta(story: BriefingStory) -> str:
    """"Reuters · 2020-03-12 · 14 entities · 3 quotations"."""
    parts = [story.outlet or "unknown outlet", story.date or "undated"]
    if story.entities:
        parts.append(f"{len(story.entities)} entit{'y' if len(story.entities) == 1 else 'ies'}")
    if story.quotes:
        parts.append(f"{len(story.quotes)} quotation{'' if len(story.quotes) == 1 else 's'}")
    return " \u00b7 ".join(parts)


def local_time(stamp: str) -> str:
    """The archive's UTC timestamp as local "YYYY-MM-DD HH:MM"."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp.replace("T", " ")[:16]


class StoriesModel(QAbstractListModel):
    """The briefing's stories in order; reordered by drag or ``moveRows``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._stories: list[BriefingStory] = []

    # -- reading -------------------------------------------------------------------------

    def stories(self) -> list[BriefingStory]:
        return list(self._stories)

    def ids(self) -> list[int]:
        return [s.article_id for s in self._stories]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._stories)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._stories):
            return None
        story = self._stories[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return story_heading(story)  # the view numbers the rows (see form.NumberedDelegate)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{story_heading(story)}\n{story_meta(story)}"
        if role == IdRole:
            return story.article_id
        if role == SortRole:
            return index.row()
        if role == StoryRole:
            return story
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
                | Qt.ItemFlag.ItemNeverHasChildren)

    # -- changing ------------------------------------------------------------------------

    def set_stories(self, stories: Sequence[BriefingStory]) -> None:
        self.beginResetModel()
        self._stories = list(stories)
        self.endResetModel()

    def append(self, stories: Sequence[BriefingStory]) -> int:
        """Add stories not already in the briefing at the end; returns how many were added."""
        have = set(self.ids())
        new: list[BriefingStory] = []
        for story in stories:
            if story.article_id not in have:
                have.add(story.article_id)
                new.append(story)
        if new:
            first = len(self._stories)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._stories.extend(new)
            self.endInsertRows()
        return len(new)

    def replace(self, stories: Sequence[BriefingStory]) -> None:
        """New versions of stories already listed (matched by id), order kept."""
        by_id = {s.article_id: s for s in stories}
        self._stories = [by_id.get(s.article_id, s) for s in self._stories]
        if self._stories:
            self.dataChanged.emit(self.index(0), self.index(len(self._stories) - 1))

    def removeRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or count <= 0 or row < 0 or row + count > len(self._stories):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._stories[row:row + count]
        self.endRemoveRows()
        self._renumber(row)
        return True

    def moveRows(self, source_parent: _Index, source_row: int, count: int, destination_parent: _Index,
                 destination_child: int) -> bool:
        """Move ``count`` rows to before ``destination_child`` (Qt's convention)."""
        size = len(self._stories)
        if (source_parent.isValid() or destination_parent.isValid() or count <= 0 or source_row < 0
                or source_row + count > size or not 0 <= destination_child <= size
                or source_row <= destination_child <= source_row + count):
            return False
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1, QModelIndex(),
                                  destination_child):
            return False
        moving = self._stories[source_row:source_row + count]
        del self._stories[source_row:source_row + count]
        at = destination_child - count if destination_child > source_row else destination_child
        self._stories[at:at] = moving
        self.endMoveRows()
        self._renumber(min(source_row, at))
        return True

    def _renumber(self, first: int) -> None:
        """The position (SortRole, and the number the view shows) of every row from ``first`` on
        has changed. The number is not part of DisplayRole, so a row's text stays the same when
        others move (as views and proxies expect during a move or removal)."""
        if first < len(self._stories):
            self.dataChanged.emit(self.index(first), self.index(len(self._stories) - 1), [SortRole])

    # -- drag and drop (reordering only) --------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROWS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(ROWS_MIME, QByteArray(",".join(map(str, rows)).encode("ascii")))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: _Index) -> bool:
        return data.hasFormat(ROWS_MIME) and action == Qt.DropAction.MoveAction and not parent.isValid()

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: _Index) -> bool:
        """Reorder with :meth:`moveRows` and answer False, so the view never removes the dragged
        rows afterwards (the move is already complete)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        text = bytes(data.data(ROWS_MIME).data()).decode("ascii")
        rows = sorted({int(r) for r in text.split(",") if r and 0 <= int(r) < len(self._stories)})
        target = len(self._stories) if row < 0 else min(row, len(self._stories))
        moving = [self._stories[r].article_id for r in rows]
        # the first story not being moved at or after the drop point: everything lands before it
        anchor = next((s.article_id for s in self._stories[target:] if s.article_id not in moving), None)
        for article_id in moving:
            source = self.ids().index(article_id)
            destination = self.ids().index(anchor) if anchor is not None else len(self._stories)
            if source != destination and source + 1 != destination:
                self.moveRows(QModelIndex(), source, 1, QModelIndex(), destination)
        return False


class OutlineModel(QAbstractListModel):
    """What the document will contain: the title block, then every heading in order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[int, str]] = []

    def set_entries(self, entries: Sequence[tuple[int, str]]) -> None:
        entries = list(entries)
        if entries == self._entries:
            return
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def entries(self) -> list[tuple[int, str]]:
        return list(self._entries)

    def texts(self) -> list[str]:
        return [text for _level, text in self._entries]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        level, text = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return ("\u2003\u2003" if level == 2 else "") + text
        if role in (Qt.ItemDataRole.ToolTipRole, SortRole):
            return text if role == Qt.ItemDataRole.ToolTipRole else index.row()
        if role == LevelRole:
            return level
        if role == Qt.ItemDataRole.FontRole and level < 2:
            font = QFont()
            font.setBold(True)
            return font
        return None


class DraftsModel(QAbstractTableModel):
    """The archive's briefing drafts, newest first: title, stories, last saved, last exported to."""

    COLUMNS = ("Title", "Stories", "Saved", "Last exported to")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DraftSummary] = []

    def set_drafts(self, drafts: Sequence[DraftSummary]) -> None:
        self.beginResetModel()
        self._rows = list(drafts)
        self.endResetModel()

    def draft_at(self, row: int) -> DraftSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        draft, column = self._rows[index.row()], index.column()
        if role == IdRole:
            return draft.id
        if role == SortRole:
            return (draft.title.casefold(), draft.stories, draft.updated_at, draft.exported_to or "")[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            saved = local_time(draft.updated_at)
            texts = (draft.title, str(draft.stories), saved, draft.exported_to or "not yet exported")
            return texts[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
