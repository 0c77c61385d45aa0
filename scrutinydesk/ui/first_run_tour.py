"""A short first-run tour of the four tabs; "Don't show again" dismisses it for good."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from scrutinydesk.ui.readable_style import make_readable
from scrutinydesk.ui.text_sizes import resize_to_text

PAGES = [
    ("Meetings", "Choose a committee's meeting on the left to read each item's minutes. Decisions, actions, "
                 "figures and RAG ratings are highlighted where they were said; click one to attach notes."),
    ("Resolutions", "Every decision in one register. Type in the filter box to narrow it as you type; "
                    "press Enter on a row to open it in the minutes."),
    ("Actions", "Who promised what. Open and overdue actions come first; overdue ones are marked ⚠."),
    ("Indicators", "Performance figures as trends against England, the South West and statistical neighbours, "
                   "with points from the minutes and official statistics told apart."),
]
SETTING = "tour_dismissed"


class FirstRunTour(QDialog):
    def __init__(self, settings: QSettings, parent=None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._page = 0
        self.setWindowTitle("Welcome to scrutinydesk")
        resize_to_text(self, 86, 18)
        self.heading = QLabel()
        self.body = QLabel(wordWrap=True)
        self.never = QCheckBox("Don't show this tour again")
        make_readable(self.never)
        self.buttons = QDialogButtonBox()
        self.back = self.buttons.addButton("Back", QDialogButtonBox.ButtonRole.ActionRole)
        self.next = self.buttons.addButton("Next", QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.back.clicked.connect(lambda: self._show(self._page - 1))
        self.next.clicked.connect(lambda: self._show(self._page + 1))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.never)
        layout.addWidget(self.buttons)
        self._show(0)

    @staticmethod
    def wanted(settings: QSettings) -> bool:
        return str(settings.value(SETTING, "false")).lower() != "true"

    def _show(self, page: int) -> None:
        self._page = max(0, min(page, len(PAGES) - 1))
        title, text = PAGES[self._page]
        self.heading.setText(f"<h2>{self._page + 1} of {len(PAGES)}: {title}</h2>")
        self.body.setText(text)
        self.back.setEnabled(self._page > 0)
        self.next.setEnabled(self._page < len(PAGES) - 1)

    def done(self, result: int) -> None:
        if self.never.isChecked():
            self._settings.setValue(SETTING, "true")
            self._settings.sync()
        super().done(result)
