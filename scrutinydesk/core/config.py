"""A member's settings: the shared folder to pull releases from and the officer key to trust.

IT can preconfigure both for every laptop by installing ``scrutinydesk.ini`` (or
``scrutinydesk.json``) beside the app; the member's own settings (the per-user ``config.json``
written by the Settings dialog) override it key by key. An ini looks like::

    [sync]
    shared_folder = \\\\council.local\\scrutiny\\share
    trusted_key = officer.pub        ; a .pub file from 'scrutinydesk keygen', beside this ini

``trusted_key`` may instead hold the key inline: ``trusted_key_ed25519 = <base64>`` with
``trusted_key_name`` and ``trusted_key_id`` (checked, so a typing slip is caught).
"""
from __future__ import annotations

import configparser
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from scrutinydesk.core.durable import replace_file
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.paths import config_file, data_dir, project_root

PRECONFIG_NAMES = ("scrutinydesk.ini", "scrutinydesk.json")
DEFAULT_PULL_MINUTES = 5


@dataclass(frozen=True)
class Settings:
    """``trusted_key`` holds a .pub file's fields: ``name``, ``key_id``, ``ed25519`` (base64)."""

    shared_folder: Path | None = None
    trusted_key: dict[str, str] | None = None
    pull_minutes: int = DEFAULT_PULL_MINUTES


def app_folders() -> list[Path]:
    """Where IT installs the preconfigured file: beside the executable, and the app's own folder."""
    folders = [Path(sys.executable).resolve().parent] if getattr(sys, "frozen", False) else []
    folders.append(project_root())
    return folders


def load_settings(override: str | os.PathLike[str] | None = None, app_dirs: list[Path] | None = None) -> Settings:
    """The preconfigured settings, overridden by the member's own (``override`` is ``--data-dir``)."""
    merged: dict[str, object] = {}
    for folder in app_dirs if app_dirs is not None else app_folders():
        for name in PRECONFIG_NAMES:
            path = folder / name
            if path.is_file():
                merged.update(_read_preconfigured(path))
    user = user_config_file(override)
    if user.is_file():
        merged.update(_read_json(user))
    return _settings_from(merged)


def save_settings(settings: Settings, override: str | os.PathLike[str] | None = None) -> Path:
    """Write the member's settings atomically, keeping any other keys the file holds."""
    path = user_config_file(override)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _read_json(path) if path.is_file() else {}
    data["shared_folder"] = str(settings.shared_folder) if settings.shared_folder else None
    data["trusted_key"] = dict(settings.trusted_key) if settings.trusted_key else None
    data["pull_minutes"] = settings.pull_minutes
    replace_file(path, (json.dumps(data, indent=2) + "\n").encode("utf-8"))
    return path


def user_config_file(override: str | os.PathLike[str] | None = None) -> Path:
    """The member's config file. The window passes its resolved data folder and the command line its
    ``--data-dir`` (None when not given): both mean the platform's config folder for the default one."""
    if override is not None and Path(override).resolve() == data_dir(None).resolve():
        override = None
    return config_file(override)


def read_key_record(path: Path) -> dict[str, str]:
    """The fields of a public key file (made by ``scrutinydesk keygen``), to pin in the settings."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise UserFacingError(f"The key file {path} could not be read; check the path.") from None
    except ValueError:
        raise UserFacingError(f"{path} is not a public key file made by 'scrutinydesk keygen'.") from None
    if not isinstance(data, dict) or not isinstance(data.get("ed25519"), str):
        raise UserFacingError(f"{path} is not a public key file made by 'scrutinydesk keygen'.")
    return {k: str(data[k]) for k in ("name", "key_id", "ed25519") if k in data}


def _read_json(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise UserFacingError(f"The settings file {path} could not be read; fix it or delete it and set things again.") from None
    if not isinstance(data, dict):
        raise UserFacingError(f"The settings file {path} is not a set of settings; fix it or delete it.")
    return data


def _read_preconfigured(path: Path) -> dict[str, object]:
    """An IT-installed file; a relative ``trusted_key`` path is resolved beside it."""
    if path.suffix == ".json":
        data = _read_json(path)
    else:
        parser = configparser.ConfigParser(inline_comment_prefixes=(";", "#"))
        try:
            parser.read(path, encoding="utf-8")
        except (OSError, configparser.Error):
            raise UserFacingError(f"The settings file {path} could not be read; ask IT to check it.") from None
        data = dict(parser["sync"]) if parser.has_section("sync") else {}
        if "trusted_key_ed25519" in data:
            data["trusted_key"] = {
                "ed25519": data.pop("trusted_key_ed25519"),
                "name": data.pop("trusted_key_name", ""),
                **({"key_id": data.pop("trusted_key_id")} if "trusted_key_id" in data else {}),
            }
    key = data.get("trusted_key")
    if isinstance(key, str) and key:
        data["trusted_key"] = read_key_record(path.parent / key)
    return data


def _settings_from(data: dict[str, object]) -> Settings:
    folder = data.get("shared_folder")
    key = data.get("trusted_key")
    try:
        minutes = max(1, int(data.get("pull_minutes") or DEFAULT_PULL_MINUTES))
    except (TypeError, ValueError):
        minutes = DEFAULT_PULL_MINUTES
    return Settings(
        shared_folder=Path(folder) if isinstance(folder, str) and folder else None,
        trusted_key={str(k): str(v) for k, v in key.items()} if isinstance(key, dict) else None,
        pull_minutes=minutes,
    )
