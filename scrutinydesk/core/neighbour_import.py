"""Reading statistical neighbour groups: the long CSV (area, version, neighbour, closeness, source_url)
or the DfE's own wide tables (each LA number followed by its ten neighbours' numbers and closeness).

The DfE tables name neighbours by LA number; the same tables give each number's name, so rows come
out with names, like the long format, ready for the ``statistical_neighbours`` table.
"""
from __future__ import annotations

from pathlib import Path

from scrutinydesk.core.csv_rows import CsvTable, read_csv_table
from scrutinydesk.core.reference_data import read_neighbours

_WIDE_LAYOUTS = {
    # first neighbour column -> (LA number column, LA name column, model version, source url)
    "SN1": ("LA num", "LA Name", "2021-04",
            "https://assets.publishing.service.gov.uk/media/606458acd3bf7f0c8d06b7e2/"
            "Childrens_services_statistical_neighbour_benchmarking_tool_-_LGR_Version__April_2021_.xlsx"),
    "SN_1": ("old_la_code", "la_name", "2025",
             "https://github.com/dfe-analytical-services/CSC_outcomes_and_enablers/blob/main/data-raw/"
             "sn_model_2025_wide.csv"),
}


def _read_wide(table: CsvTable, first_neighbour: str) -> list[dict]:
    number_column, name_column, version, url = _WIDE_LAYOUTS[first_neighbour]
    names = {row.values[number_column]: row.values[name_column] for row in table.rows}
    start = table.header.index(first_neighbour)
    out = []
    for row in table.rows:
        area = row.values[name_column]
        cells = row.cells[start:]
        for position in range(0, len(cells) - 1, 2):
            number, closeness = cells[position], cells[position + 1]
            if not number:
                continue
            if number not in names:
                raise table.fail(row.line, table.header[start + position],
                                 f"LA number {number} is not listed in the file")
            out.append({"area": area, "version": version, "neighbour": names[number],
                        "closeness": closeness.strip().lower() or None, "source_url": url})
    return out


def read_statistical_neighbours(path: Path) -> list[dict]:
    """Rows {area, version, neighbour, closeness, source_url} from either layout (the long one is
    ``reference_data.read_neighbours``)."""
    table = read_csv_table(Path(path))
    for signature, layout in _WIDE_LAYOUTS.items():
        if signature in table.header and layout[0] in table.header and layout[1] in table.header:
            return _read_wide(table, signature)
    return read_neighbours(Path(path))
