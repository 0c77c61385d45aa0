"""`scrutinydesk --screenshot OUT.png --tab NAME` renders the window with its data and exits 0."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from scrutinydesk.ui.main_window import TAB_NAMES
from tests.conftest import run_cli


def distinct_colours(image: QImage, step: int = 16) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


@pytest.mark.parametrize("tab", TAB_NAMES)
def test_screenshot_of_each_tab(tmp_path: Path, seed_db: Path, tab: str) -> None:
    out = tmp_path / f"{tab}.png"
    result = run_cli("--db", str(seed_db), "--screenshot", str(out), "--tab", tab, "--data-dir", str(tmp_path / "home"),
                     env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 1200 and image.height() >= 700
    assert distinct_colours(image) > 8, "the screenshot shows content, not a blank window"


def test_missing_database_is_a_plain_error(tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path / "none.db"), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "does not exist" in result.stderr
