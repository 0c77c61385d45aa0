"""The officer's merge: chairs' signed changes from the share's ``outbox/`` into the master database.

Only files whose signature verifies against a registered, unrevoked chair key are taken; a change to
an action of a committee the key does not chair is refused. Events are kept by id (a file delivered
twice is applied once) and applied in ``(base_version, device_id, seq)`` order, never by the laptop's
clock, and each device's changes strictly in sequence: one that arrives before an earlier one waits.
A change made against a value the master no longer has goes to the officer's conflict queue.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.schema import refresh_search_index
from scrutinydesk.sync.action_updates import add_history, find_action, insert_action, item_meeting, set_value
from scrutinydesk.sync.chairs import Chair, chair_of, open_master, registered_chairs
from scrutinydesk.sync.events import (
    DEVICE_PATTERN,
    FILE_PATTERN,
    MAX_FILE_BYTES,
    BadEvent,
    Event,
    parse_document,
    verify,
)
from scrutinydesk.sync.outbox import OUTBOX_DIR

SKEW_LIMIT = timedelta(hours=1)


@dataclass(frozen=True)
class Rejection:
    where: str
    reason: str


@dataclass
class MergeReport:
    """What one merge did, for the summary the officer reads."""

    applied: int = 0
    recorded: int = 0
    already_known: int = 0
    conflicts: int = 0
    waiting: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"applied: {self.applied}",
            f"already so (recorded in the history only): {self.recorded}",
            f"already known: {self.already_known}",
            f"conflicts (queued for you): {self.conflicts}",
            f"rejected: {len(self.rejected)}",
        ]
        out += [f"  {r.where}: {r.reason}" for r in self.rejected]
        if self.waiting:
            out.append(f"waiting for an earlier change from the same laptop: {self.waiting}")
        out += [f"warning: {w}" for w in self.warnings]
        return out


def merge_outbox(share: Path, master: Path, now: datetime | None = None) -> MergeReport:
    """Merge every chair's change on the share into the master database, in one transaction."""
    now = now or datetime.now(UTC)
    files = _event_files(share)
    conn = open_master(master)
    report = MergeReport()
    try:
        chairs = registered_chairs(conn)
        with conn:
            for path in files:
                _take_file(conn, share, path, chairs, report, now)
            text_changed = _apply_in_order(conn, chairs, report)
            if text_changed:
                refresh_search_index(sqlite_utils.Database(conn))
    except sqlite3.DatabaseError as error:
        raise UserFacingError(f"The master database {master} could not be updated ({error}); nothing was merged.") from None
    finally:
        conn.close()
    return report


def _event_files(share: Path) -> list[Path]:
    """Event files in strictly named device folders; conflict copies and temp files are not looked at."""
    try:
        os.stat(share)
    except OSError:
        raise UserFacingError(f"The shared folder {share} cannot be reached; connect to it and merge again.") from None
    root = share / OUTBOX_DIR
    try:
        devices = sorted(d for d in os.listdir(root) if DEVICE_PATTERN.match(d))
    except FileNotFoundError:
        return []
    except OSError:
        raise UserFacingError(f"The outbox folder {root} cannot be read; check the share and merge again.") from None
    files = []
    for device in devices:
        try:
            names = os.listdir(root / device)
        except OSError:
            continue
        files += [root / device / name for name in sorted(names) if FILE_PATTERN.match(name)]
    return files


def _take_file(conn: sqlite3.Connection, share: Path, path: Path, chairs: dict[str, Chair],
               report: MergeReport, now: datetime) -> None:
    """Read, check and store one file's event as waiting to be applied (or say why not)."""
    where = path.relative_to(share).as_posix()
    try:
        info = path.stat()
        if info.st_size > MAX_FILE_BYTES:
            raise BadEvent("the file is too large to be a change")
        document = path.read_text(encoding="utf-8")
        event, signature = parse_document(document)
    except BadEvent as error:
        report.rejected.append(Rejection(where, str(error)))
        return
    except (OSError, UnicodeDecodeError):
        report.rejected.append(Rejection(where, "the file could not be read (still syncing?); merge again later"))
        return
    if conn.execute("SELECT 1 FROM events WHERE event_id = ?", (event.event_id,)).fetchone():
        report.already_known += 1
        return
    reason = _untrusted(event, signature, path, chairs)
    if reason is None and conn.execute(
        "SELECT 1 FROM events WHERE device_id = ? AND seq = ?", (event.device_id, event.seq)
    ).fetchone():
        reason = f"change number {event.seq} from this laptop was already used by another change"
    if reason:
        report.rejected.append(Rejection(where, reason))
        return
    report.warnings += _skew(event, datetime.fromtimestamp(info.st_mtime, UTC), now, where)
    conn.execute(
        "INSERT INTO events (event_id, device_id, seq, key_id, action_id, field, base_version, document, "
        "received_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting')",
        (event.event_id, event.device_id, event.seq, event.key_id, event.action_id, event.field,
         event.base_version, document, now.isoformat(timespec="seconds")),
    )


def _untrusted(event: Event, signature: bytes, path: Path, chairs: dict[str, Chair]) -> str | None:
    """Why a file's event cannot be trusted, or None when its registered chair key signed it."""
    match = FILE_PATTERN.match(path.name)
    if not match or int(match.group(1)) != event.seq or match.group(2) != event.event_id \
            or path.parent.name != event.device_id:
        return "the file's name or folder does not match the change inside it"
    chair = chairs.get(event.key_id)
    if chair is None:
        return f"signed by a key that is not registered as a chair's (key {event.key_id})"
    if not chair.active:
        return f"signed by {chair.name}'s key, revoked on {chair.revoked_at}"
    if not verify(event, signature, chair.public_key):
        return "the signature does not match: the file was changed after the chair signed it"
    return None


