"""One record per thing said: a ModernGov page prints a decision in its ``Decision:`` and its
``Minutes:`` block, a text export may splice a copy into a word, and minutes often state an action
in the discussion and again in the action list. Copies are merged, keeping the cleaner one."""
from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("the a an of to and in on for be that this with by as at is was were".split())


def words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _STOP}


def likeness(a: str | None, b: str | None) -> float:
    """Share of the shorter text's words found in the other (0..1)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _text(kind: str, record: dict) -> str:
    if kind == "figures":
        return record.get("quote") or ""
    if kind == "rag":
        return f"{record.get('rating')} {record.get('subject') or ''}"
    return record.get("text") or ""


def _same(kind: str, a: dict, b: dict) -> bool:
    if kind == "resolutions":
        return likeness(a["text"], b["text"]) >= 0.8
    if kind == "actions":
        return likeness(a["text"], b["text"]) >= 0.7 or _restated(a, b) or _restated(b, a)
    if kind == "figures":
        # the same value said in two blocks of one item; two figures of one block are kept apart
        return (a.get("_block") != b.get("_block") and a.get("value") == b.get("value")
                and a.get("unit") == b.get("unit") and likeness(_text(kind, a), _text(kind, b)) >= 0.6)
    return (a.get("rating") == b.get("rating") and a.get("_block") != b.get("_block")
            and likeness(a.get("subject"), b.get("subject")) >= 0.6)


_LOOK_BACK = 150
_ANAPHOR = re.compile(r"\b(?:this|that|these|those|it|them|so)\b", re.IGNORECASE)


def _owners_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    wa, wb = words(a), words(b)
    return bool(wa & wb)


def _restated(explicit: dict, implicit: dict) -> bool:
    """A promise in the discussion that the item's action list then records ("the Head of Housing
    agreed to provide this" / "Head of Housing: circulate the data by ward")."""
    if not explicit.get("explicit") or implicit.get("explicit"):
        return False
    if not _owners_agree(explicit.get("owner"), implicit.get("owner")):
        return False
    text = implicit.get("text") or ""
    if len(text.split()) <= 9 and _ANAPHOR.search(text):
        return True
    first = lambda r: (r.get("text") or " ").split()[0].lower()  # noqa: E731 - tiny local helper
    return first(explicit) == first(implicit) and likeness(explicit.get("text"), text) >= 0.4


def _quality(kind: str, record: dict) -> tuple:
    """Higher is better: not spliced, explicit, from the Minutes block, longer."""
    return (not record.get("_spliced"), bool(record.get("explicit")), record.get("_block") == "minutes",
            len(_text(kind, record)))


def _index_of(records: list[dict], record: dict) -> int:
    return next(i for i in range(len(records) - 1, -1, -1) if records[i] is record)


def merge_copies(kind: str, records: list[dict]) -> list[dict]:
    """Records of one item with copies merged; the survivor keeps the earliest position in order."""
    kept: list[dict] = []
    by_value: dict[tuple, list[dict]] = {}
    for record in records:
        if kind == "figures":
            # only a figure of the same value and unit, from another block, can be a copy
            key = (record.get("value"), record.get("unit"))
            pool = [r for block, pooled in by_value.items() if block[:2] == key and block[2] != record.get("_block")
                    for r in pooled[-_LOOK_BACK:]]
        else:
            # copies sit close together (the Decision and Minutes blocks of one item): look back a bounded way
            pool = kept[-_LOOK_BACK:]
        twin = next((k for k in reversed(pool) if _same(kind, k, record)), None)
        if twin is None:
            kept.append(record)
            if kind == "figures":
                by_value.setdefault((record.get("value"), record.get("unit"), record.get("_block")), []).append(record)
            continue
        if _quality(kind, record) > _quality(kind, twin):
            for key in ("moved_by", "seconded_by", "owner", "due"):
                if record.get(key) is None and twin.get(key) is not None:
                    record[key] = twin[key]
            kept[_index_of(kept, twin)] = record
            if kind == "figures":
                pooled = by_value[(twin.get("value"), twin.get("unit"), twin.get("_block"))]
                pooled[_index_of(pooled, twin)] = record
        else:
            for key in ("moved_by", "seconded_by", "owner", "due"):
                if twin.get(key) is None and record.get(key) is not None:
                    twin[key] = record[key]
    return kept
