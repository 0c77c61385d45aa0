"""Import minutes into the master: drop or choose files, confirm committee and date, import off the UI thread."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core import master
from scrutinydesk.core.dates import meeting_when
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.master import ImportSummary, ReadFile
from scrutinydesk.core.progress import JobState
from scrutinydesk.ui.officer.jobs import OfficerJobs
from scrutinydesk.ui.officer.row_table import row_table

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("File", "Committee", "Meeting date", "What was found")
FILE, COMMITTEE, DATE, FOUND = range(4)
ASK = QColor("#fff3bf")  # a pale yellow: "please fill this in"
FAILED = QColor("#b3261e")
NOUNS = (("resolutions", "decision"), ("actions", "action"), ("figures", "figure"), ("rag_ratings", "RAG rating"))


def found_text(read: ReadFile) -> str:
    if not read.ok:
        return f"Not readable: {read.error}"
    items = len(read.document.get("items") or [])
    parts = [f"{items} item{'s' if items != 1 else ''}"]
    counts = read.counts()
    parts += [f"{counts[t]} {noun}{'s' if counts[t] != 1 else ''}" for t, noun in NOUNS if counts[t]]
    return ", ".join(parts)


class ReadFilesModel(QAbstractTableModel):
    """The files read so far; committee and date are editable where the file was readable."""

    problem = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.files: list[ReadFile] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.files)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in (COMMITTEE, DATE) and self.files[index.row()].ok:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        read, column = self.files[index.row()], index.column()
        missing = read.ok and ((column == COMMITTEE and not read.committee)
                               or (column == DATE and not read.date and not read.year))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(read, column)
        if role == Qt.ItemDataRole.EditRole:
            return read.committee or "" if column == COMMITTEE else read.date or (str(read.year) if read.year else "")
        if role == Qt.ItemDataRole.BackgroundRole and missing:
            return QBrush(ASK)
        if role == Qt.ItemDataRole.ForegroundRole:
            if missing:
                return QBrush(QColor("#3d3000"))
            if not read.ok and column in (FILE, FOUND):
                return QBrush(FAILED)
        if role == Qt.ItemDataRole.ToolTipRole:
            if missing:
                return "The minutes do not say; double-click and type it (a date, or just the year)."
            if column == FOUND or column == FILE:
                return f"{read.path}\n{found_text(read)}"
        return None

    @staticmethod
    def _display(read: ReadFile, column: int) -> str:
        if column == FILE:
            return ("✗ " if not read.ok else "") + read.path.name
        if not read.ok:
            return found_text(read) if column == FOUND else ""
        if column == COMMITTEE:
            return read.committee or "Not stated: type it"
        if column == DATE:
            return meeting_when(read.date, read.year) if (read.date or read.year) else "Not stated: type it"
        return found_text(read)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        read = self.files[index.row()]
        if index.column() == COMMITTEE:
            read.committee = str(value).strip() or None
        elif index.column() == DATE:
            try:
                read.set_when(str(value))
            except UserFacingError as error:
                self.problem.emit(str(error))
                return False
        else:
            return False
        self.dataChanged.emit(index, index)
        return True

    def add(self, files: list[ReadFile]) -> None:
        known = {f.path.resolve() for f in self.files}
        fresh = [f for f in files if f.path.resolve() not in known]
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self.files), len(self.files) + len(fresh) - 1)
            self.files += fresh
            self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.files[row]
        self.endRemoveRows()


class CommitteeDelegate(QStyledItemDelegate):
    """Committee cells edit with a combo box of the master's committees, and any name may be typed."""

    def __init__(self, names: list[str], parent=None) -> None:
        super().__init__(parent)
        self.names = names

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:  # noqa: ANN001
        if index.column() != COMMITTEE:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.addItems(self.names)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # noqa: ANN001
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        else:
            super().setModelData(editor, model, index)


