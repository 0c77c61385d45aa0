"""Where per-user state lives: one resolver, so tests and portable installs never share a folder."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "scrutinydesk"
ENV_HOME = "SCRUTINYDESK_HOME"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The per-user data folder: ``--data-dir``, else ``$SCRUTINYDESK_HOME``, else the platform's."""
    chosen = override or os.environ.get(ENV_HOME)
    path = Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_file(override: str | os.PathLike[str] | None = None) -> Path:
    """The per-user config file; inside the data folder when that is overridden."""
    if override or os.environ.get(ENV_HOME):
        return data_dir(override) / "config.json"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.json"


def project_root() -> Path:
    """The folder holding ``data/`` and ``resources/``: the checkout, or a frozen bundle's folder."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parents[2]


def bundled_database() -> Path:
    return project_root() / "data" / "scrutinydesk.db"


def resources_dir() -> Path:
    return project_root() / "resources"
