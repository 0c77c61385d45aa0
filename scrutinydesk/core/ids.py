"""Stable, readable record ids built from natural keys (see DESIGN.md, "Ids").

A rebuild from the same minutes gives the same ids, so members' notes and chairs' changes
keep pointing at the right records.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

KIND_LETTERS = {"resolution": "r", "action": "a", "figure": "f", "rag": "g"}


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Children's Scrutiny Committee" -> "childrens-scrutiny"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    words = re.findall(r"[a-z0-9]+", ascii_text)
    if words and words[-1] == "committee" and len(words) > 1:
        words = words[:-1]
    return "-".join(words) or "unknown"


def normalised(text: str) -> str:
    """Text reduced to lower-case words, so spacing and punctuation changes keep the same id."""
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def short_hash(text: str, length: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def committee_id(name: str | None) -> str:
    return slug(name) if name else "unknown-committee"


def meeting_id(committee: str, date: str | None, year: int | None, source_sha256: str) -> str:
    """``committee/2022-11-15``; with only a year ``committee/2022-<hash>``; else ``committee/<hash>``."""
    if date:
        return f"{committee}/{date}"
    if year:
        return f"{committee}/{year}-{source_sha256[:6]}"
    return f"{committee}/{source_sha256[:6]}"


def item_id(meeting: str, number: str | None, position: int) -> str:
    label = re.sub(r"[^A-Za-z0-9.]+", "", number or "") or f"p{position}"
    return f"{meeting}/{label}"


def record_id(item: str, kind: str, text: str) -> str:
    return f"{item}/{KIND_LETTERS[kind]}-{short_hash(normalised(text))}"


def unique_ids(ids: list[str]) -> list[str]:
    """Suffix repeats (``…-2``, ``…-3``) so two identical records in one item keep distinct ids."""
    seen: dict[str, int] = {}
    out = []
    for value in ids:
        count = seen.get(value, 0) + 1
        seen[value] = count
        out.append(value if count == 1 else f"{value}-{count}")
    return out
