"""Names on the shared folder, and the strict patterns that decide which of them count.

Sync clients (OneDrive, SharePoint, Syncthing) and half-finished copies leave look-alikes beside
real releases: ``scrutiny-v000012 (1).db``, ``scrutiny-v000012-LAPTOP.db``, ``*.partial``,
``.sync-conflict-…``. Only names that match these patterns exactly are ever read.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

PUB_DIR = "pub"
_PREFIX = "scrutiny-v"
_VERSION_DIGITS = 6

_MANIFEST_RE = re.compile(r"scrutiny-v(\d{6})\.manifest\.json")
_SIGNATURE_RE = re.compile(r"scrutiny-v(\d{6})\.manifest\.sig")
# Any name carrying a version number, complete or not: publishing never reuses one of these.
_ANY_VERSIONED_RE = re.compile(r"\.?scrutiny-v(\d{6})\b")


def db_name(version: int) -> str:
    return f"{_PREFIX}{version:0{_VERSION_DIGITS}d}.db"


def manifest_name(version: int) -> str:
    return f"{_PREFIX}{version:0{_VERSION_DIGITS}d}.manifest.json"


def signature_name(version: int) -> str:
    return f"{_PREFIX}{version:0{_VERSION_DIGITS}d}.manifest.sig"


def pub_dir(share: Path) -> Path:
    return share / PUB_DIR


@dataclass(frozen=True)
class Listing:
    """What one listing of ``pub/`` found: versions with a manifest and a signature, and every
    version number in use by any name (for choosing the next one)."""

    signed: tuple[int, ...]
    highest_used: int


def list_pub(share: Path) -> Listing:
    """List ``pub/`` once. An absent ``pub/`` is an empty listing; an unreachable share raises OSError."""
    os.stat(share)  # a share that is not there (unplugged drive, no VPN) raises here, not as "empty"
    try:
        names = os.listdir(pub_dir(share))
    except FileNotFoundError:
        return Listing((), 0)
    manifests = {int(m.group(1)) for n in names if (m := _MANIFEST_RE.fullmatch(n))}
    signatures = {int(m.group(1)) for n in names if (m := _SIGNATURE_RE.fullmatch(n))}
    used = [int(m.group(1)) for n in names if (m := _ANY_VERSIONED_RE.match(n))]
    return Listing(tuple(sorted(manifests & signatures)), max(used, default=0))
