"""The Indicators tab: each indicator as a trend against England, the region and statistical
neighbours, with where every point came from.

Constructor: ``IndicatorsTab(conn_factory, parent=None)``; ``conn_factory()`` returns a
``sqlite3.Connection`` to the open (read-only) published database.
Methods: ``reload()`` after the database is switched; ``select_indicator(code)``.
Signals:
- ``open_record(meeting_id, record_id)``: a point from minutes was clicked; open that meeting with the
  sentence highlighted.
- ``add_question(target_id, text)``: "Add as draft question" on a thing worth a question.
- ``selection_changed(target_id, kind, label, quote)``: what the notes panel should attach to.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from scrutinydesk.core.figure_text import format_value
from scrutinydesk.core.indicator_series import IndicatorView, Point, load_indicator

ConnFactory = Callable[[], sqlite3.Connection]


class IndicatorsTab(QWidget):
    """Indicator picker and chart (first version: official values against comparators)."""

    open_record = Signal(str, str)
    add_question = Signal(str, str)
    selection_changed = Signal(str, str, str, str)

    def __init__(self, conn_factory: ConnFactory, parent=None) -> None:
        super().__init__(parent)
        from scrutinydesk.ui.chart_indicator import IndicatorChart

        self._conn_factory = conn_factory
        self.picker = QComboBox()
        self.picker.setAccessibleName("Indicator")
        self.picker.currentIndexChanged.connect(self._picked)
        self.status = QLabel()
        self.chart = IndicatorChart()
        self.chart.point_clicked.connect(self._point_clicked)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setOpenExternalLinks(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Indicator:"))
        top.addWidget(self.picker, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.details)
        self.view: IndicatorView | None = None
        self.reload()

    def reload(self) -> None:
        """Re-read the indicator list from the (possibly switched) database."""
        current = self.picker.currentData()
        self.picker.blockSignals(True)
        self.picker.clear()
        for code, name in self._conn_factory().execute("SELECT code, name FROM indicators ORDER BY rowid"):
            self.picker.addItem(name or code, code)
        self.picker.blockSignals(False)
        index = self.picker.findData(current) if current else 0
        self.picker.setCurrentIndex(max(index, 0))
        self._picked()

    def select_indicator(self, code: str) -> None:
        index = self.picker.findData(code)
        if index >= 0:
            self.picker.setCurrentIndex(index)

    def _picked(self, _index: int = 0) -> None:
        code = self.picker.currentData()
        self.view = load_indicator(self._conn_factory(), code) if code else None
        self.chart.show_view(self.view)
        self.details.setText("")
        if self.view:
            self.status.setText(f"{self.view.rag.text} · {self.view.direction.text}")
            self.selection_changed.emit(f"indicator/{code}", "indicator", self.view.name, "")

    def _point_clicked(self, key: str, point: Point) -> None:
        unit = self.view.unit if self.view else None
        if point.record_id and point.meeting_id:
            self.details.setText(f"{point.label}: {format_value(point.value, unit)} — “{point.quote}”")
            self.open_record.emit(point.meeting_id, point.record_id)
            self.selection_changed.emit(point.record_id, "figure", point.label, point.quote or "")
        else:
            self.details.setText(f"{point.label}: {format_value(point.value, unit)} — {point.source or ''}")
