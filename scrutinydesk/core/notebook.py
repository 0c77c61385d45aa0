"""A member's private notebook: notes and draft questions attached to records by their stable ids.

It lives in its own ``notebook.db`` in the member's data folder, never in the published database,
which it only ATTACHes read-only (``pub``) to check ids and copy what a note is about. Every change
is one short transaction in WAL mode with full sync, so killing the app mid-typing loses at most the
keystrokes not yet handed to it and never corrupts the file. Nothing is ever hard-deleted: a deleted
note can be restored, and a note whose record left the release is reported as detached.
"""
from __future__ import annotations

import os
import sqlite3
import uuid as uuid_module
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path

from scrutinydesk.core import ids
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.note_targets import (
    MeetingInfo,
    Target,
    committee_name,
    meeting_info,
    resolve_target,
    target_exists_sql,
)
from scrutinydesk.core.notebook_schema import migrate
from scrutinydesk.core.paths import data_dir
from scrutinydesk.core.releases import current_release
from scrutinydesk.core.synced_folders import synced_service

NOTEBOOK_FILE = "notebook.db"
STATUSES = ("draft", "ready", "asked", "answered")
_CHUNK = 500


@dataclass(frozen=True)
class Note:
    """One note or question, with the copy of its target's words taken when it was attached."""

    uuid: str
    kind: str
    target_id: str
    target_kind: str
    target_label: str
    target_quote: str
    target_meeting_id: str | None
    meeting_id: str | None
    text: str
    status: str | None
    answer: str
    answered_on: str | None
    position: int
    carried_from: str | None
    carry_dismissed: int
    created_at: str
    updated_at: str
    deleted_at: str | None
    detached: bool = False

    @property
    def is_question(self) -> bool:
        return self.kind == "question"


