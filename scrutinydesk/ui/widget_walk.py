"""Walking every widget of the application safely.

``QApplication.allWidgets()`` is a snapshot: if Python's garbage collector runs while it is walked
(making a wrapper for each widget can trigger one), it may delete a dropped window's widgets that are
still in the list, and touching them then crashes. The walk holds collection off until it ends.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication, QWidget


@contextmanager
def all_widgets(app: QApplication) -> Iterator[list[QWidget]]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield app.allWidgets()
    finally:
        if was_enabled:
            gc.enable()
