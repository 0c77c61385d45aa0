"""The Meetings tab: committees and their meetings, each item's minutes with extracted records highlighted."""
from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core.dates import meeting_when
from scrutinydesk.core.store import HIGHLIGHT_KINDS, Item, Store
from scrutinydesk.ui.meeting_tree import ID_ROLE, MeetingTree

TREE_CHARACTERS = 26  # the meetings list's width after a text size change: "Tuesday 15 November 2022"

# Okabe–Ito tints, with a distinct underline per kind so the kind never rests on colour alone.
HIGHLIGHT_STYLE = {
    "resolutions": ("#cfe6f7", QTextCharFormat.UnderlineStyle.SingleUnderline),
    "actions": ("#fbe0b8", QTextCharFormat.UnderlineStyle.DashUnderline),
    "figures": ("#cdeee0", QTextCharFormat.UnderlineStyle.DotLine),
    "rag_ratings": ("#f3d6e7", QTextCharFormat.UnderlineStyle.WaveUnderline),
}


def _legend_html() -> str:
    swatches = [
        f"<span style='background:{HIGHLIGHT_STYLE[t][0]}; color:#000'>&nbsp;{word.replace(' ', '&nbsp;')}&nbsp;</span>"
        for t, word in HIGHLIGHT_KINDS.items()
    ]
    return "Highlighted in the minutes: " + " &nbsp; ".join(swatches)


def item_heading(item: Item) -> str:
    number = f"Item {item.number}" if item.number else "Item"
    title = item.title or "Minutes"
    ref = f" ({item.report_ref})" if item.report_ref else ""
    return f"{number} · {title}{ref}"


