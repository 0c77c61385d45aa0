"""The window never opens a release whose file went bad after it was verified: it steps back."""
from __future__ import annotations

from pathlib import Path

from sync_kit import Officer, add_meeting, publish_master

from scrutinydesk.core.paths import bundled_database
from scrutinydesk.core.releases import current_release
from scrutinydesk.ui.app import release_to_open


def test_a_corrupt_current_snapshot_falls_back_to_the_previous_one(
        member: Path, master: Path, share: Path, officer: Officer, pull) -> None:
    add_meeting(master, 20)
    publish_master(master, share, officer)
    assert pull().status == "updated"
    current = current_release(member)
    assert current.version == 2
    current.path.write_bytes(b"not a database any more" * 100)
    chosen = release_to_open(member)
    assert chosen.version == 1
    assert current_release(member).version == 1


def test_with_nothing_to_step_back_to_the_bundled_database_opens(member: Path) -> None:
    current_release(member).path.write_bytes(b"garbage" * 100)
    assert release_to_open(member).path == bundled_database()
