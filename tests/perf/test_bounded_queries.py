"""The window's models never read a big table whole: every row-returning SELECT over one has a LIMIT.

A small generated corpus (benchmarks/corpus.py, built with the real extractor and build) is opened
on a connection that records every statement SQLite runs; the registers are then filtered, sorted
and scrolled to their ends and the Indicators tab is walked through, as a member would. This is not
a timing test: it catches the regression that would make the county database slow (a query that
loads thirty thousand rows into Python) on a corpus small enough to build in seconds.
"""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from scrutinydesk.core.database import open_readonly

ROOT = Path(__file__).resolve().parents[2]
BIG_TABLES = ("resolutions", "actions", "figures", "items")
_READS_BIG_TABLE = re.compile(rf"\b(?:FROM|JOIN)\s+({'|'.join(BIG_TABLES)})\b(?!_)", re.IGNORECASE)
_AGGREGATE_ONLY = re.compile(r"^\s*SELECT\s+(?:count|sum|min|max|total)\(", re.IGNORECASE)


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def small_county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One meeting of each of the thirty committees, extracted and built for real."""
    corpus = _corpus_module()
    folder = tmp_path_factory.mktemp("minutes")
    corpus.generate_minutes(corpus.CorpusSpec(seed=8, scale=0.01), folder)
    out = folder.parent / "small-county.db"
    record = corpus.build_corpus_db(folder, out, workers=1)
    assert record["found"]["resolutions"] > 20 and record["found"]["actions"] > 20, record["found"]
    return out


@pytest.fixture()
def traced(small_county: Path):
    """The read-only connection the window uses, with every statement it runs recorded."""
    conn = open_readonly(small_county)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    yield conn, statements
    conn.close()


def unbounded(statements: list[str]) -> list[str]:
    """Row-returning SELECTs over a big table without a LIMIT (aggregates such as count(*) return one row)."""
    return [s for s in statements
            if s.lstrip().upper().startswith(("SELECT", "WITH")) and _READS_BIG_TABLE.search(s)
            and not _AGGREGATE_ONLY.match(s) and not re.search(r"\bLIMIT\b", s, re.IGNORECASE)]


def test_the_check_catches_a_query_that_loads_a_whole_table(traced) -> None:
    conn, statements = traced
    conn.execute("SELECT id, text FROM actions ORDER BY due").fetchall()
    conn.execute("SELECT count(*) FROM actions").fetchone()
    conn.execute("SELECT rowid FROM actions_fts WHERE actions_fts MATCH 'briefing'").fetchall()
    conn.execute("SELECT id, text FROM actions ORDER BY due LIMIT 200").fetchall()
    assert unbounded(statements) == ["SELECT id, text FROM actions ORDER BY due"]


def _drive_register(qtbot, tab, words: list[str]) -> None:  # noqa: ANN001
    """Filter by words, by each committee, sort by every column both ways, and scroll to the end."""
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    table = tab.table
    for word in words:
        tab.filter_edit.setText(word)
        qtbot.waitUntil(lambda w=word: tab.model.state.text == w, timeout=3000)
    tab.filter_edit.clear()
    qtbot.waitUntil(lambda: tab.model.state.text == "", timeout=3000)
    for index in range(tab.committee_combo.count()):
        tab.committee_combo.setCurrentIndex(index)
    tab.committee_combo.setCurrentIndex(0)
    for column in range(tab.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            table.sortByColumn(column, order)
            table.scrollToBottom()
            qtbot.wait(1)
    assert tab.model.total > 200 or tab.model.rowCount() == tab.model.total
    last = tab.model.index(tab.model.rowCount() - 1, 0)
    assert last.data() is not None, "the last row is reachable by scrolling"


def test_registers_page_every_read(qtbot, traced) -> None:
    from scrutinydesk.ui.actions_tab import SHOW_OPTIONS, ActionsTab
    from scrutinydesk.ui.resolutions_tab import ResolutionsTab

    conn, statements = traced
    resolutions = ResolutionsTab(conn)
    _drive_register(qtbot, resolutions, ["c", "care leav", "Hannaford", "no such words at all"])
    actions = ActionsTab(conn)
    for position in range(len(SHOW_OPTIONS)):
        actions.show_combo.setCurrentIndex(position)
    _drive_register(qtbot, actions, ["b", "briefing note", "Officers"])
    assert any("FROM resolutions" in s for s in statements) and any("FROM actions" in s for s in statements)
    assert unbounded(statements) == []


def test_indicators_tab_pages_every_read(qtbot, traced) -> None:
    from scrutinydesk.ui.indicators_tab import IndicatorsTab

    conn, statements = traced
    tab = IndicatorsTab(lambda: conn)
    qtbot.addWidget(tab)
    tab.show()
    for position in range(tab.picker.count()):
        tab.select_indicator(tab.picker.itemData(position))
    tab.show_plan()
    tab.show_overview()
    assert any("figures" in s for s in statements)
    assert unbounded(statements) == []
