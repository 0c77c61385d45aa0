"""The main window over the seed minutes, shown offscreen, for the window's tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from scrutinydesk.core.releases import OpenRelease
from scrutinydesk.ui.main_window import MainWindow


@pytest.fixture()
def window(qtbot, seed_db: Path, data_dir: Path) -> MainWindow:
    win = MainWindow(OpenRelease(seed_db, None), data_dir)
    qtbot.addWidget(win)
    win.show()
    return win
