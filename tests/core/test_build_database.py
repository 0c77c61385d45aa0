from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from scrutinydesk.core.build_database import BuildInputs, build_database
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.schema import APPLICATION_ID, SCHEMA_VERSION, expected_schema_sha256, schema_sha256
from tests.core.build_helpers import TEXT, document


def ids_of(db: Path, table: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute(f"SELECT id FROM {table} ORDER BY id")]


def test_build_writes_every_record_with_readable_ids(tmp_path: Path) -> None:
    out = tmp_path / "out.db"
    summary = build_database(out, [document()], BuildInputs())
    assert (summary.meetings, summary.items, summary.resolutions, summary.actions, summary.figures) == (1, 1, 1, 1, 1)
    conn = sqlite3.connect(out)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert schema_sha256(conn) == expected_schema_sha256()
    meeting, item = conn.execute("SELECT meeting_id, id FROM items").fetchone()
    assert meeting == "childrens-scrutiny/2022-11-15"
    assert item == "childrens-scrutiny/2022-11-15/7"
    action_id, start, end = conn.execute("SELECT id, span_start, span_end FROM actions").fetchone()
    assert action_id.startswith(item + "/a-")
    assert TEXT[start:end].startswith("Officers agreed")
    assert conn.execute("SELECT count(*) FROM actions_fts WHERE actions_fts MATCH 'briefing'").fetchone()[0] == 1


def test_rebuild_of_unchanged_minutes_gives_the_same_ids(tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    build_database(first, [document()], BuildInputs())
    build_database(second, [document()], BuildInputs())
    for table in ("meetings", "items", "resolutions", "actions", "figures"):
        assert ids_of(first, table) == ids_of(second, table)


def test_keep_ids_from_carries_ids_over_small_text_changes(tmp_path: Path) -> None:
    old, new, plain = tmp_path / "old.db", tmp_path / "new.db", tmp_path / "plain.db"
    build_database(old, [document()], BuildInputs())
    changed = document(action="send a briefing note to all Members on placements")
    build_database(plain, [changed], BuildInputs())
    assert ids_of(plain, "actions") != ids_of(old, "actions")
    summary = build_database(new, [changed], BuildInputs(keep_ids_from=old))
    assert ids_of(new, "actions") == ids_of(old, "actions")
    assert summary.kept_ids == 1


def test_a_failed_build_leaves_the_previous_database_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out.db"
    build_database(out, [document()], BuildInputs())
    before = out.read_bytes()
    broken = document()
    broken.document["resolutions"][0]["text"] = None  # violates NOT NULL mid-build
    with pytest.raises(Exception):  # noqa: B017 - any failure will do; the file is what matters
        build_database(out, [broken], BuildInputs())
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.db"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output_is_a_plain_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(UserFacingError, match="choose a folder you can write to"):
        build_database(locked / "out.db", [document()], BuildInputs())


def test_output_in_a_missing_folder_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="choose a folder you can write to"):
        build_database(tmp_path / "nowhere" / "out.db", [document()], BuildInputs())
