"""My questions: what was typed in the panel appears in order, drags are saved, suggestions, PDF and print."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from notebook_release import ACTION, ACTION_MAR, CS, FIGURE_REF, INDICATOR, ITEM_9, MAR, NOV
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from scrutinydesk.core.briefing import build_briefing
from scrutinydesk.core.notebook import Notebook
from scrutinydesk.ui.briefing_document import briefing_document
from scrutinydesk.ui.notes_panel import NotesPanel
from scrutinydesk.ui.questions_view import QuestionsView

PAST = date(2023, 6, 1)


@pytest.fixture
def view(qtbot, notebook: Notebook) -> QuestionsView:
    widget = QuestionsView(notebook)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def rows(view: QuestionsView) -> list[str]:
    return [view.model.index(r).data() for r in range(view.model.rowCount())]


def test_questions_typed_in_the_panel_appear_in_my_questions_and_the_pdf(qtbot, tmp_path: Path, notebook: Notebook,
                                                                      view: QuestionsView) -> None:
    panel = NotesPanel(notebook)
    qtbot.addWidget(panel)
    panel.show()
    panel.notes_changed.connect(lambda _target: view.refresh())
    for target, words in ((ACTION, "When will the briefing note be circulated"), (FIGURE_REF, "Why is 465 the average")):
        panel.show_record(target)
        qtbot.mouseClick(panel.add_question_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(panel.editor, words)
    panel.flush()
    view.set_meeting(NOV)
    assert rows(view)[0].startswith("1. When will the briefing note be circulated\nQuestion · Draft · on Action for Head")
    assert rows(view)[1].startswith("2. Why is 465 the average")
    assert NOV in [view.meeting.itemData(i) for i in range(view.meeting.count())]
    assert "2 questions" in view.meeting.currentText()

    out = tmp_path / "my-questions.pdf"
    view.export_pdf(out)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "When will the briefing note be circulated" in text and "Why is 465 the average" in text
    assert "Saved my-questions.pdf: 2 questions." == view.message.text()


def test_dragging_a_question_saves_the_new_order(view: QuestionsView, notebook: Notebook) -> None:
    for words in ("first", "second", "third"):
        notebook.add(ACTION, words, question=True, today=PAST)
    view.refresh()
    view.set_meeting(NOV)
    model = view.model
    dragged = model.mimeData([model.index(2)])
    assert model.dropMimeData(dragged, Qt.DropAction.MoveAction, 0, 0, QModelIndex()) is False  # moved, nothing to remove
    assert [q.text for q in notebook.questions_for_meeting(NOV)] == ["third", "first", "second"]
    assert model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)  # Qt's own internal-move path
    assert [q.text for q in notebook.questions_for_meeting(NOV)] == ["first", "second", "third"]
    assert rows(view)[0].startswith("1. first")


def test_move_buttons_reorder_by_keyboard(qtbot, view: QuestionsView, notebook: Notebook) -> None:
    for words in ("first", "second"):
        notebook.add(ACTION, words, question=True, today=PAST)
    view.refresh()
    view.set_meeting(NOV)
    view.list.setCurrentIndex(view.model.index(1))
    qtbot.mouseClick(view.up_button, Qt.MouseButton.LeftButton)
    assert [q.text for q in notebook.questions_for_meeting(NOV)] == ["second", "first"]
    assert view.list.currentIndex().row() == 0


def test_unanswered_questions_of_the_last_meeting_are_offered_and_can_be_carried(qtbot, view: QuestionsView,
                                                                                notebook: Notebook) -> None:
    notebook.add(ACTION_MAR, "Was the Ofsted letter circulated?", question=True, today=PAST)
    notebook.add(INDICATOR, "Why are referrals falling?", question=True, today=PAST)
    view.refresh()
    view.set_meeting(NOV)
    assert view.suggestions_box.isVisible()
    offered = [view.suggestions.index(r).data() for r in range(view.suggestions.rowCount())]
    assert offered[0].startswith("Was the Ofsted letter circulated?\nNot answered at Tuesday 15 March 2022")
    assert offered[1].startswith("Why are referrals falling?\nNot yet for a meeting")
    view.suggestions_list.setCurrentIndex(view.suggestions.index(0))
    qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    assert [q.text for q in notebook.questions_for_meeting(NOV)] == ["Was the Ofsted letter circulated?"]
    assert notebook.questions_for_meeting(MAR) == []
    view.suggestions_list.setCurrentIndex(view.suggestions.index(0))
    qtbot.mouseClick(view.dismiss_button, Qt.MouseButton.LeftButton)
    assert not view.suggestions_box.isVisible()


def test_a_planned_meeting_is_offered_first(view: QuestionsView, notebook: Notebook) -> None:
    upcoming = date.today().replace(year=date.today().year + 1)
    info = notebook.plan_meeting(CS, upcoming)
    notebook.add(ITEM_9, "Agency staff plan?", question=True)
    view.refresh()
    assert view.meeting_id == info.id
    assert "(planned)" in view.meeting.currentText() and "1 question" in view.meeting.currentText()


def test_print_renders_the_same_briefing(qapp, tmp_path: Path, notebook: Notebook) -> None:
    notebook.add(ACTION, "Printed question text", question=True, today=PAST)
    document = briefing_document(build_briefing(notebook, NOV))
    assert "Printed question text" in document.toPlainText()
    assert "Item 8 Performance Report" in " ".join(document.toPlainText().split())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    document.print_(printer)
    assert "Printed question text" in " ".join(PdfReader(tmp_path / "printed.pdf").pages[0].extract_text().split())


def test_print_opens_a_preview_of_the_briefing(qtbot, view: QuestionsView, notebook: Notebook) -> None:
    notebook.add(ACTION, "Question to print", question=True, today=PAST)
    view.refresh()
    view.set_meeting(NOV)
    dialog = view.print_preview()
    assert dialog is not None and dialog.isVisible()
    assert "Question to print" in view._print_document.toPlainText()
    dialog.close()


def test_choosing_another_meeting_shows_its_questions(view: QuestionsView, notebook: Notebook) -> None:
    notebook.add(ACTION, "For November", question=True, today=PAST)
    notebook.add(ACTION_MAR, "For March", question=True, today=PAST)
    view.refresh()
    march = view.meeting.findData(MAR)
    view.meeting.setCurrentIndex(march)
    view.meeting.activated.emit(march)
    assert [view.model.note(r).text for r in range(view.model.rowCount())] == ["For March"]
