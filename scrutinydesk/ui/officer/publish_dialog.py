"""Publish: what changed since the last release, then a signed release on the shared folder (as ``publish``)."""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.progress import JobState
from scrutinydesk.core.release_changes import ReleaseChanges, changes_since_release, save_baseline
from scrutinydesk.sync.keys import signer_name
from scrutinydesk.sync.merge import MergeReport, merge_outbox
from scrutinydesk.sync.publish import Published, publish
from scrutinydesk.ui.officer.merge_dialog import shared_folder_row

KeyProvider = Callable[[Path], Ed25519PrivateKey | None]


@dataclass(frozen=True)
class PublishOutcome:
    merge: MergeReport | None
    published: Published


def publish_master(master: Path, share: Path, private: Ed25519PrivateKey, key_name: str, merge_first: bool,
                   state: JobState) -> PublishOutcome:
    """SYNC.md's publish: merge the outbox first (if asked), publish, and remember what was published."""
    report = None
    if merge_first:
        state.progress(0.02, "Merging chairs' changes")
        report = merge_outbox(share, master)
    state.check()  # the last moment a cancel is honoured: a started copy finishes or leaves only a .partial
    published = publish(master, share, private, key_name=key_name,
                        progress=lambda stage, fraction: state.progress(0.1 + 0.85 * fraction, stage))
    save_baseline(master)
    state.progress(1.0, f"Published release v{published.version}")
    return PublishOutcome(report, published)


def changes_html(changes: ReleaseChanges) -> str:
    intro = ("<p><b>First release from this master</b>: everything below is new to members.</p>"
             if changes.first_release else "")
    if changes.empty:
        return intro + "<p>Nothing has changed since the last release.</p>"
    parts = [intro]
    for heading, count, lines in changes.sections():
        shown = "".join(f"<li>{html.escape(line)}</li>" for line in lines[:12])
        more = f"<li><i>and {count - 12} more</i></li>" if count > 12 else ""
        parts.append(f"<h4 style='margin-bottom:2px'>{heading} ({count})</h4><ul style='margin-top:0'>{shown}{more}</ul>")
    return "".join(parts)


class PublishDialog(QDialog):
    """Check the changes, choose the share and key, publish with progress; the passphrase is asked once a session."""

    published = Signal(object)  # PublishOutcome

    def __init__(self, master_path: Path, jobs, settings: QSettings, key_provider: KeyProvider,  # noqa: ANN001
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Publish a new release")
        self.master_path, self.jobs, self.settings, self.key_provider = master_path, jobs, settings, key_provider
        self.outcome: PublishOutcome | None = None
        self.state: JobState | None = None

        self.changes = QTextBrowser()
        self.changes.setAccessibleName("What changed since the last release")
        self.share, share_row = shared_folder_row(self, settings, "officer/shared_folder")
        self.key_path = QLineEdit(str(settings.value("officer/key_file", "") or ""))
        self.key_path.setPlaceholderText("Your private key, NAME.key from 'scrutinydesk keygen'")
        self.key_path.setAccessibleName("Officer's private key file")
        browse = QPushButton("Cho&ose…")
        browse.clicked.connect(self._choose_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_path, 1)
        key_row.addWidget(browse)
        self.merge_first = QCheckBox("Merge chairs' changes from the shared folder first")
        self.merge_first.setChecked(True)
        form = QFormLayout()
        form.addRow("Shared folder:", share_row)
        form.addRow("Signing key:", key_row)
        form.addRow("", self.merge_first)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.publish_button = QPushButton("&Publish")
        self.publish_button.setDefault(True)
        self.publish_button.clicked.connect(self.start_publish)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.publish_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3 style='margin:0'>What changed since the last release</h3>"))
        layout.addWidget(self.changes, 1)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.resize(760, 620)
        self.refresh()

    @property
    def running(self) -> bool:
        return self.state is not None

    def refresh(self) -> None:
        try:
            self.changes.setHtml(changes_html(changes_since_release(self.master_path)))
        except UserFacingError as error:
            self.changes.setPlainText(str(error))

    def _choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Your private signing key", "", "Private keys (*.key);;All files (*)")
        if path:
            self.key_path.setText(path)

    def start_publish(self) -> None:
        share, key_text = self.share.text().strip(), self.key_path.text().strip()
        if not share or not key_text:
            self.message.setText("Give the shared folder and your signing key first.")
            return
        if self.running:
            return
        key_path = Path(key_text)
        try:
            private = self.key_provider(key_path)
        except UserFacingError as error:
            self.message.setText(str(error))
            return
        if private is None:
            self.message.setText("Not published: the key's passphrase was not given.")
            return
        self.settings.setValue("officer/shared_folder", share)
        self.settings.setValue("officer/key_file", key_text)
        merge_first, name = self.merge_first.isChecked(), signer_name(key_path)
        self.progress.setValue(0)
        self.progress.show()
        self.publish_button.setEnabled(False)
        self.state = self.jobs.start(
            lambda state: publish_master(self.master_path, Path(share), private, name, merge_first, state),
            on_done=self._done, on_failed=self._failed, on_progress=self._progress, on_cancelled=self._cancelled)

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.progress.setFormat(message)

    def _done(self, outcome: PublishOutcome) -> None:
        self.state, self.outcome = None, outcome
        self.progress.hide()
        self.publish_button.setEnabled(True)
        merged = f" Chairs' changes merged first: {outcome.merge.applied} applied." if outcome.merge else ""
        self.message.setText(f"Published release v{outcome.published.version} to the shared folder.{merged}")
        self.refresh()
        self.published.emit(outcome)

    def _failed(self, message: str) -> None:
        self.state = None
        self.progress.hide()
        self.publish_button.setEnabled(True)
        self.message.setText(message)

    def _cancelled(self) -> None:
        self._failed("Cancelled before anything was written to the shared folder.")

    def reject(self) -> None:
        if self.state is not None:
            self.state.cancel()
            return
        super().reject()
