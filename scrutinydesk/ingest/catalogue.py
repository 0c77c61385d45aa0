"""What figures are about: indicator codes by wording (``data/indicator_synonyms.csv``, a table an
officer can extend without touching code) and the names of areas (local authorities, regions,
England) that minutes compare.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scrutinydesk.core.paths import project_root

SYNONYMS_FILE = "indicator_synonyms.csv"
_AREA_SOURCE = Path("dfe") / "ons_mid-year_population_estimates_2012_to_2024.csv"
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces, with a space at each end for whole-word search."""
    return " " + _NON_WORD.sub(" ", text.lower().replace("’", "'").replace("'s ", " ")).strip() + " "


@dataclass(frozen=True)
class Synonym:
    indicator: str
    unit: str | None
    pattern: re.Pattern
    requires: re.Pattern | None
    priority: int
    unless: re.Pattern | None = None


def _phrase(words: str) -> re.Pattern:
    parts = [re.escape(w) + "(?:s|es)?" for w in words.split()]
    return re.compile(" " + " ".join(parts) + " ")


@lru_cache(maxsize=4)
def load_synonyms(data_dir: Path | None = None) -> tuple[Synonym, ...]:
    """The synonym table joined to the catalogue's units; an absent table means no codes, not an error."""
    data = data_dir or project_root() / "data"
    units: dict[str, str | None] = {}
    try:
        with (data / "indicators.csv").open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                units[row["code"]] = (row.get("unit") or "").strip() or None
        with (data / SYNONYMS_FILE).open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, KeyError, csv.Error):
        return ()
    out = []
    for row in rows:
        code = (row.get("indicator") or "").strip()
        wording = normalise(row.get("wording") or "").strip()
        if code not in units or not wording:
            continue
        requires = normalise(row.get("requires") or "").strip()
        try:
            priority = int(row.get("priority") or 1)
        except ValueError:
            priority = 1
        unless = normalise(row.get("unless") or "").strip()
        out.append(Synonym(code, units[code], _phrase(wording), _phrase(requires) if requires else None, priority,
                           _phrase(unless) if unless else None))
    return tuple(out)


@lru_cache(maxsize=1)
def _areas() -> tuple[frozenset[str], frozenset[str]]:
    """(local authority names, region names) as the DfE prints them ("Bristol, City of" as "Bristol")."""
    authorities: set[str] = set()
    regions: set[str] = set()
    try:
        with (project_root() / "data" / _AREA_SOURCE).open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if (row.get("la_name") or "").strip():
                    authorities.add(row["la_name"].split(",")[0].strip())
                if (row.get("region_name") or "").strip():
                    regions.add(row["region_name"].strip())
    except (OSError, csv.Error):
        pass
    return frozenset(authorities), frozenset(regions)


def authority_names() -> frozenset[str]:
    return _areas()[0]


@lru_cache(maxsize=1)
def _areas_by_first_word() -> dict[str, tuple[str, ...]]:
    authorities, regions = _areas()
    index: dict[str, list[str]] = {}
    for name in authorities | regions | {"England"}:
        index.setdefault(name.split()[0], []).append(name)
    return {word: tuple(sorted(names, key=len, reverse=True)) for word, names in index.items()}


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")


def find_areas(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each local authority, region or England named in ``text[start:end]``.

    A dictionary lookup per capitalised word, so the cost grows with the text, not with the
    number of authorities."""
    end = len(text) if end is None else end
    index = _areas_by_first_word()
    for match in _CAPITALISED.finditer(text, start, end):
        for name in index.get(match.group(), ()):
            stop = match.start() + len(name)
            if stop <= end and text.startswith(name, match.start()) and not (stop < len(text) and text[stop].isalnum()):
                yield match.start(), stop, name
                break
