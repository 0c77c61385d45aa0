"""The review screen driven from the keyboard: accept, edit, delete, merge, split, add by selecting words."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from officer_helpers import TEXT, read_file
from PySide6.QtCore import Qt

from scrutinydesk.core import master
from scrutinydesk.core.progress import JobState
from scrutinydesk.ui.officer.jobs import OfficerJobs
from scrutinydesk.ui.officer.review_window import ReviewWindow

OFFICER = "Jo Officer"


@pytest.fixture()
def review(qtbot, tmp_path: Path) -> ReviewWindow:
    path = master.create_master(tmp_path / "master.db")
    master.import_minutes(path, [read_file()], JobState(), OFFICER)
    window = ReviewWindow(path, OfficerJobs(), OFFICER)
    qtbot.addWidget(window)
    window.resize(1366, 820)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def rows(review: ReviewWindow, sql: str, *args: object) -> list[tuple]:
    conn = sqlite3.connect(review.master_path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def states(review: ReviewWindow) -> dict[str, str]:
    return {e.record_id: e.state for e in review.model.entries}


def test_it_opens_on_a_doubtful_record_beside_its_highlighted_words(review: ReviewWindow, tmp_path: Path) -> None:
    entry = review.current()
    assert entry.doubt and entry.pending
    assert "⚠ Doubtful" in review.editor.doubt.text()
    start, end = review.source.span
    assert review.source.text[start:end] in TEXT
    assert review.text.textCursor().position() == start, "the source pane is at the record's words"
    shot = tmp_path / "review.png"
    assert review.grab().save(str(shot)) and shot.stat().st_size > 20_000


def test_keys_accept_and_move_to_the_next_record_to_review(qtbot, review: ReviewWindow) -> None:
    first = review.current()
    review.queue.setFocus()
    qtbot.keyClick(review.queue, Qt.Key.Key_A)
    assert states(review)[first.record_id] == "accepted"
    assert review.current().record_id != first.record_id and review.current().pending
    qtbot.keyClick(review.queue, Qt.Key.Key_Return)
    assert sum(1 for s in states(review).values() if s == "accepted") == 2
    assert rows(review, "SELECT count(*) FROM corrections") == [(0,)], "accepting stores no correction"


def test_edit_with_a_bad_value_says_why_and_changes_nothing(review: ReviewWindow) -> None:
    figure = next(n for n, e in enumerate(review.model.entries) if e.table == "figures")
    review.select_row(figure)
    review.edit_current({"value": "about five hundred"})
    assert "not a number" in review.statusBar().currentMessage()
    assert rows(review, "SELECT value FROM figures") == [(484.0,)]
    review.edit_current({"value": "486", "period": "2022-10"})
    assert rows(review, "SELECT value, period FROM figures") == [(486.0, "2022-10")]
    review.select_row(figure)
    assert "Figure value changed from “484” to “486”" in review.editor.history.text()


def test_delete_merge_split_and_add_from_selected_words(qtbot, review: ReviewWindow) -> None:
    actions = [n for n, e in enumerate(review.model.entries) if e.table == "actions"]
    review.select_row(actions[0])
    review.queue.selectRow(actions[1])  # Shift+Down-style: both selected, the second current
    review.queue.selectionModel().select(review.model.index(actions[0], 0),
                                         review.queue.selectionModel().SelectionFlag.Select
                                         | review.queue.selectionModel().SelectionFlag.Rows)
    review.queue.setFocus()
    qtbot.keyClick(review.queue, Qt.Key.Key_M)
    assert rows(review, "SELECT count(*) FROM actions") == [(1,)]
    assert "merged" in states(review).values()

    resolution = next(n for n, e in enumerate(review.model.entries) if e.table == "resolutions")
    review.select_row(resolution)
    made = review.split_current(["that the Committee welcomes the improvement", "in assessment timeliness."])
    assert len(made) == 2 and rows(review, "SELECT count(*) FROM resolutions") == [(2,)]
    assert {e.record_id for e in review.model.entries} >= set(made), "the new part is queued for review"

    review.select_row(review.model.row_of(made[0]))
    words = "The Committee considered the report"
    start = review.source.text.index(words)
    review.select_source_words(start, start + len(words))
    added = review.add_from_selection("actions")
    assert added and rows(review, "SELECT text, span_start FROM actions WHERE id = ?", added) == [
        (words, TEXT.index(words))]
    review.edit_current({"owner": "The Committee"})
    assert rows(review, "SELECT owner FROM actions WHERE id = ?", added) == [("The Committee",)]

    figure = next(n for n, e in enumerate(review.model.entries) if e.table == "figures")
    review.select_row(figure)
    review.queue.setFocus()
    qtbot.keyClick(review.queue, Qt.Key.Key_Delete)
    assert rows(review, "SELECT count(*) FROM figures") == [(0,)]
    kinds = [k for (k,) in rows(review, "SELECT kind FROM corrections ORDER BY id")]
    assert kinds == ["merge", "split", "add", "edit", "delete"]
    assert rows(review, "SELECT DISTINCT who FROM corrections") == [(OFFICER,)]


def test_vanished_corrections_are_offered_to_the_officer(qtbot, review: ReviewWindow) -> None:
    owner_less = next(e for e in review.model.entries if e.table == "actions" and "Owner not found" in e.summary)
    review.select_row(review.model.row_of(owner_less.record_id))
    review.edit_current({"owner": "Head of Service"})
    master.import_minutes(review.master_path, [read_file(second_action=False)], JobState(), OFFICER)
    review.refresh()
    assert "1 correction no longer match" in review.vanished_label.text()

    from scrutinydesk.ui.officer.vanished_dialog import VanishedDialog

    dialog = VanishedDialog(review.master_path, review.jobs)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and owner_less.record_id in dialog.model.item(0, 1).text()
    dialog.table.selectRow(0)
    dialog.dismiss_selected()
    assert dialog.model.rowCount() == 0
    review.refresh()
    assert review.vanished_label.text() == ""


def test_edit_from_the_keyboard_and_save_with_ctrl_enter(qtbot, review: ReviewWindow) -> None:
    owner_less = next(e for e in review.model.entries if e.table == "actions" and "Owner not found" in e.summary)
    review.select_row(review.model.row_of(owner_less.record_id))
    review.queue.setFocus()
    qtbot.keyClick(review.queue, Qt.Key.Key_E)
    text_box = review.editor.widgets["text"]
    qtbot.waitUntil(text_box.hasFocus, timeout=2000)  # E puts the cursor in the record's first field
    qtbot.keyClicks(text_box, " to Members")
    qtbot.keyClick(text_box, Qt.Key.Key_Tab)
    owner = review.editor.widgets["owner"]
    qtbot.waitUntil(owner.hasFocus, timeout=2000)  # Tab moves on from the text to the owner
    qtbot.keyClicks(owner, "Head of Service")
    qtbot.keyClick(owner, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert rows(review, "SELECT owner, text FROM actions WHERE id = ?", owner_less.record_id) == [
        ("Head of Service", "circulate the sufficiency strategy to Members")]
    assert review.current().record_id != owner_less.record_id, "and it moves on to the next record"
