"""The Indicators tab: each indicator as a trend against England, the region and statistical
neighbours, with where every point came from and what deserves a question.

Constructor: ``IndicatorsTab(conn_factory, parent=None)``; ``conn_factory()`` returns a
``sqlite3.Connection`` to the open (read-only) published database.
Methods: ``reload()`` after the database is switched; ``select_indicator(code)`` opens its chart;
``show_overview()``, ``show_plan()``; ``export_png(path)``, ``export_csv(path)``.

Reading: nothing is read until the tab is first shown or asked for. Shown in a window already on
screen, the tab reads on a pool thread (``ui.indicator_reading``, over a read-only connection of its
own to the same file) and says "Reading the indicators…" meanwhile; shown as its window opens
(``--tab indicators``, a screenshot, the tab the member left it on) it reads at once, so the window
opens on the tiles.
The methods above wait for a read in progress, or read at once, so they always act on the data.
Signals:
- ``open_record(meeting_id, record_id)``: a point from minutes (or a flag's "Open in minutes") was
  clicked; open that meeting with the sentence highlighted.
- ``add_question(target_id, text)``: "Add as draft question" on a thing worth a question.
- ``selection_changed(target_id, kind, label, quote)``: what the notes panel should attach to
  (kind: "indicator" with target ``indicator:CODE``, "figure" or "rag").

Pages: the overview (small multiples, the landing view), one indicator's chart with its flags
beside it, and the improvement plan's RAG register.
"""
from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFrame,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core.dates import long_date
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.figure_text import format_value
from scrutinydesk.core.indicator_overview import IndicatorsRead, read_indicators
from scrutinydesk.core.indicator_series import IndicatorView, Point
from scrutinydesk.core.indicator_status import RAG_RULE
from scrutinydesk.core.indicator_summary import comparators_at_latest, write_export_csv
from scrutinydesk.core.note_targets import INDICATOR_PREFIX
from scrutinydesk.core.question_flags import QuestionFlag, newest_first
from scrutinydesk.ui.chart_indicator import IndicatorChart
from scrutinydesk.ui.chart_tiles import TileGrid
from scrutinydesk.ui.flow_layout import FlowLayout
from scrutinydesk.ui.indicator_models import (
    CODE_ROLE,
    MEETING_ROLE,
    RECORD_ROLE,
    OverviewModel,
    PlanRagModel,
    Tile,
)
from scrutinydesk.ui.indicator_reading import InProgress, database_path, start_reading
from scrutinydesk.ui.question_cards import QuestionPanel

ConnFactory = Callable[[], sqlite3.Connection]
_URL = re.compile(r"https?://\S+?(?=[\s)]|$)")
PAGES = ("overview", "chart", "plan")
PICKER_CHARACTERS = 20  # the picker's narrowest; it takes the rest of its row
READ_POLL_MS = 30  # how often the tab looks for a read the pool has finished


