"""The officer's publish: what lands on the share, in which form, and what it never touches."""
from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sync_kit import add_meeting, make_master, publish_master

from scrutinydesk.cli import main
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.schema import APPLICATION_ID, SCHEMA_VERSION, expected_schema_sha256
from scrutinydesk.sync import share as names


def pub_names(share: Path) -> list[str]:
    return sorted(p.name for p in names.pub_dir(share).iterdir())


def read_meta(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT key, value FROM meta"))
    finally:
        conn.close()


def test_publish_writes_database_manifest_and_signature(master, share, officer):
    published = publish_master(master, share, officer)
    assert published.version == 1
    assert pub_names(share) == ["scrutiny-v000001.db", "scrutiny-v000001.manifest.json", "scrutiny-v000001.manifest.sig"]
    raw = (names.pub_dir(share) / "scrutiny-v000001.manifest.json").read_bytes()
    signature = base64.b64decode((names.pub_dir(share) / "scrutiny-v000001.manifest.sig").read_bytes())
    assert officer.public.verify(signature, raw)
    manifest = json.loads(raw)
    data = published.db_path.read_bytes()
    assert manifest["version"] == 1 and manifest["db_file"] == "scrutiny-v000001.db"
    assert manifest["sha256"] == hashlib.sha256(data).hexdigest() and manifest["size"] == len(data)
    assert manifest["application_id"] == APPLICATION_ID and manifest["user_version"] == SCHEMA_VERSION
    assert manifest["schema_sha256"] == expected_schema_sha256()
    assert manifest["key_id"] == officer.public.key_id and manifest["published_by"] == "officer"
    assert manifest["prev_sha256"] == "" and manifest["ingested"] == {}
    assert manifest["min_app_version"] and manifest["published_at"].endswith("+00:00")
    assert data[18:20] == b"\x01\x01"  # rollback journal, never WAL


def test_each_publish_is_a_new_version_chained_to_the_last(master, share, officer):
    first = publish_master(master, share, officer)
    before = {name: (names.pub_dir(share) / name).read_bytes() for name in pub_names(share)}
    second = publish_master(master, share, officer)  # an unchanged master still makes a new release
    assert second.version == 2
    assert second.manifest.prev_sha256 == first.manifest.sha256
    for name, data in before.items():
        assert (names.pub_dir(share) / name).read_bytes() == data


def test_the_published_copy_is_stamped_and_the_master_left_alone(master, share, officer):
    master_bytes = master.read_bytes()
    published = publish_master(master, share, officer)
    meta = read_meta(published.db_path)
    assert meta["release_version"] == "1"
    assert meta["published_at"] == published.manifest.published_at
    assert "release_version" not in read_meta(master)
    assert master.read_bytes() == master_bytes


def test_a_wal_mode_master_is_published_in_rollback_journal_mode(tmp_path, share, officer):
    master = make_master(tmp_path / "wal-master.db")
    conn = sqlite3.connect(master)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("INSERT INTO meta (key, value) VALUES ('note', 'unchecked in the WAL')")
    conn.commit()
    published = publish_master(master, share, officer)  # the master stays open, WAL not checkpointed
    conn.close()
    assert published.db_path.read_bytes()[18:20] == b"\x01\x01"
    assert read_meta(published.db_path)["note"] == "unchecked in the WAL"


def test_ingested_acknowledgements_come_from_the_master(master, share, officer):
    conn = sqlite3.connect(master)
    conn.executemany("INSERT INTO ingested (device_id, seq) VALUES (?, ?)", [("chair-laptop", 7), ("deputy", 2)])
    conn.commit()
    conn.close()
    assert publish_master(master, share, officer).manifest.ingested == {"chair-laptop": 7, "deputy": 2}


def test_officer_only_tables_are_left_out(master, share, officer, pull):
    conn = sqlite3.connect(master)
    conn.execute("CREATE TABLE corrections_draft (id TEXT, body TEXT)")
    conn.execute("CREATE VIEW open_actions AS SELECT * FROM actions WHERE status = 'open'")
    conn.commit()
    conn.close()
    published = publish_master(master, share, officer)
    assert set(published.left_out) == {"corrections_draft", "open_actions"}
    assert pull().status == "updated"


def test_a_master_with_another_schema_is_refused_and_nothing_is_written(master, share, officer):
    conn = sqlite3.connect(master)
    conn.execute("ALTER TABLE actions ADD COLUMN priority TEXT")
    conn.commit()
    conn.close()
    with pytest.raises(UserFacingError, match="differ from the schema this app publishes"):
        publish_master(master, share, officer)
    assert pub_names(share) == []


def test_versions_skip_every_name_already_on_the_share(master, share, officer):
    names.pub_dir(share).mkdir()
    stale = names.pub_dir(share) / "scrutiny-v000004.db.partial"
    stale.write_bytes(b"left by a publisher that died")
    assert publish_master(master, share, officer).version == 5
    assert stale.read_bytes() == b"left by a publisher that died"


def test_unreachable_share_is_a_plain_error(master, officer, tmp_path):
    with pytest.raises(UserFacingError, match="cannot be reached"):
        publish_master(master, tmp_path / "no-such-share", officer)


def test_publish_command_prints_the_new_version(master, share, officer):
    runner = CliRunner()
    args = ["publish", str(master), "--to", str(share), "--key", str(officer.key_path)]
    assert runner.invoke(main, args).output.startswith("Published release v1 ")
    add_meeting(master, 50)
    result = runner.invoke(main, args)
    assert result.exit_code == 0 and result.output.startswith("Published release v2 ")


def test_publish_command_with_a_missing_master_says_so(share, officer, tmp_path):
    result = CliRunner().invoke(main, ["publish", str(tmp_path / "nope.db"), "--to", str(share),
                                       "--key", str(officer.key_path)])
    assert result.exit_code == 2
    assert "does not exist" in result.output and "Traceback" not in result.output


def test_publish_can_prune_all_but_the_newest_releases(master, share, officer, pull):
    runner = CliRunner()
    args = ["publish", str(master), "--to", str(share), "--key", str(officer.key_path)]
    for _ in range(4):
        assert runner.invoke(main, args).exit_code == 0
    assert pull().version == 4
    result = runner.invoke(main, [*args, "--keep", "3"])
    assert result.exit_code == 0 and "Removed older releases: v1, v2." in result.output
    assert {n.split(".")[0] for n in pub_names(share)} == {"scrutiny-v000003", "scrutiny-v000004", "scrutiny-v000005"}
    assert pull().version == 5
    assert runner.invoke(main, [*args, "--keep", "2"]).exit_code == 2  # three at least
