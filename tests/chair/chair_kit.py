"""Building blocks for the chair tests: a master database with two committees, chairs' keys, releases.

Named uniquely (not conftest) so test modules and child scripts can import it.
"""
from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from scrutinydesk.core.durable import replace_file
from scrutinydesk.core.schema import create_schema
from scrutinydesk.sync.chairs import add_chair, open_master
from scrutinydesk.sync.events import Event, signed_document
from scrutinydesk.sync.keys import PublicKey, generate_keypair, load_private_key, load_public_key
from scrutinydesk.sync.outbox import OUTBOX_DIR

CHILDREN = "childrens-scrutiny"
CABINET = "cabinet"
MARCH = f"{CHILDREN}/2022-03-15"
NOVEMBER = f"{CHILDREN}/2022-11-15"
BRIEFING = f"{MARCH}/7/a-3f9c1e"      # open, due 30 June 2022
RECRUITMENT = f"{MARCH}/7/a-77aa01"   # open, no due date
AUDIT = f"{NOVEMBER}/8/a-0b1c2d"      # completed at the November meeting
CABINET_ACTION = f"{CABINET}/2021-06-29/5/a-c0ffee"


@dataclass(frozen=True)
class Chair:
    private: Ed25519PrivateKey
    public: PublicKey
    key_path: Path
    pub_path: Path


def make_key(folder: Path, name: str) -> Chair:
    key_path, pub_path = generate_keypair(name, folder, None)
    return Chair(load_private_key(key_path, None), load_public_key(pub_path), key_path, pub_path)


def make_master(path: Path) -> Path:
    """Two committees; the Children's Scrutiny Committee met in March and November 2022."""
    db = sqlite_utils.Database(path)
    create_schema(db)
    db["committees"].insert_all([
        {"id": CHILDREN, "name": "Children's Scrutiny Committee"}, {"id": CABINET, "name": "Cabinet"},
    ])
    db["meetings"].insert_all([
        {"id": MARCH, "committee_id": CHILDREN, "date": "2022-03-15", "year": 2022,
         "title": "Children's Scrutiny Committee"},
        {"id": NOVEMBER, "committee_id": CHILDREN, "date": "2022-11-15", "year": 2022,
         "title": "Children's Scrutiny Committee"},
        {"id": f"{CABINET}/2021-06-29", "committee_id": CABINET, "date": "2021-06-29", "year": 2021, "title": "Cabinet"},
    ])
    db["items"].insert_all([
        {"id": f"{MARCH}/7", "meeting_id": MARCH, "position": 7, "number": "7", "title": "Performance Report",
         "text": "Referrals rose."},
        {"id": f"{NOVEMBER}/8", "meeting_id": NOVEMBER, "position": 8, "number": "8",
         "title": "Improvement Plan Monitoring", "text": "Recruitment and retention."},
        {"id": f"{CABINET}/2021-06-29/5", "meeting_id": f"{CABINET}/2021-06-29", "position": 5, "number": "5",
         "title": "Children's Services Improvement Plan Update", "text": "Plan."},
    ])
    db["actions"].insert_all([
        {"id": BRIEFING, "item_id": f"{MARCH}/7", "meeting_id": MARCH, "owner": "Head of Service",
         "text": "circulate a briefing note to Members on referral rates", "due": "2022-06-30", "explicit": 1,
         "status": "open"},
        {"id": RECRUITMENT, "item_id": f"{MARCH}/7", "meeting_id": MARCH, "owner": "Officers",
         "text": "report back on social worker recruitment", "explicit": 0, "status": "open"},
        {"id": AUDIT, "item_id": f"{NOVEMBER}/8", "meeting_id": NOVEMBER, "owner": "Scrutiny Officer",
         "text": "share the audit findings with the Standing Overview Group", "due": "2022-12-31", "explicit": 1,
         "status": "completed", "completed_at": "2022-11-15"},
        {"id": CABINET_ACTION, "item_id": f"{CABINET}/2021-06-29/5", "meeting_id": f"{CABINET}/2021-06-29",
         "owner": "Cabinet Member", "text": "publish the improvement plan", "explicit": 1, "status": "open"},
    ])
    db.conn.close()
    return path


def register(master: Path, chair: Chair, name: str, committees: list[str]) -> None:
    conn = open_master(master)
    try:
        add_chair(conn, chair.public, name, committees)
    finally:
        conn.close()


def release_to(master: Path, data_dir: Path, version: int) -> Path:
    """Put a copy of the master on this laptop as release ``version``, as a pull would."""
    snapshot = data_dir / "snapshots" / f"v{version:06d}.db"
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    snapshot.unlink(missing_ok=True)
    source = sqlite3.connect(master)
    try:
        source.execute("VACUUM INTO ?", (str(snapshot),))
    finally:
        source.close()
    pointer = {"version": version, "path": f"snapshots/{snapshot.name}", "published_at": "2022-11-16T09:00:00+00:00"}
    replace_file(data_dir / "current.json", json.dumps(pointer).encode("utf-8"))
    return snapshot


def action_row(master: Path, action_id: str) -> dict:
    conn = sqlite3.connect(master)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM actions WHERE id = ?", (action_id,)).fetchone())
    finally:
        conn.close()


def rows(master: Path, sql: str, *params: object) -> list[tuple]:
    conn = sqlite3.connect(master)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def event_for(chair: Chair, action_id: str, field: str, old: object, new: object, *, seq: int = 1,
              base_version: int = 1, device_suffix: str = "00000001", note: str | None = None,
              client_time: datetime | None = None) -> Event:
    """An event exactly as a chair's laptop would sign it, with every ordering field chosen by the test."""
    return Event(
        event_id=str(uuid.uuid4()), device_id=f"{chair.public.key_id}-{device_suffix}", seq=seq,
        key_id=chair.public.key_id, author=chair.public.name, action_id=action_id, field=field,
        old_value_seen=old, new_value=new, note=note, base_version=base_version,
        client_time=(client_time or datetime.now(UTC)).isoformat(timespec="seconds"),
    )


def deliver(share: Path, event: Event, private: Ed25519PrivateKey) -> Path:
    """Write a signed event where the chair's outbox would put it."""
    folder = share / OUTBOX_DIR / event.device_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / event.file_name()
    path.write_text(signed_document(event, private), encoding="utf-8")
    return path


def forged(event: Event, **changes: object) -> Event:
    return replace(event, **changes)
