"""``scrutinydesk chairs``: the officer registers, lists and revokes chairs' device keys in the master DB."""
from __future__ import annotations

import json
from pathlib import Path

import click

from scrutinydesk.sync.chairs import Chair, add_chair, open_master, registered_chairs, revoke_chair
from scrutinydesk.sync.keys import load_public_key

_DB_OPTION = click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
                          help="The officer's master database.")


@click.group()
def chairs() -> None:
    """Chairs' device keys: who may mark which committee's actions completed."""


@chairs.command("add")
@click.argument("pub", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", required=True, help="The chair's name as members should read it, e.g. 'Cllr Jane Smith (Chair)'.")
@_DB_OPTION
@click.option("--committee", "committees", multiple=True,
              help="Id of a committee they chair, e.g. childrens-scrutiny (repeatable; may be left out when "
                   "the database holds one committee).")
def add(pub: Path, name: str, db_path: Path, committees: tuple[str, ...]) -> None:
    """Register the chair's public key PUB (made by 'scrutinydesk keygen' on their laptop)."""
    key = load_public_key(pub)
    conn = open_master(db_path)
    try:
        chair = add_chair(conn, key, name, list(committees))
    finally:
        conn.close()
    click.echo(f"Registered {chair.name} (key {chair.key_id}) for {', '.join(chair.committees)}; "
               "it ships to every laptop with the next release.")


@chairs.command("list")
@_DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def list_chairs(db_path: Path, as_json: bool) -> None:
    """List registered chairs' keys, revoked ones included."""
    conn = open_master(db_path)
    try:
        found = list(registered_chairs(conn).values())
    finally:
        conn.close()
    if as_json:
        click.echo(json.dumps([_as_dict(c) for c in found], indent=2))
        return
    if not found:
        click.echo("No chairs are registered; add one with 'scrutinydesk chairs add PUB --name NAME --db DB --committee ID'.")
    for chair in found:
        state = f"revoked {chair.revoked_at}" if chair.revoked_at else f"registered {chair.registered_at}"
        click.echo(f"{chair.key_id}  {chair.name}  [{', '.join(chair.committees)}]  {state}")


@chairs.command("revoke")
@click.argument("key_id")
@_DB_OPTION
def revoke(key_id: str, db_path: Path) -> None:
    """Stop trusting the key KEY_ID (a lost laptop, a chair who stood down); its history stays."""
    conn = open_master(db_path)
    try:
        chair = revoke_chair(conn, key_id)
    finally:
        conn.close()
    click.echo(f"Revoked {chair.name}'s key {chair.key_id} on {chair.revoked_at}; changes it signs are now rejected.")


def _as_dict(chair: Chair) -> dict[str, object]:
    return {"key_id": chair.key_id, "name": chair.name, "committees": list(chair.committees),
            "registered_at": chair.registered_at, "revoked_at": chair.revoked_at}


COMMANDS = [chairs]
