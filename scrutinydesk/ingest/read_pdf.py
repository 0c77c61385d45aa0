"""PDF minutes (pypdf): page text with running headers and footers removed, words hyphenated across
line ends rejoined, and wrapped lines of one paragraph put back together."""
from __future__ import annotations

import io
import re
from collections import Counter

from scrutinydesk.ingest.errors import UnreadableMinutes
from scrutinydesk.ingest.source import ReadSource

_DIGITS = re.compile(r"\d+")
_HYPHENATED = re.compile(r"([a-z])-\n([a-z])")
_STARTS_BLOCK = re.compile(
    r"^\s*(?:[•·▪●◦\-–*]\s|\(?[a-z0-9ivx]{1,4}[.)]\s|Minute\s+\d|Item\s+\d|[A-Z][A-Za-z ]{0,40}:\s*$|RESOLVED|AGREED|ACTION|"
    r"[A-Z][a-z]*(?:\s[a-z]+|\s[A-Z][a-z]+){0,3}:\s|"  # "In attendance: …", "Officers: …"
    r"\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\s+[A-Z])")  # "3.1 Increase specialist places …": a numbered paragraph or plan row
# "123/23 Apologies for absence", "28 ELECTIVE HOME EDUCATION": a numbered heading, short and without a full stop
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,3}(?:/\d{2,4})?\.?\s+[A-Z‘'\"“][^.]*$")
_ENDS_SENTENCE = re.compile(r"[.:;!?]\s*$")


def _page_texts(data: bytes, name: str) -> list[str]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # noqa: BLE001 - unsupported encryption is the same problem for the officer
                opened = 0
            if not opened:
                raise UnreadableMinutes(f"{name} is a password-protected PDF; save an unprotected copy and try again.")
        pages = []
        for page in reader.pages:
            try:
                pages.append(page.extract_text() or "")
            except Exception:  # noqa: BLE001 - one damaged page should not lose the rest
                pages.append("")
        return pages
    except UnreadableMinutes:
        raise
    except Exception as error:  # noqa: BLE001 - pypdf fails in many ways on damaged files; all mean the same
        raise UnreadableMinutes(f"{name} is a damaged PDF that cannot be read ({type(error).__name__}); export it again.") from None


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines (digits ignored, so page numbers match) repeated at the top or bottom of most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_DIGITS.sub("#", line.strip()) for line in lines[:3] + lines[-3:] if line.strip()}
        counts.update(edge)
    needed = max(2, (len(pages) + 1) // 2)
    return {line for line, count in counts.items() if count >= needed}


def _reflow(lines: list[str]) -> str:
    """Join wrapped lines of one paragraph; keep bullets, headings and short lines as their own lines."""
    widths = sorted(len(line) for line in lines if line.strip())
    full = widths[int(len(widths) * 0.8)] if widths else 0
    out: list[str] = []
    last_width = 0  # the width of the previous printed line (not of the paragraph joined so far)
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if out and out[-1]:
                out.append("")
            last_width = 0
            continue
        previous = out[-1] if out else ""
        heading = _NUMBERED_HEADING.match(stripped) and len(stripped) < 0.7 * full
        if previous and last_width >= 0.7 * full and not _STARTS_BLOCK.match(stripped) and not heading \
                and not _ENDS_SENTENCE.search(previous):
            out[-1] = previous + " " + stripped
        elif previous and previous.endswith(("-", "–")) and stripped[:1].islower():
            out[-1] = previous + stripped
        else:
            out.append(stripped)
        last_width = len(stripped)
    return "\n".join(out)


def read_pdf(data: bytes, name: str) -> ReadSource:
    pages = [text.replace("\r\n", "\n").split("\n") for text in _page_texts(data, name)]
    running = _running_lines(pages)
    kept: list[str] = []
    for lines in pages:
        for index, line in enumerate(lines):
            near_edge = index < 3 or index >= len(lines) - 3
            if near_edge and _DIGITS.sub("#", line.strip()) in running:
                continue
            if near_edge and re.fullmatch(r"\s*(?:Page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*", line, re.IGNORECASE):
                continue
            kept.append(line.rstrip())
        kept.append("")
    joined = _HYPHENATED.sub(r"\1\2", "\n".join(kept))
    text = _reflow(joined.split("\n"))
    if not text.strip():
        raise UnreadableMinutes(f"{name} has no text layer (it may be a scan); export the minutes as text or Word instead.")
    return ReadSource(text.strip() + "\n", "pdf")
