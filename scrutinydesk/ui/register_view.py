"""The shared shape of a register tab: a filter bar, a lazily paged table, and the selected row in full."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core.store import Store
from scrutinydesk.core.table_queries import TableQuery
from scrutinydesk.ui.note_badges import NoteBadgeProxy
from scrutinydesk.ui.sql_table_model import RECORD_ID_ROLE, Formatter, SqlTableModel

FILTER_DELAY_MS = 150


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
        self.filter_edit.setMinimumWidth(self.filter_edit.fontMetrics().averageCharWidth() * 28)
        self.filter_edit.setAccessibleName(f"Filter {noun}")
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(lambda: self.model.set_filter_text(self.filter_edit.text()))
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.count_label = QLabel()
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.filter_edit, 3)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(f"{noun.capitalize()} register")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
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
        self.model.modelReset.connect(self.proxy.refresh_notes)
        self._after_reset()

    def add_combo(self, label: str, options: list[tuple[str, object]], on_change: Callable[[object], None]) -> QComboBox:
        """A labelled drop-down in the filter bar; ``options`` are (shown text, value)."""
        combo = QComboBox()
        combo.setAccessibleName(label)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for text, value in options:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i: on_change(combo.currentData()))
        caption = QLabel(label)
        caption.setBuddy(combo)
        self.bar.addWidget(caption)
        self.bar.addWidget(combo)
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
        char = self.table.fontMetrics().averageCharWidth()
        for column, chars in self._widths.items():
            header.resizeSection(column, chars * char + 12)
        header.setSectionResizeMode(self.model._query.column_index(self._stretch), QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._apply_column_widths()
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
        total = self.model.total
        self.count_label.setText(f"{total} {self._noun if total != 1 else self._noun.rstrip('s')}")
        if total == 0:
            hint = (f"No {self._noun} match this filter; clear the filter box or choose “All”."
                    if self.model.state.text or any(v is not None for v in self.model.state.filters.values())
                    else f"No {self._noun} in this database yet.")
        else:
            hint = "Select a row to read it in full here; press Enter to open it in the minutes."
        self.detail.setHtml(f"<p style='color:palette(mid)'>{hint}</p>")
