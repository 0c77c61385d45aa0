"""Which device keys belong to which committee's chair: registered by the officer in the master DB.

The ``chairs`` table ships in every release, so each laptop knows whose changes may touch which
committee's actions; the officer's merge trusts nothing else.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.sync.keys import PublicKey, public_key_from_b64


@dataclass(frozen=True)
class Chair:
    """A registered chair's device key and the committees whose actions it may change."""

    key_id: str
    name: str
    public_key: PublicKey
    committees: tuple[str, ...]
    registered_at: str
    revoked_at: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_master(path: Path) -> sqlite3.Connection:
    """A read-write connection to the officer's master database (refusing any other file), rows by name."""
    from scrutinydesk.core import master  # the build code: the officer's side, not a member's window

    conn = master.connect(path)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def registered_chairs(conn: sqlite3.Connection) -> dict[str, Chair]:
    """Every chair ever registered in a database (master or release), by key id."""
    chairs = {}
    for row in conn.execute(
        "SELECT key_id, name, public_key, committees, registered_at, revoked_at FROM chairs ORDER BY name"
    ):
        key = public_key_from_b64(row[2], row[1] or "")
        if key.key_id != row[0]:
            continue  # a row whose key does not hash to its id is never trusted
        chairs[row[0]] = Chair(row[0], row[1] or "", key, tuple(json.loads(row[3] or "[]")), row[4], row[5])
    return chairs


def add_chair(conn: sqlite3.Connection, key: PublicKey, name: str, committees: list[str]) -> Chair:
    """Register (or update the committees of) a chair's device key."""
    if not name.strip():
        raise UserFacingError("Give the chair's name with --name, as members should see it in the history.")
    known = {row[0] for row in conn.execute("SELECT id FROM committees")}
    if not committees and len(known) == 1:
        committees = sorted(known)  # the only committee there is
    if not committees:
        raise UserFacingError(
            f"Name the committee(s) this chair chairs with --committee ID, from: {', '.join(sorted(known)) or 'none'}."
        )
    unknown = [c for c in committees if c not in known]
    if unknown:
        raise UserFacingError(
            f"No committee {', '.join(unknown)} in this database; use one of: {', '.join(sorted(known)) or 'none'}."
        )
    existing = registered_chairs(conn).get(key.key_id)
    if existing and not existing.active:
        raise UserFacingError(
            f"The key {key.key_id} was revoked on {existing.revoked_at}; ask the chair to make a new key with keygen."
        )
    registered_at = existing.registered_at if existing else now_iso()
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO chairs (key_id, name, public_key, committees, registered_at, revoked_at) "
            "VALUES (?, ?, ?, ?, ?, NULL)",
            (key.key_id, name.strip(), key.raw_b64(), json.dumps(sorted(set(committees))), registered_at),
        )
    return registered_chairs(conn)[key.key_id]


def revoke_chair(conn: sqlite3.Connection, key_id: str) -> Chair:
    """Stop trusting a key (lost laptop, chair stood down); its history stays."""
    chair = registered_chairs(conn).get(key_id)
    if chair is None:
        raise UserFacingError(f"No chair key {key_id} is registered; see 'scrutinydesk chairs list'.")
    if chair.active:
        with conn:
            conn.execute("UPDATE chairs SET revoked_at = ? WHERE key_id = ?", (now_iso(), key_id))
    return registered_chairs(conn)[key_id]


def chair_of(chairs: dict[str, Chair], key_id: str, committee_id: str) -> Chair | None:
    """The active chair holding ``key_id`` if they chair ``committee_id``."""
    chair = chairs.get(key_id)
    return chair if chair and chair.active and committee_id in chair.committees else None
