"""Progress and cancellation for long jobs, so the same worker runs in a test or behind a progress bar.

A worker takes a ``JobState``, reports with ``state.progress(fraction, message)`` and calls
``state.check()`` between steps; the window's Cancel button calls ``state.cancel()`` from another
thread and the worker stops at its next check with ``Cancelled``, leaving nothing half-written.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field


class Cancelled(Exception):
    """The officer cancelled the job; whatever it was writing was rolled back."""


def _ignore(_fraction: float, _message: str) -> None:
    return None


@dataclass
class JobState:
    """What a worker reports through and what tells it to stop."""

    on_progress: Callable[[float, str], None] = _ignore
    _cancel: threading.Event = field(default_factory=threading.Event)

    def progress(self, fraction: float, message: str) -> None:
        self.on_progress(max(0.0, min(1.0, fraction)), message)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the job was cancelled since the last check."""
        if self._cancel.is_set():
            raise Cancelled()
