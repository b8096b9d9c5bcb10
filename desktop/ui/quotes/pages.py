"""The three views of the ledger, as widgets with no loading logic of their own.

The dock usually shares the right side with "Story entities" and is ~300 px wide, too narrow for
five columns. A :class:`LedgerTable` therefore gives the room to one stretching text column and
shows its optional columns (speaker, outlet, headline...) only once the dock is wide enough for
them; what is hidden stays in the tooltips and in the details box under each table, which shows
the selected row in full (the wording, the attribution, the story).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .models import DetailRole, carried_model, quotes_model, speakers_model, statements_model
from .correction import SpeakerFix

__all__ = ["LedgerTable", "SpeakersPage", "StatementsPage", "StoryPage", "TwoLineDelegate", "detail_color"]


def detail_color(palette: QPalette, group: QPalette.ColorGroup = QPalette.ColorGroup.Active) -> QColor:
    """The second line's colour: the text colour a third of the way to the background, which keeps
    a contrast above 4.5 on the light and the dark palettes alike (unlike PlaceholderText)."""
    text, base = palette.color(group, QPalette.ColorRole.Text), palette.color(group, QPalette.ColorRole.Base)
    return QColor.fromRgbF(*(t + (b - t) * 0.33 for t, b in ((text.redF(), base.redF()), (text.greenF(), base.greenF()),
                                                              (text.blueF(), base.blueF()))))


class TwoLineDelegate(QStyledItemDelegate):
    """The cell's text on the first line, its :data:`DetailRole` (who, where, when) dimmer on the
    second, each elided: a narrow dock still shows the whole row's gist."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, detail = opt.text, index.data(DetailRole) or ""
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget).adjusted(3, 2, -3, -2)
        group = (QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active
                 else QPalette.ColorGroup.Inactive)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        metrics, line = opt.fontMetrics, opt.fontMetrics.height()
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected
                                         else QPalette.ColorRole.Text))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), flags,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width()))
        if detail:
            painter.setPen(opt.palette.color(group, QPalette.ColorRole.HighlightedText) if selected
                           else detail_color(opt.palette, group))
            painter.drawText(QRect(rect.left(), rect.top() + line, rect.width(), line), flags,
                             metrics.elidedText(detail, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), option.fontMetrics.height() * 2 + 8)


class LedgerTable(QTableView):
    """A read-only row table: ``stretch`` takes the spare width; ``optional`` columns
    (column -> the table width from which it shows) appear as the table gets wider."""

    def __init__(self, model: QAbstractItemModel, name: str, label: str, *, stretch: int,
                 widths: dict[int, int], optional: dict[int, int] | None = None, two_lines: bool = False,
                 sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(label)
        self.setModel(model)
        model.setParent(self)
        self.optional = dict(optional or {})
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        lines = 2 if two_lines else 1
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * lines + 8)
        if two_lines:
            self.setItemDelegateForColumn(stretch, TwoLineDelegate(self))
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setHighlightSections(False)
        for column in range(model.columnCount()):
            if column == stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                header.resizeSection(column, max(widths.get(column, 80), self.fontMetrics().horizontalAdvance(title)
                                                 + 24))
        self.setMinimumWidth(120)
        # A click on a title sorts by the model's SortRole values; ``sort`` is the order the rows
        # are read in (most stories first, first appearance first, reading order), so no reshuffle.
        header.setSortIndicator(*sort)
        self.setSortingEnabled(True)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.viewport().width()
        for column, from_width in self.optional.items():
            hidden = width < from_width
            if self.isColumnHidden(column) != hidden:
                self.setColumnHidden(column, hidden)

    def current_row(self) -> int:
        """The selected row, or -1."""
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else -1


def _details(name: str, parent: QWidget) -> QTextBrowser:
    box = QTextBrowser(parent)
    box.setObjectName(name)
    box.setAccessibleName("Details of the selected row")
    box.setOpenLinks(False)
    box.setFrameShape(QTextBrowser.Shape.StyledPanel)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * 3 + 12)
    return box


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _section(parent: QWidget, *widgets: QWidget) -> QWidget:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QTableView) else 0)
    return box


