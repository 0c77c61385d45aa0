"""Reading the Indicators tab's data off the UI thread.

``start_reading(path, generation)`` runs ``core.indicator_overview.read_indicators`` on a pool thread
over a read-only connection of its own (an SQLite connection stays on the thread that made it) and
returns a ``Reading`` the tab looks at with a timer: progress, then the result. The pool thread
writes only that plain object and touches no widget and no Qt object, so a tab closed mid-read has
nothing to wait for and nothing is signalled to it; ``state.cancel()`` stops the read at its next
indicator.
"""
from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QThreadPool

from scrutinydesk.core.database import open_readonly
from scrutinydesk.core.indicator_overview import IndicatorsRead, read_indicators
from scrutinydesk.core.progress import Cancelled, JobState


@dataclass
class Reading:
    """One read on the pool: its progress, then its result (an exception if it failed, None if
    cancelled) once ``done`` is set."""

    generation: int
    path: Path
    state: JobState = field(default_factory=JobState)
    done: threading.Event = field(default_factory=threading.Event)
    fraction: float = 0.0
    result: IndicatorsRead | Exception | None = None

    def run(self) -> None:
        """On the pool: ``read_indicators`` over a read-only connection of its own (a connection stays
        on the thread that made it)."""
        self.state.on_progress = lambda fraction, _message: setattr(self, "fraction", fraction)
        try:
            conn = open_readonly(self.path)
            try:
                self.result = read_indicators(conn, self.state)
            finally:
                conn.close()
        except Cancelled:
            self.result = None
        except Exception as error:  # noqa: BLE001 - kept for the UI thread, which then reads itself
            self.result = error
        self.done.set()


_POOL: QThreadPool | None = None


def _read_pool() -> QThreadPool:
    """One read at a time, on a pool that lives as long as the program: a pool owned by the tab would
    make the tab's destruction wait on a read that needs the interpreter the UI thread holds."""
    global _POOL  # noqa: PLW0603 - made on first use, kept for the program's life
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL


class InProgress:
    """The read on the pool, if any; ``cancel`` is safe to call as the tab goes (``destroyed``)."""

    reading: Reading | None = None

    def cancel(self, *_args) -> None:
        if self.reading is not None:
            self.reading.state.cancel()
            self.reading = None


def database_path(conn: sqlite3.Connection) -> Path | None:
    """The file behind a connection (None in memory), for a pool thread to open its own."""
    for _seq, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file)
    return None


def start_reading(path: Path, generation: int) -> Reading:
    """A read of the database at ``path`` started on the pool; the caller watches ``done``."""
    reading = Reading(generation, path)
    _read_pool().start(reading.run)
    return reading
