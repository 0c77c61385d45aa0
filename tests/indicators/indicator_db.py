"""A small published database for indicator tests: the real reference data and DfE files, plus
figures and RAG ratings as the seed minutes give them (no dependency on the extractor)."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import sqlite_utils

from scrutinydesk.core.indicator_import import read_indicator_files
from scrutinydesk.core.neighbour_import import read_statistical_neighbours
from scrutinydesk.core.reference_data import read_catalogue
from scrutinydesk.core.schema import create_schema

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
INDICATOR_FILES = [DATA / "official_values.csv", *sorted((DATA / "dfe").glob("*.csv"))]

MEETINGS = [
    {"id": "childrens-scrutiny/2022-11-15", "committee_id": "childrens-scrutiny", "date": "2022-11-15",
     "year": 2022, "title": "Children's Scrutiny Committee"},
    {"id": "childrens-standing-overview-group/2022-02-21", "committee_id": "childrens-standing-overview-group",
     "date": "2022-02-21", "year": 2022, "title": "Children's Standing Overview Group"},
    {"id": "cabinet/2021-06-29", "committee_id": "cabinet", "date": "2021-06-29", "year": 2021, "title": "Cabinet"},
]
NOV, FEB, JUN = (m["id"] for m in MEETINGS)
FIGURES = [
    # (meeting, code, value, unit, period, comparators, quote)
    (NOV, "REF_RATE", 484, "per_10k", "2022-09", {"England": 465},
     "Devon (484 per 10,000) now being below the national average (465)"),
    (NOV, "ASSESS_45D", 90, "percent", "2022-10", None,
     "Assessment performance had continued to improve to 90% in October"),
    (NOV, "SW_AGENCY", 37.9, "percent", "2022-10", None,
     "The percentage of agency social workers had increased in October to 37.9%"),
    (NOV, "SW_CASELOAD", 17, "count", None, None, "the average caseload had now reduced to 17"),
    (NOV, "SW_CASELOAD", 23, "count", "2022-03", None, "compared to 23 in March 2022"),
    (FEB, "ASSESS_45D", 68, "percent", "2022-02", None,
     "Timeliness of initial assessments completed in 45 days (68%)"),
    (FEB, "CPP_SUBSEQ", 31, "percent", "2022-02", None,
     "Child Protection and children subjected a previous CP Plan (31%)"),
]
RAGS = [
    (JUN, "4.10", "Children in care have a clear permanency plan by their second review", "Red"),
    (FEB, "4.10", "Children in care have a clear permanency plan by their second review", "Amber"),
    (FEB, None, "Voice and influence of children, young people and families", "Green"),
]


def build_indicator_db(path: Path, figures=FIGURES, rags=RAGS, indicator_files=INDICATOR_FILES) -> Path:
    """Create ``path`` with the published schema and the indicator data; return it."""
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA synchronous = OFF")  # a throwaway test file: no need to wait for the disk
    create_schema(db)
    committees = {m["committee_id"] for m in MEETINGS}
    db["committees"].insert_all({"id": c, "name": c} for c in committees)
    db["meetings"].insert_all(MEETINGS)
    items = {m["id"]: f"{m['id']}/7" for m in MEETINGS}
    db["items"].insert_all({"id": i, "meeting_id": m, "position": 1, "number": "7", "title": "Performance"}
                           for m, i in items.items())
    db["indicators"].insert_all(read_catalogue(DATA / "indicators.csv"))
    db["indicator_values"].insert_all(read_indicator_files(indicator_files), replace=True)
    db["statistical_neighbours"].insert_all(read_statistical_neighbours(DATA / "comparators" /
                                                                        "statistical_neighbours.csv"))
    for n, (meeting, code, value, unit, period, comparators, quote) in enumerate(figures):
        db["figures"].insert({"id": f"{items[meeting]}/f-{n:06d}", "item_id": items[meeting], "meeting_id": meeting,
                              "indicator_code": code, "value": value, "unit": unit, "area": "Devon",
                              "period": period, "comparators": json.dumps(comparators or {}), "quote": quote,
                              "span_start": 0, "span_end": len(quote)})
    for n, (meeting, ref, subject, rating) in enumerate(rags):
        db["rag_ratings"].insert({"id": f"{items[meeting]}/g-{n:06d}", "item_id": items[meeting],
                                  "meeting_id": meeting, "ref": ref, "subject": subject, "rating": rating})
    db.conn.commit()
    db.conn.close()
    return path


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
