"""A member's pull: find the newest signed release, fetch it, verify it, switch to it.

``pull_latest`` is the one entry point (the command line and the window's worker both call it).
Everything that touches the shared folder runs on a daemon thread that is abandoned when the share
stops answering, so a hanging network drive costs a timeout, never a frozen window. Whatever
happens, the release that was open stays whole and open until a verified one replaces it.
"""
from __future__ import annotations

import errno
import logging
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from scrutinydesk import __version__
from scrutinydesk.core.durable import fsync_file
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.releases import current_release
from scrutinydesk.core.schema import SCHEMA_VERSION
from scrutinydesk.sync import share as names
from scrutinydesk.sync import snapshots
from scrutinydesk.sync.errors import ReleaseRejected
from scrutinydesk.sync.keys import PublicKey, public_key_from_record
from scrutinydesk.sync.manifest import MAX_MANIFEST_BYTES, Manifest, app_version_tuple, verify_and_parse
from scrutinydesk.sync.streaming import copy_hashing
from scrutinydesk.sync.validate import validate_release_db

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (bytes copied, bytes in the release)
CANDIDATES_TRIED = 3
_abandoned: list[threading.Thread] = []  # fetch threads given up on, still blocked in the share's I/O


class PullStatus(StrEnum):
    UPDATED = "updated"  # switched to a newer verified release
    CURRENT = "current"  # nothing newer to take
    REJECTED = "rejected"  # a newer release exists but was refused (or is not whole yet)
    OFFLINE = "offline"  # the shared folder could not be reached or did not answer in time


@dataclass(frozen=True)
class PullResult:
    """What a pull did, in one sentence for the member, and which release is open now."""

    status: PullStatus
    message: str
    version: int | None
    previous_path: Path | None = None  # the database open before an update (for "What's new")
    retry_later: bool = False
    alarm: str | None = None

    @property
    def is_current(self) -> bool:
        return self.status in (PullStatus.UPDATED, PullStatus.CURRENT)


class _ShareUnreachable(Exception):
    """The shared folder failed mid-way (unplugged, VPN dropped); the member is offline."""


class _Abandoned(Exception):
    """The caller stopped waiting; the fetch thread cleans up and ends."""


@dataclass(frozen=True)
class _Download:
    manifest: Manifest
    staged: Path


