"""The Indicators tab reads off the UI thread when it is switched to in a window on screen, and what
needs the data at once (a chart asked for, the tests, a screenshot) still gets it."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QTabWidget, QWidget

from scrutinydesk.core.database import open_readonly
from scrutinydesk.core.indicator_overview import read_indicators
from scrutinydesk.core.indicator_series import indicator_codes, load_indicator
from scrutinydesk.core.question_flags import indicator_flags, plan_rag_flags, plan_rag_history
from scrutinydesk.ui.indicators_tab import IndicatorsTab


def test_read_indicators_matches_reading_each_indicator_on_its_own(seed_db: Path):
    conn = open_readonly(seed_db)
    read = read_indicators(conn)
    codes = [code for code in indicator_codes(conn) if load_indicator(conn, code) is not None]
    assert list(read.views) == codes == list(read.flags)
    for code in codes:
        view = load_indicator(conn, code)
        assert read.views[code] == view
        assert read.flags[code] == indicator_flags(conn, view)
    assert read.plan_history == plan_rag_history(conn)
    assert read.plan_flags == plan_rag_flags(conn)


@pytest.fixture()
def host(qtbot, seed_db: Path):
    """A window on screen whose second page is the Indicators tab, not yet shown (as in the main window)."""
    conn = open_readonly(seed_db)
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tab = IndicatorsTab(lambda: conn)
    tabs.addTab(QWidget(), "Meetings")
    tabs.addTab(tab, "Indicators")
    tabs.resize(1100, 700)
    tabs.show()
    qtbot.waitExposed(tabs)
    return tabs, tab


def test_switching_to_the_tab_reads_on_the_pool_and_says_so(qtbot, host):
    tabs, tab = host
    tabs.setCurrentIndex(1)
    assert tab.overview_summary.text() == "Reading the indicators…"
    assert tab.reading_bar.isVisible() and not tab.picker.isEnabled()
    qtbot.waitUntil(lambda: tab.overview_model.rowCount() > 0, timeout=10_000)
    assert tab.reading_bar.isHidden() and tab.picker.isEnabled()
    assert "indicators" in tab.overview_summary.text() and tab.picker.count() == len(tab.views)


def test_a_chart_asked_for_while_reading_waits_for_the_read(qtbot, host):
    tabs, tab = host
    tabs.setCurrentIndex(1)
    tab.select_indicator("REF_RATE")
    assert tab.pages.currentIndex() == 1 and tab.view.code == "REF_RATE"
    assert [card.flag.kind for card in tab.questions.cards] == ["contradiction", "unmatched_comparator"]
    qtbot.wait(200)  # the pool's own signal, arriving after, changes nothing
    assert tab.pages.currentIndex() == 1 and tab.view.code == "REF_RATE"


def test_a_read_from_before_a_reload_is_dropped(qtbot, host):
    tabs, tab = host
    tabs.setCurrentIndex(1)
    tab.select_indicator("SW_AGENCY")
    tab.reload()  # the database was switched: read again, and come back to the same chart
    assert tab.overview_summary.text() == "Reading the indicators…" and tab.overview_model.rowCount() == 0
    first = tab._in_progress.reading
    tab.reload()  # and switched again before that read came back
    assert first.state.cancelled and tab._in_progress.reading is not first
    qtbot.waitUntil(lambda: tab.overview_model.rowCount() > 0, timeout=10_000)
    assert tab.pages.currentIndex() == 1 and tab.view.code == "SW_AGENCY"
    assert tab.picker.isEnabled() and tab.reading_bar.isHidden()


def test_closing_the_tab_while_it_reads_is_quiet(qtbot, seed_db: Path):
    conn = open_readonly(seed_db)
    tabs = QTabWidget()
    tab = IndicatorsTab(lambda: conn)
    tabs.addTab(QWidget(), "Meetings")
    tabs.addTab(tab, "Indicators")
    tabs.show()
    qtbot.waitExposed(tabs)
    tabs.setCurrentIndex(1)
    with qtbot.waitSignal(tabs.destroyed, timeout=10_000):
        tabs.deleteLater()
    qtbot.wait(100)


def test_a_database_that_cannot_be_read_says_what_to_do(qtbot, host, monkeypatch):
    import sqlite3

    import scrutinydesk.ui.indicator_reading as indicator_reading
    import scrutinydesk.ui.indicators_tab as indicators_tab

    def broken(*_args, **_kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(indicator_reading, "read_indicators", broken)  # the pool's read
    monkeypatch.setattr(indicators_tab, "read_indicators", broken)  # and the tab's own, after it
    tabs, tab = host
    tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "could not be read" in tab.overview_summary.text(), timeout=10_000)
    assert "open another database" in tab.overview_summary.text() and tab.reading_bar.isHidden()


def test_export_while_reading_writes_the_new_databases_chart(qtbot, host, tmp_path):
    tabs, tab = host
    tabs.setCurrentIndex(1)
    tab.select_indicator("REF_RATE")
    tab.reload()  # a switch: the old view must not be exported meanwhile
    tab.export_csv(str(tmp_path / "chart.csv"))
    assert tab._loaded and "REF_RATE" in (tmp_path / "chart.csv").read_text(encoding="utf-8-sig")
