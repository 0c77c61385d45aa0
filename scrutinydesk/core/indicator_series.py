"""An indicator's series, read from the published database: what the chart, the overview and
``indicators list`` all show.

The council's values are kept in two series that are never joined: official annual statistics
(``indicator_values``) and in-year figures quoted in minutes (``figures``), because a month's
figure in a performance report is not the same measurement as the published year. Comparators are
England, the council's region and its statistical neighbours, whose mean and median are computed
here from the neighbours' own values (as LAIT shows the mean and the DfE dashboard the median).
Comparator values quoted in minutes ("the national average (465)") are kept as their own series,
so a chart shows them beside what was published.
"""
from __future__ import annotations

import functools
import json
import re
import sqlite3
import statistics
from dataclasses import dataclass, field, replace

from scrutinydesk.core.indicator_status import Direction, Rag, direction_of_travel, rag_by_polarity
from scrutinydesk.core.periods import parse_period, period_label, sort_key

DEFAULT_COUNCIL = "Devon"
DEFAULT_REGION = "South West"
ENGLAND = "England"
SN_MIN_SHARE = 0.5  # a neighbour mean needs values from at least half the neighbours
YEARS_SHOWN = 7  # the window a committee discusses: seven years back from the latest value

UNIT_TITLES = {
    "per_10k": "Rate per 10,000 children aged 0-17",
    "percent": "Per cent (%)",
    "count": "Number",
    "days": "Days",
    "change_percent": "Change on a year earlier (%)",
    "gbp": "Pounds (£)",
}


@dataclass(frozen=True)
class Point:
    """One plotted value and where it came from."""

    period: str
    value: float
    source: str | None = None
    quote: str | None = None
    meeting_id: str | None = None
    record_id: str | None = None
    meeting_date: str | None = None
    count: int | None = None  # neighbours behind a mean/median

    @property
    def x(self) -> float:
        period = parse_period(self.period)
        return period.timestamp if period else 0.0

    @property
    def label(self) -> str:
        return period_label(self.period)


@dataclass
class Series:
    key: str  # council_official | council_minutes | england | region | sn_mean | sn_median | sn_min | sn_max
    #           | target | quoted:<area>
    name: str
    points: list[Point] = field(default_factory=list)


@dataclass
class IndicatorView:
    """Everything shown about one indicator."""

    code: str
    name: str
    unit: str | None
    polarity: str | None
    definition: str | None
    publication: str | None
    url: str | None
    council: str
    region: str
    neighbours: list[str]
    neighbour_version: str | None
    series: dict[str, Series]
    rag: Rag
    direction: Direction

    def points(self, key: str) -> list[Point]:
        return self.series[key].points if key in self.series else []

    @property
    def latest_official(self) -> Point | None:
        points = self.points("council_official")
        return points[-1] if points else None

    @property
    def latest_local(self) -> Point | None:
        points = self.points("council_minutes")
        return points[-1] if points else None

    @property
    def axis_title(self) -> str:
        return UNIT_TITLES.get(self.unit or "", "Value")

    @property
    def year_end_snapshot(self) -> bool:
        """True for a count on one day ("children looked after at 31 March"), not over the year."""
        return "at 31 march" in (self.definition or "").lower()

    @property
    def period_axis_title(self) -> str:
        """What the time axis's positions mean for this indicator's published periods."""
        kinds = {period.kind for key in ("council_official", "england")
                 for p in self.points(key) if (period := parse_period(p.period))}
        if kinds == {"financial_year"}:
            return "Financial year (each plotted at its end, 31 March)"
        if kinds == {"day"}:
            days = {" ".join(p.label.split()[:2]) for p in self.points("council_official")}  # "30 September"
            return f"Census date ({days.pop()} each year)" if len(days) == 1 else "Date"
        return "Date"


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row and row[0] else None


def council_and_region(conn: sqlite3.Connection) -> tuple[str, str]:
    """The council whose committee this is, and its region (``meta`` may name them; else Devon)."""
    return (_meta(conn, "council_area") or DEFAULT_COUNCIL, _meta(conn, "council_region") or DEFAULT_REGION)


