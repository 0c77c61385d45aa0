"""A small published database built with the real schema, so notebook tests need no extractor.

Named uniquely (not conftest) so test modules can import its ids.
"""
from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

from scrutinydesk.core.schema import create_schema

CS = "childrens-scrutiny"
NOV = f"{CS}/2022-11-15"
MAR = f"{CS}/2022-03-15"
CABINET = "cabinet/2021-06-29"
ITEM_8 = f"{NOV}/8"
ITEM_9 = f"{NOV}/9"
ITEM_MAR = f"{MAR}/5"
RESOLUTION = f"{ITEM_8}/r-aa11bb"
ACTION = f"{ITEM_8}/a-3f9c1e"
ACTION_MAR = f"{ITEM_MAR}/a-77aa00"
FIGURE_REF = f"{ITEM_8}/f-484484"
FIGURE_AGENCY = f"{ITEM_9}/f-379379"
INDICATOR = "indicator:REF_RATE"

REFERRAL_SENTENCE = (
    "Referral rates had increased across the country in September, with Devon (484 per 10,000) "
    "now being below the national average (465)."
)


def build_release(path: Path, *, without: tuple[str, ...] = ()) -> Path:
    """Write a published database; ``without`` leaves out records by id (a rebuild that dropped them)."""
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA synchronous = OFF")  # a throwaway test file: no fsync per statement
    create_schema(db)
    db["committees"].insert_all(
        [{"id": CS, "name": "Children's Scrutiny Committee"}, {"id": "cabinet", "name": "Cabinet"}]
    )
    db["meetings"].insert_all(
        [
            {"id": MAR, "committee_id": CS, "date": "2022-03-15", "year": 2022, "title": "Children's Scrutiny Committee"},
            {"id": NOV, "committee_id": CS, "date": "2022-11-15", "year": 2022, "title": "Children's Scrutiny Committee"},
            {"id": CABINET, "committee_id": "cabinet", "date": "2021-06-29", "year": 2021, "title": "Cabinet"},
        ]
    )
    items = [
        {"id": ITEM_MAR, "meeting_id": MAR, "position": 1, "number": "5", "title": "Ofsted Action Plan",
         "report_ref": "CS/22/03", "text": "The Committee considered the Ofsted action plan."},
        {"id": ITEM_8, "meeting_id": NOV, "position": 1, "number": "8", "title": "Performance Report",
         "report_ref": "CS/22/15", "text": REFERRAL_SENTENCE + " Members asked about agency staff."},
        {"id": ITEM_9, "meeting_id": NOV, "position": 2, "number": "9", "title": "Recruitment and Retention",
         "report_ref": None, "text": "Agency social workers were 37.9% of the workforce in September."},
    ]
    db["items"].insert_all(items)
    db["resolutions"].insert_all(
        [{"id": RESOLUTION, "item_id": ITEM_8, "meeting_id": NOV,
          "text": "that the Committee welcomes the sustained improvement in performance", "parts": "[]", "routine": 0}]
    )
    db["actions"].insert_all(
        [
            {"id": ACTION, "item_id": ITEM_8, "meeting_id": NOV, "owner": "Head of Service",
             "text": "provide a briefing note on agency social worker numbers", "status": "open", "explicit": 0},
            {"id": ACTION_MAR, "item_id": ITEM_MAR, "meeting_id": MAR, "owner": "Scrutiny Officer",
             "text": "circulate the Ofsted letter to Members", "status": "open", "explicit": 1},
        ]
    )
    db["figures"].insert_all(
        [
            {"id": FIGURE_REF, "item_id": ITEM_8, "meeting_id": NOV, "indicator_code": "REF_RATE", "value": 484.0,
             "unit": "per_10k", "area": "Devon", "period": "2022-09", "comparators": json.dumps({"England": 465}),
             "quote": REFERRAL_SENTENCE},
            {"id": FIGURE_AGENCY, "item_id": ITEM_9, "meeting_id": NOV, "indicator_code": "SW_AGENCY", "value": 37.9,
             "unit": "percent", "area": "Devon", "period": "2022-09", "comparators": None,
             "quote": "Agency social workers were 37.9% of the workforce in September."},
        ]
    )
    db["indicators"].insert_all(
        [{"code": "REF_RATE", "name": "Referrals per 10,000 children", "definition": "Referrals to children's social care per 10,000 children aged 0-17", "unit": "per_10k", "polarity": "neutral"}]
    )
    db["indicator_values"].insert_all(
        [
            {"code": "REF_RATE", "area": "Devon", "period": "2021-22", "value": 485.1, "source": "DfE"},
            {"code": "REF_RATE", "area": "England", "period": "2021-22", "value": 552.8, "source": "DfE"},
        ]
    )
    for table in ("items", "resolutions", "actions", "figures", "meetings"):
        for record_id in without:
            db[table].delete_where("id = ?", [record_id])
    db.conn.commit()
    db.conn.close()
    return path
