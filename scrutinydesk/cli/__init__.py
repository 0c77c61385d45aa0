"""The command line: the officer's tool, the scripting interface, and what tests drive.

``scrutinydesk`` with no sub-command opens the window. Each group of commands lives in its own
module beside this one; this module only assembles them.
"""
from __future__ import annotations

import click

from scrutinydesk import __version__
from scrutinydesk.cli.errors import UserError
from scrutinydesk.core.errors import UserFacingError


class _Main(click.Group):
    """Routes a bare ``scrutinydesk [--db …] [--screenshot …]`` to the ``gui`` command, and turns
    any ``UserFacingError`` into one plain sentence with a non-zero exit."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0].startswith("-") and args[0] not in ("--help", "--version", "-h")):
            args = ["gui", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):  # noqa: ANN201 - click's signature
        try:
            return super().invoke(ctx)
        except UserFacingError as error:
            raise UserError(str(error)) from None


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scrutinydesk")
def main() -> None:
    """scrutinydesk: a scrutiny committee's meetings, decisions, actions and indicators, offline."""


def _register() -> None:
    from scrutinydesk.cli import (
        actions_cmd,
        build_cmd,
        chairs_cmd,
        extract_cmd,
        gui_cmd,
        indicators_cmd,
        merge_cmd,
        notes_cmd,
        sync_cmd,
    )

    for module in (gui_cmd, extract_cmd, build_cmd, sync_cmd, chairs_cmd, actions_cmd, merge_cmd, indicators_cmd, notes_cmd):
        for command in module.COMMANDS:
            main.add_command(command)
    # Further command modules register here (one import each).


_register()

