"""Read queries the window needs beyond the registers: meetings, items, highlights, search, counts."""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from scrutinydesk.core.table_queries import fts_expression

# Kinds of record highlighted in minutes text, with the words the legend uses.
HIGHLIGHT_KINDS = {"resolutions": "Decision", "actions": "Action", "figures": "Figure", "rag_ratings": "RAG rating"}


@dataclass(frozen=True)
class Meeting:
    id: str
    committee_id: str
    committee: str
    date: str | None
    year: int | None
    title: str | None
    items: int


class MeetingRow(NamedTuple):
    """A meeting as the Meetings tab's tree lists it (no item count: that is asked for when shown)."""

    committee_id: str
    committee: str
    id: str
    date: str | None
    year: int | None


@dataclass(frozen=True)
class Item:
    id: str
    meeting_id: str
    number: str | None
    title: str | None
    report_ref: str | None
    text: str
    text_start: int


@dataclass(frozen=True)
class Highlight:
    """A record's place in an item's text, as offsets into that item's text."""

    table: str
    record_id: str
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class SearchHit:
    table: str
    record_id: str
    meeting_id: str
    item_id: str | None
    title: str
    snippet: str


@dataclass(frozen=True)
class Source:
    path: str | None
    source_url: str | None
    certainty: str | None


class Store:
    """Queries over one open published database (see ``core.database.open_readonly``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def meta(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self.conn.execute("SELECT key, value FROM meta")}

    def committees(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in self.conn.execute("SELECT id, name FROM committees ORDER BY name")]

    def meeting_rows(self) -> list[MeetingRow]:
        """Every meeting, by committee name and newest first within each committee."""
        rows = self.conn.execute(
            "SELECT m.committee_id, c.name, m.id, m.date, m.year "
            "FROM meetings m JOIN committees c ON c.id = m.committee_id "
            "ORDER BY c.name, coalesce(m.date, m.year) DESC"
        )
        return [MeetingRow._make(row) for row in rows]

    def item_count(self, meeting_id: str) -> int:
        return self.conn.execute("SELECT count(*) FROM items WHERE meeting_id = ?", (meeting_id,)).fetchone()[0]

    def latest_meeting_id(self) -> str | None:
        """The most recent meeting with a known date (else a known year), the natural place to start."""
        row = self.conn.execute(
            "SELECT id FROM meetings ORDER BY date IS NULL, date DESC, year DESC LIMIT 1"
        ).fetchone()
        return row[0] if row else None

    def meeting(self, meeting_id: str) -> Meeting | None:
        row = self.conn.execute(
            "SELECT m.id, m.committee_id, c.name, m.date, m.year, m.title, "
            "(SELECT count(*) FROM items i WHERE i.meeting_id = m.id) "
            "FROM meetings m JOIN committees c ON c.id = m.committee_id WHERE m.id = ?", (meeting_id,)
        ).fetchone()
        return Meeting(*row) if row else None

    def sources(self, meeting_id: str) -> list[Source]:
        rows = self.conn.execute(
            "SELECT path, source_url, certainty FROM documents WHERE meeting_id = ? ORDER BY path", (meeting_id,)
        )
        return [Source(*row) for row in rows]

    def items(self, meeting_id: str) -> list[Item]:
        rows = self.conn.execute(
            "SELECT id, meeting_id, number, title, report_ref, text, text_start FROM items "
            "WHERE meeting_id = ? ORDER BY position", (meeting_id,)
        )
        return [Item(*row) for row in rows]

    def highlights(self, item: Item) -> list[Highlight]:
        """Every extracted record of an item that has a place in its text, in text order."""
        out: list[Highlight] = []
        labels = {
            "resolutions": "text", "actions": "coalesce(owner || ': ', '') || text",
            "figures": "coalesce(quote, value)", "rag_ratings": "coalesce(rating || ': ', '') || coalesce(subject, '')",
        }
        for table, label in labels.items():
            rows = self.conn.execute(
                f"SELECT id, span_start, span_end, {label} FROM {table} "
                "WHERE item_id = ? AND span_start IS NOT NULL AND span_end > span_start", (item.id,)
            )
            for record_id, start, end, text in rows:
                start, end = start - item.text_start, end - item.text_start
                if 0 <= start < end <= len(item.text):
                    out.append(Highlight(table, record_id, start, end, str(text)))
        return sorted(out, key=lambda h: (h.start, h.end))

    def locate(self, record_id: str) -> tuple[str, str | None] | None:
        """The meeting and item of any record id (meeting, item or record)."""
        for table in ("resolutions", "actions", "figures", "rag_ratings"):
            row = self.conn.execute(f"SELECT meeting_id, item_id FROM {table} WHERE id = ?", (record_id,)).fetchone()
            if row:
                return row[0], row[1]
        row = self.conn.execute("SELECT meeting_id, id FROM items WHERE id = ?", (record_id,)).fetchone()
        if row:
            return row[0], row[1]
        row = self.conn.execute("SELECT id FROM meetings WHERE id = ?", (record_id,)).fetchone()
        return (row[0], None) if row else None

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over items, resolutions and actions, best matches first.

        The matches are ranked first (bm25 alone); only the rows kept are then read, and their
        snippets cut here, because FTS5's ``snippet()`` on every match of a common word costs more
        than the whole rest of the search.
        """
        expression = fts_expression(text)
        if not expression:
            return []
        ranked_sql = (
            "SELECT 'items', rowid, bm25(items_fts) FROM items_fts WHERE items_fts MATCH :q "
            "UNION ALL SELECT 'resolutions', rowid, bm25(resolutions_fts) FROM resolutions_fts "
            "WHERE resolutions_fts MATCH :q "
            "UNION ALL SELECT 'actions', rowid, bm25(actions_fts) FROM actions_fts WHERE actions_fts MATCH :q "
            "ORDER BY 3 LIMIT :limit"
        )
        try:
            ranked = self.conn.execute(ranked_sql, {"q": expression, "limit": limit}).fetchall()
        except sqlite3.OperationalError:
            return []
        rows: dict[tuple[str, int], tuple] = {}
        for table, select in _SEARCH_ROWS.items():
            rowids = [rowid for kind, rowid, _rank in ranked if kind == table]
            if rowids:
                marks = ",".join("?" * len(rowids))
                for row in self.conn.execute(f"{select} WHERE rowid IN ({marks})", rowids):
                    rows[(table, row[0])] = tuple(row[1:])
        words = re.findall(r"\w+", text.lower())
        return [SearchHit(kind, *rows[(kind, rowid)][:4], _snippet(rows[(kind, rowid)][4] or "", words))
                for kind, rowid, _rank in ranked if (kind, rowid) in rows]

    def action_counts(self, today: str | None = None) -> tuple[int, int]:
        """(open, overdue) actions."""
        today = today or date.today().isoformat()
        row = self.conn.execute(
            "SELECT sum(status != 'completed'), sum(status != 'completed' AND due IS NOT NULL AND due < ?) "
            "FROM actions", (today,)
        ).fetchone()
        return int(row[0] or 0), int(row[1] or 0)

    def record_summary(self, table: str, record_id: str) -> str:
        """The text a note attached to a record should quote."""
        column = {"resolutions": "text", "actions": "text", "figures": "quote", "rag_ratings": "subject",
                  "items": "title", "meetings": "id"}[table]
        row = self.conn.execute(f"SELECT {column} FROM {table} WHERE id = ?", (record_id,)).fetchone()
        return str(row[0]) if row and row[0] is not None else ""


