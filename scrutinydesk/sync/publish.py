"""The officer's publish: a whole, checked, signed copy of the master database on the shared folder.

Order matters (SYNC.md): the database file appears under its final name only once it is whole, the
manifest only after the database, the signature last. A publisher killed at any point leaves names
that readers ignore (``*.partial``) or a release that is not yet signed, never a torn one. Nothing
on the share is ever modified or replaced; each publish adds new names with a higher version.
"""
from __future__ import annotations

import contextlib
import functools
import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import sqlite_utils
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from scrutinydesk import __version__
from scrutinydesk.core.durable import commit_new_file, fsync_file, write_new_file
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.schema import APPLICATION_ID, create_schema, schema_sha256
from scrutinydesk.sync import share as names
from scrutinydesk.sync.errors import ReleaseRejected
from scrutinydesk.sync.keys import PublicKey, public_of
from scrutinydesk.sync.manifest import Manifest, sign, verify_and_parse
from scrutinydesk.sync.streaming import copy_hashing, sha256_of
from scrutinydesk.sync.validate import known_schema_sha256

log = logging.getLogger(__name__)

# The oldest app that reads each schema version; a release never asks members for a newer app
# than its schema needs.
MIN_APP_FOR_SCHEMA = {1: "0.1.0"}
KEEP_AT_LEAST = 3

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Published:
    """A release now on the share, and the officer-only tables left out of it."""

    version: int
    db_path: Path
    manifest: Manifest
    left_out: tuple[str, ...]


