"""The Meetings tab's tree: committees, and under each its meetings, newest first.

A county's three thousand meetings come from one query into plain tuples; a row's words are made
only when the view asks for them (the view asks only for the rows on screen), and a meeting's note
badge and item count are looked up when shown, so opening the window costs one query, not three
thousand items.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from scrutinydesk.core.dates import meeting_when
from scrutinydesk.core.store import MeetingRow

ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class MeetingTree(QAbstractItemModel):
    """Two levels: committee rows (internal id 0) and meeting rows (internal id: committee row + 1)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._committees: list[str] = []
        self._meetings: list[list[MeetingRow]] = []
        self._where: dict[str, tuple[int, int]] = {}  # meeting id -> (committee row, meeting row)
        self._labels: dict[str, str] = {}
        self._notes: dict[str, int] = {}
        self._item_count: Callable[[str], int] | None = None
        self._tooltips: dict[str, str] = {}

    # -- filling ----------------------------------------------------------------------------------
    def set_meetings(self, rows: list[MeetingRow], item_count: Callable[[str], int]) -> None:
        """Every meeting, ordered by committee name and newest first, as ``Store.meeting_rows`` gives them."""
        self.beginResetModel()
        self._committees, self._meetings, self._where = [], [], {}
        self._labels, self._tooltips, self._notes = {}, {}, {}
        self._item_count = item_count
        committee_rows: dict[str, int] = {}
        for row in rows:
            number = committee_rows.get(row.committee_id)
            if number is None:
                number = committee_rows[row.committee_id] = len(self._committees)
                self._committees.append(row.committee)
                self._meetings.append([])
            self._where[row.id] = (number, len(self._meetings[number]))
            self._meetings[number].append(row)
        self.endResetModel()

    def set_note_counts(self, counts: dict[str, int]) -> None:
        """Notes per meeting id (its own and its records'); the badges change without a reset."""
        counts = {m: n for m, n in counts.items() if n and m in self._where}
        changed = [m for m in counts.keys() | self._notes.keys() if counts.get(m) != self._notes.get(m)]
        self._notes = counts
        for meeting_id in changed:
            index = self.meeting_index(meeting_id)
            if index is not None:
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def meeting_ids(self) -> list[str]:
        return list(self._where)

    def meeting_index(self, meeting_id: str) -> QModelIndex | None:
        place = self._where.get(meeting_id)
        return None if place is None else self.createIndex(place[1], 0, place[0] + 1)

    # -- what the view asks -------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt's signature
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._committees) else QModelIndex()
        if parent.internalId() == 0 and row < len(self._meetings[parent.row()]):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt's overloads
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._committees)
        return len(self._meetings[parent.row()]) if parent.internalId() == 0 else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self._committees)
        return parent.internalId() == 0  # a committee has meetings; a meeting has nothing under it

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section == 0:
            return "Committees and meetings"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._committees[index.row()]
            return None
        meeting = self._meetings[index.internalId() - 1][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            label, count = self._label(meeting), self._notes.get(meeting.id, 0)
            return f"{label}   ✎ {count} note{'s' if count != 1 else ''}" if count else label
        if role == ID_ROLE:
            return meeting.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(meeting.id)
        return None

    def _label(self, meeting: MeetingRow) -> str:
        label = self._labels.get(meeting.id)
        if label is None:
            label = self._labels[meeting.id] = meeting_when(meeting.date, meeting.year)
        return label

    def _tooltip(self, meeting_id: str) -> str:
        tip = self._tooltips.get(meeting_id)
        if tip is None and self._item_count is not None:
            items = self._item_count(meeting_id)
            tip = self._tooltips[meeting_id] = f"{items} item{'s' if items != 1 else ''}"
        return tip or ""
