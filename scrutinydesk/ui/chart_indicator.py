"""One indicator's chart: the council's official and minutes series, England, the region, the
statistical neighbours (mean line and range band), quoted comparators and a target, on one time axis.

Layout only: the series come ready from ``core.indicator_series``. Hovering a point shows its value,
period and source; clicking one emits ``point_clicked(series key, Point)``. The legend sits in its
own row under the plot so it never covers a line.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QSize, Signal
from PySide6.QtGui import QColor, QFont, QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem, QVBoxLayout, QWidget

from scrutinydesk.core.figure_text import format_value
from scrutinydesk.core.indicator_series import IndicatorView, Point
from scrutinydesk.ui.chart_style import BAND_COLOUR, CHART_BACKGROUND, CHART_TEXT, SeriesStyle, style_for

MIN_CHARACTERS, MIN_LINES = 30, 18  # the chart's smallest useful size, in the window's text
MIN_TITLE_SCALE = 0.75  # how far the time axis's title may shrink to fit
LEGEND_SAMPLE_WIDTH = 40  # a legend entry's line sample and gap, in pixels
DRAW_ORDER = ("sn_mean", "region", "england", "target", "council_official", "council_minutes")
LEGEND_ORDER = ("council_official", "council_minutes", "england", "quoted:England", "region", "sn_mean", "sn_band",
                "target")


def _pen(style: SeriesStyle) -> pg.QtGui.QPen | None:
    if style.line is None:
        return None
    pen = pg.mkPen(QColor(style.colour), width=style.width)
    pen.setStyle(style.line)
    return pen


def _symbol_args(style: SeriesStyle) -> dict:
    if style.symbol is None:
        return {}
    brush = pg.mkBrush(QColor(style.colour)) if style.filled else pg.mkBrush(255, 255, 255, 230)
    outline = pg.mkPen(CHART_TEXT if style.filled else style.colour, width=1.2 if style.filled else 2.2)
    return {"symbol": style.symbol, "symbolSize": style.size, "symbolBrush": brush, "symbolPen": outline}


def tooltip(series_name: str, point: Point, unit: str | None) -> str:
    """What hovering a point says: series, period, value, and where it came from."""
    lines = [series_name, f"{point.label}: {format_value(point.value, unit)}"]
    if point.count:
        lines.append(f"from {point.count} neighbours' values")
    if point.quote:
        lines.append(f"“{point.quote}”")
        lines.append("Click to open the meeting with this sentence highlighted.")
    elif point.source:
        lines.append(f"Source: {point.source}")
        lines.append("Click for the publication and its address.")
    return "\n".join(lines)


class IndicatorChart(QWidget):
    """The chart of one ``IndicatorView``; ``drawn`` maps each series key to its plotted points."""

    point_clicked = Signal(str, object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        pg.setConfigOptions(antialias=True)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground(CHART_BACKGROUND)  # light in the dark theme too, with dark text (tested)
        self.canvas.setAccessibleName("Indicator chart")
        self.canvas.viewport().setAccessibleName("Indicator chart")
        self.plot: pg.PlotItem = self.canvas.addPlot(row=0, col=0,
                                                     axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot.showGrid(x=True, y=True, alpha=0.18)
        self.plot.setMenuEnabled(False)
        self.plot.getViewBox().setMouseEnabled(x=False, y=False)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen("#333333"))
            axis.setTextPen(pg.mkPen(CHART_TEXT))
        self.legend = pg.LegendItem(colCount=2, labelTextColor=CHART_TEXT, horSpacing=18, verSpacing=-4)
        self.canvas.addItem(self.legend, row=1, col=0)
        self._follow_font()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.view: IndicatorView | None = None
        self.drawn: dict[str, list[Point]] = {}
        self._items: dict[str, pg.PlotDataItem] = {}
        self._band_sample: pg.PlotDataItem | None = None

    def _points(self) -> float:
        """The chart's text size: the window's, so the axes and legend grow with Ctrl+plus too."""
        return round(self.font().pointSizeF(), 1)

    def _follow_font(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(self._points())
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setTickFont(font)
        self.legend.setLabelTextSize(f"{self._points():g}pt")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._follow_font()
            if getattr(self, "view", None) is not None:  # FontChange can come before __init__ ends
                self.show_view(self.view)  # labels and legend entries take their size when drawn
        super().changeEvent(event)

    def clear(self) -> None:
        self.plot.clear()
        self.legend.clear()
        self.drawn = {}
        self._items = {}
        self._band_sample = None

    def show_view(self, view: IndicatorView | None) -> None:
        """Draw every series of ``view`` (nothing when None)."""
        self.clear()
        self.view = view
        if view is None:
            self.plot.setTitle("")
            return
        # The value's title reads across, above the plot, so it is not cut off when large text makes the plot short.
        self.plot.setTitle(view.axis_title, size=f"{self._points():g}pt", color=CHART_TEXT, justify="left")
        self._fit_period_title()
        legend_items = {"sn_band": self._draw_band(view)}
        quoted = sorted(k for k in view.series if k.startswith("quoted:"))
        for key in [k for k in DRAW_ORDER if k in view.series] + quoted:
            series = view.series[key]
            if series.points:
                legend_items[key] = self._draw_series(key, series.name, series.points, view.unit)
        for key in [k for k in LEGEND_ORDER if k in legend_items] + [k for k in quoted if k not in LEGEND_ORDER]:
            if legend_items.get(key) is not None:
                self.legend.addItem(legend_items[key], self._legend_name(view, key))
        self._fit_legend()
        self._fit(view)

    def _fit_legend(self) -> None:
        """Two legend columns when both fit the chart's width, else one, so no entry is cut off."""
        names = [label.text for _sample, label in self.legend.items]
        widest = max((self.fontMetrics().horizontalAdvance(name) for name in names), default=0)
        entry = widest + LEGEND_SAMPLE_WIDTH + self.legend.layout.horizontalSpacing()
        self.legend.setColumnCount(2 if 2 * entry <= self.width() else 1)

    def _fit_period_title(self) -> None:
        """The time axis's title at the text size, or a little smaller when that would be cut off."""
        if self.view is None:
            return
        text = self.view.period_axis_title
        room = self.width() - self.fontMetrics().averageCharWidth() * 8  # less the value axis's numbers
        need = max(self.fontMetrics().horizontalAdvance(text), 1)
        points = self._points() * min(1.0, max(MIN_TITLE_SCALE, room / need))
        self.plot.setLabel("bottom", text, **{"font-size": f"{points:.1f}pt", "color": CHART_TEXT})

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        super().resizeEvent(event)
        self._fit_legend()
        self._fit_period_title()

    def minimumSizeHint(self) -> QSize:
        """Room for the plot, its axes and a few legend rows at the current text size."""
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * MIN_CHARACTERS, metrics.lineSpacing() * MIN_LINES)

    @staticmethod
    def _legend_name(view: IndicatorView, key: str) -> str:
        if key == "sn_band":
            return "Statistical neighbours (lowest to highest)"
        return view.series[key].name

    def _draw_band(self, view: IndicatorView) -> pg.PlotDataItem | None:
        """The neighbours' range as a shaded polygon; returns the legend's stand-in sample."""
        low, high = view.points("sn_min"), view.points("sn_max")
        if len(low) < 2 or len(low) != len(high):
            return None
        # A plain polygon in data coordinates: one item, nothing else to keep alive.
        outline = [QPointF(p.x, p.value) for p in low] + [QPointF(p.x, p.value) for p in reversed(high)]
        band = QGraphicsPolygonItem(QPolygonF(outline))
        band.setBrush(pg.mkBrush(*BAND_COLOUR))
        band.setPen(pg.mkPen(None))
        band.setZValue(-10)
        self.plot.addItem(band)
        # The legend draws a sample from an item's plot options, which a fill has not: give it a stand-in.
        self._band_sample = pg.PlotDataItem([0], [0], pen=pg.mkPen(QColor(*BAND_COLOUR[:3], 90), width=12))
        return self._band_sample  # the legend only borrows it

    def _draw_series(self, key: str, name: str, points: list[Point], unit: str | None) -> pg.PlotDataItem:
        style = style_for(key)
        item = pg.PlotDataItem([p.x for p in points], [p.value for p in points], pen=_pen(style),
                               data=points, **_symbol_args(style))
        item.setZValue(style.z)
        item.scatter.opts["hoverable"] = True
        item.scatter.opts["tip"] = lambda x, y, data, n=name: tooltip(n, data, unit)
        item.scatter.opts["hoverSize"] = style.size + 5
        item.sigPointsClicked.connect(lambda _item, spots, _ev, k=key: self._clicked(k, spots))
        self.plot.addItem(item)
        self.drawn[key] = list(points)
        self._items[key] = item
        return item

    def _clicked(self, key: str, spots) -> None:  # noqa: ANN001 - pyqtgraph's spot list
        if len(spots):
            self.point_clicked.emit(key, spots[0].data())

    def _fit(self, view: IndicatorView) -> None:
        xs = [p.x for pts in self.drawn.values() for p in pts]
        ys = [p.value for pts in self.drawn.values() for p in pts]
        ys += [p.value for key in ("sn_min", "sn_max") for p in view.points(key)]
        if not xs:
            return
        pad_x = max((max(xs) - min(xs)) * 0.04, 86400 * 60)
        low, high = min(ys), max(ys)
        pad_y = max((high - low) * 0.12, abs(high) * 0.05, 1.0)
        floor = 0.0 if low >= 0 and low - pad_y < 0 else low - pad_y
        self.plot.setXRange(min(xs) - pad_x, max(xs) + pad_x, padding=0)
        self.plot.setYRange(floor, high + pad_y, padding=0)

    def item_for(self, key: str) -> pg.PlotDataItem | None:
        """The plotted item of a series (tests click its points)."""
        return self._items.get(key)

    def export_png(self, path: str) -> bool:
        """Save the chart with its legend as it is on screen."""
        return self.canvas.grab().save(path, "PNG")