def _linked(text: str) -> str:
    """Escaped text with its web addresses as links."""
    out, last = [], 0
    for match in _URL.finditer(text):
        out.append(html.escape(text[last:match.start()]))
        out.append(f'<a href="{html.escape(match.group())}">{html.escape(match.group())}</a>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


class IndicatorsTab(QWidget):
    """Overview, chart and improvement plan RAG over the open database."""

    open_record = Signal(str, str)
    add_question = Signal(str, str)
    selection_changed = Signal(str, str, str, str)

    def __init__(self, conn_factory: ConnFactory, parent=None) -> None:
        super().__init__(parent)
        self._conn_factory = conn_factory
        self.views: dict[str, IndicatorView] = {}
        self.flags: dict[str, list[QuestionFlag]] = {}
        self.view: IndicatorView | None = None
        self._loaded = False  # read when first shown or asked for, so the window opens without waiting
        self._generation = 0  # bumped by reload(): a read started before is stale
        self._in_progress = InProgress()
        self._return_to: tuple[str, str | None] | None = None  # page and indicator to show once read
        self._poll = QTimer(self)
        self._poll.setInterval(READ_POLL_MS)
        self._poll.timeout.connect(self._check_reading)
        self.destroyed.connect(self._in_progress.cancel)  # a read still going stops at its next indicator

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_overview())
        self.pages.addWidget(self._build_chart_page())
        self.pages.addWidget(self._build_plan_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self._build_bar())
        layout.addWidget(self.pages, 1)

    def showEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        if not self._loaded and self._in_progress.reading is None:
            self._start_reading()
        super().showEvent(event)

    # -- layout -------------------------------------------------------------------------------
    def _build_bar(self) -> FlowLayout:
        """Page buttons, the indicator picker and the export menu; the bar wraps rather than widening the window."""
        bar = FlowLayout()
        self.page_buttons = QButtonGroup(self)
        for number, (name, text) in enumerate((("overview", "All indicators"), ("chart", "Chart"),
                                               ("plan", "Improvement plan RAG"))):
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setAccessibleName(text)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.page_buttons.addButton(button, number)
            bar.addWidget(button)
            if name == "chart":
                self.picker = QComboBox()
                self.picker.setAccessibleName("Indicator")
                self.picker.setMinimumContentsLength(PICKER_CHARACTERS)
                self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                self.picker.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                self.picker.activated.connect(lambda _i: self.select_indicator(self.picker.currentData()))
                bar.addWidget(self.picker)
        self.page_buttons.idClicked.connect(lambda n: self._show_page(PAGES[n]))
        export_menu = QMenu(self)
        export_menu.addAction("Chart as a PNG image…", self._ask_export_png)
        export_menu.addAction("Chart's data as CSV…", self._ask_export_csv)
        self.export_button = QPushButton("Export")
        self.export_button.setAccessibleName("Export the chart")
        self.export_button.setToolTip("Save this chart as a PNG image, or its data as CSV")
        self.export_button.setMenu(export_menu)
        bar.addWidget(self.export_button)
        return bar

    def _build_overview(self) -> QWidget:
        page = QWidget()
        self.overview_summary = QLabel()
        self.overview_summary.setWordWrap(True)
        self.reading_bar = QProgressBar()
        self.reading_bar.setAccessibleName("Reading the indicators")
        self.reading_bar.setTextVisible(False)
        self.reading_bar.hide()
        self.overview_model = OverviewModel(self)
        self.grid = TileGrid()
        self.grid.setModel(self.overview_model)
        self.grid.activated.connect(self._tile_opened)
        self.grid.clicked.connect(self._tile_opened)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.overview_summary)
        layout.addWidget(self.reading_bar)
        layout.addWidget(self.grid, 1)
        return page

    def _build_chart_page(self) -> QWidget:
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.chart = IndicatorChart()
        self.chart.point_clicked.connect(self._point_clicked)
        self.details = QLabel("Hover over a point for its value and source; click it for more.")
        self.details.setWordWrap(True)
        self.details.setOpenExternalLinks(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.details.setMinimumHeight(44)
        column_widget = QWidget()
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.chart, 1)
        column.addWidget(self.details)
        # Large text makes the title and legend tall: the column scrolls rather than crushing the plot.
        left = QScrollArea()
        left.setWidget(column_widget)
        left.setWidgetResizable(True)
        left.setFrameShape(QFrame.Shape.NoFrame)
        left.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left.setAccessibleName("Chart with its summary")
        self.questions = self._question_panel("Things worth a question")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.questions)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 290])
        return splitter

    def _build_plan_page(self) -> QWidget:
        page = QWidget()
        self.plan_model = PlanRagModel(self)
        self.plan_table = QTableView()
        self.plan_table.setModel(self.plan_model)
        self.plan_table.setAccessibleName("Improvement plan RAG ratings")
        self.plan_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.plan_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.plan_table.setWordWrap(True)
        self.plan_table.verticalHeader().setVisible(False)
        header = self.plan_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for wrapped in (2, 3):  # priority and history share the room and wrap, never cut off
            header.setSectionResizeMode(wrapped, QHeaderView.ResizeMode.Stretch)
        self.plan_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.plan_table.doubleClicked.connect(self._plan_opened)
        self.plan_table.activated.connect(self._plan_opened)
        self.plan_table.clicked.connect(self._plan_selected)
        note = QLabel("Ratings of the improvement plan's priorities as recorded in minutes, Red first; "
                      "History lists each rating with the meeting it was given at. Double-click a row to "
                      "open that meeting.")
        note.setWordWrap(True)
        self.plan_questions = self._question_panel("Changes worth a question")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.plan_table)
        splitter.addWidget(self.plan_questions)
        splitter.setSizes([380, 200])
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note)
        layout.addWidget(splitter, 1)
        return page

    def _question_panel(self, heading: str) -> QuestionPanel:
        panel = QuestionPanel(heading)
        panel.add_question.connect(self.add_question)
        panel.open_record.connect(self.open_record)
        panel.flag_selected.connect(self._flag_selected)
        return panel

    # -- data -----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read everything from the (possibly switched) database and keep the current page: now, or
        on the pool if the tab is on screen, or when it is next shown or asked for if it is not."""
        self._generation += 1
        self._in_progress.cancel()
        self._loaded = False
        if self.isVisible():
            self._start_reading()

    def _ensure_loaded(self) -> None:
        """The data, now: wait for the read in progress, or read on the UI thread's connection."""
        if self._loaded:
            return
        reading, self._in_progress.reading = self._in_progress.reading, None
        if reading is not None:
            reading.done.wait()
            if isinstance(reading.result, IndicatorsRead):
                self._apply(reading.result)
                return
        self._apply(read_indicators(self._conn_factory()))

    def _start_reading(self) -> None:
        """On the pool when the window is on screen (the member waits on "Reading…", not a frozen
        window); at once while it opens, so it opens with the tiles drawn."""
        path = database_path(self._conn_factory())
        handle = self.window().windowHandle()
        if path is None or handle is None or not handle.isExposed():
            self._ensure_loaded()
            return
        self._in_progress.reading = start_reading(path, self._generation)
        self._show_reading()
        self._poll.start()

    def _show_reading(self) -> None:
        """The overview with a progress bar until the read arrives; the page shown now comes back then."""
        if self._return_to is None:
            self._return_to = (self._page_name(), self.view.code if self.view else None)
        self.overview_summary.setText("Reading the indicators…")
        self.reading_bar.setRange(0, 0)
        self.reading_bar.show()
        self.overview_model.set_tiles([])
        self.pages.setCurrentIndex(PAGES.index("overview"))
        for widget in (*self.page_buttons.buttons(), self.picker, self.export_button):
            widget.setEnabled(False)

    def _check_reading(self) -> None:
        """The timer's look at the read in progress: its progress, or its result once done."""
        reading = self._in_progress.reading
        if reading is None or reading.generation != self._generation:
            self._poll.stop()  # taken by _ensure_loaded, or stale: the database was switched since
            return
        if reading.done.is_set():
            self._poll.stop()
            try:
                self._ensure_loaded()
            except (UserFacingError, sqlite3.Error) as error:
                self.reading_bar.hide()
                self.overview_summary.setText(
                    f"The indicators could not be read ({error}); open another database with File → Open database… "
                    "or wait for the next release.")
        elif reading.fraction:
            self.reading_bar.setRange(0, 100)
            self.reading_bar.setValue(round(reading.fraction * 100))

    def _apply(self, read: IndicatorsRead) -> None:
        """Fill the tiles, the picker and the plan from a read, and go back to the page the member had."""
        self._loaded = True
        self._in_progress.reading = None
        page, current = self._return_to or (self._page_name(), self.view.code if self.view else None)
        self._return_to = None
        self.reading_bar.hide()
        for widget in (*self.page_buttons.buttons(), self.picker):
            widget.setEnabled(True)
        self.views, self.flags = read.views, read.flags
        self.overview_model.set_tiles([Tile(view, len(self.flags[code])) for code, view in self.views.items()])
        self.picker.clear()
        for code, view in self.views.items():
            self.picker.addItem(view.name, code)
        history = read.plan_history
        self.plan_model.set_history(history)
        self.plan_questions.set_flags(read.plan_flags)
        total = sum(len(f) for f in self.flags.values())
        with_values = sum(1 for v in self.views.values() if v.latest_official or v.latest_local)
        self.overview_summary.setText(
            f"{len(self.views)} indicators, {with_values} with values; {total} thing{'s' if total != 1 else ''} "
            f"worth a question (⚑). {len(history)} improvement plan priorities rated. Click a tile to open its "
            "chart. RAG: " + RAG_RULE)
        if current in self.views:
            self._show_indicator(current)
        else:
            self.view = None
            self.chart.show_view(None)
        self._show_page(page if self.view or page != "chart" else "overview")

    def _page_name(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def _show_page(self, name: str) -> None:
        if name == "chart" and self.view is None and self.views:
            self._show_indicator(next(iter(self.views)))
        self.pages.setCurrentIndex(PAGES.index(name))
        self.page_buttons.button(PAGES.index(name)).setChecked(True)
        on_chart = name == "chart"
        self.export_button.setEnabled(on_chart)

    def show_overview(self) -> None:
        self._ensure_loaded()
        self._show_page("overview")

    def show_plan(self) -> None:
        self._ensure_loaded()
        self._show_page("plan")

    def select_indicator(self, code: str) -> None:
        """Open the chart of ``code`` (ignored for a code the database does not hold)."""
        self._ensure_loaded()
        if code in self.views:
            self._show_indicator(code)
            self._show_page("chart")

    def _show_indicator(self, code: str) -> None:
        view = self.views[code]
        self.view = view
        self.picker.setCurrentIndex(self.picker.findData(code))
        self.chart.show_view(view)
        self.title.setText(self._title_html(view))
        self.title.setToolTip(view.definition or "")
        self.details.setText("Hover over a point for its value and source; click it for more.")
        self.questions.set_flags(newest_first(self.flags.get(code, [])))
        self.selection_changed.emit(f"{INDICATOR_PREFIX}{code}", "indicator", view.name, "")

    def _title_html(self, view: IndicatorView) -> str:
        parts = []
        if latest := view.latest_official:
            parts.append(f"Latest published: <b>{format_value(latest.value, view.unit)}</b> ({latest.label})")
            for area, value in comparators_at_latest(view).items():
                shown = value.get("value", value.get("mean"))
                parts.append(f"{html.escape(area)}{' mean' if 'mean' in value else ''} "
                             f"{format_value(shown, view.unit)}")
        if local := view.latest_local:
            parts.append(f"latest in minutes: <b>{format_value(local.value, view.unit)}</b> ({local.label})")
        status = f"<b>{view.rag.text}</b> against England · {view.direction.text}"
        return (f"<span style='font-size:large'><b>{html.escape(view.name)}</b></span><br>"
                f"{' · '.join(parts) or 'No values yet.'}<br>{status} "
                f"<span style='color:palette(mid)'>({html.escape(view.rag.reason)})</span>")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "view", None) is not None:
            self.title.setText(self._title_html(self.view))  # the grey of its reason follows the theme
        super().changeEvent(event)

    # -- interaction ------------------------------------------------------------------------------
    def _tile_opened(self, index: QModelIndex) -> None:
        code = index.data(CODE_ROLE)
        if code:
            self.select_indicator(code)

    def _point_clicked(self, key: str, point: Point) -> None:
        unit = self.view.unit if self.view else None
        value = f"<b>{point.label}: {format_value(point.value, unit)}</b>"
        if point.record_id and point.meeting_id:
            meeting = long_date(point.meeting_date) if point.meeting_date else "a meeting (date not known)"
            self.details.setText(f"{value} — from the minutes of {html.escape(meeting)}: "
                                 f"“{html.escape(point.quote or '')}” (opened in Meetings)")
            self.selection_changed.emit(point.record_id, "figure", f"{point.label}: "
                                        f"{format_value(point.value, unit)}", point.quote or "")
            self.open_record.emit(point.meeting_id, point.record_id)
            return
        series = self.view.series[key].name if self.view and key in self.view.series else key
        publication = (self.view.publication or "") if self.view else ""
        counted = f" (from {point.count} neighbours)" if point.count else ""
        self.details.setText(f"{value} {html.escape(series)}{counted} — published in "
                             f"{html.escape(publication)}<br>Source: {_linked(point.source or 'not recorded')}")

    def _flag_selected(self, flag: QuestionFlag) -> None:
        kind = "indicator" if flag.target_id.startswith(INDICATOR_PREFIX) else (
            "rag" if flag.code is None else "figure")
        self.selection_changed.emit(flag.target_id, kind, flag.title, flag.quote or "")

    def _plan_selected(self, index: QModelIndex) -> None:
        priority = self.plan_model.priority(index.row())
        self.selection_changed.emit(index.data(RECORD_ROLE), "rag", priority.subject, priority.subject)

    def _plan_opened(self, index: QModelIndex) -> None:
        meeting, record = index.data(MEETING_ROLE), index.data(RECORD_ROLE)
        if meeting and record:
            self.open_record.emit(meeting, record)

    # -- export -----------------------------------------------------------------------------------
    def export_png(self, path: str) -> bool:
        """Save the current chart with its legend and title as a PNG."""
        self._ensure_loaded()
        return self.chart.export_png(path)

    def export_csv(self, path: str) -> None:
        """Save the current chart's data (every series, with sources and quotes) as CSV."""
        self._ensure_loaded()
        if self.view is not None:
            write_export_csv(self.view, path)

    def _ask_export_png(self) -> None:
        if self.view is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export chart as PNG", f"{self.view.code}.png", "PNG image (*.png)")
        if path and not self.export_png(path):
            QMessageBox.warning(self, "Export chart", f"Could not write {path}; choose another folder.")

    def _ask_export_csv(self) -> None:
        if self.view is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export chart data as CSV", f"{self.view.code}.csv",
                                              "CSV file (*.csv)")
        if path:
            try:
                self.export_csv(path)
            except UserFacingError as error:
                QMessageBox.warning(self, "Export chart data", str(error))
