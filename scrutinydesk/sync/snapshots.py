"""The laptop's side of a release: staging, verified snapshots, the switch, the ratchet, roll back.

Layout inside the data folder::

    staging/v000123-<random>.partial   a download in progress (never opened by SQLite until whole)
    snapshots/v000123.db               a verified release, never modified, deleted only when pruned
    snapshots/v000123.json             its signed manifest (for the status bar and roll back)
    current.json                       which snapshot is open (core.releases reads it)
    sync_state.json                    the ratchet: highest version ever accepted, hashes seen

Every step is ordered so that a crash or power cut at any point leaves ``current.json`` naming a
whole snapshot (the old one or the new one).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scrutinydesk.core.durable import fsync_dir, replace_file
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.releases import CURRENT_FILE, OpenRelease, current_release

if TYPE_CHECKING:
    from scrutinydesk.sync.manifest import Manifest  # signatures: imported where a manifest is read

SNAPSHOTS = "snapshots"
STAGING = "staging"
STATE_FILE = "sync_state.json"
LOCK_FILE = "sync.lock"
PREVIOUS_KEPT = 2

_SNAPSHOT_RE = re.compile(r"v(\d{6})\.db")

# Snapshots a connection in this process has open (the window registers its own); never deleted.
_open_paths: set[Path] = set()
_active_staging: set[Path] = set()
_registry_lock = threading.Lock()


def snapshot_path(data_dir: Path, version: int) -> Path:
    return data_dir / SNAPSHOTS / f"v{version:06d}.db"


def mark_open(path: Path) -> None:
    """Record that this process holds ``path`` open, so pruning leaves it alone."""
    with _registry_lock:
        _open_paths.add(path.resolve())


def mark_closed(path: Path) -> None:
    with _registry_lock:
        _open_paths.discard(path.resolve())


@dataclass
class SyncState:
    """The ratchet (highest version ever accepted here) and the hash seen for each version."""

    ratchet: int = 0
    seen: dict[int, str] = field(default_factory=dict)
    announced_keys: list[dict[str, str]] = field(default_factory=list)  # rotation, from accepted releases


def load_state(data_dir: Path) -> SyncState:
    """The state on disk, with the ratchet never below the release ``current.json`` names."""
    state = SyncState()
    try:
        raw = json.loads((data_dir / STATE_FILE).read_text(encoding="utf-8"))
        state = SyncState(
            int(raw["ratchet"]),
            {int(k): str(v) for k, v in raw.get("seen", {}).items()},
            [dict(record) for record in raw.get("announced_keys", [])],
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    current = current_release(data_dir).version or 0
    state.ratchet = max(state.ratchet, current)
    return state


def save_state(data_dir: Path, state: SyncState) -> None:
    data = {"ratchet": state.ratchet, "seen": {str(k): v for k, v in sorted(state.seen.items())},
            "announced_keys": state.announced_keys}
    replace_file(data_dir / STATE_FILE, (json.dumps(data, indent=2) + "\n").encode("utf-8"))


def new_staging_file(data_dir: Path, version: int) -> Path:
    """A fresh, unique staging name; registered so a concurrent clean-up leaves it alone."""
    folder = data_dir / STAGING
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"v{version:06d}-{uuid.uuid4().hex[:12]}.partial"
    with _registry_lock:
        _active_staging.add(path)
    return path


def discard_staging(path: Path) -> None:
    """Delete a staging file (a failed or abandoned download)."""
    with contextlib.suppress(OSError):
        path.unlink()
    with _registry_lock:
        _active_staging.discard(path)


def clear_stale_staging(data_dir: Path) -> None:
    """Remove downloads left by a crash or power cut (any staging file no live pull is writing)."""
    folder = data_dir / STAGING
    if not folder.is_dir():
        return
    with _registry_lock:
        active = set(_active_staging)
    for path in folder.iterdir():
        if path not in active:
            with contextlib.suppress(OSError):
                path.unlink()


def switch_to(data_dir: Path, staged: Path, manifest: Manifest) -> Path:
    """Make a verified staging file the open release; returns the snapshot's path.

    Order: manifest sidecar, rename into ``snapshots/``, fsync the folder, then ``current.json``
    (temp, fsync, ``os.replace``). Before the last step the old release is still current.
    """
    folder = data_dir / SNAPSHOTS
    folder.mkdir(parents=True, exist_ok=True)
    target = snapshot_path(data_dir, manifest.version)
    with _registry_lock:
        if target.resolve() in _open_paths:
            raise UserFacingError(f"Release v{manifest.version} is open already; restart the app to update it.")
    replace_file(target.with_suffix(".json"), manifest.to_bytes())
    os.replace(staged, target)
    with _registry_lock:
        _active_staging.discard(staged)
    fsync_dir(folder)
    _point_current_at(data_dir, manifest)
    return target


def _point_current_at(data_dir: Path, manifest: Manifest) -> None:
    pointer = {
        "version": manifest.version,
        "path": f"{SNAPSHOTS}/v{manifest.version:06d}.db",
        "sha256": manifest.sha256,
        "published_at": manifest.published_at,
        "key_id": manifest.key_id,
        "published_by": manifest.published_by,
    }
    replace_file(data_dir / CURRENT_FILE, (json.dumps(pointer, indent=2) + "\n").encode("utf-8"))


def snapshot_versions(data_dir: Path) -> list[int]:
    """Versions of the whole snapshots on this laptop, oldest first."""
    folder = data_dir / SNAPSHOTS
    if not folder.is_dir():
        return []
    return sorted(int(m.group(1)) for p in folder.iterdir() if (m := _SNAPSHOT_RE.fullmatch(p.name)))


def prune(data_dir: Path) -> None:
    """Keep the current snapshot and the two newest others; never delete one that is open here.

    (On Windows an open file cannot be deleted at all; the error is ignored and it goes next time.)
    """
    current = current_release(data_dir)
    others = [v for v in snapshot_versions(data_dir) if v != current.version]
    with _registry_lock:
        held = set(_open_paths)
    for version in others[:-PREVIOUS_KEPT]:
        path = snapshot_path(data_dir, version)
        if path.resolve() in held:
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            path.with_suffix(".json").unlink()


def rollback(data_dir: Path) -> OpenRelease:
    """Point ``current.json`` back at the newest whole snapshot older than the current one."""
    from scrutinydesk.sync.manifest import Manifest

    current = current_release(data_dir)
    older = [v for v in snapshot_versions(data_dir) if current.version is not None and v < current.version]
    for version in reversed(older):
        try:
            data = json.loads(snapshot_path(data_dir, version).with_suffix(".json").read_text(encoding="utf-8"))
            manifest = Manifest(**data)
        except (OSError, ValueError, TypeError):
            continue
        _point_current_at(data_dir, manifest)
        return current_release(data_dir)
    raise UserFacingError("There is no earlier release on this laptop to go back to; the current one stays open.")


@contextlib.contextmanager
def exclusive(data_dir: Path, timeout: float) -> Iterator[bool]:
    """Hold the data folder's sync lock (one pull at a time, across processes); yields False when
    another pull kept it for longer than ``timeout`` seconds."""
    handle = open(data_dir / LOCK_FILE, "a+b")  # noqa: SIM115 - held for the whole block
    deadline = time.monotonic() + timeout
    try:
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                yield False
                return
            time.sleep(0.05)
        try:
            yield True
        finally:
            _unlock(handle)
    finally:
        handle.close()


if os.name == "nt":
    import msvcrt

    def _try_lock(handle) -> bool:  # noqa: ANN001
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(handle) -> None:  # noqa: ANN001
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle) -> bool:  # noqa: ANN001
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(handle) -> None:  # noqa: ANN001
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
