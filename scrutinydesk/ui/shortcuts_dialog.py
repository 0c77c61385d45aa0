"""Help → Keyboard shortcuts: every shortcut the window's menus define, read from the actions themselves."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QTableView,
    QVBoxLayout,
)

from scrutinydesk.ui.text_sizes import resize_to_text

EXTRA = [
    ("Move between controls", "Tab / Shift+Tab"),
    ("Open the selected row in the minutes", "Enter"),
    ("Move through a table", "Arrow keys, Page Up / Page Down"),
]


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str]]:
    """(what, keys) for every menu action that has a shortcut, in menu order."""
    rows = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                rows.append((f"{menu_action.text().replace('&', '')} → {action.text().replace('&', '')}", keys))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        resize_to_text(self, 93, 37)
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels(["What", "Keys"])
        for what, keys in [*menu_shortcuts(window), *EXTRA]:
            self.model.appendRow([QStandardItem(what), QStandardItem(keys)])
        table = QTableView()
        table.setModel(self.model)
        table.setAccessibleName("Keyboard shortcuts")
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
