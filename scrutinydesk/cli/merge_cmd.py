"""``scrutinydesk merge`` and ``conflicts``: the officer takes in chairs' changes and settles conflicts."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from scrutinydesk.sync.chairs import open_master
from scrutinydesk.sync.conflicts import list_conflicts, resolve_conflict
from scrutinydesk.sync.merge import merge_outbox

_DB_OPTION = click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
                          help="The officer's master database.")


@click.command()
@click.option("--from", "share", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The shared folder holding outbox/.")
@click.option("--into", "master", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The officer's master database.")
def merge(share: Path, master: Path) -> None:
    """Merge chairs' signed changes from the shared folder into the master database."""
    report = merge_outbox(share, master)
    click.echo(f"Merged chairs' changes from {share} into {master}:")
    for line in report.lines():
        click.echo(f"  {line}")
    if report.conflicts:
        click.echo(f"Settle conflicts with 'scrutinydesk conflicts list --db {master}'.")


@click.group()
def conflicts() -> None:
    """Chairs' changes made against a value the master no longer holds, for the officer to settle."""


@conflicts.command("list")
@_DB_OPTION
@click.option("--all", "include_resolved", is_flag=True, help="Include conflicts already resolved.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def list_cmd(db_path: Path, include_resolved: bool, as_json: bool) -> None:
    """List queued conflicts."""
    conn = open_master(db_path)
    try:
        found = list_conflicts(conn, include_resolved)
    finally:
        conn.close()
    if as_json:
        click.echo(json.dumps([asdict(c) for c in found], indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo("No conflicts are waiting.")
    for conflict in found:
        state = f" [resolved: {conflict.resolution}]" if conflict.resolved_at else ""
        click.echo(f"{conflict.event_id}  {conflict.action_id}\n    {conflict.describe()}{state}")


@conflicts.command("resolve")
@click.argument("event_id")
@click.option("--apply-chair", "apply_chair", flag_value=True, default=None, help="Apply the chair's value.")
@click.option("--keep-master", "apply_chair", flag_value=False, help="Keep the master's value.")
@_DB_OPTION
def resolve(event_id: str, apply_chair: bool | None, db_path: Path) -> None:
    """Settle the conflict EVENT_ID one way or the other; the action's history records it."""
    if apply_chair is None:
        raise click.UsageError("Say --apply-chair or --keep-master.")
    conn = open_master(db_path)
    try:
        conflict = resolve_conflict(conn, event_id, apply_chair)
    finally:
        conn.close()
    click.echo(f"{conflict.action_id}: {conflict.resolution}; it ships with the next release.")


COMMANDS = [merge, conflicts]
