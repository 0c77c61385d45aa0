"""A table model that pages rows out of SQLite as the view scrolls, sorting and filtering in SQL.

It holds only the rows fetched so far, a page at a time, so a register of thirty thousand rows opens
as fast as one of thirty. The proxy beside it keeps Qt's usual sort/filter proxy in the view chain
but hands sorting to the database, because sorting in Qt would need every row in memory.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from scrutinydesk.core import table_queries
from scrutinydesk.core.table_queries import QueryState, TableQuery

PAGE = 200
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RAW_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
Formatter = Callable[[str, object, tuple], object]


class SqlTableModel(QAbstractTableModel):
    """Rows of a ``TableQuery``, fetched lazily; ``formatter(column key, value, row)`` gives display text."""

    def __init__(self, conn: sqlite3.Connection, query: TableQuery, formatter: Formatter,
                 decorate: Callable[[str, object, tuple, int], object] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._query = query
        self._format = formatter
        self._decorate = decorate
        self.state = QueryState()
        self._rows: list[tuple] = []
        self._total = 0
        self.refresh()

    # -- what the view asks -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._query.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._query.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = self._query.columns[index.column()].key
        value = row[index.column() + 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._format(key, value, row)
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = self._format(key, value, row)
            return shown if isinstance(shown, str) and len(shown) > 40 else None
        if role == RECORD_ID_ROLE:
            return row[0]
        if role == RAW_ROLE:
            return value
        if self._decorate is not None:
            return self._decorate(key, value, row, role)
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        page = table_queries.fetch(self._conn, self._query, self.state, PAGE, len(self._rows))
        if not page:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.state.sort_key = self._query.columns[column].key
        self.state.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # -- what the tab asks --------------------------------------------------------------------
    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    @property
    def total(self) -> int:
        return self._total

    def set_filter_text(self, text: str) -> None:
        self.state.text = text
        self.refresh()

    def set_filter(self, name: str, value: object) -> None:
        self.state.filters[name] = value
        self.refresh()

    def set_connection(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.refresh()

    def refresh(self) -> None:
        """Re-run the query from the first page (filter, sort or database changed)."""
        self.beginResetModel()
        self._total = table_queries.count(self._conn, self._query, self.state)
        self._rows = table_queries.fetch(self._conn, self._query, self.state, PAGE, 0)
        self.endResetModel()

    def row_of(self, record_id: str) -> int | None:
        """The row showing a record, fetching further pages until it is found or rows run out."""
        while True:
            for number, row in enumerate(self._rows):
                if row[0] == record_id:
                    return number
            if not self.canFetchMore():
                return None
            self.fetchMore()


class SqlSortProxy(QSortFilterProxyModel):
    """The view's proxy: sorting goes to the SQL model; the rows pass through in the database's order."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None and column >= 0:
            source.sort(column, order)

    def lessThan(self, left: Index, right: Index) -> bool:  # the database has already ordered the rows
        return left.row() < right.row()
