"""The master and its corrections without Qt: import, review queue, corrections that survive rebuilds."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from officer_helpers import TEXT, extraction, read_file

from scrutinydesk.core import corrections, master, review_queue
from scrutinydesk.core.build_database import BuildInputs, ExtractedDocument, build_database
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.progress import Cancelled, JobState

OFFICER = "Jo Officer"
ITEM = "childrens-scrutiny/2022-11-15/7"


@pytest.fixture()
def master_db(tmp_path: Path) -> Path:
    path = master.create_master(tmp_path / "master.db")
    master.import_minutes(path, [read_file()], JobState(), OFFICER)
    return path


def rows(db: Path, sql: str, *args: object) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def action_id(db: Path, words: str) -> str:
    return rows(db, "SELECT id FROM actions WHERE text LIKE ?", f"%{words}%")[0][0]


def figure_id(db: Path) -> str:
    return rows(db, "SELECT id FROM figures")[0][0]


def test_import_into_an_empty_master_queues_doubtful_records_first(master_db: Path) -> None:
    assert rows(master_db, "SELECT id FROM meetings") == [("childrens-scrutiny/2022-11-15",)]
    conn = sqlite3.connect(master_db)
    queue = review_queue.entries(conn)
    conn.close()
    assert len(queue) == 4
    doubtful = [e for e in queue if e.doubt]
    assert queue[: len(doubtful)] == doubtful, "doubtful records come first"
    reasons = {e.table: e.doubt for e in doubtful}
    assert reasons["figures"] == "indicator guessed from the unit"
    assert "owner not found" in reasons["actions"]
    assert all(e.pending for e in queue)


def test_corrections_survive_reimport_and_build(master_db: Path, tmp_path: Path) -> None:
    owner_less = action_id(master_db, "sufficiency strategy")
    figure = figure_id(master_db)
    with master.writing(master_db) as conn:
        made = corrections.edit(conn, "actions", owner_less, {"owner": "Head of Service", "due": "15 December 2022"},
                                OFFICER)
        corrections.edit(conn, "figures", figure, {"indicator_code": "REF_RATE"}, OFFICER)
    assert [(c.field, c.new_value, c.who) for c in made] == [("owner", "Head of Service", OFFICER),
                                                            ("due", "2022-12-15", OFFICER)]

    summary = master.import_minutes(master_db, [read_file()], JobState(), OFFICER)  # the same minutes again
    assert summary.meetings_replaced == ["childrens-scrutiny/2022-11-15"] and summary.queued == 0
    assert rows(master_db, "SELECT owner, due FROM actions WHERE id = ?", owner_less) == [("Head of Service", "2022-12-15")]
    assert rows(master_db, "SELECT indicator_code FROM figures WHERE id = ?", figure) == [("REF_RATE",)]

    rebuilt = tmp_path / "rebuilt.db"
    found = extraction()
    build_database(rebuilt, [ExtractedDocument(found.text, found.document)], BuildInputs(keep_ids_from=master_db))
    assert rows(rebuilt, "SELECT owner FROM actions WHERE id = ?", owner_less) == [("Head of Service",)]
    assert rows(rebuilt, "SELECT indicator_code FROM figures WHERE id = ?", figure) == [("REF_RATE",)]
    assert rows(rebuilt, "SELECT count(*) FROM corrections WHERE status = 'applied'") == [(3,)]


def test_a_correction_whose_record_vanished_is_listed(master_db: Path, tmp_path: Path) -> None:
    owner_less = action_id(master_db, "sufficiency strategy")
    with master.writing(master_db) as conn:
        corrections.edit(conn, "actions", owner_less, {"owner": "Head of Service"}, OFFICER)
    summary = master.import_minutes(master_db, [read_file(second_action=False)], JobState(), OFFICER)
    assert [c.record_id for c in summary.vanished] == [owner_less]
    assert any("no longer matching" in line for line in summary.lines())
    conn = sqlite3.connect(master_db)
    assert [c.record_id for c in corrections.vanished_corrections(conn)] == [owner_less]
    conn.close()


def test_delete_merge_split_and_add_are_replayed_on_a_rebuild(master_db: Path, tmp_path: Path) -> None:
    briefing = action_id(master_db, "briefing note")
    strategy = action_id(master_db, "sufficiency strategy")
    resolution = rows(master_db, "SELECT id FROM resolutions")[0][0]
    start = TEXT.index("The Committee considered")
    with master.writing(master_db) as conn:
        corrections.merge(conn, "actions", briefing, strategy, OFFICER)
        parts = corrections.split(conn, "resolutions", resolution,
                                  ["that the Committee welcomes the improvement", "in assessment timeliness."],
                                  OFFICER, document_text=TEXT)
        added = corrections.add(conn, "actions", ITEM, (start, start + 36),
                                {"text": "consider the report", "owner": "The Committee"}, OFFICER)
        corrections.delete(conn, "figures", figure_id(master_db), OFFICER)
    expected = {
        "actions": rows(master_db, "SELECT id, owner, text FROM actions ORDER BY id"),
        "resolutions": rows(master_db, "SELECT id, text, span_start FROM resolutions ORDER BY id"),
        "figures": [],
    }
    assert len(expected["actions"]) == 2 and added in {r[0] for r in expected["actions"]}
    assert {r[0] for r in expected["resolutions"]} == set(parts)
    assert "briefing note" in expected["actions"][0][2] + expected["actions"][1][2]

    master.import_minutes(master_db, [read_file()], JobState(), OFFICER)
    found = extraction()
    rebuilt = tmp_path / "rebuilt.db"
    build_database(rebuilt, [ExtractedDocument(found.text, found.document)], BuildInputs(keep_ids_from=master_db))
    for db in (master_db, rebuilt):
        assert rows(db, "SELECT id, owner, text FROM actions ORDER BY id") == expected["actions"]
        assert rows(db, "SELECT id, text, span_start FROM resolutions ORDER BY id") == expected["resolutions"]
        assert rows(db, "SELECT id FROM figures") == []


def test_typed_values_are_checked_with_a_sentence_saying_what_to_type(master_db: Path) -> None:
    figure = figure_id(master_db)
    with master.writing(master_db) as conn:
        with pytest.raises(UserFacingError, match="not a number"):
            corrections.edit(conn, "figures", figure, {"value": "lots"}, OFFICER)
        with pytest.raises(UserFacingError, match="catalogue"):
            corrections.edit(conn, "figures", figure, {"indicator_code": "NOT_A_CODE"}, OFFICER)
        with pytest.raises(UserFacingError, match="period"):
            corrections.edit(conn, "figures", figure, {"period": "last autumn"}, OFFICER)
        assert corrections.edit(conn, "figures", figure, {"value": "1,250"}, OFFICER)[0].new_value == 1250.0


def test_a_chairs_completion_survives_reimport(master_db: Path) -> None:
    briefing = action_id(master_db, "briefing note")
    with master.writing(master_db) as conn:
        conn.execute("UPDATE actions SET status = 'completed', completed_at = '2022-12-01' WHERE id = ?", (briefing,))
    master.import_minutes(master_db, [read_file()], JobState(), OFFICER)
    assert rows(master_db, "SELECT status, completed_at FROM actions WHERE id = ?", briefing) == [("completed", "2022-12-01")]


def test_cancelling_an_import_leaves_the_master_untouched(tmp_path: Path) -> None:
    path = master.create_master(tmp_path / "master.db")
    state = JobState()
    state.on_progress = lambda fraction, _message: state.cancel() if fraction >= 0.6 else None
    with pytest.raises(Cancelled):
        master.import_minutes(path, [read_file()], state, OFFICER)
    assert rows(path, "SELECT count(*) FROM meetings") == [(0,)]


def test_unknown_committee_and_date_are_filed_as_the_officer_says(tmp_path: Path) -> None:
    path = master.create_master(tmp_path / "master.db")
    unknown = read_file(committee=None, date=None)
    unknown.committee = "Cabinet"
    unknown.set_when("29 June 2021")
    master.import_minutes(path, [unknown], JobState(), OFFICER)
    assert rows(path, "SELECT id, date FROM meetings") == [("cabinet/2021-06-29", "2021-06-29")]
    with pytest.raises(UserFacingError, match="meeting date"):
        unknown.set_when("sometime in June")


def test_review_decisions_keep_the_search_index_exact(master_db: Path) -> None:
    from scrutinydesk.core import review_actions

    import_id = 1
    briefing, strategy = action_id(master_db, "briefing note"), action_id(master_db, "sufficiency strategy")
    review_actions.save_edits(master_db, import_id, "actions", strategy, {"owner": "Head of Service"}, OFFICER)
    review_actions.merge_records(master_db, import_id, "actions", briefing, strategy, OFFICER)
    resolution = rows(master_db, "SELECT id FROM resolutions")[0][0]
    parts = review_actions.split_record(master_db, import_id, "resolutions", resolution,
                                        ["that the Committee welcomes the improvement", "in assessment timeliness."],
                                        OFFICER)
    start = TEXT.index("The Committee considered")
    document = rows(master_db, "SELECT id FROM documents")[0][0]
    added = review_actions.add_record(master_db, import_id, "actions", document, (start, start + 36),
                                      {"text": "consider the quarterly dashboard"}, OFFICER)
    conn = sqlite3.connect(master_db)
    try:
        for table in ("actions", "resolutions"):
            conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('integrity-check')")  # internally consistent
        found = {table: [r[0] for r in conn.execute(
            f"SELECT t.id FROM {table}_fts JOIN {table} t ON t.rowid = {table}_fts.rowid WHERE {table}_fts MATCH ?",
            (words,))] for table, words in (("actions", "quarterly dashboard"), ("resolutions", "timeliness"))}
        owners = [r[0] for r in conn.execute(
            "SELECT t.id FROM actions_fts JOIN actions t ON t.rowid = actions_fts.rowid WHERE actions_fts MATCH 'sufficiency'")]
    finally:
        conn.close()
    assert found == {"actions": [added], "resolutions": [parts[1]]}
    assert owners == [briefing], "the merged action is found by the words it took over"


def test_build_lists_the_corrections_it_could_not_reapply(master_db: Path, tmp_path: Path) -> None:
    owner_less = action_id(master_db, "sufficiency strategy")
    with master.writing(master_db) as conn:
        corrections.edit(conn, "actions", owner_less, {"owner": "Head of Service"}, OFFICER)
    found = extraction(second_action=False)
    rebuilt = tmp_path / "rebuilt.db"
    build_database(rebuilt, [ExtractedDocument(found.text, found.document)], BuildInputs(keep_ids_from=master_db))
    lines = corrections.vanished_report(rebuilt)
    assert len(lines) == 1 and owner_less in lines[0] and "Head of Service" in lines[0] and OFFICER in lines[0]
