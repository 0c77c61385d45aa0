"""Read queries the window needs beyond the registers: meetings, items, highlights, search, counts."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

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

    def meetings(self) -> list[Meeting]:
        """Every meeting, newest first within each committee, with its item count."""
        rows = self.conn.execute(
            "SELECT m.id, m.committee_id, c.name, m.date, m.year, m.title, "
            "(SELECT count(*) FROM items i WHERE i.meeting_id = m.id) "
            "FROM meetings m JOIN committees c ON c.id = m.committee_id "
            "ORDER BY c.name, coalesce(m.date, m.year) DESC"
        )
        return [Meeting(*row) for row in rows]

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
        """Full-text search over items, resolutions and actions, best matches first."""
        expression = fts_expression(text)
        if not expression:
            return []
        sql = """
            SELECT * FROM (
              SELECT 'items' AS t, i.id, i.meeting_id, i.id AS item_id, coalesce(i.title, 'Minutes item') AS title,
                     snippet(items_fts, 1, '[', ']', '…', 12) AS snip, bm25(items_fts) AS rank
              FROM items_fts JOIN items i ON i.rowid = items_fts.rowid WHERE items_fts MATCH :q
              UNION ALL
              SELECT 'resolutions', r.id, r.meeting_id, r.item_id, 'Decision',
                     snippet(resolutions_fts, 0, '[', ']', '…', 12), bm25(resolutions_fts)
              FROM resolutions_fts JOIN resolutions r ON r.rowid = resolutions_fts.rowid
              WHERE resolutions_fts MATCH :q
              UNION ALL
              SELECT 'actions', a.id, a.meeting_id, a.item_id, 'Action for ' || coalesce(a.owner, 'someone'),
                     snippet(actions_fts, 0, '[', ']', '…', 12), bm25(actions_fts)
              FROM actions_fts JOIN actions a ON a.rowid = actions_fts.rowid WHERE actions_fts MATCH :q
            ) ORDER BY rank LIMIT :limit
        """
        try:
            rows = self.conn.execute(sql, {"q": expression, "limit": limit}).fetchall()
        except sqlite3.OperationalError:
            return []
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]

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


def action_history(conn: sqlite3.Connection, action_id: str) -> list[dict]:
    cursor = conn.execute(
        "SELECT at, who, field, old_value, new_value, note, outcome FROM action_history "
        "WHERE action_id = ? ORDER BY at, id", (action_id,)
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
