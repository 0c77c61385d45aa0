"""One minutes file in, the contract's document out (EXTRACTION.md), with spans into the text.

Reading gives text; segmentation finds the meeting, items and content blocks; each kind of record
is found per block; records that a page prints twice (a ModernGov ``Decision:`` and ``Minutes:``
block, a spliced copy) are merged, keeping the cleaner copy.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from scrutinydesk.core.dates import parse_iso
from scrutinydesk.core.manifest import SourceMeta
from scrutinydesk.ingest.actions import find_actions
from scrutinydesk.ingest.dedupe import merge_copies
from scrutinydesk.ingest.figure_context import home_area
from scrutinydesk.ingest.figures import find_figures
from scrutinydesk.ingest.model import Extraction
from scrutinydesk.ingest.rag import find_rag
from scrutinydesk.ingest.reading import read_path
from scrutinydesk.ingest.resolutions import find_resolutions
from scrutinydesk.ingest.segment import Layout, segment
from scrutinydesk.ingest.source import ReadSource

KINDS = ("resolutions", "actions", "figures", "rag")


def masked_text(text: str, layout: Layout) -> str:
    """The text with non-content spans blanked (same length, so offsets still hold)."""
    chars = list(text)
    for start, end in [*layout.masked, *layout.splices]:
        for index in range(max(0, start), min(len(chars), end)):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


def extract_source(source: ReadSource, path: str, meta: SourceMeta | None = None, sha256: str | None = None) -> dict:
    """The contract's document for text already read."""
    text = source.text
    layout = segment(text, source.items, source.committee, source.date)
    committee = layout.committee or (meta.committee if meta else None)
    date = layout.date or (meta.date if meta else None)
    work = masked_text(text, layout)
    meeting_date = parse_iso(date)
    home = home_area(work) or source.authority or (home_area(meta.source_url) if meta and meta.source_url else None)
    found: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    for item in layout.items:
        per_item: dict[str, list[dict]] = {kind: [] for kind in KINDS}
        for block in item.blocks:
            resolutions = find_resolutions(text, work, item.key, block, layout.splices)
            per_item["resolutions"] += resolutions
            skip = [tuple(r["span"]) for r in resolutions]
            per_item["actions"] += find_actions(text, work, item.key, block, skip, meeting_date)
            per_item["figures"] += find_figures(text, work, item.key, block, meeting_date, home)
            per_item["rag"] += find_rag(text, work, item.key, block)
        for kind in KINDS:
            found[kind] += merge_copies(kind, per_item[kind])
    document = {
        "source": {"path": path, "sha256": sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()},
        "format": source.format,
        "meeting": {"committee": committee, "date": date},
        "items": [item.as_dict() for item in layout.items],
        **{kind: [_public(r) for r in found[kind]] for kind in KINDS},
    }
    notes = [*source.notes, *layout.notes]
    if notes:
        document["notes"] = notes
    return document


def _public(record: dict) -> dict:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def extract_path(path: Path, meta: SourceMeta | None = None) -> Extraction:
    """Read and extract one minutes file; ``UnreadableMinutes`` when it cannot be read."""
    path = Path(path)
    source = read_path(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    document = extract_source(source, str(path), meta, sha)
    return Extraction(source.text, document, source.format)
