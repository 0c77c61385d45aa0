"""The reference tables shipped in ``data/``: the indicator catalogue and statistical neighbours."""
from __future__ import annotations

import csv
from pathlib import Path

from scrutinydesk.core.errors import UserFacingError

CATALOGUE_COLUMNS = ("code", "name", "definition", "unit", "polarity", "polarity_source", "comparators",
                     "source_publication", "source_url")
NEIGHBOUR_COLUMNS = ("area", "version", "neighbour", "closeness", "source_url")


def _read(path: Path, columns: tuple[str, ...]) -> list[dict]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise UserFacingError(f"{path} lacks the column(s) {', '.join(missing)}; check it is the right file.")
            return [{c: (row.get(c) or "").strip() or None for c in columns} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UserFacingError(f"{path} could not be read ({error}); check it is a UTF-8 CSV file.") from None


def read_catalogue(path: Path) -> list[dict]:
    """Rows of ``indicators.csv``: code, name, definition, unit, polarity and their sources."""
    return _read(path, CATALOGUE_COLUMNS)


def read_neighbours(path: Path) -> list[dict]:
    """Rows of ``statistical_neighbours.csv``: each area's DfE statistical neighbours."""
    return _read(path, NEIGHBOUR_COLUMNS)
