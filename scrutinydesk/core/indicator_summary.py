"""Each indicator in one record: latest local and official values, comparators, RAG, direction,
series and flags. ``indicators list --json`` prints it; the overview and CSV export read from it."""
from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.figure_text import format_value
from scrutinydesk.core.indicator_series import (
    ENGLAND,
    IndicatorView,
    Point,
    indicator_codes,
    load_indicator,
    windowed,
)
from scrutinydesk.core.indicator_status import RAG_RULE
from scrutinydesk.core.question_flags import indicator_flags

SERIES_KEYS = ("council_official", "council_minutes", "england", "region", "sn_mean", "sn_median", "target")


def point_dict(point: Point) -> dict:
    """A point with only the fields it carries."""
    out: dict = {"period": point.period, "label": point.label, "value": point.value}
    for name in ("source", "quote", "meeting_id", "record_id", "meeting_date", "count"):
        if getattr(point, name) is not None:
            out[name] = getattr(point, name)
    return out


def _at(points: list[Point], period: str) -> Point | None:
    return next((p for p in points if p.period == period), None)


def comparators_at_latest(view: IndicatorView) -> dict:
    """England, the region and the neighbours for the council's latest official period."""
    latest = view.latest_official
    if latest is None:
        return {}
    out: dict = {}
    for key, area in (("england", ENGLAND), ("region", view.region)):
        if point := _at(view.points(key), latest.period):
            out[area] = {"period": point.period, "value": point.value}
    mean, median = _at(view.points("sn_mean"), latest.period), _at(view.points("sn_median"), latest.period)
    if mean and median:
        out["statistical neighbours"] = {"period": mean.period, "mean": mean.value, "median": median.value,
                                         "count": mean.count, "version": view.neighbour_version,
                                         "neighbours": view.neighbours}
    return out


def summarise(conn: sqlite3.Connection, view: IndicatorView, full: IndicatorView | None = None) -> dict:
    """The whole record of one indicator (``full``: its view of every year, if read already)."""
    series = {key: [point_dict(p) for p in view.points(key)] for key in SERIES_KEYS}
    series["quoted"] = {key.removeprefix("quoted:"): [point_dict(p) for p in s.points]
                        for key, s in view.series.items() if key.startswith("quoted:")}
    return {
        "code": view.code, "name": view.name, "unit": view.unit, "polarity": view.polarity,
        "council": view.council, "region": view.region,
        "latest_official": point_dict(view.latest_official) if view.latest_official else None,
        "latest_local": point_dict(view.latest_local) if view.latest_local else None,
        "comparators": comparators_at_latest(view),
        "rag": {"rating": view.rag.rating, "reason": view.rag.reason, "rule": RAG_RULE},
        "direction": {"change": view.direction.change, "judgement": view.direction.judgement,
                      "text": view.direction.text},
        "series": series,
        "flags": [flag.as_dict() for flag in indicator_flags(conn, view, full)],
    }


def indicator_summaries(conn: sqlite3.Connection) -> list[dict]:
    """Every catalogue indicator's record, in catalogue order."""
    fulls = (load_indicator(conn, code, years=None) for code in indicator_codes(conn))
    return [summarise(conn, windowed(full), full) for full in fulls if full is not None]


def summary_line(record: dict) -> str:
    """One line of ``indicators list``: code, latest values, England, RAG and the number of flags."""
    unit = record["unit"]
    official, local = record["latest_official"], record["latest_local"]
    parts = [f"{record['code']:<22}"]
    parts.append(f"official {format_value(official['value'], unit)} ({official['label']})" if official
                 else "official –")
    parts.append(f"minutes {format_value(local['value'], unit)} ({local['label']})" if local else "minutes –")
    england = record["comparators"].get(ENGLAND)
    if england:
        parts.append(f"England {format_value(england['value'], unit)}")
    parts.append(record["rag"]["rating"] or "not rated")
    if record["flags"]:
        parts.append(f"⚑ {len(record['flags'])}")
    return " · ".join(parts)


EXPORT_COLUMNS = ("indicator", "series", "period", "period_label", "value", "unit", "source", "quote",
                  "meeting_id", "record_id", "neighbours_counted")


def export_rows(view: IndicatorView) -> list[dict]:
    """The chart's data, one row per plotted value, for a CSV a member can check or reuse."""
    rows = []
    for series in view.series.values():
        for point in series.points:
            rows.append({"indicator": view.code, "series": series.name, "period": point.period,
                         "period_label": point.label, "value": point.value, "unit": view.unit,
                         "source": point.source, "quote": point.quote, "meeting_id": point.meeting_id,
                         "record_id": point.record_id, "neighbours_counted": point.count})
    return rows


def write_export_csv(view: IndicatorView, path: Path) -> None:
    """Write ``export_rows`` to ``path`` (UTF-8 with a byte-order mark, so Excel reads it)."""
    try:
        with Path(path).open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS)
            writer.writeheader()
            writer.writerows(export_rows(view))
    except OSError as error:
        raise UserFacingError(f"Cannot write {path}: {error.strerror or error}; choose another folder.") from None
