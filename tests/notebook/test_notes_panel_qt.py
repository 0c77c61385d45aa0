"""The notes panel: typing is stored with no save action, statuses, delete with undo, detached notes."""
from __future__ import annotations

from pathlib import Path

import pytest
from notebook_release import ACTION, FIGURE_REF, INDICATOR, build_release
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from scrutinydesk.core.notebook import Notebook
from scrutinydesk.ui.notes_panel import SAVE_DELAY_MS, NotesPanel


@pytest.fixture
def panel(qtbot, notebook: Notebook) -> NotesPanel:
    widget = NotesPanel(notebook)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_record(ACTION)
    return widget


def stored_texts(notebook: Notebook, target: str = ACTION) -> list[str]:
    return [note.text for note in notebook.notes_for(target)]


def test_typing_is_stored_within_a_second_without_any_save_action(qtbot, panel: NotesPanel, notebook: Notebook) -> None:
    assert not [b for b in panel.findChildren(QPushButton) if "save" in b.text().lower()]
    qtbot.mouseClick(panel.add_note_button, Qt.MouseButton.LeftButton)
    assert panel.editor.hasFocus()
    qtbot.keyClicks(panel.editor, "Chase the briefing note ")
    panel.editor.insertPlainText("– “urgent”, £ costs")  # keyClicks takes ASCII only; this is how a paste arrives
    assert panel._save_timer.interval() <= 1000 and panel._save_timer.isActive()  # saved by the clock, not by us
    # A second is the promise; the slack is for a loaded test machine, where timers fire late.
    qtbot.waitUntil(lambda: stored_texts(notebook) == ["Chase the briefing note – “urgent”, £ costs"], timeout=2500)
    assert panel.saved.text() == "Saved"


def test_steady_typing_is_saved_while_it_goes_on(qtbot, panel: NotesPanel, notebook: Notebook) -> None:
    panel.add(question=False)
    typed = ""
    saved_mid_typing = False
    for n in range(30):  # ~1.5 s of typing, never pausing long enough for a debounce
        qtbot.keyClicks(panel.editor, f"w{n} ")
        typed += f"w{n} "
        qtbot.wait(50)
        stored = stored_texts(notebook)[0]
        saved_mid_typing |= 0 < len(stored) < len(typed)
    assert saved_mid_typing, "nothing was saved until typing stopped"
    qtbot.wait(SAVE_DELAY_MS + 100)
    assert stored_texts(notebook) == [typed]


def test_leaving_the_editor_saves_at_once(qtbot, panel: NotesPanel, notebook: Notebook) -> None:
    panel.add(question=False)
    qtbot.keyClicks(panel.editor, "quick thought")
    panel.list.setFocus()
    assert stored_texts(notebook) == ["quick thought"]


def test_switching_record_saves_and_shows_the_other_records_notes(qtbot, panel: NotesPanel, notebook: Notebook) -> None:
    panel.add(question=False)
    qtbot.keyClicks(panel.editor, "about the action")
    with qtbot.waitSignal(panel.notes_changed) as changed:
        panel.show_record(FIGURE_REF)
    assert changed.args == [ACTION]
    assert stored_texts(notebook) == ["about the action"]
    assert panel.model.rowCount() == 0 and panel.title.text().startswith("Figure 484 per 10,000")
    panel.show_record(ACTION)
    assert panel.editor.toPlainText() == "about the action"


def test_an_added_note_left_empty_is_not_kept(qtbot, panel: NotesPanel, notebook: Notebook) -> None:
    panel.add(question=False)
    panel.show_record(FIGURE_REF)
    assert stored_texts(notebook) == []


def test_question_status_and_answer_are_stored(qtbot, panel: NotesPanel, notebook: Notebook) -> None:
    qtbot.mouseClick(panel.add_question_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.editor, "Why 465?")
    assert panel.status.isVisible() and not panel.answer.isVisible()
    panel.status.setCurrentIndex(panel.status.findData("answered"))
    panel.status.activated.emit(panel.status.currentIndex())
    assert panel.answer.isVisible()
    qtbot.keyClicks(panel.answer, "A typo; England is 538.")
    qtbot.waitUntil(lambda: notebook.notes_for(ACTION)[0].answer == "A typo; England is 538.", timeout=2500)
    (question,) = notebook.notes_for(ACTION)
    assert (question.kind, question.text, question.status) == ("question", "Why 465?", "answered")
    assert question.answered_on is not None
    assert "Question · Answered" in panel.model.index(0).data()


def test_delete_then_undo_brings_the_note_back(qtbot, panel: NotesPanel, notebook: Notebook) -> None:
    panel.add(question=False)
    qtbot.keyClicks(panel.editor, "keep me")
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert stored_texts(notebook) == [] and panel.model.rowCount() == 0
    assert panel.undo_bar.isVisible()
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert stored_texts(notebook) == ["keep me"]
    assert panel.editor.toPlainText() == "keep me"
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_texts(notebook) == ["keep me"]


def test_add_as_draft_question_from_an_indicator(qtbot, panel: NotesPanel, notebook: Notebook) -> None:
    panel.set_target(INDICATOR, "indicator", "Referrals per 10,000 children", "")
    assert panel.title.text() == "Indicator: Referrals per 10,000 children"
    note = panel.add_question(INDICATOR, "Why are referrals falling?")
    assert note is not None and notebook.get(note.uuid).kind == "question"
    assert panel.editor.toPlainText() == "Why are referrals falling?"


def test_notes_on_a_record_the_new_release_dropped_are_listed_as_detached(qtbot, tmp_path: Path, panel: NotesPanel,
                                                                       notebook: Notebook) -> None:
    panel.add(question=False)
    qtbot.keyClicks(panel.editor, "about a vanishing action")
    panel.flush()
    notebook.attach_published(build_release(tmp_path / "v2.db", without=(ACTION,)))
    panel.show_record(FIGURE_REF)
    assert panel.detached_button.isVisible() and "(1)" in panel.detached_button.text()
    panel.show_detached()
    row = panel.model.index(0).data()
    assert "provide a briefing note on agency social worker numbers" in row
    assert "about a vanishing action" in row


def test_reselecting_the_same_record_keeps_a_note_just_added(qtbot, panel: NotesPanel, notebook: Notebook) -> None:
    note = panel.add(question=False)
    panel.show_record(ACTION)  # the table re-emits its selection
    assert notebook.get(note.uuid).deleted_at is None
    assert panel.editor.isVisible() and panel.model.rowCount() == 1
