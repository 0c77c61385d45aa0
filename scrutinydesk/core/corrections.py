"""The officer's corrections to extracted records: kept in the master, re-applied by every build.

No extractor is perfect, so the officer fixes what it got wrong. Each fix is stored as a correction
keyed by the record's stable id, with who made it and when, and applied to the row. A rebuild from
the same minutes brings the extractor's rows back with the same ids, and re-applying the corrections
puts the officer's fixes back on them. A correction whose record no longer exists is marked
``vanished`` and listed for the officer; it is never dropped.

Kinds: ``edit`` (one field), ``delete``, ``add`` (a record the extractor missed, at a span of an
item), ``merge`` (fold one record into another), ``split`` (one record into several).
The table is officer-only: publishing leaves it out of releases.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from scrutinydesk.core import ids
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.id_matching import record_text
from scrutinydesk.core.manifest import SourceMeta

# What the officer may change on each kind of record.
EDITABLE: dict[str, tuple[str, ...]] = {
    "resolutions": ("text", "moved_by", "seconded_by"),
    "actions": ("text", "owner", "due"),
    "figures": ("indicator_code", "value", "unit", "area", "period", "quote"),
    "rag_ratings": ("subject", "rating", "ref"),
}
# The words of a record that merge joins and split divides.
TEXT_FIELD = {"resolutions": "text", "actions": "text", "figures": "quote", "rag_ratings": "subject"}
KIND_OF_TABLE = {"resolutions": "resolution", "actions": "action", "figures": "figure", "rag_ratings": "rag"}
NOUN = {"resolutions": "decision", "actions": "action", "figures": "figure", "rag_ratings": "RAG rating"}
NOUN_TITLE = {table: noun[0].upper() + noun[1:] for table, noun in NOUN.items()}
FIELD_LABELS = {
    "text": "text", "owner": "owner", "due": "due date", "moved_by": "mover", "seconded_by": "seconder",
    "indicator_code": "indicator", "value": "value", "unit": "unit", "area": "area", "period": "period",
    "quote": "quoted sentence", "subject": "subject", "rating": "rating", "ref": "plan reference",
}
UNITS = ("percent", "per_10k", "count", "days", "change_percent", "gbp")
RATINGS = ("Red", "Amber", "Green")
_REQUIRED = {("resolutions", "text"), ("actions", "text")}
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%A %d %B %Y", "%d/%m/%Y")

_DDL = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('edit', 'delete', 'add', 'merge', 'split')),
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    detail TEXT,
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'applied',
    dismissed_at TEXT
);
CREATE INDEX IF NOT EXISTS corrections_record ON corrections (record_id);
"""
_COLUMNS = ("id", "kind", "table_name", "record_id", "field", "old_value", "new_value", "detail", "who", "at",
            "status", "dismissed_at")


@dataclass(frozen=True)
class Correction:
    """One stored correction; ``old_value``/``new_value`` are decoded, ``detail`` is the kind's payload."""

    id: int
    kind: str
    table: str
    record_id: str
    field: str | None
    old_value: object
    new_value: object
    detail: dict
    who: str
    at: str
    status: str
    dismissed_at: str | None

    def describe(self) -> str:
        """One sentence for the officer: what was corrected."""
        noun, title = NOUN.get(self.table, "record"), NOUN_TITLE.get(self.table, "Record")
        if self.kind == "edit":
            label = FIELD_LABELS.get(self.field or "", self.field)
            return f"{title} {label} changed from {_shown(self.old_value)} to {_shown(self.new_value)}"
        if self.kind == "delete":
            return f"{title} deleted: {_shown(self.old_value)}"
        if self.kind == "add":
            return f"{title} added: {_shown(self.new_value)}"
        if self.kind == "merge":
            return f"Two {noun}s merged into one: {_shown(self.new_value)}"
        return f"{title} split into {len(self.detail.get('parts', []))}"


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(blank)"
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return f"“{text[:80]}…”" if len(text) > 80 else f"“{text}”"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def ensure_table(conn: sqlite3.Connection) -> None:
    """Create the officer-only table if this database has none yet (inside any open transaction)."""
    for statement in _DDL.split(";"):
        if statement.strip():
            conn.execute(statement)


