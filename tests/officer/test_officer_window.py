"""The officer in the window: import the seed minutes, correct in Review, rebuild, publish, and a member pulls."""
from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from scrutinydesk.core import master
from scrutinydesk.core.releases import OpenRelease, current_release
from scrutinydesk.sync.keys import generate_keypair, load_public_key
from scrutinydesk.sync.pull import PullStatus, pull_latest
from scrutinydesk.ui.main_window import MainWindow
from scrutinydesk.ui.officer import import_dialog
from scrutinydesk.ui.officer.mode import OfficerMode, officer_mode_of
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
MINUTES = ROOT / "data" / "minutes"
PASSPHRASE = "correct horse battery staple"


def rows(db: Path, sql: str, *args: object) -> list[tuple]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture()
def officer_window(qtbot, tmp_path: Path, data_dir: Path) -> tuple[MainWindow, OfficerMode]:
    path = master.prepare_master(tmp_path / "master.db")  # an empty master
    window = MainWindow(OpenRelease(path, None), data_dir)
    qtbot.addWidget(window)
    window.show()
    mode = officer_mode_of(window)
    assert mode is not None, "a master shows the Officer menu"
    yield window, mode
    mode.jobs.wait()


def import_through_dialog(qtbot, mode: OfficerMode, paths: list[Path], committee_for_unknown: str | None = None):
    dialog = mode.open_import()  # a child of the window, deleted when closed
    dialog.add_paths(paths)
    qtbot.waitUntil(lambda: bool(dialog.files) and not dialog.running, timeout=60_000)
    if committee_for_unknown:
        for row, read in enumerate(dialog.files):
            if read.ok and not read.committee:
                index = dialog.model.index(row, import_dialog.COMMITTEE)
                assert index.data(Qt.ItemDataRole.BackgroundRole).color() == import_dialog.ASK, "asked for"
                assert dialog.model.setData(index, committee_for_unknown)
    dialog.start_import()
    qtbot.waitUntil(lambda: not dialog.running and (dialog.summary is not None or bool(dialog.hint.text())), timeout=60_000)
    return dialog


def entry_of(review, table: str, predicate=lambda _entry: True):  # noqa: ANN001, ANN201
    for row, entry in enumerate(review.model.entries):
        if entry.table == table and entry.exists and predicate(entry):
            review.select_row(row)
            return entry
    raise AssertionError(f"no {table} in the review queue")


