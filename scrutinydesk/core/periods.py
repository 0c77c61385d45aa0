"""One time axis for every period an indicator value can carry.

Official statistics come as financial years ("2021-22", the year to 31 March 2022) or snapshot
dates ("2022-09-30", the workforce census); minutes quote months ("2022-10") or bare years
("2022"). Charts, "same period" comparisons and sorting all need them on one axis, so each
period parses to a ``Period``: the span of days it covers, the day it is plotted at, and a
label written the way people write it.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

_FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Period:
    """A period as written (``text``), the days it covers and where it sits on a chart."""

    text: str
    kind: str  # "financial_year" | "day" | "month" | "year"
    start: date
    end: date
    label: str

    @functools.cached_property  # periods are shared (parse_period's cache), so each is computed once
    def plot_date(self) -> date:
        """Annual figures sit at their end (31 March); months and years at their middle."""
        if self.kind in ("financial_year", "day"):
            return self.end
        return self.start + (self.end - self.start) / 2

    @functools.cached_property
    def timestamp(self) -> float:
        """Seconds since the epoch (UTC) of ``plot_date``: what pyqtgraph's DateAxisItem expects."""
        moment = datetime(self.plot_date.year, self.plot_date.month, self.plot_date.day, tzinfo=UTC)
        return moment.timestamp()

    def overlaps(self, other: Period, slack_days: int = 0) -> bool:
        """True when the two spans share a day (allowing ``slack_days`` either side)."""
        slack = timedelta(days=slack_days)
        return self.start - slack <= other.end and other.start - slack <= self.end


@functools.lru_cache(maxsize=4096)  # a county's charts parse the same few hundred periods 100,000 times
def parse_period(text: str) -> Period | None:
    """The ``Period`` for "2021-22", "2022-09-30", "2022-10" or "2022"; None when unrecognised."""
    text = (text or "").strip()
    if match := _DAY.match(text):
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
        return Period(text, "day", day, day, f"{day.day} {calendar.month_name[day.month]} {day.year}")
    if match := _FINANCIAL_YEAR.match(text):
        first, second = int(match[1]), int(match[2])
        if (first + 1) % 100 == second:
            return Period(text, "financial_year", date(first, 4, 1), date(first + 1, 3, 31), text)
    if match := _MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12:
            last = calendar.monthrange(year, month)[1]
            return Period(text, "month", date(year, month, 1), date(year, month, last),
                          f"{calendar.month_name[month]} {year}")
    if match := _YEAR.match(text):
        year = int(match[1])
        return Period(text, "year", date(year, 1, 1), date(year, 12, 31), str(year))
    return None


def financial_year(year_ending: int) -> str:
    """The financial year that ends on 31 March of ``year_ending``: 2022 -> "2021-22"."""
    return f"{year_ending - 1}-{year_ending % 100:02d}"


def period_label(text: str) -> str:
    """How a person writes the period; the text itself when it is not one we recognise."""
    period = parse_period(text)
    return period.label if period else text


def sort_key(text: str) -> tuple[date, str]:
    """Orders periods by where they sit on the time axis (unrecognised ones first)."""
    period = parse_period(text)
    return (period.plot_date if period else date.min, text)

