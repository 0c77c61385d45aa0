"""Merge chairs' changes from the shared folder into the master, and settle queued conflicts side by side."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core.dates import short_date
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.progress import JobState
from scrutinydesk.sync.chairs import open_master
from scrutinydesk.sync.conflicts import Conflict, list_conflicts, resolve_conflict
from scrutinydesk.sync.merge import MergeReport, merge_outbox
from scrutinydesk.ui.officer.jobs import OfficerJobs
from scrutinydesk.ui.officer.row_table import row_table

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1


def shared_folder_row(parent: QWidget, settings: QSettings, key: str) -> tuple[QLineEdit, QHBoxLayout]:
    """A remembered folder path with a Browse button (used by merge and publish)."""
    edit = QLineEdit(str(settings.value(key, "") or ""))
    edit.setPlaceholderText("The shared folder, e.g. \\\\council\\scrutiny\\share")
    edit.setAccessibleName("Shared folder")
    browse = QPushButton("&Browse…")
    browse.clicked.connect(lambda: edit.setText(QFileDialog.getExistingDirectory(parent, "The shared folder") or edit.text()))
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return edit, row


def _merge(share: Path, master: Path, state: JobState) -> MergeReport:
    state.progress(0.1, "Reading chairs' changes from the shared folder")
    report = merge_outbox(share, master)
    state.progress(1.0, "Merged")
    return report


class MergeDialog(QDialog):
    """Run the merge (off the UI thread), read what it did, and settle each conflict: master's or chair's value."""

    merged = Signal()

    def __init__(self, master_path: Path, jobs: OfficerJobs, settings: QSettings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge chairs' changes")
        self.master_path, self.jobs, self.settings = master_path, jobs, settings
        self.report: MergeReport | None = None
        self.conflicts: list[Conflict] = []

        self.share, share_row = shared_folder_row(self, settings, "officer/shared_folder")
        self.merge_button = QPushButton("&Merge now")
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(lambda: self.run_merge(Path(self.share.text().strip())))
        share_row.addWidget(self.merge_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.result = QTextBrowser()
        self.result.setAccessibleName("What the merge did")
        self.result.setMaximumHeight(130)
        self.result.setPlaceholderText("Merge takes every validly signed change from registered chairs' laptops.")

        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(["Action", "Change", "By", "Queued"])
        self.table = row_table(self.model, "Conflicts waiting for you")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 220), (2, 190), (3, 100)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _p: self._show(current.row()))

        self.master_side = QLabel()
        self.chair_side = QLabel()
        sides = QHBoxLayout()
        for label, title in ((self.master_side, "The master has"), (self.chair_side, "The chair's change")):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(label)
            sides.addWidget(box, 1)
        self.keep_button = QPushButton("&Keep the master's value")
        self.keep_button.clicked.connect(lambda: self._resolve_selected(False))
        self.apply_button = QPushButton("&Apply the chair's value")
        self.apply_button.clicked.connect(lambda: self._resolve_selected(True))
        decide = QHBoxLayout()
        decide.addStretch(1)
        decide.addWidget(self.keep_button)
        decide.addWidget(self.apply_button)
        conflict_box = QWidget()
        conflict_layout = QVBoxLayout(conflict_box)
        conflict_layout.setContentsMargins(0, 0, 0, 0)
        conflict_layout.addLayout(sides)
        conflict_layout.addLayout(decide)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(conflict_box)

        self.message = QLabel()
        self.message.setWordWrap(True)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Chairs' changes are read from the shared folder's <i>outbox</i>:"))
        layout.addLayout(share_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        self.conflicts_title = QLabel()
        layout.addWidget(self.conflicts_title)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(900, 640)
        self.refresh()

    @property
    def running(self) -> bool:
        return self.progress.isVisible()

    def run_merge(self, share: Path) -> None:
        if not str(share).strip() or str(share) == ".":
            self.message.setText("Give the shared folder first.")
            return
        self.settings.setValue("officer/shared_folder", str(share))
        self.share.setText(str(share))
        self.progress.show()
        self.merge_button.setEnabled(False)
        self.jobs.start(lambda state: _merge(share, self.master_path, state), on_done=self._merged,
                        on_failed=self._failed, on_progress=lambda f, m: self.progress.setValue(int(f * 100)))

    def _merged(self, report: MergeReport) -> None:
        self.report = report
        self.progress.hide()
        self.merge_button.setEnabled(True)
        self.result.setHtml("".join(f"<div>{html.escape(line)}</div>" for line in report.lines()))
        self.message.setText("Merged; the changes ship with the next release.")
        self.refresh()
        self.merged.emit()

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.merge_button.setEnabled(True)
        self.message.setText(message)

    def refresh(self) -> None:
        conn = open_master(self.master_path)
        try:
            self.conflicts = list_conflicts(conn)
            actions = {c.action_id: conn.execute("SELECT owner, text FROM actions WHERE id = ?", (c.action_id,)).fetchone()
                       for c in self.conflicts}
        finally:
            conn.close()
        self.actions = {k: (tuple(v) if v else None) for k, v in actions.items()}
        self.model.removeRows(0, self.model.rowCount())
        for c in self.conflicts:
            action = self.actions.get(c.action_id)
            row = [QStandardItem(f"{action[0] or 'Owner not stated'} to {action[1]}" if action else c.action_id),
                   QStandardItem(f"{c.field}: {c.new_value}"), QStandardItem(c.who), QStandardItem(short_date(c.queued_at[:10]))]
            row[0].setData(c.event_id, EVENT_ROLE)
            self.model.appendRow(row)
        self.conflicts_title.setText(f"<b>Conflicts waiting for you: {len(self.conflicts)}</b>" if self.conflicts
                                     else "No conflicts are waiting.")
        if self.conflicts:
            self.table.selectRow(0)
            self._show(0)
        else:
            self._show(-1)

    def _show(self, row: int) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.keep_button.setEnabled(conflict is not None)
        self.apply_button.setEnabled(conflict is not None)
        if conflict is None:
            self.master_side.setText("<i>Nothing to settle.</i>")
            self.chair_side.setText("")
            return
        action = self.actions.get(conflict.action_id)
        what = html.escape(f"{action[0] or 'Owner not stated'} to {action[1]}" if action else conflict.action_id)
        self.master_side.setText(f"<p>{what}</p><p><b>{html.escape(conflict.field)}: "
                                 f"{html.escape(str(conflict.master_value))}</b></p>")
        note = f"<p>Note: {html.escape(conflict.note)}</p>" if conflict.note else ""
        self.chair_side.setText(
            f"<p>{html.escape(conflict.who)} set <b>{html.escape(conflict.field)}: {html.escape(str(conflict.new_value))}"
            f"</b></p><p>having seen {html.escape(str(conflict.old_value_seen))} (queued "
            f"{short_date(conflict.queued_at[:10])})</p>{note}")

    def _resolve_selected(self, apply_chairs_value: bool) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < len(self.conflicts):
            self.resolve(self.conflicts[row].event_id, apply_chairs_value)

    def resolve(self, event_id: str, apply_chairs_value: bool) -> None:
        try:
            self.jobs.refuse_if_busy()
            conn = open_master(self.master_path)
            try:
                done = resolve_conflict(conn, event_id, apply_chairs_value)
            finally:
                conn.close()
        except UserFacingError as error:
            self.message.setText(str(error))
            return
        self.message.setText(f"Conflict settled: {done.resolution}.")
        self.refresh()
        self.merged.emit()
