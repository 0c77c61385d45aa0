"""Which published database a member's laptop has open: ``current.json`` in the data folder.

``sync.pull`` writes ``current.json`` (``{"version": 12, "path": "snapshots/v000012.db", …}``) after
verifying a release; everything that reads the published database asks this module where it is. With
no release pulled yet, the database bundled with the app is used.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from scrutinydesk.core.paths import bundled_database

CURRENT_FILE = "current.json"


@dataclass(frozen=True)
class OpenRelease:
    """The database to open and what is known of it (``version`` is None for the bundled one)."""

    path: Path
    version: int | None
    published_at: str | None = None
    key_id: str | None = None
    published_by: str | None = None


def current_release(data_dir: Path) -> OpenRelease:
    """The release ``current.json`` points at, if it is whole; else the bundled database."""
    pointer = data_dir / CURRENT_FILE
    try:
        info = json.loads(pointer.read_text(encoding="utf-8"))
        path = data_dir / info["path"]
        if path.is_file():
            return OpenRelease(
                path, int(info["version"]), info.get("published_at"), info.get("key_id"), info.get("published_by")
            )
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return OpenRelease(bundled_database(), None)
