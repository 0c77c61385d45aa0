"""The notebook store: attaching, editing, statuses, soft delete, badges, detached notes, migrations."""
from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from notebook_release import (
    ACTION,
    ACTION_MAR,
    FIGURE_REF,
    INDICATOR,
    ITEM_8,
    NOV,
    REFERRAL_SENTENCE,
    build_release,
)

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.notebook import Notebook
from scrutinydesk.core.notebook_schema import LATEST_VERSION


def test_note_keeps_a_copy_of_what_it_is_attached_to(notebook: Notebook) -> None:
    note = notebook.add(ACTION, "Has this note been circulated yet?")
    assert note.kind == "note" and note.status is None
    assert note.target_kind == "action"
    assert "Head of Service" in note.target_label and "Performance Report" in note.target_label
    assert note.target_quote == "provide a briefing note on agency social worker numbers"
    assert note.target_meeting_id == NOV
    assert note.created_at == note.updated_at
    assert [n.uuid for n in notebook.notes_for(ACTION)] == [note.uuid]


def test_every_kind_of_target_can_be_annotated(notebook: Notebook) -> None:
    kinds = {
        target: notebook.add(target, "x").target_kind
        for target in (NOV, ITEM_8, f"{ITEM_8}/r-aa11bb", ACTION, FIGURE_REF, INDICATOR)
    }
    assert list(kinds.values()) == ["meeting", "item", "resolution", "action", "figure", "indicator"]
    assert notebook.target(FIGURE_REF).label == "Figure 484 per 10,000 (Devon, September 2022)"
    assert notebook.target(FIGURE_REF).quote == REFERRAL_SENTENCE
    assert notebook.target(NOV).label == "Children's Scrutiny Committee, Tuesday 15 November 2022"


def test_unknown_target_is_a_plain_error(notebook: Notebook) -> None:
    with pytest.raises(UserFacingError, match="no-such/2020-01-01/1"):
        notebook.add("no-such/2020-01-01/1", "text")
    assert notebook.all_notes() == []


def test_editing_updates_text_and_time_only_when_changed(notebook: Notebook) -> None:
    note = notebook.add(ACTION, "first")
    assert notebook.update_text(note.uuid, "first draft, longer")
    assert not notebook.update_text(note.uuid, "first draft, longer")
    stored = notebook.get(note.uuid)
    assert stored.text == "first draft, longer"
    assert stored.updated_at >= note.updated_at and stored.created_at == note.created_at


def test_question_moves_through_statuses_and_keeps_its_answer(notebook: Notebook) -> None:
    question = notebook.add(FIGURE_REF, "Why is 465 quoted as the national average?", question=True)
    assert question.status == "draft"
    assert notebook.set_status(question.uuid, "ready").status == "ready"
    answered = notebook.set_status(question.uuid, "answered", answer="A typo; England is 538.", answered_on=date(2022, 11, 15))
    assert (answered.status, answered.answer, answered.answered_on) == ("answered", "A typo; England is 538.", "2022-11-15")
    with pytest.raises(UserFacingError):
        notebook.set_status(question.uuid, "pending")
    note = notebook.add(ACTION, "plain note")
    with pytest.raises(UserFacingError):
        notebook.set_status(note.uuid, "ready")


def test_delete_is_soft_and_undoable(notebook: Notebook) -> None:
    note = notebook.add(ACTION, "keep me")
    notebook.delete(note.uuid)
    assert notebook.notes_for(ACTION) == [] and notebook.has_notes([ACTION]) == set()
    assert notebook.get(note.uuid).deleted_at is not None
    notebook.restore(note.uuid)
    assert [n.text for n in notebook.notes_for(ACTION)] == ["keep me"]


def test_badges_count_notes_on_a_record_and_inside_it(notebook: Notebook) -> None:
    notebook.add(ACTION, "a")
    notebook.add(FIGURE_REF, "b")
    notebook.add(NOV, "c")
    assert notebook.has_notes([ACTION, ACTION_MAR, NOV, ITEM_8]) == {ACTION, NOV}
    assert notebook.note_counts([NOV, ITEM_8], within=True) == {NOV: 3, ITEM_8: 2}
    # inside means below a slash: a longer id that merely starts the same is not inside
    assert notebook.note_counts([NOV[:-1], f"{ITEM_8}/a", NOV.split("/")[0]], within=True) == {NOV.split("/")[0]: 3}
    assert notebook.has_notes([f"x{i}" for i in range(1200)]) == set()


