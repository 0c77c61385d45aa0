"""Text size the member chooses (Ctrl+plus / Ctrl+minus / Ctrl+0), from the system size up to 200%."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDockWidget

from scrutinydesk.ui.widget_walk import all_widgets

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

    def refresh(self) -> None:
        """Apply the current size again, to widgets made since (the window calls it once it is built)."""
        self._apply(remember=False)

    def _step(self, direction: int) -> None:
        index = min(max(STEPS.index(self.percent) + direction, 0), len(STEPS) - 1)
        self.percent = STEPS[index]
        self._apply()

    def _apply(self, remember: bool = True) -> None:
        font = QFont(self._app.font())
        font.setPointSizeF(self._base * self.percent / 100)
        font.setWeight(font.weight())  # stated, so a dock's bold title font is not inherited by its contents
        # Widgets without a font of their own follow the application's, each after its children, so one
        # that measures its children when its font changes sees their new size.
        self._app.setFont(font)
        title = QFont(font)
        title.setBold(True)
        with all_widgets(self._app) as widgets:
            for widget in widgets:
                if isinstance(widget, QDockWidget):
                    # A dock draws its title in the font it was made with unless its own font differs from
                    # the application's: a bold one, so the title grows with the text and reads as a heading.
                    widget.setFont(title)
                    if widget.widget() is not None:
                        widget.widget().setFont(font)
                elif widget.styleSheet():
                    widget.setFont(font)  # a style sheet keeps the font it was applied with
        if remember:
            self._settings.setValue("text_size", self.percent)
