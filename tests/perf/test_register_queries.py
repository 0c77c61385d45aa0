"""The registers' filter queries: however a page is found, it holds the same rows in the same order.

A page of typed-word matches is found either by sorting the matches (few of them) or by walking the
register in order (many); a narrowing filter (one committee) lets the database start from it. Each
way must give what a plain reading of the rows would: these tests force each way on the seed
database and compare pages and counts with every other way.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from scrutinydesk.core import table_queries
from scrutinydesk.core.database import open_readonly
from scrutinydesk.core.table_queries import ACTIONS, RESOLUTIONS, QueryState, TableQuery

TODAY = "2023-06-01"
OTHER_FILTERS = {"resolutions": [{"hide_routine": 1}],
                 "actions": [{"not_completed": 1}, {"status": "overdue"}, {"committee": None, "status": "open"}]}
TEXTS = ["c", "ca", "care", "care leav", "officer", "brief", "scrutiny", "children's", "zzz"]


def _all_rows(conn, query: TableQuery, state: QueryState, total: int) -> list[tuple]:  # noqa: ANN001
    rows: list[tuple] = []
    for offset in range(0, max(total, 1), 3):  # small pages, so the far half is read in reverse too
        rows += table_queries.fetch(conn, query, state, 3, offset, today=TODAY, total=total)
    return rows


@pytest.mark.parametrize("query", [RESOLUTIONS, ACTIONS], ids=lambda q: q.name)
def test_sorting_the_matches_and_walking_the_register_give_the_same_pages(
        seed_db: Path, query: TableQuery, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = open_readonly(seed_db)
    committee = conn.execute("SELECT committee_id FROM meetings GROUP BY committee_id ORDER BY count(*) DESC").fetchone()[0]
    compared = 0
    for text in TEXTS:
        for filters in ({}, {"committee": committee}, *OTHER_FILTERS[query.name]):
            for sort_key in [None, *(c.key for c in query.columns)]:
                for descending in (False, True):
                    state = QueryState(text=text, filters=dict(filters), sort_key=sort_key, descending=descending)
                    total = table_queries.count(conn, query, state, today=TODAY)
                    pages = []
                    for sort_matches in (True, False):
                        monkeypatch.setattr(table_queries, "_sort_the_matches", lambda *_a, s=sort_matches: s)
                        pages.append(_all_rows(conn, query, state, total))
                    monkeypatch.undo()
                    assert pages[0] == pages[1], (text, filters, sort_key, descending)
                    assert len(pages[0]) == total, (text, filters)
                    assert len({row[0] for row in pages[0]}) == total, "no row twice"
                    compared += total
    assert compared > 50, "the seed database gives the queries something to find"


def test_words_match_the_text_and_names_the_full_text_index_leaves_out(seed_db: Path) -> None:
    """From the third letter, a committee's name or an item's title anywhere in it finds the rows."""
    conn = open_readonly(seed_db)
    committee, title = conn.execute(
        "SELECT c.name, i.title FROM resolutions r JOIN meetings m ON m.id = r.meeting_id "
        "JOIN committees c ON c.id = m.committee_id JOIN items i ON i.id = r.item_id "
        "WHERE i.title IS NOT NULL LIMIT 1").fetchone()
    for words, column in ((committee[2:9], "committee"), (title[1:7], "item")):
        state = QueryState(text=words)
        total = table_queries.count(conn, RESOLUTIONS, state)
        rows = table_queries.fetch(conn, RESOLUTIONS, state, 500, 0, total=total)
        index = 1 + RESOLUTIONS.column_index(column)
        assert total == len(rows) > 0
        expected = conn.execute(
            "SELECT count(*) FROM resolutions r JOIN meetings m ON m.id = r.meeting_id "
            "JOIN committees c ON c.id = m.committee_id LEFT JOIN items i ON i.id = r.item_id "
            f"WHERE {'c.name' if column == 'committee' else 'i.title'} LIKE ?", (f"%{words}%",)).fetchone()[0]
        assert sum(1 for row in rows if words.lower() in str(row[index]).lower()) == expected
