"""Importing indicator values: the long CSV format and the DfE's own files, read together.

The long format is one value per line: ``code, area, period, value, source`` (``source_url`` is
accepted for ``source``). The DfE's files are recognised by their header (see ``dfe_files``); rates
they print no rate for are computed with the ONS population file, so the files of one import are
read together (``read_indicator_files``). Anything malformed stops the whole import with an error
naming the file, line and column: a half-imported set of figures would mislead a committee.

When two files give the same (code, area, period), the later file wins: an officer lists the most
authoritative files last.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from scrutinydesk.core import dfe_files
from scrutinydesk.core.csv_rows import CsvTable, read_csv_table
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.paths import project_root
from scrutinydesk.core.periods import parse_period
from scrutinydesk.core.reference_data import read_catalogue

LONG_COLUMNS = ("code", "area", "period", "value")


def default_catalogue_path() -> Path:
    """The catalogue that ships with the application (``data/indicators.csv``)."""
    return project_root() / "data" / "indicators.csv"


def _known_codes(known_codes: Iterable[str] | None) -> set[str]:
    if known_codes is not None:
        return set(known_codes)
    return {row["code"] for row in read_catalogue(default_catalogue_path()) if row["code"]}


def _require_columns(table: CsvTable, columns: Iterable[str]) -> None:
    missing = [column for column in columns if column not in table.header]
    if missing:
        raise UserFacingError(
            f"{table.path.name}, line 1: the header lacks the column(s) {', '.join(missing)}; "
            "add them and import again (nothing was imported)."
        )


def _read_long(table: CsvTable, codes: set[str]) -> list[dict]:
    _require_columns(table, LONG_COLUMNS)
    source_column = "source" if "source" in table.header else "source_url"
    if source_column not in table.header:
        raise UserFacingError(
            f"{table.path.name}, line 1: the header lacks the column source (or source_url), which says where "
            "each value was published; add it and import again (nothing was imported)."
        )
    out: list[dict] = []
    first_line: dict[tuple[str, str, str], int] = {}
    for row in table.rows:
        values = row.values
        if values["code"] not in codes:
            raise table.fail(row.line, "code", f"\"{values['code']}\" is not an indicator in the catalogue")
        if not values["area"]:
            raise table.fail(row.line, "area", "the area is empty")
        if parse_period(values["period"]) is None:
            raise table.fail(row.line, "period", f"\"{values['period']}\" is not a period such as 2021-22, "
                             "2022-09-30 or 2022-10")
        try:
            value = dfe_files.number(values["value"])
        except ValueError:
            raise table.fail(row.line, "value", f"\"{values['value']}\" is not a number") from None
        key = (values["code"], values["area"], values["period"])
        if key in first_line:
            raise table.fail(row.line, "period", f"{key[0]} for {key[1]} in {key[2]} is given twice "
                             f"(also on line {first_line[key]})")
        first_line[key] = row.line
        if value is not None:
            out.append({"code": key[0], "area": key[1], "period": key[2], "value": value,
                        "source": values[source_column] or None})
    return out


def _unrecognised(table: CsvTable) -> UserFacingError:
    return UserFacingError(
        f"{table.path.name} is not an indicator file scrutinydesk can read: its first line should name the "
        "columns code, area, period, value, source, or it should be one of the DfE files listed in "
        "data/dfe/README.md; check the file you chose."
    )


def read_indicator_files(paths: Iterable[Path], known_codes: Iterable[str] | None = None) -> list[dict]:
    """All values {code, area, period, value, source} from long-format CSVs and DfE files read together.

    ``known_codes`` are the catalogue's codes (default: the bundled ``data/indicators.csv``); a value
    for any other code is an error. Statistical-neighbour files are recognised and give no values
    (read them with ``neighbour_import.read_statistical_neighbours``).
    """
    tables = [read_csv_table(Path(path)) for path in paths]
    kinds = []
    population: dfe_files.Population | None = None
    for table in tables:
        kind = dfe_files.recognise(table.header)
        if kind is None and not set(LONG_COLUMNS) & set(table.header):
            raise _unrecognised(table)
        if kind is not None and dfe_files.is_population(kind):
            population = {**(population or {}), **dfe_files.read_population(table)}
        kinds.append(kind)
    needs_population = [t.path.name for t, k in zip(tables, kinds, strict=True) if k is not None and k.rates]
    if needs_population and population is None:
        raise UserFacingError(
            f"{needs_population[0]} gives counts whose rates per 10,000 need the ONS population file "
            "(ons_mid-year_population_estimates_*.csv); import it together with this file."
        )
    codes = _known_codes(known_codes)
    merged: dict[tuple[str, str, str], dict] = {}
    for table, kind in zip(tables, kinds, strict=True):
        if kind is None:
            rows = _read_long(table, codes)
        elif kind.gives_values:
            rows = [row for row in dfe_files.read_values(kind, table, population) if row["code"] in codes]
        else:
            rows = []
        for row in rows:
            merged[(row["code"], row["area"], row["period"])] = row
    return list(merged.values())


def read_indicator_file(path: Path, known_codes: Iterable[str] | None = None) -> list[dict]:
    """The values in one file. A DfE file whose rates need the population file must be read with it,
    through ``read_indicator_files``."""
    return read_indicator_files([path], known_codes)
