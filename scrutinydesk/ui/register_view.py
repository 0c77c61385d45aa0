"""The shared shape of a register tab: a filter bar, a lazily paged table, and the selected row in full."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core.store import Store
from scrutinydesk.core.table_queries import TableQuery
from scrutinydesk.ui.flow_layout import FlowLayout
from scrutinydesk.ui.note_badges import NoteBadgeProxy
from scrutinydesk.ui.sql_table_model import RECORD_ID_ROLE, Formatter, SqlTableModel

FILTER_DELAY_MS = 150
FILTER_CHARACTERS = 16  # the filter box's narrowest, in average characters
COMBO_CHARACTERS = 16  # a drop-down's width: "Open and overdue", "All committees"
STRETCH_CHARACTERS = 30  # the stretching column's share before the others narrow
MIN_COLUMN_SCALE = 0.5


class RegisterView(QWidget):
    """A filterable, sortable register; emits the selected record's id and opens it on Enter/double-click."""

    record_selected = Signal(str)
    open_record = Signal(str)

    def __init__(self, conn: sqlite3.Connection, query: TableQuery, formatter: Formatter,
                 describe: Callable[[str], str], noun: str, decorate=None, parent=None) -> None:
        super().__init__(parent)
        self._describe = describe
        self._noun = noun
        self.model = SqlTableModel(conn, query, formatter, decorate, self)
        self.proxy = NoteBadgeProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit(placeholderText=f"Filter {noun} as you type: words, committee, names")
        self.filter_edit.setClearButtonEnabled(True)
        self._fit_filter_bar()
        self.filter_edit.setAccessibleName(f"Filter {noun}")
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(lambda: self.model.set_filter_text(self.filter_edit.text()))
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.count_label = QLabel()
        self.bar = FlowLayout()  # wraps onto a second row at large text sizes instead of widening the window
        self.bar.addWidget(self.filter_edit)  # a line edit expands: it takes what the drop-downs leave

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(f"{noun.capitalize()} register")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        # Left-aligned and elided, so a column narrowed at large text still shows its name's start.
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda index: self.open_record.emit(index.data(RECORD_ID_ROLE)))
        self.table.activated.connect(lambda index: self.open_record.emit(index.data(RECORD_ID_ROLE)))

        self.detail = QTextBrowser()
        self.detail.setAccessibleName(f"Selected {noun[:-1] if noun.endswith('s') else noun} in full")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(lambda url: self.open_record.emit(url.toString().removeprefix("record:")))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(splitter)
        layout.addWidget(self.count_label)
        self.model.modelReset.connect(self._after_reset)
        self._after_reset()

    def add_combo(self, label: str, options: list[tuple[str, object]], on_change: Callable[[object], None]) -> QComboBox:
        """A labelled drop-down in the filter bar; ``options`` are (shown text, value)."""
        combo = QComboBox()
        combo.setAccessibleName(label)
        # Sized in characters, whatever its longest entry; the list it opens is as wide as its entries.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(COMBO_CHARACTERS)
        for text, value in options:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i: on_change(combo.currentData()))
        caption = QLabel(label)
        caption.setBuddy(combo)
        labelled = QWidget()  # caption and drop-down wrap together; the filter box takes the spare room
        labelled.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(labelled)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(caption)
        row.addWidget(combo, 1)
        self.bar.addWidget(labelled)
        return combo

    def add_committee_filter(self) -> None:
        """A committee drop-down, refilled whenever the database changes."""
        self.committee_combo = self.add_combo("Committee", [], lambda value: self.model.set_filter("committee", value))
        self._fill_committees()

    def _fill_committees(self) -> None:
        combo = getattr(self, "committee_combo", None)
        if combo is None:
            return
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("All committees", None)
        for committee_id, name in Store(self.model.connection).committees():
            combo.addItem(name, committee_id)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def set_column_widths(self, stretch: str, widths_in_characters: dict[int, int]) -> None:
        """Column widths in average characters, so they grow with the text size; one column stretches."""
        self._stretch, self._widths = stretch, widths_in_characters
        self._apply_column_widths()

    def _apply_column_widths(self) -> None:
        if not hasattr(self, "_widths"):
            return
        header = self.table.horizontalHeader()
        self._column_scale = self._fitting_scale()
        for column, width in self._wanted_widths().items():
            header.resizeSection(column, int(width * self._column_scale))
        header.setSectionResizeMode(self.model._query.column_index(self._stretch), QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)

    def _wanted_widths(self) -> dict[int, int]:
        char = self.table.fontMetrics().averageCharWidth()
        return {column: chars * char + 12 for column, chars in self._widths.items()}

    def _fitting_scale(self) -> float:
        """1, or less when the table is too narrow for every column's characters (large text beside the
        notes dock): the fixed columns give up to half their width so the stretching one stays readable."""
        room = self.table.viewport().width() - STRETCH_CHARACTERS * self.table.fontMetrics().averageCharWidth()
        return min(1.0, max(MIN_COLUMN_SCALE, room / max(sum(self._wanted_widths().values()), 1)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if hasattr(self, "_widths") and not (self._column_scale == 1.0 and self._fitting_scale() == 1.0):
            self._apply_column_widths()  # when wide enough before and after, the member's own widths stay

    def _fit_filter_bar(self) -> None:
        self.filter_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * FILTER_CHARACTERS)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._apply_column_widths()
            self._fit_filter_bar()
        super().changeEvent(event)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ID_ROLE) if rows else None

    def select_record(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def set_connection(self, conn: sqlite3.Connection) -> None:
        selected = self.selected_id()
        self.model.set_connection(conn)
        self._fill_committees()
        if selected:
            self.select_record(selected)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        record_id = self.selected_id()
        self.detail.setHtml(self._describe(record_id) if record_id else "")
        if record_id:
            self.record_selected.emit(record_id)

    def _after_reset(self) -> None:
        """Recount, and say what the empty detail pane is for, or why the table is empty."""
        # Lay the new rows out now: left to the view's own timer, the layout lands after the first paint
        # and the table is painted a second time for each filter, sort or key typed.
        self.table.doItemsLayout()
        total = self.model.total
        self.count_label.setText(f"{total} {self._noun if total != 1 else self._noun.rstrip('s')}")
        if total == 0:
            hint = (f"No {self._noun} match this filter; clear the filter box or choose “All”."
                    if self.model.state.text or any(v is not None for v in self.model.state.filters.values())
                    else f"No {self._noun} in this database yet.")
        else:
            hint = "Select a row to read it in full here; press Enter to open it in the minutes."
        self.detail.setHtml(f"<p style='color:palette(mid)'>{hint}</p>")
