"""Opening the published database read-only, the only way the window and member commands read it."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from scrutinydesk.core.errors import UserFacingError


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection that will not run triggers or views a tampered file might carry."""
    if not path.is_file():
        raise UserFacingError(f"The database {path} does not exist; run 'make run' to build it or pass --db.")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM meetings").fetchone()
    except sqlite3.DatabaseError:
        raise UserFacingError(f"{path} is not a scrutinydesk database; open the file 'make run' builds.") from None
    conn.row_factory = sqlite3.Row
    return conn


def is_master(conn: sqlite3.Connection) -> bool:
    """Whether a database is an officer's master (it has the review queue publishing leaves out).

    Here rather than in ``core.master`` so the window can ask without importing the build code."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review_queue'").fetchone() is not None
