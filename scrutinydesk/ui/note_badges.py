"""The notes badge in register tables: "✎" before a record the member has written notes or questions on.

The paged SQL model draws the badge (the view asks the model a dozen things per cell, so a badge
drawn by a proxy of its own would double the Python the view calls into while it paints); this
proxy gives it the notebook to ask, which the model does for the rows of a page at once, the first
time one of them is painted, and remembers until notes change. Rows never shown cost nothing.
"""
from __future__ import annotations

from collections.abc import Callable

from scrutinydesk.ui.sql_table_model import SqlSortProxy, SqlTableModel

NOTE_BADGE = "✎ "
NOTE_TOOLTIP = "You have notes or questions on this"
NoteLookup = Callable[[list[str]], set[str]]


class NoteBadgeProxy(SqlSortProxy):
    """The register's proxy; ``set_note_lookup`` puts a badge in the first column of rows with notes."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lookup: NoteLookup | None = None

    def set_note_lookup(self, lookup: NoteLookup | None) -> None:
        self._lookup = lookup
        source = self.sourceModel()
        if isinstance(source, SqlTableModel):
            source.set_badges(self._badges if lookup is not None else None)

    def refresh_notes(self) -> None:
        """Ask the notebook again for the rows painted from now on (a note was added or deleted)."""
        source = self.sourceModel()
        if isinstance(source, SqlTableModel):
            source.forget_badges()

    def _badges(self, record_ids: list[str]) -> dict[str, tuple[str, str]]:
        if self._lookup is None:
            return {}
        return {record_id: (NOTE_BADGE, NOTE_TOOLTIP) for record_id in self._lookup(record_ids)}
