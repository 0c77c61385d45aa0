"""What a note can be attached to, read from the published database the notebook ATTACHes as ``pub``.

A note keeps a copy of its target's label and text from the moment it was attached, so that when a
later release drops the record the note can still say what it was about (SYNC.md, fault 19).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from scrutinydesk.core.dates import meeting_when
from scrutinydesk.core.figure_text import format_value
from scrutinydesk.core.periods import period_label

INDICATOR_PREFIX = "indicator:"
QUOTE_LIMIT = 600

# Tables of the published database whose ``id`` a note may point at, with the kind it gets.
RECORD_TABLES = {
    "meetings": "meeting",
    "items": "item",
    "resolutions": "resolution",
    "actions": "action",
    "figures": "figure",
    "rag_ratings": "rag",
}
KINDS = (*RECORD_TABLES.values(), "indicator")


@dataclass(frozen=True)
class Target:
    """A record a note is attached to, as the member saw it."""

    id: str
    kind: str
    label: str
    quote: str
    meeting_id: str | None
    item_id: str | None = None


@dataclass(frozen=True)
class MeetingInfo:
    """A meeting from the published database, or one the member planned in the notebook."""

    id: str
    committee_id: str
    committee: str
    date: str | None
    year: int | None
    title: str
    planned: bool

    @property
    def when(self) -> str:
        return meeting_when(self.date, self.year)

    @property
    def sort_key(self) -> str:
        return self.date or (str(self.year) if self.year else "")


def clip_quote(text: str | None, limit: int = QUOTE_LIMIT) -> str:
    """Words from the minutes on one line, without a leading list bullet, cut at a word near ``limit``."""
    text = " ".join((text or "").split()).lstrip("-–•·* ")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _item_words(number: str | None, title: str | None) -> str:
    head = f"Item {number}" if number else "Item"
    return f"{head}: {title}" if title else head


def target_exists_sql(alias: str = "notes") -> str:
    """An SQL condition, true when ``{alias}.target_id`` names a record of the attached release."""
    checks = [f"EXISTS (SELECT 1 FROM pub.{table} WHERE id = {alias}.target_id)" for table in RECORD_TABLES]
    checks.append(
        f"({alias}.target_id LIKE '{INDICATOR_PREFIX}%' AND EXISTS (SELECT 1 FROM pub.indicators "
        f"WHERE code = substr({alias}.target_id, {len(INDICATOR_PREFIX) + 1})))"
    )
    checks.append(f"EXISTS (SELECT 1 FROM main.planned_meetings WHERE id = {alias}.target_id)")
    return "(" + " OR ".join(checks) + ")"


def resolve_target(conn: sqlite3.Connection, target_id: str, published: bool) -> Target | None:
    """The record ``target_id`` names, with its label and text, or None when there is none."""
    if not published:
        meeting = meeting_info(conn, target_id, published=False)
        return _meeting_target(meeting) if meeting else None
    if target_id.startswith(INDICATOR_PREFIX):
        row = conn.execute(
            "SELECT code, name, definition FROM pub.indicators WHERE code = ?",
            (target_id[len(INDICATOR_PREFIX):],),
        ).fetchone()
        if not row:
            return None
        return Target(target_id, "indicator", f"Indicator: {row[1] or row[0]}", clip_quote(row[2]), None)
    meeting = meeting_info(conn, target_id, published=True)
    if meeting:
        return _meeting_target(meeting)
    row = conn.execute(
        "SELECT i.id, i.meeting_id, i.number, i.title, i.text FROM pub.items i WHERE i.id = ?", (target_id,)
    ).fetchone()
    if row:
        return Target(row[0], "item", _item_words(row[2], row[3]), clip_quote(row[4], 300), row[1], row[0])
    for resolver in (_resolution, _action, _figure, _rag):
        target = resolver(conn, target_id)
        if target:
            return target
    return None


def _meeting_target(meeting: MeetingInfo) -> Target:
    label = f"{meeting.committee}, {meeting.when}"
    return Target(meeting.id, "meeting", label, meeting.title, meeting.id)


def _item_context(conn: sqlite3.Connection, item_id: str) -> str:
    row = conn.execute("SELECT number, title FROM pub.items WHERE id = ?", (item_id,)).fetchone()
    return _item_words(row[0], row[1]) if row else "an item"


def _resolution(conn: sqlite3.Connection, target_id: str) -> Target | None:
    row = conn.execute(
        "SELECT id, item_id, meeting_id, text FROM pub.resolutions WHERE id = ?", (target_id,)
    ).fetchone()
    if not row:
        return None
    label = f"Resolution under {_item_context(conn, row[1])}"
    return Target(row[0], "resolution", label, clip_quote(row[3]), row[2], row[1])


def _action(conn: sqlite3.Connection, target_id: str) -> Target | None:
    row = conn.execute(
        "SELECT id, item_id, meeting_id, owner, text FROM pub.actions WHERE id = ?", (target_id,)
    ).fetchone()
    if not row:
        return None
    owner = f" for {row[3]}" if row[3] else ""
    label = f"Action{owner} ({_item_context(conn, row[1])})"
    return Target(row[0], "action", label, clip_quote(row[4]), row[2], row[1])


def _figure(conn: sqlite3.Connection, target_id: str) -> Target | None:
    row = conn.execute(
        "SELECT id, item_id, meeting_id, value, unit, area, period, quote FROM pub.figures WHERE id = ?",
        (target_id,),
    ).fetchone()
    if not row:
        return None
    details = ", ".join(part for part in (row[5], period_label(row[6] or "")) if part)
    label = f"Figure {format_value(row[3], row[4])}" + (f" ({details})" if details else "")
    return Target(row[0], "figure", label, clip_quote(row[7]), row[2], row[1])


def _rag(conn: sqlite3.Connection, target_id: str) -> Target | None:
    row = conn.execute(
        "SELECT id, item_id, meeting_id, ref, subject, rating FROM pub.rag_ratings WHERE id = ?", (target_id,)
    ).fetchone()
    if not row:
        return None
    ref = f" {row[3]}" if row[3] else ""
    label = f"RAG rating{ref}: {row[5] or 'not stated'}"
    return Target(row[0], "rag", label, clip_quote(row[4]), row[2], row[1])


def meeting_info(conn: sqlite3.Connection, meeting_id: str, published: bool) -> MeetingInfo | None:
    """A meeting of the release, else one the member planned in the notebook, else None."""
    if published:
        row = conn.execute(
            "SELECT m.id, m.committee_id, coalesce(c.name, m.committee_id), m.date, m.year, coalesce(m.title, '') "
            "FROM pub.meetings m LEFT JOIN pub.committees c ON c.id = m.committee_id WHERE m.id = ?",
            (meeting_id,),
        ).fetchone()
        if row:
            return MeetingInfo(*row, planned=False)
    row = conn.execute(
        "SELECT id, committee_id, date, title FROM main.planned_meetings WHERE id = ?", (meeting_id,)
    ).fetchone()
    if not row:
        return None
    return MeetingInfo(row[0], row[1], committee_name(conn, row[1], published), row[2], None, row[3], True)


def committee_name(conn: sqlite3.Connection, committee_id: str, published: bool) -> str:
    if published:
        row = conn.execute("SELECT name FROM pub.committees WHERE id = ?", (committee_id,)).fetchone()
        if row and row[0]:
            return row[0]
    return committee_id.replace("-", " ").capitalize()
