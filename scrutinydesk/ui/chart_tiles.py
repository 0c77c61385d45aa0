"""The overview's small multiples: each indicator as a tile painted by a delegate over ``OverviewModel``.

A tile shows the name, the latest value and its period, a sparkline of the council's official values
(England dashed beside it), the direction of travel, and the RAG as a symbol and a word, never colour
alone. Being a list view, the grid scrolls, takes keyboard focus and opens a chart on Enter.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from scrutinydesk.core.indicator_series import Point
from scrutinydesk.ui.chart_style import CHART_BACKGROUND, CHART_TEXT, OKABE_ITO, RAG_COLOURS
from scrutinydesk.ui.indicator_models import TILE_ROLE, Tile

TILE_CHARACTERS = 32  # a tile's natural width in average characters: "384.7 per 10,000  2024-25" fits
MIN_TILE_CHARACTERS = 22  # narrower than this and a tile would rather take the whole row
TILE_INSET = 4  # between a tile's border and its grid cell
SPARKLINES_KEPT = 200  # drawn sparklines kept for repaints: every tile's, a few times over


def _spark_path(points: list[Point], box: QRectF, x_range: tuple[float, float], y_range: tuple[float, float]) -> list[QPointF]:
    (x0, x1), (y0, y1) = x_range, y_range
    width, height = max(x1 - x0, 1.0), max(y1 - y0, 1e-9)
    return [QPointF(box.left() + (p.x - x0) / width * box.width(),
                    box.bottom() - (p.value - y0) / height * box.height()) for p in points]


def _distinct_pixels(points: list[QPointF]) -> list[QPointF]:
    """One point per pixel: a county's thousands of figures in minutes land on a few hundred pixels of
    a sparkline, and a marker drawn again where one already is changes nothing but the time taken."""
    seen: set[tuple[int, int]] = set()
    out = []
    for point in points:
        pixel = (round(point.x()), round(point.y()))
        if pixel not in seen:
            seen.add(pixel)
            out.append(point)
    return out


def _scaled(base: QFont, factor: float, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    font.setBold(bold)
    return font


@dataclass(frozen=True)
class TileMetrics:
    """Where a tile's parts go, from its fonts, so a tile grows with the text size instead of clipping."""

    title: QFont
    value: QFont
    small: QFont
    char_width: int  # the base font's average character
    padding: int
    gap: int
    spark_height: int

    @classmethod
    def for_font(cls, base: QFont) -> TileMetrics:
        metrics = QFontMetrics(base)
        line = metrics.height()
        return cls(title=_scaled(base, 1.0, bold=True), value=_scaled(base, 1.25, bold=True),
                   small=_scaled(base, 0.9), char_width=metrics.averageCharWidth(),
                   padding=max(8, round(line * 0.5)), gap=max(3, round(line * 0.3)),
                   spark_height=max(30, round(line * 2.2)))

    def title_lines_height(self) -> int:
        return 2 * QFontMetrics(self.title).height()

    def height(self) -> int:
        """Outer margin, padding, two title lines, value, sparkline, footer."""
        parts = (self.title_lines_height(), QFontMetrics(self.value).height(), self.spark_height,
                 QFontMetrics(self.small).height())
        return 2 * (TILE_INSET + self.padding) + sum(parts) + 3 * self.gap

    def natural_width(self, characters: int = TILE_CHARACTERS) -> int:
        return characters * self.char_width + 2 * (TILE_INSET + self.padding)



