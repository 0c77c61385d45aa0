"""Text size the member chooses (Ctrl+plus / Ctrl+minus / Ctrl+0), from the system size up to 200%."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

STEPS = (100, 115, 130, 150, 175, 200)


class TextSize:
    """Scales the application font from the system's base size; remembered in the window settings."""

    def __init__(self, app: QApplication, settings: QSettings) -> None:
        self._app = app
        self._settings = settings
        self._base = QFont(app.font()).pointSizeF()
        saved = int(settings.value("text_size", 100))
        self.percent = saved if saved in STEPS else 100
        self._apply()

    def larger(self) -> None:
        self._step(+1)

    def smaller(self) -> None:
        self._step(-1)

    def reset(self) -> None:
        self.set_percent(100)

    def set_percent(self, percent: int, remember: bool = True) -> None:
        """Jump to the nearest step to ``percent``; ``remember=False`` leaves the saved choice alone."""
        self.percent = min(STEPS, key=lambda step: abs(step - percent))
        self._apply(remember)

    def _step(self, direction: int) -> None:
        index = min(max(STEPS.index(self.percent) + direction, 0), len(STEPS) - 1)
        self.percent = STEPS[index]
        self._apply()

    def _apply(self, remember: bool = True) -> None:
        font = QFont(self._app.font())
        font.setPointSizeF(self._base * self.percent / 100)
        self._app.setFont(font)
        for widget in self._app.allWidgets():
            widget.setFont(font)
        if remember:
            self._settings.setValue("text_size", self.percent)
