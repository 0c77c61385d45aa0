"""The window measured from inside a child process, so every figure starts from a cold interpreter.

``python benchmarks/window_probe.py bare`` shows an empty PySide6 + pyqtgraph window;
``python benchmarks/window_probe.py app DB DATA_DIR`` starts scrutinydesk on DB through its real
entry point (the ``scrutinydesk`` command's ``main``). Each prints ``painted <seconds since start>``
and its peak memory in KB on stdout the moment its window has been painted once, then leaves without
tearing anything down, so the parent can time the whole start, interpreter included.

``python benchmarks/window_probe.py interactions DB DATA_DIR`` opens the window on DB and drives
it with Qt events (mouse clicks, key presses) under the offscreen platform; it prints one JSON
object of latencies in seconds and the process's peak resident memory.
"""
from __future__ import annotations

import os
import sys
import time

STARTED = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def peak_rss_kb() -> int:
    """This process's peak resident memory (VmHWM). Unlike ru_maxrss it does not start from the
    parent's peak, which a child inherits across fork and exec."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


def _report_first_paint(app, label: str) -> None:  # noqa: ANN001
    """Print once when a top-level window is first painted (after the whole paint pass), then exit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 - Qt's names
            if not self.done and event.type() == QEvent.Type.Paint and watched.isWidgetType() and watched.isWindow():
                self.done = True
                QTimer.singleShot(0, finish)
            return False

    def finish() -> None:
        print(f"painted {time.perf_counter() - STARTED:.4f} {label} {peak_rss_kb()}", flush=True)
        os._exit(0)

    app._first_paint = FirstPaint()
    app.installEventFilter(app._first_paint)


def bare() -> None:
    """The floor: PySide6 and pyqtgraph imported, one empty main window shown."""
    import pyqtgraph  # noqa: F401 - the app imports it too; the floor pays for it as well
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    _report_first_paint(app, "bare")
    window = QMainWindow()
    window.resize(1366, 820)
    window.show()
    app.exec()


def app(db: str, data_dir: str) -> None:
    """scrutinydesk started as a member starts it: ``scrutinydesk --db DB --data-dir DIR``."""
    import scrutinydesk.ui.app as app_module

    real_application = app_module.application

    def application():  # noqa: ANN202 - the real one, with the paint probe attached
        created = real_application()
        _report_first_paint(created, "app")
        return created

    app_module.application = application
    from scrutinydesk.cli import main

    sys.argv = ["scrutinydesk", "--db", db, "--data-dir", data_dir]
    main()


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "bare":
        bare()
    elif mode == "app":
        app(sys.argv[2], sys.argv[3])
    elif mode == "interactions":
        from ui_timings import run_interactions

        run_interactions(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(f"unknown mode {mode}")
