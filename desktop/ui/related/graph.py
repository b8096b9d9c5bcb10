"""A story's neighbourhood as a small map: the story in the middle, its linked stories around
it, and its best suggestions in a lighter, dashed style; edges carry the link's label.

A QGraphicsScene with a radial layout is enough at this size (a story rarely has more than a
dozen neighbours), and needs no layout library. Linked stories take the inner ring, suggestions
the outer one, so the reporter sees at once what is settled and what is only proposed. Clicking
a node opens its story (:attr:`NeighbourhoodView.story_clicked`). Colours come from the view's
palette and are chosen again when it changes (light <-> dark).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..theme import is_dark
from .queries import GraphData, GraphNode

__all__ = ["GraphDialog", "NeighbourhoodView"]

NODE = 22.0  #: node radius
INNER, OUTER = 190.0, 300.0  #: ring radii of linked stories and suggestions
LABEL_CHARS = 34  #: headline characters under a node
NodeIdRole = 0  #: QGraphicsItem.data key holding the node's story id


def _short(text: str | None) -> str:
    text = text or "(no headline)"
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "\u2026"


def _colors(palette: QPalette) -> dict[str, QColor]:
    dark = is_dark(palette)
    return {
        "centre": QColor("#f0a020" if dark else "#d47500"),
        "linked": QColor("#5aa0e8" if dark else "#1565c0"),
        "suggested": QColor("#3a4a5a" if dark else "#dbe6f3"),
        "edge": palette.color(QPalette.ColorRole.Text),
        "faint": palette.color(QPalette.ColorRole.PlaceholderText),
        "text": palette.color(QPalette.ColorRole.Text),
    }


class NeighbourhoodView(QGraphicsView):
    """The map; :meth:`set_data` lays it out. ``nodes`` maps story id -> its circle."""

    #: A node was clicked: its story id.
    story_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("neighbourhoodView")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.data_: GraphData | None = None
        self.nodes: dict[int, QGraphicsEllipseItem] = {}
        self.edge_labels: list[str] = []

    def set_data(self, data: GraphData | None) -> None:
        self.data_ = data
        self._draw()

    def _draw(self) -> None:
        scene = self.scene()
        scene.clear()
        self.nodes, self.edge_labels = {}, []
        data = self.data_
        if data is None:
            return
        colors = _colors(self.palette())
        scene.setBackgroundBrush(self.palette().color(QPalette.ColorRole.Base))
        places = {data.centre.article_id: QPointF(0, 0)}
        linked = [n for n in data.neighbours if n.kind == "linked"]
        suggested = [n for n in data.neighbours if n.kind != "linked"]
        for ring, radius, offset in ((linked, INNER, 0.0), (suggested, OUTER if linked else INNER, 0.5)):
            for i, node in enumerate(ring):
                angle = 2 * math.pi * (i + offset) / max(len(ring), 1) - math.pi / 2
                places[node.article_id] = QPointF(radius * math.cos(angle), radius * math.sin(angle))
        for node in data.neighbours:
            self._edge(places[data.centre.article_id], places[node.article_id], node.label,
                       node.kind == "suggested", colors)
        for a, b, label in data.cross:
            if a in places and b in places:
                self._edge(places[a], places[b], label, False, colors)
        for node in [data.centre, *data.neighbours]:
            self._node(node, places[node.article_id], colors)
        rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
        scene.setSceneRect(rect)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def _edge(self, a: QPointF, b: QPointF, label: str, faint: bool, colors: dict[str, QColor]) -> None:
        pen = QPen(colors["faint"] if faint else colors["edge"], 1.0 if faint else 1.6)
        if faint:
            pen.setStyle(Qt.PenStyle.DashLine)
        line = QGraphicsLineItem(a.x(), a.y(), b.x(), b.y())
        line.setPen(pen)
        line.setZValue(-2)
        self.scene().addItem(line)
        if label:
            text = QGraphicsSimpleTextItem(label)
            text.setBrush(colors["faint"] if faint else colors["text"])
            font = QFont(self.font())
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
            font.setItalic(True)
            text.setFont(font)
            mid = (a + b) / 2
            box = text.boundingRect()
            text.setPos(mid.x() - box.width() / 2, mid.y() - box.height() / 2)
            text.setZValue(-1)
            # the label sits on the line, over a patch of the background so both stay legible
            patch = QGraphicsRectItem(text.pos().x() - 3, text.pos().y(), box.width() + 6, box.height())
            patch.setBrush(self.palette().color(QPalette.ColorRole.Base))
            patch.setPen(QPen(Qt.PenStyle.NoPen))
            patch.setZValue(-1.5)
            self.scene().addItem(patch)
            self.scene().addItem(text)
            self.edge_labels.append(label)

    def _node(self, node: GraphNode, at: QPointF, colors: dict[str, QColor]) -> None:
        radius = NODE * (1.25 if node.kind == "centre" else 1.0)
        circle = QGraphicsEllipseItem(QRectF(-radius, -radius, 2 * radius, 2 * radius))
        circle.setPos(at)
        circle.setBrush(QBrush(colors[node.kind]))
        pen = QPen(colors["edge"] if node.kind != "suggested" else colors["faint"], 1.2)
        if node.kind == "suggested":
            pen.setStyle(Qt.PenStyle.DashLine)
        circle.setPen(pen)
        circle.setData(NodeIdRole, node.article_id)
        circle.setCursor(Qt.CursorShape.PointingHandCursor)
        meta = " \u00b7 ".join(p for p in (node.outlet, node.date) if p)
        circle.setToolTip("\n".join(p for p in (node.headline or "(no headline)", meta, node.label) if p))
        circle.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.scene().addItem(circle)
        self.nodes[node.article_id] = circle
        text = QGraphicsSimpleTextItem(_short(node.headline))
        text.setBrush(colors["text"] if node.kind != "suggested" else colors["faint"])
        if node.kind == "centre":
            font = QFont(self.font())
            font.setBold(True)
            text.setFont(font)
        box = text.boundingRect()
        text.setPos(at.x() - box.width() / 2, at.y() + radius + 2)
        self.scene().addItem(text)

    def node_at(self, pos: QPointF) -> int | None:
        for item in self.items(pos.toPoint()):
            value = item.data(NodeIdRole)
            if isinstance(value, int) and isinstance(item, QGraphicsEllipseItem):
                return value
        return None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            article_id = self.node_at(event.position())
            if article_id is not None:
                self.story_clicked.emit(article_id)

    def resizeEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().resizeEvent(event)
        if self.scene().items():
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._draw()


class GraphDialog(QDialog):
    """The map in a window of its own, with a line saying how to read it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphDialog")
        self.setWindowTitle("Story neighbourhood")
        self.view = NeighbourhoodView(self)
        hint = QLabel("Solid: linked stories (the line says how). Dashed: suggestions. Click a story to open it.",
                      self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(820, 640)

    def set_data(self, data: GraphData | None) -> None:
        if data is not None:
            self.setWindowTitle(f"Story neighbourhood \u2014 {_short(data.centre.headline)}")
        self.view.set_data(data)
