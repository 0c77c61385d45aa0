"""The whole notebook as one JSON file a member can back up or carry to a new laptop, and back.

Import merges by each note's uuid: a note already present is kept unless the file's copy is newer,
so importing the same file twice, or files from two laptops, never duplicates anything.
"""
from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.export_file import save_export
from scrutinydesk.core.notebook import NOTE_COLUMNS, STATUSES, Notebook

FORMAT = "scrutinydesk.notebook/1"

_REQUIRED_TEXT = ("uuid", "target_id", "created_at", "updated_at")
_DEFAULTS: dict[str, object] = {
    "target_kind": "unknown",
    "target_label": "",
    "target_quote": "",
    "text": "",
    "answer": "",
    "position": 0,
    "carry_dismissed": 0,
}


def export_json(notebook: Notebook, out: Path) -> int:
    """Write every note (deleted ones too, so a merge keeps deletions) to ``out``; returns how many."""
    notes = [
        {column: getattr(note, column) for column in NOTE_COLUMNS} for note in notebook.all_notes(include_deleted=True)
    ]
    document = {
        "format": FORMAT,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "notes": notes,
        "planned_meetings": notebook.planned_meeting_rows(),
    }
    save_export(out, (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return len(notes)


def import_json(notebook: Notebook, source: Path) -> tuple[int, int, int]:
    """Merge an exported notebook into this one; returns (added, updated, already present)."""
    try:
        document = json.loads(Path(source).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserFacingError(f"There is no file {source}; give the path of a notebook export.") from None
    except (OSError, UnicodeDecodeError, ValueError):
        raise UserFacingError(f"{source} is not a scrutinydesk notebook export; choose the .json file 'notes export --json' wrote.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT or not isinstance(document.get("notes"), list):
        raise UserFacingError(f"{source} is not a scrutinydesk notebook export; choose the .json file 'notes export --json' wrote.")
    rows = [_checked_row(entry, number, source) for number, entry in enumerate(document["notes"], start=1)]
    meetings = document.get("planned_meetings") or []
    if not isinstance(meetings, list) or not all(
        isinstance(m, dict) and all(isinstance(m.get(k), str) for k in ("id", "committee_id", "date")) for m in meetings
    ):
        raise UserFacingError(f"The planned meetings in {source} are damaged; export the notebook again.")
    counts = notebook.upsert_rows(rows)
    notebook.add_planned_meeting_rows(meetings)
    return counts


def _checked_row(entry: object, number: int, source: Path) -> dict[str, object]:
    """One note of the file with every column present and of the right kind, or a plain error."""
    problem = f"Note {number} in {source} is damaged"
    if not isinstance(entry, dict):
        raise UserFacingError(f"{problem}; export the notebook again.")
    row = {column: entry.get(column, _DEFAULTS.get(column)) for column in NOTE_COLUMNS}
    for column in _REQUIRED_TEXT:
        if not isinstance(row[column], str) or not row[column]:
            raise UserFacingError(f"{problem} (no {column}); export the notebook again.")
    if row["kind"] not in ("note", "question"):
        raise UserFacingError(f"{problem} (kind must be note or question); export the notebook again.")
    if row["status"] is not None and row["status"] not in STATUSES:
        raise UserFacingError(f"{problem} (unknown status {row['status']!r}); export the notebook again.")
    if row["kind"] == "question" and row["status"] is None:
        row["status"] = "draft"
    for column in ("position", "carry_dismissed"):
        if not isinstance(row[column], int):
            raise UserFacingError(f"{problem} ({column} must be a whole number); export the notebook again.")
    for column in ("target_kind", "target_label", "target_quote", "text", "answer"):
        if not isinstance(row[column], str):
            raise UserFacingError(f"{problem} ({column} must be text); export the notebook again.")
    for column in ("target_meeting_id", "meeting_id", "answered_on", "carried_from", "deleted_at"):
        if row[column] is not None and not isinstance(row[column], str):
            raise UserFacingError(f"{problem} ({column} must be text or empty); export the notebook again.")
    return row
