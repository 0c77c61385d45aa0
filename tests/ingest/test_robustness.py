"""Hostile and broken input: extraction never raises except ``UnreadableMinutes``, and the command
line answers unreadable files with one plain sentence and a non-zero exit, never a traceback."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutinydesk.ingest.errors import UnreadableMinutes
from scrutinydesk.ingest.extraction import extract_source
from scrutinydesk.ingest.reading import read_bytes

FRAGMENTS = st.sampled_from([
    "RESOLVED", "Resolved: That", "(a)", "ACTION:", "Actions:", "Officers agreed to send", "would revert",
    "Minutes:", "Decision:", "Supporting documents:", "23/45", "7.", "£1.3m", "45%", "per 10,000", "Red", "RAG rated",
    "Amber", "‘", "’", "MOVED by Councillor", "SECONDED by", "15th March 2022", "29/06/2021", "compared to",
    "national average (", ")", "\n", "\n\n", "\t", "•", "-", " ", "five", "children", "view the full minutes text for item 7",
    "performanRESOLVED that x.ce", "CS/21/09", "PDF 478 KB", "<p>", "</p>", "<li>", "<table><tr><td>", "&amp;", "&lt;",
    "<agendaitem>", "<minutesnonemptyhtmlbody>", "</agendaitem>", "<?xml version='1.0'?>", "<meeting>", "<![CDATA[",
])
DOCUMENTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=60).map("".join)


def _extract(data: bytes) -> dict | None:
    try:
        return extract_source(read_bytes(data, "fuzz"), "fuzz")
    except UnreadableMinutes:
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_arbitrary_minutes_like_text_never_raises(text: str) -> None:
    document = _extract(text.encode("utf-8", errors="surrogatepass"))
    if document is not None:
        assert document["items"] and all(isinstance(document[k], list) for k in ("resolutions", "actions", "figures", "rag"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS, st.sampled_from(["<!DOCTYPE html><html><body><div id='modgov'>", "<?xml version='1.0'?><getmeeting><meeting><agendaitems><agendaitem><minutesnonemptyhtmlbody>"]))
def test_mangled_html_and_xml_never_raise(body: str, opening: str) -> None:
    _extract((opening + body).encode("utf-8", errors="surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    _extract(data)


def _password_docx(path) -> None:  # noqa: ANN001
    # Word saves a password-protected .docx as an OLE2 compound file holding the encrypted package.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)


def _password_pdf(path) -> None:  # noqa: ANN001
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "RESOLVED that the report be noted.")
    pdf.output(str(path))


def _broken_docx(path) -> None:  # noqa: ANN001
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<not-word")


@pytest.mark.parametrize("name, make, fragment", [
    ("empty.txt", lambda p: p.write_bytes(b""), "empty"),
    ("binary.txt", lambda p: p.write_bytes(bytes(range(256)) * 64), "binary"),
    ("huge.txt", lambda p: p.write_bytes(b"RESOLVED that the report be noted.\n" * 600_000), "larger than"),
    ("protected.pdf", _password_pdf, "password-protected"),
    ("protected.docx", _password_docx, "password-protected"),
    ("broken.docx", _broken_docx, "Word document"),
    ("missing.txt", None, "could not be opened"),
])
def test_cli_refuses_unreadable_files_with_one_sentence(tmp_path, run_extract, name, make, fragment) -> None:
    path = tmp_path / name
    if make:
        make(path)
    result = run_extract(str(path), "--json")
    assert result.returncode != 0
    assert result.stdout == ""
    message = result.stderr.strip()
    assert fragment in message and "Traceback" not in message and len(message.splitlines()) == 1, message


def test_cli_extracts_the_readable_files_and_names_each_unreadable_one(tmp_path, run_extract) -> None:
    good = tmp_path / "good.txt"
    good.write_text("7. Budget\n\nRESOLVED that the report be noted.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    _password_pdf(tmp_path / "locked.pdf")
    later = tmp_path / "later.txt"
    later.write_text("8. Close\n\nRESOLVED that the meeting be closed.\n", encoding="utf-8")
    result = run_extract(str(tmp_path / "empty.txt"), str(good), str(tmp_path / "locked.pdf"), str(later), "--json")
    assert result.returncode == 2
    documents = json.loads(result.stdout)["documents"]
    assert [Path(d["source"]["path"]).name for d in documents] == ["good.txt", "later.txt"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and "empty.txt" in errors[0] and "locked.pdf" in errors[1] and "password-protected" in errors[1]
    assert "Traceback" not in result.stderr


def test_cli_refuses_windows_1252_text_in_one_sentence(tmp_path, run_extract) -> None:
    path = tmp_path / "ansi.txt"
    path.write_bytes("7. Budget\n\nRESOLVED that the £2.5m overspend be noted.\n".encode("cp1252"))
    result = run_extract(str(path), "--json")
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert "ansi.txt is Windows-1252 text, not UTF-8; save it again as UTF-8" in result.stderr


def test_a_long_figure_dense_page_is_extracted_whole(tmp_path) -> None:
    unit = ("The number of children in care had risen to 412, compared with 398 in March 2023. "
            "Officers agreed to circulate the data to Members. RESOLVED that the report be noted.\n\n")
    document = _extract((unit * (250_000 // len(unit))).encode())
    assert document is not None and len(document["figures"]) > 2500  # the 1 MB timing is in benchmarks/extract_speed.py
