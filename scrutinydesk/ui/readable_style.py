"""Check boxes and radio buttons that scale with the text size and keep a visible edge.

Fusion draws a 13-pixel box whose outline is a shade of the window colour: beside 200% text it is
tiny, and in the dark theme nearly invisible. ``make_readable(button)`` gives one button a style whose
box grows with the font and has an outline in the palette's Mid colour, which the themes keep at 4.5:1
against the window and the base (tested). Per widget, not for the whole application: a Python style
under every table cell would double the cost of painting the registers.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractButton, QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

INDICATORS = (QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight,
              QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, QStyle.PixelMetric.PM_ExclusiveIndicatorHeight)
INDICATOR_SHARE = 0.85  # of the text's line height


class ReadableStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__("Fusion")

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        base = super().pixelMetric(metric, option, widget)
        if metric not in INDICATORS:
            return base
        metrics = widget.fontMetrics() if widget is not None else QApplication.fontMetrics()
        return max(base, round(metrics.height() * INDICATOR_SHARE))

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                           QStyle.PrimitiveElement.PE_IndicatorRadioButton):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Mid), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        edge = option.rect.adjusted(1, 1, -1, -1)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(edge)
        else:
            painter.drawRoundedRect(edge, 2, 2)
        painter.restore()


_shared: list[ReadableStyle] = []  # one style for every such button, alive as long as the application


def make_readable(button: QAbstractButton) -> None:
    """Give a check box or radio button the readable indicator."""
    if not _shared:
        _shared.append(ReadableStyle())
    button.setStyle(_shared[0])
