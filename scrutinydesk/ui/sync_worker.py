"""Picks up new releases while the window is open: on start, every few minutes, and on F5.

The pull (``sync.pull.pull_latest``) and the "What's new" comparison run on a pool thread; the
window only hears the outcome, by signal, on the UI thread. A share that hangs costs a timeout on
that thread, never a frozen window. After a switch the window reloads in place and the What's new
panel lists what changed; the status bar says which release is open, or why an update was refused.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

from scrutinydesk.core.config import load_settings
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.releases import current_release
from scrutinydesk.core.whats_new import WhatsNew, compare_releases
from scrutinydesk.sync import snapshots
from scrutinydesk.ui.elided_label import ElidedLabel
from scrutinydesk.ui.whats_new_panel import WhatsNewPanel

if TYPE_CHECKING:  # the pull and its signatures are imported when a pull runs, not when the window opens
    from scrutinydesk.sync.keys import PublicKey
    from scrutinydesk.sync.pull import PullResult

SHARE_TIMEOUT_S = 20.0  # how long the share may stay silent before the pull gives up


@dataclass(frozen=True)
class PullOutcome:
    result: PullResult
    changes: WhatsNew | None = None


class _Signals(QObject):
    finished = Signal(object)  # PullOutcome


class _PullJob(QRunnable):
    """One pull and, after an update, the comparison with the release it replaced."""

    def __init__(self, share: Path, trusted: PublicKey, data_dir: Path, cancel: threading.Event,
                 signals: _Signals) -> None:
        super().__init__()
        self.share, self.trusted, self.data_dir = share, trusted, data_dir
        self.cancel, self.signals = cancel, signals

    def run(self) -> None:
        from scrutinydesk.sync.pull import PullStatus, pull_latest

        result = pull_latest(self.share, self.trusted, self.data_dir, SHARE_TIMEOUT_S, cancel=self.cancel)
        changes = None
        if result.status is PullStatus.UPDATED and result.previous_path is not None:
            try:
                changes = compare_releases(result.previous_path, current_release(self.data_dir).path)
            except UserFacingError:
                changes = None  # the old release cannot be read any more: nothing to compare with
        self.signals.finished.emit(PullOutcome(result, changes))


class ReleaseSync(QObject):
    """Runs pulls for the window and shows their outcome; ``pull_now`` is also F5."""

    status_changed = Signal(str)

    def __init__(self, window: QMainWindow, data_dir: Path) -> None:
        super().__init__(window)
        self.window, self.data_dir = window, data_dir
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.cancel = threading.Event()
        self.signals = _Signals(self)
        self.signals.finished.connect(self._finished)
        self.running = False
        self.label = ElidedLabel()
        self.label.setAccessibleName("Updates from the shared folder")
        window.statusBar().addPermanentWidget(self.label)
        self.panel = WhatsNewPanel(window)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.pull_now)
        self.check_action = QAction("Check for a new &release", window)
        self.check_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.check_action.triggered.connect(self.pull_now)
        self.settings_action = QAction("&Settings…", window)
        self.settings_action.triggered.connect(self.open_settings)
        self._install_menu()
        snapshots.mark_open(window.release.path)
        window.destroyed.connect(lambda *_: self.cancel.set())

    def _install_menu(self) -> None:
        window = self.window
        file_menu = next((a.menu() for a in window.menuBar().actions() if a.text() == "&File"), None)
        if file_menu is None:
            window.addActions([self.check_action, self.settings_action])
            return
        first = file_menu.actions()[0] if file_menu.actions() else None
        file_menu.insertActions(first, [self.check_action, self.settings_action])
        file_menu.insertSeparator(first)
        window.addAction(self.panel.toggleViewAction())

    def start(self) -> None:
        """Pull once now and then every few minutes (the interval comes from the settings)."""
        QTimer.singleShot(0, self.pull_now)

    def pull_now(self) -> None:
        if self.running:
            return
        try:
            settings = load_settings(self.data_dir)
            trusted = _trusted_key(settings.trusted_key) if settings.trusted_key else None
        except UserFacingError as error:
            self._show(f"Settings problem: {error}")
            return
        self.timer.start(settings.pull_minutes * 60_000)
        if settings.shared_folder is None or trusted is None:
            self._show("No shared folder set (File → Settings…)")
            return
        self.running = True
        self.check_action.setEnabled(False)
        self._show("Checking the shared folder for a new release…")
        self.pool.start(_PullJob(settings.shared_folder, trusted, self.data_dir, self.cancel, self.signals))

    def _finished(self, outcome: PullOutcome) -> None:
        from scrutinydesk.sync.pull import PullStatus

        self.running = False
        self.check_action.setEnabled(True)
        result = outcome.result
        if result.status is PullStatus.UPDATED:
            self._switch(result, outcome.changes)
        elif result.status is PullStatus.OFFLINE:
            self._show(f"Offline: {result.message}")
        elif result.status is PullStatus.REJECTED:
            self._show(f"Update rejected: {result.message}")
        else:
            self._show(self._signed_by() + "shared folder reachable, up to date")
        if result.alarm:
            self._show(f"{self.label.text()} · {result.alarm}")

    def _switch(self, result: PullResult, changes: WhatsNew | None) -> None:
        """Reopen the window on the new release, unless it shows something else (a master, a file)."""
        window = self.window
        old = window.release.path
        if result.previous_path is None or old.resolve() != result.previous_path.resolve():
            self._show(f"{result.message} It opens next time this release is chosen.")
            return
        new = current_release(self.data_dir)
        snapshots.mark_open(new.path)
        try:
            window.open_release(new)
        except UserFacingError as error:
            snapshots.mark_closed(new.path)
            self._show(f"Update rejected: {error}")
            return
        snapshots.mark_closed(old)
        self._show(self._signed_by() + "updated just now")
        if changes is not None and not changes.is_empty():
            self.panel.show_changes(changes, result.version)

    def _signed_by(self) -> str:
        release = self.window.release
        if release.version is None:
            return ""
        name = release.published_by or "the officer"
        return f"Signed by {name} (key {release.key_id}) · " if release.key_id else f"Signed by {name} · "

    def _show(self, text: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(text)
        self.status_changed.emit(text)

    def open_settings(self) -> None:
        from scrutinydesk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.data_dir, self.window)
        if dialog.exec():
            self.pull_now()

    def shutdown(self) -> None:
        """Abandon a pull in progress (the share may be hanging) and let the pool finish."""
        self.cancel.set()
        self.timer.stop()
        self.pool.waitForDone(2000)


def _trusted_key(record: object) -> PublicKey:
    from scrutinydesk.sync.keys import public_key_from_record  # cryptography: only once a key is pinned

    return public_key_from_record(record, "The trusted officer key in Settings")


def attach_release_sync(window: QMainWindow, data_dir: Path) -> ReleaseSync:
    """Give the window its background pulls (the first one now), F5, Settings…, the What's new
    panel and status text; the window keeps the returned object."""
    sync = ReleaseSync(window, data_dir)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(sync.shutdown)
    sync.start()
    return sync