@functools.lru_cache(maxsize=4096)  # a county's figures name the same few dozen areas 100,000 times
def area_key(name: str) -> str:
    """Names the DfE and the SN tables spell differently ("Herefordshire, County of") compare equal."""
    text = name.lower().replace("&", "and")
    text = re.sub(r",?\s*(county of|city of)\b", " ", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def neighbours_of(conn: sqlite3.Connection, council: str) -> tuple[list[str], str | None]:
    """The council's statistical neighbours in the newest model version loaded."""
    row = conn.execute("SELECT max(version) FROM statistical_neighbours WHERE area = ?", (council,)).fetchone()
    version = row[0] if row else None
    if version is None:
        return [], None
    names = [r[0] for r in conn.execute(
        "SELECT neighbour FROM statistical_neighbours WHERE area = ? AND version = ? ORDER BY rowid",
        (council, version))]
    return names, version


def _official(conn: sqlite3.Connection, code: str, area: str) -> list[Point]:
    rows = conn.execute("SELECT period, value, source FROM indicator_values WHERE code = ? AND area = ?",
                        (code, area)).fetchall()
    points = [Point(period, value, source) for period, value, source in rows if value is not None]
    return sorted(points, key=lambda p: sort_key(p.period))


def _neighbour_summaries(conn: sqlite3.Connection, code: str, neighbours: list[str]) -> dict[str, list[Point]]:
    wanted = {area_key(name) for name in neighbours}
    by_period: dict[str, list[float]] = {}
    for area, period, value in conn.execute(
            "SELECT area, period, value FROM indicator_values WHERE code = ?", (code,)):
        if value is not None and area_key(area) in wanted:
            by_period.setdefault(period, []).append(value)
    out: dict[str, list[Point]] = {"sn_mean": [], "sn_median": [], "sn_min": [], "sn_max": []}
    source = f"Computed from the values of {len(neighbours)} statistical neighbours"
    for period in sorted(by_period, key=sort_key):
        values = by_period[period]
        if len(values) < max(1, len(neighbours) * SN_MIN_SHARE):
            continue
        for key, value in (("sn_mean", statistics.fmean(values)), ("sn_median", statistics.median(values)),
                           ("sn_min", min(values)), ("sn_max", max(values))):
            out[key].append(Point(period, round(value, 1), source, count=len(values)))
    return out


def figure_period(period: str | None, meeting_date: str | None, meeting_year: int | None) -> str | None:
    """A figure's period; where the minutes give none, the meeting's month (or year)."""
    if period and parse_period(period):
        return period
    if meeting_date and parse_period(meeting_date[:7]):
        return meeting_date[:7]
    return str(meeting_year) if meeting_year else None


def clean_quote(quote: str | None) -> str | None:
    """A sentence without the list bullet it was printed under ("- Referral rates …")."""
    return re.sub(r"^[\s\-–—•·*]+", "", quote) if quote else quote


# The most recent figures of one indicator read from minutes: more than a chart can show, and a bound
# that keeps decades of a county's minutes from ever being read whole (tests/perf checks every read).
MINUTES_FIGURES_READ = 5000


def _minutes(conn: sqlite3.Connection, code: str, council: str) -> tuple[list[Point], dict[str, list[Point]]]:
    rows = conn.execute(
        "SELECT f.id, f.meeting_id, f.value, f.area, f.period, f.comparators, f.quote, m.date, m.year "
        "FROM figures f LEFT JOIN meetings m ON m.id = f.meeting_id WHERE f.indicator_code = ? "
        "ORDER BY coalesce(m.date, m.year) DESC LIMIT ?", (code, MINUTES_FIGURES_READ)
    ).fetchall()
    council_points: list[Point] = []
    quoted: dict[str, list[Point]] = {}
    council_key = area_key(council)
    for record_id, meeting_id, value, area, period, comparators, quote, date, year in rows:
        when = figure_period(period, date, year)
        if value is None or when is None:
            continue
        quote = clean_quote(quote)
        point = Point(when, value, "Minutes", quote, meeting_id, record_id, date)
        if not area or area_key(area) == council_key:
            council_points.append(point)
        else:
            quoted.setdefault(area, []).append(point)
        for comparator, compared in _comparators(comparators).items():
            quoted.setdefault(comparator, []).append(
                Point(when, compared, "Minutes (comparator quoted)", quote, meeting_id, record_id, date))
    order = lambda p: (sort_key(p.period), p.meeting_date or "", p.record_id or "")  # noqa: E731
    return sorted(council_points, key=order), {a: sorted(p, key=order) for a, p in quoted.items()}


def _comparators(raw: str | None) -> dict[str, float]:
    if not raw or raw == "{}":  # most figures quote no comparator: nothing to parse
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): float(v) for k, v in data.items() if isinstance(v, int | float)}


