"""``scrutinydesk indicators list [--json]``: each indicator's latest values, comparators and flags."""
from __future__ import annotations

import json
from pathlib import Path

import click

from scrutinydesk.core.database import open_readonly
from scrutinydesk.core.paths import data_dir as resolve_data_dir
from scrutinydesk.core.releases import current_release


@click.group()
def indicators() -> None:
    """Performance indicators: the council's values, comparators and things worth a question."""


@indicators.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print every indicator as JSON, with its series.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Read this database instead of the current release.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Per-user folder (default: the platform's, or $SCRUTINYDESK_HOME).")
def list_indicators(as_json: bool, db: Path | None, data_dir: Path | None) -> None:
    """List each indicator with its latest local and official value, England, RAG and flags."""
    from scrutinydesk.core.indicator_summary import indicator_summaries, summary_line

    conn = open_readonly(db or current_release(resolve_data_dir(data_dir)).path)
    try:
        records = indicator_summaries(conn)
    finally:
        conn.close()
    if as_json:
        click.echo(json.dumps({"format": "scrutinydesk.indicators/1", "indicators": records},
                              ensure_ascii=False, indent=1))
        return
    for record in records:
        click.echo(summary_line(record))
        for flag in record["flags"]:
            click.echo(f"    ⚑ {flag['title']}: {flag['detail']}")


COMMANDS = [indicators]
