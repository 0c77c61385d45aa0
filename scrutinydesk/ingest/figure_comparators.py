"""Comparators printed apart from their figure: a list read "respectively" ("against England
averages of 55% and 88% respectively") and the comparator columns of a table ("Statistical
neighbours", "England"). Such numbers are marked comparators, so they are not figures of their own.
"""
from __future__ import annotations

import re

from scrutinydesk.ingest.figure_numbers import COMPARATOR_AREA, Number, comparator_name

_RESPECTIVE = re.compile(
    rf"(?P<area>{COMPARATOR_AREA})(?:['’]s)?\s+(?:averages|figures|rates|levels|means|medians|benchmarks|comparators|values)\b",
    re.IGNORECASE)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
_AREA_HEADER = re.compile(
    rf"\s*(?:{COMPARATOR_AREA})(?:\s+(?:average|mean|median|figure|rate|value|benchmark))?\s*(?:\([^)]*\))?\s*", re.IGNORECASE)
_NUMERIC_CELL = re.compile(r"\s*[£+-]?[\d,.]+\s*(?:%|k|m)?\s*")
_YEAR_CELL = re.compile(r"\s*(?:19|20)\d\d(?:\s*[/–-]\s*\d{2,4})?\s*")


def mark_respective(work: str, start: int, end: int, numbers: list[Number]) -> None:
    """Numbers listed after "England averages of" up to "respectively" become comparators, each
    carrying its place in the list (``extra["respective"] = (index, count)``)."""
    if "respectively" not in work[start:end].lower():
        return
    for match in _RESPECTIVE.finditer(work, start, end):
        stop = _RESPECTIVELY.search(work, match.end(), min(end, match.end() + 160))
        if not stop:
            continue
        listed = [n for n in numbers if match.end() <= n.start < stop.start()]
        if len(listed) < 2:
            continue
        for index, number in enumerate(listed):
            number.role, number.comparator_area = "comparator", comparator_name(match.group("area"))
            number.extra["respective"] = (index, len(listed))


class TableHeaders:
    """The first row of each tab-separated table in a text, found once per table (a long table
    stays linear: each row looks up the row above it once)."""

    def __init__(self, work: str) -> None:
        self._work = work
        self._top: dict[int, int] = {}  # line start -> start of its table's first line

    def top(self, line_start: int, floor: int) -> int:
        """Start of the first line of the table holding the line at ``line_start`` (not above ``floor``)."""
        work, visited, top = self._work, [], line_start
        while top not in self._top:
            visited.append(top)
            above = work.rfind("\n", 0, top - 1) + 1 if top > 0 else top
            if top <= floor or above < floor or "\t" not in work[above:top - 1]:
                break
            top = above
        top = self._top.get(top, top)
        for line in visited:
            self._top[line] = top
        return top

    def names(self, top: int) -> list[str] | None:
        """The cells of a table's first line when it names columns rather than holding values."""
        end = self._work.find("\n", top)
        cells = self._work[top:end if end != -1 else len(self._work)].split("\t")
        if len(cells) < 2 or any(_NUMERIC_CELL.fullmatch(c) and not _YEAR_CELL.fullmatch(c) for c in cells):
            return None
        return cells


_AREA_IN_HEADER = re.compile(rf"(?<!\w)(?P<area>{COMPARATOR_AREA})(?!\w)", re.IGNORECASE)
_VALUES_TO_END = re.compile(r"(?:[^\S\n]*[£+-]?\d[\d,.]*[^\S\n]*(?:%|k|m|per\s+10,?000)?)+[^\S\n]*$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d(?:/\d{2,4})?\b")


def _spaced_header(work: str, line_start: int, floor: int) -> list[str]:
    """The comparator names, in order, of the header a PDF prints above space-separated rows
    ("Measure  Linmouth  Statistical neighbours  England"): the first line above the rows that
    names comparators and holds no values."""
    top = line_start
    while top > floor:
        above = max(work.rfind("\n", floor, top - 1) + 1, floor)
        line = work[above:top - 1]
        names = [m.group("area") for m in _AREA_IN_HEADER.finditer(line)]
        if names and not re.search(r"\d", _YEAR.sub("", _AREA_IN_HEADER.sub("", line))):
            return names
        if not _VALUES_TO_END.search(line):
            return []  # not a row ending in values: the table, if any, ended
        top = above
    return []


def mark_spaced_columns(work: str, start: int, numbers: list[Number], floor: int) -> None:
    """A row of values under such a header ("Pupils with an EHC plan 4.6% 4.1% 4.3%"): the values
    after the first are its comparators, one per name, when the row holds one value more than the
    header names comparators."""
    if len(numbers) < 2 or any(n.unit != numbers[0].unit for n in numbers):
        return
    line_start = work.rfind("\n", 0, start) + 1
    line_end = work.find("\n", start)
    if not _VALUES_TO_END.fullmatch(work, numbers[0].start, line_end if line_end != -1 else len(work)):
        return
    names = _spaced_header(work, line_start, floor)
    if len(names) != len(numbers) - 1:
        return
    for number, name in zip(numbers[1:], names, strict=True):
        number.role, number.comparator_area = "comparator", comparator_name(name)


def mark_table_columns(work: str, start: int, numbers: list[Number], headers: TableHeaders, floor: int) -> None:
    """Numbers in a table row under a comparator's column ("England") become its comparators."""
    line_start = work.rfind("\n", 0, start) + 1
    line_end = work.find("\n", start)
    if "\t" not in work[line_start:line_end if line_end != -1 else len(work)]:
        mark_spaced_columns(work, start, numbers, floor)
        return
    top = headers.top(line_start, floor)
    cells = headers.names(top) if top != line_start else None
    if not cells:
        return
    for number in numbers:
        column = work.count("\t", line_start, number.start)
        if 0 < column < len(cells) and _AREA_HEADER.fullmatch(cells[column]):
            number.role, number.comparator_area = "comparator", comparator_name(cells[column])
