"""Reading minutes files and extracting items, resolutions, actions, figures and RAG ratings.

Public interface (EXTRACTION.md is the output contract):

- ``extract_path(path, meta=None) -> Extraction``: read one file (format detected from content) and
  extract it. ``Extraction.text`` is the decoded text every span points into; ``Extraction.document``
  is the contract's document dict (``source``, ``meeting``, ``items``, ``resolutions``, ``actions``,
  ``figures``, ``rag``).
- Unreadable input (empty, binary, password-protected, too large) raises
  ``scrutinydesk.ingest.errors.UnreadableMinutes``, a ``UserFacingError`` naming the file.

Beyond the contract's fields the document carries (extra keys are allowed by EXTRACTION.md):

- ``format``: how the file was read (``text``, ``html``, ``moderngov-xml``, ``docx``, ``pdf``);
  ``notes``: plain sentences about the reading ("the page is cut short").
- each item: ``span`` ``[start, end)``; items tile ``Extraction.text`` in order.
- each resolution: ``routine`` (minutes signed as a correct record, apologies, declarations).
- every resolution, action, figure and RAG rating: ``span`` ``[start, end)`` into the text, whose
  words contain the record, and ``doubt`` (a short reason: "owner not found", "indicator
  unmatched", "period not known", "text-extraction splice") where the extractor is unsure.

Indicator codes come from ``data/indicator_synonyms.csv`` (indicator, wording, requires, priority),
a table an officer extends without touching code. Never imports Qt.
"""
from __future__ import annotations

from scrutinydesk.ingest.extraction import extract_path
from scrutinydesk.ingest.model import Extraction

__all__ = ["Extraction", "extract_path"]
