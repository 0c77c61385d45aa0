"""``notes``: a member's private notes and draft questions from the command line (add, list, export, import)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from scrutinydesk.core.briefing_pdf import write_briefing_pdf
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.notebook import NOTE_COLUMNS, STATUSES, Note, Notebook
from scrutinydesk.core.notebook_export import export_json, import_json

_DATA_DIR = click.option("--data-dir", "data_dir_opt", type=click.Path(file_okay=False, path_type=Path), default=None,
                         help="Per-user data folder holding notebook.db (default: $SCRUTINYDESK_HOME or the platform's).")


@click.group()
def notes() -> None:
    """Your private notes and draft questions, kept on this laptop unless you export them."""


@notes.command("add")
@click.argument("target_id")
@click.argument("text")
@click.option("--question", is_flag=True, help="Add a draft question rather than a note.")
@_DATA_DIR
def add(target_id: str, text: str, question: bool, data_dir_opt: Path | None) -> None:
    """Attach TEXT to the record TARGET_ID (a meeting, item, resolution, action, figure or indicator:CODE)."""
    if not text.strip():
        raise UserFacingError("Give the text of the note in quotes after the record's id.")
    with Notebook.for_data_dir(data_dir_opt) as notebook:
        note = notebook.add(target_id, text, question=question)
    click.echo(f"Added {'question' if question else 'note'} {note.uuid} to {note.target_label}.")


@notes.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (every field, with 'detached') instead of text.")
@_DATA_DIR
def list_notes(as_json: bool, data_dir_opt: Path | None) -> None:
    """List every note and question by record; those whose record left the release are shown as detached."""
    with Notebook.for_data_dir(data_dir_opt) as notebook:
        every = notebook.all_notes()
        if as_json:
            rows = [{**{column: getattr(n, column) for column in NOTE_COLUMNS}, "detached": n.detached} for n in every]
            click.echo(json.dumps({"notes": rows}, ensure_ascii=False, indent=2))
            return
        if not every:
            click.echo("Your notebook is empty. Add a note with: scrutinydesk notes add RECORD_ID \"text\"")
            return
        attached = [n for n in every if not n.detached]
        for heading, group in _by_meeting(notebook, attached):
            click.echo(heading)
            _echo_targets(group, quote=False)
        detached = [n for n in every if n.detached]
        if detached:
            click.echo("Detached (the record is no longer in the published minutes; your notes are kept)")
            _echo_targets(detached, quote=True)


def _by_meeting(notebook: Notebook, attached: list[Note]) -> list[tuple[str, list[Note]]]:
    groups: dict[str | None, list[Note]] = {}
    for note in attached:
        groups.setdefault(note.target_meeting_id, []).append(note)
    headings = []
    for meeting_id, group in groups.items():
        if meeting_id is None:
            headings.append(("~", "Indicators", group))
        else:
            info = notebook.meeting(meeting_id)
            headings.append((info.sort_key, f"{info.committee}, {info.when}", group))
    return [(heading, group) for _, heading, group in sorted(headings, key=lambda h: (h[0], h[1]))]


def _echo_targets(group: list[Note], quote: bool) -> None:
    by_target: dict[str, list[Note]] = {}
    for note in group:
        by_target.setdefault(note.target_id, []).append(note)
    for target_id, target_notes in by_target.items():
        first = target_notes[0]
        click.echo(f"  {first.target_label}  [{target_id}]")
        if quote and first.target_quote:
            click.echo(f"    “{first.target_quote}”")
        for note in target_notes:
            kind = f"question, {note.status}" if note.is_question else "note"
            click.echo(f"    - ({kind}) {note.text}  [{note.uuid}]")
            if note.answer:
                click.echo(f"      answer: {note.answer}")


@notes.command("status")
@click.argument("note_uuid")
@click.argument("status", type=click.Choice(STATUSES))
@click.option("--answer", default=None, help="The answer given (with status answered).")
@_DATA_DIR
def status(note_uuid: str, status: str, answer: str | None, data_dir_opt: Path | None) -> None:
    """Set a question's STATUS (draft, ready, asked, answered), optionally with the answer."""
    with Notebook.for_data_dir(data_dir_opt) as notebook:
        note = notebook.set_status(note_uuid, status, answer=answer)
    click.echo(f"Question {note.uuid} is now {note.status}.")


@notes.command("export")
@click.option("--meeting", "meeting_id", default=None, help="The meeting to brief (with --pdf).")
@click.option("--pdf", "pdf_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the meeting's A4 briefing (its items, your questions, the figures they cite) here.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the whole notebook here as JSON, to back up or move to another laptop.")
@_DATA_DIR
def export(meeting_id: str | None, pdf_out: Path | None, json_out: Path | None, data_dir_opt: Path | None) -> None:
    """Export a meeting's briefing as PDF (--meeting ID --pdf OUT) or the whole notebook as JSON (--json OUT)."""
    if (pdf_out is None) == (json_out is None):
        raise UserFacingError("Give either --pdf OUT with --meeting ID, or --json OUT.")
    if pdf_out is not None and not meeting_id:
        raise UserFacingError("Say which meeting to brief with --meeting ID (see 'notes list' for ids).")
    if json_out is not None and meeting_id:
        raise UserFacingError("--json exports the whole notebook; leave out --meeting.")
    with Notebook.for_data_dir(data_dir_opt) as notebook:
        if pdf_out is not None:
            briefing = write_briefing_pdf(notebook, meeting_id, pdf_out)
            count = len(briefing.questions)
            click.echo(f"Wrote {pdf_out}: {count} question{'s' if count != 1 else ''} for {briefing.meeting.committee}, "
                       f"{briefing.meeting.when}.")
        else:
            count = export_json(notebook, json_out)
            click.echo(f"Wrote {json_out}: {count} note{'s' if count != 1 else ''} and questions.")


@notes.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@_DATA_DIR
def import_(source: Path, data_dir_opt: Path | None) -> None:
    """Merge a notebook exported with 'notes export --json' into this one (nothing is duplicated)."""
    with Notebook.for_data_dir(data_dir_opt) as notebook:
        added, updated, present = import_json(notebook, source)
    click.echo(f"Imported {source}: {added} added, {updated} updated with newer edits, {present} already here.")


COMMANDS = [notes]
