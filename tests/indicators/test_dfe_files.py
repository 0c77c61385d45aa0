"""Reading the DfE's own files: rates computed as LAIT does, suppressed cells missing, files read together."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from indicator_db import DATA

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.indicator_import import read_indicator_files

DFE = DATA / "dfe"
C1 = DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
POPULATION = DFE / "ons_mid-year_population_estimates_2012_to_2024.csv"
CSWW = DFE / "csww_indicators_2017_to_2025.csv"


@pytest.fixture(scope="module")
def dfe_values() -> dict[tuple[str, str, str], dict]:
    return {(r["code"], r["area"], r["period"]): r for r in read_indicator_files(sorted(DFE.glob("*.csv")))}


def _official() -> list[dict]:
    with (DATA / "official_values.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_computed_rates_agree_with_published_rates_to_one_decimal(dfe_values):
    compared = 0
    official = _official()
    for row in official:
        key = (row["code"], row["area"], row["period"])
        if key in dfe_values:
            assert round(dfe_values[key]["value"], 1) == round(float(row["value"]), 1), key
            compared += 1
    computed = [k for k in dfe_values if k[0] in ("REF_RATE", "CIN_RATE")]
    published = {(r["code"], r["area"], r["period"]) for r in official}
    overlap = {k for k in computed if k in published}
    assert len(overlap) == 30  # Devon, England, South West x 5 years x 2 computed rates
    assert compared > 150


def test_year_to_31_march_divides_by_the_previous_mid_year_population(dfe_values):
    devon = dfe_values[("REF_RATE", "Devon", "2021-22")]
    assert devon["value"] == 485.1
    assert "mid-2021" in devon["source"]
    assert dfe_values[("REF_RATE", "England", "2021-22")]["value"] == 552.8


def test_suppressed_cells_are_missing_not_zero(dfe_values):
    # The care leavers' file prints "c" for Devon's 17-18 year olds in unsuitable accommodation in 2021.
    assert ("CL_UNSUIT_1718", "Devon", "2020-21") not in dfe_values
    assert ("CL_UNSUIT_1718", "Devon", "2021-22") in dfe_values


def test_every_suppression_marker_is_read_as_missing(tmp_path: Path):
    with CSWW.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    devon = [r for r in rows if r["la_name"] == "Devon"][:5]
    for row, marker in zip(devon, ("c", "x", "z", "low", "u"), strict=True):
        row["agency_rate_fte"] = marker
    path = tmp_path / "csww.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(devon)
    values = read_indicator_files([path])
    assert not [r for r in values if r["code"] == "SW_AGENCY"]
    assert len([r for r in values if r["code"] == "SW_VACANCY"]) == 5
    assert all(r["value"] != 0 for r in values if r["code"] == "SW_CASELOAD")


def test_workforce_values_sit_on_the_census_date(dfe_values):
    assert dfe_values[("SW_AGENCY", "Devon", "2022-09-30")]["value"] == 26.4


def test_counts_without_the_population_file_say_which_file_to_add():
    with pytest.raises(UserFacingError, match="ons_mid-year_population"):
        read_indicator_files([C1])


def test_files_are_recognised_by_header_not_name(tmp_path: Path):
    renamed = tmp_path / "download (3).csv"
    shutil.copy(C1, renamed)
    values = read_indicator_files([renamed, POPULATION])
    assert {r["code"] for r in values} == {"REF_NUM", "REREF_12M", "REF_RATE"}


def test_a_later_file_wins_for_the_same_value(tmp_path: Path):
    override = tmp_path / "override.csv"
    override.write_text("code,area,period,value,source\nREF_RATE,Devon,2021-22,500,officer's correction\n",
                        encoding="utf-8")
    values = {(r["code"], r["area"], r["period"]): r for r in read_indicator_files([C1, POPULATION, override])}
    assert values[("REF_RATE", "Devon", "2021-22")]["value"] == 500
    values = {(r["code"], r["area"], r["period"]): r for r in read_indicator_files([override, C1, POPULATION])}
    assert values[("REF_RATE", "Devon", "2021-22")]["value"] == 485.1
