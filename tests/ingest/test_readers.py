"""Readers: the format is told from the content; each gives text the records' spans point into."""
from __future__ import annotations

from pathlib import Path

import pytest

from scrutinydesk.ingest import extract_path
from scrutinydesk.ingest.errors import UnreadableMinutes
from scrutinydesk.ingest.reading import detect_format, read_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "minutes"


def test_format_comes_from_content_not_the_file_name(tmp_path, corpus_dir) -> None:
    for name, expected in (("wessex_cabinet_item.html", "html"), ("eastbridge_webservice_meeting.xml", "moderngov-xml"),
                           ("lowfield_panel.docx", "docx"), ("riverside_health_scrutiny.pdf", "pdf")):
        renamed = tmp_path / (Path(name).stem + ".dat")
        renamed.write_bytes((corpus_dir / name).read_bytes())
        assert extract_path(renamed).format == expected


def test_moderngov_item_page_keeps_content_and_drops_site_chrome(corpus_dir) -> None:
    extraction = extract_path(corpus_dir / "wessex_cabinet_item.html")
    assert "Meeting: 13/12/2023 - Cabinet (Item 9)" in extraction.text
    assert "Bins and recycling" not in extraction.text and "dataLayer" not in extraction.text
    assert extraction.document["meeting"] == {"committee": "Cabinet", "date": "2023-12-13"}
    assert extraction.document["items"][0]["number"] == "9"


def test_whole_meeting_page_gives_every_numbered_item(corpus_dir) -> None:
    document = extract_path(corpus_dir / "northmoor_scrutiny_meeting.html").document
    assert [i["number"] for i in document["items"]] == ["56", "57", "58", "59", "60"]
    assert document["items"][2]["report_ref"] == "CYP/24/07"
    assert document["meeting"]["date"] == "2024-03-12"


def test_webservice_xml_items_titles_and_actions_from_commenttext2(corpus_dir) -> None:
    document = extract_path(corpus_dir / "eastbridge_webservice_meeting.xml").document
    assert document["meeting"] == {"committee": "Corporate Parenting and Families Committee", "date": "2025-01-15"}
    assert [i["title"] for i in document["items"]][2] == "Early Help and Family Hubs Annual Report"
    explicit = [a for a in document["actions"] if a["explicit"]]
    assert explicit and explicit[0]["owner"] == "Service Manager for Early Help"


def test_docx_reads_paragraphs_and_action_tables_in_order(corpus_dir) -> None:
    extraction = extract_path(corpus_dir / "lowfield_panel.docx")
    assert extraction.text.index("23/43") < extraction.text.index("Circulate homelessness prevention outcomes")
    owners = {a["owner"]: a["due"] for a in extraction.document["actions"] if a["explicit"]}
    assert owners == {"Head of Housing": "2024-02-29", "Democratic Services Officer": "2024-03-31"}


def test_pdf_running_headers_footers_and_hyphenation_are_undone(corpus_dir) -> None:
    text = extract_path(corpus_dir / "riverside_health_scrutiny.pdf").text
    assert "Page 1 of" not in text and "Page 2 of" not in text
    assert text.count("Riverside City Council - Health and Adult Social Care Scrutiny Committee - 19 September 2024") == 0
    assert "residential care homes" in text and "admissions since 2022" in text
    assert "resid-" not in text


def test_pdf_numbered_headings_and_labelled_lines_are_not_joined_to_the_paragraph_before(corpus_dir) -> None:
    extraction = extract_path(corpus_dir / "holcombe_regis_parish_council.pdf")
    lines = extraction.text.split("\n")
    assert "123/23 Apologies for absence" in lines and "130/23 Highways and footpaths" in lines
    assert any(line.startswith("In attendance:") for line in lines)
    numbers = [i["number"] for i in extraction.document["items"]]
    assert numbers == [f"{n}/23" for n in range(123, 133)]
    capitals = extract_path(corpus_dir / "linmouth_cyp_sub_board.pdf").document["items"]
    assert [(i["number"], i["title"]) for i in capitals][:2] == [("26", "DECLARATIONS OF INTEREST"), ("27", "MINUTES OF THE PREVIOUS MEETING")]


def test_utf8_text_with_windows_line_ends_is_read_exactly() -> None:
    source = read_bytes((FIXTURES / "harbourside_committee.txt").read_bytes(), "harbourside_committee.txt")
    assert "Children’s" in source.text and "\r" not in source.text and not source.notes


def test_windows_1252_text_is_refused_with_how_to_save_it() -> None:
    data = "7. Budget\r\n\r\nRESOLVED that the £2.5m overspend for Children’s services be noted.\r\n".encode("cp1252")
    with pytest.raises(UnreadableMinutes) as raised:
        read_bytes(data, "ansi.txt")
    message = str(raised.value)
    assert "ansi.txt is Windows-1252 text" in message and "UTF-8" in message and message.count(". ") == 0


@pytest.mark.parametrize("data, fragment", [
    (b"", "empty"),
    (b"   \n\t\n", "empty"),
    (bytes(range(256)) * 40, "binary"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password-protected"),
    (b"PK\x03\x04" + b"\x00" * 100, "zip"),
    (b"\x81\x8d\x8f\x90\x9d" * 20 + b"\xff\xfe\xfd", "neither UTF-8 nor Windows-1252"),
])
def test_unreadable_input_raises_one_plain_sentence(data, fragment) -> None:
    with pytest.raises(UnreadableMinutes) as raised:
        read_bytes(data, "minutes.bin")
    message = str(raised.value)
    assert fragment in message and "minutes.bin" in message and message.count(". ") == 0


def test_detect_format_examples() -> None:
    assert detect_format(b"%PDF-1.7\n...") == "pdf"
    assert detect_format(b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert detect_format(b'<?xml version="1.0"?><getmeeting><meeting><meetingdate>1/1/2024</meetingdate></meeting></getmeeting>') == "xml"
    assert detect_format(b"Minutes of the meeting held on 1 May 2024") == "text"
