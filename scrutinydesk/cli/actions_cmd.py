"""``scrutinydesk actions``: the action log, the chair's changes from the command line, the tracker paper."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path

import click
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from scrutinydesk.cli.sync_cmd import _key_passphrase
from scrutinydesk.core.action_history import action_history
from scrutinydesk.core.config import load_settings
from scrutinydesk.core.database import open_readonly
from scrutinydesk.core.dates import short_date
from scrutinydesk.core.paths import data_dir
from scrutinydesk.core.releases import OpenRelease
from scrutinydesk.sync.chair_changes import ChairDesk
from scrutinydesk.sync.events import Event
from scrutinydesk.sync.keys import load_private_key

_DATA_DIR = click.option("--data-dir", "data_dir_opt", type=click.Path(file_okay=False, path_type=Path), default=None,
                         help="Per-user data folder (default: $SCRUTINYDESK_HOME or the platform's).")
_KEY = click.option("--key", "key_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
                    help="This laptop's chair key (the .key file 'scrutinydesk keygen' wrote).")
_OUTBOX = click.option("--outbox", "share", type=click.Path(file_okay=False, path_type=Path), default=None,
                       help="The shared folder (default: the one in the settings); the change is sent there when reachable.")
_NOTE = click.option("--note", default=None, help="A short note members will read in the action's history.")


@click.group()
def actions() -> None:
    """The action log: list it, mark actions completed (chairs), print the action tracker."""


@actions.command("list")
@click.option("--open", "only_open", is_flag=True, help="Only actions not yet completed.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (with each action's history) instead of a table.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Read this database instead of the release open on this laptop.")
@_DATA_DIR
def list_actions(only_open: bool, as_json: bool, db_path: Path | None, data_dir_opt: Path | None) -> None:
    """List actions; this laptop's changes not yet confirmed by a release are marked pending."""
    desk = ChairDesk(data_dir(data_dir_opt), OpenRelease(db_path, None) if db_path else None)
    try:
        rows = [a for a in desk.actions() if not (only_open and a.status == "completed")]
    finally:
        desk.close()
    today = date.today().isoformat()
    if as_json:
        conn = open_readonly(desk.release_path)
        try:
            out = [asdict(a) | {"history": [e.sentence() for e in action_history(conn, a.id)]} for a in rows]
        finally:
            conn.close()
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    for a in rows:
        state = "completed" if a.status == "completed" else ("overdue" if a.due and a.due < today else "open")
        flag = " (pending)" if a.pending else ""
        click.echo(f"{state + flag:<20} {short_date(a.due) or '-':<12} {(a.owner or '-')[:24]:<24} "
                   f"{a.text[:70]}  [{a.id}]")


@actions.command("complete")
@click.argument("action_id")
@_NOTE
@_KEY
@_OUTBOX
@_DATA_DIR
def complete(action_id: str, note: str | None, key_path: Path, share: Path | None, data_dir_opt: Path | None) -> None:
    """Mark ACTION_ID completed (chairs): recorded here first, then sent to the shared folder."""
    _record(data_dir_opt, share, key_path, lambda desk, key: desk.complete(key, action_id, note, key_path))


@actions.command("reopen")
@click.argument("action_id")
@_NOTE
@_KEY
@_OUTBOX
@_DATA_DIR
def reopen(action_id: str, note: str | None, key_path: Path, share: Path | None, data_dir_opt: Path | None) -> None:
    """Reopen ACTION_ID (chairs), e.g. when it was marked completed by mistake."""
    _record(data_dir_opt, share, key_path, lambda desk, key: desk.reopen(key, action_id, note, key_path))


@actions.command("set")
@click.argument("action_id")
@click.option("--due", default=None, help="New due date, YYYY-MM-DD ('' clears it).")
@click.option("--owner", default=None, help="New owner ('' clears it).")
@_NOTE
@_KEY
@_OUTBOX
@_DATA_DIR
def set_fields(action_id: str, due: str | None, owner: str | None, note: str | None, key_path: Path,
               share: Path | None, data_dir_opt: Path | None) -> None:
    """Change ACTION_ID's due date or owner, or add a note to it (chairs)."""
    if due is None and owner is None and not note:
        raise click.UsageError("Give --due, --owner or --note.")

    def change(desk: ChairDesk, key: Ed25519PrivateKey) -> list[Event]:
        made = []
        if due is not None:
            made.append(desk.change(key, action_id, "due", due, note, key_path))
        if owner is not None:
            made.append(desk.change(key, action_id, "owner", owner, None if made else note, key_path))
        if not made:
            made.append(desk.change(key, action_id, "note", None, note, key_path))
        return made

    _record(data_dir_opt, share, key_path, change)


