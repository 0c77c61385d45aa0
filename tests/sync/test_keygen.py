"""``keygen``: passphrase from the environment, from a terminal, or none only when asked for."""
from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time

from click.testing import CliRunner

from scrutinydesk.cli import main
from scrutinydesk.sync.keys import PASSPHRASE_ENV, load_private_key, load_public_key, public_of


def test_keygen_without_a_passphrase_when_asked(tmp_path):
    result = CliRunner().invoke(main, ["keygen", "officer", "--out", str(tmp_path), "--no-passphrase"])
    assert result.exit_code == 0, result.output
    public = load_public_key(tmp_path / "officer.pub")
    assert public.key_id in result.output
    assert public_of(load_private_key(tmp_path / "officer.key", None)).key_id == public.key_id
    record = json.loads((tmp_path / "officer.pub").read_text())
    assert record["name"] == "officer" and len(record["key_id"]) == 16
    assert (tmp_path / "officer.key").stat().st_mode & 0o077 == 0


def test_keygen_takes_the_passphrase_from_the_environment(tmp_path):
    result = CliRunner().invoke(main, ["keygen", "officer", "--out", str(tmp_path)], env={PASSPHRASE_ENV: "s3cret words"})
    assert result.exit_code == 0, result.output
    assert b"ENCRYPTED" in (tmp_path / "officer.key").read_bytes()
    load_private_key(tmp_path / "officer.key", b"s3cret words")


def test_keygen_with_no_terminal_and_no_passphrase_is_a_plain_error(tmp_path, monkeypatch):
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    result = CliRunner().invoke(main, ["keygen", "officer", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert f"set {PASSPHRASE_ENV}, run from a terminal, or pass --no-passphrase" in result.output
    assert not (tmp_path / "officer.key").exists()


def test_keygen_never_overwrites_a_key(tmp_path):
    runner = CliRunner()
    runner.invoke(main, ["keygen", "officer", "--out", str(tmp_path), "--no-passphrase"])
    key = (tmp_path / "officer.key").read_bytes()
    result = runner.invoke(main, ["keygen", "officer", "--out", str(tmp_path), "--no-passphrase"])
    assert result.exit_code == 2 and "already exists" in result.output
    assert (tmp_path / "officer.key").read_bytes() == key


def test_keygen_asks_on_a_terminal_and_publish_asks_again(tmp_path, master, share):
    env = {k: v for k, v in os.environ.items() if k != PASSPHRASE_ENV}
    assert run_on_terminal(["keygen", "officer", "--out", str(tmp_path / "keys")], ["pass phrase", "pass phrase"], env) == 0
    key = tmp_path / "keys" / "officer.key"
    load_private_key(key, b"pass phrase")
    publish = ["publish", str(master), "--to", str(share), "--key", str(key)]
    assert run_on_terminal(publish, ["pass phrase"], env) == 0
    assert (share / "pub" / "scrutiny-v000001.manifest.sig").is_file()


def run_on_terminal(args: list[str], answers: list[str], env: dict[str, str]) -> int:
    """Run ``scrutinydesk ARGS`` with a pseudo-terminal as its terminal, typing each answer at a prompt."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "scrutinydesk", *args], stdin=terminal, stdout=terminal, stderr=terminal,
        env=env, start_new_session=True, close_fds=True,
    )
    os.close(terminal)
    seen, deadline = b"", time.monotonic() + 60
    try:
        while answers and time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 1)
            if ready:
                seen += os.read(controller, 1024)
            if seen.rstrip().endswith(b":"):
                os.write(controller, answers.pop(0).encode() + b"\n")
                seen = b""
        return process.wait(timeout=60)
    finally:
        process.kill()
        os.close(controller)
