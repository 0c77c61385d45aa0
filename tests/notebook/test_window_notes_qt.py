"""The notebook inside the main window: each tab's selection drives the notes panel; notes survive a release switch."""
from __future__ import annotations

from pathlib import Path

import pytest
from notebook_release import ACTION, INDICATOR, NOV, build_release
from PySide6.QtCore import Qt

from scrutinydesk.core.notebook import NOTEBOOK_FILE, Notebook
from scrutinydesk.core.releases import OpenRelease
from scrutinydesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path, release: Path) -> MainWindow:
    home = tmp_path / "member"
    home.mkdir()
    win = MainWindow(OpenRelease(release, None), home)
    qtbot.addWidget(win)
    win.show()
    return win


def test_selecting_an_action_shows_its_notes_and_typing_is_kept(qtbot, window: MainWindow) -> None:
    panel = window.notes.panel
    window.select_tab("actions")
    assert window.actions_tab.select_record(ACTION)
    assert panel.target_id == ACTION and "Head of Service" in panel.title.text()
    qtbot.mouseClick(panel.add_question_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.editor, "When will the briefing note come")
    with Notebook(window.data_dir / NOTEBOOK_FILE, window.release.path) as other_connection:
        qtbot.waitUntil(lambda: [n.text for n in other_connection.notes_for(ACTION)] == ["When will the briefing note come"],
                        timeout=2500)
    questions = window.notes.questions
    questions.set_meeting(NOV)
    assert questions.model.index(0).data().startswith("1. When will the briefing note come")


def test_indicator_selection_and_add_as_draft_question_reach_the_panel(window: MainWindow) -> None:
    window.indicators_tab.selection_changed.emit(INDICATOR, "indicator", "Referrals per 10,000 children", "")
    assert window.notes.panel.title.text() == "Indicator: Referrals per 10,000 children"
    window.indicators_tab.add_question.emit(INDICATOR, "Why are referrals below England?")
    assert [n.text for n in window.notes.notebook.notes_for(INDICATOR)] == ["Why are referrals below England?"]


def test_switching_to_a_release_without_the_record_shows_the_note_detached(qtbot, tmp_path: Path, window: MainWindow) -> None:
    panel = window.notes.panel
    panel.show_record(ACTION)
    panel.add(question=False)
    qtbot.keyClicks(panel.editor, "about the briefing note")
    window.open_release(OpenRelease(build_release(tmp_path / "v2.db", without=(ACTION,)), 2))
    assert panel.detached_button.isVisible() and panel.detached_button.text() == "Detached notes (1)"
    qtbot.mouseClick(panel.detached_button, Qt.MouseButton.LeftButton)
    assert panel.title.text() == "Detached notes"
    assert "about the briefing note" in panel.model.index(0).data()
    assert "provide a briefing note on agency social worker numbers" in panel.model.index(0).data()


def test_the_notes_menu_opens_my_questions(window: MainWindow) -> None:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Notes")
    titles = [a.text() for a in menu.actions() if a.text()]
    assert "&My questions" in titles and "&Print my questions…" in titles
    next(a for a in menu.actions() if a.text() == "&My questions").trigger()
    assert window.notes.questions_dock.isVisible()
