"""Fixtures for the chair tests: a master database, a shared folder, two chairs' keys."""
from __future__ import annotations

from pathlib import Path

import pytest
from chair_kit import CABINET, CHILDREN, Chair, make_key, make_master, register


@pytest.fixture()
def master(tmp_path: Path) -> Path:
    return make_master(tmp_path / "master.db")


@pytest.fixture()
def chair(tmp_path: Path, master: Path) -> Chair:
    """The chair of the Children's Scrutiny Committee, registered in the master."""
    key = make_key(tmp_path / "keys", "chair-laptop")
    register(master, key, "Cllr Jane Smith (Chair)", [CHILDREN])
    return key


@pytest.fixture()
def vice_chair(tmp_path: Path, master: Path) -> Chair:
    """The vice-chair, on a second laptop, also registered for the committee."""
    key = make_key(tmp_path / "keys", "vice-chair-laptop")
    register(master, key, "Cllr Tom Reed (Vice-Chair)", [CHILDREN])
    return key


@pytest.fixture()
def cabinet_chair(tmp_path: Path, master: Path) -> Chair:
    """Registered, but for Cabinet only."""
    key = make_key(tmp_path / "keys", "cabinet-laptop")
    register(master, key, "Cllr Ann Lee (Leader)", [CABINET])
    return key
