"""Reading an officer's CSV file with the line numbers kept, so every complaint can point at a cell.

Files come from Excel, the DfE's statistics service or a text editor: with or without a byte-order
mark, in UTF-8 or Windows-1252. Errors name the file, the line and the column, because the officer
has to find and fix the cell.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from scrutinydesk.core.errors import UserFacingError


@dataclass(frozen=True)
class CsvRow:
    """One data row: the line it starts on, its cells by column name, and the cells in order
    (for files whose header repeats a name, such as the DfE's statistical neighbour tables)."""

    line: int
    values: dict[str, str]
    cells: list[str]


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header and rows."""

    path: Path
    header: list[str]
    rows: list[CsvRow]

    def fail(self, line: int, column: str, problem: str) -> UserFacingError:
        """The error for one bad cell: where it is, what is wrong, and to fix it."""
        return UserFacingError(
            f"{self.path.name}, line {line}, column \"{column}\": {problem}; "
            "correct the file and import it again (nothing was imported)."
        )


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserFacingError(f"Cannot read {path}: {error.strerror or error}; check the path.") from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserFacingError(f"{path.name} is not a text CSV file; save it as CSV (UTF-8) and import it again.")


def read_csv_table(path: Path) -> CsvTable:
    """Every row of ``path`` keyed by its (stripped) header, with its starting line number."""
    text = _decode(path)
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise UserFacingError(f"{path.name} is empty; choose the CSV file that holds the values.") from None
    except csv.Error as error:
        raise UserFacingError(f"{path.name}, line 1 is not valid CSV ({error}); fix it and import again.") from None
    rows: list[CsvRow] = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
                    raise UserFacingError(
                        f"{path.name}, line {line}: the row has {len(cells)} cells but the header has "
                        f"{len(header)} columns; correct the file and import it again (nothing was imported)."
                    )
                cells = [cell.strip() for cell in cells]
                values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}
                rows.append(CsvRow(line, values, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise UserFacingError(
            f"{path.name}, line {line} is not valid CSV ({error}); correct it and import again "
            "(nothing was imported)."
        ) from None
    return CsvTable(path, header, rows)
