"""The officer's writer runs jobs off the UI thread and reports back on it; files can be dropped on Import."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from scrutinydesk.core import master
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.ui.officer.import_dialog import ImportDialog
from scrutinydesk.ui.officer.jobs import OfficerJobs

ROOT = Path(__file__).resolve().parents[2]


def test_jobs_run_one_at_a_time_off_the_ui_thread_and_report_on_it(qtbot) -> None:
    jobs = OfficerJobs()
    ran_on, reported_on, order = [], [], []

    def work(name: str):  # noqa: ANN202
        def run(state):  # noqa: ANN001, ANN202
            ran_on.append(threading.current_thread())
            order.append(name)
            state.progress(0.5, name)
            return name
        return run

    for name in ("first", "second"):
        jobs.start(work(name), on_done=lambda result: reported_on.append((result, threading.current_thread())),
                   on_failed=lambda message: None)
    assert jobs.busy
    qtbot.waitUntil(lambda: len(reported_on) == 2 and not jobs.busy, timeout=5000)
    assert order == ["first", "second"]
    assert all(thread is not threading.main_thread() for thread in ran_on)
    assert [thread for _result, thread in reported_on] == [threading.main_thread()] * 2
    failed: list[str] = []
    jobs.start(lambda state: (_ for _ in ()).throw(UserFacingError("Check the shared folder.")),
               on_done=lambda result: None, on_failed=failed.append)
    qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert failed == ["Check the shared folder."]
    jobs.wait()


def test_files_dropped_on_the_import_dialog_are_read(qtbot, tmp_path: Path) -> None:
    path = master.create_master(tmp_path / "master.db")
    dialog = ImportDialog(path, OfficerJobs(), "Jo Officer", [])
    qtbot.addWidget(dialog)
    dialog.show()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(ROOT / "data" / "minutes" / "003_6d87310b56a5c1ed.txt"))])
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(drop)
    qtbot.waitUntil(lambda: bool(dialog.files) and not dialog.running, timeout=30_000)
    assert [f.path.name for f in dialog.files] == ["003_6d87310b56a5c1ed.txt"]
    assert dialog.files[0].committee == "Cabinet" and dialog.import_button.isEnabled()