class TileDelegate(QStyledItemDelegate):
    """Paints one ``Tile`` in the cell the grid gives it.

    A sparkline can carry thousands of figures from minutes; each is drawn once into a pixmap and
    the pixmap is what a repaint (a tab switch, a scroll) draws again."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._sparklines: dict[int, tuple[Tile, tuple, QPixmap]] = {}  # id(tile): (tile, size, pixmap)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: ARG002
        view = self.parent()
        if isinstance(view, QListView) and view.gridSize().isValid():
            return view.gridSize()
        metrics = TileMetrics.for_font(option.font)
        return QSize(metrics.natural_width(), metrics.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        tile: Tile | None = index.data(TILE_ROLE)
        if tile is None:
            return
        metrics = TileMetrics.for_font(option.font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(TILE_INSET, TILE_INSET, -TILE_INSET, -TILE_INSET)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        painter.setPen(QPen(QColor(OKABE_ITO["blue"] if selected or focused else "#c8c8c8"),
                            2.5 if selected or focused else 1))
        painter.setBrush(QColor(CHART_BACKGROUND))
        painter.drawRoundedRect(rect, 6, 6)
        inner = rect.adjusted(metrics.padding, metrics.padding, -metrics.padding, -metrics.padding)
        self._title(painter, inner, tile, metrics.title)
        value_top = inner.top() + metrics.title_lines_height() + metrics.gap
        self._value(painter, inner, value_top, tile, metrics)
        spark_top = value_top + QFontMetrics(metrics.value).height() + metrics.gap
        self._cached_sparkline(painter, QRectF(inner.left(), spark_top, inner.width(), metrics.spark_height), tile)
        self._footer(painter, inner, tile, metrics.small)
        painter.restore()

    def _title(self, painter: QPainter, box: QRectF, tile: Tile, font: QFont) -> None:
        painter.setFont(font)
        painter.setPen(QColor(CHART_TEXT))
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
            lines = [lines[0], " ".join(lines[1:])]
        width = int(box.width())
        for n, text in enumerate(lines):
            painter.drawText(QPointF(box.left(), box.top() + metrics.ascent() + n * metrics.height()),
                             metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))

    def _value(self, painter: QPainter, box: QRectF, top: float, tile: Tile, metrics: TileMetrics) -> None:
        painter.setFont(metrics.value)
        painter.setPen(QColor(OKABE_ITO["vermillion"] if tile.latest_is_local else CHART_TEXT))
        value_metrics = QFontMetrics(metrics.value)
        baseline = top + value_metrics.ascent()
        value = value_metrics.elidedText(tile.value_text, Qt.TextElideMode.ElideRight, int(box.width()))
        painter.drawText(QPointF(box.left(), baseline), value)
        room = box.width() - value_metrics.horizontalAdvance(value) - metrics.gap * 2
        small_metrics = QFontMetrics(metrics.small)
        if room >= small_metrics.averageCharWidth() * 4:
            painter.setFont(metrics.small)
            painter.setPen(QColor("#4a4a4a"))
            period = small_metrics.elidedText(tile.period_text, Qt.TextElideMode.ElideRight, int(room))
            painter.drawText(QPointF(box.right() - room, baseline), period)

    def _cached_sparkline(self, painter: QPainter, box: QRectF, tile: Tile) -> None:
        """``_sparkline`` drawn from a pixmap made on the first paint at this size; the markers reach
        past the box, so the pixmap has a margin round it."""
        margin = math.ceil(max(4.5, box.height() / 7) + 2)
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        size = (math.ceil(box.width()), math.ceil(box.height()), ratio)
        cached = self._sparklines.get(id(tile))
        if cached is None or cached[0] is not tile or cached[1] != size:
            if len(self._sparklines) >= SPARKLINES_KEPT:
                self._sparklines.clear()
            pixmap = QPixmap(round((size[0] + 2 * margin) * ratio), round((size[1] + 2 * margin) * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            spark_painter = QPainter(pixmap)
            spark_painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._sparkline(spark_painter, QRectF(margin, margin, size[0], size[1]), tile)
            spark_painter.end()
            cached = self._sparklines[id(tile)] = (tile, size, pixmap)
        painter.drawPixmap(QPointF(box.left() - margin, box.top() - margin), cached[2])

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
            radius = max(3.0, box.height() / 11)
            painter.drawEllipse(path[-1], radius, radius)
        painter.setPen(QPen(QColor(CHART_TEXT), 0.8))
        painter.setBrush(QColor(OKABE_ITO["vermillion"]))
        size = max(4.5, box.height() / 7)
        for point in _distinct_pixels(_spark_path(minutes, box, x_range, y_range)):
            painter.drawPolygon([point + QPointF(0, -size), point + QPointF(size, 0), point + QPointF(0, size),
                                 point + QPointF(-size, 0)])

    def _footer(self, painter: QPainter, box: QRectF, tile: Tile, font: QFont) -> None:
        """RAG symbol and word, direction of travel, and the count of flags at the right; the direction
        gives way (elided) when the tile is narrow."""
        painter.setFont(font)
        metrics = QFontMetrics(font)
        baseline = box.bottom() - metrics.descent()
        rating = tile.view.rag.rating
        symbol, word = tile.view.rag.text.split(" ", 1)
        painter.setPen(QColor(RAG_COLOURS[rating]))
        painter.drawText(QPointF(box.left(), baseline), symbol)
        x = box.left() + metrics.horizontalAdvance(symbol + " ")
        painter.setPen(QColor(CHART_TEXT))
        painter.drawText(QPointF(x, baseline), word)
        x += metrics.horizontalAdvance(word + "   ")
        right = box.right()
        if tile.flags:
            flag_text = f"⚑ {tile.flags}"
            right -= metrics.horizontalAdvance(flag_text)
            painter.setPen(QColor(OKABE_ITO["vermillion"]))
            painter.drawText(QPointF(right, baseline), flag_text)
            right -= metrics.horizontalAdvance("  ")
        direction = tile.view.direction
        words = direction.judgement or ("up" if (direction.change or 0) > 0 else "down")
        trend = f"{direction.arrow} {words}" if direction.change is not None else ""
        if trend and right > x:
            painter.setPen(QColor("#333333"))
            painter.drawText(QPointF(x, baseline), metrics.elidedText(trend, Qt.TextElideMode.ElideRight, int(right - x)))


class TileGrid(QListView):
    """The overview grid: tiles sized from the font, as many columns as fit the width, stretched to fill it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(0)
        self.setWordWrap(True)
        self.setItemDelegate(TileDelegate(self))
        self.setAccessibleName("Indicators overview")
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)  # light tiles on the window's colour
        self._fit_tiles()

    def minimumSizeHint(self) -> QSize:
        """One tile at its narrowest: the grid never makes the window wider than that."""
        metrics = TileMetrics.for_font(self.font())
        return QSize(metrics.natural_width(MIN_TILE_CHARACTERS) + self._reserved_width(), metrics.height())

    def _reserved_width(self) -> int:
        """Frame and the vertical scroll bar, always allowed for so a scroll bar appearing cannot re-flow."""
        return 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width() + 2

    def _fit_tiles(self) -> None:
        metrics = TileMetrics.for_font(self.font())
        available = max(self.width() - self._reserved_width(), 1)
        columns = max(1, available // metrics.natural_width())
        width = max(available // columns, metrics.natural_width(MIN_TILE_CHARACTERS))
        size = QSize(width, metrics.height())
        if size != self.gridSize():
            self.setGridSize(size)

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        self._fit_tiles()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_tiles()
        super().changeEvent(event)
