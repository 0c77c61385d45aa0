"""Hand-made extractions for build tests, independent of the extractor's quality."""
from __future__ import annotations

from scrutinydesk.core.build_database import ExtractedDocument
from scrutinydesk.core.manifest import SourceMeta

TEXT = (
    "7 Performance Report\n"
    "The Committee considered the report. Devon (484 per 10,000) was below the national average (465).\n"
    "Officers agreed to send a briefing note to Members on placements.\n"
    "RESOLVED that the Committee welcomes the improvement in assessment timeliness.\n"
)


def span_of(text: str, words: str) -> list[int]:
    start = text.index(words)
    return [start, start + len(words)]


def document(text: str = TEXT, date: str | None = "2022-11-15", action: str = "send a briefing note to Members on placements") -> ExtractedDocument:
    doc = {
        "source": {"path": "x.txt", "sha256": "ab" * 32},
        "meeting": {"committee": "Children's Scrutiny Committee", "date": date},
        "items": [{"key": "i1", "number": "7", "title": "Performance Report", "report_ref": None,
                   "span": [0, len(text)]}],
        "resolutions": [{"item": "i1", "text": "that the Committee welcomes the improvement in assessment timeliness.",
                         "parts": [], "moved_by": None, "seconded_by": None, "routine": False,
                         "span": span_of(text, "RESOLVED that the Committee welcomes")}],
        "actions": [{"item": "i1", "owner": "Officers", "text": action, "due": "2022-12-01",
                     "explicit": False, "span": span_of(text, "Officers agreed")}],
        "figures": [{"item": "i1", "indicator": "REF_RATE", "value": 484, "unit": "per_10k", "area": "Devon",
                     "period": "2022-11", "comparators": {"England": 465}, "quote": "Devon (484 per 10,000)",
                     "span": span_of(text, "Devon (484 per 10,000)")}],
        "rag": [],
    }
    return ExtractedDocument(text, doc, SourceMeta(source_url="https://example.org/x"))
