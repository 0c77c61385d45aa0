"""One side of the concurrency test: ``publish`` releases in a loop, or ``pull`` them in a loop.

Usage: stress_child.py publish MASTER SHARE KEY SECONDS | stress_child.py pull SHARE PUB DATA_DIR SECONDS
Prints a JSON summary on stdout; exits 1 when anything unexpected happened (listed in the summary).
Every sqlite3 connection this process opens is recorded: none may be on a file in the share.
"""
from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

from sync_kit import add_meeting

from scrutinydesk.core.releases import current_release
from scrutinydesk.sync import share as names
from scrutinydesk.sync.keys import load_private_key, load_public_key
from scrutinydesk.sync.publish import publish
from scrutinydesk.sync.pull import PullStatus, pull_latest
from scrutinydesk.sync.streaming import sha256_of

opened: list[str] = []
_real_connect = sqlite3.connect


def _recording_connect(database, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
    opened.append(str(database))
    return _real_connect(database, *args, **kwargs)


sqlite3.connect = _recording_connect


def publish_loop(master: Path, share: Path, key: Path, seconds: float) -> dict:
    private, versions, day = load_private_key(key, None), [], 1000
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        add_meeting(master, day)
        day += 1
        versions.append(publish(master, share, private, key_name="officer").version)
    return {"published": versions, "errors": []}


def pull_loop(share: Path, pub: Path, data_dir: Path, seconds: float) -> dict:
    trusted, counts, errors = load_public_key(pub), {"updated": 0, "current": 0}, []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = pull_latest(share, trusted, data_dir, timeout=10)
        if result.status not in (PullStatus.UPDATED, PullStatus.CURRENT):
            errors.append(f"{result.status}: {result.message}")
            continue
        counts[result.status.value] += 1
        opened_now = current_release(data_dir)
        signed = json.loads((names.pub_dir(share) / names.manifest_name(opened_now.version)).read_bytes())
        if sha256_of(opened_now.path)[1] != signed["sha256"]:
            errors.append(f"v{opened_now.version} open but not the signed bytes")
        conn = sqlite3.connect(f"{opened_now.path.as_uri()}?mode=ro", uri=True)
        if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
            errors.append(f"v{opened_now.version} open but not whole")
        conn.close()
    return {**counts, "version": current_release(data_dir).version, "errors": errors}


def main(mode: str, *args: str) -> None:
    seconds = float(args[-1])
    paths = [Path(a) for a in args[:-1]]
    summary = publish_loop(*paths, seconds) if mode == "publish" else pull_loop(*paths, seconds)
    share = (paths[1] if mode == "publish" else paths[0]).resolve()
    on_share = [d for d in opened if d.startswith(share.as_uri()) or d.startswith(str(share))]
    summary["errors"] += [f"SQLite opened {d} on the share" for d in on_share]
    summary["connections"] = len(opened)
    print(json.dumps(summary))
    sys.exit(1 if summary["errors"] else 0)


if __name__ == "__main__":
    main(*sys.argv[1:])
