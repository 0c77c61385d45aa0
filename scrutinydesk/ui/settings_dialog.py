"""Settings: the shared folder releases come from, the officer key they must be signed with, and
how often to look. Writes the member's config file (``core.config``); IT's preconfigured values
show as the starting point."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core.config import Settings, load_settings, read_key_record, save_settings
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.sync.keys import public_key_from_record
from scrutinydesk.ui.text_sizes import size_in_text


class SettingsDialog(QDialog):
    """Edits the shared folder, the trusted officer key and the pull interval; OK saves them."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.data_dir = data_dir
        try:
            current = load_settings(data_dir)
        except UserFacingError as error:
            QMessageBox.warning(parent, "Settings", str(error))
            current = Settings()
        self.trusted_key = current.trusted_key

        self.folder = QLineEdit(str(current.shared_folder) if current.shared_folder else "")
        self.folder.setPlaceholderText(r"for example \\council.local\scrutiny\share")
        self.folder.setAccessibleName("Shared folder")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)

        self.key_label = QLabel()
        self.key_label.setAccessibleName("Trusted officer key")
        self.key_label.setWordWrap(True)
        choose_key = QPushButton("Choose key file…")
        choose_key.clicked.connect(self._choose_key)
        key_row = QWidget()  # a widget, not a bare layout, so the form gives the wrapped label its lines
        key_layout = QHBoxLayout(key_row)
        key_layout.setContentsMargins(0, 0, 0, 0)
        key_layout.addWidget(self.key_label, 1)
        key_layout.addWidget(choose_key)

        self.minutes = QSpinBox(minimum=1, maximum=24 * 60, value=current.pull_minutes, suffix=" minutes")
        self.minutes.setAccessibleName("Look for new releases every")

        form = QFormLayout()
        for text, buddy, field in (("Shared &folder:", self.folder, folder_row),
                                   ("Trusted officer &key:", choose_key, key_row),
                                   ("Look for new releases &every:", self.minutes, self.minutes)):
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, field)
        hint = QLabel("Releases are taken only when they are signed with the trusted key. "
                      "Your notes stay on this laptop and are never sent anywhere.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(size_in_text(self, 100, 0).width())
        self._show_key()

    def _show_key(self) -> None:
        if not self.trusted_key:
            self.key_label.setText("<i>None yet: choose the officer's .pub file (IT or the scrutiny officer has it).</i>")
            return
        name = self.trusted_key.get("name") or "Officer"
        self.key_label.setText(f"{name} · key id {self.trusted_key.get('key_id', '?')}")

    def _browse_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Choose the shared folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the officer's public key", "", "Public keys (*.pub)")
        if path:
            self.use_key_file(Path(path))

    def use_key_file(self, path: Path) -> bool:
        """Pin the key in ``path`` (checked now, so a wrong file is caught here, not at the next pull)."""
        try:
            record = read_key_record(path)
            key = public_key_from_record(record, str(path))
        except UserFacingError as error:
            QMessageBox.warning(self, "Not a key file", str(error))
            return False
        self.trusted_key = {**record, "key_id": key.key_id, "name": record.get("name") or key.name}
        self._show_key()
        return True

    def chosen(self) -> Settings:
        text = self.folder.text().strip()
        return Settings(Path(text) if text else None, self.trusted_key, self.minutes.value())

    def accept(self) -> None:
        try:
            save_settings(self.chosen(), self.data_dir)
        except (OSError, UserFacingError) as error:
            QMessageBox.warning(self, "Settings not saved", f"The settings could not be saved: {error}")
            return
        super().accept()
