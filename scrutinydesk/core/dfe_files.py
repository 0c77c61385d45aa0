"""Reading the Department for Education's own published CSV files, as an officer downloads them.

Each file is recognised by its header (the names change rarely; the file names often). What a file
gives is described once, in ``DFE_FILES``: which column holds which catalogue indicator, how its
``time_period`` maps onto our periods, and which rates per 10,000 must be computed from counts and
the ONS 0-17 population because the file prints none. Rates follow the DfE's LAIT: the year to
31 March T is divided by the mid-(T-1) population estimate, and rounded to one decimal place.
Suppressed or unavailable cells (``c``, ``x``, ``z``, ``low``, ``u``, ``k``, blank) are missing,
never zero.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from scrutinydesk.core.csv_rows import CsvRow, CsvTable
from scrutinydesk.core.periods import financial_year

SUPPRESSED = frozenset({"", "c", "x", "z", "low", "u", "k", ":", ".", "..", "-", "na", "n/a"})

_CIN_URL = "https://explore-education-statistics.service.gov.uk/find-statistics/characteristics-of-children-in-need"
_CLA_URL = ("https://explore-education-statistics.service.gov.uk/find-statistics/"
            "children-looked-after-in-england-including-adoptions")
_CSWW_URL = "https://explore-education-statistics.service.gov.uk/find-statistics/children-s-social-work-workforce"


@dataclass(frozen=True)
class RateFromCount:
    """A rate per 10,000 children aged 0-17 computed from a count column."""

    code: str
    count_column: str


@dataclass(frozen=True)
class DfeFile:
    """What one kind of DfE file gives: its signature columns and the indicators it carries."""

    name: str
    publication: str
    url: str
    signature: frozenset[str]
    period: Callable[[int], str] = financial_year
    columns: dict[str, str] = field(default_factory=dict)  # catalogue code -> column
    rates: tuple[RateFromCount, ...] = ()
    keep_row: Callable[[dict[str, str]], bool] | None = None
    # For files with one value column whose meaning depends on the row: (row -> code or None, column).
    code_by_row: tuple[Callable[[dict[str, str]], str | None], str] | None = None
    gives_values: bool = True


def _september(year: int) -> str:
    return f"{year}-09-30"


def _looked_after_at_31_march(values: dict[str, str]) -> bool:
    return values.get("population_type") == "Children looked after on 31 March each year"


_CARE_LEAVER_CODES = {
    ("17 to 18 years", "Accommodation considered suitable"): "CL_ACC_1718",
    ("17 to 18 years", "Accommodation considered unsuitable"): "CL_UNSUIT_1718",
    ("19 to 21 years", "Accommodation considered suitable"): "CL_ACC_1921",
    ("19 to 21 years", "Accommodation considered unsuitable"): "CL_UNSUIT_1921",
}


def _care_leaver_row(values: dict[str, str]) -> str | None:
    return _CARE_LEAVER_CODES.get((values.get("care_leaver_age", ""), values.get("breakdown", "")))


DFE_FILES: tuple[DfeFile, ...] = (
    DfeFile("ONS mid-year population estimates (0-17)", "ONS mid-year population estimates",
            "https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationestimates",
            frozenset({"time_period", "geographic_level", "age_group", "population_estimate"}),
            period=str, gives_values=False),
    DfeFile("children in need C1", "Characteristics of children in need, table C1", _CIN_URL,
            frozenset({"time_period", "geographic_level", "referral_count", "rereferral_percent"}),
            columns={"REF_NUM": "referral_count", "REREF_12M": "rereferral_percent"},
            rates=(RateFromCount("REF_RATE", "referral_count"),)),
    DfeFile("children in need B1", "Characteristics of children in need, table B1", _CIN_URL,
            frozenset({"time_period", "geographic_level", "At31_episodes"}),
            rates=(RateFromCount("CIN_RATE", "At31_episodes"),)),
    DfeFile("child protection plans D3", "Characteristics of children in need, table D3", _CIN_URL,
            frozenset({"time_period", "geographic_level", "CPP_subsequent_percent"}),
            columns={"CPP_SUBSEQ": "CPP_subsequent_percent"}),
    DfeFile("children looked after", "Children looked after in England including adoptions", _CLA_URL,
            frozenset({"time_period", "geographic_level", "population_type", "children_count", "rate_per_10000"}),
            columns={"CLA_NUM": "children_count", "CLA_RATE": "rate_per_10000"},
            keep_row=_looked_after_at_31_march),
    DfeFile("care leavers' accommodation", "Children looked after in England including adoptions (care leavers)",
            _CLA_URL,
            frozenset({"time_period", "geographic_level", "care_leaver_age", "breakdown", "care_leaver_percent"}),
            code_by_row=(_care_leaver_row, "care_leaver_percent")),
    DfeFile("social work workforce", "Children's social work workforce (csww_indicators)", _CSWW_URL,
            frozenset({"time_period", "geographic_level", "agency_rate_fte", "vacancy_rate_fte",
                       "turnover_rate_fte", "caseload_fte"}),
            period=_september,
            columns={"SW_AGENCY": "agency_rate_fte", "SW_VACANCY": "vacancy_rate_fte",
                     "SW_TURNOVER": "turnover_rate_fte", "SW_CASELOAD": "caseload_fte"}),
    DfeFile("statistical neighbours (2021 model)", "Children's services statistical neighbour benchmarking tool",
            "https://www.gov.uk/government/publications/childrens-services-statistical-neighbour-benchmarking-tool",
            frozenset({"LA num", "LA Name", "SN1"}), gives_values=False),
    DfeFile("statistical neighbours (2025 model)", "Children's services statistical neighbour model",
            "https://www.gov.uk/government/publications/childrens-services-statistical-neighbour-benchmarking-tool",
            frozenset({"old_la_code", "la_name", "SN_1"}), gives_values=False),
)

_POPULATION = DFE_FILES[0]

# Population by (geographic level, area, year of the mid-year estimate).
Population = dict[tuple[str, str, int], float]


def recognise(header: list[str]) -> DfeFile | None:
    """The kind of DfE file whose signature columns the header contains."""
    names = set(header)
    for kind in DFE_FILES:
        if kind.signature <= names:
            return kind
    return None


def is_population(kind: DfeFile) -> bool:
    return kind is _POPULATION


def number(cell: str) -> float | None:
    """The cell's number; None for a suppressed marker. Raises ValueError for any other text."""
    text = cell.strip().replace(",", "")
    if text.lower() in SUPPRESSED:
        return None
    return float(text)


