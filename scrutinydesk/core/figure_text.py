"""A figure from the minutes in the words a member reads: "484 per 10,000", "37.9%", "£1.3m"."""
from __future__ import annotations

import json


def format_number(value: float) -> str:
    """``484.0`` -> ``484``, ``1234`` -> ``1,234``, ``37.9`` -> ``37.9``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_value(value: float | None, unit: str | None) -> str:
    """The value with its unit as minutes would print it."""
    if value is None:
        return ""
    if unit == "percent":
        return f"{format_number(value)}%"
    if unit == "change_percent":
        return f"{'+' if value > 0 else ''}{format_number(value)}%"
    if unit == "per_10k":
        return f"{format_number(value)} per 10,000"
    if unit == "days":
        return f"{format_number(value)} days"
    if unit == "gbp":
        if abs(value) >= 1_000_000:
            return f"£{format_number(round(value / 1_000_000, 2))}m"
        return f"£{format_number(value)}"
    return format_number(value)


def comparator_values(raw: str | dict | None) -> dict[str, float]:
    """A figure's comparators as stored (JSON text, area -> value), keeping only numeric values."""
    if not raw:
        return {}
    try:
        comparators = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return {}
    if not isinstance(comparators, dict):
        return {}
    return {str(area): float(value) for area, value in comparators.items() if isinstance(value, int | float)}


def format_comparators(raw: str | dict | None, unit: str | None) -> str:
    """``{"England": 465}`` (as stored, JSON text) -> ``England 465``."""
    return ", ".join(f"{area} {format_value(value, unit)}" for area, value in comparator_values(raw).items())
