"""The published database's schema: one place that creates it, versions it and fingerprints it.

The fingerprint (``schema_sha256``) lets a member's laptop reject a release whose schema was
altered (an injected trigger or view) before it ever runs a query against it.
"""
from __future__ import annotations

import hashlib
import sqlite3

import sqlite_utils

APPLICATION_ID = 0x53435244  # "SCRD"
SCHEMA_VERSION = 1

_TABLES: dict[str, tuple[dict[str, type], str | tuple[str, ...]]] = {
    "meta": ({"key": str, "value": str}, "key"),
    "committees": ({"id": str, "name": str}, "id"),
    "meetings": (
        {"id": str, "committee_id": str, "date": str, "year": int, "title": str},
        "id",
    ),
    "documents": (
        {"id": str, "meeting_id": str, "path": str, "sha256": str, "source_url": str,
         "certainty": str, "text": str},
        "id",
    ),
    "items": (
        {"id": str, "meeting_id": str, "document_id": str, "position": int, "number": str,
         "title": str, "report_ref": str, "text_start": int, "text_end": int, "text": str},
        "id",
    ),
    "resolutions": (
        {"id": str, "item_id": str, "meeting_id": str, "text": str, "parts": str,
         "moved_by": str, "seconded_by": str, "routine": int, "span_start": int, "span_end": int},
        "id",
    ),
    "actions": (
        {"id": str, "item_id": str, "meeting_id": str, "owner": str, "text": str, "due": str,
         "explicit": int, "status": str, "completed_at": str, "span_start": int, "span_end": int},
        "id",
    ),
    "action_history": (
        {"id": int, "action_id": str, "at": str, "who": str, "device_id": str, "event_id": str,
         "field": str, "old_value": str, "new_value": str, "note": str, "outcome": str},
        "id",
    ),
    "figures": (
        {"id": str, "item_id": str, "meeting_id": str, "indicator_code": str, "value": float,
         "unit": str, "area": str, "period": str, "comparators": str, "quote": str,
         "span_start": int, "span_end": int},
        "id",
    ),
    "rag_ratings": (
        {"id": str, "item_id": str, "meeting_id": str, "ref": str, "subject": str, "rating": str,
         "span_start": int, "span_end": int},
        "id",
    ),
    "indicators": (
        {"code": str, "name": str, "definition": str, "unit": str, "polarity": str,
         "polarity_source": str, "comparators": str, "source_publication": str, "source_url": str},
        "code",
    ),
    "indicator_values": (
        {"code": str, "area": str, "period": str, "value": float, "source": str},
        ("code", "area", "period"),
    ),
    "statistical_neighbours": (
        {"area": str, "version": str, "neighbour": str, "closeness": str, "source_url": str},
        ("area", "version", "neighbour"),
    ),
    "chairs": (
        {"key_id": str, "name": str, "public_key": str, "committees": str, "registered_at": str,
         "revoked_at": str},
        "key_id",
    ),
    # Chairs' signed changes as merged (the whole signed file in ``document``), what became of each
    # (held until earlier ones arrive, applied, recorded, conflict, rejected), and the officer's
    # queue of conflicts; ``ingested`` is the highest contiguous seq merged per device (the ack).
    "events": (
        {"event_id": str, "device_id": str, "seq": int, "key_id": str, "action_id": str, "field": str,
         "base_version": int, "document": str, "received_at": str, "outcome": str, "reason": str},
        "event_id",
    ),
    "conflicts": (
        {"event_id": str, "action_id": str, "field": str, "old_value_seen": str, "master_value": str,
         "new_value": str, "note": str, "who": str, "device_id": str, "queued_at": str,
         "resolved_at": str, "resolution": str},
        "event_id",
    ),
    "ingested": ({"device_id": str, "seq": int}, "device_id"),
}