def has_table(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'").fetchone() is not None


def _row_to_correction(row: tuple) -> Correction:
    values = dict(zip(_COLUMNS, row, strict=True))
    return Correction(
        id=values["id"], kind=values["kind"], table=values["table_name"], record_id=values["record_id"],
        field=values["field"], old_value=json.loads(values["old_value"] or "null"),
        new_value=json.loads(values["new_value"] or "null"), detail=json.loads(values["detail"] or "{}"),
        who=values["who"], at=values["at"], status=values["status"], dismissed_at=values["dismissed_at"],
    )


def list_corrections(conn: sqlite3.Connection, *, after_id: int = 0, include_dismissed: bool = False) -> list[Correction]:
    """Corrections in the order they were made (the order they are applied)."""
    if not has_table(conn):
        return []
    where = "" if include_dismissed else " AND dismissed_at IS NULL"
    rows = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM corrections WHERE id > ?{where} ORDER BY id", (after_id,))
    return [_row_to_correction(tuple(row)) for row in rows]


def vanished_corrections(conn: sqlite3.Connection) -> list[Correction]:
    """Corrections whose record is no longer in the database, for the officer to look at."""
    return [c for c in list_corrections(conn) if c.status == "vanished"]


def corrections_of(conn: sqlite3.Connection, record_id: str) -> list[Correction]:
    return [c for c in list_corrections(conn) if c.record_id == record_id or c.detail.get("other_id") == record_id]


def dismiss(conn: sqlite3.Connection, correction_id: int) -> None:
    """The officer has seen a vanished correction and no longer wants it applied."""
    conn.execute("UPDATE corrections SET dismissed_at = ? WHERE id = ?", (now_iso(), correction_id))


# -- values the officer types -------------------------------------------------------------------
def clean_value(conn: sqlite3.Connection, table: str, field: str, value: object) -> object:
    """The value to store for a field, or a ``UserFacingError`` saying what to type instead."""
    if field not in EDITABLE.get(table, ()):
        raise UserFacingError(f"The {FIELD_LABELS.get(field, field)} of a {NOUN.get(table, 'record')} cannot be corrected.")
    if isinstance(value, str):
        value = value.strip() or None
    if value is None:
        if (table, field) in _REQUIRED:
            raise UserFacingError(f"A {NOUN[table]} needs its text; type it or delete the {NOUN[table]} instead.")
        return None
    if field == "due":
        return iso_date(str(value), "due date")
    if field == "value":
        return _number(value)
    if field == "period":
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(value)):
            raise UserFacingError(f"The period “{value}” is not a year, month or day; type it as 2022, 2022-09 or 2022-09-30.")
        return str(value)
    if field == "rating":
        rating = str(value).capitalize()
        if rating not in RATINGS:
            raise UserFacingError(f"The rating “{value}” is not Red, Amber or Green; choose one of those.")
        return rating
    if field == "unit" and value not in UNITS:
        raise UserFacingError(f"The unit “{value}” is not one of {', '.join(UNITS)}; choose one of those or leave it blank.")
    if field == "indicator_code" and not conn.execute("SELECT 1 FROM indicators WHERE code = ?", (value,)).fetchone():
        raise UserFacingError(f"No indicator “{value}” is in the catalogue; choose one from the list or leave it blank.")
    return str(value)


def iso_date(text: str, label: str) -> str:
    """``2022-11-15`` from "15 November 2022", "15 Nov 2022", "15/11/2022" or the ISO form."""
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    raise UserFacingError(f"The {label} “{text}” is not a date; type it as 15 November 2022 or 2022-11-15.")


def _number(value: object) -> float:
    if isinstance(value, int | float):
        return float(value)
    text = re.sub(r"[£,%\s]", "", str(value))
    try:
        return float(text)
    except ValueError:
        raise UserFacingError(f"The value “{value}” is not a number; type digits only, such as 484 or 12.5.") from None


# -- recording corrections ---------------------------------------------------------------------
def _row(conn: sqlite3.Connection, table: str, record_id: str) -> dict | None:
    cursor = conn.execute(f"SELECT * FROM {_table(table)} WHERE id = ?", (record_id,))
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None


def _table(table: str) -> str:
    if table not in EDITABLE:
        raise ValueError(f"not a record table: {table}")
    return table


