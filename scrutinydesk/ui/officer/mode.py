"""Officer mode: when the window has a master database open, an Officer menu drives import, review,
chairs, merge and publish, and the window reloads after each change to the master.

The window reads the master read-only like any release; every write goes through ``core`` (and
``sync``) on the officer's single writer (``OfficerJobs``). The dialogs (and the extractor and sync
code behind them) are imported when first opened, so a member's window never pays for them.
"""
from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QLineEdit, QMainWindow, QMenu, QMessageBox

from scrutinydesk.core.database import is_master
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.releases import OpenRelease
from scrutinydesk.ui.officer.jobs import OfficerJobs

if TYPE_CHECKING:
    from scrutinydesk.ui.officer.chairs_dialog import ChairsDialog
    from scrutinydesk.ui.officer.import_dialog import ImportDialog
    from scrutinydesk.ui.officer.merge_dialog import MergeDialog
    from scrutinydesk.ui.officer.publish_dialog import PublishDialog
    from scrutinydesk.ui.officer.review_window import ReviewWindow


class OfficerMode(QObject):
    """The Officer menu and the officer's session (name, unlocked signing key) over one master."""

    def __init__(self, window: QMainWindow, master_path: Path) -> None:
        super().__init__(window)
        self.setObjectName("officer-mode")
        self.window, self.master_path = window, master_path.resolve()
        self.jobs = OfficerJobs(self)
        self.settings = QSettings(str(Path(window.data_dir) / "officer.ini"), QSettings.Format.IniFormat)
        self.who = str(self.settings.value("officer/name", "") or "") or getpass.getuser()
        self._keys: dict[Path, object] = {}  # unlocked once per session, never written anywhere
        self.review: ReviewWindow | None = None  # imported when first opened
        self.menu = QMenu("&Officer", window)
        self.menu.setObjectName("officer-menu")
        self._add("&Import minutes…", "Ctrl+I", self.open_import)
        self._add("&Review the last import…", "Ctrl+Shift+V", self.open_review)
        self.menu.addSeparator()
        self._add("&Chairs' keys…", None, self.open_chairs)
        self._add("&Merge chairs' changes…", None, self.open_merge)
        self._add("&Publish a release…", "Ctrl+Shift+P", self.open_publish)
        self.menu.addSeparator()
        self._add("Your &name on corrections…", None, self.ask_name)
        help_menu = getattr(window, "help_menu", None)
        if help_menu is not None:
            window.menuBar().insertMenu(help_menu.menuAction(), self.menu)
        else:
            window.menuBar().addMenu(self.menu)
        self.label = QLabel()
        self.label.setAccessibleName("Officer mode")
        window.statusBar().addPermanentWidget(self.label)
        self._refresh_label()

    def _add(self, text: str, shortcut: str | None, slot) -> QAction:  # noqa: ANN001
        action = QAction(text, self.menu)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def detach(self) -> None:
        self.jobs.wait()
        self.window.menuBar().removeAction(self.menu.menuAction())
        self.window.statusBar().removeWidget(self.label)
        self.label.deleteLater()
        self.deleteLater()

    # -- after a change ----------------------------------------------------------------------------
    def reload_window(self) -> None:
        """Show the master as it is now in every tab."""
        try:
            self.window.open_release(OpenRelease(self.master_path, None))
        except UserFacingError as error:
            QMessageBox.warning(self.window, "Could not reload the master", str(error))
        self._refresh_label()

    def _refresh_label(self) -> None:
        from scrutinydesk.core import review_queue  # officer-only tables: not imported for a member's window

        pending = sum(1 for e in review_queue.entries(self.window.conn) if e.pending)
        self.label.setText(f"Officer · master {self.master_path.name} · {pending} to review")

    # -- the menu's dialogs ---------------------------------------------------------------------------
    def _committees(self) -> list[str]:
        return [row[0] for row in self.window.conn.execute("SELECT name FROM committees ORDER BY name")]

    def open_import(self) -> ImportDialog:
        from scrutinydesk.ui.officer.import_dialog import ImportDialog

        dialog = ImportDialog(self.master_path, self.jobs, self.who, self._committees(), parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _summary: self.reload_window())
        dialog.review_requested.connect(self.open_review)
        dialog.show()
        return dialog

    def open_review(self) -> ReviewWindow:
        from scrutinydesk.ui.officer.review_window import ReviewWindow

        if self.review is not None:
            self.review.refresh()
            self.review.show()
            self.review.raise_()
            return self.review
        self.review = ReviewWindow(self.master_path, self.jobs, self.who, self.window)
        self.review.setWindowFlag(Qt.WindowType.Window, True)
        self.review.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.review.destroyed.connect(self._review_closed)
        self.review.changed.connect(self._refresh_label)
        self.review.show()
        return self.review

    def _review_closed(self) -> None:
        self.review = None
        self.reload_window()

    def open_chairs(self) -> ChairsDialog:
        from scrutinydesk.ui.officer.chairs_dialog import ChairsDialog

        dialog = ChairsDialog(self.master_path, self.jobs, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.reload_window())
        dialog.show()
        return dialog

    def open_merge(self) -> MergeDialog:
        from scrutinydesk.ui.officer.merge_dialog import MergeDialog

        dialog = MergeDialog(self.master_path, self.jobs, self.settings, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(self.reload_window)
        dialog.show()
        return dialog

    def open_publish(self) -> PublishDialog:
        from scrutinydesk.ui.officer.publish_dialog import PublishDialog

        dialog = PublishDialog(self.master_path, self.jobs, self.settings, self.signing_key, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.published.connect(lambda _outcome: self.reload_window())
        dialog.show()
        return dialog

    # -- the officer's session ---------------------------------------------------------------------
    def signing_key(self, path: Path):  # noqa: ANN201 - an Ed25519PrivateKey, or None
        """The unlocked key; its passphrase is asked the first time in a session only."""
        from scrutinydesk.sync.keys import load_private_key

        path = path.resolve()
        if path in self._keys:
            return self._keys[path]
        try:
            encrypted = b"ENCRYPTED" in path.read_bytes()[:64]  # PKCS8 PEM says so in its first line
        except OSError:
            encrypted = False  # load_private_key names the problem
        passphrase = self.ask_passphrase(path) if encrypted else None
        if encrypted and passphrase is None:
            return None
        key = load_private_key(path, passphrase.encode("utf-8") if passphrase is not None else None)
        self._keys[path] = key
        return key

    def ask_passphrase(self, path: Path) -> str | None:
        text, ok = QInputDialog.getText(self.window, "Unlock your signing key",
                                        f"Passphrase for {path.name} (asked once until you close scrutinydesk):",
                                        QLineEdit.EchoMode.Password)
        return text if ok else None

    def ask_name(self) -> None:
        text, ok = QInputDialog.getText(self.window, "Your name on corrections",
                                        "Corrections you make are recorded with this name:", text=self.who)
        if ok and text.strip():
            self.who = text.strip()
            self.settings.setValue("officer/name", self.who)


def officer_mode_of(window: QMainWindow) -> OfficerMode | None:
    return window.findChild(OfficerMode, "officer-mode")


def attach_officer_mode(window: QMainWindow) -> OfficerMode | None:
    """Show the Officer menu when the window's open database is a master; remove it otherwise."""
    mode = officer_mode_of(window)
    path = Path(window.release.path).resolve()
    if is_master(window.conn):
        if mode is not None and mode.master_path == path:
            return mode
        if mode is not None:
            mode.detach()
        return OfficerMode(window, path)
    if mode is not None:
        mode.detach()
    return None


def choose_master(window: QMainWindow) -> None:
    """File → Open master…: an existing master, or a new file name for an empty one."""
    path, _ = QFileDialog.getSaveFileName(
        window, "Open or create the master database", str(Path(window.release.path).parent),
        "scrutinydesk databases (*.db);;All files (*)", options=QFileDialog.Option.DontConfirmOverwrite)
    if path:
        open_master(window, Path(path))


def open_master(window: QMainWindow, path: Path) -> OfficerMode | None:
    try:
        from scrutinydesk.core.master import prepare_master  # the build code: only when a master is opened

        window.open_release(OpenRelease(prepare_master(path), None))
    except UserFacingError as error:
        QMessageBox.warning(window, "Could not open the master", str(error))
        return None
    return attach_officer_mode(window)
