"""What a reader hands to extraction: the text, and whatever the file's structure already told us.

Structured formats (ModernGov XML, a whole-meeting HTML page) know the meeting's committee and date
and where each item starts; plain text does not, and segmentation finds them in the words instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ItemHint:
    """An item boundary the file's structure gave: where it starts in the text, its number and title."""

    start: int
    number: str | None
    title: str | None


@dataclass
class ReadSource:
    """A file read into text. ``notes`` are plain sentences about how it was read (decoding fallbacks)."""

    text: str
    format: str
    committee: str | None = None
    date: str | None = None
    items: list[ItemHint] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    authority: str | None = None  # the council, where the file names it outside the text (a page title)
