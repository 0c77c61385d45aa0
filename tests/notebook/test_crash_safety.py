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
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(release), ACTION],
        stdout=subprocess.PIPE,
        text=True,
    )
    reported = 0
    started = time.monotonic()
    try:
        while time.monotonic() - started < 1.5 or reported < 20:
            line = writer.stdout.readline()
            assert line, "the writer stopped before it was killed"
            reported = int(line)
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Notebook(path, release) as book:
        notes = book.notes_for(ACTION)
        typed = notes[0].text
        expected = "".join(f"word{i} " for i in range(1, reported + 1))
        assert typed.startswith(expected), "text committed before the kill was lost"
        added = {n.text for n in notes[1:]}
        assert {f"note {i}" for i in range(5, reported + 1, 5)} <= added