_COLUMNS = [f.name for f in fields(Note) if f.name != "detached"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


class Notebook:
    """The notebook file, open for reading and writing, with the current release attached read-only."""

    def __init__(self, path: Path, published: Path | None = None, environ: Mapping[str, str] | None = None):
        service = synced_service(path, environ)
        if service:
            raise UserFacingError(
                f"Your notebook would be kept in a {service} folder ({path.parent}), where syncing corrupts it; "
                "choose a local folder with --data-dir or SCRUTINYDESK_HOME."
            )
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(
                path.resolve().as_uri(), uri=True, isolation_level=None, timeout=10, check_same_thread=False
            )
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._conn.execute("PRAGMA trusted_schema = OFF")
            migrate(self._conn, str(path))
        except (OSError, sqlite3.OperationalError) as error:
            raise UserFacingError(
                f"Could not open your notebook at {path} ({error}); choose a folder you can write to with --data-dir."
            ) from None
        except sqlite3.DatabaseError:
            raise UserFacingError(
                f"{path} is not a readable scrutinydesk notebook; move it aside or restore it from an export."
            ) from None
        self._published: Path | None = None
        self.attach_published(published)

    @classmethod
    def for_data_dir(cls, override: str | os.PathLike[str] | None = None) -> Notebook:
        """The member's notebook in their data folder, with the release they have open attached."""
        folder = data_dir(override)
        return cls(folder / NOTEBOOK_FILE, current_release(folder).path)

    # -- connection -------------------------------------------------------------------------------

    def attach_published(self, published: Path | None) -> None:
        """Point the notebook at another release (after a pull switches); None detaches it."""
        if self._published is not None:
            self._conn.execute("DETACH DATABASE pub")
            self._published = None
        if published is None or not Path(published).is_file():
            return
        uri = f"{Path(published).resolve().as_uri()}?mode=ro"
        try:
            self._conn.execute("ATTACH DATABASE ? AS pub", (uri,))
            self._conn.execute("SELECT count(*) FROM pub.meetings").fetchone()
        except sqlite3.DatabaseError:
            if self._attached():
                self._conn.execute("DETACH DATABASE pub")
            raise UserFacingError(
                f"{published} is not a scrutinydesk database; pull a release again or reinstall the app."
            ) from None
        self._published = Path(published)

    def _attached(self) -> bool:
        return any(row[1] == "pub" for row in self._conn.execute("PRAGMA database_list"))

    @property
    def published_path(self) -> Path | None:
        return self._published

    @property
    def connection(self) -> sqlite3.Connection:
        """For read helpers in core (briefing, export); writes go through this class."""
        return self._conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Notebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- targets and meetings -----------------------------------------------------------------------

    def target(self, target_id: str) -> Target | None:
        return resolve_target(self._conn, target_id, self._published is not None)

    def require_target(self, target_id: str) -> Target:
        """The record ``target_id`` names, or a plain error saying where ids come from."""
        target = self.target(target_id)
        if target is not None:
            return target
        if self._published is None:
            raise UserFacingError(
                f"No published database is open to find {target_id!r} in; run 'make run' or pull a release first."
            )
        raise UserFacingError(
            f"No meeting, item, resolution, action, figure or indicator has the id {target_id!r}; "
            "copy the id from the window or from an export."
        )

    def meeting(self, meeting_id: str) -> MeetingInfo:
        """The meeting, from the release or the notebook's planned meetings, else what its id tells."""
        info = meeting_info(self._conn, meeting_id, self._published is not None)
        if info:
            return info
        committee, _, when = meeting_id.partition("/")
        known_date = when if len(when) == 10 and when[4] == "-" else None
        return MeetingInfo(meeting_id, committee, self.committee_name(committee), known_date, None, "", False)

    def committee_name(self, committee_id: str) -> str:
        return committee_name(self._conn, committee_id, self._published is not None)

    def committees(self) -> list[tuple[str, str]]:
        """(id, name) of every committee the release or the notebook knows."""
        rows: dict[str, str] = {}
        if self._published is not None:
            rows.update(self._conn.execute("SELECT id, coalesce(name, id) FROM pub.committees").fetchall())
        for (committee,) in self._conn.execute("SELECT DISTINCT committee_id FROM planned_meetings"):
            rows.setdefault(committee, self.committee_name(committee))
        return sorted(rows.items(), key=lambda pair: pair[1])

    def plan_meeting(self, committee_id: str, when: date, title: str = "") -> MeetingInfo:
        """Record an upcoming meeting the release does not hold yet; its id is the one minutes will give it."""
        meeting_id = ids.meeting_id(committee_id, when.isoformat(), None, "")
        with self._transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO planned_meetings (id, committee_id, date, title, created_at) VALUES (?, ?, ?, ?, ?)",
                (meeting_id, committee_id, when.isoformat(), title, _now()),
            )
        return self.meeting(meeting_id)

    def upcoming_meeting(self, committee_id: str, today: date) -> MeetingInfo | None:
        """The first meeting of a committee dated today or later, planned or published."""
        candidates = [
            self.meeting(row[0])
            for row in self._conn.execute(
                "SELECT id FROM planned_meetings WHERE committee_id = ? AND date >= ?",
                (committee_id, today.isoformat()),
            )
        ]
        if self._published is not None:
            candidates += [
                self.meeting(row[0])
                for row in self._conn.execute(
                    "SELECT id FROM pub.meetings WHERE committee_id = ? AND date >= ?",
                    (committee_id, today.isoformat()),
                )
            ]
        return min(candidates, key=lambda info: info.sort_key, default=None)

    def question_meetings(self, today: date | None = None) -> list[MeetingInfo]:
        """Meetings "My questions" offers: those holding questions, planned ones, and upcoming ones."""
        today = today or date.today()
        meeting_ids = {
            row[0]
            for row in self._conn.execute(
                "SELECT DISTINCT meeting_id FROM notes WHERE kind = 'question' AND deleted_at IS NULL "
                "AND meeting_id IS NOT NULL"
            )
        }
        meeting_ids.update(row[0] for row in self._conn.execute("SELECT id FROM planned_meetings"))
        if self._published is not None:
            meeting_ids.update(
                row[0]
                for row in self._conn.execute("SELECT id FROM pub.meetings WHERE date >= ?", (today.isoformat(),))
            )
        return sorted((self.meeting(mid) for mid in meeting_ids), key=lambda info: (info.sort_key, info.id))

    # -- reading notes ------------------------------------------------------------------------------

    def _select(self, where: str, params: Iterable[object] = (), order: str = "created_at, uuid") -> list[Note]:
        detached = f"NOT {target_exists_sql('notes')}" if self._published is not None else "0"
        sql = f"SELECT {', '.join(_COLUMNS)}, {detached} FROM notes WHERE {where} ORDER BY {order}"
        return [Note(*row[:-1], detached=bool(row[-1])) for row in self._conn.execute(sql, tuple(params))]

    def get(self, note_uuid: str) -> Note | None:
        """The note with this uuid, deleted or not."""
        found = self._select("uuid = ?", (note_uuid,))
        return found[0] if found else None

    def notes_for(self, target_id: str) -> list[Note]:
        """What the member wrote about one record, oldest first."""
        return self._select("target_id = ? AND deleted_at IS NULL", (target_id,))

    def all_notes(self, include_deleted: bool = False) -> list[Note]:
        """Every note, each marked detached when its record is not in the open release."""
        where = "1" if include_deleted else "deleted_at IS NULL"
        return self._select(where, order="target_meeting_id, target_id, created_at, uuid")

    def has_notes(self, target_ids: Iterable[str]) -> set[str]:
        """The ids among ``target_ids`` that have at least one note or question (for table badges)."""
        return set(self.note_counts(target_ids))

    def note_counts(self, target_ids: Iterable[str], within: bool = False) -> dict[str, int]:
        """Notes per id; with ``within``, also those on records inside it (a meeting's items and records)."""
        wanted = list(dict.fromkeys(target_ids))
        if within:
            return self._counts_within(set(wanted))
        counts: dict[str, int] = {}
        for chunk in _chunks(wanted):
            marks = ", ".join("?" * len(chunk))
            for target_id, count in self._conn.execute(
                f"SELECT target_id, count(*) FROM notes WHERE deleted_at IS NULL AND target_id IN ({marks}) "
                "GROUP BY target_id",
                chunk,
            ):
                counts[target_id] = count
        return counts

    def _counts_within(self, wanted: set[str]) -> dict[str, int]:
        """Notes on each wanted id or on anything inside it (``id/…``), from one pass over the live notes'
        targets: a member's notebook is small, and the Meetings tab asks for three thousand meetings at once."""
        counts: dict[str, int] = {}
        for target_id, count in self._conn.execute(
            "SELECT target_id, count(*) FROM notes WHERE deleted_at IS NULL GROUP BY target_id"
        ):
            if target_id in wanted:
                counts[target_id] = counts.get(target_id, 0) + count
            cut = target_id.find("/")
            while cut != -1:  # each id the target lies inside: the target up to one of its slashes
                if cut + 1 < len(target_id) and (outer := target_id[:cut]) in wanted:
                    counts[outer] = counts.get(outer, 0) + count
                cut = target_id.find("/", cut + 1)
        return counts

    def questions_for_meeting(self, meeting_id: str) -> list[Note]:
        """The questions the member means to ask at a meeting, in their chosen order."""
        return self._select(
            "kind = 'question' AND meeting_id = ? AND deleted_at IS NULL", (meeting_id,), "position, created_at"
        )

    def unassigned_questions(self) -> list[Note]:
        """Questions not tied to any meeting (on an indicator, say) and not dismissed, to be added to one."""
        return self._select("kind = 'question' AND meeting_id IS NULL AND deleted_at IS NULL AND carry_dismissed = 0")

    def carry_forward_suggestions(self, meeting_id: str) -> list[Note]:
        """Unanswered questions from earlier meetings of the same committee, offered for this one."""
        meeting = self.meeting(meeting_id)
        candidates = self._select(
            "kind = 'question' AND deleted_at IS NULL AND status != 'answered' AND carry_dismissed = 0 "
            "AND meeting_id IS NOT NULL AND meeting_id != ?",
            (meeting_id,),
        )
        earlier: dict[str, MeetingInfo] = {}
        for note in candidates:
            if note.meeting_id not in earlier:
                earlier[note.meeting_id] = self.meeting(note.meeting_id)
        suggestions = [
            note
            for note in candidates
            if earlier[note.meeting_id].committee_id == meeting.committee_id
            and earlier[note.meeting_id].sort_key
            and earlier[note.meeting_id].sort_key < meeting.sort_key
        ]
        return sorted(suggestions, key=lambda note: (earlier[note.meeting_id].sort_key, note.position))

    # -- writing notes ------------------------------------------------------------------------------

    def add(
        self,
        target_id: str,
        text: str,
        *,
        question: bool = False,
        label: str | None = None,
        quote: str | None = None,
        today: date | None = None,
    ) -> Note:
        """Attach a note (or a draft question) to a record of the open release.

        A question is filed under the committee's next meeting when one is known, else under the
        meeting its record comes from. ``label``/``quote`` record what the member saw, when the
        window knows it better than the release does.
        """
        target = self.require_target(target_id)
        meeting_id = None
        if question and target.meeting_id:
            upcoming = self.upcoming_meeting(self.meeting(target.meeting_id).committee_id, today or date.today())
            meeting_id = upcoming.id if upcoming else target.meeting_id
        now = _now()
        note_uuid = str(uuid_module.uuid4())
        with self._transaction() as conn:
            position = self._next_position(meeting_id) if question else 0
            conn.execute(
                "INSERT INTO notes (uuid, kind, target_id, target_kind, target_label, target_quote, "
                "target_meeting_id, meeting_id, text, status, position, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    note_uuid,
                    "question" if question else "note",
                    target.id,
                    target.kind,
                    label if label is not None else target.label,
                    quote if quote is not None else target.quote,
                    target.meeting_id,
                    meeting_id,
                    text,
                    "draft" if question else None,
                    position,
                    now,
                    now,
                ),
            )
        return self._must_get(note_uuid)

    def _must_get(self, note_uuid: str) -> Note:
        note = self.get(note_uuid)
        if note is None:
            raise UserFacingError(f"There is no note {note_uuid!r} in your notebook; list them with 'notes list'.")
        return note

    def _next_position(self, meeting_id: str | None) -> int:
        (highest,) = self._conn.execute(
            "SELECT max(position) FROM notes WHERE kind = 'question' AND meeting_id IS ?", (meeting_id,)
        ).fetchone()
        return (highest or 0) + 1

    def update_text(self, note_uuid: str, text: str) -> bool:
        """Save what the member typed; True when it changed anything."""
        with self._transaction() as conn:
            changed = conn.execute(
                "UPDATE notes SET text = ?, updated_at = ? WHERE uuid = ? AND text != ?",
                (text, _now(), note_uuid, text),
            ).rowcount
        return bool(changed)

    def set_status(
        self, note_uuid: str, status: str, *, answer: str | None = None, answered_on: date | None = None
    ) -> Note:
        """Move a question along draft → ready → asked → answered (an answer keeps its text and date)."""
        if status not in STATUSES:
            raise UserFacingError(f"A question's status is one of {', '.join(STATUSES)}, not {status!r}.")
        note = self._must_get(note_uuid)
        if not note.is_question:
            raise UserFacingError("Only a question has a status; this is a note.")
        when = note.answered_on
        if status == "answered" and (answered_on or not when):
            when = (answered_on or date.today()).isoformat()
        with self._transaction() as conn:
            conn.execute(
                "UPDATE notes SET status = ?, answer = ?, answered_on = ?, updated_at = ? WHERE uuid = ?",
                (status, note.answer if answer is None else answer, when, _now(), note_uuid),
            )
        return self._must_get(note_uuid)

    def delete(self, note_uuid: str) -> None:
        """Put a note in the bin (kept, so it can be restored)."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE notes SET deleted_at = ?, updated_at = ? WHERE uuid = ? AND deleted_at IS NULL",
                (_now(), _now(), note_uuid),
            )

    def restore(self, note_uuid: str) -> None:
        """Undo a delete."""
        with self._transaction() as conn:
            conn.execute("UPDATE notes SET deleted_at = NULL, updated_at = ? WHERE uuid = ?", (_now(), note_uuid))

    def reorder(self, meeting_id: str, uuids: list[str]) -> None:
        """Set the order of a meeting's questions to ``uuids`` (as dragged in "My questions")."""
        with self._transaction() as conn:
            for position, note_uuid in enumerate(uuids, start=1):
                conn.execute(
                    "UPDATE notes SET position = ? WHERE uuid = ? AND meeting_id = ?", (position, note_uuid, meeting_id)
                )

    def move_question(self, note_uuid: str, index: int) -> None:
        """Move one question to ``index`` (0-based) within its meeting's list."""
        note = self._must_get(note_uuid)
        if note.meeting_id is None:
            return
        order = [q.uuid for q in self.questions_for_meeting(note.meeting_id) if q.uuid != note_uuid]
        order.insert(max(0, min(index, len(order))), note_uuid)
        self.reorder(note.meeting_id, order)

    def assign_meeting(self, note_uuid: str, meeting_id: str) -> Note:
        """File a question under a meeting (accepting a carry-forward suggestion), at the end of its list."""
        note = self._must_get(note_uuid)
        with self._transaction() as conn:
            conn.execute(
                "UPDATE notes SET meeting_id = ?, position = ?, carried_from = coalesce(?, carried_from), "
                "updated_at = ? WHERE uuid = ?",
                (meeting_id, self._next_position(meeting_id), note.meeting_id, _now(), note_uuid),
            )
        return self._must_get(note_uuid)

    def dismiss_suggestion(self, note_uuid: str) -> None:
        """Stop offering a question for another meeting (it stays where it is, and on its record)."""
        with self._transaction() as conn:
            conn.execute("UPDATE notes SET carry_dismissed = 1, updated_at = ? WHERE uuid = ?", (_now(), note_uuid))

    def upsert_rows(self, rows: Iterable[dict[str, object]]) -> tuple[int, int, int]:
        """Merge whole note rows (from an export) by uuid: new ones added, newer ones win.

        Returns (added, updated, unchanged). All or nothing: one transaction.
        """
        added = updated = unchanged = 0
        with self._transaction() as conn:
            for row in rows:
                values = [row.get(column) for column in _COLUMNS]
                existing = conn.execute("SELECT updated_at FROM notes WHERE uuid = ?", (row["uuid"],)).fetchone()
                if existing is None:
                    added += 1
                elif str(row["updated_at"]) > existing[0]:
                    updated += 1
                else:
                    unchanged += 1
                    continue
                conn.execute(
                    f"INSERT OR REPLACE INTO notes ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                    values,
                )
        return added, updated, unchanged

    def planned_meeting_rows(self) -> list[dict[str, object]]:
        cursor = self._conn.execute("SELECT id, committee_id, date, title, created_at FROM planned_meetings ORDER BY id")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def add_planned_meeting_rows(self, rows: Iterable[dict[str, object]]) -> None:
        with self._transaction() as conn:
            for row in rows:
                conn.execute(
                    "INSERT OR IGNORE INTO planned_meetings (id, committee_id, date, title, created_at) VALUES (?, ?, ?, ?, ?)",
                    (row["id"], row["committee_id"], row["date"], row.get("title") or "", row.get("created_at") or _now()),
                )


NOTE_COLUMNS = tuple(_COLUMNS)