# What a search hit shows, by table: rowid, id, meeting, item, title, and the text its snippet is cut from.
_SEARCH_ROWS = {
    "items": "SELECT rowid, id, meeting_id, id, coalesce(title, 'Minutes item'), text FROM items",
    "resolutions": "SELECT rowid, id, meeting_id, item_id, 'Decision', text FROM resolutions",
    "actions": "SELECT rowid, id, meeting_id, item_id, 'Action for ' || coalesce(owner, 'someone'), text FROM actions",
}
_TOKEN = re.compile(r"\w+")


def _snippet(text: str, words: list[str], size: int = 12) -> str:
    """About ``size`` words of ``text`` where the searched words are thickest, each match in [brackets].

    Words match by their start (the last one typed may be unfinished; the index stems the rest), as
    FTS5's ``snippet()`` would mark them, with "…" where the text goes on.
    """
    stems = tuple(w if len(w) <= 4 else w[:max(4, len(w) - 3)] for w in words)
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return ""
    hits = [token.group().lower().startswith(stems) for token in tokens]
    before = [0]  # matches before each token
    for hit in hits:
        before.append(before[-1] + hit)
    count = len(tokens)
    start = max(range(max(1, count - size + 1)), key=lambda i: (before[min(count, i + size)] - before[i], -i))
    chosen = tokens[start:start + size]
    out, last = [], chosen[0].start()
    for token, hit in zip(chosen, hits[start:start + size], strict=True):
        out.append(text[last:token.start()])
        out.append(f"[{token.group()}]" if hit else token.group())
        last = token.end()
    return ("…" if start > 0 else "") + "".join(out) + ("…" if start + size < len(tokens) else "")


@dataclass(frozen=True)
class RecordContext:
    """Where a record was made: committee, meeting date, item title."""

    committee: str
    date: str | None
    year: int | None
    item_title: str | None
    item_number: str | None


def record_context(conn: sqlite3.Connection, table: str, record_id: str) -> RecordContext | None:
    row = conn.execute(
        f"SELECT c.name, m.date, m.year, i.title, i.number FROM {table} t "
        "JOIN meetings m ON m.id = t.meeting_id JOIN committees c ON c.id = m.committee_id "
        "LEFT JOIN items i ON i.id = t.item_id WHERE t.id = ?", (record_id,)
    ).fetchone()
    return RecordContext(*row) if row else None


def record_row(conn: sqlite3.Connection, table: str, record_id: str) -> dict | None:
    """One record as a dict of its columns."""
    cursor = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None

