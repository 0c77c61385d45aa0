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
class Join:
    """A table joined to the register's rows, used only by the queries that mention its alias."""

    alias: str
    sql: str
    through: str | None = None  # the alias of the join this one goes through


@dataclass(frozen=True)
class TableQuery:
    """A register: the rows' table, columns, full-text table, and named filters with one parameter.

    Filters and the text search name only the register's own table (other tables through
    ``IN (SELECT …)``), so counting never joins; ``default_order`` is a list of ORDER BY terms.
    """

    name: str
    table: str
    alias: str
    columns: tuple[Column, ...]
    default_order: tuple[str, ...]
    fts_table: str
    # Predicates with one ``?`` each, given ``%typed text%``, for words outside the full-text index
    # (which holds the text, movers and seconders, owners): committee names and item titles.
    like_sql: tuple[str, ...] = ()
    filters: dict[str, str] = field(default_factory=dict)
    joins: tuple[Join, ...] = ()

    @property
    def id_sql(self) -> str:
        return f"{self.alias}.id"

    @property
    def rowid_sql(self) -> str:
        return f"{self.alias}.rowid"

    @property
    def from_sql(self) -> str:
        return self.from_for(*(j.alias + "." for j in self.joins))

    def from_for(self, *sql: str) -> str:
        """The FROM clause with only the joins that ``sql`` mentions (and those they go through)."""
        text = " ".join(sql)
        wanted = {j.alias for j in self.joins if re.search(rf"\b{j.alias}\.", text)}
        for join in reversed(self.joins):
            if join.alias in wanted and join.through:
                wanted.add(join.through)
        return " ".join([f"{self.table} {self.alias}", *(j.sql for j in self.joins if j.alias in wanted)])

    def column_index(self, key: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.key == key)


@dataclass
class QueryState:
    """What the user asked for: filter text, named filter values, sort column and direction."""

    text: str = ""
    filters: dict[str, object] = field(default_factory=dict)
    sort_key: str | None = None
    descending: bool = False


def _joins(t: str) -> tuple[Join, ...]:
    return (Join("m", f"JOIN meetings m ON m.id = {t}.meeting_id"),
            Join("c", "JOIN committees c ON c.id = m.committee_id", through="m"),
            Join("i", f"LEFT JOIN items i ON i.id = {t}.item_id"))


# Subqueries spell out table names, so the join aliases (m, c, i) appear only where a join is needed.
def _committee_named(t: str) -> str:
    return f"+{t}.meeting_id IN (SELECT meetings.id FROM meetings JOIN committees " \
           "ON committees.id = meetings.committee_id WHERE committees.name LIKE ?)"


def _of_committee(t: str) -> str:
    return f"{t}.meeting_id IN (SELECT id FROM meetings WHERE committee_id = ?)"


RESOLUTIONS = TableQuery(
    name="resolutions",
    table="resolutions",
    alias="r",
    joins=_joins("r"),
    columns=(
        Column("date", "Meeting", "coalesce(m.date, m.year)", "coalesce(m.date, m.year)"),
        Column("committee", "Committee", "c.name", "c.name"),
        Column("item", "Item", "i.title", "i.title"),
        Column("text", "Decision", "r.text", "r.text"),
        Column("moved_by", "Moved by", "r.moved_by", "r.moved_by"),
        Column("seconded_by", "Seconded by", "r.seconded_by", "r.seconded_by"),
        Column("routine", "Kind", "r.routine", "r.routine"),
    ),
    default_order=("coalesce(m.date, m.year) DESC", "r.id"),
    fts_table="resolutions_fts",
    like_sql=(_committee_named("r"), "+r.item_id IN (SELECT id FROM items WHERE title LIKE ?)"),
    filters={"committee": _of_committee("r"), "hide_routine": "r.routine = 0 AND ? = 1"},
)

_STATUS_SQL = "CASE WHEN a.status = 'completed' THEN 'completed' " \
              "WHEN a.due IS NOT NULL AND a.due < :today THEN 'overdue' ELSE 'open' END"

