"""Corrections whose record the last build or import no longer found: listed, kept, dismissed only by the officer."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from scrutinydesk.core import corrections, master
from scrutinydesk.core.dates import short_date
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.ui.officer.jobs import OfficerJobs
from scrutinydesk.ui.officer.row_table import row_table


class VanishedDialog(QDialog):
    """What each vanished correction did, to which record, by whom; Dismiss stops re-applying one."""

    def __init__(self, master_path: Path, jobs: OfficerJobs, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Corrections that no longer match a record")
        self.master_path, self.jobs = master_path, jobs
        intro = QLabel("The minutes these corrections were made on no longer give their record (the extractor now "
                       "reads them differently, or the minutes were replaced). They are kept and re-applied if the "
                       "record comes back. Correct the new record in Review, then dismiss the old correction here.")
        intro.setWordWrap(True)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(["Correction", "Record", "By", "On"])
        self.table = row_table(self.model, "Corrections that no longer match a record")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().resizeSection(1, 300)
        self.message = QLabel()
        dismiss = QPushButton("&Dismiss the selected correction")
        dismiss.clicked.connect(self.dismiss_selected)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(dismiss)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(900, 420)
        self.refresh()

    def refresh(self) -> None:
        conn = sqlite3.connect(f"{self.master_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            self.vanished = corrections.vanished_corrections(conn)
        finally:
            conn.close()
        self.model.removeRows(0, self.model.rowCount())
        for c in self.vanished:
            self.model.appendRow([QStandardItem(c.describe()), QStandardItem(c.record_id), QStandardItem(c.who),
                                  QStandardItem(short_date(c.at[:10]))])
        if not self.vanished:
            self.message.setText("Every correction matches a record.")

    def dismiss_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText("Select a correction first.")
            return
        chosen = self.vanished[rows[0].row()]
        try:
            self.jobs.refuse_if_busy()
            with master.writing(self.master_path) as conn:
                corrections.dismiss(conn, chosen.id)
        except UserFacingError as error:
            self.message.setText(str(error))
            return
        self.refresh()
