"""ModernGov HTML pages: a single agenda item (``mgAi.aspx``) or a whole meeting (``ieListDocuments.aspx``).

Both are rendered to text; the committee and date in a whole meeting's header and its item
headings are then found by segmentation, as for any other minutes.
"""
from __future__ import annotations

from scrutinydesk.ingest.html_text import html_to_text
from scrutinydesk.ingest.source import ReadSource


def read_html(data: bytes) -> ReadSource:
    return ReadSource(html_to_text(data), "html")
