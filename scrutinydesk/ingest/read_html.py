"""ModernGov HTML pages: a single agenda item (``mgAi.aspx``) or a whole meeting (``ieListDocuments.aspx``).

Both are rendered to text; the committee and date in a whole meeting's header and its item
headings are then found by segmentation, as for any other minutes.
"""
from __future__ import annotations

import re

from scrutinydesk.ingest.html_text import html_page
from scrutinydesk.ingest.source import ReadSource

_COUNCIL_IN_TITLE = re.compile(r"(?P<name>[A-Z][\w'’ -]{1,60}?)\s+(?:County\s+|City\s+|Borough\s+|District\s+)?Council\b")


def read_html(data: bytes) -> ReadSource:
    text, title = html_page(data)
    council = _COUNCIL_IN_TITLE.search(title.split("|")[-1]) if title else None
    return ReadSource(text, "html", authority=council.group("name").strip() if council else None)
