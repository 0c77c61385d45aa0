"""The window's side of pulling: off the UI thread, reload in place, What's new, status bar, Settings."""
from __future__ import annotations

import json
import os
import threading
import time

import pytest
from sync_kit import add_meeting, publish_master

from scrutinydesk.core.config import Settings, load_settings, save_settings
from scrutinydesk.core.releases import current_release
from scrutinydesk.sync import share as names
from scrutinydesk.ui import sync_worker
from scrutinydesk.ui.main_window import MainWindow
from scrutinydesk.ui.settings_dialog import SettingsDialog
from scrutinydesk.ui.whats_new_panel import ID_ROLE


@pytest.fixture()
def window(qtbot, member, share, officer):
    save_settings(Settings(share, json.loads(officer.pub_path.read_text())), member)
    main = MainWindow(current_release(member), member)  # its first pull starts at once
    qtbot.addWidget(main)
    sync = main.release_sync
    qtbot.waitUntil(lambda: not sync.running and "up to date" in sync.label.text(), timeout=10_000)
    yield main, sync
    sync.shutdown()


def test_status_bar_names_the_release_and_its_signer(window, officer):
    main, sync = window
    assert main.release.version == 1
    assert f"Signed by officer (key {officer.public.key_id})" in sync.label.text()


def test_f5_pulls_a_new_release_and_reloads_in_place(window, qtbot, master, share, officer):
    main, sync = window
    main.select_tab("actions")
    added = add_meeting(master, 300)
    publish_master(master, share, officer)
    sync.check_action.trigger()
    qtbot.waitUntil(lambda: main.release.version == 2, timeout=10_000)
    assert main.tabs.currentIndex() == 2  # the member's tab is kept
    assert "updated just now" in sync.label.text()
    assert not sync.panel.isHidden()
    groups = [sync.panel.model.item(row).text() for row in range(sync.panel.model.rowCount())]
    assert groups == ["New meetings (1)", "New actions (1)", "New figures (1)"]
    assert sync.panel.model.item(0).child(0).data(ID_ROLE) == added


def test_a_rejected_release_is_said_and_the_window_stays(window, qtbot, master, share, officer):
    main, sync = window
    add_meeting(master, 301)
    published = publish_master(master, share, officer)
    manifest = names.pub_dir(share) / names.manifest_name(published.version)
    manifest.write_bytes(manifest.read_bytes().replace(b'"published_by": "officer"', b'"published_by": "mallory"'))
    sync.pull_now()
    qtbot.waitUntil(lambda: not sync.running, timeout=10_000)
    assert sync.label.text().startswith("Update rejected: Release v2 on the shared folder is not signed")
    assert main.release.version == 1


def test_a_hanging_share_never_blocks_the_window(window, qtbot, master, share, officer, monkeypatch):
    main, sync = window
    monkeypatch.setattr(sync_worker, "SHARE_TIMEOUT_S", 0.5)
    add_meeting(master, 302)
    published = publish_master(master, share, officer)
    fifo = names.pub_dir(share) / names.manifest_name(published.version)
    fifo.unlink()
    os.mkfifo(fifo)  # opening it blocks until a writer comes: a share that stopped answering
    started = time.monotonic()
    sync.pull_now()
    assert time.monotonic() - started < 0.2  # the UI thread handed it off and went back to work
    assert sync.running
    qtbot.waitUntil(lambda: not sync.running, timeout=10_000)
    assert sync.label.text().startswith("Offline: The shared folder did not answer")
    assert main.release.version == 1
    writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # release the abandoned reader thread
    os.close(writer)
    for thread in threading.enumerate():
        if thread.name == "scrutinydesk-pull":
            thread.join(5)


def test_without_settings_the_window_says_where_to_set_them(qtbot, member):
    main = MainWindow(current_release(member), member)
    qtbot.addWidget(main)
    sync = main.release_sync
    qtbot.waitUntil(lambda: "No shared folder set" in sync.label.text(), timeout=5_000)
    sync.shutdown()


def test_settings_dialog_saves_folder_and_checked_key(qtbot, data_dir, share, officer):
    dialog = SettingsDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(share))
    assert dialog.use_key_file(officer.pub_path)
    assert officer.public.key_id in dialog.key_label.text()
    dialog.minutes.setValue(7)
    dialog.accept()
    settings = load_settings(data_dir)
    assert settings.shared_folder == share and settings.pull_minutes == 7
    assert settings.trusted_key["key_id"] == officer.public.key_id