def comparator_area(name: str, council: str, region: str) -> str:
    """The area a comparator named in minutes stands for ("national average" is England)."""
    key = area_key(name)
    if key in ("england", "national", "national average", "england average"):
        return ENGLAND
    if key in (area_key(region), "region", "regional", "regional average"):
        return region
    if "neighbour" in key:
        return "statistical neighbours"
    return name


def _window(series: dict[str, Series], years: int) -> dict[str, Series]:
    """The last ``years`` years of every series, counted back from the latest value shown."""
    latest = [p.x for key in ("council_official", "council_minutes", "england") if key in series
              for p in series[key].points]
    if not latest:
        return series
    start = max(latest) - years * 365.25 * 86400 + 86400
    return {key: replace(item, points=[p for p in item.points if p.x >= start]) for key, item in series.items()}


def windowed(full: IndicatorView, years: int | None = YEARS_SHOWN) -> IndicatorView:
    """The view of the last ``years`` years (None: all) cut from a view of every year, with its own RAG
    and direction; ``load_indicator(conn, code, years)`` without reading the database again."""
    if not years:
        return full
    view = replace(full, series=_window(full.series, years))
    view.rag, view.direction = _status(view)
    return view


def load_indicator(conn: sqlite3.Connection, code: str, years: int | None = YEARS_SHOWN) -> IndicatorView | None:
    """Every series of one indicator over the last ``years`` years (None: all), its latest value's RAG
    and direction; None for an unknown code."""
    row = conn.execute(
        "SELECT code, name, unit, polarity, definition, source_publication, source_url FROM indicators "
        "WHERE code = ?", (code,)).fetchone()
    if row is None:
        return None
    council, region = council_and_region(conn)
    neighbours, version = neighbours_of(conn, council)
    series: dict[str, Series] = {
        "council_official": Series("council_official", f"{council} (official, annual)", _official(conn, code, council)),
        "england": Series("england", ENGLAND, _official(conn, code, ENGLAND)),
        "region": Series("region", region, _official(conn, code, region)),
        "target": Series("target", "Target", _official(conn, code, "Target")),
    }
    names = {"sn_mean": "Statistical neighbours (mean)", "sn_median": "Statistical neighbours (median)",
             "sn_min": "Statistical neighbours (lowest)", "sn_max": "Statistical neighbours (highest)"}
    for key, points in _neighbour_summaries(conn, code, neighbours).items():
        series[key] = Series(key, names[key], points)
    minutes, quoted = _minutes(conn, code, council)
    series["council_minutes"] = Series("council_minutes", f"{council} (minutes, in-year)", minutes)
    for area, points in quoted.items():
        named = comparator_area(area, council, region)
        series[f"quoted:{named}"] = Series(f"quoted:{named}", f"{named} as quoted in minutes", points)
    view = IndicatorView(code, row[1], row[2], row[3], row[4], row[5], row[6], council, region, neighbours,
                         version, series, Rag(None, ""), Direction("", None, ""))
    view.rag, view.direction = _status(view)
    return windowed(view, years)


def _status(view: IndicatorView) -> tuple[Rag, Direction]:
    official = view.points("council_official")
    england = {p.period: p.value for p in view.points("england")}
    if official:
        latest = official[-1]
        previous = official[-2].value if len(official) > 1 else None
        return (rag_by_polarity(latest.value, england.get(latest.period), view.polarity),
                direction_of_travel(latest.value, previous, view.polarity))
    local = view.points("council_minutes")
    if local:
        latest_england = view.points("england")[-1].value if england else None
        previous = local[-2].value if len(local) > 1 else None
        return (rag_by_polarity(local[-1].value, latest_england, view.polarity),
                direction_of_travel(local[-1].value, previous, view.polarity))
    return rag_by_polarity(None, None, view.polarity), direction_of_travel(None, None, view.polarity)


def indicator_codes(conn: sqlite3.Connection) -> list[str]:
    """Catalogue codes in catalogue order."""
    return [r[0] for r in conn.execute("SELECT code FROM indicators ORDER BY rowid")]
