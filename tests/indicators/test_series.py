"""An indicator's series: council's official and minutes values kept apart, comparators, neighbours' mean."""
from __future__ import annotations

import statistics
from pathlib import Path

from indicator_db import connect

from scrutinydesk.core.indicator_series import area_key, load_indicator
from scrutinydesk.core.indicator_status import direction_of_travel, rag_by_polarity

SEVEN_YEARS = ["2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]


def test_referral_rate_series_over_seven_years(indicator_db: Path):
    view = load_indicator(connect(indicator_db), "REF_RATE")
    for key in ("council_official", "england", "region", "sn_mean", "sn_median"):
        assert [p.period for p in view.points(key)] == SEVEN_YEARS, key
    assert [p.value for p in view.points("council_minutes")] == [484]
    assert [p.value for p in view.points("quoted:England")] == [465]
    assert view.points("council_minutes")[0].quote.startswith("Devon (484 per 10,000)")


def test_neighbour_mean_and_median_come_from_the_neighbours_own_values(indicator_db: Path):
    conn = connect(indicator_db)
    view = load_indicator(conn, "SW_AGENCY")
    neighbours = {area_key(n) for (n,) in conn.execute("SELECT neighbour FROM statistical_neighbours")}
    values = [v for area, v in conn.execute(
        "SELECT area, value FROM indicator_values WHERE code = 'SW_AGENCY' AND period = '2022-09-30'")
        if area_key(area) in neighbours]
    assert len(values) == 10  # "Herefordshire, County of" in the DfE file is the SN table's "Herefordshire"
    mean = next(p for p in view.points("sn_mean") if p.period == "2022-09-30")
    median = next(p for p in view.points("sn_median") if p.period == "2022-09-30")
    assert mean.value == round(statistics.fmean(values), 1) and mean.count == 10
    assert median.value == round(statistics.median(values), 1)


def test_latest_rag_and_direction_follow_polarity(indicator_db: Path):
    conn = connect(indicator_db)
    agency = load_indicator(conn, "SW_AGENCY")  # lower is better; Devon is well above England
    assert agency.rag.rating == "Red"
    referrals = load_indicator(conn, "REF_RATE")
    assert referrals.rag.rating is None and "neither" in referrals.rag.reason


def test_rag_by_polarity_rules():
    assert rag_by_polarity(90, 85, "higher_better").rating == "Green"
    assert rag_by_polarity(82, 85, "higher_better").rating == "Amber"
    assert rag_by_polarity(70, 85, "higher_better").rating == "Red"
    assert rag_by_polarity(20, 17, "lower_better").rating == "Red"
    assert rag_by_polarity(17.5, 17, "lower_better").rating == "Amber"
    assert rag_by_polarity(10, None, "lower_better").rating is None
    assert rag_by_polarity(10, 12, "neither").text == "○ Not rated"


def test_direction_of_travel_says_whether_it_is_better():
    assert direction_of_travel(30, 26, "lower_better").judgement == "worsening"
    assert direction_of_travel(30, 26, "higher_better").judgement == "improving"
    assert direction_of_travel(30, 26, "neither").text == "▲ up 4"
    assert direction_of_travel(30, None, "neither").text == "no earlier value"


def test_unknown_code_is_none(indicator_db: Path):
    assert load_indicator(connect(indicator_db), "NOPE") is None
