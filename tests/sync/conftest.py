"""Fixtures for the publish/pull tests: an officer, a master database, a shared folder, a member."""
from __future__ import annotations

from pathlib import Path

import pytest
from sync_kit import Officer, make_master, make_notebook, make_officer, publish_master

from scrutinydesk.sync.pull import PullResult, pull_latest


@pytest.fixture()
def officer(tmp_path: Path) -> Officer:
    return make_officer(tmp_path / "keys")


@pytest.fixture()
def master(tmp_path: Path) -> Path:
    return make_master(tmp_path / "master.db")


@pytest.fixture()
def member(data_dir: Path, master: Path, share: Path, officer: Officer) -> Path:
    """A member's data folder on release v1, with a notebook that must never change."""
    publish_master(master, share, officer)
    result = pull_latest(share, officer.public, data_dir)
    assert result.status == "updated", result.message
    make_notebook(data_dir)
    return data_dir


@pytest.fixture()
def pull(share: Path, officer: Officer, data_dir: Path):
    """Pull from the test share into the member's folder, trusting the test officer."""

    def run(**options) -> PullResult:
        return pull_latest(options.pop("share", share), options.pop("trusted", officer.public), data_dir, **options)

    return run
