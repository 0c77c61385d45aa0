"""Reading minutes files and extracting items, resolutions, actions, figures and RAG ratings.

Public interface (EXTRACTION.md is the output contract):

- ``extract_path(path, meta=None) -> Extraction``: read one file (format detected from content) and
  extract it. ``Extraction.text`` is the decoded text every span points into; ``Extraction.document``
  is the contract's document dict (``source``, ``meeting``, ``items``, ``resolutions``, ``actions``,
  ``figures``, ``rag``).
- Unreadable input (empty, binary, password-protected, too large) raises
  ``scrutinydesk.ingest.errors.UnreadableMinutes``, a ``UserFacingError`` naming the file.

Never imports Qt.
"""
from __future__ import annotations

from scrutinydesk.ingest.extraction import extract_path
from scrutinydesk.ingest.model import Extraction

__all__ = ["Extraction", "extract_path"]
