"""What changed between the release a member had and the one just pulled.

Shown after an update ("What's new") and in the officer's publish preview: new meetings, new and
newly closed actions, new figures, resolutions added to or reworded in meetings already known.
Both files are opened read-only; nothing here writes.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from scrutinydesk.core.database import open_readonly
from scrutinydesk.core.dates import long_date
from scrutinydesk.core.errors import UserFacingError

CLOSED_STATUSES = ("completed", "closed", "done")
LISTED = 200  # rows listed per kind; the counts are always complete


@dataclass(frozen=True)
class Change:
    """One changed record: its stable id, its meeting (and that meeting's date, when known), and a
    line of text a member recognises."""

    id: str
    meeting_id: str
    text: str
    meeting_date: str | None = None


@dataclass(frozen=True)
class Kind:
    """The changes of one kind: ``count`` of them, the first ``LISTED`` in ``items``."""

    count: int = 0
    items: tuple[Change, ...] = ()


@dataclass(frozen=True)
class WhatsNew:
    new_meetings: Kind = field(default_factory=Kind)
    new_actions: Kind = field(default_factory=Kind)
    closed_actions: Kind = field(default_factory=Kind)
    new_figures: Kind = field(default_factory=Kind)
    changed_resolutions: Kind = field(default_factory=Kind)

    def is_empty(self) -> bool:
        return not any(kind.count for kind in self._kinds().values())

    def summary(self) -> str:
        """One line, e.g. "2 new meetings, 5 new actions, 1 action closed"."""
        parts = [f"{kind.count} {label}" for label, kind in self._kinds().items() if kind.count]
        return ", ".join(parts) if parts else "no changes to meetings, actions, figures or resolutions"

    def _kinds(self) -> dict[str, Kind]:
        return {
            "new meetings" if self.new_meetings.count != 1 else "new meeting": self.new_meetings,
            "new actions" if self.new_actions.count != 1 else "new action": self.new_actions,
            "actions closed" if self.closed_actions.count != 1 else "action closed": self.closed_actions,
            "new figures" if self.new_figures.count != 1 else "new figure": self.new_figures,
            "resolutions added or changed" if self.changed_resolutions.count != 1
            else "resolution added or changed": self.changed_resolutions,
        }


_CLOSED = ", ".join(f"'{status}'" for status in CLOSED_STATUSES)

# Each query selects (id, meeting id, meeting date, text); the meeting's date says which one it was.
_DATE = "(SELECT date FROM main.meetings WHERE id = {0}.meeting_id)"
_QUERIES = {
    "new_meetings": (
        "SELECT m.id, m.id, m.date, coalesce(m.title, '') FROM main.meetings m "
        "WHERE m.id NOT IN (SELECT id FROM old.meetings) ORDER BY m.date, m.id"
    ),
    "new_actions": (
        f"SELECT a.id, a.meeting_id, {_DATE.format('a')}, a.text FROM main.actions a "
        "WHERE a.id NOT IN (SELECT id FROM old.actions) ORDER BY a.meeting_id, a.id"
    ),
    "closed_actions": (
        f"SELECT a.id, a.meeting_id, {_DATE.format('a')}, a.text FROM main.actions a JOIN old.actions o ON o.id = a.id "
        f"WHERE lower(a.status) IN ({_CLOSED}) AND lower(coalesce(o.status, '')) NOT IN ({_CLOSED}) "
        "ORDER BY a.meeting_id, a.id"
    ),
    "new_figures": (
        f"SELECT f.id, f.meeting_id, {_DATE.format('f')}, coalesce(f.quote, f.indicator_code, '') FROM main.figures f "
        "WHERE f.id NOT IN (SELECT id FROM old.figures) ORDER BY f.meeting_id, f.id"
    ),
    "changed_resolutions": (
        f"SELECT r.id, r.meeting_id, {_DATE.format('r')}, r.text FROM main.resolutions r "
        "LEFT JOIN old.resolutions o ON o.id = r.id "
        "WHERE r.meeting_id IN (SELECT id FROM old.meetings) "
        "AND (o.id IS NULL OR o.text IS NOT r.text OR o.parts IS NOT r.parts) ORDER BY r.meeting_id, r.id"
    ),
}


def compare_releases(old: Path | None, new: Path) -> WhatsNew:
    """What ``new`` adds to ``old``; empty when there is no old release to compare with (first run)."""
    if old is None or not old.is_file() or old.resolve() == new.resolve():
        return WhatsNew()
    conn = open_readonly(new)
    try:
        conn.execute("ATTACH DATABASE ? AS old", (f"{old.resolve().as_uri()}?mode=ro",))
        return WhatsNew(**{name: _kind(conn, sql) for name, sql in _QUERIES.items()})
    except sqlite3.Error:
        raise UserFacingError(f"The previous release {old} could not be compared with the new one.") from None
    finally:
        conn.close()


def _kind(conn: sqlite3.Connection, sql: str) -> Kind:
    count = conn.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    rows = conn.execute(f"{sql} LIMIT {LISTED}").fetchall()
    return Kind(count, tuple(_change(*row) for row in rows))


def _change(record_id: str, meeting_id: str | None, meeting_date: str | None, text: str | None) -> Change:
    text = text or ""
    if record_id == meeting_id and meeting_date:  # a meeting: when it met, then its title
        text = f"{long_date(meeting_date)} · {text}" if text else long_date(meeting_date)
    return Change(str(record_id), str(meeting_id or ""), text, meeting_date or None)
