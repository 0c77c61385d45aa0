from __future__ import annotations

from scrutinydesk.core.council_areas import keep_comparison_rows

NEIGHBOURS = [
    {"area": "Devon", "neighbour": "Somerset"},
    {"area": "Devon", "neighbour": "Herefordshire"},
    {"area": "Kent", "neighbour": "Essex"},
]


def row(area: str) -> dict:
    return {"code": "REF_RATE", "area": area, "period": "2021-22", "value": 1.0, "source": "x"}


def test_keeps_the_council_its_region_england_and_its_neighbours_only() -> None:
    rows = [row(a) for a in ("Devon", "South West", "England", "Somerset", "Herefordshire, County of",
                             "Essex", "Kent", "Camden")]
    kept = {r["area"] for r in keep_comparison_rows(rows, "Devon", "South West", NEIGHBOURS)}
    assert kept == {"Devon", "South West", "England", "Somerset", "Herefordshire, County of"}


def test_another_council_keeps_its_own_comparators() -> None:
    rows = [row(a) for a in ("Devon", "Kent", "Essex", "England", "South East")]
    kept = {r["area"] for r in keep_comparison_rows(rows, "Kent", "South East", NEIGHBOURS)}
    assert kept == {"Kent", "Essex", "England", "South East"}