def _existing(conn: sqlite3.Connection, table: str, record_id: str) -> dict:
    row = _row(conn, table, record_id)
    if row is None:
        raise UserFacingError(f"The {NOUN.get(table, 'record')} {record_id} is no longer in the master; reload the review.")
    return row


def _store(conn: sqlite3.Connection, kind: str, table: str, record_id: str, who: str, *, field: str | None = None,
           old: object = None, new: object = None, detail: dict | None = None) -> Correction:
    ensure_table(conn)
    cursor = conn.execute(
        "INSERT INTO corrections (kind, table_name, record_id, field, old_value, new_value, detail, who, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (kind, table, record_id, field, json.dumps(old), json.dumps(new), json.dumps(detail or {}), who, now_iso()),
    )
    correction = list_corrections(conn, after_id=cursor.lastrowid - 1)[0]
    if not _apply_one(conn, correction):
        raise UserFacingError(f"The {NOUN[table]} {record_id} could not be corrected; reload the review.")
    return correction


def edit(conn: sqlite3.Connection, table: str, record_id: str, changes: dict[str, object], who: str) -> list[Correction]:
    """Store and apply one correction per field that really changes; returns them."""
    row = _existing(conn, table, record_id)
    made = []
    for field, raw in changes.items():
        value = clean_value(conn, table, field, raw)
        if value != row[field]:
            made.append(_store(conn, "edit", table, record_id, who, field=field, old=row[field], new=value))
    return made


def delete(conn: sqlite3.Connection, table: str, record_id: str, who: str) -> Correction:
    row = _existing(conn, table, record_id)
    return _store(conn, "delete", table, record_id, who, old=row[TEXT_FIELD[table]])


def add(conn: sqlite3.Connection, table: str, item_id: str, span: tuple[int, int] | None, fields: dict[str, object],
        who: str) -> str:
    """A record the extractor missed, at ``span`` of the minutes; returns its new id."""
    clean = {f: clean_value(conn, table, f, v) for f, v in fields.items()}
    if not clean.get(TEXT_FIELD[table]):
        raise UserFacingError(f"Select the words of the {NOUN[table]} in the minutes before adding it.")
    clean["span_start"], clean["span_end"] = span or (None, None)
    record_id = _new_id(conn, table, item_id, clean)
    _store(conn, "add", table, record_id, who, new=clean[TEXT_FIELD[table]], detail={"item_id": item_id, "fields": clean})
    return record_id


def merge(conn: sqlite3.Connection, table: str, keep_id: str, other_id: str, who: str) -> Correction:
    """Fold ``other_id`` into ``keep_id`` (the same thing said twice, or one record cut in two)."""
    if keep_id == other_id:
        raise UserFacingError("Choose two different records to merge.")
    keep, other = _existing(conn, table, keep_id), _existing(conn, table, other_id)
    if keep["meeting_id"] != other["meeting_id"]:
        raise UserFacingError(f"Only {NOUN[table]}s of the same meeting can be merged; these come from two meetings.")
    fields = _merged_fields(table, keep, other)
    return _store(conn, "merge", table, keep_id, who, new=fields[TEXT_FIELD[table]],
                  detail={"other_id": other_id, "fields": fields})


def split(conn: sqlite3.Connection, table: str, record_id: str, parts: list[str], who: str,
          document_text: str | None = None) -> list[str]:
    """Split a record into the given parts of its words; the first part keeps the record's id."""
    row = _existing(conn, table, record_id)
    parts = [p.strip() for p in parts if p and p.strip()]
    if len(parts) < 2:
        raise UserFacingError("Put the cursor where the second record starts (or type a blank line between them), then split.")
    text_field = TEXT_FIELD[table]
    payload = []
    taken: set[str] = set()
    for number, words in enumerate(parts):
        fields = {f: row[f] for f in EDITABLE[table]} | {text_field: words}
        fields["span_start"], fields["span_end"] = _span_of(words, row, document_text)
        part_id = record_id if number == 0 else _new_id(conn, table, row["item_id"], fields, taken)
        taken.add(part_id)
        payload.append({"id": part_id, "fields": fields})
    _store(conn, "split", table, record_id, who, old=row[text_field], new=parts, detail={"parts": payload})
    return [p["id"] for p in payload]


