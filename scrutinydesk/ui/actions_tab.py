"""The Actions tab: who promised what, open and overdue first, with the promise's history."""
from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from scrutinydesk.core.dates import short_date
from scrutinydesk.core.table_queries import ACTIONS
from scrutinydesk.ui.record_html import action_html
from scrutinydesk.ui.register_view import RegisterView
from scrutinydesk.ui.resolutions_tab import meeting_cell

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
        super().__init__(conn, ACTIONS, _format, lambda rid: action_html(self.model.connection, rid),
                         "actions", decorate=_decorate, parent=parent)
        self.add_combo("Show", SHOW_OPTIONS, self._show)
        self.add_committee_filter()
        self._show(SHOW_OPTIONS[0][1])
        self.set_column_widths("text", {0: 13, 1: 20, 3: 34, 4: 12})

    def _show(self, option: tuple[str, object] | None) -> None:
        for name in ("not_completed", "status"):
            self.model.state.filters.pop(name, None)
        if option:
            self.model.state.filters[option[0]] = option[1]
        self.model.refresh()
