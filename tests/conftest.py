"""Shared test set-up: headless Qt, and a built database of the seed minutes per session."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``scrutinydesk ARGS`` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "scrutinydesk", *args], capture_output=True, text=True,
        env={**os.environ, **(env or {})}, cwd=cwd or ROOT, timeout=300,
    )


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built from data/minutes with the bundled indicator files, once per test session."""
    out = tmp_path_factory.mktemp("seed") / "seed.db"
    indicators = [ROOT / "data" / "official_values.csv", *sorted((ROOT / "data" / "dfe").glob("*.csv"))]
    args = ["build", str(out), "--minutes", str(ROOT / "data" / "minutes")]
    for path in indicators:
        args += ["--indicators", str(path)]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private per-user folder, so no test reads or writes the real one."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("SCRUTINYDESK_HOME", str(folder))
    return folder


@pytest.fixture()
def share(tmp_path: Path) -> Path:
    """An empty shared folder (network share or synced folder) for releases and chairs' outboxes."""
    folder = tmp_path / "share"
    folder.mkdir()
    return folder
