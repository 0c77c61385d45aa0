"""The notes panel docked beside every tab: the selected record's notes and draft questions, saved as you type.

There is no Save button. An edit is written to the notebook at most ``SAVE_DELAY_MS`` after the
first keystroke that changed it (a throttle, not a debounce, so steady typing still saves twice a
second), and at once when the editor loses focus, another note or record is chosen, or the panel
closes. Deleting puts the note in the bin; Undo (the button, or Ctrl+Z outside the editor) brings
it back.

API for the main window: ``NotesPanel(notebook, parent)``; ``set_target(target_id, kind, label,
quote)`` or ``show_record(target_id)``; ``add_question(target_id, text)``; ``flush()``; the signal
``notes_changed(target_id)`` after anything about a record's notes changed (for badges, My questions).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core.briefing import STATUS_WORDS
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.notebook import STATUSES, Note, Notebook
from scrutinydesk.ui.notes_models import NotesModel, preview
from scrutinydesk.ui.text_sizes import DOCK_CHARACTERS, dock_size_hint

SAVE_DELAY_MS = 500
DETACHED = "__detached__"
_HINT = "Select a meeting, item, decision, action, figure or indicator to write notes and draft questions about it."


class _DeleteNote(QUndoCommand):
    """Deleting a note, undoably (the notebook only ever soft-deletes)."""

    def __init__(self, panel: NotesPanel, note: Note) -> None:
        super().__init__(f"{'Question' if note.is_question else 'Note'} deleted.")
        self.panel, self.note = panel, note

    def redo(self) -> None:
        self.panel.notebook.delete(self.note.uuid)
        self.panel.after_change(self.note.target_id)

    def undo(self) -> None:
        self.panel.notebook.restore(self.note.uuid)
        self.panel.after_change(self.note.target_id, select=self.note.uuid)


class NotesPanel(QWidget):
    notes_changed = Signal(str)

    def __init__(self, notebook: Notebook, parent=None) -> None:
        super().__init__(parent)
        self.notebook = notebook
        self.target_id: str | None = None
        self._editing: Note | None = None
        self._loading = False
        self._dirty_text = False
        self._dirty_answer = False
        self.undo_stack = QUndoStack(self)

        self.title = QLabel("Notes & questions")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: 600;")
        self.title.setAccessibleName("What the notes are about")
        self.quote = QLabel(_HINT)
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setStyleSheet("color: palette(mid); font-style: italic;")

        self.add_note_button = QPushButton("+ Note")
        self.add_note_button.setToolTip("Add a private note on this record")
        self.add_note_button.clicked.connect(lambda: self.add(question=False))
        self.add_question_button = QPushButton("+ Question")
        self.add_question_button.setToolTip("Add a draft question for the committee's next meeting")
        self.add_question_button.clicked.connect(lambda: self.add(question=True))
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_note_button)
        add_row.addWidget(self.add_question_button)
        add_row.addStretch(1)

        self.model = NotesModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAccessibleName("Notes and questions on this record")
        self.list.selectionModel().currentChanged.connect(self._on_current)

        self.status_label = QLabel("Status")
        self.status = QComboBox()
        for value in STATUSES:
            self.status.addItem(STATUS_WORDS[value], value)
        self.status.setAccessibleName("Question status")
        self.status.activated.connect(self._status_chosen)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_label)
        status_row.addWidget(self.status, 1)

        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("Type here; it is saved as you type.")
        self.editor.setAccessibleName("Note text")
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._text_edited)
        self.answer_label = QLabel("Answer given")
        self.answer = QPlainTextEdit()
        self.answer.setPlaceholderText("What was said in reply")
        self.answer.setAccessibleName("Answer given")
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(self.answer.fontMetrics().lineSpacing() * 5)
        self.answer.textChanged.connect(self._answer_edited)
        for editor in (self.editor, self.answer):
            editor.installEventFilter(self)

        self.saved = QLabel()
        self.saved.setStyleSheet("color: palette(mid);")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete this note (Undo brings it back)")
        self.delete_button.clicked.connect(self.delete_current)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.saved, 1)
        edit_row.addWidget(self.delete_button)

        self.undo_label = QLabel()
        self.undo_button = QPushButton("Undo")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_label, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar = QWidget()
        self.undo_bar.setLayout(undo_row)
        undo_row.setContentsMargins(0, 0, 0, 0)
        # Straight to the widgets' own slots: Qt drops these connections when either side is destroyed.
        self.undo_stack.canUndoChanged.connect(self.undo_bar.setVisible)
        self.undo_stack.undoTextChanged.connect(self.undo_label.setText)
        self.undo_bar.setVisible(False)
        undo_action = QAction("Undo delete", self)
        undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo_action.triggered.connect(self.undo_stack.undo)
        self.addAction(undo_action)

        self.empty = QLabel("Nothing written on this yet. Use “+ Note” for a private note or “+ Question” "
                            "for a question to ask at the committee.")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(mid);")

        self.detached_button = QPushButton()
        self.detached_button.setFlat(True)
        self.detached_button.setStyleSheet("text-align: left; color: palette(link);")
        self.detached_button.clicked.connect(self.show_detached)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")

        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.quote)
        layout.addLayout(add_row)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.empty)
        layout.addLayout(status_row)
        layout.addWidget(self.editor, 3)
        layout.addWidget(self.answer_label)
        layout.addWidget(self.answer)
        layout.addLayout(edit_row)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.error)
        layout.addWidget(self.detached_button)
        self._spacer_index = layout.count()
        layout.addStretch(0)  # takes the slack only while there is no list or editor to show
        self._layout = layout
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)
        self._show_header("Notes & questions", _HINT)
        self._load_editor(None)
        self._update_detached_button()

    def sizeHint(self) -> QSize:
        """About fifty characters wide, at most a third of the window: a column beside the tabs."""
        return dock_size_hint(self, DOCK_CHARACTERS)

    # -- choosing what the notes are about ----------------------------------------------------------
    def set_target(self, target_id: str, kind: str, label: str, quote: str) -> None:
        """Show the notes on a record the member selected (``kind`` as in core.note_targets)."""
        self.flush()
        if target_id != self.target_id:  # a note just added stays while its record stays selected
            self._drop_if_empty()
        self.target_id = target_id
        self.model.show_targets = False
        heading = label or target_id
        if kind == "indicator" and not heading.startswith("Indicator"):
            heading = f"Indicator: {heading}"
        self._show_header(heading, f"“{preview(quote, 200)}”" if quote else "")
        self.add_note_button.setEnabled(True)
        self.add_question_button.setEnabled(True)
        self.error.clear()
        self._reload()

    def show_record(self, target_id: str) -> None:
        """Like ``set_target``, with the label and words read from the open release."""
        target = self.notebook.target(target_id)
        if target is None:
            return
        self.set_target(target.id, target.kind, target.label, target.quote)

    def show_detached(self) -> None:
        """List the notes whose records are no longer in the open release, each with what it was about."""
        self.flush()
        self._drop_if_empty()
        self.target_id = DETACHED
        self.model.show_targets = True
        self._show_header("Detached notes",
                                 "These records are no longer in the published minutes. Your notes are kept, "
                                 "with the words they were attached to.")
        self.add_note_button.setEnabled(False)
        self.add_question_button.setEnabled(False)
        self._reload()

    def _show_header(self, title: str, words: str) -> None:
        self.title.setText(title)
        self.quote.setText(words)
        self.quote.setVisible(bool(words))

    def _current_notes(self) -> list[Note]:
        if self.target_id == DETACHED:
            return [note for note in self.notebook.all_notes() if note.detached]
        return self.notebook.notes_for(self.target_id) if self.target_id else []

    def _reload(self, select: str | None = None) -> None:
        keep = select or (self._editing.uuid if self._editing else None)
        self._loading = True
        self.model.set_notes(self._current_notes())
        self._loading = False
        row = self.model.row_of(keep) if keep else None
        if row is None and self.model.rowCount():
            row = 0
        if row is None:
            self._load_editor(None)
        else:
            self.list.setCurrentIndex(self.model.index(row))
            self._load_editor(self.model.note(row))
        self._update_detached_button()

    # -- adding and editing -----------------------------------------------------------------------------
    def add(self, question: bool, text: str = "") -> Note | None:
        """Create a note (or question) on the current record and put the cursor in it."""
        if not self.target_id or self.target_id == DETACHED:
            return None
        self.flush()
        self._drop_if_empty()
        try:
            note = self.notebook.add(self.target_id, text, question=question)
        except UserFacingError as error:
            self.error.setText(str(error))
            return None
        self.after_change(note.target_id, select=note.uuid)
        self.editor.setFocus()
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        return note

    def add_question(self, target_id: str, text: str) -> Note | None:
        """Add a ready-worded draft question on a record (from "Add as draft question") and show it."""
        self.show_record(target_id)
        if self.target_id != target_id:
            self.error.setText(f"{target_id} is not in the open database, so the question could not be added.")
            return None
        return self.add(question=True, text=text)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading:
            return
        self.flush()
        self._load_editor(self.model.note(current.row()) if current.isValid() else None)

    def _load_editor(self, note: Note | None) -> None:
        self._editing = note
        self._loading = True
        self.editor.setPlainText(note.text if note else "")
        self.answer.setPlainText(note.answer if note else "")
        if note and note.is_question:
            self.status.setCurrentIndex(max(0, self.status.findData(note.status or "draft")))
        self._loading = False
        is_question = bool(note and note.is_question)
        has_notes = self.model.rowCount() > 0
        self.list.setVisible(has_notes)
        self.empty.setVisible(not has_notes and bool(self.target_id) and self.target_id != DETACHED)
        for widget in (self.editor, self.saved, self.delete_button):
            widget.setVisible(note is not None)
        self._layout.setStretch(self._spacer_index, 0 if has_notes or note is not None else 1)
        self.editor.setEnabled(note is not None)
        self.editor.setAccessibleName("Question text" if is_question else "Note text")
        self.delete_button.setEnabled(note is not None)
        for widget in (self.status_label, self.status):
            widget.setVisible(is_question)
        answered = is_question and (note.status == "answered" or bool(note.answer))
        self.answer_label.setVisible(answered)
        self.answer.setVisible(answered)
        self.saved.setText("" if note is None else "Saved")

    def _text_edited(self) -> None:
        if self._loading or self._editing is None:
            return
        self._dirty_text = True
        self._schedule_save()

    def _answer_edited(self) -> None:
        if self._loading or self._editing is None:
            return
        self._dirty_answer = True
        self._schedule_save()

    def _schedule_save(self) -> None:
        self.saved.setText("Saving…")
        if not self._save_timer.isActive():
            self._save_timer.start()

    def flush(self) -> None:
        """Write any unsaved typing now (also run by the timer, on focus-out, on close and on quit)."""
        self._save_timer.stop()
        note = self._editing
        if note is None or not (self._dirty_text or self._dirty_answer):
            return
        text_dirty, answer_dirty = self._dirty_text, self._dirty_answer
        self._dirty_text = self._dirty_answer = False
        if text_dirty:
            self.notebook.update_text(note.uuid, self.editor.toPlainText())
        if answer_dirty and note.is_question:
            current = self.notebook.get(note.uuid)
            self.notebook.set_status(note.uuid, current.status if current else "answered",
                                     answer=self.answer.toPlainText())
        fresh = self.notebook.get(note.uuid)
        if fresh is not None:
            self._editing = fresh
            self.model.replace(fresh)
        self.saved.setText("Saved")
        self.notes_changed.emit(note.target_id)

    def _status_chosen(self, _index: int) -> None:
        note = self._editing
        if note is None or not note.is_question:
            return
        self.flush()
        status = self.status.currentData()
        updated = self.notebook.set_status(note.uuid, status, answer=self.answer.toPlainText())
        self._editing = updated
        self.model.replace(updated)
        answered = status == "answered" or bool(updated.answer)
        self.answer_label.setVisible(answered)
        self.answer.setVisible(answered)
        if status == "answered":
            self.answer.setFocus()
        self.notes_changed.emit(note.target_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in (self.editor, self.answer):
            self.flush()
        return super().eventFilter(watched, event)

    def hideEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        self.flush()
        super().hideEvent(event)

    # -- deleting -----------------------------------------------------------------------------------------
    def delete_current(self) -> None:
        note = self._editing
        if note is None:
            return
        self.flush()
        self._editing = None
        self.undo_stack.push(_DeleteNote(self, note))

    def _drop_if_empty(self) -> None:
        """A note added and left empty is not worth keeping (no undo entry: there is nothing to lose)."""
        note = self._editing
        if note is None or self._dirty_text:
            return
        stored = self.notebook.get(note.uuid)
        if stored is not None and stored.deleted_at is None and not stored.text.strip() and not stored.answer:
            self.notebook.delete(note.uuid)
            self._editing = None
            self.notes_changed.emit(note.target_id)

    def after_change(self, target_id: str, select: str | None = None) -> None:
        """Refresh the list after an add, delete or restore, and tell the window."""
        if self.target_id in (target_id, DETACHED):
            self._reload(select=select)
        self.notes_changed.emit(target_id)

    def _update_detached_button(self) -> None:
        count = sum(1 for note in self.notebook.all_notes() if note.detached)
        self.detached_button.setVisible(count > 0 and self.target_id != DETACHED)
        self.detached_button.setText(f"Detached notes ({count})")
        self.detached_button.setToolTip("Notes whose records are no longer in the published minutes")