def area_of(values: dict[str, str]) -> tuple[str, str] | None:
    """(geographic level, area name) of a row: England, a region or a local authority."""
    level = values.get("geographic_level", "")
    if level == "National":
        return level, values.get("country_name") or "England"
    if level == "Regional":
        return level, values.get("region_name", "")
    if level == "Local authority":
        return level, values.get("la_name", "")
    return None


def _year(table: CsvTable, row: CsvRow) -> int:
    text = row.values.get("time_period", "")
    if len(text) == 4 and text.isdigit():
        return int(text)
    raise table.fail(row.line, "time_period", f"\"{text}\" is not a year such as 2023")


def _cell(table: CsvTable, row: CsvRow, column: str) -> float | None:
    try:
        return number(row.values.get(column, ""))
    except ValueError:
        raise table.fail(row.line, column, f"\"{row.values.get(column)}\" is not a number") from None


def read_population(table: CsvTable) -> Population:
    """The ONS 0-17 population by level, area and year of the estimate."""
    population: Population = {}
    for row in table.rows:
        area = area_of(row.values)
        value = _cell(table, row, "population_estimate")
        if area and value:
            population[(*area, _year(table, row))] = value
    return population


def _source(kind: DfeFile, table: CsvTable, extra: str = "") -> str:
    return f"{kind.url} ({kind.publication}; file {table.path.name}{extra})"


def read_values(kind: DfeFile, table: CsvTable, population: Population | None) -> list[dict]:
    """Rows {code, area, period, value, source} from one DfE file. Rates that need the population
    are left out when ``population`` is None."""
    out: list[dict] = []
    plain_source = _source(kind, table)
    for row in table.rows:
        area = area_of(row.values)
        if area is None or not area[1]:
            continue
        if kind.keep_row and not kind.keep_row(row.values):
            continue
        columns = dict(kind.columns)
        if kind.code_by_row:
            code = kind.code_by_row[0](row.values)
            if code is None:
                continue
            columns[code] = kind.code_by_row[1]
        year = _year(table, row)
        period = kind.period(year)
        for code, column in columns.items():
            value = _cell(table, row, column)
            if value is not None:
                out.append({"code": code, "area": area[1], "period": period,
                            "value": value, "source": plain_source})
        for rate in kind.rates if population is not None else ():
            count = _cell(table, row, rate.count_column)
            denominator = population.get((*area, year - 1))
            if count is None or not denominator:
                continue
            out.append({"code": rate.code, "area": area[1], "period": period,
                        "value": round(count / denominator * 10_000, 1),
                        "source": _source(kind, table, f"; rate per 10,000 computed from {rate.count_column} "
                                                      f"and the ONS mid-{year - 1} population aged 0-17")})
    return out
