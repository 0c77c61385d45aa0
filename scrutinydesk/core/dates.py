"""Dates as people write them ("Tuesday 15 March 2022"), never raw ISO in front of a member."""
from __future__ import annotations

from datetime import date


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def long_date(value: str | None) -> str:
    """``2022-03-15`` -> ``Tuesday 15 March 2022``; unparseable input is returned as given."""
    parsed = parse_iso(value)
    if parsed is None:
        return value or ""
    return f"{parsed:%A} {parsed.day} {parsed:%B %Y}"


def short_date(value: str | None) -> str:
    """``2022-03-15`` -> ``15 Mar 2022`` for table cells."""
    parsed = parse_iso(value)
    if parsed is None:
        return value or ""
    return f"{parsed.day} {parsed:%b %Y}"


def meeting_when(date_iso: str | None, year: int | None) -> str:
    """A meeting's date in words, or what is known of it: "2021 (exact date not known)"."""
    if date_iso:
        return long_date(date_iso)
    if year:
        return f"{year} (exact date not known)"
    return "Date not known"


def meeting_when_short(date_iso: str | None, year: int | None) -> str:
    """The table-cell form: "15 Nov 2022", "2021 (date unknown)", "Date unknown"."""
    if date_iso:
        return short_date(date_iso)
    if year:
        return f"{year} (date unknown)"
    return "Date unknown"
