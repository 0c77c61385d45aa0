"""Turns a ``UserFacingError`` raised anywhere below the command line into one sentence on stderr."""
from __future__ import annotations

import click


class UserError(click.ClickException):
    """Something the user can fix; printed as its message alone, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(self.format_message(), err=True)
