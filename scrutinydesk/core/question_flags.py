"""Things worth a question: where the minutes and the published figures do not agree with each other
or with themselves.

Four kinds, each with the record it points at (so a draft question attaches to it) and a suggested
question in plain words:
- ``contradiction``: a sentence whose words contradict its own numbers ("484 … below the national
  average (465)");
- ``far_from_official``: a figure in minutes far from the published value for the same period
  (more than ``FAR_RATIO`` apart);
- ``unmatched_comparator``: a comparator quoted in minutes that matches no published value for that
  area in any year (within ``MATCH_RATIO``);
- ``rag_change``: an improvement plan priority whose rating changed between meetings, or an
  indicator whose RAG against England changed between its last two published periods.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass

from scrutinydesk.core.dates import long_date
from scrutinydesk.core.figure_text import format_value
from scrutinydesk.core.ids import normalised
from scrutinydesk.core.indicator_series import IndicatorView, Point, comparator_area, load_indicator, windowed
from scrutinydesk.core.indicator_status import rag_by_polarity
from scrutinydesk.core.note_targets import INDICATOR_PREFIX
from scrutinydesk.core.periods import Period, parse_period

FAR_RATIO = 0.20
MATCH_RATIO = 0.01
SNAPSHOT_SLACK_DAYS = 45  # a month's figure is "the same period" as a census date within six weeks

_BELOW = r"below|lower than|less than|under|beneath|fewer than|smaller than|behind"
_ABOVE = r"above|higher than|more than|greater than|over|exceed(?:s|ed|ing)?|in excess of|ahead of"
_CLAIM = re.compile(rf"\b(?P<neg>not\s+(?:\w+\s+)?)?(?:(?P<below>{_BELOW})|(?P<above>{_ABOVE}))\b", re.I)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class QuestionFlag:
    kind: str
    code: str | None
    target_id: str  # the record the question attaches to (a figure, a RAG rating) or "indicator:CODE"
    meeting_id: str | None
    title: str
    detail: str
    quote: str | None
    question: str

    def as_dict(self) -> dict:
        return asdict(self)


def _numbers(text: str) -> list[tuple[float, int, int]]:
    out = []
    for match in _NUMBER.finditer(text):
        try:
            out.append((float(match.group().replace(",", "")), match.start(), match.end()))
        except ValueError:
            continue
    return out


def _claim_between(text: str) -> str | None:
    """"below" or "above" when the words between two numbers say so (negation flips it)."""
    claims = list(_CLAIM.finditer(text))
    if not claims:
        return None
    claim = claims[-1]
    says = "below" if claim.group("below") else "above"
    if claim.group("neg"):
        says = "above" if says == "below" else "below"
    return says


def contradiction(value: float, comparators: dict[str, float], quote: str | None) -> tuple[str, float, str] | None:
    """(comparator, its value, what the words claim) when the sentence's words contradict its numbers."""
    if not quote:
        return None
    numbers = _numbers(quote)
    own = next((n for n in numbers if n[0] == value), None)
    if own is None:
        return None
    for area, compared in comparators.items():
        other = next((n for n in numbers if n[0] == compared and n[1] > own[2]), None)
        if other is None:
            continue
        says = _claim_between(quote[own[2]:other[1]])
        if says == "below" and value > compared or says == "above" and value < compared:
            return area, compared, says
    return None


def _same_period(local: Period, official: Period, year_end_snapshot: bool) -> bool:
    """A month's figure and a published one are comparable when the month falls within the published
    year, or (for a count taken on one day: a census date, or "at 31 March") near that day."""
    if local.kind not in ("month", "day"):
        return False
    if official.kind == "day" or year_end_snapshot:
        day = Period(official.text, "day", official.end, official.end, official.label)
        return local.overlaps(day, SNAPSHOT_SLACK_DAYS)
    return official.start <= local.start and local.end <= official.end


def _parsed(official: list[Point]) -> list[tuple[Point, Period]]:
    """Published points with their periods, parsed once for all of an indicator's figures."""
    return [(o, p) for o in official if (p := parse_period(o.period))]


def _official_for(point: Point, official: list[tuple[Point, Period]], year_end_snapshot: bool) -> Point | None:
    """The published value for the same period as a figure from minutes, if there is one.
    ``year_end_snapshot``: the published years are counts on their last day (31 March)."""
    local = parse_period(point.period)
    if local is None:
        return None
    matches = [o for o, p in official if _same_period(local, p, year_end_snapshot)]
    return min(matches, key=lambda o: abs(o.x - point.x)) if matches else None


def _meeting_words(point: Point) -> str:
    """How a question opens: "The minutes of Tuesday 15 November 2022"."""
    return f"The minutes of {long_date(point.meeting_date)}" if point.meeting_date else "The minutes"


