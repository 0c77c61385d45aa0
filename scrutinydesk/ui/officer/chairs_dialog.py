"""Chairs: register a chair's device key for their committees, list every key, revoke one."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
)

from scrutinydesk.core.dates import short_date
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.sync.chairs import Chair, add_chair, open_master, registered_chairs, revoke_chair
from scrutinydesk.sync.keys import load_public_key
from scrutinydesk.ui.officer.jobs import OfficerJobs
from scrutinydesk.ui.officer.row_table import row_table

KEY_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ChairsDialog(QDialog):
    """Who may mark which committee's actions completed; a registration ships with the next release."""

    def __init__(self, master_path: Path, jobs: OfficerJobs, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Chairs' keys")
        self.master_path, self.jobs = master_path, jobs
        self.chairs: list[Chair] = []

        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(["Chair", "Committees", "Key id", "Status"])
        self.table = row_table(self.model, "Registered chairs")
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().resizeSection(0, 220)
        self.table.horizontalHeader().resizeSection(2, 150)
        self.table.horizontalHeader().resizeSection(3, 170)
        self.revoke_button = QPushButton("Re&voke the selected key")
        self.revoke_button.clicked.connect(self._revoke_selected)

        self.key_path = QLineEdit(placeholderText="The chair's NAME.pub from 'scrutinydesk keygen' on their laptop")
        self.key_path.setAccessibleName("Chair's public key file")
        browse = QPushButton("&Choose…")
        browse.clicked.connect(self._choose_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_path, 1)
        key_row.addWidget(browse)
        self.name = QLineEdit(placeholderText="As members should read it, e.g. Cllr Jane Smith (Chair)")
        self.name.setAccessibleName("Chair's name")
        self.committees_model = QStandardItemModel(self)
        self.committees_view = QListView()
        self.committees_view.setModel(self.committees_model)
        self.committees_view.setAccessibleName("Committees they chair")
        self.committees_view.setMaximumHeight(110)
        register = QPushButton("&Register")
        register.clicked.connect(self._register_from_form)
        form = QFormLayout()
        form.addRow("Public key:", key_row)
        form.addRow("Name:", self.name)
        form.addRow("Chairs:", self.committees_view)
        form.addRow("", register)
        box = QGroupBox("Register a chair's laptop")
        box.setLayout(form)

        self.message = QLabel()
        self.message.setWordWrap(True)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.revoke_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(box)
        layout.addWidget(self.message)
        self.resize(820, 560)
        self.refresh()

    def refresh(self) -> None:
        conn = open_master(self.master_path)
        try:
            self.chairs = list(registered_chairs(conn).values())
            committees = [(row[0], row[1]) for row in conn.execute("SELECT id, name FROM committees ORDER BY name")]
        finally:
            conn.close()
        self.model.removeRows(0, self.model.rowCount())
        for chair in self.chairs:
            status = (f"Revoked {short_date(chair.revoked_at[:10])}" if chair.revoked_at
                      else f"Registered {short_date(chair.registered_at[:10])}")
            row = [QStandardItem(chair.name), QStandardItem(", ".join(chair.committees)), QStandardItem(chair.key_id),
                   QStandardItem(status)]
            row[0].setData(chair.key_id, KEY_ID_ROLE)
            self.model.appendRow(row)
        checked = set(self.chosen_committees())
        self.committees_model.clear()
        for committee_id, name in committees:
            item = QStandardItem(name)
            item.setData(committee_id, KEY_ID_ROLE)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if committee_id in checked else Qt.CheckState.Unchecked)
            self.committees_model.appendRow(item)
        if not self.chairs:
            self.message.setText("No chairs are registered yet.")

    def chosen_committees(self) -> list[str]:
        return [self.committees_model.item(r).data(KEY_ID_ROLE) for r in range(self.committees_model.rowCount())
                if self.committees_model.item(r).checkState() == Qt.CheckState.Checked]

    def _choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "The chair's public key", "", "Public keys (*.pub);;All files (*)")
        if path:
            self.key_path.setText(path)
            if not self.name.text():
                try:
                    self.name.setText(load_public_key(Path(path)).name)
                except UserFacingError as error:
                    self.message.setText(str(error))

    def _register_from_form(self) -> None:
        if not self.key_path.text().strip():
            self.message.setText("Choose the chair's .pub file first.")
            return
        self.register(Path(self.key_path.text().strip()), self.name.text(), self.chosen_committees())

    def register(self, pub: Path, name: str, committees: list[str]) -> Chair | None:
        try:
            self.jobs.refuse_if_busy()
            key = load_public_key(pub)
            conn = open_master(self.master_path)
            try:
                chair = add_chair(conn, key, name, committees)
            finally:
                conn.close()
        except UserFacingError as error:
            self.message.setText(str(error))
            return None
        self.message.setText(f"Registered {chair.name} (key {chair.key_id}); it ships to every laptop with the next "
                             "release.")
        self.key_path.clear()
        self.name.clear()
        self.refresh()
        return chair

    def _revoke_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText("Select the chair whose key to revoke.")
            return
        self.revoke(rows[0].data(KEY_ID_ROLE))

    def revoke(self, key_id: str) -> Chair | None:
        try:
            self.jobs.refuse_if_busy()
            conn = open_master(self.master_path)
            try:
                chair = revoke_chair(conn, key_id)
            finally:
                conn.close()
        except UserFacingError as error:
            self.message.setText(str(error))
            return None
        self.message.setText(f"Revoked {chair.name}'s key {chair.key_id}; changes it signs are now rejected.")
        self.refresh()
        return chair