def _merged_fields(table: str, keep: dict, other: dict) -> dict:
    text_field = TEXT_FIELD[table]
    first, second = (keep, other) if (keep["span_start"] or 0) <= (other["span_start"] or 0) else (other, keep)
    a, b = (first[text_field] or "").strip(), (second[text_field] or "").strip()
    text = a if b in a else b if a in b else f"{a} {b}"
    fields: dict[str, object] = {text_field: text}
    for field in EDITABLE[table]:
        if field != text_field and keep[field] is None and other[field] is not None:
            fields[field] = other[field]
    starts = [r["span_start"] for r in (keep, other) if r["span_start"] is not None]
    ends = [r["span_end"] for r in (keep, other) if r["span_end"] is not None]
    if starts and ends:
        fields["span_start"], fields["span_end"] = min(starts), max(ends)
    if table == "resolutions":
        fields["parts"] = json.dumps(json.loads(keep["parts"] or "[]") + json.loads(other["parts"] or "[]"))
    return fields


def _span_of(words: str, row: dict, document_text: str | None) -> tuple[int | None, int | None]:
    """Where a part's words sit in the minutes, searched within the record's own span."""
    start, end = row.get("span_start"), row.get("span_end")
    if document_text is None or start is None or end is None:
        return start, end
    found = document_text.find(words, start, end)
    if found < 0:
        found = document_text.find(words[:40], start, end)
        return (found, min(end, found + len(words))) if found >= 0 else (start, end)
    return found, found + len(words)


def _new_id(conn: sqlite3.Connection, table: str, item_id: str, fields: dict, taken: set[str] | None = None) -> str:
    base = ids.record_id(item_id, KIND_OF_TABLE[table], record_text(table, fields))
    candidate, number = base, 1
    while (taken and candidate in taken) or conn.execute(
        f"SELECT 1 FROM {_table(table)} WHERE id = ?", (candidate,)
    ).fetchone():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


# -- applying --------------------------------------------------------------------------------
def _apply_one(conn: sqlite3.Connection, c: Correction) -> bool:
    """Apply one correction; False when its record (or the item it belongs to) is not there."""
    table = _table(c.table)
    if c.kind == "edit":
        if c.field not in EDITABLE[table]:
            return False
        return conn.execute(f"UPDATE {table} SET {c.field} = ? WHERE id = ?", (c.new_value, c.record_id)).rowcount > 0
    if c.kind == "delete":
        return conn.execute(f"DELETE FROM {table} WHERE id = ?", (c.record_id,)).rowcount > 0
    if c.kind == "add":
        return _insert(conn, table, c.record_id, c.detail["item_id"], c.detail["fields"], c.who)
    if c.kind == "merge":
        other = c.detail["other_id"]
        if _row(conn, table, c.record_id) is None or _row(conn, table, other) is None:
            return False
        _update(conn, table, c.record_id, c.detail["fields"])
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (other,))
        return True
    if c.kind == "split":
        row = _row(conn, table, c.record_id)
        if row is None:
            return False
        first, *rest = c.detail["parts"]
        _update(conn, table, c.record_id, first["fields"])
        for part in rest:
            _insert(conn, table, part["id"], row["item_id"], part["fields"], c.who)
        return True
    return False


def _writable(table: str, fields: dict) -> dict:
    allowed = set(EDITABLE[table]) | {"span_start", "span_end"} | ({"parts"} if table == "resolutions" else set())
    return {k: v for k, v in fields.items() if k in allowed}


def _update(conn: sqlite3.Connection, table: str, record_id: str, fields: dict) -> None:
    fields = _writable(table, fields)
    if fields:
        assignments = ", ".join(f"{name} = ?" for name in fields)
        conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*fields.values(), record_id))


