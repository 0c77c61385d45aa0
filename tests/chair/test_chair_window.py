"""Chair mode in the window: only with a registered key, one keystroke per action, pending at once,
still pending after a restart, confirmed by the next release."""
from __future__ import annotations

from pathlib import Path

import pytest
from chair_kit import (
    AUDIT,
    BRIEFING,
    CABINET,
    CABINET_ACTION,
    CHILDREN,
    MARCH,
    RECRUITMENT,
    Chair,
    release_to,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from scrutinydesk.core.config import Settings, save_settings
from scrutinydesk.core.releases import current_release
from scrutinydesk.sync.merge import merge_outbox
from scrutinydesk.sync.outbox import OUTBOX_FILE, Outbox
from scrutinydesk.ui import chair_dialogs
from scrutinydesk.ui.chair_dialogs import NewAction
from scrutinydesk.ui.main_window import MainWindow


def open_window(qtbot, data_dir: Path) -> MainWindow:
    window = MainWindow(current_release(data_dir), data_dir)
    qtbot.addWidget(window)
    window.show()
    window.select_tab("actions")
    window.actions_tab.show_combo.setCurrentIndex(3)  # all actions, completed ones too
    return window


def use_key(data_dir: Path, chair: Chair) -> None:
    outbox = Outbox(data_dir)
    outbox.remember_key(chair.public, chair.key_path)
    outbox.close()


def focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def cell(window: MainWindow, action_id: str, column: int) -> str:
    tab = window.actions_tab
    return tab.model.index(tab.model.row_of(action_id), column).data()


@pytest.fixture()
def chair_laptop(master: Path, chair: Chair, data_dir: Path) -> Path:
    release_to(master, data_dir, 1)
    use_key(data_dir, chair)
    return data_dir


def test_no_chair_mode_on_a_members_laptop(qtbot, master, chair, data_dir):
    release_to(master, data_dir, 1)
    window = open_window(qtbot, data_dir)

    window.actions_tab.select_record(BRIEFING)

    assert not window.chair_mode.bar.isVisible()
    assert not (data_dir / OUTBOX_FILE).exists()


def test_chair_mode_only_for_the_committee_the_key_chairs(qtbot, master, cabinet_chair, data_dir):
    release_to(master, data_dir, 1)
    use_key(data_dir, cabinet_chair)
    window = open_window(qtbot, data_dir)
    tab = window.actions_tab

    tab.select_record(BRIEFING)
    assert not window.chair_mode.bar.isVisible()
    tab.select_record(CABINET_ACTION)
    assert window.chair_mode.bar.isVisible()
    assert window.chair_mode.actions["complete"].isEnabled()
    tab.committee_combo.setCurrentIndex(tab.committee_combo.findData(CHILDREN))
    assert not window.chair_mode.bar.isVisible()


def test_a_key_registered_after_this_release_gives_no_chair_mode_yet(qtbot, master, data_dir, tmp_path):
    from chair_kit import make_key, register

    release_to(master, data_dir, 1)
    late = make_key(tmp_path / "late", "late-chair")
    register(master, late, "Cllr Late (Chair)", [CHILDREN])
    use_key(data_dir, late)
    window = open_window(qtbot, data_dir)
    window.actions_tab.select_record(BRIEFING)
    assert not window.chair_mode.bar.isVisible()

    release_to(master, data_dir, 2)
    window.open_release(current_release(data_dir))
    window.actions_tab.select_record(BRIEFING)
    assert window.chair_mode.bar.isVisible()


def test_one_keystroke_marks_completed_at_once_and_it_survives_a_restart(qtbot, chair_laptop, master, share):
    window = open_window(qtbot, chair_laptop)
    tab = window.actions_tab
    tab.select_record(BRIEFING)
    assert window.chair_mode.bar.isVisible()
    window.chair_mode.note.setText("Briefing note circulated")

    focus(qtbot, tab.table)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert cell(window, BRIEFING, 0) == "✓ Completed*"
    assert tab.selected_id() != BRIEFING, "the selection moves on to the next action"
    assert window.chair_mode.note.text() == ""
    assert "1 change(s) pending" in window.chair_mode.status_label.text()
    window.close()

    again = open_window(qtbot, chair_laptop)
    assert cell(again, BRIEFING, 0) == "✓ Completed*"
    again.actions_tab.select_record(BRIEFING)
    assert "Pending on this laptop" in again.actions_tab.detail.toPlainText()
    assert again.chair_mode.actions["reopen"].isEnabled()

    Outbox(chair_laptop).send(share)
    merge_outbox(share, master)
    release_to(master, chair_laptop, 2)
    again.open_release(current_release(chair_laptop))
    assert cell(again, BRIEFING, 0) == "✓ Completed"
    assert again.chair_mode.status_label.text() == "No chair changes pending"


def test_reopen_due_owner_and_an_action_arising(qtbot, chair_laptop, monkeypatch):
    window = open_window(qtbot, chair_laptop)
    tab, mode = window.actions_tab, window.chair_mode
    monkeypatch.setattr(chair_dialogs, "ask_due", lambda _parent, _current: (True, "2023-03-31"))
    monkeypatch.setattr(chair_dialogs, "ask_owner", lambda _parent, _current: (True, "Director"))
    monkeypatch.setattr(chair_dialogs, "ask_new_action", lambda _parent, items, item_id: NewAction(
        item_id, "circulate the SEND improvement plan", "Head of SEND", None))

    tab.select_record(AUDIT)
    assert mode.reopen() is not None
    tab.select_record(RECRUITMENT)
    mode.change_due()
    mode.change_owner()
    added = mode.add_arising()

    assert cell(window, AUDIT, 0) == "Open*"
    assert (cell(window, RECRUITMENT, 4), cell(window, RECRUITMENT, 1)) == ("31 Mar 2023*", "Director*")
    assert added.action_id.startswith(f"{MARCH}/7/a-")
    assert mode.arising_model.stringList() == ["circulate the SEND improvement plan (Head of SEND) · pending"]
    assert "4 change(s) pending" in mode.status_label.text()


def test_meeting_mode_shows_the_committees_open_actions_in_large_type(qtbot, chair_laptop, master):
    window = open_window(qtbot, chair_laptop)
    tab, mode = window.actions_tab, window.chair_mode
    size = tab.table.font().pointSizeF()

    focus(qtbot, tab.table)
    qtbot.keyClick(tab.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    assert mode.actions["meeting"].isChecked()
    assert tab.committee_combo.currentData() == CHILDREN
    ids = [tab.model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(tab.model.rowCount())]
    assert ids == [BRIEFING, RECRUITMENT]  # open ones only, the Cabinet's and the completed one left out
    assert tab.table.font().pointSizeF() >= size * 1.5
    assert tab.selected_id() == BRIEFING and mode.actions["complete"].isEnabled()

    mode.set_meeting_mode(False)
    assert tab.table.font().pointSizeF() == size


def test_changes_are_sent_to_the_shared_folder_off_the_ui_thread(qtbot, chair_laptop, share):
    save_settings(Settings(shared_folder=share), chair_laptop)
    window = open_window(qtbot, chair_laptop)
    window.actions_tab.select_record(BRIEFING)

    window.chair_mode.mark_completed()
    assert window.chair_mode.wait()
    qtbot.waitUntil(lambda: "sent, waiting" in window.chair_mode.status_label.text(), timeout=5000)

    assert len(list((share / "outbox").rglob("*.json"))) == 1


def test_an_unregistered_committee_action_is_not_offered(qtbot, chair_laptop):
    window = open_window(qtbot, chair_laptop)
    window.actions_tab.committee_combo.setCurrentIndex(window.actions_tab.committee_combo.findData(CABINET))
    window.actions_tab.select_record(CABINET_ACTION)
    assert not window.chair_mode.bar.isVisible()
    assert window.chair_mode.mark_completed() is None
