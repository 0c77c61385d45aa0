"""One process publishes releases in a loop while another pulls them in a loop.

Every pull must switch to a whole, verified release or keep the one it had, and neither process
may open a file on the share with SQLite. It runs for SCRUTINYDESK_STRESS_SECONDS (default 10, so
it fits the normal suite; set 30 for the full check).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from sync_kit import HERE, publish_master

from scrutinydesk.core.releases import current_release
from scrutinydesk.sync.pull import pull_latest

SECONDS = os.environ.get("SCRUTINYDESK_STRESS_SECONDS", "10")


def start(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, str(HERE / "stress_child.py"), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_publishing_and_pulling_at_once(master, share, officer, data_dir):
    publish_master(master, share, officer)
    publisher = start("publish", str(master), str(share), str(officer.key_path), SECONDS)
    puller = start("pull", str(share), str(officer.pub_path), str(data_dir), SECONDS)
    timeout = float(SECONDS) + 120
    published_out, published_err = publisher.communicate(timeout=timeout)
    pulled_out, pulled_err = puller.communicate(timeout=timeout)
    assert publisher.returncode == 0, published_out + published_err
    assert puller.returncode == 0, pulled_out + pulled_err
    published, pulled = json.loads(published_out), json.loads(pulled_out)
    assert len(published["published"]) >= 3 and pulled["updated"] >= 2, (published, pulled)
    assert pulled["connections"] > 0  # the puller did validate with SQLite, only never on the share
    # Once the publisher stops, one more pull reaches its last release.
    assert pull_latest(share, officer.public, data_dir).is_current
    assert current_release(data_dir).version == published["published"][-1]
