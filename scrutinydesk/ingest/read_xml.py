"""ModernGov web-service XML (``GetMeeting`` from ``mgWebService.asmx``).

The service gives the meeting's committee and date and, per agenda item, its number, title,
minutes as escaped HTML (``minutesnonemptyhtmlbody``), the decision (``decisionnonemptyhtmlbody``)
and the actions recorded against it (``commenttext2``). They are laid out as text in item order,
with each item's start kept as a hint for segmentation.
"""
from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning

from scrutinydesk.ingest.html_text import html_to_text
from scrutinydesk.ingest.source import ItemHint, ReadSource
from scrutinydesk.ingest.when import parse_date_text

_ITEM_BODIES = (
    ("minutesnonemptyhtmlbody", "Minutes:"),
    ("minuteshtmlbody", "Minutes:"),
    ("decisionnonemptyhtmlbody", "Decision:"),
    ("decisionhtmlbody", "Decision:"),
    ("commenttext2", "Actions:"),
)


def looks_like_moderngov_xml(head: str) -> bool:
    lowered = head.lower()
    return "<agendaitem" in lowered or "<getmeeting" in lowered or ("<meeting" in lowered and "<meetingdate" in lowered)


def _child_text(node: Tag, *names: str) -> str | None:
    for name in names:
        found = node.find(name, recursive=False) or node.find(name)
        if found is not None:
            value = found.get_text().strip()
            if value:
                return value
    return None


def _body_text(value: str) -> str:
    """Item bodies are HTML escaped inside XML; some services send plain text instead."""
    if "<" in value and ">" in value:
        return html_to_text(value).strip()
    return re.sub(r"[ \t]+", " ", value.replace("\r\n", "\n")).strip()


def read_xml(data: bytes) -> ReadSource:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", UserWarning)
        try:
            soup = BeautifulSoup(data, "xml")
        except Exception:  # noqa: BLE001 - hostile XML falls back to the lenient HTML parser
            soup = BeautifulSoup(data, "html.parser")
    meeting = soup.find("meeting") or soup
    committee = _child_text(meeting, "committeetitle", "committeename") if isinstance(meeting, Tag) else None
    date_text = _child_text(meeting, "meetingdate") if isinstance(meeting, Tag) else None
    parts: list[str] = []
    if committee:
        parts.append(committee)
    if date_text:
        parts.append(f"Meeting date: {date_text}")
    location = _child_text(meeting, "meetinglocation") if isinstance(meeting, Tag) else None
    if location:
        parts.append(f"Venue: {location}")
    attendees = [a.get_text(" ", strip=True) for a in soup.find_all("attendee")]
    if attendees:
        parts.append("Present: " + "; ".join(a for a in attendees if a))
    header = "\n".join(parts) + "\n\n" if parts else ""
    text = header
    hints: list[ItemHint] = []
    for item in soup.find_all("agendaitem"):
        number = _child_text(item, "minutesitemnumber", "agendaitemnumber")
        title = _child_text(item, "agendaitemtitle")
        title = re.sub(r"\s+", " ", title) if title else None
        heading = " ".join(p for p in (f"{number}." if number else None, title) if p) or "Agenda item"
        chunks = [heading]
        done: set[str] = set()
        for tag_name, label in _ITEM_BODIES:
            value = None if label in done else _child_text(item, tag_name)
            if value:
                body = _body_text(value)
                if body:
                    done.add(label)
                    chunks.append(f"{label}\n{body}")
        hints.append(ItemHint(len(text), number, title))
        text += "\n\n".join(chunks) + "\n\n"
    if not hints:
        text += html_to_text(str(soup))
    date = parse_date_text(date_text) if date_text else None
    return ReadSource(text, "moderngov-xml", committee=committee, date=date, items=hints)
