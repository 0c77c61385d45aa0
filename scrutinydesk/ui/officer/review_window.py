"""Review: the last import's records, doubtful first, each beside its highlighted source text; keyboard driven.

The queue has the keyboard: ↑/↓ move, A or Enter accepts, E or F2 edits, Delete deletes, M merges the
two selected, S splits. Ctrl+Enter saves edits and moves on from anywhere. Every decision is one call
into ``core.review_actions``; this module only lays out and wires.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core import corrections, review_actions, review_queue
from scrutinydesk.core.corrections import EDITABLE, FIELD_LABELS, NOUN, NOUN_TITLE, RATINGS, TEXT_FIELD, UNITS
from scrutinydesk.core.dates import long_date
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.review_queue import RecordSource, ReviewEntry
from scrutinydesk.ui.meetings_tab import HIGHLIGHT_STYLE
from scrutinydesk.ui.officer.jobs import OfficerJobs
from scrutinydesk.ui.officer.row_table import row_table

Index = QModelIndex | QPersistentModelIndex
STATE_MARK = {"pending": "", "accepted": "✓", "edited": "✎", "deleted": "✗", "merged": "⤷", "split": "✂", "added": "+"}
STATE_WORDS = {"pending": "Not reviewed", "accepted": "Accepted", "edited": "Corrected", "deleted": "Deleted",
               "merged": "Merged into another", "split": "Split", "added": "Added by you"}
DOUBT_TINT = QColor("#fde7c4")
SELECTED_TINT = QColor("#ffd54f")
MULTILINE = {"text", "quote", "subject"}
ADD_KEYS = (("actions", "Ctrl+Shift+A"), ("resolutions", "Ctrl+Shift+D"), ("figures", "Ctrl+Shift+F"),
            ("rag_ratings", "Ctrl+Shift+R"))


class ReviewModel(QAbstractTableModel):
    """The queue: state, kind, the record in one line, and why it is doubtful."""

    HEADERS = ("", "Kind", "Meeting", "Record", "Why doubtful")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[ReviewEntry] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry, column = self.entries[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "⚠" if entry.pending and entry.doubt else STATE_MARK.get(entry.state, "")
            if column == 1:
                return NOUN_TITLE[entry.table]
            if column == 2:
                return entry.meeting
            if column == 3:
                return entry.summary
            return entry.doubt or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{STATE_WORDS.get(entry.state, entry.state)}" + (f" · doubtful: {entry.doubt}" if entry.doubt else "")
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return STATE_WORDS.get(entry.state, entry.state) + (", doubtful" if entry.doubt else "")
        if role == Qt.ItemDataRole.BackgroundRole and entry.pending and entry.doubt:
            return QBrush(DOUBT_TINT)
        if role == Qt.ItemDataRole.ForegroundRole:
            if entry.pending and entry.doubt:
                return QBrush(QColor("#000000"))
            if not entry.pending:
                return QBrush(QColor("#5f6368"))
        if role == Qt.ItemDataRole.FontRole and entry.state in ("deleted", "merged"):
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def set_entries(self, entries: list[ReviewEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def row_of(self, record_id: str | None) -> int | None:
        return next((n for n, e in enumerate(self.entries) if e.record_id == record_id), None)


class QueueView(QTableView):
    """The queue's table, taking single-key commands so the officer's hands stay on the keyboard."""

    command = Signal(str)
    KEYS = {Qt.Key.Key_A: "accept", Qt.Key.Key_Return: "accept", Qt.Key.Key_Enter: "accept", Qt.Key.Key_E: "edit",
            Qt.Key.Key_F2: "edit", Qt.Key.Key_Delete: "delete", Qt.Key.Key_M: "merge", Qt.Key.Key_S: "split",
            Qt.Key.Key_N: "add"}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        name = self.KEYS.get(Qt.Key(event.key()))
        if name and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self.command.emit(name)
            return
        super().keyPressEvent(event)


def _plain(value: object) -> str:
    """A stored value as the officer would type it: 1300000, not 1.3e+06 or 1300000.0."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


