"""The command line: the officer's tool, the scripting interface, and what tests drive.

``scrutinydesk`` with no sub-command opens the window. Each group of commands lives in its own
module beside this one; this module only names them, and imports a command's module when that
command runs (or ``--help`` lists it), so opening the window does not pay for the build, sync and
PDF code the other commands import.
"""
from __future__ import annotations

import importlib

import click

from scrutinydesk import __version__
from scrutinydesk.cli.errors import UserError
from scrutinydesk.core.errors import UserFacingError

# Command name -> the module beside this one whose ``COMMANDS`` holds it. A new command module adds
# its commands here (tests/cli checks this table against every module's ``COMMANDS``).
COMMAND_MODULES = {
    "gui": "gui_cmd",
    "extract": "extract_cmd",
    "build": "build_cmd",
    "keygen": "sync_cmd",
    "publish": "sync_cmd",
    "pull": "sync_cmd",
    "chairs": "chairs_cmd",
    "actions": "actions_cmd",
    "merge": "merge_cmd",
    "conflicts": "merge_cmd",
    "indicators": "indicators_cmd",
    "notes": "notes_cmd",
}


class _Main(click.Group):
    """Routes a bare ``scrutinydesk [--db …] [--screenshot …]`` to the ``gui`` command, turns any
    ``UserFacingError`` into one plain sentence with a non-zero exit, and loads commands lazily."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0].startswith("-") and args[0] not in ("--help", "--version", "-h")):
            args = ["gui", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):  # noqa: ANN201 - click's signature
        try:
            return super().invoke(ctx)
        except UserFacingError as error:
            raise UserError(str(error)) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = importlib.import_module(f"{__name__}.{COMMAND_MODULES[cmd_name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return self.commands.get(cmd_name)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scrutinydesk")
def main() -> None:
    """scrutinydesk: a scrutiny committee's meetings, decisions, actions and indicators, offline."""