def pull_latest(
    share: Path,
    trusted: PublicKey,
    data_dir: Path,
    timeout: float = 30.0,
    *,
    app_version: str = __version__,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> PullResult:
    """Bring ``data_dir`` up to the newest release on ``share`` signed by ``trusted``.

    ``timeout`` is how long the share may stay silent (no listing, no bytes) before the pull gives
    up; a slow but moving copy is not cut off. Never raises for anything the share holds.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    with snapshots.exclusive(data_dir, timeout) as locked:
        if not locked:
            return _result(PullStatus.CURRENT, data_dir, "Another update of this laptop's copy is running; try again shortly.")
        return _pull_locked(share, trusted, data_dir, timeout, app_version, cancel, progress)


def _pull_locked(
    share: Path,
    trusted: PublicKey,
    data_dir: Path,
    timeout: float,
    app_version: str,
    cancel: threading.Event | None,
    progress: Progress | None,
) -> PullResult:
    _abandoned[:] = [thread for thread in _abandoned if thread.is_alive()]
    if _abandoned:  # a thread is still stuck on the share: do not pile another one up behind it
        return _result(
            PullStatus.OFFLINE, data_dir,
            "The shared folder has still not answered the last request, so this laptop keeps its current release.",
        )
    snapshots.clear_stale_staging(data_dir)
    state = snapshots.load_state(data_dir)
    fetch = _Fetch(share, trusted, data_dir, state, app_version, progress)
    worker = threading.Thread(target=fetch.run, name="scrutinydesk-pull", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.05)
        silent = time.monotonic() - fetch.last_activity
        if (silent > timeout or (cancel is not None and cancel.is_set())) and fetch.abandon():
            log.warning("shared folder %s silent for %.1f s; pull abandoned", share, silent)
            _abandoned.append(worker)
            return _result(
                PullStatus.OFFLINE, data_dir,
                f"The shared folder did not answer within {timeout:g} seconds, so this laptop keeps its current release.",
            )
    if fetch.download is not None:
        return _verify_and_switch(fetch.download, data_dir, state, fetch.alarm)
    if fetch.seen_changed:  # hashes of releases seen but not taken, for the "signed twice" alarm
        snapshots.save_state(data_dir, state)
    if fetch.error is not None:
        return _failure(fetch.error, data_dir, share, fetch.alarm)
    return _result(PullStatus.CURRENT, data_dir, _up_to_date(data_dir), alarm=fetch.alarm)


def _verify_and_switch(download: _Download, data_dir: Path, state: snapshots.SyncState, alarm: str | None) -> PullResult:
    manifest = download.manifest
    try:
        # The staged bytes reach the disk while they are checked (both wait on I/O, not the GIL);
        # nothing is switched until both are done.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="scrutinydesk-fsync") as flusher:
            flushed = flusher.submit(fsync_file, download.staged)
            try:
                validate_release_db(download.staged, manifest)
            finally:
                flushed.result()
    except ReleaseRejected as rejected:
        snapshots.discard_staging(download.staged)
        snapshots.save_state(data_dir, state)
        return _failure(rejected, data_dir, None, alarm)
    except OSError as error:  # the laptop's own disk failed to read back or flush the staged copy
        snapshots.discard_staging(download.staged)
        return _failure(error, data_dir, None, alarm)
    previous = current_release(data_dir).path
    try:
        snapshots.switch_to(data_dir, download.staged, manifest)
    except (OSError, UserFacingError) as error:
        snapshots.discard_staging(download.staged)
        return _failure(error, data_dir, None, alarm)
    state.ratchet = max(state.ratchet, manifest.version)
    if manifest.next_key and manifest.next_key not in state.announced_keys:
        state.announced_keys.append(dict(manifest.next_key))
    snapshots.save_state(data_dir, state)
    snapshots.prune(data_dir)
    by = f" by {manifest.published_by}" if manifest.published_by else ""
    return _result(
        PullStatus.UPDATED, data_dir,
        f"Updated to release v{manifest.version}, published {manifest.published_at}{by}.",
        previous_path=previous, alarm=alarm,
    )


def _failure(error: BaseException, data_dir: Path, share: Path | None, alarm: str | None) -> PullResult:
    if isinstance(error, UserFacingError):
        log.warning("release rejected: %s", error)
        retry = getattr(error, "retry_later", True)
        return _result(PullStatus.REJECTED, data_dir, str(error), retry_later=retry, alarm=alarm)
    if isinstance(error, _ShareUnreachable | OSError) and share is not None:
        return _result(
            PullStatus.OFFLINE, data_dir,
            f"The shared folder {share} cannot be reached, so this laptop keeps its current release.", alarm=alarm,
        )
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return _result(PullStatus.REJECTED, data_dir, _DISK_FULL, retry_later=True, alarm=alarm)
    if isinstance(error, OSError):
        return _result(
            PullStatus.REJECTED, data_dir,
            f"The new release could not be saved on this laptop ({error.strerror or error}), so the current one stays open.",
            retry_later=True, alarm=alarm,
        )
    raise error


_DISK_FULL = "This laptop's disk filled up while fetching the new release; free some space and it will be fetched next time."


def _up_to_date(data_dir: Path) -> str:
    version = current_release(data_dir).version
    if version is None:
        return "No release has been published on the shared folder yet; the database that came with the app stays open."
    return f"Release v{version} is current; there is nothing newer on the shared folder."


def _result(status: PullStatus, data_dir: Path, message: str, **extra) -> PullResult:  # noqa: ANN003
    return PullResult(status, message, current_release(data_dir).version, **extra)


class _Fetch:
    """The part of a pull that touches the share, run on a thread the caller may abandon."""

    def __init__(
        self, share: Path, trusted: PublicKey, data_dir: Path, state: snapshots.SyncState,
        app_version: str, progress: Progress | None,
    ) -> None:
        self.share, self.trusted, self.data_dir, self.state = share, trusted, data_dir, state
        self.app_version, self.progress = app_version, progress
        self.last_activity = time.monotonic()
        self.download: _Download | None = None
        self.error: BaseException | None = None
        self.alarm: str | None = None
        self.seen_changed = False
        self._lock = threading.Lock()
        self._finished = False
        self._abandoned = False

    def abandon(self) -> bool:
        """Stop waiting; True unless the fetch finished first (then its result stands)."""
        with self._lock:
            if not self._finished:
                self._abandoned = True
            return self._abandoned

    def run(self) -> None:
        try:
            self.download = self._fetch()
        except _Abandoned:
            pass
        except BaseException as error:  # handed to the caller's thread, which decides
            self.error = error
        with self._lock:
            self._finished = True
            if self._abandoned and self.download is not None:
                snapshots.discard_staging(self.download.staged)

    def _touch(self) -> None:
        self.last_activity = time.monotonic()
        if self._abandoned:
            raise _Abandoned

    def _fetch(self) -> _Download | None:
        try:
            listing = names.list_pub(self.share)
        except OSError as error:
            raise _ShareUnreachable(str(error)) from None
        self._touch()
        self._check_not_forked(listing.signed)
        candidates = [v for v in listing.signed if v > self._floor()]
        first_rejection: ReleaseRejected | None = None
        # Newest first; a refused or half-synced newest release does not hold back a good older one.
        for version in reversed(candidates[-CANDIDATES_TRIED:]):
            try:
                manifest = self._read_manifest(version)
                self._remember(manifest)
                self._check_compatible(manifest)
                return self._download(manifest)
            except ReleaseRejected as rejected:
                log.warning("release v%d not taken: %s", version, rejected)
                first_rejection = first_rejection or rejected
        if first_rejection is not None:
            raise first_rejection
        return None

    def _floor(self) -> int:
        """Versions above this are new. The ratchet, less one when the ratchet's own snapshot went
        missing on this laptop (deleted, quarantined): that release may be fetched again, but only
        with the very bytes this laptop accepted before (checked in ``_remember``)."""
        ratchet = self.state.ratchet
        lost = ratchet in self.state.seen and not snapshots.snapshot_path(self.data_dir, ratchet).is_file()
        return ratchet - 1 if lost else ratchet

    def _read_manifest(self, version: int) -> Manifest:
        pub = names.pub_dir(self.share)
        try:
            manifest_bytes = _read_small(pub / names.manifest_name(version), MAX_MANIFEST_BYTES + 1)
            self._touch()
            signature = _read_small(pub / names.signature_name(version), 1024)
            self._touch()
        except FileNotFoundError:
            raise ReleaseRejected(
                f"Release v{version} disappeared from the shared folder while it was being read; it will be tried again later.",
                retry_later=True,
            ) from None
        except OSError as error:
            raise _ShareUnreachable(str(error)) from None
        return verify_and_parse(version, manifest_bytes, signature, self.trusted, self._announced())

    def _announced(self) -> tuple[PublicKey, ...]:
        """Keys the officer announced, in releases this laptop verified, to rotate to."""
        keys = []
        for record in self.state.announced_keys:
            try:
                keys.append(public_key_from_record(record, "an announced officer key"))
            except UserFacingError:
                continue
        return tuple(keys)

    def _check_not_forked(self, signed: tuple[int, ...]) -> None:
        """Alarm when the release this laptop took is now on the share with different bytes signed."""
        version = self.state.ratchet
        if version not in signed or version not in self.state.seen:
            return
        try:
            self._remember(self._read_manifest(version))
        except (ReleaseRejected, _ShareUnreachable):
            return  # the alarm, if any, is set; this release is not being fetched anyway

    def _remember(self, manifest: Manifest) -> None:
        known = self.state.seen.get(manifest.version)
        if known is not None and known != manifest.sha256:
            self.alarm = (
                f"Two different releases were signed as v{manifest.version}; "
                "tell the scrutiny officer, whose publishing may have been restored from an old backup."
            )
            log.error(self.alarm)
            if manifest.version <= self.state.ratchet:
                raise ReleaseRejected(
                    f"Release v{manifest.version} on the shared folder is not the one this laptop took before, "
                    "so it was ignored."
                )
        elif known is None:
            self.state.seen[manifest.version] = manifest.sha256
            self.seen_changed = True

    def _check_compatible(self, manifest: Manifest) -> None:
        too_new_schema = manifest.user_version > SCHEMA_VERSION
        too_new_app = app_version_tuple(manifest.min_app_version) > app_version_tuple(self.app_version)
        if too_new_schema or too_new_app:
            raise ReleaseRejected(
                f"Release v{manifest.version} needs a newer version of scrutinydesk (upgrade needed), "
                "so this laptop keeps its current release until the app is updated."
            )

    def _download(self, manifest: Manifest) -> _Download:
        source = names.pub_dir(self.share) / manifest.db_file
        incomplete = ReleaseRejected(
            f"Release v{manifest.version}'s database on the shared folder does not match its signed size and "
            "checksum (still copying, truncated or altered), so it was not used; it will be tried again later.",
            retry_later=True,
        )
        try:
            size = source.stat().st_size
        except FileNotFoundError:
            raise incomplete from None
        except OSError as error:
            raise _ShareUnreachable(str(error)) from None
        if size != manifest.size:
            raise incomplete
        self._check_free_space(manifest)
        staged = snapshots.new_staging_file(self.data_dir, manifest.version)
        try:
            copied = self._copy(source, staged, manifest.size)
        except BaseException:
            snapshots.discard_staging(staged)
            raise
        if copied != (manifest.size, manifest.sha256):
            snapshots.discard_staging(staged)
            raise incomplete
        return _Download(manifest, staged)

    def _copy(self, source: Path, staged: Path, expected: int) -> tuple[int, str]:
        def on_chunk(done: int) -> None:
            self._touch()
            if self.progress is not None:
                self.progress(done, expected)
            if done > expected:  # growing under us: stop reading, it will not match
                raise _Grew

        try:
            with open(source, "rb", buffering=0) as src:
                self._touch()
                try:
                    with open(staged, "xb") as out:
                        return copy_hashing(src, out, on_chunk, fsync=False)
                except _Grew:
                    return (-1, "")
                except OSError as error:
                    if error.errno == errno.ENOSPC:
                        raise ReleaseRejected(_DISK_FULL, retry_later=True) from None
                    raise
        except FileNotFoundError:
            return (-1, "")

    def _check_free_space(self, manifest: Manifest) -> None:
        free = shutil.disk_usage(self.data_dir).free
        if free < 2 * manifest.size:
            raise ReleaseRejected(
                f"There is not enough free disk space for release v{manifest.version} (it needs "
                f"{_megabytes(2 * manifest.size)}, {_megabytes(free)} are free); free some space and it will be fetched next time.",
                retry_later=True,
            )


class _Grew(Exception):
    """The file on the share grew past its signed size while being copied."""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _read_small(path: Path, limit: int) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(limit)
