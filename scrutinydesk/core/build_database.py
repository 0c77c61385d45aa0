"""Turn extractions of minutes plus indicator data into a new published-format database.

The database is written beside its destination under a temporary name and renamed into place only
when whole, so a failed or interrupted build never leaves a half-written file under ``OUT.db`` and
never touches the previous one.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from scrutinydesk.core import ids
from scrutinydesk.core.corrections import apply_corrections_from, keep_filing
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.id_matching import carry_over_ids, record_text
from scrutinydesk.core.manifest import SourceMeta
from scrutinydesk.core.schema import SCHEMA_VERSION, create_schema, refresh_search_index


@dataclass(frozen=True)
class ExtractedDocument:
    """One minutes file as the extractor returned it: the text spans point into, and its records."""

    text: str
    document: dict
    meta: SourceMeta | None = None


@dataclass
class BuildInputs:
    """Everything a build reads besides the minutes."""

    catalogue: list[dict] = field(default_factory=list)
    indicator_values: list[dict] = field(default_factory=list)
    neighbours: list[dict] = field(default_factory=list)
    keep_ids_from: Path | None = None
    council: str | None = None
    region: str | None = None


@dataclass
class BuildSummary:
    meetings: int = 0
    items: int = 0
    resolutions: int = 0
    actions: int = 0
    figures: int = 0
    rag: int = 0
    kept_ids: int = 0

    def line(self) -> str:
        return (
            f"{self.meetings} meetings, {self.items} items, {self.resolutions} resolutions, "
            f"{self.actions} actions, {self.figures} figures, {self.rag} RAG ratings"
        )


# (kind used in ids, table, key in the extraction document)
_KINDS = (
    ("resolution", "resolutions", "resolutions"),
    ("action", "actions", "actions"),
    ("figure", "figures", "figures"),
    ("rag", "rag_ratings", "rag"),
)


def _span(record: dict) -> tuple[int | None, int | None]:
    span = record.get("span") or [None, None]
    return span[0], span[1]


def _meeting_row(doc: ExtractedDocument) -> tuple[str, str, dict]:
    meeting = doc.document.get("meeting") or {}
    meta = doc.meta or SourceMeta()
    committee = meeting.get("committee") or meta.committee
    date = meeting.get("date") or meta.date
    year = int(date[:4]) if date else meta.year
    committee_key = ids.committee_id(committee)
    sha = (doc.document.get("source") or {}).get("sha256") or ids.short_hash(doc.text, 12)
    meeting_key = ids.meeting_id(committee_key, date, year, sha)
    row = {"id": meeting_key, "committee_id": committee_key, "date": date, "year": year,
           "title": meta.title}
    return committee_key, committee or "Committee not known", row


class _Writer:
    """Accumulates rows for one build; knows how records map to items and ids."""

    def __init__(self) -> None:
        self.committees: dict[str, dict] = {}
        self.meetings: dict[str, dict] = {}
        self.documents: list[dict] = []
        self.items: list[dict] = []
        self.records: dict[str, list[dict]] = {"resolutions": [], "actions": [], "figures": [], "rag_ratings": []}
        self.item_positions: dict[str, int] = {}

    def add(self, doc: ExtractedDocument) -> None:
        committee_key, committee_name, meeting = _meeting_row(doc)
        self.committees.setdefault(committee_key, {"id": committee_key, "name": committee_name})
        self.meetings.setdefault(meeting["id"], meeting)
        source = doc.document.get("source") or {}
        document_id = f"doc-{(source.get('sha256') or ids.short_hash(doc.text, 12))[:12]}"
        meta = doc.meta or SourceMeta()
        self.documents.append({
            "id": document_id, "meeting_id": meeting["id"], "path": Path(source.get("path", "")).name,
            "sha256": source.get("sha256"), "source_url": meta.source_url, "certainty": meta.certainty,
            "text": doc.text,
        })
        item_keys = self._add_items(doc, meeting["id"], document_id, meta)
        for kind, table, source_kind in _KINDS:
            for record in doc.document.get(source_kind) or []:
                item = item_keys.get(record.get("item")) or next(iter(item_keys.values()))
                row = self._record_row(kind, record, item, meeting["id"])
                row["id"] = ids.record_id(item, kind, record_text(table, row))
                self.records[table].append(row)

    def _add_items(self, doc: ExtractedDocument, meeting_key: str, document_id: str,
                   meta: SourceMeta) -> dict[str, str]:
        items = doc.document.get("items") or [{"key": "i1", "span": [0, len(doc.text)]}]
        keys: dict[str, str] = {}
        for item in items:
            position = self.item_positions.get(meeting_key, 0) + 1
            self.item_positions[meeting_key] = position
            start, end = item.get("span") or [0, len(doc.text)]
            single = len(items) == 1
            item_key = ids.item_id(meeting_key, item.get("number"), position)
            keys[item.get("key")] = item_key
            self.items.append({
                "id": item_key, "meeting_id": meeting_key, "document_id": document_id, "position": position,
                "number": item.get("number"), "title": item.get("title") or (meta.title if single else None),
                "report_ref": item.get("report_ref") or (meta.report_ref if single else None),
                "text_start": start, "text_end": end, "text": doc.text[start:end],
            })
        return keys

    @staticmethod
    def _record_row(kind: str, record: dict, item: str, meeting_key: str) -> dict:
        start, end = _span(record)
        base = {"item_id": item, "meeting_id": meeting_key, "span_start": start, "span_end": end}
        if kind == "resolution":
            return base | {"text": record.get("text", ""), "parts": json.dumps(record.get("parts") or []),
                           "moved_by": record.get("moved_by"), "seconded_by": record.get("seconded_by"),
                           "routine": int(bool(record.get("routine")))}
        if kind == "action":
            return base | {"owner": record.get("owner"), "text": record.get("text", ""), "due": record.get("due"),
                           "explicit": int(bool(record.get("explicit"))), "status": "open"}
        if kind == "figure":
            value = record.get("value")
            return base | {"indicator_code": record.get("indicator"),
                           "value": float(value) if isinstance(value, int | float) else None,
                           "unit": record.get("unit"), "area": record.get("area"), "period": record.get("period"),
                           "comparators": json.dumps(record.get("comparators") or {}), "quote": record.get("quote")}
        return base | {"ref": record.get("ref"), "subject": record.get("subject"), "rating": record.get("rating")}

    def finalise_ids(self, keep_ids_from: Path | None) -> int:
        """Make ids unique per table and, with an old database, carry its ids over to matching records."""
        for rows in self.records.values():
            for row, unique in zip(rows, ids.unique_ids([r["id"] for r in rows]), strict=True):
                row["id"] = unique
        if keep_ids_from is None:
            return 0
        return carry_over_ids(keep_ids_from, self.records)


def _write(db: sqlite_utils.Database, writer: _Writer, inputs: BuildInputs) -> None:
    create_schema(db)
    db["committees"].insert_all(writer.committees.values())
    db["meetings"].insert_all(writer.meetings.values())
    db["documents"].insert_all(writer.documents)
    db["items"].insert_all(writer.items, replace=True)
    for table, rows in writer.records.items():
        db[table].insert_all(rows, replace=True)
    history = [
        {"action_id": row["id"], "at": writer.meetings[row["meeting_id"]].get("date"), "who": "Minutes",
         "field": "status", "new_value": "open", "outcome": "recorded",
         "note": "Recorded in the minutes of the meeting"}
        for row in writer.records["actions"]
    ]
    db["action_history"].insert_all(history)
    db["indicators"].insert_all(inputs.catalogue, replace=True)
    db["indicator_values"].insert_all(inputs.indicator_values, replace=True)
    db["statistical_neighbours"].insert_all(inputs.neighbours, replace=True)
    db["meta"].insert_all([
        {"key": "schema_version", "value": str(SCHEMA_VERSION)},
        {"key": "built_at", "value": datetime.now(UTC).isoformat(timespec="seconds")},
        {"key": "release_version", "value": ""},
        *([{"key": "council_area", "value": inputs.council}] if inputs.council else []),
        *([{"key": "council_region", "value": inputs.region}] if inputs.region else []),
    ], replace=True)
    # The officer's corrections kept in the database the ids come from are re-applied (core.corrections).
    apply_corrections_from(db.conn, inputs.keep_ids_from)
    refresh_search_index(db)
    # Table statistics (sqlite_stat1) let the read-only window's queries walk the register indexes.
    db.execute("ANALYZE")


def build_database(out: Path, documents: Iterable[ExtractedDocument], inputs: BuildInputs) -> BuildSummary:
    """Write a new database to ``out`` atomically and return what it holds."""
    writer = _Writer()
    for doc in keep_filing(documents, inputs.keep_ids_from):  # filed as the old database filed them (core.corrections)
        writer.add(doc)
    kept = writer.finalise_ids(inputs.keep_ids_from)
    out = out.resolve()
    temp = out.with_name(f".{out.name}.{os.getpid()}.building")
    try:
        conn = sqlite3.connect(temp)
        # The temporary file is discarded unless whole and is fsynced once before the rename, so
        # per-commit journalling and syncing (one per sqlite-utils batch) buys nothing but time.
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.execute("PRAGMA synchronous = OFF")
        try:
            with conn:
                _write(sqlite_utils.Database(conn), writer, inputs)
        finally:
            conn.close()
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, out)
    except (OSError, sqlite3.Error) as error:
        raise UserFacingError(
            f"Could not write the database at {out} ({getattr(error, 'strerror', None) or error}); "
            "choose a folder you can write to."
        ) from None
    finally:
        temp.unlink(missing_ok=True)
    return BuildSummary(
        meetings=len(writer.meetings), items=len(writer.items),
        resolutions=len(writer.records["resolutions"]), actions=len(writer.records["actions"]),
        figures=len(writer.records["figures"]), rag=len(writer.records["rag_ratings"]), kept_ids=kept,
    )
