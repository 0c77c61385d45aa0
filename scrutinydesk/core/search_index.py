"""Keep the full-text index in step with a few changed records, without rebuilding it.

The FTS5 tables are external-content indexes without triggers (``schema.FTS_TABLES``); a whole
rebuild costs seconds on a county's ten years of minutes, too slow after each keystroke of a review.
Inside ``reindexed(conn, table, ids)`` the records' old index entries are removed and their new ones
added, so search finds the corrected words at once.
"""
from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator

from scrutinydesk.core.schema import FTS_TABLES


def _rows(conn: sqlite3.Connection, table: str, ids: list[str]) -> list[tuple]:
    columns = ", ".join(f'"{c}"' for c in FTS_TABLES[table])
    marks = ", ".join("?" * len(ids))
    return conn.execute(f"SELECT rowid, {columns} FROM {table} WHERE id IN ({marks})", ids).fetchall()


@contextlib.contextmanager
def reindexed(conn: sqlite3.Connection, table: str, ids: Iterable[str]) -> Iterator[list[str]]:
    """Re-index the records ``ids`` of ``table`` after the block changes them (append ids made inside it)."""
    ids = list(ids)
    if table not in FTS_TABLES:
        yield ids
        return
    before = _rows(conn, table, ids)
    yield ids
    fts, columns = f"{table}_fts", ", ".join(f'"{c}"' for c in FTS_TABLES[table])
    marks = ", ".join("?" * (len(FTS_TABLES[table]) + 1))
    conn.executemany(f"INSERT INTO {fts} ({fts}, rowid, {columns}) VALUES ('delete', {marks})", before)
    conn.executemany(f"INSERT INTO {fts} (rowid, {columns}) VALUES ({marks})", _rows(conn, table, ids))
