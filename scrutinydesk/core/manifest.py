"""The minutes manifest: what the officer knows about each file that the text may not say.

``manifest.csv`` beside the minutes has one row per file: committee, meeting date (``YYYY-MM-DD``,
a year, or blank for unknown), source URL and how certain that is.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from scrutinydesk.core.errors import UserFacingError

MANIFEST_NAME = "manifest.csv"
_REQUIRED = ("file", "committee", "meeting_date")


@dataclass(frozen=True)
class SourceMeta:
    """What the manifest says of one minutes file; ``None`` where it says nothing."""

    committee: str | None = None
    date: str | None = None
    year: int | None = None
    source_url: str | None = None
    certainty: str | None = None
    title: str | None = None
    report_ref: str | None = None


def _parse_date(value: str) -> tuple[str | None, int | None]:
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value, int(value[:4])
    if re.fullmatch(r"\d{4}", value):
        return None, int(value)
    return None, None


def load_manifest(path: Path) -> dict[str, SourceMeta]:
    """Read a manifest into ``{file name: SourceMeta}``; a malformed one is a plain error."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise UserFacingError(
                    f"The manifest {path} lacks the column(s) {', '.join(missing)}; add them to its first line."
                )
            out: dict[str, SourceMeta] = {}
            for row in reader:
                date, year = _parse_date(row.get("meeting_date") or "")
                out[(row["file"] or "").strip()] = SourceMeta(
                    committee=(row.get("committee") or "").strip() or None,
                    date=date,
                    year=year,
                    source_url=(row.get("source_url") or "").strip() or None,
                    certainty=(row.get("certainty") or "").strip() or None,
                    title=(row.get("title") or "").strip() or None,
                    report_ref=(row.get("report_ref") or "").strip() or None,
                )
            return out
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UserFacingError(f"The manifest {path} could not be read ({error}); check it is a UTF-8 CSV file.") from None
