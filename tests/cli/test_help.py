"""Every command and sub-command answers --help; --version prints the version."""
from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from scrutinydesk import __version__
from scrutinydesk.cli import COMMAND_MODULES, main

ROOT = Path(__file__).resolve().parents[2]


def all_command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and sub-command, as ``--help`` lists them (the top group loads its commands lazily)."""
    paths = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths.extend(all_command_paths(command, (*prefix, name)))
    return paths


def test_every_command_module_is_named_in_the_lazy_table() -> None:
    """``COMMAND_MODULES`` names each command of every ``*_cmd`` module, and nothing else."""
    modules = sorted(path.stem for path in (ROOT / "scrutinydesk" / "cli").glob("*_cmd.py"))
    assert sorted(set(COMMAND_MODULES.values())) == modules
    for module_name in modules:
        module = importlib.import_module(f"scrutinydesk.cli.{module_name}")
        names = {command.name for command in module.COMMANDS}
        assert names == {name for name, owner in COMMAND_MODULES.items() if owner == module_name}, module_name


def test_opening_the_window_imports_no_other_command() -> None:
    """The window's start pays only for the ``gui`` command's module."""
    script = ("import sys\nfrom scrutinydesk.cli import main\nmain.get_command(None, 'gui')\n"
              "print(','.join(sorted(m for m in sys.modules if m.startswith('scrutinydesk.cli.'))))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.split() == ["scrutinydesk.cli.errors,scrutinydesk.cli.gui_cmd"]


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
