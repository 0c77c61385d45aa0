"""Financial years, census dates, months and years on one time axis."""
from __future__ import annotations

from datetime import date

from scrutinydesk.core.periods import financial_year, parse_period, period_label, sort_key


def test_each_kind_of_period_parses_to_its_span():
    year = parse_period("2021-22")
    assert (year.kind, year.start, year.end, year.plot_date) == (
        "financial_year", date(2021, 4, 1), date(2022, 3, 31), date(2022, 3, 31))
    census = parse_period("2022-09-30")
    assert (census.kind, census.plot_date, census.label) == ("day", date(2022, 9, 30), "30 September 2022")
    month = parse_period("2022-10")
    assert (month.kind, month.start, month.end, month.label) == (
        "month", date(2022, 10, 1), date(2022, 10, 31), "October 2022")
    assert parse_period("2022").kind == "year"


def test_unrecognised_periods_are_none():
    for text in ("", "2022-13", "2021-23", "last year", "2022-02-30"):
        assert parse_period(text) is None
    assert period_label("Q3") == "Q3"


def test_periods_sort_on_one_axis():
    periods = ["2022-10", "2021-22", "2022-09-30", "2022-23", "2021"]
    assert sorted(periods, key=sort_key) == ["2021", "2021-22", "2022-09-30", "2022-10", "2022-23"]
    assert parse_period("2021-22").timestamp < parse_period("2022-09-30").timestamp < parse_period("2022-10").timestamp


def test_overlap_with_slack():
    october, census = parse_period("2022-10"), parse_period("2022-09-30")
    assert not october.overlaps(census)
    assert october.overlaps(census, slack_days=45)
    assert not parse_period("2023-01").overlaps(census, slack_days=45)


def test_financial_year_names_the_year_ending_in_march():
    assert financial_year(2022) == "2021-22"
    assert financial_year(2000) == "1999-00"
