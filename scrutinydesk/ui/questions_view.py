"""My questions: the questions a member will ask at one meeting, in order, ready to print or export.

Drag a question (or use Move up / Move down) to change the order; it is saved at once. Below the
list, questions still unanswered from the committee's earlier meetings (and questions not yet tied
to any meeting) are offered for this one. Export PDF writes the A4 briefing; Print opens Qt's
print preview of the same briefing.

API for the main window: ``QuestionsView(notebook, parent)``; ``refresh()`` after notes change;
``set_meeting(meeting_id)``; ``export_pdf(path)``; the signal ``open_target(target_id)`` asks the
window to show the record a question is about.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core.briefing import build_briefing
from scrutinydesk.core.dates import short_date
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.note_targets import MeetingInfo
from scrutinydesk.core.notebook import Notebook
from scrutinydesk.ui.flow_layout import FlowLayout
from scrutinydesk.ui.notes_models import QuestionsModel, SuggestionsModel
from scrutinydesk.ui.text_sizes import DOCK_CHARACTERS, dock_size_hint

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintPreviewDialog


class PlanMeetingDialog(QDialog):
    """Name an upcoming meeting (committee and date) the release does not list yet."""

    def __init__(self, committees: list[tuple[str, str]], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add an upcoming meeting")
        self.committee = QComboBox()
        for committee_id, name in committees:
            self.committee.addItem(name, committee_id)
        self.date = QDateEdit(QDate.currentDate().addDays(14))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dddd d MMMM yyyy")
        self.title = QLineEdit(placeholderText="Optional, e.g. Budget scrutiny")
        form = QFormLayout(self)
        form.addRow("Committee", self.committee)
        form.addRow("Date", self.date)
        form.addRow("Title", self.title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class QuestionsView(QWidget):
    open_target = Signal(str)
    questions_changed = Signal()

    def __init__(self, notebook: Notebook, parent=None) -> None:
        super().__init__(parent)
        self.notebook = notebook

        self.meeting = QComboBox()
        self.meeting.setAccessibleName("Meeting")
        self.meeting.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.meeting.setMinimumContentsLength(14)
        self.meeting.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.meeting.activated.connect(self._meeting_chosen)  # the member's choice; code calls _load_meeting itself
        self.plan_button = QPushButton("Add meeting…")
        self.plan_button.setToolTip("Add an upcoming meeting the published minutes do not list yet")
        self.plan_button.clicked.connect(self._plan_meeting)
        top = FlowLayout()  # rows of buttons wrap in a narrow dock or at large text sizes
        top.addWidget(self.meeting)
        top.addWidget(self.plan_button)

        self.model = QuestionsModel(notebook, self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setAccessibleName("My questions for this meeting, in order")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setDragEnabled(True)
        self.list.setAcceptDrops(True)
        self.list.setDropIndicatorShown(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.doubleClicked.connect(self._open)
        self.list.activated.connect(self._open)
        self.empty = QLabel("No questions for this meeting yet. Select a record and press “+ Question” "
                            "in Notes & questions.")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(mid);")

        self.up_button = QPushButton("Move up")
        self.up_button.setShortcut("Alt+Up")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.setShortcut("Alt+Down")
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.open_button = QPushButton("Show record")
        self.open_button.clicked.connect(lambda: self._open(self.list.currentIndex()))
        order_row = FlowLayout()
        for button in (self.up_button, self.down_button, self.open_button):
            order_row.addWidget(button)

        self.suggestions_label = QLabel("<b>Carry forward?</b> Unanswered at earlier meetings, or not yet for a meeting:")
        self.suggestions_label.setWordWrap(True)
        self.suggestions = SuggestionsModel(self)
        self.suggestions_list = QListView()
        self.suggestions_list.setModel(self.suggestions)
        self.suggestions_list.setWordWrap(True)
        self.suggestions_list.setSpacing(2)
        self.suggestions_list.setAccessibleName("Questions suggested for this meeting")
        self.suggestions_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 9)
        self.accept_button = QPushButton("Add to this meeting")
        self.accept_button.clicked.connect(self._accept_suggestion)
        self.dismiss_button = QPushButton("Not needed")
        self.dismiss_button.setToolTip("Stop suggesting this question; it stays with its meeting")
        self.dismiss_button.clicked.connect(self._dismiss_suggestion)
        suggestion_row = FlowLayout()
        suggestion_row.addWidget(self.accept_button)
        suggestion_row.addWidget(self.dismiss_button)
        self.suggestions_box = QWidget()
        box = QVBoxLayout(self.suggestions_box)
        box.setContentsMargins(0, 6, 0, 0)
        box.addWidget(self.suggestions_label)
        box.addWidget(self.suggestions_list)
        box.addLayout(suggestion_row)

        self.export_button = QPushButton("Export PDF…")
        self.export_button.clicked.connect(self.choose_pdf)
        self.print_button = QPushButton("Print…")
        self.print_button.clicked.connect(self.print_preview)
        self.message = QLabel()
        self.message.setWordWrap(True)
        bottom = FlowLayout()
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.print_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 3)
        layout.addWidget(self.empty)
        layout.addLayout(order_row)
        layout.addWidget(self.suggestions_box)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        layout.addStretch(0)  # takes the slack only while the list is hidden, so the rows stay together
        self.refresh()

    def sizeHint(self) -> QSize:
        return dock_size_hint(self, DOCK_CHARACTERS)

    # -- meetings ---------------------------------------------------------------------------------------
    @property
    def meeting_id(self) -> str | None:
        return self.meeting.currentData()

    def refresh(self) -> None:
        """Re-read meetings, questions and suggestions (after notes changed or the release switched)."""
        keep = self.meeting_id
        meetings = self.notebook.question_meetings()
        self.meeting.clear()
        for info in meetings:
            self.meeting.addItem(self._meeting_words(info), info.id)
            self.meeting.setItemData(self.meeting.count() - 1, f"{info.committee}, {info.when}",
                                     Qt.ItemDataRole.ToolTipRole)
        chosen = keep if keep and self.meeting.findData(keep) >= 0 else self._default_meeting(meetings)
        if chosen:
            self.meeting.setCurrentIndex(self.meeting.findData(chosen))
        self._load_meeting()

    def set_meeting(self, meeting_id: str) -> None:
        if self.meeting.findData(meeting_id) < 0:
            info = self.notebook.meeting(meeting_id)
            self.meeting.addItem(self._meeting_words(info), info.id)
        self.meeting.setCurrentIndex(self.meeting.findData(meeting_id))
        self._load_meeting()

    def _meeting_chosen(self, _index: int) -> None:
        self._load_meeting()

    def _meeting_words(self, info: MeetingInfo) -> str:
        count = len(self.notebook.questions_for_meeting(info.id))
        planned = " (planned)" if info.planned else ""
        when = short_date(info.date) if info.date else info.when
        return f"{when}{planned} · {info.committee} · {count} question{'s' if count != 1 else ''}"

    @staticmethod
    def _default_meeting(meetings: list[MeetingInfo]) -> str | None:
        today = date.today().isoformat()
        upcoming = [m for m in meetings if m.date and m.date >= today]
        if upcoming:
            return upcoming[0].id
        return meetings[-1].id if meetings else None

    def _load_meeting(self) -> None:
        meeting_id = self.meeting_id
        self.model.load(meeting_id)
        has_questions = self.model.rowCount() > 0
        self.list.setVisible(has_questions)
        self.empty.setVisible(not has_questions)
        for button in (self.up_button, self.down_button, self.open_button):
            button.setEnabled(has_questions)
        self.export_button.setEnabled(meeting_id is not None)
        self.print_button.setEnabled(meeting_id is not None)
        suggestions = []
        if meeting_id:
            for note in self.notebook.carry_forward_suggestions(meeting_id):
                earlier = self.notebook.meeting(note.meeting_id)
                suggestions.append((note, f"Not answered at {earlier.when} · on {note.target_label}"))
            suggestions += [(note, f"Not yet for a meeting · on {note.target_label}")
                            for note in self.notebook.unassigned_questions()]
        self.suggestions.set_suggestions(suggestions)
        self.suggestions_box.setVisible(bool(suggestions))

    def _plan_meeting(self) -> None:
        dialog = PlanMeetingDialog(self.notebook.committees(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.committee.currentData() is None:
            return
        when = dialog.date.date().toPython()
        info = self.notebook.plan_meeting(dialog.committee.currentData(), when, dialog.title.text().strip())
        self.refresh()
        self.set_meeting(info.id)

    # -- questions --------------------------------------------------------------------------------------
    def _move(self, offset: int) -> None:
        row = self.list.currentIndex().row()
        if row < 0:
            return
        new_row = self.model.move(row, offset)
        self.list.setCurrentIndex(self.model.index(new_row))
        self.questions_changed.emit()

    def _open(self, index: QModelIndex) -> None:
        note = self.model.note(index.row()) if index.isValid() else None
        if note is not None:
            self.open_target.emit(note.target_id)

    def _selected_suggestion(self) -> str | None:
        note = self.suggestions.note(self.suggestions_list.currentIndex().row())
        if note is None and self.suggestions.rowCount() == 1:
            note = self.suggestions.note(0)
        return note.uuid if note else None

    def _accept_suggestion(self) -> None:
        note_uuid, meeting_id = self._selected_suggestion(), self.meeting_id
        if note_uuid and meeting_id:
            self.notebook.assign_meeting(note_uuid, meeting_id)
            self.refresh()
            self.questions_changed.emit()

    def _dismiss_suggestion(self) -> None:
        note_uuid = self._selected_suggestion()
        if note_uuid:
            self.notebook.dismiss_suggestion(note_uuid)
            self._load_meeting()

    # -- export and print --------------------------------------------------------------------------------
    def export_pdf(self, path: Path) -> None:
        """Write the selected meeting's briefing to ``path`` (a plain message below the buttons on failure)."""
        if self.meeting_id is None:
            return
        from scrutinydesk.core.briefing_pdf import write_briefing_pdf  # fpdf and its fonts: only to export

        try:
            briefing = write_briefing_pdf(self.notebook, self.meeting_id, path)
        except UserFacingError as error:
            self.message.setText(str(error))
            return
        self.message.setText(f"Saved {path.name}: {len(briefing.questions)} questions.")

    def choose_pdf(self) -> None:
        if self.meeting_id is None:
            return
        info = self.notebook.meeting(self.meeting_id)
        suggested = Path.home() / f"My questions {info.committee} {info.date or info.year or ''}.pdf".replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(self, "Export my questions as PDF", str(suggested), "PDF (*.pdf)")
        if path:
            self.export_pdf(Path(path))

    def print_preview(self) -> QPrintPreviewDialog | None:
        """Open Qt's print preview of the briefing; the member prints from there."""
        if self.meeting_id is None:
            return None
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog  # Qt's print module: only to print

        from scrutinydesk.ui.briefing_document import briefing_document

        try:
            document = briefing_document(build_briefing(self.notebook, self.meeting_id))
        except UserFacingError as error:
            QMessageBox.warning(self, "Could not prepare the briefing", str(error))
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle("Print my questions")
        self._print_document = document  # kept alive while the preview is open
        dialog.paintRequested.connect(document.print_)
        dialog.open()
        return dialog
