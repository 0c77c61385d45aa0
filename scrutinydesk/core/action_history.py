"""An action's history as members read it: "Completed 15 Mar 2022 by Cllr Smith: briefing note circulated".

The rows come from ``action_history`` (the build's "recorded in the minutes" row, chairs' merged
changes, the officer's conflict decisions); this module only says them in words.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from scrutinydesk.core.dates import short_date


@dataclass(frozen=True)
class HistoryEntry:
    at: str | None
    who: str | None
    field: str | None
    old_value: str | None
    new_value: str | None
    note: str | None
    outcome: str
    from_chair: bool

    def sentence(self) -> str:
        """One line in plain words, with the note after a colon."""
        when, who = short_date(self.at), self.who or "someone"
        if self.outcome.startswith("conflict resolved"):
            decision = self.outcome.partition(": ")[2] or "resolved"
            return f"Conflicting change to {self.field} resolved {when} by {who}: {decision}"
        if self.field == "status" and self.new_value == "completed" and self.from_chair:
            text = f"Completed {when} by {who}"
        elif self.field == "status" and self.new_value == "open" and self.from_chair:
            text = f"Reopened {when} by {who}"
        elif self.field == "due":
            text = f"Due date set to {short_date(self.new_value) or 'none'} {when} by {who}"
        elif self.field == "owner":
            text = f"Owner set to {self.new_value or 'nobody'} {when} by {who}"
        elif self.field == "new_action":
            text = f"Added as an action arising {when} by {who}"
        else:
            text = f"{when}, {who}" if when else who
        if self.outcome == "conflict":
            text += " (not applied: it conflicts with a change already made; the scrutiny officer will decide)"
        elif self.outcome == "recorded" and self.from_chair:
            text += " (already so)"
        note = self.note if self.field != "note" else self.new_value
        return f"{text}: {note}" if note else text


def action_history(conn: sqlite3.Connection, action_id: str) -> list[HistoryEntry]:
    """An action's history, oldest first."""
    rows = conn.execute(
        "SELECT at, who, field, old_value, new_value, note, outcome, event_id IS NOT NULL FROM action_history "
        "WHERE action_id = ? ORDER BY at, id", (action_id,),
    )
    return [HistoryEntry(*row[:7], bool(row[7])) for row in rows]