def publish(
    master: Path, share: Path, private: Ed25519PrivateKey, *, key_name: str = "", progress: Progress | None = None,
    announce: PublicKey | None = None,
) -> Published:
    """Publish ``master`` to ``share`` as the next version, signed with ``private``.

    ``announce`` names the officer's next key (rotation): laptops that take this release trust
    releases signed by it from then on, as well as the key they were configured with."""
    report = progress or (lambda _stage, _fraction: None)
    if not master.is_file():
        raise UserFacingError(f"The master database {master} does not exist; check the path.")
    pub = names.pub_dir(share)
    try:
        if not share.is_dir():
            raise FileNotFoundError(share)
        pub.mkdir(exist_ok=True)
        listing = names.list_pub(share)
    except OSError:
        raise UserFacingError(f"The shared folder {share} cannot be reached; check the path and the network.") from None
    version = listing.highest_used + 1
    signer = public_of(private, key_name)
    work = Path(tempfile.mkdtemp(prefix="scrutinydesk-publish-"))
    try:
        report("Copying the master database", 0.0)
        local = work / names.db_name(version)
        published_at = datetime.now(UTC).isoformat(timespec="seconds")
        left_out, ingested = _local_snapshot(master, local, version, published_at, signer.key_id, key_name)
        report("Checking the copy", 0.3)
        user_version = _check_local_copy(local)
        size, sha256 = sha256_of(local)
        manifest = Manifest(
            version=version,
            db_file=names.db_name(version),
            sha256=sha256,
            size=size,
            application_id=APPLICATION_ID,
            user_version=user_version,
            schema_sha256=known_schema_sha256()[user_version],
            min_app_version=MIN_APP_FOR_SCHEMA.get(user_version, __version__),
            published_at=published_at,
            key_id=signer.key_id,
            published_by=key_name,
            prev_sha256=_previous_sha256(share, listing.signed, signer),
            ingested=ingested,
            next_key={"name": announce.name, "key_id": announce.key_id, "ed25519": announce.raw_b64()}
            if announce else {},
        )
        report("Copying to the shared folder", 0.4)
        target = pub / manifest.db_file
        try:
            copy_to_share(local, target, manifest, lambda done: report("Copying to the shared folder", 0.4 + 0.5 * done / size))
            report("Signing", 0.9)
            manifest_bytes = manifest.to_bytes()
            write_new_file(pub / names.manifest_name(version), manifest_bytes)
            write_new_file(pub / names.signature_name(version), sign(manifest_bytes, private))
        except OSError as error:
            raise UserFacingError(
                f"Could not write release v{version} to {share} ({error.strerror or error}); "
                "check the shared folder and publish again."
            ) from None
        report("Published", 1.0)
        return Published(version, target, manifest, left_out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def prune_share(share: Path, keep: int) -> list[int]:
    """Delete all but the newest ``keep`` (at least three) signed releases; returns the versions removed.

    The signature and manifest go first, so a release is withdrawn before its database disappears.
    Laptops only ever fetch the newest release, which is always kept.
    """
    if keep < KEEP_AT_LEAST:
        raise UserFacingError(f"Keep at least {KEEP_AT_LEAST} releases on the shared folder, so laptops mid-update still find theirs.")
    pub = names.pub_dir(share)
    removed = list(names.list_pub(share).signed[:-keep])
    for version in removed:
        for name in (names.signature_name(version), names.manifest_name(version), names.db_name(version)):
            with contextlib.suppress(FileNotFoundError):
                (pub / name).unlink()
    return removed


def copy_to_share(local: Path, target: Path, manifest: Manifest, on_chunk: Callable[[int], None]) -> None:
    """Copy the local release to ``target`` on the share as a ``.partial`` file, check the bytes that
    were written are the ones hashed, fsync, and only then rename it (never over an existing name)."""

    def fill(out: BinaryIO) -> None:
        with open(local, "rb", buffering=0) as source:
            copied = copy_hashing(source, out, on_chunk, fsync=False)
        if copied != (manifest.size, manifest.sha256):
            raise UserFacingError("The local copy changed while it was being published; publish again.")

    commit_new_file(target, fill)


def _local_snapshot(
    master: Path, local: Path, version: int, published_at: str, key_id: str, key_name: str
) -> tuple[tuple[str, ...], dict[str, int]]:
    """VACUUM INTO a local file in rollback-journal mode, stamp it, leave out officer-only tables.

    Returns (names left out, the ``ingested`` acknowledgements it carries)."""
    try:
        source = sqlite3.connect(f"{master.resolve().as_uri()}?mode=ro", uri=True)
        try:
            source.execute("VACUUM INTO ?", (str(local),))
        finally:
            source.close()
        conn = sqlite3.connect(local, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            left_out = _drop_unknown_objects(conn)
            with conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                    [("release_version", str(version)), ("published_at", published_at),
                     ("published_key_id", key_id), ("published_by", key_name)],
                )
            if left_out:
                conn.execute("VACUUM")
            ingested = _ingested(conn)
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise UserFacingError(
            f"The master database {master} could not be copied ({error}); check it is a database 'scrutinydesk build' made."
        ) from None
    fsync_file(local)
    return left_out, ingested


def _ingested(conn: sqlite3.Connection) -> dict[str, int]:
    """Per chair device, the highest contiguous outbox seq the merge took in (the chairs' ack)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ingested'").fetchone():
        return {}
    rows = conn.execute("SELECT device_id, seq FROM ingested WHERE device_id IS NOT NULL AND seq IS NOT NULL")
    return {str(device): int(seq) for device, seq in rows}


@functools.cache
def _published_objects() -> frozenset[tuple[str, str]]:
    """(type, name) of every table, index, view and trigger the published schema has."""
    conn = sqlite3.connect(":memory:")
    try:
        create_schema(sqlite_utils.Database(conn))
        return frozenset(conn.execute("SELECT type, name FROM sqlite_master"))
    finally:
        conn.close()


def _drop_unknown_objects(conn: sqlite3.Connection) -> tuple[str, ...]:
    """Drop tables, views and triggers the published schema does not have (officer-only data)."""
    expected = _published_objects()
    found = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
        "ORDER BY CASE type WHEN 'trigger' THEN 0 WHEN 'view' THEN 1 WHEN 'index' THEN 2 ELSE 3 END, "
        "sql LIKE 'CREATE VIRTUAL%' DESC"
    ).fetchall()
    dropped = []
    for kind, name in found:
        if (kind, name) in expected:
            continue
        with contextlib.suppress(sqlite3.OperationalError):  # a virtual table's shadow, gone with it
            conn.execute(f'DROP {kind.upper()} IF EXISTS "{name.replace(chr(34), chr(34) * 2)}"')
            dropped.append(name)
    if dropped:
        log.info("left out of the release: %s", ", ".join(dropped))
    return tuple(dropped)


def _check_local_copy(local: Path) -> int:
    """``integrity_check`` and schema fingerprint of the local copy; returns its ``user_version``."""
    conn = sqlite3.connect(f"{local.resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        fingerprint = schema_sha256(conn)
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    if result != ["ok"]:
        raise UserFacingError("The master database failed SQLite's integrity check; restore it from a backup or rebuild it.")
    if application_id != APPLICATION_ID or fingerprint != known_schema_sha256().get(user_version):
        raise UserFacingError(
            "The master database's tables differ from the schema this app publishes; rebuild it with 'scrutinydesk build'."
        )
    return user_version


def _previous_sha256(share: Path, signed: tuple[int, ...], signer: PublicKey) -> str:
    """The hash of the newest release this key signed, chaining releases together ("" if none)."""
    pub = names.pub_dir(share)
    for version in reversed(signed):
        try:
            data = (pub / names.manifest_name(version)).read_bytes()
            signature = (pub / names.signature_name(version)).read_bytes()
            return verify_and_parse(version, data, signature, signer).sha256
        except (OSError, ReleaseRejected):
            continue
    return ""
