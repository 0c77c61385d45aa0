"""Global search (Ctrl+F): type, see matching items, decisions and actions, press Enter to jump there."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QLineEdit, QListView, QVBoxLayout

from scrutinydesk.core.dates import meeting_when
from scrutinydesk.core.store import Store
from scrutinydesk.ui.text_sizes import resize_to_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_WORDS = {"items": "Minutes", "resolutions": "Decision", "actions": "Action"}


class SearchDialog(QDialog):
    """Searches the full-text index as you type; ``open_record`` carries the chosen record's id."""

    open_record = Signal(str)

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Search everything")
        resize_to_text(self, 120, 34)
        self.query = QLineEdit(placeholderText="Search minutes, decisions and actions")
        self.query.setAccessibleName("Search text")
        self.query.setClearButtonEnabled(True)
        self.results_model = QStandardItemModel(self)
        self.results = QListView()
        self.results.setModel(self.results_model)
        self.results.setAccessibleName("Search results")
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.activated.connect(self._open)
        self.status = QLabel("Type a word or two; press Enter or ↓ to go through the results.")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(self.status)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self._enter)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        if event.key() == Qt.Key.Key_Down and self.query.hasFocus() and self.results_model.rowCount():
            self.results.setFocus()
            self.results.setCurrentIndex(self.results_model.index(0, 0))
            return
        super().keyPressEvent(event)

    def run_search(self) -> None:
        self.results_model.clear()
        text = self.query.text().strip()
        if not text:
            self.status.setText("Type a word or two; press Enter or ↓ to go through the results.")
            return
        hits = self.store.search(text)
        for hit in hits:
            meeting = self.store.meeting(hit.meeting_id)
            where = f"{meeting.committee}, {meeting_when(meeting.date, meeting.year)}" if meeting else ""
            row = QStandardItem(f"{KIND_WORDS[hit.table]} · {hit.title} · {where}\n{' '.join(hit.snippet.split())}")
            row.setData(hit.record_id, ID_ROLE)
            self.results_model.appendRow(row)
        self.status.setText(f"{len(hits)} result{'s' if len(hits) != 1 else ''}" if hits
                            else f"Nothing matches “{text}”; try fewer or different words.")

    def _enter(self) -> None:
        self._timer.stop()
        self.run_search()
        if self.results_model.rowCount():
            self._open(self.results_model.index(0, 0))

    def _open(self, index) -> None:  # noqa: ANN001
        record_id = index.data(ID_ROLE)
        if record_id:
            self.open_record.emit(record_id)
            self.accept()
