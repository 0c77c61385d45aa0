"""``scrutinydesk extract FILE... [--meta MANIFEST] --json``: the officer's preview of what the
extractor finds, printed as the contract's JSON; no database is touched."""
from __future__ import annotations

import json
from pathlib import Path

import click

from scrutinydesk.core.manifest import load_manifest

FORMAT = "scrutinydesk.extraction/1"


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--meta", "manifest", type=click.Path(path_type=Path), default=None,
              help="A manifest.csv giving committee and date for files whose text does not say.")
@click.option("--json", "as_json", is_flag=True, help="Print the extraction as JSON (the only output format).")
def extract(files: tuple[Path, ...], manifest: Path | None, as_json: bool) -> None:
    """Extract items, resolutions, actions, figures and RAG ratings from minutes files.

    An unreadable file does not stop the rest: the readable ones are printed, each unreadable one
    is named with its reason on stderr, and the exit code is 2."""
    from scrutinydesk.ingest import extract_path
    from scrutinydesk.ingest.errors import UnreadableMinutes

    metas = load_manifest(manifest) if manifest else {}
    documents, refused = [], []
    for path in files:
        try:
            extraction = extract_path(path, metas.get(path.name))
        except UnreadableMinutes as error:
            refused.append(str(error))
            continue
        for note in extraction.document.get("notes", []):
            click.echo(f"{path.name}: {note}", err=True)
        documents.append(extraction.document)
    if documents:
        click.echo(json.dumps({"format": FORMAT, "documents": documents}, ensure_ascii=False, indent=1 if as_json else None))
    for message in refused:
        click.echo(message, err=True)
    if refused:
        raise click.exceptions.Exit(2)


COMMANDS = [extract]
