"""Whole-notebook JSON export and import: a member moves to a new laptop without losing or doubling notes."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from notebook_release import ACTION, CS, FIGURE_REF

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.notebook import Notebook
from scrutinydesk.core.notebook_export import export_json, import_json


def test_export_then_import_into_a_new_laptop_restores_everything(tmp_path: Path, notebook: Notebook, release: Path) -> None:
    note = notebook.add(ACTION, "Chase the briefing note – “urgent”, £ costs?")
    question = notebook.add(FIGURE_REF, "Why 465?", question=True)
    notebook.set_status(question.uuid, "answered", answer="Typo", answered_on=date(2022, 11, 15))
    binned = notebook.add(ACTION, "deleted one")
    notebook.delete(binned.uuid)
    notebook.plan_meeting(CS, date(2023, 1, 17))
    out = tmp_path / "backup.json"
    assert export_json(notebook, out) == 3

    with Notebook(tmp_path / "new-laptop" / "notebook.db", release) as fresh:
        assert import_json(fresh, out) == (3, 0, 0)
        assert fresh.get(note.uuid).text == "Chase the briefing note – “urgent”, £ costs?"
        assert fresh.get(question.uuid).answer == "Typo"
        assert fresh.get(binned.uuid).deleted_at is not None
        assert [n.uuid for n in fresh.all_notes()] == [n.uuid for n in notebook.all_notes()]
        assert fresh.meeting(f"{CS}/2023-01-17").planned


def test_importing_twice_adds_nothing_and_newer_edits_win(tmp_path: Path, notebook: Notebook, release: Path) -> None:
    note = notebook.add(ACTION, "v1")
    first = tmp_path / "first.json"
    export_json(notebook, first)
    notebook.update_text(note.uuid, "v2 (edited later)")
    second = tmp_path / "second.json"
    export_json(notebook, second)

    with Notebook(tmp_path / "other" / "notebook.db", release) as other:
        assert import_json(other, second) == (1, 0, 0)
        assert import_json(other, second) == (0, 0, 1)
        assert import_json(other, first) == (0, 0, 1)  # older copy never overwrites a newer one
        assert [n.text for n in other.all_notes()] == ["v2 (edited later)"]
        other.add(ACTION, "only on the other laptop")
        export_json(other, tmp_path / "other.json")
    assert import_json(notebook, tmp_path / "other.json") == (1, 0, 1)
    assert sorted(n.text for n in notebook.all_notes()) == ["only on the other laptop", "v2 (edited later)"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a scrutinydesk notebook export"),
        (json.dumps({"format": "something else", "notes": []}), "not a scrutinydesk notebook export"),
        (json.dumps({"format": "scrutinydesk.notebook/1", "notes": [{"uuid": "u"}]}), "Note 1"),
        (
            json.dumps({"format": "scrutinydesk.notebook/1", "notes": [
                {"uuid": "u", "kind": "question", "target_id": "t", "created_at": "x", "updated_at": "x", "status": "maybe"}]}),
            "unknown status",
        ),
    ],
)
def test_a_damaged_file_is_refused_and_imports_nothing(tmp_path: Path, notebook: Notebook, content: str, message: str) -> None:
    notebook.add(ACTION, "existing")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(UserFacingError, match=message):
        import_json(notebook, bad)
    assert [n.text for n in notebook.all_notes()] == ["existing"]


def test_missing_file_and_missing_folder_are_plain_errors(tmp_path: Path, notebook: Notebook) -> None:
    with pytest.raises(UserFacingError, match="no file"):
        import_json(notebook, tmp_path / "nope.json")
    with pytest.raises(UserFacingError, match="does not exist"):
        export_json(notebook, tmp_path / "no-folder" / "out.json")