def _lower_first(name: str) -> str:
    """An indicator's name inside a sentence: lower-case first letter unless it starts an acronym."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _in(point: Point) -> str:
    """"in 2021-22", "in October 2022", "at 30 September 2022"."""
    period = parse_period(point.period)
    return f"{'at' if period and period.kind == 'day' else 'in'} {point.label}"


def _flags_for_point(view: IndicatorView, point: Point, match: Point | None,
                     published: dict[str, list[float]], quoted: dict[tuple, dict[str, float]]) -> list[QuestionFlag]:
    """``match``: the published value for the point's period (``_official_for``)."""
    flags = []
    unit = view.unit
    said = format_value(point.value, unit)
    comparators = quoted.get((point.record_id, point.quote), {})
    if found := contradiction(point.value, comparators, point.quote):
        area, compared, says = found
        flags.append(QuestionFlag(
            "contradiction", view.code, point.record_id or "", point.meeting_id,
            "The words contradict the numbers",
            f"The sentence says {view.council} ({said}) is {says} {area} ({format_value(compared, unit)}), "
            f"but {said} is {'above' if says == 'below' else 'below'} {format_value(compared, unit)}.",
            point.quote,
            f"{_meeting_words(point)} say {view.council}'s {_lower_first(view.name)} ({said}) was {says} "
            f"{area} ({format_value(compared, unit)}), but the figures say the opposite. Which is right, and "
            "what comparison should the Committee rely on?"))
    if match and match.value and abs(point.value - match.value) > abs(match.value) * FAR_RATIO:
        flags.append(QuestionFlag(
            "far_from_official", view.code, point.record_id or "", point.meeting_id,
            "Far from the published figure",
            f"Minutes: {said} ({point.label}); published: {format_value(match.value, unit)} "
            f"({match.label}), {abs(point.value - match.value) / abs(match.value):.0%} apart.",
            point.quote,
            f"{_meeting_words(point)} give {_lower_first(view.name)} as {said} {_in(point)}, but the "
            f"published figure {_in(match)} is {format_value(match.value, unit)}. What explains the "
            "difference, and which figure should the Committee use?"))
    for area, compared in comparators.items():
        values = published.get(comparator_area(area, view.council, view.region))
        if values and not any(abs(v - compared) <= max(abs(compared) * MATCH_RATIO, 0.05) for v in values):
            nearest = min(values, key=lambda v: abs(v - compared))
            flags.append(QuestionFlag(
                "unmatched_comparator", view.code, point.record_id or "", point.meeting_id,
                "A comparator that matches no published value",
                f"{area} is quoted as {format_value(compared, unit)}; no published {area} value in any year "
                f"matches it (nearest {format_value(nearest, unit)}).",
                point.quote,
                f"{_meeting_words(point)} quote {area} as {format_value(compared, unit)} for "
                f"{_lower_first(view.name)}, which matches no published figure (the nearest is "
                f"{format_value(nearest, unit)}). Where does {format_value(compared, unit)} come from?"))
    return flags


def _quoted_by_sentence(view: IndicatorView) -> dict[tuple, dict[str, float]]:
    """The comparators quoted in each sentence (record and quote), by the name the minutes used: built
    once per indicator, so each council figure finds its sentence's comparators without a search."""
    out: dict[tuple, dict[str, float]] = {}
    for key, series in view.series.items():
        if not key.startswith("quoted:"):
            continue
        for other in series.points:
            out.setdefault((other.record_id, other.quote), {})[key.removeprefix("quoted:")] = other.value
    return out


def _published(conn: sqlite3.Connection, view: IndicatorView,
               full: IndicatorView | None = None) -> dict[str, list[float]]:
    """Every published value of the indicator (and its as-first-published twin) by area, all years.
    ``full``: the indicator's view of every year, when the caller has it already."""
    out: dict[str, list[float]] = {}
    for area, value in conn.execute(
            "SELECT area, value FROM indicator_values WHERE code IN (?, ?) AND value IS NOT NULL",
            (view.code, f"{view.code}_FP")):
        out.setdefault(area, []).append(value)
    if full is None:
        full = load_indicator(conn, view.code, years=None)
    if full is not None:
        out["statistical neighbours"] = [p.value for key in ("sn_mean", "sn_median") for p in full.points(key)]
    return out


