"""Meeting header, items, blocks: what segmentation finds and what it refuses to read as content."""
from __future__ import annotations

from pathlib import Path

import pytest

from scrutinydesk.core.manifest import load_manifest
from scrutinydesk.ingest import extract_path
from scrutinydesk.ingest.extraction import extract_source
from scrutinydesk.ingest.reading import read_bytes

REPO = Path(__file__).resolve().parents[2]


def extract(text: str) -> dict:
    return extract_source(read_bytes(text.encode("utf-8"), "t.txt"), "t.txt")


@pytest.mark.parametrize("header, committee, date", [
    ("Report of the Children's Scrutiny Committee Standing Overview Group of Monday 21st February 2022\n\n1. Introduction\n\nText.",
     "Children's Scrutiny Committee Standing Overview Group", "2022-02-21"),
    ("Issue - meetings\n\nMeeting: 29/06/2021 - Cabinet (Item 7)\n\n7 Budget PDF 478 KB\n\nDecision:\n\nRESOLVED that it be noted.",
     "Cabinet", "2021-06-29"),
    ("Agenda and minutes\nHighways Committee - Tuesday, 10th February, 2026 2.00 pm\nVenue: County Hall\n\n12.\tRoads\nMinutes:\nText.",
     "Highways Committee", "2026-02-10"),
    ("MINUTES of a meeting of the PLANNING COMMITTEE held at the Town Hall on 10/02/2026 at 6 pm\n\n1. Apologies\n\nNone.",
     "Planning Committee", "2026-02-10"),
    ("Agenda item\n\nPerformance report, attached.\n\nMinutes:\n\nThe Committee received the report in October 2021.", None, None),
    ("Meeting of Executive, Tuesday, 16th January, 2024\n\n41. Minutes\n\nText.", "Executive", "2024-01-16"),
    ("ASHWATER PARISH COUNCIL\n\nMinutes of the meeting of the Parish Council held in the Village Hall on Monday 4th March 2024 "
     "at 7pm\n\n12/24 Apologies\n\nNone.", "Ashwater Parish Council", "2024-03-04"),
    ("LINMOUTH CITY COUNCIL\n\nMinutes of the Children and Young People's Scrutiny Sub-Board\nDate: Thursday, 7 March 2024\n\n"
     "26 DECLARATIONS OF INTEREST\n\nNone.", "Children and Young People's Scrutiny Sub-Board", "2024-03-07"),
])
def test_committee_and_date_come_from_the_header_or_stay_unknown(header, committee, date) -> None:
    assert extract(header)["meeting"] == {"committee": committee, "date": date}


def test_items_with_number_title_and_report_reference() -> None:
    document = extract("Cabinet - 3 March 2025\n\n23/45  Apologies\n\nNone.\n\n23/46  Budget Monitoring PDF 200 KB\n\n"
                       "Report of the Director of Finance (FIN/25/03).\n\n23/47  Date of next meeting\n\n7 April 2025.")
    assert [(i["number"], i["title"], i["report_ref"]) for i in document["items"]] == [
        ("23/45", "Apologies", None), ("23/46", "Budget Monitoring", "FIN/25/03"), ("23/47", "Date of next meeting", None)]


def test_resolution_parts_numbered_like_items_are_not_items() -> None:
    document = extract("7. Budget\n\nRESOLVED:\n\n1. That the report be noted.\n\n2. That the plan be approved.\n\n8. Any other business\n\nNone.")
    assert [i["number"] for i in document["items"]] == ["7", "8"]
    assert len(document["resolutions"][0]["parts"]) == 2


def test_decision_and_minutes_blocks_give_one_resolution_and_the_splice_loses() -> None:
    text = ("Agenda item\n\nDecision:\n\nMembers saw a performanRESOLVED that the dashboard be noted.ce dashboard with 45% of targets met.\n\n"
            "RESOLVED that the dashboard be noted.\n\nMinutes:\n\nMembers saw a performance dashboard with 45% of targets met.\n\n"
            "RESOLVED that the dashboard be noted.\n\nSupporting documents:\n\nReport PDF 300 KB")
    document = extract(text)
    assert len(document["resolutions"]) == 1
    resolution = document["resolutions"][0]
    assert "doubt" not in resolution and text[resolution["span"][0] - 1] in "\n "
    assert [f["value"] for f in document["figures"]] == [45]


def test_truncated_page_is_noted_and_the_marker_is_not_content() -> None:
    document = extract("Agenda item\n\nMinutes:\n\nThere had been a 40% increase in contacts and there was no complacency  ...  "
                       "view the full minutes text for item 7")
    assert any("cut short" in note for note in document["notes"])
    assert [f["value"] for f in document["figures"]] == [40]


def test_supporting_documents_and_file_sizes_are_not_read() -> None:
    document = extract("Agenda item\n\nMinutes:\n\nRESOLVED that the report be noted.\n\nSupporting documents:\n\n"
                       "Report 12 of 2024 PDF 478 KB\n\nAppendix showing 35% PDF 1 MB")
    assert document["figures"] == []


def test_meta_fills_only_what_the_text_does_not_say() -> None:
    metas = load_manifest(REPO / "data" / "minutes" / "manifest.csv")
    undated = next(p for p in sorted((REPO / "data" / "minutes").glob("*.txt")) if p.name.startswith("004"))
    document = extract_path(undated, metas[undated.name]).document
    assert document["meeting"] == {"committee": "Children's Scrutiny Committee", "date": "2022-11-15"}
    periods = {f["value"]: f["period"] for f in document["figures"]}
    assert periods[90] == "2022-10" and periods[10] == "2021-10"  # "in October" resolved against the meeting
    dated = next(p for p in sorted((REPO / "data" / "minutes").glob("*.txt")) if p.name.startswith("002"))
    from scrutinydesk.core.manifest import SourceMeta
    document = extract_path(dated, SourceMeta(committee="Something Else", date="1999-01-01")).document
    assert document["meeting"]["date"] == "2022-02-21"
