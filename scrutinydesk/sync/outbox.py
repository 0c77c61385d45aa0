"""The chair's local outbox: every change committed to local disk first, then copied to the share.

``outbox.db`` (WAL, synchronous FULL) lives in the chair's data folder, never on the share. A change
is committed and signed before anything else happens, so a crash, a flat battery or a share that is
down loses nothing. Sending copies each unacknowledged event to ``SHARE/outbox/<device-id>/`` as a
temp file, fsynced and renamed; it is sent again until a release says the officer merged it.
"""
from __future__ import annotations

import secrets
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrutinydesk.core.database import open_readonly
from scrutinydesk.core.durable import replace_file
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.sync.events import Event, parse_document, signed_document
from scrutinydesk.sync.keys import PublicKey, public_of

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

OUTBOX_FILE = "outbox.db"
OUTBOX_DIR = "outbox"
SEND_TIMEOUT_SECONDS = 15.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS devices (
    key_id TEXT PRIMARY KEY, device_id TEXT NOT NULL UNIQUE, last_seq INTEGER NOT NULL,
    key_path TEXT, public_key TEXT);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, seq INTEGER NOT NULL, action_id TEXT NOT NULL,
    document TEXT NOT NULL, created_at TEXT NOT NULL, sent_at TEXT, acked_at TEXT,
    UNIQUE (device_id, seq));
"""


@dataclass(frozen=True)
class SendResult:
    """What one attempt to reach the share did."""

    reachable: bool
    written: int
    already_there: int
    pending: int


@dataclass(frozen=True)
class DeviceKey:
    """A chair key this data folder has signed with, and where its private key file was."""

    key_id: str
    device_id: str
    key_path: str | None
    public_key: str | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Outbox:
    """One chair laptop's queue of signed changes (``outbox.db`` in the data folder)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / OUTBOX_FILE
        self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.executescript(_SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def device_keys(self) -> list[DeviceKey]:
        rows = self.conn.execute("SELECT key_id, device_id, key_path, public_key FROM devices ORDER BY rowid")
        return [DeviceKey(*row) for row in rows]

    def record(self, private: Ed25519PrivateKey, *, author: str, action_id: str, field: str,
               old_value_seen: Any, new_value: Any, note: str | None, base_version: int,
               key_path: Path | None = None) -> Event:
        """Sign a change and commit it locally; only then is it the chair's recorded change."""
        public = public_of(private)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            device_id, last_seq = self._device(public, key_path)
            seq = last_seq + 1
            self.conn.execute("UPDATE devices SET last_seq = ? WHERE key_id = ?", (seq, public.key_id))
            event = Event(
                event_id=str(uuid.uuid4()), device_id=device_id, seq=seq, key_id=public.key_id, author=author,
                action_id=action_id, field=field, old_value_seen=old_value_seen, new_value=new_value,
                note=note, base_version=base_version, client_time=_now(),
            )
            self.conn.execute(
                "INSERT INTO events (event_id, device_id, seq, action_id, document, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (event.event_id, device_id, seq, action_id, signed_document(event, private), event.client_time),
            )
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return event

    def remember_key(self, public: PublicKey, key_path: Path) -> None:
        """Note this laptop's chair key, so the window offers chair mode without asking again."""
        with self.conn:
            self._device(public, key_path)

    def _device(self, public: PublicKey, key_path: Path | None) -> tuple[str, int]:
        """This data folder's device id for a key (made on first use) and its last seq."""
        row = self.conn.execute("SELECT device_id, last_seq FROM devices WHERE key_id = ?", (public.key_id,)).fetchone()
        if row is None:
            row = (f"{public.key_id}-{secrets.token_hex(4)}", 0)
            self.conn.execute(
                "INSERT INTO devices (key_id, device_id, last_seq, key_path, public_key) VALUES (?, ?, 0, ?, ?)",
                (public.key_id, row[0], str(key_path) if key_path else None, public.raw_b64()),
            )
        elif key_path:
            self.conn.execute("UPDATE devices SET key_path = ? WHERE key_id = ?", (str(key_path), public.key_id))
        return row[0], row[1]

    def pending(self) -> list[Event]:
        """Changes no release has acknowledged yet, oldest first."""
        rows = self.conn.execute("SELECT document FROM events WHERE acked_at IS NULL ORDER BY created_at, seq")
        return [parse_document(row[0])[0] for row in rows]

    def counts(self) -> tuple[int, int]:
        """(changes not yet acknowledged, of which not yet written to the share)."""
        row = self.conn.execute(
            "SELECT count(*), count(*) - count(sent_at) FROM events WHERE acked_at IS NULL"
        ).fetchone()
        return int(row[0]), int(row[1])

    def acknowledge(self, ingested: dict[str, int]) -> int:
        """Mark as done every event a release says the officer merged; returns how many."""
        done = 0
        with self.conn:
            for device_id, seq in ingested.items():
                done += self.conn.execute(
                    "UPDATE events SET acked_at = ? WHERE device_id = ? AND seq <= ? AND acked_at IS NULL",
                    (_now(), device_id, seq),
                ).rowcount
        return done

    def acknowledge_release(self, release_db: Path) -> int:
        """Read ``ingested`` from a published database and acknowledge what it lists."""
        try:
            conn = open_readonly(release_db)
        except UserFacingError:  # no readable release yet: nothing is acknowledged
            return 0
        try:
            ingested = {row[0]: int(row[1]) for row in conn.execute("SELECT device_id, seq FROM ingested")}
        except sqlite3.DatabaseError:
            ingested = {}
        finally:
            conn.close()
        return self.acknowledge(ingested)

    def send(self, share: Path, timeout: float = SEND_TIMEOUT_SECONDS) -> SendResult:
        """Copy every unacknowledged event to the share; a share that is down or hangs leaves them queued."""
        rows = self.conn.execute(
            "SELECT event_id, device_id, seq, document FROM events WHERE acked_at IS NULL ORDER BY seq"
        ).fetchall()
        if not rows:
            return SendResult(reachable=_reachable(share), written=0, already_there=0, pending=0)
        outcome: dict[str, object] = {}
        worker = threading.Thread(target=_write_all, args=(share, rows, outcome), daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive() or "error" in outcome:
            return SendResult(reachable=False, written=0, already_there=0, pending=len(rows))
        written: list[str] = outcome["written"]  # type: ignore[assignment]
        there: list[str] = outcome["already_there"]  # type: ignore[assignment]
        with self.conn:
            self.conn.executemany("UPDATE events SET sent_at = ? WHERE event_id = ?",
                                  [(_now(), event_id) for event_id in written + there])
        return SendResult(reachable=True, written=len(written), already_there=len(there), pending=len(rows))


def _reachable(share: Path) -> bool:
    try:
        return share.is_dir()
    except OSError:
        return False


def _write_all(share: Path, rows: list[tuple[str, str, int, str]], outcome: dict[str, object]) -> None:
    """Runs on a worker thread, so a hanging network share cannot hang the caller."""
    try:
        if not share.is_dir():
            raise FileNotFoundError(share)  # never create the share itself: an unmounted drive is "down"
        written, there = [], []
        for event_id, device_id, seq, document in rows:
            folder = share / OUTBOX_DIR / device_id
            target = folder / f"{seq:06d}-{event_id}.json"
            data = document.encode("utf-8")
            if _same_bytes(target, data):
                there.append(event_id)
                continue
            folder.mkdir(parents=True, exist_ok=True)
            replace_file(target, data)  # temp, fsync, rename: a reader sees all of it or none
            written.append(event_id)
        outcome.update(written=written, already_there=there)
    except OSError as error:
        outcome["error"] = error


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False

