"""The Indicators tab with pytest-qt: points per series, clicks, flags, overview, plan RAG and export."""
from __future__ import annotations

import csv
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from scrutinydesk.core.database import open_readonly
from scrutinydesk.ui.indicators_tab import IndicatorsTab


@pytest.fixture()
def tab(qtbot, seed_db: Path) -> IndicatorsTab:
    conn = open_readonly(seed_db)
    widget = IndicatorsTab(lambda: conn)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _count(db: Path, sql: str, *args) -> int:
    return sqlite3.connect(db).execute(sql, args).fetchone()[0]


def test_overview_is_the_landing_view_with_a_tile_per_indicator(tab: IndicatorsTab, seed_db: Path):
    assert tab.pages.currentIndex() == 0
    assert tab.overview_model.rowCount() == _count(seed_db, "SELECT count(*) FROM indicators")
    index = tab.overview_model.index(tab.overview_model.row_of("SW_AGENCY"), 0)
    spoken = index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Red" in spoken and "worth a question" in spoken


def test_clicking_a_tile_opens_its_chart(qtbot, tab: IndicatorsTab):
    row = tab.overview_model.row_of("ASSESS_45D")
    rect = tab.grid.visualRect(tab.overview_model.index(row, 0))
    qtbot.mouseClick(tab.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.pages.currentIndex() == 1 and tab.view.code == "ASSESS_45D"


def test_selecting_an_indicator_draws_each_series_point_by_point(tab: IndicatorsTab, seed_db: Path):
    tab.select_indicator("REF_RATE")
    drawn = {key: len(points) for key, points in tab.chart.drawn.items()}
    window = "SELECT count(*) FROM indicator_values WHERE code = 'REF_RATE' AND area = ? AND period >= '2018-19'"
    assert drawn["council_official"] == _count(seed_db, window, "Devon") == 7
    assert drawn["england"] == _count(seed_db, window, "England") == 7
    assert drawn["region"] == _count(seed_db, window, "South West") == 7
    assert drawn["sn_mean"] == 7
    assert drawn["council_minutes"] == _count(seed_db, "SELECT count(*) FROM figures WHERE indicator_code = 'REF_RATE'")
    assert drawn["quoted:England"] == 1
    assert tab.chart.item_for("council_official").scatter.data.shape[0] == 7


def test_clicking_a_minutes_point_opens_its_meeting(qtbot, tab: IndicatorsTab, seed_db: Path):
    tab.select_indicator("SW_AGENCY")
    qtbot.wait(50)
    (point,) = tab.chart.drawn["council_minutes"]
    view_box = tab.chart.plot.getViewBox()
    where = tab.chart.canvas.mapFromScene(view_box.mapViewToScene(QPointF(point.x, point.value)))
    with qtbot.waitSignal(tab.open_record, timeout=2000) as opened:
        qtbot.mouseClick(tab.chart.canvas.viewport(), Qt.MouseButton.LeftButton, pos=where)
    record = sqlite3.connect(seed_db).execute(
        "SELECT meeting_id, id FROM figures WHERE indicator_code = 'SW_AGENCY'").fetchone()
    assert opened.args == list(record)
    assert "37.9%" in tab.details.text()


def test_clicking_an_official_point_shows_its_publication_and_address(qtbot, tab: IndicatorsTab):
    tab.select_indicator("SW_AGENCY")
    item = tab.chart.item_for("council_official")
    spot = item.scatter.points()[3]
    item.scatter.sigClicked.emit(item.scatter, [spot], None)
    assert "workforce" in tab.details.text().lower()
    assert "<a href=\"https://explore-education-statistics" in tab.details.text()


def test_flags_for_the_seed_contradictions_sit_beside_the_chart(qtbot, tab: IndicatorsTab):
    tab.select_indicator("REF_RATE")
    titles = [card.flag.kind for card in tab.questions.cards]
    assert titles == ["contradiction", "unmatched_comparator"]
    card = tab.questions.cards[0]
    with qtbot.waitSignal(tab.add_question) as added:
        qtbot.mouseClick(card.add_button, Qt.MouseButton.LeftButton)
    target, text = added.args
    assert target == card.flag.target_id and target.startswith("childrens-scrutiny/2022-11-15/")
    assert "465" in text and "484" in text
    tab.select_indicator("SW_AGENCY")
    assert [c.flag.kind for c in tab.questions.cards] == ["far_from_official"]


def test_selecting_an_indicator_tells_the_notes_panel(qtbot, tab: IndicatorsTab):
    with qtbot.waitSignal(tab.selection_changed) as selected:
        tab.select_indicator("CPP_SUBSEQ")
    assert selected.args[:2] == ["indicator:CPP_SUBSEQ", "indicator"]


def test_plan_ratings_list_red_first(tab: IndicatorsTab):
    tab.show_plan()
    ratings = [tab.plan_model.index(r, 0).data() for r in range(tab.plan_model.rowCount())]
    assert ratings[0].endswith("Red")
    assert ratings == sorted(ratings, key=lambda text: ("Red", "Amber", "Green").index(text.split()[-1]))


def test_export_png_and_csv(tmp_path: Path, tab: IndicatorsTab):
    tab.select_indicator("REF_RATE")
    assert tab.export_png(str(tmp_path / "chart.png"))
    assert (tmp_path / "chart.png").stat().st_size > 10_000
    tab.export_csv(str(tmp_path / "chart.csv"))
    with (tmp_path / "chart.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    minutes = [r for r in rows if r["series"] == "Devon (minutes, in-year)"]
    assert [r["value"] for r in minutes] == ["484.0"] and "465" in minutes[0]["quote"]
    assert len([r for r in rows if r["series"] == "England"]) == 7


def test_redrawing_charts_keeps_python_references_balanced(tab: IndicatorsTab):
    # PySide6 6.12.0 on Python 3.11 dropped a reference to None or True on every QGraphicsItem call,
    # which crashed the app after a few dozen chart redraws.
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(10):
        for code in ("REF_RATE", "SW_AGENCY", "ASSESS_45D"):
            tab.select_indicator(code)
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert after[0] - before[0] > -200 and after[1] - before[1] > -200


def test_hovering_a_point_shows_value_period_and_source(qtbot, tab: IndicatorsTab):
    tab.select_indicator("SW_AGENCY")
    qtbot.wait(50)
    point = next(p for p in tab.chart.drawn["council_official"] if p.period == "2022-09-30")
    view_box = tab.chart.plot.getViewBox()
    where = tab.chart.canvas.mapFromScene(view_box.mapViewToScene(QPointF(point.x, point.value)))
    viewport = tab.chart.canvas.viewport()
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(where), viewport.mapToGlobal(QPointF(where)),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, move)
    qtbot.waitUntil(lambda: view_box.toolTip() != "", timeout=2000)
    tip = view_box.toolTip()
    assert "30 September 2022: 26.4%" in tip and "Children's social work workforce" in tip
