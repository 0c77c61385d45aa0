"""``scrutinydesk build``: minutes and indicator files in, a new database out (written atomically)."""
from __future__ import annotations

from pathlib import Path

import click

from scrutinydesk.core.build_database import BuildInputs, ExtractedDocument, build_database
from scrutinydesk.core.corrections import vanished_report
from scrutinydesk.core.council_areas import keep_comparison_rows
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.indicator_series import DEFAULT_COUNCIL, DEFAULT_REGION
from scrutinydesk.core.manifest import MANIFEST_NAME, load_manifest
from scrutinydesk.core.paths import project_root
from scrutinydesk.core.reference_data import read_catalogue, read_neighbours


def minutes_files(folder: Path) -> list[Path]:
    """The minutes files in a folder: every visible file but the manifest, in name order."""
    if not folder.is_dir():
        raise UserFacingError(f"The minutes folder {folder} does not exist; give the folder that holds the minutes.")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".") and p.name != MANIFEST_NAME)
    if not files:
        raise UserFacingError(f"The folder {folder} holds no minutes files; add minutes (text, HTML, Word or PDF) to it.")
    return files


def extract_folder(folder: Path) -> list[ExtractedDocument]:
    """Extract every minutes file of a folder with the manifest's metadata; the first unreadable file stops it."""
    from scrutinydesk.ingest import extract_path

    files = minutes_files(folder)
    manifest_path = folder / MANIFEST_NAME
    manifest = load_manifest(manifest_path) if manifest_path.is_file() else {}
    documents = []
    for path in files:
        meta = manifest.get(path.name)
        extraction = extract_path(path, meta)
        documents.append(ExtractedDocument(extraction.text, extraction.document, meta))
    return documents


@click.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--minutes", "minutes_dir", required=True, type=click.Path(path_type=Path),
              help="Folder of minutes files, with an optional manifest.csv beside them.")
@click.option("--indicators", "indicator_files", multiple=True, type=click.Path(path_type=Path),
              help="Indicator values: the long CSV format or a DfE file as published (repeatable).")
@click.option("--keep-ids-from", type=click.Path(path_type=Path), default=None,
              help="An earlier database whose record ids are kept for records that still match. When it is the "
                   "officer's master, its corrections are copied into OUT and re-applied; any whose record "
                   "vanished are listed.")
@click.option("--catalogue", type=click.Path(path_type=Path), default=None,
              help="Indicator catalogue CSV (default: data/indicators.csv).")
@click.option("--neighbours", type=click.Path(path_type=Path), default=None,
              help="Statistical neighbours CSV (default: data/comparators/statistical_neighbours.csv).")
@click.option("--council", default=DEFAULT_COUNCIL, show_default=True,
              help="The council whose committees these are; official values are kept for it, its region, "
                   "England and its statistical neighbours.")
@click.option("--region", default=DEFAULT_REGION, show_default=True, help="The council's region.")
def build(out: Path, minutes_dir: Path, indicator_files: tuple[Path, ...], keep_ids_from: Path | None,
          catalogue: Path | None, neighbours: Path | None, council: str, region: str) -> None:
    """Build OUT.db from the minutes in a folder and indicator files; prints a one-line summary."""
    from scrutinydesk.core.indicator_import import read_indicator_files

    data = project_root() / "data"
    for path in indicator_files:
        if not path.is_file():
            raise UserFacingError(f"The indicator file {path} does not exist; check the --indicators path.")
    documents = extract_folder(minutes_dir)
    catalogue_rows = read_catalogue(catalogue or data / "indicators.csv")
    known_codes = [row["code"] for row in catalogue_rows]
    neighbour_rows = read_neighbours(neighbours or data / "comparators" / "statistical_neighbours.csv")
    values = read_indicator_files(list(indicator_files), known_codes=known_codes) if indicator_files else []
    inputs = BuildInputs(
        catalogue=catalogue_rows,
        indicator_values=keep_comparison_rows(values, council, region, neighbour_rows),
        neighbours=neighbour_rows,
        keep_ids_from=keep_ids_from,
        council=council,
        region=region,
    )
    summary = build_database(out, documents, inputs)
    kept = f"; {summary.kept_ids} ids carried over" if keep_ids_from else ""
    click.echo(f"Built {out}: {summary.line()}{kept}.")
    for line in vanished_report(out):
        click.echo(line)


COMMANDS = [build]
