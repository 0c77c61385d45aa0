"""Lines and sentences of the text with their offsets, so every record can point back at its words."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A sentence ends at . ! ? (optionally closed by a quote or bracket) before a capital, bullet or digit.
_ABBREVIATIONS = ("e.g", "i.e", "etc", "Cllr", "Mrs", "Ms", "Mr", "Dr", "No", "nos", "St", "para", "approx", "cf", "vs", "Co")
_SENTENCE_END = re.compile(
    "(?<!\\b[A-Z])" + "".join(f"(?<!\\b{re.escape(a)})" for a in _ABBREVIATIONS)
    + r"[.!?]['’”\")]?(?=\s+[\"“‘'(•·A-Z0-9-])")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def content_start(self) -> int:
        return self.start + (len(self.text) - len(self.text.lstrip()))


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Line]:
    """Lines of ``text[start:end]`` (without the newline) with absolute offsets."""
    end = len(text) if end is None else end
    position = start
    while position <= end:
        newline = text.find("\n", position, end)
        stop = end if newline == -1 else newline
        yield Line(position, stop, text[position:stop])
        if newline == -1:
            break
        position = newline + 1


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``; a line break always ends a sentence."""
    spans: list[tuple[int, int]] = []
    for line in iter_lines(text, start, end):
        if not line.text.strip():
            continue
        position = line.content_start
        for match in _SENTENCE_END.finditer(text, position, line.end):
            stop = match.end()
            if text[position:stop].strip():
                spans.append((position, stop))
            position = stop
            while position < line.end and text[position].isspace():
                position += 1
        if position < line.end and text[position:line.end].strip():
            spans.append((position, len(text[:line.end].rstrip())))
    return spans


def squash(text: str) -> str:
    """Whitespace runs as single spaces, ends trimmed: how record texts are printed."""
    return _WS.sub(" ", text).strip()


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span so it starts and ends on non-space characters."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
