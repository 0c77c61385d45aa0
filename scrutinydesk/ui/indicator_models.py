"""Qt models of the Indicators tab: the overview's tiles and the improvement plan's RAG register.

They hold rows computed by ``core`` (indicator views, flags, plan RAG history) and only say how
each cell reads; nothing here judges a value.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from scrutinydesk.core.dates import meeting_when_short
from scrutinydesk.core.figure_text import format_value
from scrutinydesk.core.indicator_series import IndicatorView, Point
from scrutinydesk.core.indicator_status import RAG_SYMBOLS
from scrutinydesk.ui.chart_style import RAG_COLOURS

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
TILE_ROLE = Qt.ItemDataRole.UserRole + 2
RECORD_ROLE = Qt.ItemDataRole.UserRole + 3
MEETING_ROLE = Qt.ItemDataRole.UserRole + 4

Index = QModelIndex | QPersistentModelIndex
RAG_ORDER = {"Red": 0, "Amber": 1, "Green": 2}


@dataclass(frozen=True)
class Tile:
    """What one overview tile shows."""

    view: IndicatorView
    flags: int

    @property
    def latest(self) -> Point | None:
        return self.view.latest_official or self.view.latest_local

    @property
    def latest_is_local(self) -> bool:
        return self.view.latest_official is None and self.view.latest_local is not None

    @property
    def value_text(self) -> str:
        latest = self.latest
        return format_value(latest.value, self.view.unit) if latest else "No values yet"

    @property
    def period_text(self) -> str:
        latest = self.latest
        if latest is None:
            return ""
        return f"{latest.label}{' (minutes)' if self.latest_is_local else ''}"

    @property
    def has_data(self) -> bool:
        return self.latest is not None

    def spoken(self) -> str:
        """The tile in words, for screen readers and tooltips."""
        parts = [self.view.name, f"latest {self.value_text} {self.period_text}".strip(),
                 self.view.direction.text, self.view.rag.text.split(" ", 1)[1]]
        if self.flags:
            parts.append(f"{self.flags} thing{'s' if self.flags != 1 else ''} worth a question")
        return "; ".join(parts)


class OverviewModel(QAbstractListModel):
    """One row per indicator: indicators with values first, each group in catalogue order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._tiles: list[Tile] = []

    def set_tiles(self, tiles: list[Tile]) -> None:
        self.beginResetModel()
        self._tiles = sorted(tiles, key=lambda t: not t.has_data)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._tiles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201 - Qt's signature
        if not index.isValid():
            return None
        tile = self._tiles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return tile.view.name
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return tile.spoken()
        if role == CODE_ROLE:
            return tile.view.code
        if role == TILE_ROLE:
            return tile
        return None

    def row_of(self, code: str) -> int:
        return next((n for n, t in enumerate(self._tiles) if t.view.code == code), -1)


@dataclass(frozen=True)
class Priority:
    """One improvement plan priority and its ratings, oldest first."""

    ref: str | None
    subject: str
    history: list[dict]

    @property
    def latest(self) -> dict:
        return self.history[-1]


class PlanRagModel(QAbstractTableModel):
    """Improvement plan priorities, Red first, with each one's rating history."""

    HEADERS = ("Rating", "Plan ref", "Priority", "History", "Last rated")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Priority] = []

    def set_history(self, history: dict[str, list[dict]]) -> None:
        rows = [Priority(h[-1]["ref"], h[-1]["subject"] or "", h) for h in history.values() if h]
        rows.sort(key=lambda p: (RAG_ORDER.get(p.latest["rating"], 3), p.ref or "~", p.subject.lower()))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def priority(self, row: int) -> Priority:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201 - Qt's signature
        if not index.isValid():
            return None
        priority = self._rows[index.row()]
        latest = priority.latest
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return f"{RAG_SYMBOLS.get(latest['rating'], '○')} {latest['rating'] or 'Not rated'}"
            if column == 1:
                return priority.ref or "–"
            if column == 2:
                return priority.subject
            if column == 3:
                return " → ".join(f"{h['rating']} ({meeting_when_short(h['date'], h['year'])})"
                                  for h in priority.history)
            return meeting_when_short(latest["date"], latest["year"])
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(RAG_COLOURS.get(latest["rating"], RAG_COLOURS[None]))
        if role == RECORD_ROLE:
            return latest["id"]
        if role == MEETING_ROLE:
            return latest["meeting_id"]
        return None
