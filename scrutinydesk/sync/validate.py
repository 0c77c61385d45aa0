"""Checks a downloaded release database before the app ever runs a query against it.

The bytes already match the signed hash; these checks catch what a signature cannot: a file that
is not a whole rollback-journal SQLite database, corrupt pages, or a schema the app does not know
(an injected trigger or view would run inside the member's app).
"""
from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

from scrutinydesk.core.schema import APPLICATION_ID, SCHEMA_VERSION, expected_schema_sha256, schema_sha256
from scrutinydesk.sync.errors import ReleaseRejected
from scrutinydesk.sync.manifest import Manifest

_MAGIC = b"SQLite format 3\x00"
_ROLLBACK_JOURNAL = 1
_WAL = 2


@functools.cache
def known_schema_sha256() -> dict[int, str]:
    """Schema fingerprints this build of the app can open, by ``user_version``."""
    return {SCHEMA_VERSION: expected_schema_sha256()}


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that will not run anything the schema asks it to trust."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    return conn


def validate_release_db(path: Path, manifest: Manifest) -> None:
    """Raise ``ReleaseRejected`` naming the first check the file at ``path`` fails."""
    label = f"Release v{manifest.version}"
    _check_header(path, manifest, label)
    try:
        conn = open_read_only(path)
        try:
            result = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if result != ["ok"]:
                raise ReleaseRejected(f"{label} failed SQLite's integrity check (corrupt pages), so it was rejected.")
            found = schema_sha256(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise ReleaseRejected(f"{label} could not be read as a database (corrupt pages), so it was rejected.") from None
    if found != manifest.schema_sha256 or found != known_schema_sha256().get(manifest.user_version):
        raise ReleaseRejected(
            f"{label}'s tables, views or triggers differ from the ones this app knows, so it was rejected."
        )


def _check_header(path: Path, manifest: Manifest, label: str) -> None:
    with open(path, "rb") as handle:
        header = handle.read(100)
        size = handle.seek(0, 2)
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise ReleaseRejected(f"{label} is not an SQLite database file, so it was rejected.")
    if header[18] == _WAL or header[19] == _WAL:
        raise ReleaseRejected(f"{label} was published in WAL journal mode, which a shared copy must not use, so it was rejected.")
    if header[18] != _ROLLBACK_JOURNAL or header[19] != _ROLLBACK_JOURNAL:
        raise ReleaseRejected(f"{label} has an unknown SQLite file format, so it was rejected.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    count_is_current = header[24:28] == header[92:96]
    if not count_is_current or page_count * page_size != size:
        raise ReleaseRejected(f"{label}'s size does not match its page count (truncated or padded), so it was rejected.")
    application_id = int.from_bytes(header[68:72], "big", signed=True)
    if application_id != APPLICATION_ID or manifest.application_id != APPLICATION_ID:
        raise ReleaseRejected(f"{label} is not a scrutinydesk database, so it was rejected.")
    user_version = int.from_bytes(header[60:64], "big", signed=True)
    if user_version != manifest.user_version:
        raise ReleaseRejected(f"{label}'s schema version differs from its manifest, so it was rejected.")
