"""The officer's review decisions, each one transaction on the master: the correction and the queue's state.

The review screen calls only these, so what a keystroke does to the master is written once, tested
without a window, and always leaves the corrections, the queue and the search index in step.
"""
from __future__ import annotations

import re
from pathlib import Path

from scrutinydesk.core import corrections, review_queue
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.master import writing
from scrutinydesk.core.search_index import reindexed

_NUMBER = re.compile(r"£?\d[\d,]*(?:\.\d+)?")


def accept(master: Path, import_id: int, record_id: str, who: str) -> None:
    with writing(master) as conn:
        review_queue.decide(conn, import_id, record_id, "accepted", who)


def save_edits(master: Path, import_id: int, table: str, record_id: str, changes: dict[str, object],
               who: str) -> list[corrections.Correction]:
    """Store a correction per changed field; the record counts as reviewed either way."""
    with writing(master) as conn, reindexed(conn, table, [record_id]):
        made = corrections.edit(conn, table, record_id, changes, who)
        review_queue.decide(conn, import_id, record_id, "edited" if made else "accepted", who)
    return made


def delete_record(master: Path, import_id: int, table: str, record_id: str, who: str) -> None:
    with writing(master) as conn, reindexed(conn, table, [record_id]):
        corrections.delete(conn, table, record_id, who)
        review_queue.decide(conn, import_id, record_id, "deleted", who)


def merge_records(master: Path, import_id: int, table: str, keep_id: str, other_id: str, who: str) -> None:
    with writing(master) as conn, reindexed(conn, table, [keep_id, other_id]):
        corrections.merge(conn, table, keep_id, other_id, who)
        review_queue.decide(conn, import_id, keep_id, "edited", who)
        review_queue.decide(conn, import_id, other_id, "merged", who)


def split_record(master: Path, import_id: int, table: str, record_id: str, parts: list[str], who: str) -> list[str]:
    with writing(master) as conn, reindexed(conn, table, [record_id]) as touched:
        source = review_queue.record_source(conn, table, record_id)
        text = review_queue.document_text(conn, source.document_id) if source else None
        made = corrections.split(conn, table, record_id, parts, who, document_text=text)
        touched += made[1:]
        review_queue.decide(conn, import_id, record_id, "split", who)
        after = record_id
        for part in made[1:]:
            review_queue.add_to_queue(conn, import_id, table, part, after, "split", who)
            after = part
    return made


def add_record(master: Path, import_id: int, table: str, document_id: str, span: tuple[int, int],
               fields: dict[str, object], who: str, after: str | None = None) -> str:
    """A record the extractor missed, from words the officer selected in the document's text."""
    with writing(master) as conn, reindexed(conn, table, []) as touched:
        item = conn.execute(
            "SELECT id FROM items WHERE document_id = ? AND text_start <= ? AND coalesce(text_end, ?) >= ? "
            "ORDER BY text_start DESC LIMIT 1", (document_id, span[0], span[1], span[1]),
        ).fetchone()
        if item is None:
            raise UserFacingError("Select words inside one item of the minutes, then add the record.")
        record_id = corrections.add(conn, table, item[0], span, fields, who)
        touched.append(record_id)
        review_queue.add_to_queue(conn, import_id, table, record_id, after, "added", who)
    return record_id


def fields_from_words(table: str, words: str) -> dict[str, object]:
    """A first guess at a new record's fields from the words the officer selected."""
    words = " ".join(words.split())
    if table == "resolutions":
        return {"text": re.sub(r"^(?:RESOLVED|Resolved)\s*[-–:]?\s*", "", words)}
    if table == "actions":
        return {"text": words}
    if table == "figures":
        number = _NUMBER.search(words)
        return {"quote": words, "value": number.group(0) if number else None}
    rating = re.search(r"\b(red|amber|green)\b", words, re.IGNORECASE)
    return {"subject": words, "rating": rating.group(1) if rating else None}