def _insert(conn: sqlite3.Connection, table: str, record_id: str, item_id: str, fields: dict, who: str) -> bool:
    """Insert a record the officer added (kept as it is if the extractor now finds it too)."""
    item = conn.execute("SELECT meeting_id FROM items WHERE id = ?", (item_id,)).fetchone()
    if item is None:
        return False
    row = {"id": record_id, "item_id": item_id, "meeting_id": item[0]} | _writable(table, fields)
    if table == "actions":
        row |= {"status": "open", "explicit": 1}
    elif table == "resolutions":
        row.setdefault("parts", "[]")
        row["routine"] = 0
    names = ", ".join(row)
    conn.execute(f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
    _update(conn, table, record_id, fields)
    if table == "actions" and not conn.execute(
        "SELECT 1 FROM action_history WHERE action_id = ?", (record_id,)
    ).fetchone():
        meeting_date = conn.execute("SELECT date FROM meetings WHERE id = ?", (item[0],)).fetchone()
        conn.execute(
            "INSERT INTO action_history (action_id, at, who, field, new_value, outcome, note) "
            "VALUES (?, ?, 'Minutes', 'status', 'open', 'recorded', ?)",
            (record_id, meeting_date[0] if meeting_date else None,
             f"Recorded in the minutes of the meeting (added by {who} on review)"),
        )
    return True


def _in_scope(c: Correction, meetings: set[str] | None) -> bool:
    if meetings is None:
        return True
    anchor = c.detail.get("item_id") or c.record_id
    return any(anchor.startswith(f"{meeting}/") for meeting in meetings)


def apply_corrections(conn: sqlite3.Connection, meetings: Iterable[str] | None = None) -> list[Correction]:
    """Re-apply every correction (or those of ``meetings``) to freshly extracted rows; returns the vanished.

    Each correction's status says whether it found its record this time, so the officer's list of
    vanished corrections is always the one from the last build or import.
    """
    if not has_table(conn):
        return []
    scope = set(meetings) if meetings is not None else None
    vanished = []
    for correction in list_corrections(conn):
        if not _in_scope(correction, scope):
            continue
        applied = _apply_one(conn, correction)
        status = "applied" if applied else "vanished"
        if status != correction.status:
            conn.execute("UPDATE corrections SET status = ? WHERE id = ?", (status, correction.id))
        if not applied:
            vanished.append(correction)
    return vanished


def apply_corrections_from(conn: sqlite3.Connection, source: Path | None) -> list[Correction]:
    """For ``build --keep-ids-from OLD``: copy OLD's corrections into the new database and apply them."""
    if source is None or not Path(source).is_file():
        return []
    old = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
    try:
        if not has_table(old):
            return []
        rows = old.execute(f"SELECT {', '.join(_COLUMNS)} FROM corrections ORDER BY id").fetchall()
    except sqlite3.DatabaseError:
        return []
    finally:
        old.close()
    ensure_table(conn)
    conn.executemany(f"INSERT OR REPLACE INTO corrections ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                     rows)
    return apply_corrections(conn)


def vanished_report(database: Path) -> list[str]:
    """Lines naming each correction a build could not re-apply because its record vanished."""
    conn = sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [f"Correction no longer matching a record ({c.record_id}): {c.describe()}, by {c.who} on {c.at[:10]}."
                for c in vanished_corrections(conn)]
    finally:
        conn.close()


def filings(database: Path) -> dict[str, tuple[str | None, str | None, int | None]]:
    """``{source sha256: (committee, date, year)}``: where a database filed each minutes file it holds."""
    conn = sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT d.sha256, c.id, c.name, m.date, m.year FROM documents d JOIN meetings m ON m.id = d.meeting_id "
            "LEFT JOIN committees c ON c.id = m.committee_id WHERE d.sha256 IS NOT NULL"
        ).fetchall()
    except sqlite3.DatabaseError:
        return {}
    finally:
        conn.close()
    return {sha: (None if committee_id == ids.committee_id(None) else name, date, year)
            for sha, committee_id, name, date, year in rows}


def keep_filing(documents: Iterable, old_db: Path | None) -> Iterator:
    """Documents the old database already holds stay filed under the committee and date it gave them.

    The officer confirms (or types) each file's committee and date at import; a rebuild with
    ``--keep-ids-from MASTER`` must not undo that any more than it undoes a correction, or every
    record of a re-filed meeting would change id. ``documents`` are ``ExtractedDocument``s.
    """
    known = filings(Path(old_db)) if old_db is not None and Path(old_db).is_file() else {}
    for doc in documents:
        sha = (doc.document.get("source") or {}).get("sha256")
        if sha in known:
            committee, date, year = known[sha]
            document = dict(doc.document) | {"meeting": {"committee": committee, "date": date}}
            doc = replace(doc, document=document,
                          meta=replace(doc.meta or SourceMeta(), committee=committee, date=date, year=year))
        yield doc
