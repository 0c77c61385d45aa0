"""The register tables (resolutions, actions) as SQL: filtering, sorting and paging in the database.

The window's table models ask for one page at a time, so a register of thirty thousand rows costs
what a page costs. Every query here has a LIMIT; every sort column has an index or a small table.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Column:
    """One visible column: its heading, the SQL that yields it, and the SQL it sorts by."""

    key: str
    title: str
    sql: str
    sort_sql: str | None = None


@dataclass(frozen=True)
class TableQuery:
    """A register: the rows' source, columns, full-text table, and named filters with one parameter."""

    name: str
    from_sql: str
    id_sql: str
    columns: tuple[Column, ...]
    default_order: str
    fts_table: str
    rowid_sql: str
    like_sql: tuple[str, ...] = ()
    filters: dict[str, str] = field(default_factory=dict)

    def column_index(self, key: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.key == key)


@dataclass
class QueryState:
    """What the user asked for: filter text, named filter values, sort column and direction."""

    text: str = ""
    filters: dict[str, object] = field(default_factory=dict)
    sort_key: str | None = None
    descending: bool = False


_MEETING_JOIN = "JOIN meetings m ON m.id = {t}.meeting_id JOIN committees c ON c.id = m.committee_id " \
                "LEFT JOIN items i ON i.id = {t}.item_id"

RESOLUTIONS = TableQuery(
    name="resolutions",
    from_sql="resolutions r " + _MEETING_JOIN.format(t="r"),
    id_sql="r.id",
    columns=(
        Column("date", "Meeting", "coalesce(m.date, m.year)", "coalesce(m.date, m.year)"),
        Column("committee", "Committee", "c.name", "c.name"),
        Column("item", "Item", "i.title", "i.title"),
        Column("text", "Decision", "r.text", "r.text"),
        Column("moved_by", "Moved by", "r.moved_by", "r.moved_by"),
        Column("seconded_by", "Seconded by", "r.seconded_by", "r.seconded_by"),
        Column("routine", "Kind", "r.routine", "r.routine"),
    ),
    default_order="coalesce(m.date, m.year) DESC, r.id",
    fts_table="resolutions_fts",
    rowid_sql="r.rowid",
    like_sql=("c.name", "r.moved_by", "r.seconded_by", "i.title"),
    filters={"committee": "m.committee_id = ?", "hide_routine": "r.routine = 0 AND ? = 1"},
)

_STATUS_SQL = "CASE WHEN a.status = 'completed' THEN 'completed' " \
              "WHEN a.due IS NOT NULL AND a.due < :today THEN 'overdue' ELSE 'open' END"

ACTIONS = TableQuery(
    name="actions",
    from_sql="actions a " + _MEETING_JOIN.format(t="a"),
    id_sql="a.id",
    columns=(
        Column("status", "Status", _STATUS_SQL, "a.status"),
        Column("owner", "Owner", "a.owner", "a.owner"),
        Column("text", "Action", "a.text", "a.text"),
        Column("meeting", "Raised at", "c.name || '|' || coalesce(m.date, m.year, '')", "coalesce(m.date, m.year)"),
        Column("due", "Due", "a.due", "a.due"),
    ),
    # Open first, overdue open ones at the very top, then by due date and meeting.
    default_order="a.status = 'completed', (a.due IS NULL OR a.due >= :today), a.due IS NULL, a.due, "
                  "coalesce(m.date, m.year) DESC, a.id",
    fts_table="actions_fts",
    rowid_sql="a.rowid",
    like_sql=("c.name", "a.owner"),
    filters={
        "committee": "m.committee_id = ?",
        "status": "(CASE WHEN a.status = 'completed' THEN 'completed' "
                  "WHEN a.due IS NOT NULL AND a.due < :today THEN 'overdue' ELSE 'open' END) = ?",
        "not_completed": "a.status != 'completed' AND ? = 1",
    },
)


def fts_expression(text: str) -> str | None:
    """Words typed by a member as an FTS5 query: every word must match, the last as a prefix."""
    words = re.findall(r"\w+", text.lower())
    if not words:
        return None
    return " ".join(f'"{w}"' for w in words[:-1]) + (" " if len(words) > 1 else "") + f'"{words[-1]}"*'


def _where(query: TableQuery, state: QueryState) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    expression = fts_expression(state.text)
    if expression:
        likes = " OR ".join(f"{sql} LIKE ?" for sql in query.like_sql)
        clauses.append(
            f"({query.rowid_sql} IN (SELECT rowid FROM {query.fts_table} WHERE {query.fts_table} MATCH ?)"
            + (f" OR {likes})" if likes else ")")
        )
        params.append(expression)
        params.extend(f"%{state.text.strip()}%" for _ in query.like_sql)
    for name, value in state.filters.items():
        if value is None or name not in query.filters:
            continue
        clauses.append(query.filters[name])
        params.append(value)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _bind(sql: str, params: list[object], today: str) -> tuple[str, list[object]]:
    """Replace ``:today`` with a positional placeholder so positional and named parameters mix."""
    out: list[object] = []
    pieces = re.split(r"(\?|:today)", sql)
    it = iter(params)
    for piece in pieces:
        if piece == "?":
            out.append(next(it))
        elif piece == ":today":
            out.append(today)
    return re.sub(r":today", "?", sql), out


def count(conn: sqlite3.Connection, query: TableQuery, state: QueryState, today: str | None = None) -> int:
    where, params = _where(query, state)
    sql, bound = _bind(f"SELECT count(*) FROM {query.from_sql}{where}", params, today or date.today().isoformat())
    return conn.execute(sql, bound).fetchone()[0]


def fetch(conn: sqlite3.Connection, query: TableQuery, state: QueryState, limit: int, offset: int,
          today: str | None = None) -> list[tuple]:
    """One page of rows: ``(id, column values…)`` in the requested order."""
    where, params = _where(query, state)
    order = query.default_order
    if state.sort_key:
        column = query.columns[query.column_index(state.sort_key)]
        direction = "DESC" if state.descending else "ASC"
        order = f"{column.sort_sql or column.sql} {direction}, {query.id_sql}"
    selected = ", ".join([query.id_sql, *(c.sql for c in query.columns)])
    sql = f"SELECT {selected} FROM {query.from_sql}{where} ORDER BY {order} LIMIT ? OFFSET ?"
    sql, bound = _bind(sql, [*params, limit, offset], today or date.today().isoformat())
    return [tuple(row) for row in conn.execute(sql, bound).fetchall()]