class RecordEditor(QWidget):
    """The selected record's fields as a form; ``changes()`` lists what the officer altered."""

    def __init__(self, indicators: list[tuple[str, str]], parent=None) -> None:
        super().__init__(parent)
        self.indicators = indicators
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.doubt = QLabel()
        self.doubt.setWordWrap(True)
        self.doubt.setStyleSheet("QLabel { background: #fde7c4; color: #000; padding: 4px 6px; border-radius: 3px; }")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setStyleSheet("QLabel { color: palette(mid); }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.doubt)
        layout.addLayout(self.form)
        layout.addWidget(self.history)
        self.table: str | None = None
        self.original: dict = {}
        self.widgets: dict[str, QWidget] = {}

    def load(self, table: str | None, row: dict | None, doubt: str | None, history: list[str]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.widgets = {}
        self.table, self.original = table, row or {}
        if table is None or row is None:
            self.title.setText("<i>Nothing selected.</i>")
            self.doubt.hide()
            self.history.clear()
            return
        self.title.setText(f"<b>{NOUN_TITLE[table]}</b> · <span style='color:palette(mid)'>{row['id']}</span>")
        self.doubt.setText(f"⚠ Doubtful: {doubt}" if doubt else "")
        self.doubt.setVisible(bool(doubt))
        for field in EDITABLE[table]:
            widget = self._widget(field, row.get(field))
            widget.setAccessibleName(FIELD_LABELS[field].capitalize())
            self.widgets[field] = widget
            self.form.addRow(f"{FIELD_LABELS[field].capitalize()}:", widget)
        self.history.setText("<br>".join(history))

    def _widget(self, field: str, value: object) -> QWidget:
        if field == "indicator_code":
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(24)  # long indicator names must not widen the whole pane
            combo.addItem("(no indicator)", None)
            for code, name in self.indicators:
                combo.addItem(f"{code} · {name}", code)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if field in ("unit", "rating"):
            combo = QComboBox()
            combo.addItem("(blank)", None)
            for option in UNITS if field == "unit" else RATINGS:
                combo.addItem(option, option)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        text = "" if value is None else _plain(value)
        if field in MULTILINE:
            edit = QPlainTextEdit(text)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(74)
            return edit
        line = QLineEdit(long_date(text) if field == "due" and text else text)
        if field == "due":
            line.setPlaceholderText("None given; type e.g. 15 November 2022")
        if field == "period":
            line.setPlaceholderText("Not known; type 2022, 2022-09 or 2022-09-30")
        return line

    def value(self, field: str) -> object:
        widget = self.widgets[field]
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return widget.text()

    def set_value(self, field: str, value: object) -> None:
        widget = self.widgets[field]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value or ""))
        else:
            widget.setText(str(value or ""))

    def changes(self) -> dict[str, object]:
        """Fields whose shown value differs from the record's (``core.corrections`` cleans and checks them)."""
        out = {}
        for field in self.widgets:
            shown, stored = self.value(field), self.original.get(field)
            if field == "due" and stored and shown == long_date(stored):
                continue
            if field == "value" and stored is not None and shown == _plain(stored):
                continue
            if (shown or None) != (stored if stored != "" else None):
                out[field] = shown
        return out

    def focus_first(self) -> None:
        """Put the cursor in the first field, ready to type: at the end of words, over a short value."""
        if not self.widgets:
            return
        first = next(iter(self.widgets.values()))
        first.setFocus()
        if isinstance(first, QPlainTextEdit):
            first.moveCursor(QTextCursor.MoveOperation.End)
        elif isinstance(first, QLineEdit):
            first.selectAll()


