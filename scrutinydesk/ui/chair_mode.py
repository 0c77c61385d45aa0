"""Chair mode on the Actions tab: the chair records progress on the action log during the meeting.

It appears only when a chair key this laptop has used is registered, in the open release, as chair
of the committee on screen (the committee filter, else the selected action's). Every change goes
through ``sync.chair_changes.ChairDesk`` (signed, committed to the local outbox first), shows at once
marked pending, and is copied to the shared folder off the UI thread; a later release confirms it.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QStringListModel, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMenuBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core.config import load_settings
from scrutinydesk.core.dates import short_date
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.releases import OpenRelease
from scrutinydesk.core.store import Store
from scrutinydesk.core.table_queries import ACTIONS
from scrutinydesk.sync.action_updates import find_action
from scrutinydesk.sync.chair_changes import ActionView, ChairDesk
from scrutinydesk.sync.events import Event
from scrutinydesk.sync.keys import PASSPHRASE_ENV, load_private_key, public_of
from scrutinydesk.sync.outbox import Outbox, SendResult
from scrutinydesk.ui import chair_dialogs
from scrutinydesk.ui.flow_layout import FlowLayout

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from scrutinydesk.ui.actions_tab import ActionsTab

RETRY_MS = 60_000
PENDING_MARK = "*"
PENDING_TIP = "* Recorded on this laptop; pending until the officer's next release confirms it"
MEETING_MODE_SCALE = 1.6


class _SendSignals(QObject):
    done = Signal(object)


class _Send(QRunnable):
    """Copies the outbox to the share on a pool thread, with its own connection to ``outbox.db``."""

    def __init__(self, data_dir: Path, share: Path, signals: _SendSignals) -> None:
        super().__init__()
        self.data_dir, self.share, self.signals = data_dir, share, signals

    def run(self) -> None:
        outbox = Outbox(self.data_dir)
        try:
            self.signals.done.emit(outbox.send(self.share))
        finally:
            outbox.close()


class ChairMode(QObject):
    """The chair's bar, shortcuts and pending overlay on the Actions tab."""

    def __init__(self, tab: ActionsTab, data_dir: Path, release: OpenRelease, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tab, self.data_dir = tab, data_dir
        self.desk = ChairDesk(data_dir, release)
        self.pending: dict[str, ActionView] = {}
        self.chaired: dict[str, tuple[str, str]] = {}  # committee id -> (key id, chair's name)
        self._keys: dict[str, Ed25519PrivateKey] = {}
        self._saved_font: QFont | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.retry = QTimer(self, interval=RETRY_MS)
        self.retry.timeout.connect(self.send_now)
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Chair's pending changes")
        self._build_bar()
        self._build_actions()
        tab.cell_overlay = self
        tab.record_selected.connect(lambda _rid: self._update_controls())
        tab.committee_combo.currentIndexChanged.connect(lambda _i: self._update_controls())
        self.refresh()

    # -- layout -----------------------------------------------------------------------------------
    def _build_bar(self) -> None:
        self.bar = QFrame()
        self.bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.bar.setAccessibleName("Chair mode")
        self.title = QLabel()
        self.note = QLineEdit(placeholderText="Note for the history (optional), then Enter to mark completed")
        self.note.setAccessibleName("Note for the action's history")
        self.note.setClearButtonEnabled(True)
        self.note.returnPressed.connect(self.mark_completed)
        row = FlowLayout()  # these rows wrap at large text sizes instead of widening the window
        row.addWidget(self.title)
        row.addWidget(self.note)  # a line edit expands to the end of its row
        self.buttons = FlowLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Chair mode message")
        self.message.setVisible(False)
        self.arising_model = QStringListModel(self)
        self.arising_view = QListView()
        self.arising_view.setModel(self.arising_model)
        self.arising_view.setAccessibleName("Actions arising recorded on this laptop")
        self.arising_view.setMaximumHeight(self.arising_view.fontMetrics().height() * 4 + 8)
        layout = QVBoxLayout(self.bar)
        layout.addLayout(row)
        layout.addLayout(self.buttons)
        layout.addWidget(self.arising_view)
        layout.addWidget(self.message)
        self.tab.layout().insertWidget(1, self.bar)

    def _build_actions(self) -> None:
        specs: list[tuple[str, str, Callable[[], object], str]] = [
            ("complete", "Mark completed", self.mark_completed, "Ctrl+Return"),
            ("reopen", "Reopen", self.reopen, "Ctrl+Backspace"),
            ("due", "Due date…", self.change_due, "Ctrl+Shift+D"),
            ("owner", "Owner…", self.change_owner, "Ctrl+Shift+O"),
            ("arising", "Add action arising…", self.add_arising, "Ctrl+Shift+N"),
            ("meeting", "Meeting mode", lambda: self.set_meeting_mode(self.actions["meeting"].isChecked()),
             "Ctrl+Shift+M"),
        ]
        self.actions: dict[str, QAction] = {}
        for name, text, slot, keys in specs:
            action = QAction(text, self.tab)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text.rstrip('…')} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})")
            action.triggered.connect(lambda _checked=False, s=slot: s())
            self.tab.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons.addWidget(button)
            self.actions[name] = action
        self.actions["meeting"].setCheckable(True)
        legend = QLabel(PENDING_TIP)
        legend.setForegroundRole(QPalette.ColorRole.Mid)
        legend.setWordWrap(True)
        self.bar.layout().insertWidget(2, legend)  # under the buttons

    def install_menu(self, menu_bar: QMenuBar, before: QAction) -> None:
        """A Chair menu before ``before``: choose this laptop's chair key, send now, meeting mode."""
        menu = QMenu("&Chair", menu_bar)
        menu_bar.insertMenu(before, menu)
        menu.addAction("Use this laptop's chair &key…").triggered.connect(self.choose_key)
        menu.addAction("&Send pending changes now").triggered.connect(self.send_now)
        menu.addAction(self.actions["meeting"])

    # -- state ------------------------------------------------------------------------------------
    def release_changed(self, release: OpenRelease) -> None:
        """A newer release is open: it may confirm pending changes or register this laptop's key."""
        self.desk.close()
        self.desk = ChairDesk(self.data_dir, release)
        self.refresh()

    def refresh(self) -> None:
        """Re-read pending changes and registrations; repaint the rows and controls."""
        self.pending = self.desk.pending_actions()
        chairs = self.desk.chairs()
        self.chaired = {}
        if self.desk.has_outbox():
            for device in self.desk.outbox.device_keys():
                chair = chairs.get(device.key_id)
                if chair and chair.active:
                    for committee in chair.committees:
                        self.chaired.setdefault(committee, (device.key_id, chair.name))
        arising = [f"{v.text} ({v.owner or 'owner not given'}) · pending" for v in self.pending.values()
                   if v.id not in self._release_ids()]
        self.arising_model.setStringList(arising)
        self.arising_view.setVisible(bool(arising))
        self._update_status()
        self._update_controls()
        self.tab.refresh_overlay()

    def _release_ids(self) -> set[str]:
        conn = self.tab.model.connection
        marks = ", ".join("?" for _ in self.pending)
        return {row[0] for row in conn.execute(f"SELECT id FROM actions WHERE id IN ({marks})", list(self.pending))}

    def screen_committee(self) -> str | None:
        """The committee on screen: the filter's, else the selected action's."""
        chosen = self.tab.committee_combo.currentData()
        if chosen:
            return chosen
        selected = self.tab.selected_id()
        return self._committee_of(selected) if selected else None

    def _committee_of(self, action_id: str) -> str | None:
        if action_id in self.pending:
            return self.pending[action_id].committee_id
        target = find_action(self.tab.model.connection, action_id)
        return target.committee_id if target else None

    def _selected(self) -> tuple[str, str] | None:
        """(action id, its status as this laptop sees it) when the selected action is one this chair may change."""
        selected = self.tab.selected_id()
        if not selected or self._committee_of(selected) not in self.chaired:
            return None
        if selected in self.pending:
            return selected, self.pending[selected].status
        target = find_action(self.tab.model.connection, selected)
        return (selected, target.status) if target else None

    def _update_controls(self) -> None:
        committee = self.screen_committee()
        visible = committee in self.chaired
        self.bar.setVisible(visible)
        if visible:
            self.title.setText(f"<b>Chair mode</b> · {self.chaired[committee][1]}")
        selected = self._selected()
        for name in ("due", "owner", "arising"):
            self.actions[name].setEnabled(selected is not None)
        self.actions["complete"].setEnabled(selected is not None and selected[1] != "completed")
        self.actions["reopen"].setEnabled(selected is not None and selected[1] == "completed")
        self.actions["meeting"].setEnabled(bool(self.chaired))

    def _update_status(self) -> None:
        if not self.desk.has_outbox():
            self.status_label.setText("")
            return
        pending, unsent = self.desk.outbox.counts()
        if not pending:
            text = "No chair changes pending"
        elif unsent:
            text = f"{pending} change(s) pending · {unsent} not yet sent to the shared folder"
        else:
            text = f"{pending} change(s) pending · sent, waiting for the officer's next release"
        self.status_label.setText(text)
        if unsent and not self.retry.isActive():
            self.retry.start()
        elif not unsent:
            self.retry.stop()

    # -- the pending overlay the Actions tab asks for ---------------------------------------------
    def display(self, key: str, shown: object, row: tuple) -> object:
        """The cell as this laptop sees it; a value changed here carries a star until a release confirms it."""
        view = self.pending.get(row[0])
        if view is None:
            return shown
        if key == "status":
            mine = "✓ Completed" if view.status == "completed" else "Open"
            return shown if str(shown).endswith(mine) else f"{mine}{PENDING_MARK}"
        if key == "due":
            mine = short_date(view.due) if view.due else "Not given"
        elif key == "owner":
            mine = view.owner or "Not stated"
        else:
            return shown
        return shown if mine == shown else f"{mine}{PENDING_MARK}"

    def role(self, key: str, row: tuple, role: int) -> object:
        if row[0] not in self.pending:
            return None
        if role == Qt.ItemDataRole.FontRole and key != "status":  # the status column is narrow; its star says it
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QApplication.palette().brush(QPalette.ColorRole.Link)
        if role == Qt.ItemDataRole.ToolTipRole:
            return PENDING_TIP
        return None

    def detail(self, record_id: str) -> str:
        view = self.pending.get(record_id)
        if view is None:
            return ""
        what = "completed" if view.status == "completed" else "open"
        note = f" Note: “{view.pending_note}”." if view.pending_note else ""
        return (f"<p><b>Pending on this laptop:</b> {what}, due {short_date(view.due) or 'not given'}, "
                f"owner {view.owner or 'not stated'}.{note} Everyone sees it after the officer's next release.</p>")

    # -- recording ----------------------------------------------------------------------------------
    def mark_completed(self) -> Event | None:
        selected = self._selected()
        if not selected or selected[1] == "completed":
            return None
        note = self.note.text().strip() or None
        event = self._record(selected[0], lambda desk, key, path: desk.complete(key, selected[0], note, path))
        if event:
            self.note.clear()
            self._select_next(selected[0])
        return event

    def reopen(self) -> Event | None:
        selected = self._selected()
        if not selected or selected[1] != "completed":
            return None
        note = self.note.text().strip() or None
        event = self._record(selected[0], lambda desk, key, path: desk.reopen(key, selected[0], note, path))
        if event:
            self.note.clear()
        return event

    def change_due(self) -> Event | None:
        selected = self._selected()
        if not selected:
            return None
        accepted, due = chair_dialogs.ask_due(self.tab, self._view(selected[0]).due)
        if not accepted:
            return None
        return self._record(selected[0], lambda desk, key, path: desk.change(key, selected[0], "due", due, None, path))

    def change_owner(self) -> Event | None:
        selected = self._selected()
        if not selected:
            return None
        accepted, owner = chair_dialogs.ask_owner(self.tab, self._view(selected[0]).owner)
        if not accepted:
            return None
        return self._record(selected[0], lambda desk, key, path: desk.change(key, selected[0], "owner", owner, None, path))

    def add_arising(self) -> Event | None:
        selected = self._selected()
        if not selected:
            return None
        view = self._view(selected[0])
        items = [(i.id, f"Item {i.number}: {i.title or ''}" if i.number else (i.title or i.id))
                 for i in Store(self.tab.model.connection).items(view.meeting_id)]
        new = chair_dialogs.ask_new_action(self.tab, items, view.item_id)
        if new is None:
            return None
        return self._record(selected[0], lambda desk, key, path: desk.add_action(
            key, new.item_id, new.text, new.owner, new.due, path))

    def _view(self, action_id: str) -> ActionView:
        return self.pending.get(action_id) or self.desk.action(action_id)

    def _record(self, action_id: str,
                change: Callable[[ChairDesk, Ed25519PrivateKey, Path], Event]) -> Event | None:
        """Sign with the key that chairs the action's committee, commit locally, repaint, then send."""
        key_id = self.chaired[self._committee_of(action_id)][0]
        try:
            key, path = self._private_key(key_id)
            event = change(self.desk, key, path)
        except UserFacingError as error:
            self._say(str(error))
            return None
        self._say("")
        self.refresh()
        self.send_now()
        return event

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _select_next(self, action_id: str) -> None:
        """Move on to the next action, so the chair works down the log one keystroke at a time."""
        row = self.tab.model.row_of(action_id)
        if row is not None and row + 1 < self.tab.model.rowCount():
            self.tab.table.selectRow(self.tab.proxy.mapFromSource(self.tab.model.index(row + 1, 0)).row())

    def _private_key(self, key_id: str) -> tuple[Ed25519PrivateKey, Path]:
        device = next(d for d in self.desk.outbox.device_keys() if d.key_id == key_id)
        if not device.key_path:
            raise UserFacingError("This laptop does not know where its chair key is; choose it in Chair › Use this laptop's chair key.")
        path = Path(device.key_path)
        if key_id not in self._keys:
            self._keys[key_id] = self._load_key(path)
        return self._keys[key_id], path

    def _load_key(self, path: Path) -> Ed25519PrivateKey:
        passphrase = os.environ.get(PASSPHRASE_ENV)
        try:
            encrypted = b"ENCRYPTED" in path.read_bytes()[:64]
        except OSError:
            encrypted = False  # load_private_key names the problem
        if encrypted and passphrase is None:
            text, ok = QInputDialog.getText(self.tab, "Chair key", f"Passphrase for {path.name}:",
                                            QLineEdit.EchoMode.Password)
            if not ok:
                raise UserFacingError("Nothing was recorded: the chair key's passphrase is needed to sign the change.")
            passphrase = text
        return load_private_key(path, passphrase.encode("utf-8") if passphrase else None)

    def choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.tab, "This laptop's chair key", str(Path.home()),
                                              "Chair keys (*.key)")
        if path:
            self.use_key(Path(path))

    def use_key(self, path: Path) -> bool:
        """Remember ``path`` as this laptop's chair key; chair mode follows its registration."""
        try:
            private = self._load_key(path)
        except UserFacingError as error:
            self._say(str(error))
            return False
        public = public_of(private)
        self._keys[public.key_id] = private
        self.desk.outbox.remember_key(public, path)
        self.refresh()
        if not any(key_id == public.key_id for key_id, _ in self.chaired.values()):
            self.status_label.setText(
                f"Key {public.key_id} is not registered as a chair in this release; send its .pub file to the "
                "scrutiny officer and pull the next release."
            )
        return True

    # -- sending ------------------------------------------------------------------------------------
    def send_now(self) -> None:
        """Copy unsent changes to the shared folder on a pool thread; the window never waits for it."""
        if not self.desk.has_outbox() or not self.desk.outbox.counts()[1]:
            return
        share = load_settings(self.data_dir).shared_folder
        if share is None:
            self.status_label.setText(self.status_label.text() + " · no shared folder set in the settings")
            return
        signals = _SendSignals(self)
        signals.done.connect(self._sent)
        self.pool.start(_Send(self.data_dir, share, signals))

    def _sent(self, result: SendResult) -> None:
        self.sender().deleteLater()
        self._update_status()
        if not result.reachable:
            self.status_label.setText(self.status_label.text() + " (shared folder not reachable; will retry)")

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until a send in flight ends (closing the window, tests)."""
        return self.pool.waitForDone(msecs)

    # -- meeting mode -------------------------------------------------------------------------------
    def set_meeting_mode(self, on: bool) -> None:
        """Only this meeting's committee's open actions, in the order of the action log, in large type."""
        self.actions["meeting"].setChecked(on)
        if on:
            committee = self.screen_committee()
            if committee not in self.chaired and self.chaired:
                committee = next(iter(self.chaired))
            self.tab.committee_combo.setCurrentIndex(max(0, self.tab.committee_combo.findData(committee)))
            self.tab.show_combo.setCurrentIndex(0)
            self.tab.table.sortByColumn(ACTIONS.column_index("meeting"), Qt.SortOrder.AscendingOrder)
            if self.tab.selected_id() is None and self.tab.model.rowCount():
                self.tab.table.selectRow(0)
            self.tab.table.setFocus()
            if self._saved_font is None:
                self._saved_font = QFont(self.tab.font())
                bigger = QFont(self.tab.font())
                bigger.setPointSizeF(bigger.pointSizeF() * MEETING_MODE_SCALE)
                self.tab.setFont(bigger)
        elif self._saved_font is not None:
            self.tab.setFont(QFont())  # inherit the window's (and the text-size setting's) font again
            self._saved_font = None
        self._update_controls()


def attach_chair_mode(window: QWidget) -> ChairMode:
    """Chair mode for a main window's Actions tab, with its menu and status-bar label."""
    mode = ChairMode(window.actions_tab, window.data_dir, window.release, window)
    mode.install_menu(window.menuBar(), window.help_menu.menuAction())
    window.statusBar().addPermanentWidget(mode.status_label)
    return mode
