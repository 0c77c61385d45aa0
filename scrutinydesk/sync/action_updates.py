"""The writes a chair's change makes to the master database, shared by merge and conflict resolution.

Every change to an action goes with a row in ``action_history`` saying who, when, from which
device and what became of it, so members see "Completed 15 Mar 2022 by the Chair: …".
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from scrutinydesk.sync.events import Event

EDITABLE_FIELDS = ("status", "due", "owner")


@dataclass(frozen=True)
class ActionTarget:
    """The master's current row for an action, with its committee (what a chair must chair)."""

    id: str
    committee_id: str
    status: str
    due: str | None
    owner: str | None

    def value(self, field: str) -> str | None:
        return {"status": self.status, "due": self.due, "owner": self.owner}.get(field)


def find_action(conn: sqlite3.Connection, action_id: str) -> ActionTarget | None:
    row = conn.execute(
        "SELECT a.id, m.committee_id, a.status, a.due, a.owner FROM actions a "
        "JOIN meetings m ON m.id = a.meeting_id WHERE a.id = ?", (action_id,),
    ).fetchone()
    return ActionTarget(*row) if row else None


def item_meeting(conn: sqlite3.Connection, item_id: str) -> tuple[str, str] | None:
    """``(meeting_id, committee_id)`` of an item, or None when the master has no such item."""
    row = conn.execute(
        "SELECT i.meeting_id, m.committee_id FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = ?",
        (item_id,),
    ).fetchone()
    return (row[0], row[1]) if row else None


def set_value(conn: sqlite3.Connection, event: Event) -> None:
    """Set the action's field to the event's new value (completion carries the chair's date)."""
    if event.field == "status":
        completed_at = event.client_time[:10] if event.new_value == "completed" else None
        conn.execute("UPDATE actions SET status = ?, completed_at = ? WHERE id = ?",
                     (event.new_value, completed_at, event.action_id))
    elif event.field in EDITABLE_FIELDS:
        conn.execute(f"UPDATE actions SET {event.field} = ? WHERE id = ?", (event.new_value, event.action_id))


def insert_action(conn: sqlite3.Connection, event: Event, meeting_id: str) -> None:
    """An action arising, recorded by the chair at the item being discussed."""
    value: dict[str, Any] = event.new_value
    conn.execute(
        "INSERT INTO actions (id, item_id, meeting_id, owner, text, due, explicit, status) "
        "VALUES (?, ?, ?, ?, ?, ?, 1, 'open')",
        (event.action_id, value["item_id"], meeting_id, value.get("owner"), value["text"], value.get("due")),
    )


def add_history(conn: sqlite3.Connection, event: Event, who: str, old_value: Any, outcome: str,
                at: str | None = None) -> None:
    new_value = event.new_value["text"] if event.field == "new_action" else event.new_value
    conn.execute(
        "INSERT INTO action_history (action_id, at, who, device_id, event_id, field, old_value, new_value, note, "
        "outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (event.action_id, at or event.client_time, who, event.device_id, event.event_id, event.field,
         old_value, new_value, event.note, outcome),
    )