ACTIONS = TableQuery(
    name="actions",
    table="actions",
    alias="a",
    joins=_joins("a"),
    columns=(
        Column("status", "Status", _STATUS_SQL, "a.status"),
        Column("owner", "Owner", "a.owner", "a.owner"),
        Column("text", "Action", "a.text", "a.text"),
        Column("meeting", "Raised at", "c.name || '|' || coalesce(m.date, m.year, '')", "coalesce(m.date, m.year)"),
        Column("due", "Due", "a.due", "a.due"),
    ),
    # Open first; then by due date, so overdue ones (due before today) come first, no date last; then by meeting.
    default_order=("a.status = 'completed'", "a.due IS NULL", "a.due", "coalesce(m.date, m.year) DESC", "a.id"),
    fts_table="actions_fts",
    like_sql=(_committee_named("a"),),
    filters={
        "committee": _of_committee("a"),
        "status": f"({_STATUS_SQL}) = ?",
        "not_completed": "a.status != 'completed' AND ? = 1",
    },
)


LIKE_FROM_LETTERS = 3


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
        # Names are matched anywhere in them from the third letter typed: one or two letters occur in
        # nearly every committee name and item title, and listing them all costs more than the search.
        like_sql = query.like_sql if len(state.text.strip()) >= LIKE_FROM_LETTERS else ()
        clauses.append(
            f"(+{query.rowid_sql} IN (SELECT rowid FROM {query.fts_table} WHERE {query.fts_table} MATCH ?)"
            + "".join(f" OR {sql}" for sql in like_sql) + ")"
        )
        params.append(expression)
        params.extend(f"%{state.text.strip()}%" for _ in like_sql)
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
    sql, bound = _bind(f"SELECT count(*) FROM {query.from_for(where)}{where}", params, today or date.today().isoformat())
    return conn.execute(sql, bound).fetchone()[0]


def _order_terms(query: TableQuery, state: QueryState) -> list[str]:
    """ORDER BY terms; ties go by id in the same direction, so an index on (column, id) serves both ways."""
    if not state.sort_key:
        return list(query.default_order)
    column = query.columns[query.column_index(state.sort_key)]
    direction = "DESC" if state.descending else "ASC"
    return [f"{column.sort_sql or column.sql} {direction}", f"{query.id_sql} {direction}"]


def _reversed(term: str) -> str:
    if term.endswith(" DESC"):
        return term.removesuffix(" DESC")
    return f"{term.removesuffix(' ASC')} DESC"


def fetch(conn: sqlite3.Connection, query: TableQuery, state: QueryState, limit: int, offset: int,
          today: str | None = None, total: int | None = None) -> list[tuple]:
    """One page of rows: ``(id, column values…)`` in the requested order.

    The page's rows are found first with only the sort keys (no display columns, no joins the order
    does not need), then the page alone is joined and formatted. Given ``total``, a page in the far
    half is read from the other end in reverse order, so the last page costs what the first does.
    """
    where, params = _where(query, state)
    terms = _order_terms(query, state)
    reverse = total is not None and offset + limit / 2 > total / 2
    if reverse:
        limit, offset = min(limit, total - offset), max(0, total - offset - limit)
        terms = [_reversed(term) for term in terms]
    order = ", ".join(terms)
    page = f"SELECT {query.rowid_sql} FROM {query.from_for(where, order)}{where} ORDER BY {order} LIMIT ? OFFSET ?"
    selected = ", ".join([query.id_sql, *(c.sql for c in query.columns)])
    sql = f"SELECT {selected} FROM {query.from_sql} WHERE {query.rowid_sql} IN ({page}) ORDER BY {order}"
    sql, bound = _bind(sql, [*params, max(limit, 0), offset], today or date.today().isoformat())
    rows = [tuple(row) for row in conn.execute(sql, bound).fetchall()]
    return rows[::-1] if reverse else rows
