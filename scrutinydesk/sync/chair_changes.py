"""What a chair's laptop shows and records: the open release's actions with this laptop's pending changes.

The command line (``actions complete``) and the window's chair mode both go through ``ChairDesk``, so
the checks a chair meets (is this key registered for this committee, is the action already completed)
are the same everywhere, and every change lands in the outbox before anything shows it.
"""
from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrutinydesk.core.database import open_readonly
from scrutinydesk.core.dates import parse_iso
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.ids import record_id
from scrutinydesk.core.releases import OpenRelease, current_release
from scrutinydesk.sync.chairs import Chair, chair_of, registered_chairs
from scrutinydesk.sync.events import Event
from scrutinydesk.sync.keys import public_of
from scrutinydesk.sync.outbox import OUTBOX_FILE, Outbox, SendResult

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


@dataclass(frozen=True)
class ActionView:
    """One action as this laptop shows it; ``pending`` when a local change is not yet confirmed."""

    id: str
    committee_id: str
    committee: str
    meeting_id: str
    meeting_date: str | None
    item_id: str
    item_title: str | None
    text: str
    owner: str | None
    due: str | None
    status: str
    completed_at: str | None
    pending: bool = False
    pending_note: str | None = None


_ACTIONS_SQL = """
    SELECT a.id, m.committee_id, coalesce(c.name, m.committee_id), a.meeting_id, m.date, a.item_id, i.title,
           a.text, a.owner, a.due, a.status, a.completed_at
    FROM actions a JOIN meetings m ON m.id = a.meeting_id LEFT JOIN committees c ON c.id = m.committee_id
    LEFT JOIN items i ON i.id = a.item_id
    {where}
    ORDER BY coalesce(m.date, m.year), a.item_id, a.id
"""


def release_actions(conn: sqlite3.Connection, ids: set[str] | None = None) -> list[ActionView]:
    """The release's actions (only ``ids`` when given)."""
    if ids is None:
        return [ActionView(*row) for row in conn.execute(_ACTIONS_SQL.format(where=""))]
    marks = ", ".join("?" for _ in ids)
    return [ActionView(*row) for row in conn.execute(_ACTIONS_SQL.format(where=f"WHERE a.id IN ({marks})"), list(ids))]


def with_pending(actions: list[ActionView], events: list[Event], conn: sqlite3.Connection) -> list[ActionView]:
    """The actions as they will be once the pending events are merged, those rows marked pending."""
    by_id = {action.id: action for action in actions}
    for event in events:
        if event.field == "new_action":
            created = _new_action_view(conn, event)
            if created and event.action_id not in by_id:
                by_id[event.action_id] = created
            continue
        action = by_id.get(event.action_id)
        if action is not None:
            by_id[event.action_id] = _apply(action, event)
    return list(by_id.values())


def _apply(action: ActionView, event: Event) -> ActionView:
    changes: dict[str, Any] = {"pending": True}
    if event.note:
        changes["pending_note"] = event.note
    if event.field == "status":
        changes["status"] = event.new_value
        changes["completed_at"] = event.client_time[:10] if event.new_value == "completed" else None
    elif event.field in ("due", "owner"):
        changes[event.field] = event.new_value
    elif event.field == "note":
        changes["pending_note"] = event.new_value
    return dataclasses.replace(action, **changes)


def _new_action_view(conn: sqlite3.Connection, event: Event) -> ActionView | None:
    value = event.new_value
    row = conn.execute(
        "SELECT i.meeting_id, m.committee_id, coalesce(c.name, m.committee_id), m.date, i.title FROM items i "
        "JOIN meetings m ON m.id = i.meeting_id LEFT JOIN committees c ON c.id = m.committee_id WHERE i.id = ?",
        (value["item_id"],),
    ).fetchone()
    if row is None:
        return None
    return ActionView(event.action_id, row[1], row[2], row[0], row[3], value["item_id"], row[4], value["text"],
                      value.get("owner"), value.get("due"), "open", None, pending=True, pending_note=event.note)


