"""`scrutinydesk build` as a user runs it: a summary line on success, one plain sentence on bad input."""
from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

MINUTES = ROOT / "data" / "minutes"


def assert_plain_failure(result, words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert words in lines[0]


def test_build_prints_a_one_line_summary_and_a_usable_database(tmp_path: Path) -> None:
    out = tmp_path / "out.db"
    result = run_cli("build", str(out), "--minutes", str(MINUTES))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert "5 meetings" in result.stdout and "resolutions" in result.stdout
    with sqlite3.connect(out) as conn:
        committees = {r[0] for r in conn.execute("SELECT name FROM committees")}
    assert "Children's Scrutiny Committee" in committees
    assert "Committee not known" in committees  # 000 states no committee and the manifest knows none


def test_rebuild_with_keep_ids_keeps_every_id(tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    assert run_cli("build", str(first), "--minutes", str(MINUTES)).returncode == 0
    result = run_cli("build", str(second), "--minutes", str(MINUTES), "--keep-ids-from", str(first))
    assert result.returncode == 0, result.stderr
    for table in ("meetings", "items", "resolutions", "actions", "figures"):
        with sqlite3.connect(first) as a, sqlite3.connect(second) as b:
            query = f"SELECT id FROM {table} ORDER BY id"
            assert a.execute(query).fetchall() == b.execute(query).fetchall()


@pytest.fixture()
def previous_db(tmp_path: Path) -> Path:
    out = tmp_path / "out.db"
    assert run_cli("build", str(out), "--minutes", str(MINUTES)).returncode == 0
    return out


def test_missing_folder(tmp_path: Path, previous_db: Path) -> None:
    before = previous_db.read_bytes()
    result = run_cli("build", str(previous_db), "--minutes", str(tmp_path / "nope"))
    assert_plain_failure(result, "does not exist")
    assert previous_db.read_bytes() == before


def test_empty_folder(tmp_path: Path, previous_db: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    before = previous_db.read_bytes()
    result = run_cli("build", str(previous_db), "--minutes", str(empty))
    assert_plain_failure(result, "holds no minutes files")
    assert previous_db.read_bytes() == before


def test_non_text_file(tmp_path: Path, previous_db: Path) -> None:
    folder = tmp_path / "minutes"
    shutil.copytree(MINUTES, folder)
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 40)
    before = previous_db.read_bytes()
    result = run_cli("build", str(previous_db), "--minutes", str(folder))
    assert_plain_failure(result, "photo.txt")
    assert previous_db.read_bytes() == before


def test_output_in_a_missing_folder(tmp_path: Path) -> None:
    result = run_cli("build", str(tmp_path / "no" / "such" / "out.db"), "--minutes", str(MINUTES))
    assert_plain_failure(result, "choose a folder you can write to")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = run_cli("build", str(locked / "out.db"), "--minutes", str(MINUTES))
    assert_plain_failure(result, "choose a folder you can write to")


def test_output_over_a_folder_is_refused(tmp_path: Path) -> None:
    result = run_cli("build", str(tmp_path), "--minutes", str(MINUTES))
    assert result.returncode != 0 and "Traceback" not in result.stderr
