"""Hand-made minutes and extractions for the officer's tests, independent of the extractor's quality."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from scrutinydesk.core.master import ReadFile

TEXT = (
    "7 Performance Report\n"
    "The Committee considered the report. Devon (484 per 10,000) was below the national average (465).\n"
    "Officers agreed to send a briefing note to Members on placements.\n"
    "The Head of Service would circulate the sufficiency strategy.\n"
    "RESOLVED that the Committee welcomes the improvement in assessment timeliness.\n"
)


@dataclass
class Extraction:
    """The shape ``ingest.extract_path`` returns: the decoded text and the contract's document."""

    text: str
    document: dict


def span_of(text: str, words: str) -> list[int]:
    start = text.index(words)
    return [start, start + len(words)]


def extraction(text: str = TEXT, *, committee: str | None = "Children's Scrutiny Committee",
               date: str | None = "2022-11-15", second_action: bool = True) -> Extraction:
    """What the extractor would give for ``text``: a figure with an indicator it doubts, two actions."""
    actions = [{"item": "i1", "owner": "Officers", "text": "send a briefing note to Members on placements",
                "due": None, "explicit": False, "span": span_of(text, "Officers agreed to send a briefing note")}]
    if second_action:
        actions.append({"item": "i1", "owner": None, "text": "circulate the sufficiency strategy", "due": None,
                        "explicit": False, "span": span_of(text, "The Head of Service would circulate"),
                        "doubt": "owner not found"})
    document = {
        "source": {"path": "x.txt", "sha256": hashlib.sha256(text.encode()).hexdigest()},
        "meeting": {"committee": committee, "date": date},
        "items": [{"key": "i1", "number": "7", "title": "Performance Report", "report_ref": None,
                   "span": [0, len(text)]}],
        "resolutions": [{"item": "i1", "text": "that the Committee welcomes the improvement in assessment timeliness.",
                         "parts": [], "moved_by": None, "seconded_by": None,
                         "span": span_of(text, "RESOLVED that the Committee welcomes")}],
        "actions": actions,
        "figures": [{"item": "i1", "indicator": "REF_RATE_FP", "value": 484, "unit": "per_10k", "area": "Devon",
                     "period": "2022-11", "comparators": {"England": 465}, "quote": "Devon (484 per 10,000)",
                     "span": span_of(text, "Devon (484 per 10,000)"), "doubt": "indicator guessed from the unit"}],
        "rag": [],
    }
    return Extraction(text, document)


def read_file(path: Path = Path("x.txt"), **kwargs) -> ReadFile:  # noqa: ANN003
    found = extraction(**kwargs)
    meeting = found.document["meeting"]
    date = meeting["date"]
    return ReadFile(path, found.text, found.document, None, committee=meeting["committee"], date=date,
                    year=int(date[:4]) if date else None, stated_committee=True, stated_date=True)
