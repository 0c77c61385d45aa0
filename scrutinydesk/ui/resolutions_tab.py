"""The Resolutions tab: the register of decisions, filterable by committee and words as you type."""
from __future__ import annotations

import sqlite3

from scrutinydesk.core.dates import meeting_when_short
from scrutinydesk.core.table_queries import RESOLUTIONS
from scrutinydesk.ui.record_html import resolution_html
from scrutinydesk.ui.register_view import RegisterView


def meeting_cell(value: object) -> str:
    """A meeting's date or year, as the SQL gives it, in a table cell's words."""
    text = str(value or "")
    if len(text) >= 10:
        return meeting_when_short(text, None)
    return meeting_when_short(None, int(text) if text.isdigit() else None)


def _format(key: str, value: object, row: tuple) -> object:
    if key == "date":
        return meeting_cell(value)
    if key == "routine":
        return "Routine" if value else "Decision"
    if key == "item":
        return value or "Untitled item"
    return "" if value is None else " ".join(str(value).split())


class ResolutionsTab(RegisterView):
    def __init__(self, conn: sqlite3.Connection, parent=None) -> None:
        super().__init__(conn, RESOLUTIONS, _format, lambda rid: resolution_html(self.model.connection, rid),
                         "resolutions", parent=parent)
        self.add_committee_filter()
        self.set_column_widths("text", {0: 14, 1: 20, 2: 18, 4: 17, 5: 17, 6: 9})
