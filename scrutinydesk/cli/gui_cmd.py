"""``scrutinydesk [gui]``: open the window, or render it once to a PNG with ``--screenshot``."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.paths import data_dir as resolve_data_dir

TAB_CHOICES = ("meetings", "resolutions", "actions", "indicators")


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Open this database instead of the current release.")
@click.option("--master", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Officer mode: open this master database (created empty if missing) with the Officer menu.")
@click.option("--screenshot", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Render the window once to this PNG file and exit.")
@click.option("--tab", type=click.Choice(TAB_CHOICES), default=None, help="The tab to show.")
@click.option("--theme", type=click.Choice(["system", "light", "dark"]), default=None,
              help="Colour theme for this run (default: the saved choice, else the system's).")
@click.option("--text-size", type=click.IntRange(100, 200), default=None,
              help="Text size in percent for this run, 100 to 200.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Per-user folder (default: the platform's, or $SCRUTINYDESK_HOME).")
def gui(db: Path | None, master: Path | None, screenshot: Path | None, tab: str | None, theme: str | None,
        text_size: int | None, data_dir: Path | None) -> None:
    """Open the window (the default when no command is given)."""
    if master is not None:
        if db is not None:
            raise UserFacingError("Give --db or --master, not both; --master opens the officer's master database.")
        from scrutinydesk.core.master import prepare_master

        db = prepare_master(master)
    if db is not None and not db.is_file():
        raise UserFacingError(f"The database {db} does not exist; check the --db path or run 'make run'.")
    from scrutinydesk.ui.app import run_window

    sys.exit(run_window(resolve_data_dir(data_dir), db=db, screenshot=screenshot, tab=tab,
                        theme=theme, text_size=text_size))


COMMANDS = [gui]
