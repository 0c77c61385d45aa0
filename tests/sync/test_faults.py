"""SYNC.md's fault table, rows 1-14 and 19: each fault injected for real on a temporary share.

Every test checks what the member is told (status, one-sentence message, exit code where the
command line is involved) and that the release they had open and every other file in their data
folder (the notebook included) is byte-for-byte what it was.
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from sync_kit import (
    NOTED_ACTION,
    add_meeting,
    craft_release,
    fingerprint,
    make_master,
    make_notebook,
    make_officer,
    publish_master,
    run_child,
    staging_files,
)

from scrutinydesk.cli import main
from scrutinydesk.core.notebook import NOTEBOOK_FILE, Notebook
from scrutinydesk.core.releases import current_release
from scrutinydesk.core.schema import SCHEMA_VERSION
from scrutinydesk.sync import pull as pull_module
from scrutinydesk.sync import share as names
from scrutinydesk.sync.pull import PullStatus, pull_latest
from scrutinydesk.sync.streaming import sha256_of


def cli_pull(share: Path, pub: Path, data_dir: Path, *extra: str):
    return CliRunner().invoke(
        main, ["pull", "--from", str(share), "--trust", str(pub), "--data-dir", str(data_dir), *extra]
    )


def assert_untouched(data_dir: Path, before: dict[str, str], version: int = 1) -> None:
    assert fingerprint(data_dir) == before
    assert current_release(data_dir).version == version
    assert staging_files(data_dir) == []


def second_release_db(tmp_path: Path, master: Path, share: Path, officer) -> Path:  # noqa: ANN001
    """Publish v2 normally and hand back the path of its file on the share (to be damaged)."""
    add_meeting(master, 40)
    return publish_master(master, share, officer).db_path


# -- 1: folder unreachable or hanging ------------------------------------------------------------


def test_01_unreachable_share_is_offline_and_keeps_the_release(member, officer, tmp_path):
    before = fingerprint(member)
    result = pull_latest(tmp_path / "unplugged-drive", officer.public, member, timeout=5)
    assert result.status is PullStatus.OFFLINE
    assert "cannot be reached" in result.message
    assert_untouched(member, before)
    cli = cli_pull(tmp_path / "unplugged-drive", officer.pub_path, member)
    assert cli.exit_code == 2
    assert "cannot be reached" in cli.output and "Traceback" not in cli.output


def test_01_hanging_share_times_out_off_the_calling_thread(member, share, master, officer):
    """The new manifest is a FIFO nobody writes to: opening it blocks, as a dead SMB server does."""
    add_meeting(master, 40)
    published = publish_master(master, share, officer)
    fifo = names.pub_dir(share) / names.manifest_name(published.version)
    fifo.unlink()
    os.mkfifo(fifo)
    before = fingerprint(member)
    started = time.monotonic()
    result = pull_latest(share, officer.public, member, timeout=0.5)
    assert time.monotonic() - started < 5
    assert result.status is PullStatus.OFFLINE
    assert "did not answer within 0.5 seconds" in result.message
    assert_untouched(member, before)
    again = pull_latest(share, officer.public, member, timeout=0.5)  # no second thread piles up behind it
    assert again.status is PullStatus.OFFLINE and "still not answered the last request" in again.message
    assert [t.name for t in threading.enumerate()].count("scrutinydesk-pull") == 1
    # Let the abandoned reader go (a writer appears), so the test leaves no thread behind.
    writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    os.write(writer, b"not a manifest")
    os.close(writer)
    for thread in threading.enumerate():
        if thread.name == "scrutinydesk-pull":
            thread.join(5)
            assert not thread.is_alive()
    assert_untouched(member, before)


# -- 2: publisher killed mid-way ------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["mid-copy", "before-manifest", "mid-manifest", "before-signature"])
def test_02_publisher_killed_leaves_nothing_a_member_takes(member, share, master, officer, stage):
    add_meeting(master, 40)
    child = run_child("dying_publisher.py", stage, str(master), str(share), str(officer.key_path))
    assert child.returncode == -9, child.stderr  # SIGKILL, as a crash or power cut
    left_behind = {p.name: p.read_bytes() for p in names.pub_dir(share).iterdir()}
    before = fingerprint(member)

    result = pull_latest(share, officer.public, member)
    assert result.status is PullStatus.CURRENT, result.message
    assert_untouched(member, before)
    cli = cli_pull(share, officer.pub_path, member)
    assert cli.exit_code == 0 and "Release v1 is current" in cli.output

    # The officer publishes again: a new version, and nothing the dead publisher left is touched.
    again = publish_master(master, share, officer)
    assert again.version == 3
    for name, data in left_behind.items():
        assert (names.pub_dir(share) / name).read_bytes() == data
    assert pull_latest(share, officer.public, member).status is PullStatus.UPDATED
    assert current_release(member).version == 3


# -- 3: db truncated or still syncing after its manifest -----------------------------------------


def test_03_truncated_db_is_rejected_then_taken_once_whole(member, share, master, officer, tmp_path):
    db = second_release_db(tmp_path, master, share, officer)
    whole = db.read_bytes()
    db.write_bytes(whole[: len(whole) // 2])
    before = fingerprint(member)
    result = pull_latest(share, officer.public, member)
    assert result.status is PullStatus.REJECTED and result.retry_later
    assert "does not match its signed size and checksum" in result.message
    assert_untouched(member, before)
    cli = cli_pull(share, officer.pub_path, member)
    assert cli.exit_code == 2 and "does not match its signed size" in cli.output

    db.write_bytes(whole)  # the sync client finishes
    assert pull_latest(share, officer.public, member).status is PullStatus.UPDATED
    assert current_release(member).version == 2


def test_03_still_syncing_placeholder_of_the_right_size_is_rejected(member, share, master, officer, tmp_path):
    """OneDrive's placeholders have the final size but zeros where bytes have not arrived yet."""
    db = second_release_db(tmp_path, master, share, officer)
    data = bytearray(db.read_bytes())
    data[len(data) // 2:] = bytes(len(data) - len(data) // 2)
    db.write_bytes(bytes(data))
    before = fingerprint(member)
    result = pull_latest(share, officer.public, member)
    assert result.status is PullStatus.REJECTED and result.retry_later
    assert "checksum" in result.message
    assert_untouched(member, before)


# -- 4: manifest edited --------------------------------------------------------------------------


def test_04_edited_manifest_fails_its_signature_and_is_logged(member, share, master, officer, tmp_path, caplog):
    second_release_db(tmp_path, master, share, officer)
    path = names.pub_dir(share) / names.manifest_name(2)
    data = json.loads(path.read_bytes())
    data["min_app_version"] = "0.0.1"
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    before = fingerprint(member)
    with caplog.at_level("WARNING", logger="scrutinydesk.sync"):
        result = pull_latest(share, officer.public, member)
    assert result.status is PullStatus.REJECTED and not result.retry_later
    assert "not signed by the trusted officer key" in result.message
    assert any("not signed by the trusted officer key" in r.getMessage() for r in caplog.records)
    assert_untouched(member, before)
    cli = cli_pull(share, officer.pub_path, member)
    assert cli.exit_code == 2 and "not signed by the trusted officer key" in cli.output


# -- 5: db bytes flipped -------------------------------------------------------------------------


def test_05_flipped_bytes_fail_the_hash(member, share, master, officer, tmp_path):
    db = second_release_db(tmp_path, master, share, officer)
    data = bytearray(db.read_bytes())
    data[len(data) // 3] ^= 0xFF
    db.write_bytes(bytes(data))
    before = fingerprint(member)
    result = pull_latest(share, officer.public, member)
    assert result.status is PullStatus.REJECTED
    assert "checksum" in result.message
    assert_untouched(member, before)


# -- 6: signed by an unknown key -----------------------------------------------------------------


def test_06_release_signed_by_an_unknown_key_is_rejected(member, share, master, officer, tmp_path):
    stranger = make_officer(tmp_path / "stranger", "officer")
    add_meeting(master, 40)
    publish_master(master, share, stranger)
    before = fingerprint(member)
    result = pull_latest(share, officer.public, member)
    assert result.status is PullStatus.REJECTED
    assert f"not signed by the trusted officer key {officer.public.key_id}" in result.message
    assert_untouched(member, before)


# -- 7: older signed release replayed ------------------------------------------------------------


def test_07_an_old_share_never_takes_a_member_back(member, share, master, officer, tmp_path):
    old_pub = tmp_path / "old-pub"
    shutil.copytree(names.pub_dir(share), old_pub)  # a backup of the share holding only v1
    add_meeting(master, 40)
    publish_master(master, share, officer)
    assert pull_latest(share, officer.public, member).status is PullStatus.UPDATED
    shutil.rmtree(names.pub_dir(share))
    shutil.copytree(old_pub, names.pub_dir(share))  # the share restored from that backup
    before = fingerprint(member)
    result = pull_latest(share, officer.public, member)
    assert result.status is PullStatus.CURRENT and "Release v2 is current" in result.message
    assert_untouched(member, before, version=2)


def test_07_old_release_replayed_under_a_new_name_is_rejected(member, share, master, officer, tmp_path):
    add_meeting(master, 40)
    publish_master(master, share, officer)
    assert pull_latest(share, officer.public, member).status is PullStatus.UPDATED
    pub = names.pub_dir(share)
    for make_name in (names.db_name, names.manifest_name, names.signature_name):
        shutil.copyfile(pub / make_name(1), pub / make_name(5))
    before = fingerprint(member)
    result = pull_latest(share, officer.public, member)
    assert result.status is PullStatus.REJECTED
    assert "an old release replayed" in result.message
    assert_untouched(member, before, version=2)


# -- 8: schema or app version newer than the app -------------------------------------------------


@pytest.mark.parametrize("field,value", [("user_version", SCHEMA_VERSION + 1), ("min_app_version", "99.0.0")])
def test_08_release_for_a_newer_app_says_upgrade_needed(member, share, officer, tmp_path, field, value):
    newer = make_master(tmp_path / "newer.db")
    craft_release(share, 2, newer, officer.private, **{field: value})
    before = fingerprint(member)
    result = pull_latest(share, officer.public, member)
    assert result.status is PullStatus.REJECTED
    assert "upgrade needed" in result.message
    assert_untouched(member, before)
    cli = cli_pull(share, officer.pub_path, member)
    assert cli.exit_code == 2 and "upgrade needed" in cli.output


def test_08_an_older_app_keeps_working_on_its_release(member, share, master, officer, tmp_path):
    second_release_db(tmp_path, master, share, officer)
    before = fingerprint(member)
    result = pull_latest(share, officer.public, member, app_version="0.0.9")
    assert result.status is PullStatus.REJECTED and "upgrade needed" in result.message
    assert_untouched(member, before)


# -- 9: laptop disk full while staging -----------------------------------------------------------


@contextlib.contextmanager
def tiny_disk(folder: Path, size: str):
    """A real small filesystem (tmpfs) at ``folder`` where the test may mount one."""
    folder.mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True).returncode == 0 if shutil.which("mount") else False
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def member_on(folder: Path, share: Path, officer) -> dict[str, str]:  # noqa: ANN001
    assert pull_latest(share, officer.public, folder).status is PullStatus.UPDATED
    make_notebook(folder)
    return fingerprint(folder)


def test_09_not_enough_space_is_said_before_staging(share, master, officer, tmp_path):
    with tiny_disk(tmp_path / "laptop", "2m") as mounted:
        if not mounted:
            pytest.skip("no small filesystem can be mounted here (the ENOSPC test below covers the fault)")
        laptop = tmp_path / "laptop"
        publish_master(master, share, officer)
        before = member_on(laptop, share, officer)
        add_meeting(master, 40, padding=3_000_000)
        publish_master(master, share, officer)
        result = pull_latest(share, officer.public, laptop)
        assert result.status is PullStatus.REJECTED and result.retry_later
        assert "not enough free disk space" in result.message
        assert_untouched(laptop, before)


def test_09_disk_filling_up_while_staging_is_cleared_up(share, master, officer, tmp_path, monkeypatch):
    with tiny_disk(tmp_path / "laptop", "2m") as mounted:
        laptop = tmp_path / "laptop"
        publish_master(master, share, officer)
        before = member_on(laptop, share, officer)
        add_meeting(master, 40, padding=3_000_000)
        publish_master(master, share, officer)
        # The free-space check passes (space was there when it looked), then the disk fills up.
        monkeypatch.setattr(pull_module.shutil, "disk_usage", lambda _p: SimpleNamespace(free=10**12))
        if not mounted:  # no tmpfs here: the write itself fails as a full disk makes it fail

            def full(source, target, on_chunk=None, fsync=True):  # noqa: ANN001, ANN202
                target.write(source.read(4096))
                raise OSError(errno.ENOSPC, "No space left on device")

            monkeypatch.setattr(pull_module, "copy_hashing", full)
        result = pull_latest(share, officer.public, laptop)
        assert result.status is PullStatus.REJECTED and result.retry_later
        assert "disk filled up" in result.message
        assert_untouched(laptop, before)


# -- 10: power loss between staging and switch ---------------------------------------------------


@pytest.mark.parametrize("stage", ["mid-staging", "staged", "snapshot-renamed", "pointer-written", "before-ratchet"])
def test_10_power_cut_during_a_pull_leaves_a_whole_release(member, share, master, officer, tmp_path, stage):
    published = {1: sha256_of(names.pub_dir(share) / names.db_name(1))[1]}
    add_meeting(master, 40)
    published[2] = publish_master(master, share, officer).manifest.sha256
    notebook = (member / "notebook.db").read_bytes()

    child = run_child("dying_puller.py", stage, str(share), str(officer.pub_path), str(member))
    assert child.returncode == -9, child.stderr

    # "Next start": whichever release current.json names is whole and verified.
    opened = current_release(member)
    assert opened.version in (1, 2)
    assert sha256_of(opened.path)[1] == published[opened.version]
    conn = sqlite3.connect(f"{opened.path.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    conn.close()
    assert (member / "notebook.db").read_bytes() == notebook

    # The next pull finishes the job and clears what the cut left in staging.
    result = pull_latest(share, officer.public, member)
    assert result.is_current, result.message
    assert current_release(member).version == 2
    assert staging_files(member) == []
    assert (member / "notebook.db").read_bytes() == notebook


# -- 11: malicious db (extra trigger or view) ----------------------------------------------------


@pytest.mark.parametrize("extra", [
    "CREATE TRIGGER spy AFTER INSERT ON meta BEGIN DELETE FROM meetings; END",
    "CREATE VIEW meetings_plus AS SELECT * FROM meetings",
])
def test_11_schema_with_an_injected_object_is_rejected(member, share, master, officer, tmp_path, extra):
    hostile = altered_copy(master, tmp_path / "hostile.db", extra)
    signed_release_is_rejected(member, share, officer, hostile, "tables, views or triggers differ")


def altered_copy(master: Path, path: Path, statement: str) -> Path:
    shutil.copyfile(master, path)
    conn = sqlite3.connect(path)
    conn.execute(statement).fetchall()
    conn.commit()
    conn.close()
    return path


def signed_release_is_rejected(member: Path, share: Path, officer, db: Path, reason: str) -> None:  # noqa: ANN001
    """``db`` published as v2 with a valid signature (its hash matches): the pull still refuses it."""
    craft_release(share, 2, db, officer.private)
    before = fingerprint(member)
    result = pull_latest(share, officer.public, member)
    assert result.status is PullStatus.REJECTED
    assert reason in result.message
    assert_untouched(member, before)


# -- 12: right hash, corrupt pages ---------------------------------------------------------------


def test_12_corrupt_pages_with_a_matching_hash_fail_quick_check(member, share, master, officer, tmp_path):
    corrupt = tmp_path / "corrupt.db"
    make_master(corrupt, meetings=30, padding=200_000)
    conn = sqlite3.connect(corrupt)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").fetchone()[0]
    conn.close()
    with open(corrupt, "r+b") as handle:  # scribble over the documents table's root page
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff\x13" * 200)
    signed_release_is_rejected(member, share, officer, corrupt, "corrupt pages")


# -- 13: WAL-mode db published -------------------------------------------------------------------


def test_13_wal_mode_release_is_rejected(member, share, master, officer, tmp_path):
    wal = altered_copy(master, tmp_path / "wal.db", "PRAGMA journal_mode = WAL")
    assert wal.read_bytes()[18:20] == b"\x02\x02"
    signed_release_is_rejected(member, share, officer, wal, "WAL journal mode")


# -- 14: conflict copies -------------------------------------------------------------------------


def test_14_conflict_copies_and_partials_are_ignored(member, share, master, officer, tmp_path):
    add_meeting(master, 40)
    stray = tmp_path / "stray"
    publish_master(master, make_folder(stray), officer)  # a whole, validly signed release...
    pub, source = names.pub_dir(share), names.pub_dir(stray)
    suffixes = {names.db_name(1): ".db", names.manifest_name(1): ".manifest.json", names.signature_name(1): ".manifest.sig"}
    for name, suffix in suffixes.items():  # ...left only under names a sync client invents
        for look_alike in ("scrutiny-v000007 (1)", "scrutiny-v000008-LAPTOP", "scrutiny-v000009.sync-conflict-20221116"):
            shutil.copyfile(source / name, pub / f"{look_alike}{suffix}")
        shutil.copyfile(source / name, pub / f".sync-conflict-20221116-{name}")
        shutil.copyfile(source / name, pub / f"scrutiny-v000010{suffix}.partial")
    before = fingerprint(member)
    result = pull_latest(share, officer.public, member)
    assert result.status is PullStatus.CURRENT, result.message
    assert_untouched(member, before)
    assert publish_master(master, share, officer).version == 11  # never reuses a name in use


def make_folder(path: Path) -> Path:
    path.mkdir()
    return path


# -- 19: annotated record removed upstream -------------------------------------------------------


def test_19_record_removed_upstream_leaves_the_note_in_place(member, share, master, officer):
    conn = sqlite3.connect(master)
    conn.execute("DELETE FROM actions WHERE id = ?", (NOTED_ACTION,))
    conn.commit()
    conn.close()
    publish_master(master, share, officer)
    before = fingerprint(member)
    result = pull_latest(share, officer.public, member)
    assert result.status is PullStatus.UPDATED
    after = fingerprint(member)
    kept = {k: v for k, v in before.items() if not k.startswith("snapshots/") and k != "current.json"}
    assert kept and {k: after[k] for k in kept} == kept  # the notebook, byte for byte
    with Notebook(member / NOTEBOOK_FILE, current_release(member).path) as notebook:
        [note] = notebook.all_notes()
    assert (note.target_id, note.text, note.detached) == (NOTED_ACTION, "Ask about agency staff", True)
