"""A one-line label for the status bar that shows what fits and ends in "…", so a long message at 200%
text never makes the window wider than the screen; the whole text stays in its tooltip and in what a
screen reader reads (the label's text is unchanged)."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QWidget

MIN_CHARACTERS = 12


class ElidedLabel(QLabel):
    """Plain text on one line, elided at the right when the room is short."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * MIN_CHARACTERS, super().minimumSizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: ANN001 - Qt's signature
        room = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room.width())
        painter = QPainter(self)
        self.style().drawItemText(painter, room, int(self.alignment()), self.palette(), self.isEnabled(), shown,
                                  self.foregroundRole())
