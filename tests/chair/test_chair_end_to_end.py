"""End to end with real processes on a temporary share: from the chair's click to every member's window.

Officer and chair make keys; the officer builds the master from the seed minutes, registers the
chair and publishes; the chair pulls, marks an action completed while the share is unplugged
(queued), sends once it is back (written); the officer merges and publishes; a member pulls and sees
the action completed with the chair's note and its history.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import ROOT, run_cli

COMMITTEE = "childrens-scrutiny"
NOTE = "Briefing note circulated to all Members on 20 December"


def ok(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, f"{args}: {result.stderr}"
    return result.stdout


def listed(home: Path, *extra: str) -> list[dict]:
    return json.loads(ok("actions", "list", "--json", "--data-dir", str(home), *extra))


def test_a_completion_travels_from_the_chair_to_every_member(tmp_path: Path):
    keys, share, master = tmp_path / "keys", tmp_path / "share", tmp_path / "master.db"
    chair_home, member_home = tmp_path / "chair-home", tmp_path / "member-home"
    share.mkdir()
    ok("keygen", "officer", "--out", str(keys), "--no-passphrase")
    ok("keygen", "chair", "--out", str(keys), "--no-passphrase")
    ok("build", str(master), "--minutes", str(ROOT / "data" / "minutes"))
    conn = sqlite3.connect(master)
    [action_id] = conn.execute(
        "SELECT a.id FROM actions a JOIN meetings m ON m.id = a.meeting_id WHERE m.committee_id = ? "
        "AND m.date IS NOT NULL AND a.status = 'open' ORDER BY a.id LIMIT 1", (COMMITTEE,)).fetchone()
    conn.close()
    ok("chairs", "add", str(keys / "chair.pub"), "--name", "Cllr Jane Smith (Chair)", "--db", str(master),
       "--committee", COMMITTEE)
    assert "v1" in ok("publish", str(master), "--to", str(share), "--key", str(keys / "officer.key"))
    for home in (chair_home, member_home):
        ok("pull", "--from", str(share), "--trust", str(keys / "officer.pub"), "--data-dir", str(home))

    unplugged = share.rename(tmp_path / "share-unplugged")
    queued = ok("actions", "complete", action_id, "--note", NOTE, "--key", str(keys / "chair.key"),
                "--outbox", str(share), "--data-dir", str(chair_home))
    assert "queued, will be sent when the shared folder is reachable" in queued.lower()
    mine = next(a for a in listed(chair_home) if a["id"] == action_id)
    assert (mine["status"], mine["pending"]) == ("completed", True)

    unplugged.rename(share)
    sent = ok("actions", "send", "--outbox", str(share), "--data-dir", str(chair_home))
    assert "1 written" in sent
    [event_file] = list((share / "outbox").rglob("*.json"))

    merged = ok("merge", "--from", str(share), "--into", str(master))
    assert "applied: 1" in merged and "rejected: 0" in merged
    assert "v2" in ok("publish", str(master), "--to", str(share), "--key", str(keys / "officer.key"))
    ok("pull", "--from", str(share), "--trust", str(keys / "officer.pub"), "--data-dir", str(member_home))

    seen = next(a for a in listed(member_home) if a["id"] == action_id)
    assert (seen["status"], seen["pending"]) == ("completed", False)
    assert any(line.startswith("Completed ") and line.endswith(f"by Cllr Jane Smith (Chair): {NOTE}")
               for line in seen["history"]), seen["history"]

    # The chair's laptop takes v2 too: the change is acknowledged and no longer pending or resent.
    ok("pull", "--from", str(share), "--trust", str(keys / "officer.pub"), "--data-dir", str(chair_home))
    mine = next(a for a in listed(chair_home) if a["id"] == action_id)
    assert (mine["status"], mine["pending"]) == ("completed", False)
    event_file.unlink()
    assert "0 written" in ok("actions", "send", "--outbox", str(share), "--data-dir", str(chair_home))
    assert not event_file.exists()
