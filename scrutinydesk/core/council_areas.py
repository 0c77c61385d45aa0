"""Which areas' official values a council's database needs: itself, its region, England, its neighbours.

The DfE's files cover every council in England; a committee's charts compare its own council with
the country, the region and its statistical neighbours only, so the build keeps just those rows
(a tenth of the size) and writes which council and region they are for.
"""
from __future__ import annotations

from scrutinydesk.core.indicator_series import DEFAULT_COUNCIL, DEFAULT_REGION, area_key

NATIONAL = "England"


def comparison_areas(council: str, region: str, neighbours: list[dict]) -> set[str]:
    """``area_key`` forms of every area a council's charts draw."""
    names = {council, region, NATIONAL}
    names |= {row["neighbour"] for row in neighbours if area_key(row.get("area") or "") == area_key(council)}
    return {area_key(name) for name in names}


def keep_comparison_rows(rows: list[dict], council: str = DEFAULT_COUNCIL, region: str = DEFAULT_REGION,
                         neighbours: list[dict] | None = None) -> list[dict]:
    """The indicator values of the council's comparison areas; all rows when no neighbour is known."""
    wanted = comparison_areas(council, region, neighbours or [])
    return [row for row in rows if area_key(row["area"]) in wanted]
