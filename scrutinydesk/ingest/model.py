"""What extraction returns: the text every span points into, and the contract's document dict."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extraction:
    """``text`` is the decoded text as read; ``document`` follows EXTRACTION.md plus spans and doubts."""

    text: str
    document: dict = field(default_factory=dict)
    format: str = "text"
