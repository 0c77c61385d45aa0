"""Tells whether a path lies inside a cloud-synced folder (OneDrive, Dropbox, iCloud Drive, Google Drive).

A SQLite file in such a folder is uploaded page by page while it is open and comes back as conflict
copies or a torn file (SYNC.md, fault 20), so the notebook refuses to live there.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import PurePath

# Environment variables the sync clients set to their root folder.
_ENV_ROOTS = {
    "OneDrive": "OneDrive",
    "OneDriveCommercial": "OneDrive",
    "OneDriveConsumer": "OneDrive",
}

# Folder names (compared case-insensitively) that only a sync client creates.
_EXACT_NAMES = {
    "onedrive": "OneDrive",
    "skydrive": "OneDrive",
    "dropbox": "Dropbox",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "com~apple~clouddocs": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
}

# Prefixes of folder names: "OneDrive - Devon County Council", "Dropbox (Personal)".
_PREFIXES = {
    "onedrive - ": "OneDrive",
    "dropbox (": "Dropbox",
    "icloud drive (": "iCloud Drive",
}

# macOS keeps every File Provider client's folder under ~/Library/CloudStorage ("OneDrive-Personal",
# "GoogleDrive-me@example.org", "Dropbox"); the folder name's start tells which client.
_CLOUD_STORAGE_CLIENTS = {"onedrive": "OneDrive", "dropbox": "Dropbox", "googledrive": "Google Drive"}


def _service_for_name(name: str) -> str | None:
    lowered = name.casefold()
    if lowered in _EXACT_NAMES:
        return _EXACT_NAMES[lowered]
    for prefix, service in _PREFIXES.items():
        if lowered.startswith(prefix):
            return service
    return None


def _cloud_storage_client(path: PurePath) -> str | None:
    parts = [part.casefold() for part in path.parts]
    for i in range(len(parts) - 2):
        if parts[i : i + 2] == ["library", "cloudstorage"]:
            client = parts[i + 2]
            for prefix, service in _CLOUD_STORAGE_CLIENTS.items():
                if client.startswith(prefix):
                    return service
            return "cloud storage"
    return None


def _is_within(path: PurePath, root: PurePath) -> bool:
    parts = [part.casefold() for part in path.parts]
    root_parts = [part.casefold() for part in root.parts]
    return len(root_parts) > 1 and parts[: len(root_parts)] == root_parts


def synced_service(path: str | os.PathLike[str], environ: Mapping[str, str] | None = None) -> str | None:
    """The name of the sync service whose folder holds ``path``, or None when it is a plain local path.

    Both the path as given and its resolved form (through symlinks) are checked.
    """
    env = os.environ if environ is None else environ
    candidates = [PurePath(os.path.abspath(path))]
    resolved = PurePath(os.path.realpath(path))
    if resolved != candidates[0]:
        candidates.append(resolved)
    for candidate in candidates:
        for variable, service in _ENV_ROOTS.items():
            root = env.get(variable)
            if root and _is_within(candidate, PurePath(os.path.abspath(root))):
                return service
        for part in candidate.parts:
            service = _service_for_name(part)
            if service:
                return service
        service = _cloud_storage_client(candidate)
        if service:
            return service
    return None