class ChairDesk:
    """The open release plus this data folder's outbox; every change is signed and committed here."""

    def __init__(self, data_dir: Path, release: OpenRelease | None = None) -> None:
        release = release or current_release(data_dir)
        self.data_dir = data_dir
        self.release_path = release.path
        self.base_version = release.version or 0  # the bundled database counts as version 0
        self._outbox: Outbox | None = None

    @property
    def outbox(self) -> Outbox:
        """The outbox, created on first use so a member's laptop never grows one."""
        if self._outbox is None:
            self._outbox = Outbox(self.data_dir)
        return self._outbox

    def has_outbox(self) -> bool:
        return self._outbox is not None or (self.data_dir / OUTBOX_FILE).is_file()

    def close(self) -> None:
        if self._outbox is not None:
            self._outbox.close()

    def _open(self) -> sqlite3.Connection:
        return open_readonly(self.release_path)

    def pending_events(self) -> list[Event]:
        """This laptop's changes the open release has not yet acknowledged."""
        if not self.has_outbox():
            return []
        self.outbox.acknowledge_release(self.release_path)
        return self.outbox.pending()

    def actions(self, ids: set[str] | None = None) -> list[ActionView]:
        """Every action (or those in ``ids``), with this laptop's unconfirmed changes applied and marked pending."""
        pending = self.pending_events()
        if ids is not None:
            pending = [e for e in pending if e.action_id in ids]
        conn = self._open()
        try:
            return with_pending(release_actions(conn, ids), pending, conn)
        finally:
            conn.close()

    def action(self, action_id: str) -> ActionView | None:
        return next(iter(self.actions({action_id})), None)

    def pending_actions(self) -> dict[str, ActionView]:
        """Only the actions this laptop changed and no release confirmed yet, as they will be."""
        events = self.pending_events()
        if not events:
            return {}
        return {a.id: a for a in self.actions({e.action_id for e in events}) if a.pending}

    def chairs(self) -> dict[str, Chair]:
        conn = self._open()
        try:
            return registered_chairs(conn)
        except sqlite3.DatabaseError:
            return {}
        finally:
            conn.close()

    def chaired_committees(self, key_id: str) -> tuple[str, ...]:
        chair = self.chairs().get(key_id)
        return chair.committees if chair and chair.active else ()

    def send(self, share: Path) -> SendResult:
        return self.outbox.send(share)

    def complete(self, private: Ed25519PrivateKey, action_id: str, note: str | None = None,
                 key_path: Path | None = None) -> Event:
        return self.change(private, action_id, "status", "completed", note, key_path)

    def reopen(self, private: Ed25519PrivateKey, action_id: str, note: str | None = None,
               key_path: Path | None = None) -> Event:
        return self.change(private, action_id, "status", "open", note, key_path)

    def change(self, private: Ed25519PrivateKey, action_id: str, field: str, new_value: str | None,
               note: str | None = None, key_path: Path | None = None) -> Event:
        """Record one change to an existing action (status, due, owner or a note)."""
        action = self.action(action_id)
        if action is None:
            raise UserFacingError(
                f"No action {action_id} in the release open on this laptop; check the id with 'scrutinydesk actions list'."
            )
        chair = self._chair(private, action.committee_id, action.committee)
        note = (note or "").strip() or None
        old_value = _current_value(action, field)
        new_value = _checked_value(action, field, new_value, note)
        return self.outbox.record(
            private, author=chair.name, action_id=action_id, field=field, old_value_seen=old_value,
            new_value=new_value, note=None if field == "note" else note, base_version=self.base_version,
            key_path=key_path,
        )

    def add_action(self, private: Ed25519PrivateKey, item_id: str, text: str, owner: str | None = None,
                   due: str | None = None, key_path: Path | None = None) -> Event:
        """Record an action arising at the item being discussed."""
        text = " ".join(text.split())
        if not text:
            raise UserFacingError("Say what the action is: the text cannot be empty.")
        if due and not _is_date(due):
            raise UserFacingError(f"The due date {due!r} is not a date; write it as YYYY-MM-DD.")
        conn = self._open()
        try:
            row = conn.execute(
                "SELECT m.committee_id, coalesce(c.name, m.committee_id) FROM items i "
                "JOIN meetings m ON m.id = i.meeting_id LEFT JOIN committees c ON c.id = m.committee_id "
                "WHERE i.id = ?", (item_id,),
            ).fetchone()
        finally:
            conn.close()
        if row is None:
            raise UserFacingError(f"No item {item_id} in the release open on this laptop; pick the item being discussed.")
        chair = self._chair(private, row[0], row[1])
        action_id = self._free_action_id(record_id(item_id, "action", text))
        value = {"item_id": item_id, "text": text, "owner": (owner or "").strip() or None, "due": due or None}
        return self.outbox.record(
            private, author=chair.name, action_id=action_id, field="new_action", old_value_seen=None,
            new_value=value, note=None, base_version=self.base_version, key_path=key_path,
        )

    def _free_action_id(self, candidate: str) -> str:
        """``candidate``, or ``candidate-2``, ``-3``… when the release or a pending change already uses it."""
        conn = self._open()
        try:
            taken = {row[0] for row in conn.execute(
                "SELECT id FROM actions WHERE id = ? OR id LIKE ?", (candidate, candidate + "-%"))}
        finally:
            conn.close()
        taken |= {e.action_id for e in self.pending_events()}
        action_id, number = candidate, 1
        while action_id in taken:
            number += 1
            action_id = f"{candidate}-{number}"
        return action_id

    def _chair(self, private: Ed25519PrivateKey, committee_id: str, committee: str) -> Chair:
        key_id = public_of(private).key_id
        chair = chair_of(self.chairs(), key_id, committee_id)
        if chair is None:
            raise UserFacingError(
                f"This key ({key_id}) is not registered as a chair of {committee} in the release open on this "
                "laptop; ask the scrutiny officer to register it, then pull the next release."
            )
        return chair


def _is_date(value: str) -> bool:
    return len(value) == 10 and parse_iso(value) is not None


def _current_value(action: ActionView, field: str) -> str | None:
    return {"status": action.status, "due": action.due, "owner": action.owner}.get(field)


def _checked_value(action: ActionView, field: str, new_value: str | None, note: str | None) -> str | None:
    if field == "status":
        if new_value == action.status:
            word = "completed" if new_value == "completed" else "open"
            raise UserFacingError(f"Action {action.id} is already {word}; nothing to change.")
        return new_value
    if field == "due":
        if new_value and not _is_date(new_value):
            raise UserFacingError(f"The due date {new_value!r} is not a date; write it as YYYY-MM-DD.")
        return new_value or None
    if field == "owner":
        return (new_value or "").strip() or None
    if field == "note":
        if not note:
            raise UserFacingError("Write the note's text; an empty note records nothing.")
        return note
    raise UserFacingError(f"A chair cannot change {field!r}; use status, due, owner or note.")
