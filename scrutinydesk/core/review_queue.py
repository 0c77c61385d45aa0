"""What the last import added, queued for the officer's review: doubtful records first, each with its source.

The extractor marks a record it is unsure of with a reason (``doubt``); this module adds the doubts
any reader of minutes would raise (no owner, no indicator, no period, no place in the text), so the
officer's attention goes first where the extraction is weakest. The queue and the imports it came
from are officer-only tables in the master; publishing leaves them out.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from scrutinydesk.core.corrections import NOUN
from scrutinydesk.core.dates import meeting_when_short

RECORD_TABLES = ("resolutions", "actions", "figures", "rag_ratings")
DECIDED = ("accepted", "edited", "deleted", "merged", "split", "added")

_DDL = (
    """CREATE TABLE IF NOT EXISTS imports (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, files TEXT NOT NULL, summary TEXT)""",
    """CREATE TABLE IF NOT EXISTS review_queue (
        import_id INTEGER NOT NULL, record_id TEXT NOT NULL, table_name TEXT NOT NULL, position INTEGER NOT NULL,
        doubt TEXT, state TEXT NOT NULL DEFAULT 'pending', decided_at TEXT, decided_by TEXT,
        PRIMARY KEY (import_id, record_id))""",
)


@dataclass(frozen=True)
class QueueEntry:
    """A record an import added, with the extractor's doubt about it (``None`` when it was sure)."""

    table: str
    record_id: str
    doubt: str | None = None


@dataclass(frozen=True)
class ImportInfo:
    id: int
    at: str
    who: str
    files: list[str]
    summary: dict


@dataclass(frozen=True)
class ReviewEntry:
    """One line of the review queue as it stands now."""

    import_id: int
    record_id: str
    table: str
    doubt: str | None
    state: str
    exists: bool
    summary: str
    meeting: str = ""  # "15 Nov 2022", as the queue's column shows it

    @property
    def noun(self) -> str:
        return NOUN.get(self.table, "record")

    @property
    def pending(self) -> bool:
        return self.state == "pending"


@dataclass(frozen=True)
class RecordSource:
    """A record's item text, with where the record and its neighbours sit in it (offsets into ``text``)."""

    document_id: str
    item_id: str
    heading: str
    text: str
    offset: int  # where ``text`` starts in the document's text
    span: tuple[int, int] | None
    others: list[tuple[str, str, int, int]]  # (table, record id, start, end)


def ensure_tables(conn: sqlite3.Connection) -> None:
    for statement in _DDL:
        conn.execute(statement)


