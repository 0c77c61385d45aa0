"""A layout that places widgets left to right and wraps them onto further rows when the width runs out.

Bars of buttons use it so that at 200% text, or beside the notes dock on a 1366-pixel screen, they
take a second row instead of forcing the window wider. Widgets whose horizontal size policy expands
share what is left of their row, as they would in a QHBoxLayout.
"""
from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget

FALLBACK_SPACING = 6


class FlowLayout(QLayout):
    """Rows of items at their preferred widths; ``heightForWidth`` tells the parent how tall the rows are."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._heights: dict[int, int] = {}  # heightForWidth's answers until the layout is invalidated

    # -- QLayout's bookkeeping ------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self.invalidate()
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    # -- sizes ----------------------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """Asked dozens of times per width in one layout pass (a panel of cards asks for each card), so
        each width's answer is kept until an item, its size or the style changes (``invalidate``)."""
        if width not in self._heights:
            self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return self._heights[width]

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def sizeHint(self) -> QSize:
        """Everything on one row."""
        items = self._visible()
        width = sum(item.sizeHint().width() for item in items) + self._gap() * max(len(items) - 1, 0)
        height = max((item.sizeHint().height() for item in items), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        """The widest single item: anything wider wraps."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    # -- placing --------------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        metric = style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if style else -1
        return metric if metric >= 0 else FALLBACK_SPACING

    def _rows(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        """Items with their widths, broken into rows no wider than ``width`` where possible."""
        gap, rows, row, used = self._gap(), [], [], 0
        for item in self._visible():
            item_width = max(min(item.sizeHint().width(), width), item.minimumSize().width())
            if row and used + gap + item_width > width:
                rows.append(row)
                row, used = [], 0
            used += (gap if row else 0) + item_width
            row.append((item, item_width))
        if row:
            rows.append(row)
        return rows

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items inside ``rect`` when ``move``; return the height the rows need."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        gap, y = self._gap(), area.y()
        rows = self._rows(area.width())
        for row in rows:
            height = max(item.sizeHint().height() for item, _width in row)
            if move:
                self._place_row(row, area, y, height)
            y += height + gap
        used = y - gap - area.y() if rows else 0
        return used + margins.top() + margins.bottom()

    def _place_row(self, row: list[tuple[QLayoutItem, int]], area: QRect, y: int, height: int) -> None:
        """One row, items centred on its middle; expanding items share the room left over."""
        gap = self._gap()
        spare = area.width() - sum(width for _item, width in row) - gap * (len(row) - 1)
        growing = [n for n, (item, _width) in enumerate(row)
                   if item.expandingDirections() & Qt.Orientation.Horizontal]
        extra = spare // len(growing) if growing and spare > 0 else 0
        x = area.x()
        for n, (item, width) in enumerate(row):
            width += extra if n in growing else 0
            item_height = min(height, max(item.sizeHint().height(), item.minimumSize().height()))
            item.setGeometry(QRect(QPoint(x, y + (height - item_height) // 2), QSize(width, item_height)))
            x += width + gap
