"""Read any minutes file into text: the format is told from the bytes, not the file name.

Refuses, with one sentence the officer can act on, what cannot be minutes: an empty file, a binary
file, a password-protected or old-format Office file, or one too large to be a set of minutes.
"""
from __future__ import annotations

import re
from pathlib import Path

from scrutinydesk.ingest.errors import UnreadableMinutes
from scrutinydesk.ingest.read_docx import read_docx
from scrutinydesk.ingest.read_html import read_html
from scrutinydesk.ingest.read_pdf import read_pdf
from scrutinydesk.ingest.read_plain import read_plain
from scrutinydesk.ingest.read_xml import looks_like_moderngov_xml, read_xml
from scrutinydesk.ingest.source import ReadSource

MAX_BYTES = 16 * 1024 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|table|h[1-6]|span|ul|ol|br)\b", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def detect_format(data: bytes) -> str:
    """``pdf``, ``docx``, ``ole2``, ``zip``, ``xml``, ``html``, ``binary`` or ``text`` from the content."""
    head = data[:4096]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:200_000] or b"[Content_Types].xml" in head else "zip"
    if head.startswith(_OLE2):
        return "ole2"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in head:
        return "binary"
    sample = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if sample.startswith("<") or "<" in sample[:512]:
        if sample.startswith("<?xml") and looks_like_moderngov_xml(data[:200_000].decode("utf-8", errors="ignore")):
            return "xml"
        if looks_like_moderngov_xml(sample) and not _HTML_START.search(sample):
            return "xml"
        if _HTML_START.search(sample):
            return "html"
        if sample.startswith("<?xml"):
            return "xml"
    return "text"


def _refuse_binary_text(source: ReadSource, name: str) -> None:
    sample = source.text[:20_000]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 50):
        raise UnreadableMinutes(f"{name} looks like a binary file, not minutes; give a text, HTML, Word or PDF file.")
    if not re.search(r"[A-Za-z]{3,}", source.text[:200_000]):
        raise UnreadableMinutes(f"{name} contains no readable words; check it is the minutes and not a scan or an empty export.")


def read_bytes(data: bytes, name: str) -> ReadSource:
    """Read minutes from bytes; ``name`` is only used in messages."""
    if not data.strip():
        raise UnreadableMinutes(f"{name} is empty; give a file that contains the minutes.")
    if len(data) > MAX_BYTES:
        raise UnreadableMinutes(
            f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB, too large for one set of minutes; split it or save the minutes alone.")
    kind = detect_format(data)
    if kind == "binary":
        raise UnreadableMinutes(f"{name} looks like a binary file, not minutes; give a text, HTML, Word or PDF file.")
    if kind == "ole2":
        raise UnreadableMinutes(
            f"{name} is a password-protected or old-format Office file; save it as an unprotected .docx and try again.")
    if kind == "zip":
        raise UnreadableMinutes(f"{name} is a zip archive, not a Word document; unpack it and give the minutes file itself.")
    if kind == "pdf":
        source = read_pdf(data, name)
    elif kind == "docx":
        source = read_docx(data, name)
    elif kind == "xml":
        source = read_xml(data)
    elif kind == "html":
        source = read_html(data)
    else:
        source = read_plain(data, name)
    _refuse_binary_text(source, name)
    return source


def read_path(path: Path) -> ReadSource:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableMinutes(
                f"{path.name} is larger than {MAX_BYTES // (1024 * 1024)} MB, too large for one set of minutes; split it or save the minutes alone.")
        data = path.read_bytes()
    except UnreadableMinutes:
        raise
    except IsADirectoryError:
        raise UnreadableMinutes(f"{path} is a folder; give the minutes files inside it.") from None
    except OSError as error:
        raise UnreadableMinutes(f"{path} could not be opened ({error.strerror or error}); check the path and permissions.") from None
    return read_bytes(data, path.name)