_NOT_NULL: dict[str, set[str]] = {
    "meetings": {"committee_id"},
    "items": {"meeting_id"},
    "resolutions": {"item_id", "meeting_id", "text"},
    "actions": {"item_id", "meeting_id", "text", "status"},
    "figures": {"item_id", "meeting_id"},
    "action_history": {"action_id", "outcome"},
    "events": {"device_id", "seq", "key_id", "document", "outcome"},
}

_FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "meetings": [("committee_id", "committees", "id")],
    "documents": [("meeting_id", "meetings", "id")],
    "items": [("meeting_id", "meetings", "id"), ("document_id", "documents", "id")],
    "resolutions": [("item_id", "items", "id"), ("meeting_id", "meetings", "id")],
    "actions": [("item_id", "items", "id"), ("meeting_id", "meetings", "id")],
    "figures": [("item_id", "items", "id"), ("meeting_id", "meetings", "id")],
    "rag_ratings": [("item_id", "items", "id"), ("meeting_id", "meetings", "id")],
}

# Every filter and sort the window offers has an index, so no interaction scans a table.
_INDEXES: dict[str, list[list[str]]] = {
    "meetings": [["committee_id", "date"], ["date"]],
    "items": [["meeting_id", "position"], ["title", "id"]],
    "resolutions": [["meeting_id"], ["item_id"], ["moved_by", "id"], ["seconded_by", "id"], ["routine", "id"]],
    "actions": [["meeting_id"], ["item_id"], ["status", "due"], ["status", "id"], ["due", "id"], ["owner", "id"]],
    "action_history": [["action_id", "at"]],
    "events": [["device_id", "seq"], ["outcome"]],
    "conflicts": [["resolved_at"]],
    "figures": [["meeting_id"], ["item_id"], ["indicator_code", "period"]],
    "rag_ratings": [["meeting_id"], ["item_id"], ["ref"]],
    "indicator_values": [["code", "period"]],
}

# The registers' default orders (core.table_queries): meetings newest first; actions open first, by due date.
_EXPRESSION_INDEXES: dict[str, str] = {
    "idx_meetings_when": "meetings(coalesce(date, year))",
    "idx_actions_register_order": "actions((status = 'completed'), (due IS NULL), due)",
}

# Full-text search: table -> columns indexed.
FTS_TABLES: dict[str, list[str]] = {
    "items": ["title", "text"],
    "resolutions": ["text", "moved_by", "seconded_by"],
    "actions": ["text", "owner"],
}


def create_schema(db: sqlite_utils.Database) -> None:
    """Create every table, index and FTS index of an empty published database."""
    for name, (columns, pk) in _TABLES.items():
        db[name].create(
            columns,
            pk=pk,
            not_null=_NOT_NULL.get(name),
            foreign_keys=_FOREIGN_KEYS.get(name),
            if_not_exists=True,
        )
    for name, indexes in _INDEXES.items():
        for cols in indexes:
            db[name].create_index(cols, if_not_exists=True)
    for name, target in _EXPRESSION_INDEXES.items():
        db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    for name, cols in FTS_TABLES.items():
        db[name].enable_fts(cols, create_triggers=False, tokenize="porter", replace=True)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def refresh_search_index(db: sqlite_utils.Database) -> None:
    """Rebuild the FTS indexes from their tables (they carry no triggers, so writers call this)."""
    for name in FTS_TABLES:
        db[name].rebuild_fts()


def schema_sha256(conn: sqlite3.Connection) -> str:
    """A fingerprint of every table, index, view and trigger definition in a database."""
    rows = conn.execute(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    digest = hashlib.sha256()
    for row in rows:
        digest.update("\x1f".join(str(part) for part in row).encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()


def expected_schema_sha256() -> str:
    """The fingerprint of the schema this version of the app creates."""
    conn = sqlite3.connect(":memory:")
    try:
        create_schema(sqlite_utils.Database(conn))
        return schema_sha256(conn)
    finally:
        conn.close()
