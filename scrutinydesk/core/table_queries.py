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
    # Predicates over the register's own table (columns unqualified, so an index can serve them), with
    # one ``?`` each given ``%typed text%``, for words outside the full-text index (which holds the
    # text, movers and seconders, owners): committee names and item titles.
    like_sql: tuple[str, ...] = ()
    filters: dict[str, str] = field(default_factory=dict)
    # Filters an index serves that leave a small part of the register (one committee's rows): when one
    # is set, the database starts from it, and typed words are checked against the rows it leaves.
    narrowing: frozenset[str] = frozenset()
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
COMMITTEE_NAMED = "meeting_id IN (SELECT meetings.id FROM meetings JOIN committees " \
                  "ON committees.id = meetings.committee_id WHERE committees.name LIKE ?)"

# Items whose title holds the typed words. Minutes repeat their titles ("Work programme", "Minutes of
# the last meeting"), so the distinct titles are matched first: SQLite reads them off the title index
# skipping each title's repeats (``LIMIT -1`` keeps the LIKE from being pushed into that scan, which
# would make it read every item again), then the items of the matching titles by the same index.
ITEM_TITLED = "item_id IN (SELECT id FROM items WHERE title IN " \
              "(SELECT title FROM (SELECT DISTINCT title FROM items LIMIT -1) WHERE title LIKE ?))"


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
    like_sql=(COMMITTEE_NAMED, ITEM_TITLED),
    filters={"committee": _of_committee("r"), "hide_routine": "r.routine = 0 AND ? = 1"},
    narrowing=frozenset({"committee"}),
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
    like_sql=(COMMITTEE_NAMED,),
    filters={
        "committee": _of_committee("a"),
        "status": f"({_STATUS_SQL}) = ?",
        "not_completed": "a.status != 'completed' AND ? = 1",
    },
    narrowing=frozenset({"committee"}),
)


LIKE_FROM_LETTERS = 3


def fts_expression(text: str) -> str | None:
    """Words typed by a member as an FTS5 query: every word must match, the last as a prefix."""
    words = re.findall(r"\w+", text.lower())
    if not words:
        return None
    return " ".join(f'"{w}"' for w in words[:-1]) + (" " if len(words) > 1 else "") + f'"{words[-1]}"*'


def _hits(query: TableQuery, state: QueryState) -> tuple[str | None, list[object]]:
    """The rowids of the rows the typed words match, as one SELECT of a column ``hit``, or None.

    A union, each part served by an index: the full-text matches, and from the third letter typed
    the rows of committees and items whose names hold the words anywhere. (One or two letters occur
    in nearly every committee name and item title; listing them all costs more than the search.)
    """
    expression = fts_expression(state.text)
    if not expression:
        return None, []
    parts = [f"SELECT rowid AS hit FROM {query.fts_table} WHERE {query.fts_table} MATCH ?"]
    params: list[object] = [expression]
    if len(state.text.strip()) >= LIKE_FROM_LETTERS:
        for sql in query.like_sql:
            parts.append(f"SELECT rowid FROM {query.table} WHERE {sql}")
            params.append(f"%{state.text.strip()}%")
    return " UNION ".join(parts), params


def _narrowed(query: TableQuery, state: QueryState) -> bool:
    return any(state.filters.get(name) is not None for name in query.narrowing)


def _filters(query: TableQuery, state: QueryState) -> tuple[list[str], list[object]]:
    """The named filters set (committee, status…), each a clause over the register's own table."""
    clauses: list[str] = []
    params: list[object] = []
    for name, value in state.filters.items():
        if value is None or name not in query.filters:
            continue
        clauses.append(query.filters[name])
        params.append(value)
    return clauses, params


def _where_sql(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


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
    """How many rows match. With typed words the matches are counted from their rowids (looking each
    row up only when another filter needs it), not by testing every row of the register; under a
    narrowing filter, the rows it leaves are checked against the matches instead."""
    hits, hit_params = _hits(query, state)
    clauses, params = _filters(query, state)
    if hits is None:
        where = _where_sql(clauses)
        sql = f"SELECT count(*) FROM {query.from_for(where)}{where}"
    elif not clauses:
        sql = f"SELECT count(*) FROM ({hits})"
    elif _narrowed(query, state):
        where = _where_sql([f"+{query.rowid_sql} IN ({hits})", *clauses])
        sql = f"SELECT count(*) FROM {query.from_for(where)}{where}"
    else:
        where = _where_sql([f"{query.rowid_sql} = hits.hit", *clauses])
        sql = f"SELECT count(*) FROM ({hits}) AS hits CROSS JOIN {query.from_for(where)}{where}"
    sql, bound = _bind(sql, [*hit_params, *params], today or date.today().isoformat())
    return conn.execute(sql, bound).fetchone()[0]


def _sort_the_matches(conn: sqlite3.Connection, query: TableQuery, total: int | None, limit: int) -> bool:
    """Whether a page is best found by sorting the matches rather than walking the register in order.

    Walking in order until a page is full reads about ``limit * rows / total`` rows; sorting reads the
    ``total`` matches. Few matches (a name, a phrase): sort them; many (a letter or two): walk."""
    if total is None:
        return False
    rows = conn.execute(f"SELECT max(rowid) FROM {query.table}").fetchone()[0] or 0
    return total * total <= limit * rows


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
    half is read from the other end in reverse order, so the last page costs what the first does,
    and typed words that match few rows have their matches sorted instead of the register walked.
    """
    hits, hit_params = _hits(query, state)
    clauses, params = _filters(query, state)
    terms = _order_terms(query, state)
    page_rows = limit
    reverse = total is not None and offset + limit / 2 > total / 2
    if reverse:
        limit, offset = min(limit, total - offset), max(0, total - offset - limit)
        terms = [_reversed(term) for term in terms]
    order = ", ".join(terms)
    if hits is None:
        where = _where_sql(clauses)
        source = f"{query.from_for(where, order)}{where}"
    elif not _narrowed(query, state) and _sort_the_matches(conn, query, total, page_rows):
        where = _where_sql([f"{query.rowid_sql} = hits.hit", *clauses])
        source = f"({hits}) AS hits CROSS JOIN {query.from_for(where, order)}{where}"
    else:  # the matches as a list each row walked (in order, or of the narrowing filter) is looked up in
        where = _where_sql([f"+{query.rowid_sql} IN ({hits})", *clauses])
        source = f"{query.from_for(where, order)}{where}"
    page = f"SELECT {query.rowid_sql} FROM {source} ORDER BY {order} LIMIT ? OFFSET ?"
    selected = ", ".join([query.id_sql, *(c.sql for c in query.columns)])
    sql = f"SELECT {selected} FROM {query.from_sql} WHERE {query.rowid_sql} IN ({page}) ORDER BY {order}"
    sql, bound = _bind(sql, [*hit_params, *params, max(limit, 0), offset], today or date.today().isoformat())
    rows = [tuple(row) for row in conn.execute(sql, bound).fetchall()]
    return rows[::-1] if reverse else rows