def _has_queue(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review_queue'").fetchone() is not None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- doubts -------------------------------------------------------------------------------------
def derived_doubts(table: str, row: dict) -> list[str]:
    """What a careful reader would question about a record, whatever the extractor said."""
    doubts = []
    if row.get("span_start") is None:
        doubts.append("place in the minutes not found")
    if table == "actions" and not row.get("owner"):
        doubts.append("owner not found")
    if table == "figures":
        if not row.get("indicator_code"):
            doubts.append("indicator unmatched")
        if not row.get("period"):
            doubts.append("period not known")
        if row.get("value") is None:
            doubts.append("no value")
    if table == "rag_ratings" and not row.get("subject"):
        doubts.append("what was rated not found")
    return doubts


def combined_doubt(extractor_doubt: str | None, table: str, row: dict) -> str | None:
    """The extractor's reasons first, then the derived ones not already said, as one phrase (``None``: no doubt)."""
    reasons = [r.strip() for r in (extractor_doubt or "").split(";") if r.strip()]
    reasons += [d for d in derived_doubts(table, row) if d not in reasons]
    return "; ".join(reasons) or None


# -- imports and the queue -------------------------------------------------------------------------
def start_import(conn: sqlite3.Connection, who: str, files: list[str]) -> int:
    ensure_tables(conn)
    cursor = conn.execute("INSERT INTO imports (at, who, files) VALUES (?, ?, ?)", (_now(), who, json.dumps(files)))
    return int(cursor.lastrowid)


def finish_import(conn: sqlite3.Connection, import_id: int, summary: dict) -> None:
    conn.execute("UPDATE imports SET summary = ? WHERE id = ?", (json.dumps(summary), import_id))


def queue_records(conn: sqlite3.Connection, import_id: int, entries: list[QueueEntry]) -> None:
    """Queue an import's records: doubtful ones first, otherwise in the order given (minutes order)."""
    ensure_tables(conn)
    ordered = [e for e in entries if e.doubt] + [e for e in entries if not e.doubt]
    start = conn.execute("SELECT coalesce(max(position), 0) FROM review_queue WHERE import_id = ?", (import_id,)).fetchone()[0]
    conn.executemany(
        "INSERT OR REPLACE INTO review_queue (import_id, record_id, table_name, position, doubt) VALUES (?, ?, ?, ?, ?)",
        [(import_id, e.record_id, e.table, start + n, e.doubt) for n, e in enumerate(ordered, start=1)],
    )


def last_import(conn: sqlite3.Connection) -> ImportInfo | None:
    if not _has_queue(conn):
        return None
    row = conn.execute("SELECT id, at, who, files, summary FROM imports ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    return ImportInfo(row[0], row[1], row[2], json.loads(row[3]), json.loads(row[4] or "{}"))


def entries(conn: sqlite3.Connection, import_id: int | None = None) -> list[ReviewEntry]:
    """The queue of one import (default: the last), in review order, with each record as it is now."""
    if not _has_queue(conn):
        return []
    if import_id is None:
        info = last_import(conn)
        if info is None:
            return []
        import_id = info.id
    rows = conn.execute(
        "SELECT record_id, table_name, doubt, state FROM review_queue WHERE import_id = ? ORDER BY position",
        (import_id,),
    ).fetchall()
    meetings = {m[0]: meeting_when_short(m[1], m[2]) for m in conn.execute("SELECT id, date, year FROM meetings")}
    out = []
    for record_id, table, doubt, state in rows:
        row = record_fields(conn, table, record_id)
        out.append(ReviewEntry(import_id, record_id, table, doubt, state, row is not None,
                               summary(table, row) if row else "(no longer in the master)",
                               meetings.get(row["meeting_id"], "") if row else ""))
    return out


def decide(conn: sqlite3.Connection, import_id: int, record_id: str, state: str, who: str) -> None:
    """Record what the officer did with a queued record."""
    if state not in DECIDED and state != "pending":
        raise ValueError(state)
    conn.execute(
        "UPDATE review_queue SET state = ?, decided_at = ?, decided_by = ? WHERE import_id = ? AND record_id = ?",
        (state, _now() if state != "pending" else None, who if state != "pending" else None, import_id, record_id),
    )


def add_to_queue(conn: sqlite3.Connection, import_id: int, table: str, record_id: str, after: str | None,
                 state: str, who: str) -> None:
    """Put a record the officer made during review (added or split off) into the queue, after ``after``."""
    ensure_tables(conn)
    position = None
    if after:
        found = conn.execute("SELECT position FROM review_queue WHERE import_id = ? AND record_id = ?",
                             (import_id, after)).fetchone()
        position = found[0] if found else None
    if position is None:
        position = conn.execute("SELECT coalesce(max(position), 0) FROM review_queue WHERE import_id = ?",
                                (import_id,)).fetchone()[0]
    conn.execute("UPDATE review_queue SET position = position + 1 WHERE import_id = ? AND position > ?",
                 (import_id, position))
    conn.execute(
        "INSERT OR REPLACE INTO review_queue (import_id, record_id, table_name, position, doubt, state, decided_at, "
        "decided_by) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)",
        (import_id, record_id, table, position + 1, state, _now(), who),
    )


# -- records and their source ---------------------------------------------------------------------
def record_fields(conn: sqlite3.Connection, table: str, record_id: str) -> dict | None:
    if table not in RECORD_TABLES:
        raise ValueError(table)
    cursor = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return "no value" if value is None else f"{value:,}" if isinstance(value, int | float) else str(value)


def summary(table: str, row: dict) -> str:
    """A record in one line, as the queue lists it."""
    if table == "resolutions":
        return f"Resolved {row.get('text') or ''}".strip()
    if table == "actions":
        return f"{row.get('owner') or 'Owner not found'} to {row.get('text') or ''}"
    if table == "figures":
        unit = {"percent": "%", "per_10k": " per 10,000", "change_percent": "% change", "gbp": " £", "days": " days",
                "count": ""}.get(row.get("unit") or "", "")
        return (f"{_number(row.get('value'))}{unit} · {row.get('indicator_code') or 'no indicator'} · "
                f"{row.get('area') or 'area not stated'} · {row.get('period') or 'period not known'}")
    return f"{row.get('rating') or 'No rating'}: {row.get('subject') or ''}"


def record_source(conn: sqlite3.Connection, table: str, record_id: str) -> RecordSource | None:
    """The item text a record came from, with its place and its neighbours' places marked."""
    row = record_fields(conn, table, record_id)
    if row is None:
        return None
    item = conn.execute(
        "SELECT i.id, i.document_id, i.number, i.title, i.text_start, i.text, c.name, m.date, m.year "
        "FROM items i JOIN meetings m ON m.id = i.meeting_id JOIN committees c ON c.id = m.committee_id "
        "WHERE i.id = ?", (row["item_id"],),
    ).fetchone()
    if item is None:
        return None
    item_id, document_id, number, title, offset, text, committee, date, year = item
    offset = offset or 0
    span = _relative(row.get("span_start"), row.get("span_end"), offset, len(text or ""))
    others = []
    for other_table in RECORD_TABLES:
        for other_id, start, end in conn.execute(
            f"SELECT id, span_start, span_end FROM {other_table} WHERE item_id = ? AND span_start IS NOT NULL",
            (item_id,),
        ):
            place = _relative(start, end, offset, len(text or ""))
            if place and other_id != record_id:
                others.append((other_table, other_id, *place))
    heading = " · ".join(p for p in (committee, date or (str(year) if year else "date not known"),
                                     f"Item {number}" if number else None, title) if p)
    return RecordSource(document_id or "", item_id, heading, text or "", offset, span, sorted(others, key=lambda o: o[2]))


def _relative(start: int | None, end: int | None, offset: int, length: int) -> tuple[int, int] | None:
    if start is None or end is None:
        return None
    start, end = max(0, start - offset), min(length, end - offset)
    return (start, end) if start < end else None


def document_text(conn: sqlite3.Connection, document_id: str) -> str | None:
    row = conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
    return row[0] if row else None
