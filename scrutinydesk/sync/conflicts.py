"""The officer's queue of chairs' changes made against a value the master no longer holds.

Merge never guesses between two people: it leaves the master as it was and queues the change. The
officer either applies the chair's value or keeps the master's; either way the action's history says so.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import sqlite_utils

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.schema import refresh_search_index
from scrutinydesk.sync.action_updates import add_history, find_action, set_value
from scrutinydesk.sync.chairs import now_iso
from scrutinydesk.sync.events import parse_document

OFFICER = "Scrutiny officer"


@dataclass(frozen=True)
class Conflict:
    event_id: str
    action_id: str
    field: str
    old_value_seen: str | None
    master_value: str | None
    new_value: str | None
    note: str | None
    who: str
    queued_at: str
    resolved_at: str | None
    resolution: str | None

    def describe(self) -> str:
        return (f"{self.who} set {self.field} to {self.new_value!r} having seen {self.old_value_seen!r}, "
                f"but the master had {self.master_value!r}")


def list_conflicts(conn: sqlite3.Connection, include_resolved: bool = False) -> list[Conflict]:
    where = "" if include_resolved else "WHERE resolved_at IS NULL"
    rows = conn.execute(
        "SELECT event_id, action_id, field, old_value_seen, master_value, new_value, note, who, queued_at, "
        f"resolved_at, resolution FROM conflicts {where} ORDER BY queued_at, event_id"
    )
    return [Conflict(*row) for row in rows]


def resolve_conflict(conn: sqlite3.Connection, event_id: str, apply_chairs_value: bool) -> Conflict:
    """Apply the chair's value, or keep the master's; record the decision in the action's history."""
    conflict = next((c for c in list_conflicts(conn, include_resolved=True) if c.event_id == event_id), None)
    if conflict is None:
        raise UserFacingError(f"No conflict {event_id} is queued; see 'scrutinydesk conflicts list'.")
    if conflict.resolved_at:
        raise UserFacingError(f"The conflict {event_id} was already resolved on {conflict.resolved_at}.")
    document = conn.execute("SELECT document FROM events WHERE event_id = ?", (event_id,)).fetchone()[0]
    event, _ = parse_document(document)
    action = find_action(conn, event.action_id)
    if action is None:
        raise UserFacingError(f"The action {event.action_id} is no longer in the master database; keep the master's value.")
    resolution = "chair's value applied" if apply_chairs_value else "master's value kept"
    with conn:
        if apply_chairs_value:
            set_value(conn, event)
        add_history(conn, event, OFFICER, action.value(event.field), f"conflict resolved: {resolution}", at=now_iso())
        conn.execute("UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE event_id = ?",
                     (now_iso(), resolution, event_id))
        if apply_chairs_value and event.field == "owner":
            refresh_search_index(sqlite_utils.Database(conn))
    return next(c for c in list_conflicts(conn, include_resolved=True) if c.event_id == event_id)