def _indicator_rag_change(view: IndicatorView) -> QuestionFlag | None:
    official = view.points("council_official")
    england = {p.period: p.value for p in view.points("england")}
    rated = [(p, rag_by_polarity(p.value, england.get(p.period), view.polarity)) for p in official]
    rated = [(p, r) for p, r in rated if r.rating]
    if len(rated) < 2 or rated[-1][1].rating == rated[-2][1].rating:
        return None
    (before, was), (after, now) = rated[-2], rated[-1]
    return QuestionFlag(
        "rag_change", view.code, f"{INDICATOR_PREFIX}{view.code}", None, "RAG against England changed",
        f"{was.rating} {_in(before)} ({format_value(before.value, view.unit)}), {now.rating} {_in(after)} "
        f"({format_value(after.value, view.unit)}), against England.",
        None,
        f"{view.name} moved from {was.rating} {_in(before)} to {now.rating} {_in(after)} against "
        "England. What changed, and what is the plan for the next year?")


def indicator_flags(conn: sqlite3.Connection, view: IndicatorView,
                    full: IndicatorView | None = None) -> list[QuestionFlag]:
    """Every flag about one indicator: its figures in minutes and its RAG against England.
    ``full``: the same indicator's view of every year (``load_indicator(conn, code, years=None)``),
    when the caller has read it already; otherwise it is read here."""
    if full is None:
        full = load_indicator(conn, view.code, years=None)
    official = _parsed(full.points("council_official") if full else [])
    published = _published(conn, view, full)
    quoted = _quoted_by_sentence(view)
    matches: dict[str, Point | None] = {}  # by period: thousands of figures share a few hundred months
    flags = []
    for point in view.points("council_minutes"):
        if point.period not in matches:
            matches[point.period] = _official_for(point, official, view.year_end_snapshot)
        flags += _flags_for_point(view, point, matches[point.period], published, quoted)
    if change := _indicator_rag_change(view):
        flags.append(change)
    return flags


def plan_rag_flags(conn: sqlite3.Connection, history: dict[str, list[dict]] | None = None) -> list[QuestionFlag]:
    """Improvement plan priorities whose rating changed from one meeting to the next (``history``:
    ``plan_rag_history(conn)``, when the caller has read it already)."""
    flags = []
    for ratings in (plan_rag_history(conn) if history is None else history).values():
        for before, after in zip(ratings, ratings[1:], strict=False):
            if before["rating"] == after["rating"]:
                continue
            name = f"Priority {after['ref']}" if after["ref"] else "The priority"
            worse = _RAG_ORDER.get(after["rating"], 3) < _RAG_ORDER.get(before["rating"], 3)
            flags.append(QuestionFlag(
                "rag_change", None, after["id"], after["meeting_id"], "Improvement plan rating changed",
                f"{name} “{after['subject']}”: {before['rating']} ({_when(before)}) → {after['rating']} "
                f"({_when(after)}).",
                after["subject"],
                f"{name} (“{after['subject']}”) moved from {before['rating']} to {after['rating']} between "
                f"{_when(before)} and {_when(after)}. "
                + ("What caused the decline, and what will bring it back on track?" if worse else
                   "What evidence supports the change, and what remains to reach Green?")))
    return flags


_RAG_ORDER = {"Red": 0, "Amber": 1, "Green": 2}


def _when(row: dict) -> str:
    return long_date(row["date"]) if row["date"] else (str(row["year"]) if row["year"] else "date not known")


def plan_rag_history(conn: sqlite3.Connection) -> dict[str, list[dict]]:
    """Improvement plan ratings by priority (plan reference, else the subject's words), oldest first."""
    rows = conn.execute(
        "SELECT g.id, g.meeting_id, g.ref, g.subject, g.rating, m.date, m.year FROM rag_ratings g "
        "LEFT JOIN meetings m ON m.id = g.meeting_id").fetchall()
    history: dict[str, list[dict]] = {}
    for row in rows:
        record = dict(zip(("id", "meeting_id", "ref", "subject", "rating", "date", "year"), row, strict=True))
        key = f"ref:{record['ref']}" if record["ref"] else f"subject:{normalised(record['subject'] or '')}"
        history.setdefault(key, []).append(record)
    for records in history.values():
        records.sort(key=lambda r: (r["date"] or str(r["year"] or ""), r["id"]))
    return history


def flags_by_code(conn: sqlite3.Connection, codes: list[str]) -> dict[str, list[QuestionFlag]]:
    """Flags for each indicator code (codes without a catalogue entry get none)."""
    out = {}
    for code in codes:
        full = load_indicator(conn, code, years=None)
        out[code] = indicator_flags(conn, windowed(full), full) if full else []
    return out


def newest_first(flags: list[QuestionFlag]) -> list[QuestionFlag]:
    """``indicator_flags`` with the most recent first, for a list read from the top: it gives the
    figures oldest first and the RAG change (about the latest published years) last. The flags of one
    figure stay together in their order."""
    groups: list[list[QuestionFlag]] = []
    for flag in flags:
        if groups and groups[-1][0].target_id == flag.target_id:
            groups[-1].append(flag)
        else:
            groups.append([flag])
    return [flag for group in reversed(groups) for flag in group]