class MeetingsTab(QWidget):
    """Browse meetings by committee; read an item's minutes with its decisions, actions and figures marked."""

    record_selected = Signal(str)

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.tree_model = MeetingTree(self)
        self.tree = QTreeView()
        self.tree.setUniformRowHeights(True)  # one line each: the view need not measure 3,000 rows
        self.tree.setModel(self.tree_model)
        self.tree.setAccessibleName("Committees and their meetings")
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.selectionModel().currentChanged.connect(self._on_meeting)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setAccessibleName("Selected meeting")
        self.items_model = QStandardItemModel(self)
        self.items_view = QListView()
        self.items_view.setModel(self.items_model)
        self.items_view.setAccessibleName("Items of the meeting")
        self.items_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items_view.selectionModel().currentChanged.connect(self._on_item)
        self.legend = QLabel(_legend_html())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Minutes text of the item")
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(lambda url: self._select_record(url.toString().removeprefix("record:")))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header)
        items_and_text = QSplitter(Qt.Orientation.Vertical)
        items_and_text.addWidget(self.items_view)
        text_box = QWidget()
        text_layout = QVBoxLayout(text_box)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(self.legend)
        text_layout.addWidget(self.text)
        items_and_text.addWidget(text_box)
        items_and_text.setSizes([70, 600])
        right_layout.addWidget(items_and_text)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setSizes([300, 800])
        self.splitter.setStretchFactor(1, 1)  # a wider window widens the minutes, not the list
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._items: list[Item] = []
        self.reload(store)

    # -- filling --------------------------------------------------------------------------------
    def reload(self, store: Store) -> None:
        """Refill from a (possibly new) database, keeping the selected meeting and item if they still exist."""
        keep_meeting, keep_item = self.current_meeting_id(), self.current_item_id()
        self.store = store
        self.tree_model.set_meetings(store.meeting_rows(), lambda meeting_id: self.store.item_count(meeting_id))
        self.refresh_notes()
        self.tree.expandAll()
        if keep_meeting and self.show_meeting(keep_meeting, keep_item):
            return
        latest = store.latest_meeting_id()
        if latest:
            self.show_meeting(latest)
        else:
            self.header.setText("<i>No meetings in this database yet. The scrutiny officer adds them with "
                                "Officer → Import minutes…; members receive them in the next release.</i>")

    def set_note_counts(self, lookup: Callable[[list[str]], dict[str, int]]) -> None:
        """Where to ask how many notes each meeting holds (its own and its records'), for the badge."""
        self._note_counts = lookup
        self.refresh_notes()

    def refresh_notes(self) -> None:
        """Show "✎ 2 notes" beside meetings that carry the member's notes."""
        lookup = getattr(self, "_note_counts", None)
        ids = self.tree_model.meeting_ids()
        self.tree_model.set_note_counts(lookup(ids) if lookup and ids else {})

    def _meeting_index(self, meeting_id: str) -> QModelIndex | None:
        return self.tree_model.meeting_index(meeting_id)

    # -- navigation ---------------------------------------------------------------------------
    def current_meeting_id(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def current_item_id(self) -> str | None:
        index = self.items_view.currentIndex()
        return self._items[index.row()].id if index.isValid() and index.row() < len(self._items) else None

    def show_meeting(self, meeting_id: str, item_id: str | None = None) -> bool:
        index = self._meeting_index(meeting_id)
        if index is None:
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        if item_id:
            for row, item in enumerate(self._items):
                if item.id == item_id:
                    self.items_view.setCurrentIndex(self.items_model.index(row, 0))
        return True

    def show_record(self, record_id: str) -> bool:
        """Open the meeting and item a record belongs to, and select the record's words in the text."""
        place = self.store.locate(record_id)
        if place is None or not self.show_meeting(*place):
            return False
        self._select_record(record_id)
        return True

    def _on_meeting(self, current: QModelIndex, _previous: QModelIndex) -> None:
        meeting_id = current.data(ID_ROLE) if current.isValid() else None
        self.items_model.removeRows(0, self.items_model.rowCount())
        self._items = []
        meeting = self.store.meeting(meeting_id) if meeting_id else None
        if meeting is None:
            self.header.setText("<i>Choose a meeting on the left to read its minutes.</i>")
            self.text.clear()
            return
        sources = self.store.sources(meeting.id)
        certainty = "; ".join(s.certainty for s in sources if s.certainty)
        urls = [s.source_url for s in sources if s.source_url and s.source_url.startswith("http")]
        link = f" · <a href='{html.escape(urls[0])}'>source</a>" if urls else ""
        self.header.setText(
            f"<h2 style='margin:0'>{html.escape(meeting.committee)}</h2>"
            f"<b>{html.escape(meeting_when(meeting.date, meeting.year))}</b>{link}"
            + (f"<br><span style='color:palette(mid)'>{html.escape(certainty)}</span>" if certainty else "")
        )
        self.header.setOpenExternalLinks(True)
        self._items = self.store.items(meeting.id)
        for item in self._items:
            row = QStandardItem(item_heading(item))
            row.setData(item.id, ID_ROLE)
            self.items_model.appendRow(row)
        self.items_view.setCurrentIndex(self.items_model.index(0, 0))
        self._fit_items_list()
        self.record_selected.emit(meeting.id)

    def _fit_items_list(self) -> None:
        """Give the items list room for its rows (up to five, then it scrolls); the minutes get the rest.

        Recomputed per meeting, so it also follows the text size."""
        rows = min(max(self.items_model.rowCount(), 1), 5)
        height = rows * (self.items_view.sizeHintForRow(0) or self.fontMetrics().height() + 4) + 6
        self.items_view.setMaximumHeight(height)

    def changeEvent(self, event: QEvent) -> None:
        """Larger text: the meetings list keeps room for its dates and the items list for its rows; a new
        theme: the header's link and grey take the new palette's colours."""
        if event.type() == QEvent.Type.FontChange and hasattr(self, "splitter"):
            tree = self.fontMetrics().averageCharWidth() * TREE_CHARACTERS
            self.splitter.setSizes([tree, max(sum(self.splitter.sizes()) - tree, tree)])
            self._fit_items_list()
        elif event.type() == QEvent.Type.PaletteChange and hasattr(self, "header"):
            text = self.header.text()
            self.header.clear()  # the same text again would be ignored
            self.header.setText(text)
        super().changeEvent(event)

    def _on_item(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or current.row() >= len(self._items):
            self.text.clear()
            return
        item = self._items[current.row()]
        self.text.setPlainText(item.text)
        cursor = QTextCursor(self.text.document())
        for highlight in self.store.highlights(item):
            colour, underline = HIGHLIGHT_STYLE[highlight.table]
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(colour))
            fmt.setForeground(QColor("#000000"))
            fmt.setUnderlineStyle(underline)
            fmt.setAnchor(True)
            fmt.setAnchorHref(f"record:{highlight.record_id}")
            fmt.setToolTip(f"{HIGHLIGHT_KINDS[highlight.table]}: {highlight.label[:200]}")
            cursor.setPosition(highlight.start)
            cursor.setPosition(highlight.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self.record_selected.emit(item.id)

    def _select_record(self, record_id: str) -> None:
        item = next((i for i in self._items if i.id == self.current_item_id()), None)
        if item is None:
            return
        for highlight in self.store.highlights(item):
            if highlight.record_id == record_id:
                cursor = QTextCursor(self.text.document())
                cursor.setPosition(highlight.start)
                cursor.setPosition(highlight.end, QTextCursor.MoveMode.KeepAnchor)
                self.text.setTextCursor(cursor)
                self.text.ensureCursorVisible()
                break
        self.record_selected.emit(record_id)
