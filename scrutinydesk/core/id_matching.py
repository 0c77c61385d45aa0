"""Carry record ids over from an older database (``build --keep-ids-from``).

A record whose text changed a little between two builds (a corrected typo, a re-extracted span)
keeps its old id when it is the closest match within the same item, so notes and chairs' changes
made against the old release still find it.
"""
from __future__ import annotations

import sqlite3
from difflib import SequenceMatcher
from pathlib import Path

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.ids import normalised

# The text that identifies a record of each table, as SQL over the old database and as Python over new rows.
_TEXT_SQL = {
    "resolutions": "text",
    "actions": "coalesce(owner, '') || ' ' || text",
    "figures": "coalesce(value, '') || ' ' || coalesce(quote, '')",
    "rag_ratings": "coalesce(ref, '') || ' ' || coalesce(subject, '')",
}
SIMILAR_ENOUGH = 0.75


def record_text(table: str, row: dict) -> str:
    """The words that identify a record row: what its id hashes and what matching compares."""
    if table == "resolutions":
        return row.get("text") or ""
    if table == "actions":
        return f"{row.get('owner') or ''} {row.get('text') or ''}"
    if table == "figures":
        return f"{row.get('value')} {row.get('quote') or ''}"
    return f"{row.get('ref') or ''} {row.get('subject') or ''}"


def _old_records(path: Path, table: str) -> dict[str, list[tuple[str, str]]]:
    """``{item id: [(record id, normalised text)]}`` from the old database, opened read-only."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        raise UserFacingError(f"The old database {path} could not be opened; check the --keep-ids-from path.") from None
    try:
        rows = conn.execute(f"SELECT item_id, id, {_TEXT_SQL[table]} FROM {table}").fetchall()
    except sqlite3.DatabaseError:
        raise UserFacingError(f"{path} is not a scrutinydesk database; check the --keep-ids-from path.") from None
    finally:
        conn.close()
    by_item: dict[str, list[tuple[str, str]]] = {}
    for item, record, text in rows:
        by_item.setdefault(item, []).append((record, normalised(str(text))))
    return by_item


def carry_over_ids(old_db: Path, records: dict[str, list[dict]]) -> int:
    """Give new rows the ids of their closest old counterparts in the same item; returns how many moved."""
    if not old_db.is_file():
        raise UserFacingError(f"The old database {old_db} does not exist; check the --keep-ids-from path.")
    moved = 0
    for table, rows in records.items():
        old = _old_records(old_db, table)
        taken = {row["id"] for row in rows}
        for row in rows:
            candidates = [(rid, text) for rid, text in old.get(row["item_id"], []) if rid not in taken]
            if not candidates or any(rid == row["id"] for rid, _ in old.get(row["item_id"], [])):
                continue
            text = normalised(record_text(table, row))
            best_id, best = max(
                ((rid, SequenceMatcher(None, text, old_text).ratio()) for rid, old_text in candidates),
                key=lambda pair: pair[1],
            )
            if best >= SIMILAR_ENOUGH:
                taken.discard(row["id"])
                row["id"] = best_id
                taken.add(best_id)
                moved += 1
    return moved
