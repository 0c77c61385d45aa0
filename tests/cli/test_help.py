"""Every command and sub-command answers --help; --version prints the version."""
from __future__ import annotations

import click
from click.testing import CliRunner

from scrutinydesk import __version__
from scrutinydesk.cli import main


def all_command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, command in group.commands.items():
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths.extend(all_command_paths(command, (*prefix, name)))
    return paths


def test_every_command_has_help() -> None:
    runner = CliRunner()
    paths = all_command_paths(main)
    assert {("build",), ("extract",), ("gui",)} <= set(paths)
    for path in paths:
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage:" in result.output


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output
