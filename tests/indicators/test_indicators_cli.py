"""``scrutinydesk indicators list``, on a database built from the seed minutes and the DfE files."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from scrutinydesk.cli import main


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args))


SEVEN_YEARS = ["2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]


@pytest.fixture(scope="module")
def listing(seed_db: Path) -> dict[str, dict]:
    result = run_cli("indicators", "list", "--json", "--db", str(seed_db))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["format"] == "scrutinydesk.indicators/1"
    return {record["code"]: record for record in data["indicators"]}


def test_referral_rate_has_every_series_from_the_dfe_files_and_the_minutes(listing):
    record = listing["REF_RATE"]
    series = record["series"]
    for key in ("council_official", "england", "region", "sn_mean", "sn_median"):
        assert [p["period"] for p in series[key]] == SEVEN_YEARS, key
    devon = {p["period"]: p["value"] for p in series["council_official"]}
    assert devon["2021-22"] == 485.1 and devon["2022-23"] == 474.9
    assert [p["value"] for p in series["council_minutes"]] == [484]
    assert series["council_minutes"][0]["record_id"].startswith("childrens-scrutiny/2022-11-15/")
    assert [p["value"] for p in series["quoted"]["England"]] == [465]
    assert record["latest_local"]["value"] == 484
    assert record["comparators"]["statistical neighbours"]["count"] == 10


def test_the_484_465_sentence_is_flagged(listing):
    flags = listing["REF_RATE"]["flags"]
    contradiction = next(f for f in flags if f["kind"] == "contradiction")
    assert "below the national average (465)" in contradiction["quote"]
    assert any(f["kind"] == "unmatched_comparator" for f in flags)


def test_agency_figure_far_from_published(listing):
    kinds = [f["kind"] for f in listing["SW_AGENCY"]["flags"]]
    assert "far_from_official" in kinds
    assert listing["SW_AGENCY"]["rag"]["rating"] == "Red"


def test_every_catalogue_indicator_is_listed_in_catalogue_order(listing, seed_db: Path):
    codes = [c for (c,) in sqlite3.connect(seed_db).execute("SELECT code FROM indicators ORDER BY rowid")]
    assert list(listing) == codes


def test_plain_listing_shows_latest_values_and_flags(seed_db: Path):
    result = run_cli("indicators", "list", "--db", str(seed_db))
    assert result.exit_code == 0
    line = next(li for li in result.stdout.splitlines() if li.startswith("REF_RATE "))
    assert "official 384.7 per 10,000 (2024-25)" in line and "minutes 484 per 10,000" in line and "⚑ 2" in line


def test_missing_database_is_one_sentence(tmp_path: Path):
    result = run_cli("indicators", "list", "--db", str(tmp_path / "absent.db"))
    assert result.exit_code == 2
    assert "absent.db" in result.stderr
    assert isinstance(result.exception, SystemExit)  # a clean exit, no traceback