@actions.command("add")
@click.argument("item_id")
@click.argument("text")
@click.option("--owner", default=None, help="Who must act.")
@click.option("--due", default=None, help="Due date, YYYY-MM-DD.")
@_KEY
@_OUTBOX
@_DATA_DIR
def add(item_id: str, text: str, owner: str | None, due: str | None, key_path: Path, share: Path | None,
        data_dir_opt: Path | None) -> None:
    """Record an action arising at ITEM_ID (chairs)."""
    _record(data_dir_opt, share, key_path, lambda desk, key: desk.add_action(key, item_id, text, owner, due, key_path))


@actions.command("send")
@_OUTBOX
@_DATA_DIR
def send(share: Path | None, data_dir_opt: Path | None) -> None:
    """Send this laptop's changes again (until a release confirms them)."""
    desk = ChairDesk(data_dir(data_dir_opt))
    try:
        click.echo(_send(desk, share))
    finally:
        desk.close()


@actions.command("report")
@click.option("--meeting", "meeting_id", required=True,
              help="The meeting the paper is for: a meeting id, or COMMITTEE/YYYY-MM-DD for a coming one.")
@click.option("--pdf", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The PDF to write.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Read this database (e.g. the master) instead of the release open on this laptop.")
@_DATA_DIR
def report(meeting_id: str, out: Path, db_path: Path | None, data_dir_opt: Path | None) -> None:
    """Write the action tracker paper for a meeting's agenda as a PDF."""
    # Imported here: fpdf2 takes long to import and only this command needs it.
    from scrutinydesk.core.action_log_report import action_tracker, write_action_tracker_pdf

    desk = ChairDesk(data_dir(data_dir_opt), OpenRelease(db_path, None) if db_path else None)
    conn = open_readonly(desk.release_path)
    try:
        tracker = action_tracker(conn, meeting_id)
    finally:
        conn.close()
    write_action_tracker_pdf(tracker, out)
    open_count = tracker.count("Open") + tracker.count("Overdue")
    click.echo(f"Wrote {out}: {open_count} open ({tracker.count('Overdue')} overdue), "
               f"{tracker.count('Completed')} completed since the last meeting.")


def _record(data_dir_opt: Path | None, share: Path | None, key_path: Path,
            change: Callable[[ChairDesk, Ed25519PrivateKey], Event | list[Event]]) -> None:
    """Load the key, record the change locally (committed before anything else), then try to send it."""
    key = load_private_key(key_path, _key_passphrase(key_path))
    desk = ChairDesk(data_dir(data_dir_opt))
    try:
        made = change(desk, key)
        for event in made if isinstance(made, list) else [made]:
            click.echo(f"Recorded on this laptop: {_describe(event)} (change {event.seq}, pending).")
        click.echo(_send(desk, share))
    finally:
        desk.close()


def _describe(event: Event) -> str:
    if event.field == "new_action":
        return f"new action {event.action_id}"
    if event.field == "status":
        verb = "completed" if event.new_value == "completed" else "reopened"
        return f"{event.action_id} {verb}" + (f" with the note {event.note!r}" if event.note else "")
    if event.field == "note":
        return f"note on {event.action_id}"
    return f"{event.action_id} {event.field} set to {event.new_value or 'none'}"


def _send(desk: ChairDesk, share: Path | None) -> str:
    share = share or load_settings(desk.data_dir).shared_folder
    if share is None:
        return ("Not sent yet: give the shared folder with --outbox SHARE "
                "(or set it in the settings, or run 'scrutinydesk actions send --outbox SHARE').")
    result = desk.send(share)
    if not result.reachable:
        return (f"Queued, will be sent when the shared folder is reachable ({share}); "
                f"{result.pending} change(s) waiting on this laptop.")
    return (f"Sent to the shared folder: {result.written} written, {result.already_there} already there; "
            f"{result.pending} change(s) pending until a release confirms them.")


COMMANDS = [actions]
