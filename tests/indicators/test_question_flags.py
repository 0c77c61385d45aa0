"""Things worth a question, on the seed contradictions and on rules written for minutes in general."""
from __future__ import annotations

from pathlib import Path

from indicator_db import connect

from scrutinydesk.core.indicator_series import load_indicator
from scrutinydesk.core.question_flags import contradiction, indicator_flags, plan_rag_flags


def _flags(db: Path, code: str):
    conn = connect(db)
    return indicator_flags(conn, load_indicator(conn, code))


def test_sentence_contradicting_its_numbers():
    quote = "Devon (484 per 10,000) now being below the national average (465)"
    assert contradiction(484, {"England": 465}, quote) == ("England", 465, "below")
    assert contradiction(450, {"England": 465}, quote.replace("484", "450")) is None
    assert contradiction(70, {"England": 80}, "Devon (70%) is higher than England (80%)") == ("England", 80, "above")
    assert contradiction(90, {"England": 80}, "Devon (90%) is not below England (80%)") is None
    assert contradiction(70, {"England": 80}, "Devon (70%) compared with England (80%)") is None


def test_seed_referral_sentence_is_flagged_twice(indicator_db: Path):
    flags = {f.kind: f for f in _flags(indicator_db, "REF_RATE")}
    assert set(flags) == {"contradiction", "unmatched_comparator"}
    assert "465" in flags["contradiction"].question and "484" in flags["contradiction"].question
    assert "nearest 507.1" in flags["unmatched_comparator"].detail
    assert flags["contradiction"].target_id.startswith("childrens-scrutiny/2022-11-15/")


def test_agency_rate_far_from_the_published_september_figure(indicator_db: Path):
    (flag,) = [f for f in _flags(indicator_db, "SW_AGENCY") if f.kind == "far_from_official"]
    assert "37.9%" in flag.detail and "26.4%" in flag.detail and "30 September 2022" in flag.detail


def test_close_figures_are_not_flagged(indicator_db: Path):
    caseload = [f for f in _flags(indicator_db, "SW_CASELOAD") if f.kind == "far_from_official"]
    assert caseload == []  # 17 in November 2022 against 18.3 published for September 2022


def test_change_of_plan_rating_is_flagged(indicator_db: Path):
    (flag,) = plan_rag_flags(connect(indicator_db))
    assert flag.kind == "rag_change" and "Red" in flag.detail and "Amber" in flag.detail
    assert flag.target_id.startswith("childrens-standing-overview-group/2022-02-21/")


def test_indicator_rag_change_points_at_the_indicator(indicator_db: Path):
    flags = [f for f in _flags(indicator_db, "ASSESS_45D") if f.kind == "rag_change"]
    assert [f.target_id for f in flags] == ["indicator:ASSESS_45D"]
