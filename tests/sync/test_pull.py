"""A member's pull: switching, keeping snapshots, rolling back, settings, the command line."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner
from sync_kit import add_meeting, craft_release, fingerprint, make_master, make_officer, publish_master

from scrutinydesk.cli import main
from scrutinydesk.core.config import Settings, save_settings
from scrutinydesk.core.paths import bundled_database
from scrutinydesk.core.releases import current_release
from scrutinydesk.sync import share as names
from scrutinydesk.sync import snapshots
from scrutinydesk.sync.pull import PullStatus


def snapshot_names(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "snapshots").glob("*.db"))


def test_nothing_published_yet_keeps_the_bundled_database(pull, data_dir):
    result = pull()
    assert result.status is PullStatus.CURRENT and result.version is None
    assert "No release has been published" in result.message
    assert current_release(data_dir).path == bundled_database()


def test_pull_switches_to_the_new_release_then_is_current(pull, master, share, officer, data_dir):
    published = publish_master(master, share, officer)
    result = pull()
    assert result.status is PullStatus.UPDATED and result.version == 1
    assert "published" in result.message and "by officer" in result.message
    opened = current_release(data_dir)
    assert opened.path == data_dir / "snapshots" / "v000001.db"
    assert opened.path.read_bytes() == published.db_path.read_bytes()
    assert (opened.published_at, opened.key_id, opened.published_by) == (
        published.manifest.published_at, officer.public.key_id, "officer")
    again = pull()
    assert again.status is PullStatus.CURRENT and again.message == "Release v1 is current; there is nothing newer on the shared folder."


def test_two_previous_snapshots_are_kept(pull, master, share, officer, data_dir):
    for day in range(5):
        add_meeting(master, 60 + day)
        publish_master(master, share, officer)
        assert pull().status is PullStatus.UPDATED
    assert snapshot_names(data_dir) == ["v000003.db", "v000004.db", "v000005.db"]
    assert sorted(p.name for p in (data_dir / "snapshots").glob("*.json")) == [
        "v000003.json", "v000004.json", "v000005.json"]


def test_a_snapshot_held_open_is_never_pruned(pull, master, share, officer, data_dir):
    publish_master(master, share, officer)
    pull()
    held = current_release(data_dir).path
    snapshots.mark_open(held)
    try:
        for day in range(4):
            add_meeting(master, 70 + day)
            publish_master(master, share, officer)
            pull()
        assert held.is_file()
    finally:
        snapshots.mark_closed(held)


def test_the_newest_release_failing_does_not_hold_back_a_good_older_one(pull, master, share, officer, data_dir, tmp_path):
    add_meeting(master, 80)
    publish_master(master, share, officer)  # v1, whole
    craft_release(share, 2, make_master(tmp_path / "next.db"), officer.private, min_app_version="99.0")
    result = pull()
    assert result.status is PullStatus.UPDATED and result.version == 1


def test_rollback_goes_back_and_the_ratchet_holds(pull, master, share, officer, data_dir):
    for day in range(3):
        add_meeting(master, 90 + day)
        publish_master(master, share, officer)
        pull()
    runner = CliRunner()
    result = runner.invoke(main, ["pull", "--rollback", "--data-dir", str(data_dir)])
    assert result.exit_code == 0 and result.output.startswith("Now on release v2")
    assert current_release(data_dir).version == 2
    assert pull().status is PullStatus.CURRENT  # v3 was already taken once: no silent return to it
    assert current_release(data_dir).version == 2
    runner.invoke(main, ["pull", "--rollback", "--data-dir", str(data_dir)])
    result = runner.invoke(main, ["pull", "--rollback", "--data-dir", str(data_dir)])
    assert result.exit_code == 2 and "no earlier release" in result.output
    assert current_release(data_dir).version == 1


def test_pull_command_prints_what_is_new(master, share, officer, data_dir):
    publish_master(master, share, officer)
    args = ["pull", "--from", str(share), "--trust", str(officer.pub_path), "--data-dir", str(data_dir)]
    runner = CliRunner()
    assert runner.invoke(main, args).exit_code == 0
    add_meeting(master, 100)
    publish_master(master, share, officer)
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    assert "Updated to release v2" in result.output
    assert "What's new: 1 new meeting, 1 new action, 1 new figure." in result.output


def test_pull_command_reads_the_shared_folder_and_key_from_the_settings(master, share, officer, data_dir):
    publish_master(master, share, officer)
    runner = CliRunner()
    result = runner.invoke(main, ["pull", "--data-dir", str(data_dir)])
    assert result.exit_code == 2 and "No shared folder is set" in result.output
    save_settings(Settings(shared_folder=share), data_dir)
    result = runner.invoke(main, ["pull", "--data-dir", str(data_dir)])
    assert result.exit_code == 2 and "No officer key is trusted" in result.output
    record = json.loads(officer.pub_path.read_text())
    save_settings(Settings(shared_folder=share, trusted_key=record), data_dir)
    result = runner.invoke(main, ["pull", "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    assert current_release(data_dir).version == 1


def test_a_pinned_key_whose_id_was_mistyped_is_refused(master, share, officer, data_dir):
    record = {**json.loads(officer.pub_path.read_text()), "key_id": "0000000000000000"}
    save_settings(Settings(shared_folder=share, trusted_key=record), data_dir)
    result = CliRunner().invoke(main, ["pull", "--data-dir", str(data_dir)])
    assert result.exit_code == 2 and "does not match its key" in result.output


def test_no_sqlite_connection_is_ever_opened_on_the_share(pull, master, share, officer, monkeypatch):
    opened: list[str] = []
    real_connect = sqlite3.connect

    def recording_connect(database, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        opened.append(str(database))
        return real_connect(database, *args, **kwargs)

    publish_master(master, share, officer)
    monkeypatch.setattr(sqlite3, "connect", recording_connect)
    for day in range(2):
        assert pull().is_current
        add_meeting(master, 110 + day)
        publish_master(master, share, officer)
    assert opened, "the pull validates with SQLite, so connections were expected"
    share_uri, share_path = share.resolve().as_uri(), str(share.resolve())
    assert not [d for d in opened if d.startswith(share_uri) or d.startswith(share_path)]


def test_members_notes_survive_twenty_releases(member, master, share, officer, pull):
    notebook = (member / "notebook.db").read_bytes()
    for day in range(20):
        add_meeting(master, 200 + day)
        publish_master(master, share, officer)
        result = pull()
        assert result.status is PullStatus.UPDATED, result.message
        assert (member / "notebook.db").read_bytes() == notebook
    assert current_release(member).version == 21
    assert [k for k in fingerprint(member) if not k.startswith("snapshots/")] == ["current.json", "notebook.db"]


def test_manifest_names_are_strict(share):
    assert names.list_pub(share).signed == ()
    pub = names.pub_dir(share)
    pub.mkdir()
    for name in ["scrutiny-v000003.manifest.json", "scrutiny-v000003.manifest.sig",
                 "scrutiny-v000004.manifest.json",  # not signed yet
                 "scrutiny-v0000005.manifest.json", "scrutiny-v0000005.manifest.sig",
                 "SCRUTINY-V000006.manifest.json", "SCRUTINY-V000006.manifest.sig"]:
        (pub / name).write_text("")
    listing = names.list_pub(share)
    assert listing.signed == (3,) and listing.highest_used == 4


def test_a_version_signed_twice_with_different_bytes_raises_the_alarm(pull, master, share, officer, data_dir, caplog):
    publish_master(master, share, officer)
    assert pull().status is PullStatus.UPDATED
    for make_name in (names.db_name, names.manifest_name, names.signature_name):  # the officer's PC
        (names.pub_dir(share) / make_name(1)).unlink()  # restored from an old backup republishes v1
    add_meeting(master, 120)
    publish_master(master, share, officer)
    assert [p.name for p in sorted(names.pub_dir(share).iterdir())][0] == "scrutiny-v000001.db"
    with caplog.at_level("ERROR", logger="scrutinydesk.sync"):
        result = pull()
    assert result.status is PullStatus.CURRENT
    assert result.alarm and "Two different releases were signed as v1" in result.alarm
    assert any("signed as v1" in r.getMessage() for r in caplog.records)
    cli = CliRunner().invoke(main, ["pull", "--from", str(share), "--trust", str(officer.pub_path),
                                    "--data-dir", str(data_dir)])
    assert cli.exit_code == 0 and "Two different releases were signed as v1" in cli.output


def test_key_rotation_is_announced_by_a_release_signed_with_the_old_key(pull, master, share, officer, tmp_path):
    successor = make_officer(tmp_path / "new-keys", "officer-2024")
    publish_master(master, share, successor)  # not announced yet: refused
    assert pull().status is PullStatus.REJECTED
    args = ["publish", str(master), "--to", str(share), "--key", str(officer.key_path),
            "--announce", str(successor.pub_path)]
    assert CliRunner().invoke(main, args).exit_code == 0  # v2, old key, announcing the new one
    assert pull().version == 2
    add_meeting(master, 130)
    publish_master(master, share, successor)  # v3, new key only
    result = pull()  # the member still has only the old key configured
    assert result.status is PullStatus.UPDATED and result.version == 3


def test_a_snapshot_lost_on_the_laptop_is_fetched_again(pull, master, share, officer, data_dir):
    publish_master(master, share, officer)
    assert pull().status is PullStatus.UPDATED
    (data_dir / "snapshots" / "v000001.db").unlink()  # quarantined by an antivirus, say
    assert current_release(data_dir).version is None
    result = pull()
    assert result.status is PullStatus.UPDATED and result.version == 1