class ImportDialog(QDialog):
    """Files in (drop, Add files…, Add folder…), read in the background, then imported into the master."""

    imported = Signal(object)  # ImportSummary
    review_requested = Signal()

    def __init__(self, master_path: Path, jobs: OfficerJobs, who: str, committees: list[str], extract=None,
                 parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle("Import minutes")
        self.setAcceptDrops(True)
        self.resize(980, 560)
        self.master_path, self.jobs, self.who = master_path, jobs, who
        self._extract = extract
        self.state: JobState | None = None
        self.summary: ImportSummary | None = None
        self._reading = 0

        intro = QLabel("Drop minutes files or folders here (text, HTML, Word or PDF), or add them with the buttons. "
                       "A <i>manifest.csv</i> beside them is read for what the minutes do not say.")
        intro.setWordWrap(True)
        self.add_files_button = QPushButton("Add &files…")
        self.add_files_button.clicked.connect(self._choose_files)
        self.add_folder_button = QPushButton("Add f&older…")
        self.add_folder_button.clicked.connect(self._choose_folder)
        self.remove_button = QPushButton("&Remove file")
        self.remove_button.clicked.connect(self._remove_selected)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.add_files_button)
        top.addWidget(self.add_folder_button)

        self.model = ReadFilesModel(self)
        self.model.problem.connect(self._say)
        self.model.dataChanged.connect(lambda *_: self._update_buttons())
        self.table = row_table(self.model, "Files to import", editable=True)
        self.table.setItemDelegate(CommitteeDelegate(committees, self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        for column, width in ((FILE, 230), (COMMITTEE, 260), (DATE, 200)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(FOUND, QHeaderView.ResizeMode.Stretch)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.failures = QLabel()
        self.failures.setWordWrap(True)
        self.failures.setStyleSheet("QLabel { color: #b3261e; }")
        self.failures.setAccessibleName("Files that could not be read")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)

        self.result = QTextBrowser()
        self.result.setAccessibleName("What the import did")
        self.result.hide()

        self.import_button = QPushButton("&Import")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.review_button = QPushButton("Re&view now")
        self.review_button.clicked.connect(self._review)
        self.review_button.hide()
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.failures)
        layout.addWidget(self.hint)
        layout.addLayout(progress_row)
        layout.addLayout(buttons)
        self._show_progress(False)
        self._update_buttons()

    # -- adding files ----------------------------------------------------------------------------
    @property
    def files(self) -> list[ReadFile]:
        return self.model.files

    @property
    def running(self) -> bool:
        return self.state is not None

    def add_paths(self, paths: list[Path]) -> None:
        """Read these files (a folder gives its files) in the background and list them."""
        if not paths:
            return
        if self._extract is None:
            from scrutinydesk.ingest import extract_path  # the extractor's import is slow; paid on first use

            self._extract = extract_path
        extract = self._extract
        self._reading += 1
        self.summary = None
        self.result.hide()
        self.table.show()
        self.review_button.hide()
        self._start(lambda state: master.read_minutes(paths, state, extract, self.master_path), self._read_done)

    def _read_done(self, files: list[ReadFile]) -> None:
        self._reading -= 1
        self.model.add(files)
        self._update_buttons()

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Minutes files to import", "",
                                                "Minutes (*.txt *.htm *.html *.xml *.docx *.pdf);;All files (*)")
        self.add_paths([Path(n) for n in names])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "A folder of minutes to import")
        if folder:
            self.add_paths([Path(folder)])

    def _remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and not self.running:
            self.model.remove(rows[0].row())
            self._update_buttons()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.add_paths(paths)

    # -- importing -----------------------------------------------------------------------------
    def start_import(self) -> None:
        ready = [f for f in self.files if f.ok]
        if not ready or self.running:
            return
        files = list(self.files)
        self._start(lambda state: master.import_minutes(self.master_path, files, state, self.who), self._import_done)

    def _import_done(self, summary: ImportSummary) -> None:
        self.summary = summary
        lines = summary.lines()
        self.result.setHtml("<p><b>" + html.escape(lines[0]) + "</b></p>"
                            + "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:]))
        self.table.hide()
        self.result.show()
        self.model.beginResetModel()
        self.model.files = []
        self.model.endResetModel()
        self.review_button.setVisible(summary.queued > 0)
        self.hint.setText("")
        self._update_buttons()
        self.imported.emit(summary)

    def _review(self) -> None:
        self.review_requested.emit()
        self.accept()

    # -- the running job -----------------------------------------------------------------------
    def _start(self, work, on_done) -> None:  # noqa: ANN001
        if self.running:
            self._say("Wait for the files being read to finish, or cancel.")
            return
        self._show_progress(True)
        self.state = self.jobs.start(work, on_done=lambda result: self._finished(on_done, result),
                                     on_failed=self._failed, on_progress=self._progress,
                                     on_cancelled=self._cancelled)
        self._update_buttons()

    def _finished(self, on_done, result: object) -> None:  # noqa: ANN001
        self.state = None
        self._show_progress(False)
        on_done(result)

    def _failed(self, message: str) -> None:
        self.state = None
        self._reading = 0
        self._show_progress(False)
        self._say(message)
        self._update_buttons()

    def _cancelled(self) -> None:
        self.state = None
        self._reading = 0
        self._show_progress(False)
        self._say("Cancelled; nothing was added to the master.")
        self._update_buttons()

    def cancel(self) -> None:
        if self.state is not None:
            self.state.cancel()
            self.progress.setFormat("Cancelling…")

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.progress.setFormat(message)

    def _show_progress(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        if on:
            self.progress.setValue(0)

    def _say(self, message: str) -> None:
        self.hint.setText(message)

    def _update_buttons(self) -> None:
        ready = [f for f in self.files if f.ok]
        self.import_button.setEnabled(bool(ready) and not self.running)
        self.import_button.setText(f"&Import {len(ready)} file{'s' if len(ready) != 1 else ''}" if ready else "&Import")
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            button.setEnabled(not self.running)
        failed = [f for f in self.files if not f.ok]
        self.failures.setText(
            "✗ Not readable, so not imported (the others go on): "
            + " ".join(f.error or f.path.name for f in failed) if failed else "")
        self.failures.setVisible(bool(failed))
        if not self.running and ready:
            unknown = [f.path.name for f in ready if not f.committee]
            undated = [f.path.name for f in ready if not f.date and not f.year]
            notes = []
            if unknown:
                notes.append(f"No committee for {', '.join(unknown)}: type it in the yellow cell, "
                             "or it is filed under “Committee not known”.")
            if undated:
                notes.append(f"No date for {', '.join(undated)}: type it (or the year) in the yellow cell.")
            if notes or not self.hint.text():
                self.hint.setText(" ".join(notes) or "Check the committee and date of each file, then import.")

    def reject(self) -> None:
        if self.running:
            self.cancel()
            return
        super().reject()
