"""The notebook's own schema, versioned, with the migrations that bring an older notebook up to date.

A member's notebook outlives many app versions; each change to its tables is a new numbered
migration appended here, applied once inside a transaction and recorded in ``schema_version``.
"""
from __future__ import annotations

import sqlite3

from scrutinydesk.core.errors import UserFacingError

NOTEBOOK_APPLICATION_ID = 0x53434E42  # "SCNB"

# (version, SQL script). Never edit a released entry; append a new one.
MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE notes (
            uuid TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('note', 'question')),
            target_id TEXT NOT NULL,
            target_kind TEXT NOT NULL,
            target_label TEXT NOT NULL DEFAULT '',
            target_quote TEXT NOT NULL DEFAULT '',
            target_meeting_id TEXT,
            meeting_id TEXT,
            text TEXT NOT NULL DEFAULT '',
            status TEXT CHECK (status IS NULL OR status IN ('draft', 'ready', 'asked', 'answered')),
            answer TEXT NOT NULL DEFAULT '',
            answered_on TEXT,
            position INTEGER NOT NULL DEFAULT 0,
            carried_from TEXT,
            carry_dismissed INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE INDEX notes_target ON notes (target_id);
        CREATE INDEX notes_meeting ON notes (meeting_id, position);
        CREATE TABLE planned_meetings (
            id TEXT PRIMARY KEY,
            committee_id TEXT NOT NULL,
            date TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        """,
    ),
]

LATEST_VERSION = MIGRATIONS[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    """The version recorded in the notebook; 0 for a new, empty file."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, path_for_messages: str) -> int:
    """Bring the notebook to ``LATEST_VERSION``; refuse a notebook written by a newer app.

    ``conn`` must be in autocommit mode; each migration runs in its own transaction so a crash
    part-way leaves the notebook at the last whole version.
    """
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if has_tables and app_id != NOTEBOOK_APPLICATION_ID:
        raise UserFacingError(
            f"{path_for_messages} is not a scrutinydesk notebook; move it aside or choose another folder with --data-dir."
        )
    version = current_version(conn)
    if version > LATEST_VERSION:
        raise UserFacingError(
            f"Your notebook was saved by a newer version of scrutinydesk (notebook version {version}); "
            "install the newer scrutinydesk to open it."
        )
    for number, script in MIGRATIONS:
        if number <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if number == 1:
                conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)")
                conn.execute(f"PRAGMA application_id = {NOTEBOOK_APPLICATION_ID}")
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (?, datetime('now'))", (number,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return LATEST_VERSION


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (``executescript`` would commit on its own)."""
    return [part.strip() for part in script.split(";") if part.strip()]
