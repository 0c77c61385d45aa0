"""Everything the Indicators tab shows, read in one go: each indicator's seven-year view and its flags,
and the improvement plan's RAG history and flags.

A plain function with a ``JobState``, so the window runs it on a pool thread over a connection of its
own (a county's 35 indicators take about half a second) and tests call it directly.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from scrutinydesk.core.indicator_series import IndicatorView, indicator_codes, load_indicator, windowed
from scrutinydesk.core.progress import JobState
from scrutinydesk.core.question_flags import QuestionFlag, indicator_flags, plan_rag_flags, plan_rag_history


@dataclass(frozen=True)
class IndicatorsRead:
    """What ``read_indicators`` returns; ``views`` and ``flags`` are in catalogue order."""

    views: dict[str, IndicatorView]
    flags: dict[str, list[QuestionFlag]]
    plan_history: dict[str, list[dict]]
    plan_flags: list[QuestionFlag]


def read_indicators(conn: sqlite3.Connection, state: JobState | None = None) -> IndicatorsRead:
    """Every catalogue indicator's view and flags (each read once) and the plan's ratings; ``state``
    hears the progress and can cancel between indicators (``Cancelled``)."""
    state = state or JobState()
    codes = indicator_codes(conn)
    views: dict[str, IndicatorView] = {}
    flags: dict[str, list[QuestionFlag]] = {}
    for number, code in enumerate(codes, start=1):
        state.check()
        full = load_indicator(conn, code, years=None)
        if full is not None:
            views[code] = view = windowed(full)
            flags[code] = indicator_flags(conn, view, full)
        state.progress(number / (len(codes) + 1), f"Read {number} of {len(codes)} indicators")
    state.check()
    history = plan_rag_history(conn)
    return IndicatorsRead(views, flags, history, plan_rag_flags(conn, history))
