"""The officer's one writer: long jobs (import, merge, publish) run one at a time off the UI thread.

A job is a plain function taking a ``JobState``; it runs on a single-thread pool, so two jobs never
write the master at once, and its progress and result come back to the UI thread by signal. Quick
writes (a correction, a chair registered) run on the UI thread but only while no job is running.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.progress import Cancelled, JobState


class _Signals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, work: Callable[[JobState], object], state: JobState, signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.work, self.state, self.signals = work, state, signals

    def run(self) -> None:  # on the pool's thread: no widget is touched here
        try:
            result = self.work(self.state)
        except Cancelled:
            self.signals.cancelled.emit()
        except UserFacingError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:  # shown to the officer, never a crash of the window
            self.signals.failed.emit(f"Something went wrong ({type(error).__name__}: {error}); nothing was changed.")
        else:
            self.signals.finished.emit(result)


class OfficerJobs(QObject):
    """Runs the officer's jobs one at a time; ``busy`` while one runs."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running = 0

    @property
    def busy(self) -> bool:
        return self._running > 0

    def start(self, work: Callable[[JobState], object], *, on_done: Callable[[object], None],
              on_failed: Callable[[str], None], on_progress: Callable[[float, str], None] | None = None,
              on_cancelled: Callable[[], None] | None = None) -> JobState:
        """Queue ``work``; the callbacks run on the UI thread. Returns the state whose ``cancel()`` stops it."""
        signals = _Signals(self)
        state = JobState(on_progress=signals.progress.emit)
        if on_progress is not None:
            signals.progress.connect(on_progress)
        signals.finished.connect(on_done)
        signals.failed.connect(on_failed)
        signals.cancelled.connect(on_cancelled or (lambda: None))
        for signal in (signals.finished, signals.failed, signals.cancelled):
            signal.connect(lambda *_args, s=signals: self._ended(s))
        self._running += 1
        self.busy_changed.emit(True)
        self.pool.start(_Job(work, state, signals))
        return state

    def _ended(self, signals: _Signals) -> None:
        self._running -= 1
        signals.deleteLater()
        if not self._running:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued jobs end (closing the window, tests)."""
        return self.pool.waitForDone(msecs)

    def refuse_if_busy(self) -> None:
        if self.busy:
            raise UserFacingError("An import, merge or publish is still running; wait for it to finish.")
