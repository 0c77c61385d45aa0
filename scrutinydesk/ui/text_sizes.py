"""Sizes in characters and lines of the current text, so a dialog or dock at 200% text is as roomy as
at 100%, and never larger than the screen (a dialog) or a third of the window (a dock)."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.9  # of the screen's free area, at most
DOCK_CHARACTERS = 52  # the notes docks' preferred width


def size_in_text(widget: QWidget, characters: int, lines: int) -> QSize:
    """``characters`` average characters by ``lines`` lines of ``widget``'s font, bounded by its screen."""
    metrics = widget.fontMetrics()
    wanted = QSize(characters * metrics.averageCharWidth(), lines * metrics.lineSpacing())
    free = widget.screen().availableGeometry().size()
    return wanted.boundedTo(QSize(int(free.width() * SCREEN_SHARE), int(free.height() * SCREEN_SHARE)))


def resize_to_text(widget: QWidget, characters: int, lines: int) -> None:
    widget.resize(size_in_text(widget, characters, lines))


def dock_size_hint(widget: QWidget, characters: int) -> QSize:
    """A dock's preferred size: ``characters`` wide, but no more than a third of its window, so at large
    text sizes the tabs keep most of a small screen."""
    width = characters * widget.fontMetrics().averageCharWidth()
    window = widget.window()
    if window is not widget and window.width() > 0:
        width = min(width, window.width() // 3)
    return QSize(width, 600)
