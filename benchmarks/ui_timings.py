"""What a member does in the window, driven by Qt events and timed from the event to the repainted result.

Run inside ``window_probe.py interactions`` (a child process with the offscreen platform). Each
latency runs from sending the mouse click or key press to the point where Qt has handled it and
every repaint it caused (the model reset included) has been processed.
"""
from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from window_probe import peak_rss_kb

# What members type into the Resolutions filter, one key at a time.
FILTER_WORDS = ("care leavers", "Hannaford", "agency social", "pothole", "budget monitoring", "safeguarding")
TIMEOUT = 20.0


def _settle(app: QApplication) -> None:
    """Process events until none are pending, the paint of the new state included."""
    app.processEvents()
    app.processEvents()


def _timed(app: QApplication, send) -> tuple[float, float]:  # noqa: ANN001
    """(wall, CPU) seconds from sending an event to its repainted result."""
    started, cpu = time.perf_counter(), time.process_time()
    send()
    _settle(app)
    return time.perf_counter() - started, time.process_time() - cpu


def _summary(samples: list[tuple[float, float]]) -> dict:
    """Median, 95th percentile and worst of the wall times, and the same of the CPU times."""
    out: dict = {"n": len(samples)}
    for prefix, values in (("", [w for w, _ in samples]), ("cpu_", [c for _, c in samples])):
        ordered = sorted(values)
        out |= {f"{prefix}median": statistics.median(ordered), f"{prefix}max": ordered[-1],
                f"{prefix}p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]}
    return out


def tab_switches(app: QApplication, window) -> dict:  # noqa: ANN001
    """Click each tab in turn, three rounds; the first visit of a tab is kept apart from the rest."""
    from scrutinydesk.ui.main_window import TAB_NAMES

    bar = window.tabs.tabBar()
    first: list[tuple[float, float]] = []
    again: list[tuple[float, float]] = []
    by_tab: dict[str, list[float]] = {}
    for round_number in range(3):
        for index in (1, 2, 3, 0):
            centre = bar.tabRect(index).center()
            spent = _timed(app, lambda c=centre: QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, c))
            assert window.tabs.currentIndex() == index, "the click did not switch tab"
            (first if round_number == 0 else again).append(spent)
            by_tab.setdefault(TAB_NAMES[index], []).append(round(spent[0], 4))
    return {"first_visit": _summary(first), "later": _summary(again), "by_tab_seconds": by_tab}


def filter_as_you_type(app: QApplication, window) -> dict:  # noqa: ANN001
    """Type words into the Resolutions filter a key at a time, waiting for each key's result.

    The filter waits for a pause in typing (``FILTER_DELAY_MS``) before it queries; each key is
    timed from that query's start to the model reset and the repaint it caused, in wall and CPU
    time (waiting out the pause here polls the event loop, which would blur the CPU figure).
    """
    from scrutinydesk.ui.register_view import FILTER_DELAY_MS

    tab = window.resolutions_tab
    window.select_tab("resolutions")
    _settle(app)
    samples: list[tuple[float, float]] = []
    resets: list[float] = []
    queried: list[tuple[float, float]] = []
    tab.model.modelReset.connect(lambda: resets.append(time.perf_counter()))
    set_filter_text = tab.model.set_filter_text

    def timed_filter(text: str) -> None:
        queried.append((time.perf_counter(), time.process_time()))
        set_filter_text(text)

    tab.model.set_filter_text = timed_filter
    for word in FILTER_WORDS:
        tab.filter_edit.clear()
        _wait_for_reset(app, resets)
        for char in word:
            resets.clear()
            queried.clear()
            QTest.keyClicks(tab.filter_edit, char)
            _wait_for_reset(app, resets)
            _settle(app)
            samples.append((time.perf_counter() - queried[0][0], time.process_time() - queried[0][1]))
    tab.filter_edit.clear()
    _wait_for_reset(app, resets)
    return _summary(samples) | {"pause_ms": FILTER_DELAY_MS}


def _wait_for_reset(app: QApplication, resets: list[float]) -> None:
    deadline = time.perf_counter() + TIMEOUT
    while not resets and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)


def sort_columns(app: QApplication, window) -> dict:  # noqa: ANN001
    """Click every column header of the Actions table twice (ascending, then descending)."""
    tab = window.actions_tab
    window.select_tab("actions")
    _settle(app)
    header = tab.table.horizontalHeader()
    samples: list[tuple[float, float]] = []
    for column in range(tab.model.columnCount()):
        for _ in range(2):
            x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
            samples.append(_timed(app, lambda x=x: QTest.mouseClick(
                header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, header.height() // 2))))
    return _summary(samples)


def scroll_end_to_end(app: QApplication, window) -> dict:  # noqa: ANN001
    """All actions shown; Ctrl+End to the last action and Ctrl+Home back, then the scroll bar dragged
    from top to bottom in twenty steps, each step showing rows never shown before."""
    tab = window.actions_tab
    window.select_tab("actions")
    tab.show_combo.setCurrentIndex(tab.show_combo.findText("All actions"))
    _settle(app)
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.proxy.index(0, 0))  # the member has clicked the first row
    _settle(app)
    total = tab.model.total
    jumps = [_timed(app, lambda: QTest.keyClick(tab.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier))]
    reached_end = tab.table.currentIndex().row() == total - 1
    jumps.append(_timed(app, lambda: QTest.keyClick(tab.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)))
    bar = tab.table.verticalScrollBar()
    drags = [_timed(app, lambda step=step: bar.setSliderPosition(bar.maximum() * step // 20)) for step in range(1, 21)]
    return {"rows": total, "reached_end": reached_end, "jumps": _summary(jumps), "drag": _summary(drags),
            "worst": _summary(jumps + drags)}


def indicator_charts(app: QApplication, window) -> dict:  # noqa: ANN001
    """Open each indicator's chart from the picker with the keyboard (Down arrow), all series drawn."""
    tab = window.indicators_tab
    window.select_tab("indicators")
    _settle(app)
    tab.show_overview()  # the tab reads on a pool thread when first shown: wait for it, untimed
    _settle(app)
    picker = tab.picker
    picker.setCurrentIndex(0)
    tab.select_indicator(picker.currentData())
    _settle(app)
    samples: list[tuple[float, float]] = []
    by_code: dict[str, float] = {}
    for _ in range(picker.count() - 1):
        samples.append(_timed(app, lambda: QTest.keyClick(picker, Qt.Key.Key_Down)))
        by_code[picker.currentData()] = round(samples[-1][0], 4)
    return _summary(samples) | {"indicators": picker.count(), "by_indicator_seconds": by_code}


def run_interactions(db: str, data_dir: str) -> None:
    from scrutinydesk.core.releases import OpenRelease
    from scrutinydesk.ui.app import application
    from scrutinydesk.ui.main_window import MainWindow

    app = application()
    window = MainWindow(OpenRelease(Path(db), None), Path(data_dir))
    window.resize(1366, 820)
    window.show()
    QTest.qWaitForWindowExposed(window)
    _settle(app)
    results = {
        "tabs": tab_switches(app, window),
        "filter": filter_as_you_type(app, window),
        "sort": sort_columns(app, window),
        "scroll": scroll_end_to_end(app, window),
        "indicators": indicator_charts(app, window),
        "peak_rss_mb": peak_rss_kb() / 1024,
    }
    print(json.dumps(results), flush=True)
