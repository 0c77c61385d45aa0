"""Dates as minutes write them, and months resolved against the meeting's date.

"Monday 21st February 2022", "29/06/2021", "15 November 2022", "in October" (the October before the
meeting), "by 31 March" (the next 31 March after it).
"""
from __future__ import annotations

import re
from datetime import date

MONTHS = {name: i for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}
MONTHS.update({name[:3]: i for name, i in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
MONTH_WORD = _MONTH

# "Monday, 21st February, 2022", "21 Feb 2022", "2nd and 3rd February 2022", "February 21, 2022"
DAY_MONTH_YEAR = re.compile(
    rf"\b{_WEEKDAY}?(?P<day>{_DAY})(?:\s*(?:and|&|-|–|to)\s*{_DAY})?(?:\s+of)?\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(
    rf"\b{_WEEKDAY}?(?P<month>{_MONTH})\.?\s+(?P<day>{_DAY}),?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"(?<![\d/.])(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)?\d\d)(?![\d/])")
ISO_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")
DAY_MONTH = re.compile(rf"\b{_WEEKDAY}?(?P<day>{_DAY})(?:\s+of)?\s+(?P<month>{_MONTH})\b(?!\s*,?\s*(?:19|20)\d\d)", re.IGNORECASE)
MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
MONTH_ALONE = re.compile(rf"\b(?P<month>{_MONTH})\b", re.IGNORECASE)


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def match_to_date(match: re.Match) -> date | None:
    """A ``date`` from any of the full-date patterns above (day, month and year all present)."""
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else month_number(month_text)
    if not month:
        return None
    return _safe_date(_year(match.group("year")), month, _day(match.group("day")))


def parse_date_text(text: str) -> str | None:
    """The first full date in a short text as ISO ``YYYY-MM-DD``; ``None`` when there is none."""
    for pattern in (ISO_DATE, DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC_DATE):
        for match in pattern.finditer(text):
            found = match_to_date(match)
            if found:
                return found.isoformat()
    return None


def month_on_or_before(month: int, anchor: date) -> tuple[int, int]:
    """The year and month of the latest ``month`` not after the anchor's month ("in October")."""
    year = anchor.year if month <= anchor.month else anchor.year - 1
    return year, month


def date_on_or_after(month: int, day: int, anchor: date) -> date | None:
    """The next ``day month`` on or after the anchor ("by 31 March")."""
    found = _safe_date(anchor.year, month, day)
    if found and found < anchor:
        found = _safe_date(anchor.year + 1, month, day)
    return found
