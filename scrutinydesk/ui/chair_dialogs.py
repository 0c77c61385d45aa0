"""The small forms chair mode asks with: a due date, an owner, an action arising. Layout only."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from scrutinydesk.ui.readable_style import make_readable
from scrutinydesk.ui.text_sizes import resize_to_text


@dataclass(frozen=True)
class NewAction:
    item_id: str
    text: str
    owner: str | None
    due: str | None


def _buttons(dialog: QDialog, form: QFormLayout) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    form.addRow(box)
    return box


class _DueField(QWidget):
    """A date with a calendar, or none."""

    def __init__(self, current: str | None, parent=None) -> None:
        super().__init__(parent)
        self.date = QDateEdit(calendarPopup=True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setAccessibleName("Due date")
        self.none = QCheckBox("No due date")
        make_readable(self.none)
        self.date.setDate(QDate.fromString(current, "yyyy-MM-dd") if current else QDate.currentDate().addMonths(1))
        self.none.setChecked(current is None)
        self.none.toggled.connect(lambda checked: self.date.setEnabled(not checked))
        self.date.setEnabled(current is not None)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.date)
        form.addRow(self.none)

    def value(self) -> str | None:
        return None if self.none.isChecked() else self.date.date().toString("yyyy-MM-dd")


def ask_due(parent: QWidget, current: str | None) -> tuple[bool, str | None]:
    """(accepted, new due date or None for none)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Change the due date")
    form = QFormLayout(dialog)
    field = _DueField(current)
    form.addRow("Due:", field)
    _buttons(dialog, form)
    return dialog.exec() == QDialog.DialogCode.Accepted, field.value()


def ask_owner(parent: QWidget, current: str | None) -> tuple[bool, str | None]:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Change who owns the action")
    form = QFormLayout(dialog)
    owner = QLineEdit(current or "", placeholderText="e.g. Head of Service")
    owner.setAccessibleName("Owner")
    form.addRow("Owner:", owner)
    _buttons(dialog, form)
    return dialog.exec() == QDialog.DialogCode.Accepted, owner.text().strip() or None


def ask_new_action(parent: QWidget, items: list[tuple[str, str]], item_id: str | None) -> NewAction | None:
    """An action arising at one of ``items`` ((id, label), the item being discussed preselected)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Add an action arising")
    resize_to_text(dialog, 93, 22)
    form = QFormLayout(dialog)
    item = QComboBox()
    item.setAccessibleName("Item it arose at")
    for value, label in items:
        item.addItem(label, value)
    item.setCurrentIndex(max(0, item.findData(item_id)))
    text = QPlainTextEdit(placeholderText="What is to be done, e.g. circulate the SEND improvement plan to Members")
    text.setAccessibleName("Action")
    text.setTabChangesFocus(True)
    owner = QLineEdit(placeholderText="Who must act, e.g. Head of Service")
    owner.setAccessibleName("Owner")
    due = _DueField(None)
    form.addRow("Item:", item)
    form.addRow("Action:", text)
    form.addRow("Owner:", owner)
    form.addRow("Due:", due)
    buttons = _buttons(dialog, form)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setEnabled(False)
    text.textChanged.connect(lambda: ok.setEnabled(bool(text.toPlainText().strip())))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return NewAction(item.currentData(), text.toPlainText().strip(), owner.text().strip() or None, due.value())