def _buttons(parent: QWidget, *buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class StatementsPage(QWidget):
    """Statements (most carried first); below, the stories carrying the selected one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = _label("Loading quotations\u2026", self)
        self.summary.setObjectName("statementsSummary")
        self.statements = LedgerTable(statements_model(), "statementsTable", "Statements", stretch=0,
                                      widths={1: 120, 2: 52, 3: 84, 4: 130}, optional={1: 520, 3: 380, 4: 660},
                                      two_lines=True, sort=(2, Qt.SortOrder.DescendingOrder), parent=self)
        self.stories_label = _label("Select a statement to see the stories that carry it.", self)
        self.stories_label.setObjectName("carriedSummary")
        self.stories = LedgerTable(carried_model(), "carriedTable", "Stories carrying the statement", stretch=2,
                                   widths={0: 84, 1: 110, 3: 150, 4: 200},
                                   optional={0: 420, 1: 520, 3: 700, 4: 880}, two_lines=True,
                                   sort=(0, Qt.SortOrder.AscendingOrder), parent=self)
        self.details = _details("statementDetails", self)
        self.fix = SpeakerFix("carried", self)
        self.open_button = QPushButton("Open story", self)
        self.open_button.setToolTip("Open the selected story in the reader with the quotation marked (Enter)")
        self.copy_button = QPushButton("Copy citation", self)
        self.copy_button.setToolTip("Copy the selected quotation with its speaker and source (Ctrl+C)")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("statementsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(_section(self, self.summary, self.statements))
        self.splitter.addWidget(_section(self, self.stories_label, self.stories))
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.fix)
        layout.addLayout(_buttons(self, self.open_button, self.copy_button))


class SpeakersPage(QWidget):
    """Who is quoted, with counts; below, the selected speaker's statements."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = _label("Loading speakers\u2026", self)
        self.summary.setObjectName("speakersSummary")
        self.speakers = LedgerTable(speakers_model(), "speakersTable", "Speakers", stretch=0,
                                    widths={1: 60, 2: 60}, sort=(2, Qt.SortOrder.DescendingOrder), parent=self)
        self.statements_label = _label("Select a speaker to see their statements.", self)
        self.statements_label.setObjectName("speakerStatementsSummary")
        self.statements = LedgerTable(statements_model(), "speakerStatementsTable", "The speaker's statements",
                                      stretch=0, widths={1: 120, 2: 52, 3: 84, 4: 130},
                                      optional={1: 10_000, 3: 380, 4: 660}, two_lines=True,
                                      sort=(2, Qt.SortOrder.DescendingOrder), parent=self)
        self.details = _details("speakerDetails", self)
        self.stories_button = QPushButton("Stories", self)
        self.stories_button.setToolTip("The stories that carry the selected statement (Enter)")
        self.copy_button = QPushButton("Copy citation", self)
        self.copy_button.setToolTip("Copy the statement's first appearance with its speaker and source (Ctrl+C)")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("speakersSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(_section(self, self.summary, self.speakers))
        self.splitter.addWidget(_section(self, self.statements_label, self.statements))
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(_buttons(self, self.stories_button, self.copy_button))


class StoryPage(QWidget):
    """The quotations of the story open in the reader, in reading order. Two buttons at most per
    page: the dock must stay as narrow as "Story entities" (Enter marks a quote in the reader)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = _label("Open a story to see its quotations.", self)
        self.summary.setObjectName("storyQuotesSummary")
        self.quotes = LedgerTable(quotes_model(), "storyQuotesTable", "Quotations in this story", stretch=0,
                                  widths={1: 130, 2: 52}, optional={1: 440}, two_lines=True, parent=self)
        self.details = _details("storyQuoteDetails", self)
        self.fix = SpeakerFix("story", self)
        self.statement_button = QPushButton("All stories", self)
        self.statement_button.setToolTip("Every story that carries this statement (Enter or a double-click "
                                         "marks the quotation in the reader instead)")
        self.copy_button = QPushButton("Copy citation", self)
        self.copy_button.setToolTip("Copy the selected quotation with its speaker and source (Ctrl+C)")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("storyQuotesSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(_section(self, self.summary, self.quotes))
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.fix)
        layout.addLayout(_buttons(self, self.statement_button, self.copy_button))
