"""Building blocks for the sync tests: a master database, an officer, crafted releases, fingerprints.

Named uniquely (not conftest) so test modules and the child scripts can import it.
"""
from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from scrutinydesk.core.durable import write_new_file
from scrutinydesk.core.schema import APPLICATION_ID, SCHEMA_VERSION, create_schema, schema_sha256
from scrutinydesk.sync import share as names
from scrutinydesk.sync.keys import PublicKey, generate_keypair, load_private_key, load_public_key, public_of
from scrutinydesk.sync.manifest import Manifest, sign
from scrutinydesk.sync.publish import Published, copy_to_share, publish
from scrutinydesk.sync.snapshots import LOCK_FILE, STATE_FILE
from scrutinydesk.sync.streaming import sha256_of

COMMITTEE = "childrens-scrutiny"
NOTED_ACTION = f"{COMMITTEE}/2022-01-01/1/a-000000"  # the action the member's note is attached to
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Officer:
    private: Ed25519PrivateKey
    public: PublicKey
    key_path: Path
    pub_path: Path


def make_officer(folder: Path, name: str = "officer") -> Officer:
    key_path, pub_path = generate_keypair(name, folder, None)
    return Officer(load_private_key(key_path, None), load_public_key(pub_path), key_path, pub_path)


def meeting_id(day: int) -> str:
    return f"{COMMITTEE}/2022-{1 + day // 28:02d}-{1 + day % 28:02d}"


def make_master(path: Path, meetings: int = 2, padding: int = 0) -> Path:
    """A master database with the real schema, ``meetings`` meetings each with an item, a resolution,
    an open action and a figure; ``padding`` bytes of minutes text make it as big as a test needs."""
    db = _fast(path)
    create_schema(db)
    db["committees"].insert({"id": COMMITTEE, "name": "Children's Scrutiny Committee"}, replace=True)
    db.conn.close()
    for day in range(meetings):
        add_meeting(path, day, padding=padding // max(meetings, 1))
    return path


def add_meeting(path: Path, day: int, padding: int = 0) -> str:
    """Add one meeting with its records (what the officer's next import would bring)."""
    db = _fast(path)
    mid = meeting_id(day)
    item = f"{mid}/1"
    db["meetings"].insert({"id": mid, "committee_id": COMMITTEE, "date": mid.split("/")[1], "year": 2022,
                           "title": "Children's Scrutiny Committee"}, replace=True)
    db["documents"].insert({"id": f"{mid}/doc", "meeting_id": mid, "path": f"{day}.txt",
                            "text": "Minutes. " + "x" * padding}, replace=True)
    db["items"].insert({"id": item, "meeting_id": mid, "document_id": f"{mid}/doc", "position": 1,
                        "number": "1", "title": "Performance Report", "text": "Referrals rose."}, replace=True)
    db["resolutions"].insert({"id": f"{item}/r-{day:06d}", "item_id": item, "meeting_id": mid,
                              "text": "that the report be noted", "parts": "[]", "routine": 1}, replace=True)
    db["actions"].insert({"id": f"{item}/a-{day:06d}", "item_id": item, "meeting_id": mid,
                          "text": "Circulate the briefing note", "owner": "Head of Service",
                          "status": "open"}, replace=True)
    db["figures"].insert({"id": f"{item}/f-{day:06d}", "item_id": item, "meeting_id": mid,
                          "indicator_code": "REF_RATE", "value": 484.0, "quote": "Devon (484 per 10,000)"},
                         replace=True)
    db.conn.close()
    return mid


def _fast(path: Path) -> sqlite_utils.Database:
    """A test fixture need not survive a power cut: no fsync per statement."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA journal_mode = MEMORY")
    return sqlite_utils.Database(conn)


def publish_master(master: Path, share: Path, officer: Officer) -> Published:
    return publish(master, share, officer.private, key_name=officer.public.name)


def craft_release(share: Path, version: int, db_file: Path, private: Ed25519PrivateKey, **overrides) -> Manifest:
    """Put ``db_file`` on the share as release ``version``, signed with ``private``, exactly as the
    officer's publish would, but without its checks (for releases a broken or hostile publisher made)."""
    size, sha256 = sha256_of(db_file)
    conn = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        fingerprint = schema_sha256(conn)
    except sqlite3.DatabaseError:
        fingerprint = "0" * 64
    finally:
        conn.close()
    fields = {
        "version": version, "db_file": names.db_name(version), "sha256": sha256, "size": size,
        "application_id": APPLICATION_ID, "user_version": SCHEMA_VERSION, "schema_sha256": fingerprint,
        "min_app_version": "0.1.0", "published_at": "2022-11-16T09:00:00+00:00",
        "key_id": public_of(private).key_id, "published_by": "crafted",
    }
    manifest = Manifest(**{**fields, **overrides})
    pub = names.pub_dir(share)
    pub.mkdir(parents=True, exist_ok=True)
    copy_to_share(db_file, pub / manifest.db_file, Manifest(**{**fields, "db_file": manifest.db_file}), lambda _: None)
    data = manifest.to_bytes()
    write_new_file(pub / names.manifest_name(version), data)
    write_new_file(pub / names.signature_name(version), sign(data, private))
    return manifest


def fingerprint(data_dir: Path) -> dict[str, str]:
    """Every file a member has in their data folder, by content, except the sync bookkeeping
    (the ratchet file and the lock) that a pull legitimately touches."""
    return {
        str(path.relative_to(data_dir)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(data_dir.rglob("*"))
        if path.is_file() and path.name not in (STATE_FILE, LOCK_FILE)
    }


def make_notebook(data_dir: Path) -> Path:
    """The member's real notebook with a note on the first meeting's action; no pull may touch it."""
    from scrutinydesk.core.notebook import NOTEBOOK_FILE, Notebook
    from scrutinydesk.core.releases import current_release

    with Notebook(data_dir / NOTEBOOK_FILE, current_release(data_dir).path) as notebook:
        notebook.add(NOTED_ACTION, "Ask about agency staff")
    return data_dir / NOTEBOOK_FILE


def staging_files(data_dir: Path) -> list[Path]:
    folder = data_dir / "staging"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def run_child(script: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run one of the child scripts beside this file in its own Python process."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, str(HERE / script), *args], capture_output=True, text=True, timeout=timeout, env=env
    )


def die(*_args, **_kwargs) -> None:  # noqa: ANN002, ANN003
    """Stop this process as a crash or power cut would: no clean-up, no flush of anything pending."""
    os.kill(os.getpid(), signal.SIGKILL)


def half_copy_then_die(source, target, on_chunk=None, fsync=True):  # noqa: ANN001, ANN201
    """Stands in for ``copy_hashing``: writes half the file, flushes it, then dies mid-copy."""
    target.write(source.read(os.fstat(source.fileno()).st_size // 2))
    target.flush()
    os.fsync(target.fileno())
    die()
