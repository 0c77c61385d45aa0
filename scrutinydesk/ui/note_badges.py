"""The notes badge in register tables: "✎" before a record the member has written notes or questions on.

It sits in the proxy between the view and the paged SQL model, asking the notebook only about rows
the view actually paints (and remembering the answers until notes change), so it costs nothing
for rows never shown.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from scrutinydesk.ui.sql_table_model import RECORD_ID_ROLE, Index, SqlSortProxy

NOTE_BADGE = "✎ "
NoteLookup = Callable[[list[str]], set[str]]


class NoteBadgeProxy(SqlSortProxy):
    """The register's proxy, with a badge in the first column of rows that carry notes."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lookup: NoteLookup | None = None
        self._known: dict[str, bool] = {}

    def set_note_lookup(self, lookup: NoteLookup | None) -> None:
        self._lookup = lookup
        self.refresh_notes()

    def refresh_notes(self) -> None:
        """Forget the answers so painted rows ask again (a note was added or deleted)."""
        self._known.clear()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def _has_notes(self, record_id: str | None) -> bool:
        if not record_id or self._lookup is None:
            return False
        if record_id not in self._known:
            self._known[record_id] = record_id in self._lookup([record_id])
        return self._known[record_id]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        value = super().data(index, role)
        if index.column() != 0 or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return value
        if not self._has_notes(index.data(RECORD_ID_ROLE)):
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return "You have notes or questions on this"
        return f"{NOTE_BADGE}{value}"
