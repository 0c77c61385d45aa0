"""The chair and officer commands as a user types them: output, exit codes, plain errors."""
from __future__ import annotations

import json

from chair_kit import AUDIT, BRIEFING, CHILDREN, RECRUITMENT, deliver, event_for, make_key, release_to, rows
from click.testing import CliRunner

from scrutinydesk.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_the_officer_registers_lists_and_revokes_a_chair(master, tmp_path):
    key = make_key(tmp_path / "keys", "chair-laptop")

    added = run("chairs", "add", str(key.pub_path), "--name", "Cllr Jane Smith (Chair)", "--db", str(master),
                "--committee", CHILDREN)
    listed = run("chairs", "list", "--db", str(master), "--json")
    revoked = run("chairs", "revoke", key.public.key_id, "--db", str(master))
    again = run("chairs", "add", str(key.pub_path), "--name", "x", "--db", str(master), "--committee", CHILDREN)

    assert added.exit_code == 0 and key.public.key_id in added.output
    assert json.loads(listed.output) == [{
        "key_id": key.public.key_id, "name": "Cllr Jane Smith (Chair)", "committees": [CHILDREN],
        "registered_at": json.loads(listed.output)[0]["registered_at"], "revoked_at": None,
    }]
    assert revoked.exit_code == 0 and "Revoked" in revoked.output
    assert again.exit_code == 2 and "was revoked" in again.output


def test_registration_errors_are_one_plain_sentence(master, tmp_path):
    key = make_key(tmp_path / "keys", "chair-laptop")

    unknown = run("chairs", "add", str(key.pub_path), "--name", "A", "--db", str(master), "--committee", "planning")
    not_a_key = run("chairs", "add", str(key.key_path), "--name", "A", "--db", str(master), "--committee", CHILDREN)
    no_db = run("chairs", "list", "--db", str(tmp_path / "missing.db"))
    unnamed = run("chairs", "add", str(key.pub_path), "--name", "A", "--db", str(master))
    assert unnamed.exit_code == 2 and "from: cabinet, childrens-scrutiny" in unnamed.output

    assert unknown.exit_code == 2 and "No committee planning" in unknown.output
    assert not_a_key.exit_code == 2 and "not a public key" in not_a_key.output
    assert no_db.exit_code == 2 and "does not exist" in no_db.output
    assert "Traceback" not in unknown.output + not_a_key.output + no_db.output


def test_complete_queues_while_the_share_is_down_then_sends_lists_pending_and_merges(
        master, chair, data_dir, tmp_path):
    release_to(master, data_dir, 1)
    share = tmp_path / "share"
    common = ["--key", str(chair.key_path), "--outbox", str(share), "--data-dir", str(data_dir)]

    queued = run("actions", "complete", BRIEFING, "--note", "Briefing note circulated", *common)
    assert queued.exit_code == 0, queued.output
    assert "queued, will be sent when the shared folder is reachable" in queued.output.lower()

    listed = json.loads(run("actions", "list", "--json", "--data-dir", str(data_dir)).output)
    briefing = next(a for a in listed if a["id"] == BRIEFING)
    assert (briefing["status"], briefing["pending"], briefing["pending_note"]) == \
        ("completed", True, "Briefing note circulated")
    open_only = run("actions", "list", "--open", "--data-dir", str(data_dir)).output
    assert BRIEFING not in open_only and RECRUITMENT in open_only

    share.mkdir()
    sent = run("actions", "send", "--outbox", str(share), "--data-dir", str(data_dir))
    assert "1 written" in sent.output

    merged = run("merge", "--from", str(share), "--into", str(master))
    assert merged.exit_code == 0
    assert "applied: 1" in merged.output and "rejected: 0" in merged.output
    assert rows(master, "SELECT status FROM actions WHERE id = ?", BRIEFING) == [("completed",)]


def test_an_unregistered_key_is_told_what_to_do(master, data_dir, tmp_path):
    release_to(master, data_dir, 1)
    stranger = make_key(tmp_path / "other", "stranger")

    result = run("actions", "complete", BRIEFING, "--key", str(stranger.key_path), "--data-dir", str(data_dir))

    assert result.exit_code == 2
    assert "not registered as a chair of Children's Scrutiny Committee" in result.output


def test_merge_reports_rejections_and_conflicts_are_settled_from_the_command_line(
        master, share, chair, vice_chair, cabinet_chair):
    first, second = sorted([chair, vice_chair], key=lambda c: c.public.key_id)  # merge order of their devices
    deliver(share, event_for(first, AUDIT, "status", "completed", "open"), first.private)
    deliver(share, event_for(second, AUDIT, "status", "completed", "completed", note="Done"), second.private)
    deliver(share, event_for(cabinet_chair, BRIEFING, "status", "open", "completed"), cabinet_chair.private)

    merged = run("merge", "--from", str(share), "--into", str(master))

    assert merged.exit_code == 0, merged.output
    assert "applied: 1" in merged.output and "conflicts (queued for you): 1" in merged.output
    assert "rejected: 1" in merged.output and "not for committee childrens-scrutiny" in merged.output
    [conflict] = json.loads(run("conflicts", "list", "--db", str(master), "--json").output)
    settled = run("conflicts", "resolve", conflict["event_id"], "--apply-chair", "--db", str(master))
    assert settled.exit_code == 0 and "chair's value applied" in settled.output
    assert rows(master, "SELECT status FROM actions WHERE id = ?", AUDIT) == [("completed",)]
    assert run("conflicts", "list", "--db", str(master)).output.strip() == "No conflicts are waiting."
    assert run("conflicts", "resolve", "nope", "--apply-chair", "--db", str(master)).exit_code == 2
