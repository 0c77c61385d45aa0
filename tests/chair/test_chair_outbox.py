"""The chair's laptop: changes committed locally first, shown pending, sent when the share is there,
resent until a release acknowledges them."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from chair_kit import AUDIT, BRIEFING, CABINET_ACTION, MARCH, RECRUITMENT, action_row, release_to

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.sync import outbox as outbox_module
from scrutinydesk.sync.chair_changes import ChairDesk
from scrutinydesk.sync.events import FILE_PATTERN, parse_document, verify
from scrutinydesk.sync.merge import merge_outbox
from scrutinydesk.sync.outbox import OUTBOX_FILE, Outbox

HERE = Path(__file__).resolve().parent


@pytest.fixture()
def desk(master, chair, data_dir):
    """The chair's laptop on release 1 (which carries the chair's registration)."""
    release_to(master, data_dir, 1)
    desk = ChairDesk(data_dir)
    yield desk
    desk.close()


def view(desk: ChairDesk, action_id: str):
    return next(a for a in desk.actions() if a.id == action_id)


def test_a_completion_shows_at_once_as_pending_and_survives_a_restart(desk, chair, data_dir):
    event = desk.complete(chair.private, BRIEFING, "Briefing note circulated")

    shown = view(desk, BRIEFING)
    assert (shown.status, shown.pending, shown.pending_note) == ("completed", True, "Briefing note circulated")
    assert view(desk, RECRUITMENT).pending is False
    desk.close()

    again = ChairDesk(data_dir)
    try:
        assert view(again, BRIEFING).status == "completed" and view(again, BRIEFING).pending
        [pending] = again.outbox.pending()
        assert (pending.event_id, pending.base_version, pending.old_value_seen) == (event.event_id, 1, "open")
    finally:
        again.close()


def test_a_change_is_committed_before_the_process_can_die(desk, chair, data_dir):
    """A child process records a change and is killed without closing anything."""
    desk.close()
    result = subprocess.run(
        [sys.executable, str(HERE / "dying_chair.py"), str(data_dir), str(chair.key_path), BRIEFING],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 9, result.stderr
    after = ChairDesk(data_dir)
    try:
        assert [e.action_id for e in after.outbox.pending()] == [BRIEFING]
    finally:
        after.close()


def test_an_unreachable_share_leaves_the_change_queued_then_it_is_written(desk, chair, tmp_path):
    share = tmp_path / "share-offline"
    desk.complete(chair.private, BRIEFING)

    offline = desk.send(share)
    assert (offline.reachable, offline.written, offline.pending) == (False, 0, 1)
    assert not share.exists()

    share.mkdir()
    online = desk.send(share)
    assert (online.reachable, online.written, online.pending) == (True, 1, 1)
    [written] = list((share / "outbox").rglob("*.json"))
    assert FILE_PATTERN.match(written.name)
    event, signature = parse_document(written.read_text(encoding="utf-8"))
    assert written.parent.name == event.device_id and verify(event, signature, chair.public)


def test_a_hanging_share_times_out_and_leaves_the_change_queued(desk, chair, share, monkeypatch):
    def hang(*_args):
        time.sleep(3)

    monkeypatch.setattr(outbox_module, "replace_file", hang)
    desk.complete(chair.private, BRIEFING)
    started = time.monotonic()
    result = desk.outbox.send(share, timeout=0.3)
    assert time.monotonic() - started < 2
    assert (result.reachable, result.pending) == (False, 1)


def test_resending_rewrites_a_lost_file_and_leaves_a_present_one(desk, chair, share):
    desk.complete(chair.private, BRIEFING)
    desk.send(share)
    [written] = list((share / "outbox").rglob("*.json"))
    assert desk.send(share).already_there == 1
    written.unlink()  # the sync client lost it
    assert desk.send(share).written == 1
    assert written.is_file()


def test_the_next_release_acknowledges_merged_changes(desk, chair, share, master, data_dir):
    desk.complete(chair.private, BRIEFING, "Circulated")
    desk.send(share)
    desk.reopen(chair.private, AUDIT)  # made after the send: not on the share, so not merged
    merge_outbox(share, master)
    release_to(master, data_dir, 2)

    fresh = ChairDesk(data_dir)
    try:
        assert (view(fresh, BRIEFING).status, view(fresh, BRIEFING).pending) == ("completed", False)
        assert [e.action_id for e in fresh.outbox.pending()] == [AUDIT]
        assert fresh.send(share).written == 1
        assert fresh.base_version == 2
    finally:
        fresh.close()
    assert action_row(master, BRIEFING)["status"] == "completed"


def test_a_key_not_registered_for_the_committee_is_refused_on_the_laptop(desk, chair, cabinet_chair, master, data_dir):
    with pytest.raises(UserFacingError, match="not registered as a chair of Cabinet"):
        desk.complete(chair.private, CABINET_ACTION)
    with pytest.raises(UserFacingError, match="not registered"):
        desk.complete(cabinet_chair.private, BRIEFING)  # registered after release 1 was taken
    assert not desk.has_outbox() or desk.outbox.pending() == []


def test_completing_twice_or_reopening_an_open_action_is_refused(desk, chair):
    desk.complete(chair.private, BRIEFING)
    with pytest.raises(UserFacingError, match="already completed"):
        desk.complete(chair.private, BRIEFING)
    with pytest.raises(UserFacingError, match="already open"):
        desk.reopen(chair.private, RECRUITMENT)
    with pytest.raises(UserFacingError, match="No action"):
        desk.complete(chair.private, f"{MARCH}/7/a-000000")


def test_due_owner_and_an_action_arising_show_pending(desk, chair):
    desk.change(chair.private, BRIEFING, "due", "2022-12-31")
    desk.change(chair.private, BRIEFING, "owner", "Director of Children's Services")
    event = desk.add_action(chair.private, f"{MARCH}/7", "write to the DfE about agency costs", "Chair", "2023-01-31")

    shown = view(desk, BRIEFING)
    assert (shown.due, shown.owner, shown.pending) == ("2022-12-31", "Director of Children's Services", True)
    added = view(desk, event.action_id)
    assert (added.status, added.pending, added.meeting_id, added.due) == ("open", True, MARCH, "2023-01-31")
    assert event.action_id.startswith(f"{MARCH}/7/a-")
    with pytest.raises(UserFacingError, match="not a date"):
        desk.change(chair.private, BRIEFING, "due", "next week")


def test_a_members_laptop_grows_no_outbox(master, data_dir):
    release_to(master, data_dir, 1)
    desk = ChairDesk(data_dir)
    try:
        assert len(desk.actions()) == 4
    finally:
        desk.close()
    assert not (data_dir / OUTBOX_FILE).exists()


def test_sequence_numbers_are_per_device_and_monotonic(desk, chair, data_dir):
    first = desk.complete(chair.private, BRIEFING)
    second = desk.reopen(chair.private, BRIEFING)
    outbox = Outbox(data_dir)
    try:
        third = outbox.record(chair.private, author="x", action_id=RECRUITMENT, field="note", old_value_seen=None,
                              new_value="n", note=None, base_version=1)
    finally:
        outbox.close()
    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert first.device_id == second.device_id == third.device_id
    assert first.device_id.startswith(chair.public.key_id + "-")


def test_the_same_action_arising_twice_gets_two_ids(desk, chair):
    first = desk.add_action(chair.private, f"{MARCH}/7", "Write to the DfE")
    second = desk.add_action(chair.private, f"{MARCH}/7", "write to the DfE.")
    assert second.action_id == f"{first.action_id}-2"
    assert set(desk.pending_actions()) == {first.action_id, second.action_id}
