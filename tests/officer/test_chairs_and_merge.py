"""Chairs' keys registered, listed and revoked from the window; a merge's conflict settled side by side."""
from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from officer_helpers import read_file
from PySide6.QtCore import QSettings

from scrutinydesk.core import master
from scrutinydesk.core.progress import JobState
from scrutinydesk.sync.events import Event, signed_document
from scrutinydesk.sync.keys import generate_keypair, load_private_key, load_public_key
from scrutinydesk.sync.outbox import OUTBOX_DIR
from scrutinydesk.ui.officer.chairs_dialog import ChairsDialog
from scrutinydesk.ui.officer.jobs import OfficerJobs
from scrutinydesk.ui.officer.merge_dialog import MergeDialog

COMMITTEE = "childrens-scrutiny"


@pytest.fixture()
def master_db(tmp_path: Path) -> Path:
    path = master.create_master(tmp_path / "master.db")
    master.import_minutes(path, [read_file()], JobState(), "Jo Officer")
    return path


def briefing_action(master_db: Path) -> tuple[str, str]:
    conn = sqlite3.connect(master_db)
    try:
        return conn.execute("SELECT id, owner FROM actions WHERE text LIKE '%briefing note%'").fetchone()
    finally:
        conn.close()


def test_register_list_and_revoke_a_chair(qtbot, master_db: Path, tmp_path: Path) -> None:
    _key, pub = generate_keypair("chair-laptop", tmp_path / "keys", None)
    dialog = ChairsDialog(master_db, OfficerJobs())
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and "No chairs" in dialog.message.text()
    assert dialog.register(pub, "Cllr Jane Smith (Chair)", ["no-such-committee"]) is None
    assert "no-such-committee" in dialog.message.text(), "the reason is shown in the dialog"
    chair = dialog.register(pub, "Cllr Jane Smith (Chair)", [COMMITTEE])
    assert chair is not None and dialog.model.item(0, 0).text() == "Cllr Jane Smith (Chair)"
    assert dialog.model.item(0, 3).text().startswith("Registered")
    dialog.table.selectRow(0)
    dialog._revoke_selected()
    assert dialog.model.item(0, 3).text().startswith("Revoked")
    assert dialog.register(pub, "Cllr Jane Smith (Chair)", [COMMITTEE]) is None, "a revoked key stays revoked"


def test_merge_queues_a_conflict_and_the_officer_settles_it(qtbot, master_db: Path, tmp_path: Path) -> None:
    key_path, pub = generate_keypair("chair-laptop", tmp_path / "keys", None)
    chairs = ChairsDialog(master_db, OfficerJobs())
    qtbot.addWidget(chairs)
    chairs.register(pub, "Cllr Jane Smith (Chair)", [COMMITTEE])
    action_id, owner = briefing_action(master_db)
    public = load_public_key(pub)
    event = Event(event_id=str(uuid.uuid4()), device_id=f"{public.key_id}-0000abcd", seq=1, key_id=public.key_id,
                  author=public.name, action_id=action_id, field="owner", old_value_seen="Head of Service",
                  new_value="Scrutiny Officer", note="Agreed at the meeting", base_version=1,
                  client_time=datetime.now(UTC).isoformat(timespec="seconds"))
    share = tmp_path / "share"
    folder = share / OUTBOX_DIR / event.device_id
    folder.mkdir(parents=True)
    (folder / event.file_name()).write_text(signed_document(event, load_private_key(key_path, None)), encoding="utf-8")

    settings = QSettings(str(tmp_path / "officer.ini"), QSettings.Format.IniFormat)
    dialog = MergeDialog(master_db, OfficerJobs(), settings)
    qtbot.addWidget(dialog)
    dialog.run_merge(share)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.report.conflicts == 1 and "conflicts (queued for you): 1" in dialog.result.toPlainText()
    assert dialog.model.rowCount() == 1
    assert owner in dialog.master_side.text() and "Scrutiny Officer" in dialog.chair_side.text()
    assert "Agreed at the meeting" in dialog.chair_side.text()
    dialog._resolve_selected(True)
    assert briefing_action(master_db) == (action_id, "Scrutiny Officer")
    assert dialog.model.rowCount() == 0 and "chair's value applied" in dialog.message.text()
    assert settings.value("officer/shared_folder") == str(share), "the share is remembered for next time"