def test_import_review_rebuild_publish_and_pull(qtbot, officer_window, tmp_path: Path, monkeypatch) -> None:
    window, mode = officer_window
    master_path = mode.master_path
    assert "Officer" in [a.text().replace("&", "") for a in window.menuBar().actions()]

    dialog = import_through_dialog(qtbot, mode, [MINUTES], committee_for_unknown="Children's Scrutiny Committee")
    summary = dialog.summary
    assert summary is not None and len(summary.files) == 5 and not summary.failed
    assert len(summary.meetings_added) == 5 and summary.queued > 10 and summary.doubtful > 0
    assert window.meetings_tab.tree_model.rowCount() >= 3, "the window shows the imported meetings"

    review = mode.open_review()
    entries = review.model.entries
    doubtful = [e for e in entries if e.doubt]
    assert entries[: len(doubtful)] == doubtful, "doubtful records come first"
    assert review.current().doubt, "review opens on the first doubtful record"
    assert review.source is not None and review.source.span, "its source words are found and highlighted"

    action = entry_of(review, "actions", lambda e: "Head of Service" not in e.summary)
    review.editor.focus_first()
    review.edit_current({"owner": "Head of Service"})
    figure = entry_of(review, "figures", lambda e: "REF_RATE ·" not in e.summary)
    review.edit_current({"indicator_code": "REF_RATE"})
    assert rows(master_path, "SELECT owner FROM actions WHERE id = ?", action.record_id) == [("Head of Service",)]
    assert rows(master_path, "SELECT indicator_code FROM figures WHERE id = ?", figure.record_id) == [("REF_RATE",)]
    assert rows(master_path, "SELECT count(*), min(who) FROM corrections") == [(2, mode.who)]
    review.close()
    meetings = rows(master_path, "SELECT id FROM meetings ORDER BY id")

    # The same minutes imported again (the extractor gives the uncorrected values back): corrections stay,
    # and each file is prefilled with the committee and date the officer gave it the first time.
    again = import_through_dialog(qtbot, mode, [MINUTES])
    assert again.summary.meetings_replaced and not again.summary.vanished
    assert rows(master_path, "SELECT id FROM meetings ORDER BY id") == meetings, "filed as before, not asked again"
    assert rows(master_path, "SELECT owner FROM actions WHERE id = ?", action.record_id) == [("Head of Service",)]
    assert rows(master_path, "SELECT indicator_code FROM figures WHERE id = ?", figure.record_id) == [("REF_RATE",)]

    # `build --keep-ids-from MASTER` re-applies them too.
    rebuilt = tmp_path / "rebuilt.db"
    result = run_cli("build", str(rebuilt), "--minutes", str(MINUTES), "--keep-ids-from", str(master_path))
    assert result.returncode == 0, result.stderr
    assert rows(rebuilt, "SELECT owner FROM actions WHERE id = ?", action.record_id) == [("Head of Service",)]
    assert rows(rebuilt, "SELECT indicator_code FROM figures WHERE id = ?", figure.record_id) == [("REF_RATE",)]

    # Publish from the window; the passphrase is asked once in the session.
    key_path, pub_path = generate_keypair("officer", tmp_path / "keys", PASSPHRASE.encode())
    share = tmp_path / "share"
    share.mkdir()
    asked: list[Path] = []
    monkeypatch.setattr(mode, "ask_passphrase", lambda path: asked.append(path) or PASSPHRASE)
    for expected_version in (1, 2):
        publish = mode.open_publish()
        text = publish.changes.toPlainText()
        assert ("First release" in text) == (expected_version == 1)
        if expected_version == 1:
            assert "Corrections (2)" in text and "Head of Service" in text
        else:
            assert "Nothing has changed since the last release" in text
        publish.share.setText(str(share))
        publish.key_path.setText(str(key_path))
        publish.start_publish()
        qtbot.waitUntil(lambda p=publish: p.outcome is not None or (not p.running and p.message.text()),
                        timeout=60_000)
        assert publish.outcome is not None, publish.message.text()
        assert publish.outcome.published.version == expected_version
        assert {"corrections", "review_queue", "imports"} <= set(publish.outcome.published.left_out)
        publish.close()
    assert len(asked) == 1, "the passphrase is asked once per session"

    member = tmp_path / "member"
    pulled = pull_latest(share, load_public_key(pub_path), member)
    assert pulled.status is PullStatus.UPDATED, pulled.message
    release = current_release(member).path
    assert rows(release, "SELECT owner FROM actions WHERE id = ?", action.record_id) == [("Head of Service",)]
    assert rows(release, "SELECT indicator_code FROM figures WHERE id = ?", figure.record_id) == [("REF_RATE",)]
    tables = {r[0] for r in rows(release, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not tables & {"corrections", "review_queue", "imports"}, "officer-only tables stay in the master"


def test_a_broken_file_is_named_and_the_rest_imported(qtbot, officer_window, tmp_path: Path) -> None:
    _window, mode = officer_window
    folder = tmp_path / "minutes"
    folder.mkdir()
    for name in ("003_6d87310b56a5c1ed.txt", "004_70c133a44250d46c.txt", "manifest.csv"):
        shutil.copy(MINUTES / name, folder / name)
    (folder / "scan.pdf.bin").write_bytes(bytes(range(256)) * 64)
    dialog = import_through_dialog(qtbot, mode, [folder])
    broken = [f for f in dialog.summary.failed]
    assert [name for name, _ in broken] == ["scan.pdf.bin"]
    assert "binary" in broken[0][1]
    assert dialog.summary.files == ["003_6d87310b56a5c1ed.txt", "004_70c133a44250d46c.txt"]
    assert "Not imported: scan.pdf.bin" in dialog.result.toPlainText()
    assert len(rows(mode.master_path, "SELECT id FROM meetings")) == 2


def test_reading_runs_off_the_ui_thread_and_can_be_cancelled(qtbot, officer_window) -> None:
    _window, mode = officer_window
    started, release = threading.Event(), threading.Event()
    threads: list[threading.Thread] = []

    def slow_extract(path, meta):  # noqa: ANN001, ANN202
        threads.append(threading.current_thread())
        started.set()
        release.wait(5)
        from scrutinydesk.ingest import extract_path

        return extract_path(path, meta)

    dialog = mode.open_import()
    dialog._extract = slow_extract
    dialog.add_paths([MINUTES])
    assert started.wait(5) and dialog.running and dialog.progress.isVisible()
    dialog.cancel()
    release.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    assert threads[0] is not threading.main_thread()
    assert dialog.files == [] and "Cancelled" in dialog.hint.text()
    assert rows(mode.master_path, "SELECT count(*) FROM meetings") == [(0,)]