class SplitDialog(QDialog):
    """Split a record's words: the cursor marks where the second record starts, or blank lines divide them."""

    def __init__(self, text: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Split the record")
        self.edit = QPlainTextEdit(text)
        self.edit.setAccessibleName("The record's words")
        hint = QLabel("Put the cursor where the second record starts, or type a blank line between the parts, then Split.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton("Split", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.resize(560, 240)

    def parts(self) -> list[str]:
        text = self.edit.toPlainText()
        blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
        if len(blocks) > 1:
            return blocks
        cursor = self.edit.textCursor().position()
        return [text[:cursor].strip(), text[cursor:].strip()]


class ReviewWindow(QMainWindow):
    """The review screen over one master: queue on the left; source text and the record's form on the right."""

    changed = Signal()  # the master changed: the main window reloads when review closes

    def __init__(self, master_path: Path, jobs: OfficerJobs, who: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Review the last import")
        self.master_path, self.jobs, self.who = master_path, jobs, who
        self.conn = sqlite3.connect(f"{master_path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self.import_id: int | None = None
        self.source: RecordSource | None = None
        self.dirty = False

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.model = ReviewModel(self)
        self.queue = row_table(self.model, "Records to review", view=QueueView(), multiple=True)
        self.queue.setAlternatingRowColors(False)
        header = self.queue.horizontalHeader()
        for column, width in ((0, 26), (1, 80), (2, 146), (4, 132)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.queue.command.connect(self.run_command)
        self.queue.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show(current.row()))
        self.vanished_label = QLabel()
        self.vanished_label.setWordWrap(True)
        self.vanished_label.setTextFormat(Qt.TextFormat.RichText)
        self.vanished_label.linkActivated.connect(lambda _link: self.show_vanished())
        keys = QLabel("<b>↑↓</b> move · <b>A</b>/<b>Enter</b> accept · <b>E</b> edit · <b>Ctrl+Enter</b> save and next · "
                      "<b>Del</b> delete · <b>M</b> merge two selected · <b>S</b> split · <b>N</b> add selected words")
        keys.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.heading)
        left_layout.addWidget(self.queue, 1)
        left_layout.addWidget(self.vanished_label)
        left_layout.addWidget(keys)

        self.where = QLabel()
        self.where.setTextFormat(Qt.TextFormat.RichText)
        self.where.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setAccessibleName("The minutes the record came from")
        self.text.setOpenLinks(False)
        self.editor = RecordEditor(self._indicators())
        self.accept_button = self._button("&Accept", "Accept the record as extracted, or save your edits (Ctrl+Enter)",
                                          self.accept_current)
        self.delete_button = self._button("&Delete", "Delete the record (Del in the queue)", self.delete_current)
        self.merge_button = self._button("&Merge", "Merge the two selected records (M in the queue)", self.merge_selected)
        self.split_button = self._button("S&plit…", "Split the record in two (S in the queue)", self.split_dialog)
        self.revert_button = self._button("&Revert", "Put the form back as the record is", self._reload_current)
        actions_row = QHBoxLayout()
        for button in (self.accept_button, self.revert_button, self.delete_button, self.merge_button, self.split_button):
            actions_row.addWidget(button)
        actions_row.addStretch(1)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel("Add the selected words as:"))
        for table, key in ADD_KEYS:
            button = self._button(NOUN_TITLE[table], f"Add the words selected in the minutes as a new "
                                  f"{NOUN[table]} ({key})", lambda _checked=False, t=table: self.add_from_selection(t))
            add_row.addWidget(button)
        add_row.addStretch(1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.where)
        source_and_form = QSplitter(Qt.Orientation.Vertical)
        source_and_form.addWidget(self.text)
        form_box = QWidget()
        form_layout = QVBoxLayout(form_box)
        form_layout.setContentsMargins(0, 4, 0, 0)
        form_layout.addWidget(self.editor)
        form_layout.addLayout(actions_row)
        form_layout.addLayout(add_row)
        form_layout.addStretch(1)
        source_and_form.addWidget(form_box)
        source_and_form.setSizes([330, 360])
        right_layout.addWidget(source_and_form, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([640, 700])
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        container = QWidget()
        outer = QVBoxLayout(container)
        outer.addWidget(splitter)
        self.setCentralWidget(container)
        self._shortcut("Save edits or accept, then next", QKeySequence("Ctrl+Return"), self.accept_current)
        self._shortcut("Save edits or accept, then next (keypad)", QKeySequence("Ctrl+Enter"), self.accept_current)
        self._shortcut("Edit the record", QKeySequence("F2"), self.editor.focus_first)
        self._shortcut("Back to the queue", QKeySequence("Escape"), self._back_to_queue)
        for table, key in ADD_KEYS:
            self._shortcut(f"Add selection as {NOUN[table]}", QKeySequence(key),
                           lambda _checked=False, t=table: self.add_from_selection(t))
        self.resize(1320, 820)
        self.refresh()

    # -- building -------------------------------------------------------------------------------
    def _button(self, text: str, tip: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _shortcut(self, text: str, keys: QKeySequence, slot) -> None:  # noqa: ANN001
        action = QAction(text, self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    def _indicators(self) -> list[tuple[str, str]]:
        return [(code, name or "") for code, name in self.conn.execute("SELECT code, name FROM indicators ORDER BY code")]

    # -- filling --------------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Re-read the queue from the master, keeping (or moving to) the selected record."""
        select = select or self.current_id()
        info = review_queue.last_import(self.conn)
        self.import_id = info.id if info else None
        entries = review_queue.entries(self.conn, self.import_id) if info else []
        self.model.set_entries(entries)
        if info is None:
            self.heading.setText("<h3 style='margin:0'>Nothing imported yet</h3>"
                                 "Import minutes from the Officer menu; what they add is listed here for review.")
        else:
            pending = sum(1 for e in entries if e.pending)
            doubtful = sum(1 for e in entries if e.pending and e.doubt)
            self.heading.setText(
                f"<h3 style='margin:0'>{len(entries)} record{'s' if len(entries) != 1 else ''} from the import of "
                f"{long_date(info.at[:10])}</h3>{len(info.files)} file{'s' if len(info.files) != 1 else ''} by "
                f"{info.who} · <b>{pending} to review</b>, {doubtful} doubtful (⚠ first)")
        vanished = corrections.vanished_corrections(self.conn)
        self.vanished_label.setText(
            f"⚠ {len(vanished)} correction{'s' if len(vanished) != 1 else ''} no longer match a record: "
            "<a href='vanished'>show them</a>" if vanished else "")
        row = self.model.row_of(select)
        if row is None:
            row = next((n for n, e in enumerate(entries) if e.pending), 0 if entries else None)
        if row is None:
            self._show(-1)
        else:
            self.select_row(row)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.queue.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.queue.scrollTo(index)
        self._show(row)

    def current(self) -> ReviewEntry | None:
        row = self.queue.currentIndex().row()
        return self.model.entries[row] if 0 <= row < len(self.model.entries) else None

    def current_id(self) -> str | None:
        entry = self.current()
        return entry.record_id if entry else None

    def _show(self, row: int) -> None:
        entry = self.model.entries[row] if 0 <= row < len(self.model.entries) else None
        fields = review_queue.record_fields(self.conn, entry.table, entry.record_id) if entry and entry.exists else None
        self.source = review_queue.record_source(self.conn, entry.table, entry.record_id) if fields else None
        history = [f"Corrected: {c.describe()} ({c.who}, {long_date(c.at[:10])})"
                   for c in corrections.corrections_of(self.conn, entry.record_id)] if entry else []
        self.editor.load(entry.table if fields else None, fields, entry.doubt if entry else None, history)
        for button in (self.accept_button, self.delete_button, self.split_button, self.revert_button):
            button.setEnabled(fields is not None)
        self._show_source(entry)

    def _show_source(self, entry: ReviewEntry | None) -> None:
        self.text.clear()
        if self.source is None:
            self.where.setText("<i>" + ("This record is no longer in the master." if entry else
                                        "Choose a record on the left.") + "</i>")
            return
        self.where.setText(f"<b>{self.source.heading}</b>"
                           + ("" if self.source.span else " · <i>the extractor gave no place in the text for this record</i>"))
        self.text.setPlainText(self.source.text)
        cursor = QTextCursor(self.text.document())
        for table, _record, start, end in self.source.others:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(HIGHLIGHT_STYLE[table][0]))
            fmt.setForeground(QColor("#000000"))
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        if self.source.span:
            start, end = self.source.span
            fmt = QTextCharFormat()
            fmt.setBackground(SELECTED_TINT)
            fmt.setForeground(QColor("#000000"))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
            cursor.setPosition(start)
            self.text.setTextCursor(cursor)
            self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        """Bring the record's words to the upper third of the pane, with the lines before it for context."""
        self.text.ensureCursorVisible()
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.value() + self.text.cursorRect().top() - self.text.viewport().height() // 3)

    # -- commands -----------------------------------------------------------------------------
    def run_command(self, name: str) -> None:
        {"accept": self.accept_current, "edit": self.editor.focus_first, "delete": self.delete_current,
         "merge": self.merge_selected, "split": self.split_dialog,
         "add": lambda: self.add_from_selection(self.current().table if self.current() else "actions")}[name]()

    def _write(self, work) -> bool:  # noqa: ANN001
        """Run one review decision on the master; a problem the officer can fix is shown, not raised."""
        try:
            self.jobs.refuse_if_busy()
            work()
        except UserFacingError as error:
            self.statusBar().showMessage(str(error), 10_000)
            return False
        self.dirty = True
        self.changed.emit()
        return True

    def accept_current(self) -> None:
        """Save the form's edits as corrections (or accept as extracted), then go to the next record to review."""
        entry = self.current()
        if entry is None or not entry.exists or self.import_id is None:
            return
        changes = self.editor.changes()
        made: list = []

        def work() -> None:
            made.extend(review_actions.save_edits(self.master_path, self.import_id, entry.table, entry.record_id,
                                                  changes, self.who))
        if self._write(work):
            self.statusBar().showMessage("; ".join(c.describe() for c in made) or "Accepted as extracted.", 8000)
            self._next_pending(entry.record_id)

    def edit_current(self, changes: dict[str, object]) -> None:
        """Type values into the form and save them (what the officer does with the keyboard)."""
        for field, value in changes.items():
            self.editor.set_value(field, value)
        self.accept_current()

    def delete_current(self) -> None:
        entry = self.current()
        if entry is None or not entry.exists or self.import_id is None:
            return
        if self._write(lambda: review_actions.delete_record(self.master_path, self.import_id, entry.table,
                                                            entry.record_id, self.who)):
            self.statusBar().showMessage(f"Deleted the {entry.noun}; the deletion is kept as a correction.", 8000)
            self._next_pending(entry.record_id)

    def merge_selected(self) -> None:
        rows = sorted({i.row() for i in self.queue.selectionModel().selectedRows()})
        current = self.current()
        if len(rows) != 2 or current is None or self.import_id is None:
            self.statusBar().showMessage("Select two records (Shift+↓ or Ctrl+click), then merge.", 8000)
            return
        keep = current
        other = next(self.model.entries[r] for r in rows if self.model.entries[r].record_id != keep.record_id)
        if keep.table != other.table:
            self.statusBar().showMessage(f"A {keep.noun} and a {other.noun} cannot be merged; select two of one kind.", 8000)
            return
        if self._write(lambda: review_actions.merge_records(self.master_path, self.import_id, keep.table,
                                                            keep.record_id, other.record_id, self.who)):
            self.statusBar().showMessage(f"Merged the two {keep.noun}s into one.", 8000)
            self.refresh(select=keep.record_id)

    def split_dialog(self) -> None:
        entry = self.current()
        if entry is None or not entry.exists:
            return
        dialog = SplitDialog(str(self.editor.original.get(TEXT_FIELD[entry.table]) or ""), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.split_current(dialog.parts())

    def split_current(self, parts: list[str]) -> list[str]:
        entry = self.current()
        if entry is None or self.import_id is None:
            return []
        made: list[str] = []
        if self._write(lambda: made.extend(review_actions.split_record(self.master_path, self.import_id, entry.table,
                                                                       entry.record_id, parts, self.who))):
            self.statusBar().showMessage(f"Split into {len(made)} {entry.noun}s; check each.", 8000)
            self.refresh(select=entry.record_id)
        return made

    def select_source_words(self, start: int, end: int) -> None:
        """Select words in the source pane by offsets into the item's text (as a mouse drag would)."""
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)

    def add_from_selection(self, table: str) -> str | None:
        cursor = self.text.textCursor()
        if self.source is None or self.import_id is None or not cursor.hasSelection():
            self.statusBar().showMessage("Select the words of the missing record in the minutes first.", 8000)
            return None
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        words = self.source.text[start:end]
        span = (self.source.offset + start, self.source.offset + end)
        added: list[str] = []
        document_id, after = self.source.document_id, self.current_id()
        if self._write(lambda: added.append(review_actions.add_record(
                self.master_path, self.import_id, table, document_id, span,
                review_actions.fields_from_words(table, words), self.who, after))):
            self.refresh(select=added[0])
            self.statusBar().showMessage(f"Added a {NOUN[table]}; complete its fields and press Ctrl+Enter.", 8000)
            self.editor.focus_first()
            return added[0]
        return None

    def _next_pending(self, after: str) -> None:
        self.refresh(select=after)
        entries = self.model.entries
        start = (self.model.row_of(after) or 0) + 1
        order = list(range(start, len(entries))) + list(range(0, start))
        row = next((n for n in order if entries[n].pending), None)
        if row is not None:
            self.select_row(row)
        else:
            self.statusBar().showMessage("Everything in this import is reviewed. Publish from the Officer menu.", 10_000)
        self.queue.setFocus()

    def _reload_current(self) -> None:
        self._show(self.queue.currentIndex().row())

    def _back_to_queue(self) -> None:
        self._reload_current()
        self.queue.setFocus()

    def show_vanished(self) -> None:
        from scrutinydesk.ui.officer.vanished_dialog import VanishedDialog

        dialog = VanishedDialog(self.master_path, self.jobs, self)
        dialog.exec()
        self.refresh()

    def closeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        self.conn.close()
        super().closeEvent(event)
