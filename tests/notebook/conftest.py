"""Fixtures for notebook tests: a small release and a notebook attached to it."""
from __future__ import annotations

from pathlib import Path

import pytest
from notebook_release import build_release

from scrutinydesk.core.notebook import Notebook


@pytest.fixture
def release(tmp_path: Path) -> Path:
    return build_release(tmp_path / "release.db")


@pytest.fixture
def notebook(tmp_path: Path, release: Path):
    book = Notebook(tmp_path / "home" / "notebook.db", release)
    yield book
    book.close()
