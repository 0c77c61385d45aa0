"""The officer's merge: what is applied, what is queued, what is refused, and in which order.

Fault rows 15-18 of SYNC.md are tested here, plus forged, edited and misdirected changes.
"""
from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from chair_kit import (
    AUDIT,
    BRIEFING,
    CABINET_ACTION,
    MARCH,
    RECRUITMENT,
    action_row,
    deliver,
    event_for,
    forged,
    make_key,
    rows,
)

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.sync.chairs import open_master, revoke_chair
from scrutinydesk.sync.conflicts import list_conflicts, resolve_conflict
from scrutinydesk.sync.events import signed_document
from scrutinydesk.sync.merge import merge_outbox


def history(master: Path, action_id: str) -> list[tuple]:
    return rows(master, "SELECT who, field, new_value, note, outcome, device_id FROM action_history "
                        "WHERE action_id = ? ORDER BY id", action_id)


def test_a_completion_is_applied_with_its_history_and_acknowledged(master, share, chair):
    event = event_for(chair, BRIEFING, "status", "open", "completed", note="Briefing note circulated",
                      client_time=datetime(2022, 11, 15, 10, 30, tzinfo=UTC))
    deliver(share, event, chair.private)

    report = merge_outbox(share, master)

    assert (report.applied, report.conflicts, report.rejected) == (1, 0, [])
    row = action_row(master, BRIEFING)
    assert (row["status"], row["completed_at"]) == ("completed", "2022-11-15")
    assert history(master, BRIEFING) == [
        ("Cllr Jane Smith (Chair)", "status", "completed", "Briefing note circulated", "applied", event.device_id)
    ]
    assert rows(master, "SELECT device_id, seq FROM ingested") == [(event.device_id, 1)]


def test_fault_15_two_chairs_complete_the_same_action_once_and_both_are_in_the_history(
        master, share, chair, vice_chair):
    deliver(share, event_for(chair, BRIEFING, "status", "open", "completed", note="Done, chair"), chair.private)
    deliver(share, event_for(vice_chair, BRIEFING, "status", "open", "completed", note="Done, vice"),
            vice_chair.private)

    report = merge_outbox(share, master)

    assert (report.applied, report.recorded, report.conflicts) == (1, 1, 0)
    assert action_row(master, BRIEFING)["status"] == "completed"
    outcomes = sorted((who, outcome) for who, _, _, _, outcome, _ in history(master, BRIEFING))
    assert outcomes == [("Cllr Jane Smith (Chair)", "applied"), ("Cllr Tom Reed (Vice-Chair)", "recorded")] or \
        outcomes == [("Cllr Jane Smith (Chair)", "recorded"), ("Cllr Tom Reed (Vice-Chair)", "applied")]
    assert list_conflicts(open_master(master)) == []


def test_fault_16_complete_and_reopen_from_the_same_base_applies_one_and_queues_the_other(
        master, share, chair, vice_chair):
    """Both chairs saw AUDIT completed in release 1: one reopens it, the other records its completion
    again with a note. Whichever is merged first applies; the second was made against a value the
    master no longer has, so it is queued for the officer and the master keeps the first."""
    first, second = sorted([chair, vice_chair], key=lambda c: c.public.key_id)
    reopen = event_for(first, AUDIT, "status", "completed", "open", note="Findings not yet shared")
    complete = event_for(second, AUDIT, "status", "completed", "completed", note="Shared on 20 Nov")
    deliver(share, reopen, first.private)
    deliver(share, complete, second.private)

    report = merge_outbox(share, master)

    assert (report.applied, report.conflicts) == (1, 1)
    assert action_row(master, AUDIT)["status"] == "open"
    [conflict] = list_conflicts(open_master(master))
    assert (conflict.event_id, conflict.old_value_seen, conflict.master_value, conflict.new_value) == \
        (complete.event_id, "completed", "open", "completed")
    assert [outcome for *_, outcome, _ in history(master, AUDIT)] == ["applied", "conflict"]


def test_fault_16_a_stale_due_date_change_is_queued_and_the_master_is_unchanged(master, share, chair, vice_chair):
    deliver(share, event_for(chair, BRIEFING, "due", "2022-06-30", "2022-09-30"), chair.private)
    deliver(share, event_for(vice_chair, BRIEFING, "due", "2022-06-30", "2022-12-31", base_version=1),
            vice_chair.private)

    report = merge_outbox(share, master)

    assert (report.applied, report.conflicts) == (1, 1)
    due = action_row(master, BRIEFING)["due"]
    assert due in ("2022-09-30", "2022-12-31")
    [conflict] = list_conflicts(open_master(master))
    assert conflict.master_value == due and conflict.new_value != due


