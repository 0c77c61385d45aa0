"""Fixtures for the indicator tests: a small published database built from the real reference data."""
from __future__ import annotations

from pathlib import Path

import pytest
from indicator_db import build_indicator_db


@pytest.fixture(scope="session")
def indicator_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference data, the DfE files and the seed minutes' figures and ratings (read-only use)."""
    return build_indicator_db(tmp_path_factory.mktemp("indicators") / "indicators.db")
