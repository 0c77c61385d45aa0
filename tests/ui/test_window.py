"""The window over the seed minutes: each tab shows real rows, navigation and search land on records."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from scrutinydesk.core.releases import OpenRelease
from scrutinydesk.ui.main_window import MainWindow
from scrutinydesk.ui.sql_table_model import RECORD_ID_ROLE


def column_texts(view, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_meetings_tab_lists_committees_and_shows_minutes_with_highlights(window: MainWindow) -> None:
    tab = window.meetings_tab
    committees = [tab.tree_model.index(r, 0).data() for r in range(tab.tree_model.rowCount())]
    assert "Children's Scrutiny Committee" in committees
    assert "Cabinet" in committees
    assert tab.show_meeting("childrens-scrutiny/2022-11-15")
    text = tab.text.toPlainText()
    assert "484 per 10,000" in text
    assert tab.store.highlights(tab._items[0])


def test_resolutions_register_filters_as_you_type(window: MainWindow, qtbot) -> None:
    tab = window.resolutions_tab
    assert tab.model.rowCount() >= 2
    qtbot.keyClicks(tab.filter_edit, "unsuitable accommodation")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=2000)
    assert "care leavers" in tab.model.index(0, 3).data()


def test_actions_open_first_and_overdue_marked(window: MainWindow) -> None:
    tab = window.actions_tab
    statuses = column_texts(tab.table, 0)
    assert statuses, "the seed minutes carry actions"
    assert all(s in ("Open", "⚠ Overdue") for s in statuses)
    owners = column_texts(tab.table, 1)
    assert "Officers" in owners
    assert "Actions (" in window.tabs.tabText(2)


def test_sorting_the_actions_by_owner_happens_in_sql(window: MainWindow) -> None:
    tab = window.actions_tab
    tab.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    owners = [tab.model.index(r, 1).data(Qt.ItemDataRole.UserRole + 2) or "" for r in range(tab.model.rowCount())]
    assert owners == sorted(owners)


def test_opening_an_action_jumps_to_its_words_in_the_minutes(window: MainWindow) -> None:
    tab = window.actions_tab
    record_id = tab.model.index(0, 0).data(RECORD_ID_ROLE)
    tab.open_record.emit(record_id)
    assert window.tabs.currentWidget() is window.meetings_tab
    selected = window.meetings_tab.text.textCursor().selectedText()
    assert selected, "the action's words are selected in the minutes"


def test_global_search_jumps_to_the_record(window: MainWindow, qtbot) -> None:
    window.select_tab("actions")
    dialog = window.open_search()
    qtbot.keyClicks(dialog.query, "briefing note")
    dialog.run_search()
    assert dialog.results_model.rowCount() > 0
    dialog.results.activated.emit(dialog.results_model.index(0, 0))
    assert window.tabs.currentWidget() is window.meetings_tab


def test_window_remembers_its_tab(qtbot, seed_db: Path, data_dir: Path) -> None:
    first = MainWindow(OpenRelease(seed_db, None), data_dir)
    qtbot.addWidget(first)
    first.select_tab("resolutions")
    first.close()
    second = MainWindow(OpenRelease(seed_db, None), data_dir)
    qtbot.addWidget(second)
    assert second.tabs.currentWidget() is second.resolutions_tab


def test_records_with_notes_carry_a_badge_in_every_table(window: MainWindow) -> None:
    actions = window.actions_tab.proxy
    action_id = actions.index(0, 0).data(RECORD_ID_ROLE)
    assert not actions.index(0, 0).data().startswith("✎")
    window.notes.panel.add_question(action_id, "Has the briefing note gone out?")
    assert actions.index(0, 0).data().startswith("✎")
    meeting_id = window.meetings_tab.store.locate(action_id)[0]
    labels = [window.meetings_tab._meeting_index(meeting_id).data()]
    assert "✎ 1 note" in labels[0]
    other = window.resolutions_tab.proxy.index(0, 0)
    assert not other.data().startswith("✎")


def test_cells_paint_what_the_model_answers_role_by_role(window: MainWindow) -> None:
    """The view asks a cell's roles all at once (multiData); it must see what data() answers one by one,
    the notes badge and the overdue font included."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    action_id = window.actions_tab.proxy.index(0, 0).data(RECORD_ID_ROLE)
    window.notes.panel.add_question(action_id, "Is the date still right?")
    delegate = QStyledItemDelegate()
    for tab in (window.resolutions_tab, window.actions_tab):
        proxy = tab.proxy
        assert proxy.rowCount() > 0
        for row in range(min(proxy.rowCount(), 10)):
            for column in range(proxy.columnCount()):
                index = proxy.index(row, column)
                option = QStyleOptionViewItem()
                delegate.initStyleOption(option, index)
                assert option.text == index.data(), (tab.model.state, row, column)
                font = index.data(Qt.ItemDataRole.FontRole)
                assert option.font.bold() == (isinstance(font, QFont) and font.bold())
    assert window.actions_tab.proxy.index(0, 0).data().startswith("✎")