def test_fault_17_a_laptop_clock_hours_wrong_does_not_change_the_order_but_is_warned(master, share, chair):
    """The chair completes and then reopens; the laptop's clock jumped back five hours in between.
    Ordering by the clock would reopen first and leave the action completed."""
    now = datetime.now(UTC)
    deliver(share, event_for(chair, BRIEFING, "status", "open", "completed", seq=1,
                             client_time=now + timedelta(hours=5)), chair.private)
    deliver(share, event_for(chair, BRIEFING, "status", "completed", "open", seq=2, note="Marked by mistake",
                             client_time=now - timedelta(hours=3)), chair.private)

    report = merge_outbox(share, master)

    assert (report.applied, report.conflicts) == (2, 0)
    assert action_row(master, BRIEFING)["status"] == "open"
    assert len(report.warnings) == 2
    assert all("order is not affected" in w for w in report.warnings)


def test_order_follows_base_version_then_device_then_seq(master, share, chair, vice_chair):
    """The vice-chair's owner change was made on release 2, the chair's on release 1: the chair's
    (older base) goes first, the vice-chair's applies on top of it."""
    deliver(share, event_for(vice_chair, RECRUITMENT, "owner", "Head of HR", "Director of Children's Services",
                             base_version=2), vice_chair.private)
    deliver(share, event_for(chair, RECRUITMENT, "owner", "Officers", "Head of HR", base_version=1), chair.private)

    report = merge_outbox(share, master)

    assert (report.applied, report.conflicts) == (2, 0)
    assert action_row(master, RECRUITMENT)["owner"] == "Director of Children's Services"
    db = sqlite_utils.Database(master)
    assert [r["id"] for r in db["actions"].search("Director")] == [RECRUITMENT]


def test_fault_18_a_file_delivered_twice_is_applied_once(master, share, chair):
    event = event_for(chair, BRIEFING, "status", "open", "completed", note="Circulated")
    path = deliver(share, event, chair.private)
    shutil.copy(path, path.with_name(path.stem + " (1).json"))  # the sync client's conflict copy

    first = merge_outbox(share, master)
    path.unlink()
    deliver(share, event, chair.private)  # resent because no release acknowledged it yet
    second = merge_outbox(share, master)

    assert (first.applied, first.already_known, first.rejected) == (1, 0, [])
    assert (second.applied, second.already_known, second.rejected) == (0, 1, [])
    assert len(history(master, BRIEFING)) == 1


def test_an_event_signed_by_an_unregistered_key_is_rejected_and_nothing_applied(master, share, tmp_path):
    stranger = make_key(tmp_path / "other", "stranger")
    deliver(share, event_for(stranger, BRIEFING, "status", "open", "completed"), stranger.private)

    report = merge_outbox(share, master)

    assert report.applied == 0
    assert ["not registered" in r.reason for r in report.rejected] == [True]
    assert action_row(master, BRIEFING)["status"] == "open"
    assert rows(master, "SELECT count(*) FROM events") == [(0,)]
    assert history(master, BRIEFING) == []


def test_an_edited_event_file_is_rejected_and_nothing_applied(master, share, chair):
    path = deliver(share, event_for(chair, BRIEFING, "due", "2022-06-30", "2022-07-31"), chair.private)
    path.write_text(path.read_text(encoding="utf-8").replace("2022-07-31", "2029-01-01"), encoding="utf-8")

    report = merge_outbox(share, master)

    assert report.applied == 0
    assert ["signature does not match" in r.reason for r in report.rejected] == [True]
    assert action_row(master, BRIEFING)["due"] == "2022-06-30"


def test_a_signature_copied_onto_another_change_is_rejected(master, share, chair):
    genuine = event_for(chair, BRIEFING, "status", "open", "completed")
    other = forged(genuine, action_id=RECRUITMENT)
    document = signed_document(genuine, chair.private).replace(BRIEFING, RECRUITMENT)
    folder = share / "outbox" / other.device_id
    folder.mkdir(parents=True)
    (folder / other.file_name()).write_text(document, encoding="utf-8")

    report = merge_outbox(share, master)

    assert report.applied == 0 and len(report.rejected) == 1
    assert action_row(master, RECRUITMENT)["status"] == "open"


