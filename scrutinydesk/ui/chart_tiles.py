"""The overview's small multiples: each indicator as a tile painted by a delegate over ``OverviewModel``.

A tile shows the name, the latest value and its period, a sparkline of the council's official values
(England dashed beside it), the direction of travel, and the RAG as a symbol and a word, never colour
alone. Being a list view, the grid scrolls, takes keyboard focus and opens a chart on Enter.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from scrutinydesk.core.indicator_series import Point
from scrutinydesk.ui.chart_style import OKABE_ITO, RAG_COLOURS
from scrutinydesk.ui.indicator_models import TILE_ROLE, Tile

TILE_SIZE = QSize(232, 158)
MARGIN = 10


def _spark_path(points: list[Point], box: QRectF, x_range: tuple[float, float], y_range: tuple[float, float]) -> list[QPointF]:
    (x0, x1), (y0, y1) = x_range, y_range
    width, height = max(x1 - x0, 1.0), max(y1 - y0, 1e-9)
    return [QPointF(box.left() + (p.x - x0) / width * box.width(),
                    box.bottom() - (p.value - y0) / height * box.height()) for p in points]


class TileDelegate(QStyledItemDelegate):
    """Paints one ``Tile``."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: ARG002
        return TILE_SIZE

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        tile: Tile | None = index.data(TILE_ROLE)
        if tile is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(4, 4, -4, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        painter.setPen(QPen(QColor(OKABE_ITO["blue"] if selected or focused else "#c8c8c8"),
                            2.5 if selected or focused else 1))
        painter.setBrush(QColor("#eef5fb" if selected else "#ffffff"))
        painter.drawRoundedRect(rect, 6, 6)
        inner = rect.adjusted(MARGIN, MARGIN - 2, -MARGIN, -MARGIN + 2)
        self._title(painter, inner, tile, option.font)
        self._value(painter, inner, tile, option.font)
        self._sparkline(painter, QRectF(inner.left(), inner.top() + 78, inner.width(), 34), tile)
        self._footer(painter, inner, tile, option.font)
        painter.restore()

    def _title(self, painter: QPainter, box: QRectF, tile: Tile, base: QFont) -> None:
        font = QFont(base)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#1a1a1a"))
        metrics = QFontMetrics(font)
        words, lines, line = tile.view.name.split(), [], ""
        for word in words:
            candidate = f"{line} {word}".strip()
            if metrics.horizontalAdvance(candidate) <= box.width() or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
        if len(lines) > 2:
            lines = [lines[0], metrics.elidedText(" ".join(lines[1:]), Qt.TextElideMode.ElideRight, int(box.width()))]
        for n, text in enumerate(lines):
            painter.drawText(QPointF(box.left(), box.top() + metrics.ascent() + n * metrics.height()), text)

    def _value(self, painter: QPainter, box: QRectF, tile: Tile, base: QFont) -> None:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * 1.35)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(OKABE_ITO["vermillion"] if tile.latest_is_local else "#1a1a1a"))
        metrics = QFontMetrics(font)
        baseline = box.top() + 40 + metrics.ascent()
        painter.drawText(QPointF(box.left(), baseline), tile.value_text)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        painter.setFont(small)
        painter.setPen(QColor("#4a4a4a"))
        painter.drawText(QPointF(box.left() + metrics.horizontalAdvance(tile.value_text) + 8, baseline),
                         tile.period_text)

    def _sparkline(self, painter: QPainter, box: QRectF, tile: Tile) -> None:
        own, england = tile.view.points("council_official"), tile.view.points("england")
        minutes = tile.view.points("council_minutes")
        if tile.view.unit == "count":
            england = []  # a council's count beside England's would be a flat line at the bottom
        everything = own + england + minutes
        if not everything:
            return
        x_range = (min(p.x for p in everything), max(p.x for p in everything))
        y_range = (min(p.value for p in everything), max(p.value for p in everything))
        if len(england) > 1:
            pen = QPen(QColor(OKABE_ITO["black"]), 1.2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawPolyline(_spark_path(england, box, x_range, y_range))
        if own:
            painter.setPen(QPen(QColor(OKABE_ITO["blue"]), 2.2))
            path = _spark_path(own, box, x_range, y_range)
            if len(path) > 1:
                painter.drawPolyline(path)
            painter.setBrush(QColor(OKABE_ITO["blue"]))
            painter.drawEllipse(path[-1], 3, 3)
        painter.setPen(QPen(QColor("#1a1a1a"), 0.8))
        painter.setBrush(QColor(OKABE_ITO["vermillion"]))
        for point in _spark_path(minutes, box, x_range, y_range):
            painter.drawPolygon([point + QPointF(0, -4.5), point + QPointF(4.5, 0), point + QPointF(0, 4.5),
                                 point + QPointF(-4.5, 0)])

    def _footer(self, painter: QPainter, box: QRectF, tile: Tile, base: QFont) -> None:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * 0.92)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        baseline = box.bottom() - metrics.descent()
        rating = tile.view.rag.rating
        symbol, word = tile.view.rag.text.split(" ", 1)
        painter.setPen(QColor(RAG_COLOURS[rating]))
        painter.drawText(QPointF(box.left(), baseline), symbol)
        x = box.left() + metrics.horizontalAdvance(symbol + " ")
        painter.setPen(QColor("#1a1a1a"))
        painter.drawText(QPointF(x, baseline), word)
        x += metrics.horizontalAdvance(word + "   ")
        direction = tile.view.direction
        words = direction.judgement or ("up" if (direction.change or 0) > 0 else "down")
        trend = f"{direction.arrow} {words}" if direction.change is not None else ""
        painter.setPen(QColor("#333333"))
        painter.drawText(QPointF(x, baseline), trend)
        if tile.flags:
            flag_text = f"⚑ {tile.flags}"
            painter.setPen(QColor(OKABE_ITO["vermillion"]))
            painter.drawText(QPointF(box.right() - metrics.horizontalAdvance(flag_text), baseline), flag_text)


class TileGrid(QListView):
    """The overview grid: tiles flow left to right and wrap with the window's width."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setGridSize(TILE_SIZE)
        self.setSpacing(0)
        self.setWordWrap(True)
        self.setItemDelegate(TileDelegate(self))
        self.setAccessibleName("Indicators overview")
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setStyleSheet("QListView { background: #f4f4f4; }")