def _skew(event: Event, file_time: datetime, now: datetime, where: str) -> list[str]:
    """A laptop clock far from the share's or the officer's; order never depends on it, but say so."""
    try:
        client = datetime.fromisoformat(event.client_time)
        if client.tzinfo is None:
            client = client.replace(tzinfo=UTC)
    except ValueError:
        return [f"{where}: the laptop's time {event.client_time!r} is not a time"]
    if client - now > SKEW_LIMIT or abs(client - file_time) > SKEW_LIMIT:
        hours = (client - file_time).total_seconds() / 3600
        gap = f"{hours:+.1f} hours" if abs(hours) < 48 else f"{hours / 24:+.0f} days"
        return [
            f"{where}: {event.author or 'the chair'}'s laptop said {event.client_time}, {gap} from the "
            "file's time on the share (clock wrong, or the change waited offline); order is not affected"
        ]
    return []


def _apply_in_order(conn: sqlite3.Connection, chairs: dict[str, Chair], report: MergeReport) -> bool:
    """Apply waiting events in (base_version, device_id, seq) order, each device's without gaps."""
    ingested = {row[0]: int(row[1]) for row in conn.execute("SELECT device_id, seq FROM ingested")}
    text_changed = False
    progressed = True
    while progressed:
        progressed = False
        rows = conn.execute(
            "SELECT event_id, device_id, seq, document FROM events WHERE outcome = 'waiting' "
            "ORDER BY base_version, device_id, seq"
        ).fetchall()
        for event_id, device_id, seq, document in rows:
            if seq != ingested.get(device_id, 0) + 1:
                continue
            event, _ = parse_document(document)
            outcome, reason = _apply(conn, event, chairs)
            _count(report, outcome, reason, event)
            text_changed |= outcome == "applied" and event.field in ("owner", "new_action")
            conn.execute("UPDATE events SET outcome = ?, reason = ? WHERE event_id = ?", (outcome, reason, event_id))
            ingested[device_id] = seq
            progressed = True
    conn.executemany("INSERT OR REPLACE INTO ingested (device_id, seq) VALUES (?, ?)", sorted(ingested.items()))
    report.waiting = conn.execute("SELECT count(*) FROM events WHERE outcome = 'waiting'").fetchone()[0]
    return text_changed


def _count(report: MergeReport, outcome: str, reason: str | None, event: Event) -> None:
    if outcome == "applied":
        report.applied += 1
    elif outcome == "recorded":
        report.recorded += 1
    elif outcome == "conflict":
        report.conflicts += 1
    else:
        report.rejected.append(Rejection(f"{OUTBOX_DIR}/{event.device_id}/{event.file_name()}", reason or outcome))


def _apply(conn: sqlite3.Connection, event: Event, chairs: dict[str, Chair]) -> tuple[str, str | None]:
    """Apply one trusted event; returns its outcome and, when refused, the reason."""
    if event.field == "new_action":
        return _apply_new_action(conn, event, chairs)
    action = find_action(conn, event.action_id)
    if action is None:
        return "rejected", f"no action {event.action_id} in the master database"
    chair = chair_of(chairs, event.key_id, action.committee_id)
    if chair is None:
        return "rejected", _not_chair(chairs, event, action.committee_id)
    if event.field == "note":
        add_history(conn, event, chair.name, None, "applied")
        return "applied", None
    current = action.value(event.field)
    if event.new_value == current:
        add_history(conn, event, chair.name, current, "recorded")
        return "recorded", None
    if event.old_value_seen != current:
        conn.execute(
            "INSERT INTO conflicts (event_id, action_id, field, old_value_seen, master_value, new_value, note, who, "
            "device_id, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event.event_id, event.action_id, event.field, event.old_value_seen, current, event.new_value,
             event.note, chair.name, event.device_id, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        add_history(conn, event, chair.name, current, "conflict")
        return "conflict", None
    set_value(conn, event)
    add_history(conn, event, chair.name, current, "applied")
    return "applied", None


def _apply_new_action(conn: sqlite3.Connection, event: Event, chairs: dict[str, Chair]) -> tuple[str, str | None]:
    item_id = event.new_value["item_id"]
    place = item_meeting(conn, item_id)
    if place is None:
        return "rejected", f"no item {item_id} in the master database"
    if not event.action_id.startswith(item_id + "/a-"):
        return "rejected", f"the new action's id {event.action_id} does not belong to item {item_id}"
    chair = chair_of(chairs, event.key_id, place[1])
    if chair is None:
        return "rejected", _not_chair(chairs, event, place[1])
    if find_action(conn, event.action_id) is not None:
        return "rejected", f"an action {event.action_id} already exists"
    insert_action(conn, event, place[0])
    add_history(conn, event, chair.name, None, "applied")
    return "applied", None


def _not_chair(chairs: dict[str, Chair], event: Event, committee_id: str) -> str:
    chair = chairs.get(event.key_id)
    if chair is None or not chair.active:
        return f"the key {event.key_id} is no longer registered (revoked since the change was received)"
    return f"{chair.name}'s key is registered for {', '.join(chair.committees)}, not for committee {committee_id}"
