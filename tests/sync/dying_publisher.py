"""A publisher that is killed (SIGKILL, as a crash or power cut would stop it) at a chosen step.

Usage: dying_publisher.py STAGE MASTER SHARE KEY, STAGE one of mid-copy, before-manifest,
mid-manifest, before-signature. Never returns normally when the stage is reached.
"""
from __future__ import annotations

import sys
from pathlib import Path

from sync_kit import die, half_copy_then_die

import scrutinydesk.core.durable as durable
import scrutinydesk.sync.publish as publish_module
from scrutinydesk.sync.keys import load_private_key


def main(stage: str, master: str, share: str, key: str) -> None:
    if stage == "mid-copy":
        publish_module.copy_hashing = half_copy_then_die
    elif stage in ("before-manifest", "before-signature"):
        real, calls = publish_module.write_new_file, []

        def write_then_die(path, data):  # noqa: ANN001, ANN202
            calls.append(path)
            if stage == "before-manifest" or len(calls) == 2:
                die()
            real(path, data)

        publish_module.write_new_file = write_then_die
    elif stage == "mid-manifest":
        real_rename = durable.rename_no_replace

        def rename_or_die(source, target):  # noqa: ANN001, ANN202
            if Path(target).name.endswith(".manifest.json"):
                die()
            real_rename(source, target)

        durable.rename_no_replace = rename_or_die
    else:
        raise SystemExit(f"unknown stage {stage}")
    publish_module.publish(Path(master), Path(share), load_private_key(Path(key), None), key_name="officer")
    raise SystemExit("the publisher was not killed")


if __name__ == "__main__":
    main(*sys.argv[1:])
