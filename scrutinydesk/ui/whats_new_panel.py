"""What's new since the member's previous release, as a dock: one group per kind of change, each
record a row that opens it in the Meetings tab (double-click or Enter)."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QMainWindow,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core.dates import long_date, short_date
from scrutinydesk.core.whats_new import Kind, WhatsNew

ID_ROLE = Qt.ItemDataRole.UserRole + 1

_GROUPS = (
    ("new_meetings", "New meetings"),
    ("new_actions", "New actions"),
    ("closed_actions", "Actions closed"),
    ("new_figures", "New figures"),
    ("changed_resolutions", "Resolutions added or changed"),
)


class WhatsNewPanel(QDockWidget):
    """Hidden until a release brings changes; ``show_changes`` fills and shows it."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__("What's new", window)
        self.window = window
        self.setObjectName("whatsNewDock")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAccessibleName("Changes since your previous release")
        self.view.setWordWrap(True)
        self.view.activated.connect(self._open)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.setWidget(body)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        self.hide()

    def show_changes(self, changes: WhatsNew, version: int | None) -> None:
        self.model.clear()
        release = f"release v{version}" if version is not None else "this release"
        self.summary.setText(f"<b>New in {release}:</b> {changes.summary()}.")
        for name, title in _GROUPS:
            kind: Kind = getattr(changes, name)
            if not kind.count:
                continue
            group = QStandardItem(f"{title} ({kind.count})")
            group.setSelectable(False)
            for change in kind.items:
                is_meeting = change.id == change.meeting_id
                when = short_date(change.meeting_date) if change.meeting_date and not is_meeting else ""
                row = QStandardItem(f"{when} · {change.text}" if when and change.text else when or change.text or change.id)
                row.setData(change.id, ID_ROLE)
                row.setToolTip(f"{long_date(change.meeting_date)}\n{change.text}" if change.meeting_date else change.text)
                group.appendRow(row)
            if kind.count > len(kind.items):
                more = QStandardItem(f"… and {kind.count - len(kind.items)} more")
                more.setSelectable(False)
                group.appendRow(more)
            self.model.appendRow(group)
        self.view.expandAll()
        self.show()
        self.raise_()

    def _open(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id:
            self.window.show_record(record_id)
