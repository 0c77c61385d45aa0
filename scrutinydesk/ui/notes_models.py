"""Qt list models over the notebook: one record's notes, a meeting's ordered questions, carry-forward suggestions.

Each holds ``Note`` values read from ``core.notebook``; the questions model writes a drag (or a
move up/down) straight back through ``Notebook.reorder`` so the order is saved as it changes.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from scrutinydesk.core.briefing import STATUS_WORDS
from scrutinydesk.core.notebook import Note, Notebook

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
TARGET_ROLE = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-scrutinydesk-question"
PREVIEW_CHARACTERS = 160

ModelIndex = QModelIndex | QPersistentModelIndex


def preview(text: str, limit: int = PREVIEW_CHARACTERS) -> str:
    """The start of a note on at most a few lines, for a list row."""
    flat = " ".join(text.split())
    if not flat:
        return "(empty: type to write it)"
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"


def kind_words(note: Note) -> str:
    if note.is_question:
        return f"Question · {STATUS_WORDS.get(note.status or 'draft', 'Draft')}"
    return "Note"


class _NoteListModel(QAbstractListModel):
    """Rows of notes with their uuid and target under custom roles."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._notes: list[Note] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._notes)

    def set_notes(self, notes: list[Note]) -> None:
        self.beginResetModel()
        self._notes = list(notes)
        self.endResetModel()

    def notes(self) -> list[Note]:
        return list(self._notes)

    def note(self, row: int) -> Note | None:
        return self._notes[row] if 0 <= row < len(self._notes) else None

    def row_of(self, note_uuid: str) -> int | None:
        return next((row for row, note in enumerate(self._notes) if note.uuid == note_uuid), None)

    def replace(self, note: Note) -> None:
        """Show a note's new text or status in place."""
        row = self.row_of(note.uuid)
        if row is not None:
            self._notes[row] = note
            self.dataChanged.emit(self.index(row), self.index(row))

    def display(self, note: Note, row: int) -> str:
        raise NotImplementedError

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        note = self.note(index.row()) if index.isValid() else None
        if note is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(note, index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return note.text or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{kind_words(note)}: {note.text}"
        if role == UUID_ROLE:
            return note.uuid
        if role == TARGET_ROLE:
            return note.target_id
        return None


class NotesModel(_NoteListModel):
    """The notes and questions on one record (or the detached ones, each with what it was about)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.show_targets = False

    def display(self, note: Note, row: int) -> str:
        lines = [kind_words(note)]
        if self.show_targets:
            lines.append(f"On: {note.target_label}")
            if note.target_quote:
                lines.append(f"“{preview(note.target_quote, 120)}”")
        lines.append(preview(note.text))
        return "\n".join(lines)


class QuestionsModel(_NoteListModel):
    """A meeting's questions in the member's order; dragging a row (or ``move``) saves the new order."""

    def __init__(self, notebook: Notebook, parent=None) -> None:
        super().__init__(parent)
        self.notebook = notebook
        self.meeting_id: str | None = None

    def load(self, meeting_id: str | None) -> None:
        self.meeting_id = meeting_id
        self.set_notes(self.notebook.questions_for_meeting(meeting_id) if meeting_id else [])

    def display(self, note: Note, row: int) -> str:
        return f"{row + 1}. {preview(note.text, 400)}\n{kind_words(note)} · on {note.target_label}"

    # -- reordering -------------------------------------------------------------------------------
    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        data.setData(MIME_TYPE, QByteArray(",".join(str(row) for row in rows).encode("ascii")))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex) -> bool:
        """Move the dragged question to the drop position; returns False so the view removes nothing."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        rows = [int(part) for part in bytes(data.data(MIME_TYPE).data()).decode("ascii").split(",") if part]
        if len(rows) != 1:
            return False
        destination = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        self.moveRows(QModelIndex(), rows[0], 1, QModelIndex(), destination)
        return False

    def moveRows(self, source_parent: ModelIndex, source_row: int, count: int, destination_parent: ModelIndex,
                 destination_child: int) -> bool:
        """Qt's move (used by QListView's internal drag): destination is the row to insert before."""
        if count != 1 or source_parent.isValid() or destination_parent.isValid():
            return False
        if not 0 <= source_row < len(self._notes) or not 0 <= destination_child <= len(self._notes):
            return False
        if destination_child in (source_row, source_row + 1):
            return False
        if not self.beginMoveRows(QModelIndex(), source_row, source_row, QModelIndex(), destination_child):
            return False
        moved = self._notes.pop(source_row)
        self._notes.insert(destination_child - 1 if destination_child > source_row else destination_child, moved)
        self.endMoveRows()
        self._save_order()
        return True

    def move(self, row: int, offset: int) -> int:
        """Move one question up (-1) or down (+1); returns its new row."""
        target = row + offset
        if not 0 <= row < len(self._notes) or not 0 <= target < len(self._notes):
            return row
        self.moveRows(QModelIndex(), row, 1, QModelIndex(), target + 1 if offset > 0 else target)
        return target

    def _save_order(self) -> None:
        if self.meeting_id is not None:
            self.notebook.reorder(self.meeting_id, [note.uuid for note in self._notes])
        top, bottom = self.index(0), self.index(max(0, len(self._notes) - 1))
        self.dataChanged.emit(top, bottom)  # the numbers in front changed


class SuggestionsModel(_NoteListModel):
    """Questions offered for a meeting: unanswered at an earlier meeting, or not yet for any meeting."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.reasons: dict[str, str] = {}

    def set_suggestions(self, suggestions: list[tuple[Note, str]]) -> None:
        self.reasons = {note.uuid: reason for note, reason in suggestions}
        self.set_notes([note for note, _ in suggestions])

    def display(self, note: Note, row: int) -> str:
        return f"{preview(note.text, 300)}\n{self.reasons.get(note.uuid, '')}"
