"""A table model that pages rows out of SQLite as the view shows them, sorting and filtering in SQL.

It knows the number of rows from a count and fetches a page of rows the first time the view asks
for one of them, keeping only the pages seen lately, so a register of thirty thousand rows opens,
scrolls to its end and holds memory like one of thirty. The proxy beside it keeps a proxy in the
view chain but hands sorting to the database, because sorting in Qt would need every row in memory.
"""
from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QIdentityProxyModel,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)

from scrutinydesk.core import table_queries
from scrutinydesk.core.table_queries import QueryState, TableQuery

PAGE = 200
PAGES_KEPT = 32  # pages held at once (the rest are fetched again when scrolled back to)
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RAW_ROLE = Qt.ItemDataRole.UserRole + 2

_OWN_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RECORD_ID_ROLE, RAW_ROLE))

Index = QModelIndex | QPersistentModelIndex
Formatter = Callable[[str, object, tuple], object]
# A mark before a row's first cell and the tooltip that explains it, given the ids of a page of rows:
# {id: (prefix, tooltip)} for the marked ones (see note_badges).
Badges = Callable[[list[str]], dict[str, tuple[str, str]]]


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
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self._total = 0
        self._badges: Badges | None = None
        self._badged: dict[str, tuple[str, str] | None] = {}  # asked a page at a time, kept until forgotten
        self.refresh()

    # -- what the view asks -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._query.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._query.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if self._decorate is None and role not in _OWN_ROLES:
            return None  # the view asks each cell for a dozen roles; most have nothing to look up
        row = self._row(index.row()) if index.isValid() else None
        return None if row is None else self._cell(index.row(), index.column(), row, role)

    def multiData(self, index: Index, roles: QModelRoleDataSpan) -> None:
        """Every role the view paints a cell with, in one call (a call per role costs more than the answer)."""
        row = self._row(index.row()) if index.isValid() else None
        for wanted in roles:
            role = wanted.role()
            value = None
            if row is not None and (self._decorate is not None or role in _OWN_ROLES):
                value = self._cell(index.row(), index.column(), row, role)
            if value is None:
                wanted.clearData()
            else:
                wanted.setData(value)

    def _cell(self, number: int, column: int, row: tuple, role: int) -> object:
        key = self._query.columns[column].key
        value = row[column + 1]
        badge = self._badge(number, row[0]) if column == 0 and self._badges is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            shown = self._format(key, value, row)
            return f"{badge[0]}{shown}" if badge else shown
        if role == Qt.ItemDataRole.ToolTipRole:
            if badge:
                return badge[1]
            shown = self._format(key, value, row)
            return shown if isinstance(shown, str) and len(shown) > 40 else None
        if role == RECORD_ID_ROLE:
            return row[0]
        if role == RAW_ROLE:
            return value
        if self._decorate is not None:
            return self._decorate(key, value, row, role)
        return None

    def _badge(self, number: int, record_id: str) -> tuple[str, str] | None:
        if record_id not in self._badged:  # the first painted row of a page asks for the whole page
            ids = [row[0] for row in self._page(number // PAGE)]
            found = self._badges(ids) if self._badges is not None else {}
            self._badged.update({rid: found.get(rid) for rid in ids})
            self._badged.setdefault(record_id, found.get(record_id))
        return self._badged[record_id]

    def set_badges(self, badges: Badges | None) -> None:
        """Mark rows before their first cell (notes on the record, say); ``forget_badges`` when they change."""
        self._badges = badges
        self.forget_badges()

    def forget_badges(self) -> None:
        """Ask again for the rows shown from now on, and repaint the first column of those shown."""
        self._badged.clear()
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, 0),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])

    def _row(self, number: int) -> tuple | None:
        page = self._page(number // PAGE)
        offset = number % PAGE
        return page[offset] if offset < len(page) else None

    def _page(self, number: int) -> list[tuple]:
        """One page of rows, from the pages kept or else from the database (one LIMIT query)."""
        page = self._pages.get(number)
        if page is None:
            page = table_queries.fetch(self._conn, self._query, self.state, PAGE, number * PAGE, total=self._total)
            self._pages[number] = page
            if len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

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
        self._pages.clear()
        self._badged.clear()
        self._total = table_queries.count(self._conn, self._query, self.state)
        self._page(0)
        self.endResetModel()

    def row_of(self, record_id: str) -> int | None:
        """The row showing a record: the pages kept first, then page after page until rows run out."""
        for number, page in list(self._pages.items()):
            for offset, row in enumerate(page):
                if row[0] == record_id:
                    return number * PAGE + offset
        for number in range((self._total + PAGE - 1) // PAGE):
            for offset, row in enumerate(self._page(number)):
                if row[0] == record_id:
                    return number * PAGE + offset
        return None


class SqlSortProxy(QIdentityProxyModel):
    """The view's proxy: the rows pass through in the database's order; sorting goes to the SQL model.

    An identity proxy maps an index without asking the model anything, so each of the dozen things
    the view asks per painted cell costs one call into Python, not three (a sort/filter proxy asks the
    model for its row and column counts to map every one)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None and column >= 0:
            source.sort(column, order)

    def multiData(self, index: Index, roles: QModelRoleDataSpan) -> None:
        """Passed on whole: Qt's proxies would ask the model once per role."""
        source = self.sourceModel()
        if isinstance(source, SqlTableModel):
            source.multiData(self.mapToSource(index), roles)
        else:
            super().multiData(index, roles)
