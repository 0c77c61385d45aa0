"""The Actions tab: who promised what, open and overdue first, with the promise's history."""
from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from scrutinydesk.core.dates import short_date
from scrutinydesk.core.table_queries import ACTIONS
from scrutinydesk.ui.record_html import action_html
from scrutinydesk.ui.register_view import RegisterView
from scrutinydesk.ui.resolutions_tab import meeting_cell

if TYPE_CHECKING:
    from scrutinydesk.ui.chair_mode import ChairMode

# Status words carry a symbol too, so status is never shown by colour alone.
STATUS_TEXT = {"open": "Open", "overdue": "⚠ Overdue", "completed": "✓ Completed"}
SHOW_OPTIONS = [
    ("Open and overdue", ("not_completed", 1)),
    ("Overdue only", ("status", "overdue")),
    ("Completed", ("status", "completed")),
    ("All actions", None),
]


def _format(key: str, value: object, row: tuple) -> object:
    if key == "status":
        return STATUS_TEXT.get(str(value), str(value))
    if key == "meeting":
        committee, _, when = str(value).partition("|")
        return f"{committee.removesuffix(' Committee')} · {meeting_cell(when)}"
    if key == "due":
        return short_date(value) if value else "Not given"
    if key == "owner":
        return value or "Not stated"
    return "" if value is None else " ".join(str(value).split())


def _decorate(key: str, value: object, row: tuple, role: int) -> object:
    if key == "status" and value == "overdue" and role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    return None


class ActionsTab(RegisterView):
    def __init__(self, conn: sqlite3.Connection, parent=None) -> None:
        self.cell_overlay: ChairMode | None = None  # chair mode: this laptop's pending changes over the rows
        super().__init__(conn, ACTIONS, self._cell, self._describe_action, "actions", decorate=self._cell_role,
                         parent=parent)
        self.show_combo = self.add_combo("Show", SHOW_OPTIONS, self._show)
        self.add_committee_filter()
        self._show(SHOW_OPTIONS[0][1])
        self.set_column_widths("text", {0: 13, 1: 20, 3: 34, 4: 12})

    def _cell(self, key: str, value: object, row: tuple) -> object:
        shown = _format(key, value, row)
        return self.cell_overlay.display(key, shown, row) if self.cell_overlay else shown

    def _cell_role(self, key: str, value: object, row: tuple, role: int) -> object:
        extra = self.cell_overlay.role(key, row, role) if self.cell_overlay else None
        return extra if extra is not None else _decorate(key, value, row, role)

    def _describe_action(self, record_id: str) -> str:
        pending = self.cell_overlay.detail(record_id) if self.cell_overlay else ""
        return action_html(self.model.connection, record_id) + pending

    def refresh_overlay(self) -> None:
        """Repaint rows and the detail pane after chair mode's pending changes moved."""
        if self.model.rowCount():
            last = self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1)
            self.model.dataChanged.emit(self.model.index(0, 0), last)
        selected = self.selected_id()
        if selected:
            self.detail.setHtml(self._describe_action(selected))

    def _show(self, option: tuple[str, object] | None) -> None:
        for name in ("not_completed", "status"):
            self.model.state.filters.pop(name, None)
        if option:
            self.model.state.filters[option[0]] = option[1]
        self.model.refresh()