def test_note_on_a_record_a_new_release_dropped_is_detached_not_deleted(tmp_path: Path, notebook: Notebook) -> None:
    kept = notebook.add(ACTION_MAR, "still here")
    gone = notebook.add(ACTION, "about the briefing note")
    notebook.attach_published(build_release(tmp_path / "release2.db", without=(ACTION,)))
    notes = {n.uuid: n for n in notebook.all_notes()}
    assert not notes[kept.uuid].detached
    assert notes[gone.uuid].detached
    assert notes[gone.uuid].target_quote == "provide a briefing note on agency social worker numbers"
    assert notes[gone.uuid].text == "about the briefing note"


def test_published_database_is_never_written(tmp_path: Path, release: Path) -> None:
    before = hashlib.sha256(release.read_bytes()).hexdigest()
    with Notebook(tmp_path / "nb" / "notebook.db", release) as book:
        book.add(ACTION, "x")
        with pytest.raises(sqlite3.OperationalError):
            book.connection.execute("DELETE FROM pub.actions")
    assert hashlib.sha256(release.read_bytes()).hexdigest() == before


def test_notebook_is_wal_with_a_schema_version(notebook: Notebook) -> None:
    conn = notebook.connection
    assert conn.execute("PRAGMA main.journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == LATEST_VERSION


def test_reopening_does_not_migrate_twice(tmp_path: Path, release: Path) -> None:
    path = tmp_path / "nb" / "notebook.db"
    Notebook(path, release).close()
    with Notebook(path, release) as book:
        assert book.connection.execute("SELECT count(*) FROM schema_version").fetchone()[0] == LATEST_VERSION


def test_notebook_from_a_newer_app_is_refused(tmp_path: Path, release: Path) -> None:
    path = tmp_path / "nb" / "notebook.db"
    Notebook(path, release).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (LATEST_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(UserFacingError, match="newer version"):
        Notebook(path, release)


@pytest.mark.parametrize("content", [b"not a database at all" * 100, None])
def test_a_file_that_is_not_a_notebook_is_refused(tmp_path: Path, release: Path, content: bytes | None) -> None:
    path = tmp_path / "notebook.db"
    if content is None:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE other (x)")
        conn.commit()
        conn.close()
    else:
        path.write_bytes(content)
    with pytest.raises(UserFacingError, match="notebook"):
        Notebook(path, release)


def test_notebook_in_a_synced_folder_is_refused(tmp_path: Path, release: Path) -> None:
    with pytest.raises(UserFacingError, match="OneDrive"):
        Notebook(tmp_path / "OneDrive - Devon County Council" / "scrutinydesk" / "notebook.db", release)
    assert not (tmp_path / "OneDrive - Devon County Council").exists()


def test_without_a_release_notes_are_listed_but_none_can_be_added(tmp_path: Path, release: Path) -> None:
    path = tmp_path / "nb" / "notebook.db"
    with Notebook(path, release) as book:
        book.add(ACTION, "written while a release was open")
    with Notebook(path, tmp_path / "missing.db") as book:
        assert [(n.text, n.detached) for n in book.all_notes()] == [("written while a release was open", False)]
        with pytest.raises(UserFacingError, match="No published database"):
            book.add(ACTION, "x")


def test_quotes_are_one_tidy_line_cut_at_a_word() -> None:
    from scrutinydesk.core.note_targets import clip_quote

    assert clip_quote("-\tReferral rates had\n increased  across the country") == "Referral rates had increased across the country"
    assert clip_quote("one two three four five", limit=12) == "one two …"
    assert clip_quote(None) == ""


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_folder_is_a_plain_error(tmp_path: Path, release: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(UserFacingError, match="choose a folder you can write to"):
        Notebook(locked / "sub" / "notebook.db", release)


def test_a_folder_where_the_file_should_be_is_a_plain_error(tmp_path: Path, release: Path) -> None:
    (tmp_path / "notebook.db").mkdir()
    with pytest.raises(UserFacingError, match="notebook"):
        Notebook(tmp_path / "notebook.db", release)
