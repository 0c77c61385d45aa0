"""Killing the app while it writes never corrupts notebook.db and keeps every committed change."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from notebook_release import ACTION

from scrutinydesk.core.notebook import Notebook


def _reports_until_killed(script: str, args: list[str], seconds: float) -> tuple[list[tuple[float, int]], float]:
    """Run ``script``, collect the numbers it prints (with when they arrived), SIGKILL it after ``seconds``."""
    child = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    reports: list[tuple[float, int]] = []
    try:
        while not reports or time.monotonic() - reports[0][0] < seconds or len(reports) < 20:
            line = child.stdout.readline()
            assert line, "the child stopped before it was killed"
            reports.append((time.monotonic(), int(line)))
    finally:
        killed_at = time.monotonic()
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    return reports, killed_at


def _assert_whole(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from scrutinydesk.core.notebook import Notebook

    book = Notebook(Path(sys.argv[1]), Path(sys.argv[2]))
    typed = book.add(sys.argv[3], "")
    text = ""
    n = 0
    while True:
        n += 1
        text += "word%d " % n
        book.update_text(typed.uuid, text)          # autosave of the note being typed
        if n % 5 == 0:
            book.add(sys.argv[3], "note %d" % n)     # and now and then a new note
        print(n, flush=True)                          # reported only after the commit returned
    """
)


def test_sigkill_mid_writing_keeps_every_committed_note_and_a_whole_file(tmp_path: Path, release: Path) -> None:
    path = tmp_path / "home" / "notebook.db"
    reports, _ = _reports_until_killed(WRITER, [str(path), str(release), ACTION], seconds=1.5)
    reported = reports[-1][1]
    _assert_whole(path)
    with Notebook(path, release) as book:
        notes = book.notes_for(ACTION)
        typed = notes[0].text
        expected = "".join(f"word{i} " for i in range(1, reported + 1))
        assert typed.startswith(expected), "text committed before the kill was lost"
        added = {n.text for n in notes[1:]}
        assert {f"note {i}" for i in range(5, reported + 1, 5)} <= added


PANEL_TYPIST = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from scrutinydesk.core.notebook import Notebook
    from scrutinydesk.ui.notes_panel import NotesPanel

    app = QApplication([])
    panel = NotesPanel(Notebook(Path(sys.argv[1]), Path(sys.argv[2])))
    panel.show_record(sys.argv[3])
    panel.show()
    panel.add(question=False)
    count = 0

    def type_a_word():
        global count
        count += 1
        QTest.keyClicks(panel.editor, "w%d " % count)
        print(count, flush=True)                      # typed (not necessarily saved yet)

    timer = QTimer(interval=40)
    timer.timeout.connect(type_a_word)
    timer.start()
    app.exec()
    """
)


def test_killing_the_window_mid_typing_loses_at_most_the_last_second(tmp_path: Path, release: Path) -> None:
    path = tmp_path / "home" / "notebook.db"
    typed_at, killed_at = _reports_until_killed(PANEL_TYPIST, [str(path), str(release), ACTION], seconds=2.5)
    _assert_whole(path)
    with Notebook(path, release) as book:
        (note,) = book.notes_for(ACTION)
    everything = "".join(f"w{i} " for i in range(1, typed_at[-1][1] + 1))
    assert everything.startswith(note.text), "the stored text is not what was typed"
    words_a_second_before = max(count for at, count in typed_at if at <= killed_at - 1.0)
    assert note.text.startswith("".join(f"w{i} " for i in range(1, words_a_second_before + 1))), (
        "more than the last second of typing was lost"
    )
