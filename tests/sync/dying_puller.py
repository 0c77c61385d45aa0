"""A member's pull that is killed (SIGKILL, as a power cut would stop it) at a chosen step.

Usage: dying_puller.py STAGE SHARE OFFICER.pub DATA_DIR, STAGE one of mid-staging, staged,
snapshot-renamed, pointer-written, before-ratchet.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from sync_kit import die, half_copy_then_die

import scrutinydesk.sync.pull as pull_module
import scrutinydesk.sync.snapshots as snapshots
from scrutinydesk.sync.keys import load_public_key


def main(stage: str, share: str, trusted: str, data_dir: str) -> None:
    if stage == "mid-staging":
        pull_module.copy_hashing = half_copy_then_die
    elif stage == "staged":
        pull_module.validate_release_db = die
    elif stage == "snapshot-renamed":
        snapshots._point_current_at = die
    elif stage == "pointer-written":
        real_replace = os.replace

        def replace_or_die(source, target):  # noqa: ANN001, ANN202
            if Path(target).name == "current.json":
                die()
            real_replace(source, target)

        os.replace = replace_or_die
    elif stage == "before-ratchet":
        snapshots.save_state = die
    else:
        raise SystemExit(f"unknown stage {stage}")
    pull_module.pull_latest(Path(share), load_public_key(Path(trusted)), Path(data_dir), timeout=30)
    raise SystemExit("the puller was not killed")


if __name__ == "__main__":
    main(*sys.argv[1:])