def test_a_key_registered_for_another_committee_is_rejected_and_nothing_applied(master, share, cabinet_chair):
    deliver(share, event_for(cabinet_chair, BRIEFING, "status", "open", "completed"), cabinet_chair.private)

    report = merge_outbox(share, master)

    assert report.applied == 0
    [rejection] = report.rejected
    assert "registered for cabinet, not for committee childrens-scrutiny" in rejection.reason
    assert action_row(master, BRIEFING)["status"] == "open"
    assert history(master, BRIEFING) == []
    # Its own committee's actions are fine.
    deliver(share, event_for(cabinet_chair, CABINET_ACTION, "status", "open", "completed", seq=2),
            cabinet_chair.private)
    assert merge_outbox(share, master).applied == 1


def test_a_revoked_key_is_rejected(master, share, chair):
    conn = open_master(master)
    revoke_chair(conn, chair.public.key_id)
    conn.close()
    deliver(share, event_for(chair, BRIEFING, "status", "open", "completed"), chair.private)

    report = merge_outbox(share, master)

    assert report.applied == 0 and "revoked" in report.rejected[0].reason


def test_a_change_arriving_before_an_earlier_one_waits_for_it(master, share, chair):
    complete = event_for(chair, BRIEFING, "status", "open", "completed", seq=1)
    reopen = event_for(chair, BRIEFING, "status", "completed", "open", seq=2)
    deliver(share, reopen, chair.private)

    early = merge_outbox(share, master)
    assert (early.applied, early.waiting) == (0, 1)
    assert rows(master, "SELECT count(*) FROM ingested") == [(0,)]

    deliver(share, complete, chair.private)
    late = merge_outbox(share, master)

    assert (late.applied, late.already_known, late.waiting) == (2, 1, 0)
    assert action_row(master, BRIEFING)["status"] == "open"
    assert rows(master, "SELECT seq FROM ingested") == [(2,)]


def test_an_action_arising_is_added_and_searchable(master, share, chair):
    item = f"{MARCH}/7"
    value = {"item_id": item, "text": "write to the DfE about agency staff costs", "owner": "Chair", "due": None}
    event = event_for(chair, f"{item}/a-abcdef", "new_action", None, value)
    deliver(share, event, chair.private)

    report = merge_outbox(share, master)

    assert report.applied == 1
    row = action_row(master, f"{item}/a-abcdef")
    assert (row["status"], row["meeting_id"], row["owner"]) == ("open", MARCH, "Chair")
    db = sqlite_utils.Database(master)
    assert [r["id"] for r in db["actions"].search("agency")] == [f"{item}/a-abcdef"]


def test_a_note_is_kept_in_the_history_without_changing_the_action(master, share, chair):
    deliver(share, event_for(chair, RECRUITMENT, "note", None, "Update expected in January"), chair.private)

    assert merge_outbox(share, master).applied == 1
    assert action_row(master, RECRUITMENT)["status"] == "open"
    assert history(master, RECRUITMENT)[0][2:5] == ("Update expected in January", None, "applied")


def test_the_officer_settles_a_conflict_either_way(master, share, chair, vice_chair):
    deliver(share, event_for(chair, BRIEFING, "owner", "Head of Service", "Chair"), chair.private)
    deliver(share, event_for(vice_chair, BRIEFING, "owner", "Head of Service", "Scrutiny Officer"),
            vice_chair.private)
    merge_outbox(share, master)
    conn = open_master(master)
    [conflict] = list_conflicts(conn)
    winner = action_row(master, BRIEFING)["owner"]

    resolved = resolve_conflict(conn, conflict.event_id, apply_chairs_value=True)

    assert resolved.resolution == "chair's value applied"
    assert action_row(master, BRIEFING)["owner"] == conflict.new_value != winner
    assert history(master, BRIEFING)[-1][4] == "conflict resolved: chair's value applied"
    assert list_conflicts(conn) == []
    with pytest.raises(UserFacingError, match="already resolved"):
        resolve_conflict(conn, conflict.event_id, apply_chairs_value=False)
    conn.close()


def test_an_unreachable_share_is_a_plain_error(master, tmp_path):
    with pytest.raises(UserFacingError, match="cannot be reached"):
        merge_outbox(tmp_path / "not-mounted", master)


def test_a_file_that_is_not_an_event_is_rejected_and_temp_files_are_ignored(master, share, chair):
    event = event_for(chair, BRIEFING, "status", "open", "completed")
    path = deliver(share, event, chair.private)
    (path.parent / f".{path.name}.1234.partial").write_text("half", encoding="utf-8")
    junk = path.with_name("000002-" + "0" * 8 + "-0000-0000-0000-" + "0" * 12 + ".json")
    junk.write_text("{not json", encoding="utf-8")
    os.utime(path, None)

    report = merge_outbox(share, master)

    assert report.applied == 1
    assert [r.reason for r in report.rejected] == ["not a well-formed event file"]
