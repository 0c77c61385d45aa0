"""What's new between two releases: meetings, actions opened and closed, figures, resolutions."""
from __future__ import annotations

import shutil
import sqlite3

from sync_kit import add_meeting, make_master, meeting_id

from scrutinydesk.core.whats_new import compare_releases


def test_changes_between_two_releases(tmp_path):
    old = make_master(tmp_path / "old.db", meetings=2)
    new = tmp_path / "new.db"
    shutil.copyfile(old, new)
    added = add_meeting(new, 30)
    conn = sqlite3.connect(new)
    conn.execute("UPDATE actions SET status = 'completed' WHERE meeting_id = ?", (meeting_id(0),))
    conn.execute("UPDATE resolutions SET text = 'that the report be noted, with thanks' WHERE meeting_id = ?",
                 (meeting_id(1),))
    conn.commit()
    conn.close()
    changes = compare_releases(old, new)
    assert [c.id for c in changes.new_meetings.items] == [added]
    assert [c.meeting_id for c in changes.new_actions.items] == [added]
    assert [c.meeting_id for c in changes.closed_actions.items] == [meeting_id(0)]
    assert changes.new_figures.count == 1
    assert [c.text for c in changes.changed_resolutions.items] == ["that the report be noted, with thanks"]
    assert changes.summary() == (
        "1 new meeting, 1 new action, 1 action closed, 1 new figure, 1 resolution added or changed")


def test_no_previous_release_or_no_change_is_empty(tmp_path):
    release = make_master(tmp_path / "r.db")
    assert compare_releases(None, release).is_empty()
    copy = tmp_path / "copy.db"
    shutil.copyfile(release, copy)
    assert compare_releases(release, copy).is_empty()
