"""The long CSV format: what it accepts, and malformed files that name the line and column."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from indicator_db import DATA, ROOT

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.indicator_import import read_indicator_files
from scrutinydesk.core.neighbour_import import read_statistical_neighbours

HEADER = "code,area,period,value,source\n"


def _write(tmp_path: Path, text: str, name: str = "values.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_long_format_reads_values_and_skips_suppressed(tmp_path: Path):
    path = _write(tmp_path, HEADER + "REF_RATE,Devon,2021-22,485.1,DfE\nSW_AGENCY,Devon,2022-09-30,c,DfE\n"
                  "ASSESS_45D,Devon,2022-10,90,minutes\nREF_RATE,Target,2022-23,470,plan\n")
    rows = read_indicator_files([path])
    assert [(r["code"], r["area"], r["period"], r["value"]) for r in rows] == [
        ("REF_RATE", "Devon", "2021-22", 485.1), ("ASSESS_45D", "Devon", "2022-10", 90.0),
        ("REF_RATE", "Target", "2022-23", 470.0)]


def test_official_values_file_with_source_url_column_is_read():
    rows = read_indicator_files([DATA / "official_values.csv"])
    assert len(rows) == 373
    assert all(r["source"].startswith("http") for r in rows)


@pytest.mark.parametrize(("body", "line", "column"), [
    ("REF_RATE,Devon,2021-22,485.1,DfE\nREF_RATE,Devon,2022-23,high,DfE\n", 3, "value"),
    ("REF_RATE,Devon,2021-22,485.1,DfE\nREF_RAT,Devon,2022-23,400,DfE\n", 3, "code"),
    ("REF_RATE,Devon,last year,485.1,DfE\n", 2, "period"),
    ("REF_RATE,,2021-22,485.1,DfE\n", 2, "area"),
    ("REF_RATE,Devon,2021-22,485.1,DfE\nREF_RATE,Devon,2021-22,480,DfE\n", 3, "period"),
])
def test_malformed_rows_name_the_line_and_column(tmp_path: Path, body: str, line: int, column: str):
    path = _write(tmp_path, HEADER + body)
    with pytest.raises(UserFacingError) as raised:
        read_indicator_files([path])
    message = str(raised.value)
    assert f"values.csv, line {line}, column \"{column}\"" in message
    assert "nothing was imported" in message


def test_missing_columns_are_named(tmp_path: Path):
    path = _write(tmp_path, "code,area,value,source\nREF_RATE,Devon,485.1,DfE\n")
    with pytest.raises(UserFacingError, match=r"values.csv, line 1: the header lacks the column\(s\) period"):
        read_indicator_files([path])


def test_a_file_that_is_neither_format_is_refused(tmp_path: Path):
    path = _write(tmp_path, "name,score\nDevon,3\n")
    with pytest.raises(UserFacingError, match="not an indicator file"):
        read_indicator_files([path])


def test_build_with_a_malformed_file_imports_nothing(tmp_path: Path):
    good = _write(tmp_path, HEADER + "REF_RATE,Devon,2021-22,485.1,DfE\n", "good.csv")
    bad = _write(tmp_path, HEADER + "REF_RATE,Devon,2022-23,485.1,DfE\nREF_RATE,Devon,2023-24,n/a%,DfE\n", "bad.csv")
    out = tmp_path / "out.db"
    result = subprocess.run(
        [sys.executable, "-m", "scrutinydesk", "build", str(out), "--minutes", str(DATA / "minutes"),
         "--indicators", str(good), "--indicators", str(bad)],
        capture_output=True, text=True, cwd=ROOT, env=os.environ.copy(), timeout=300)
    assert result.returncode == 2
    assert "bad.csv, line 3, column \"value\"" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_dfe_neighbour_tables_give_names_like_the_long_file():
    long = read_statistical_neighbours(DATA / "comparators" / "statistical_neighbours.csv")
    dfe = read_statistical_neighbours(DATA / "dfe" / "New_Statistical_Neighbour_Groupings_April_2021.csv")
    assert [r["neighbour"] for r in dfe if r["area"] == "Devon"] == [r["neighbour"] for r in long]
    assert {r["version"] for r in dfe} == {"2021-04"}
    newer = read_statistical_neighbours(DATA / "dfe" / "sn_model_2025_wide.csv")
    assert len([r for r in newer if r["area"] == "Devon"]) == 10


def test_neighbour_files_give_no_values():
    assert read_indicator_files([DATA / "dfe" / "sn_model_2025_wide.csv"]) == []
