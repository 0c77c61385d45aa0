"""Lines and sentences of the text with their offsets, so every record can point back at its words."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at . ! ? (optionally closed by a quote or bracket) before a capital, bullet or digit.
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "cllr", "mrs", "ms", "mr", "dr", "no", "nos", "st", "para", "approx",
                            "cf", "vs", "co"})
# A sentence ends at . ! ? (optionally closed by a quote or bracket) before a capital, bullet or digit.
_SENTENCE_END = re.compile(r"[.!?]['’”\")]?(?=\s+[\"“‘'(•·A-Z0-9-])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
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


def _ends_sentence(text: str, stop: int, line_start: int) -> bool:
    """False for the period of an abbreviation ("Cllr.", "e.g.") or a single initial ("J. Smith")."""
    if text[stop] != ".":
        return True
    word = _WORD_BEFORE.search(text, max(line_start, stop - 8), stop)
    if not word:
        return True
    token = word.group(1).lower()
    if token in _ABBREVIATIONS:
        return False
    return not (len(token) == 1 and text[stop - 1].isupper())


@lru_cache(maxsize=512)
def sentence_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Sentence spans inside ``text[start:end]``; a line break always ends a sentence."""
    spans: list[tuple[int, int]] = []
    for line in iter_lines(text, start, end):
        if not line.text.strip():
            continue
        position = line.content_start
        for match in _SENTENCE_END.finditer(text, position, line.end):
            if not _ends_sentence(text, match.start(), line.start):
                continue
            stop = match.end()
            if text[position:stop].strip():
                spans.append((position, stop))
            position = stop
            while position < line.end and text[position].isspace():
                position += 1
        if position < line.end and text[position:line.end].strip():
            spans.append((position, line.start + len(line.text.rstrip())))
    return tuple(spans)


def join_lines(lines: list[str]) -> str:
    """Lines joined into text with at most one blank line in a row and a final newline."""
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n"


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


class Spans:
    """Spans of text already claimed, kept sorted by start, so "does this overlap?" stays cheap on
    long pages: only spans starting within the longest span's length before ``end`` can overlap."""

    def __init__(self, spans: list[tuple[int, int]] | tuple = ()) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        self._longest = max((e - s for s, e in self._spans), default=0)

    def add(self, start: int, end: int) -> None:
        index = bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._spans.insert(index, (start, end))
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        return any(self._spans[i][1] > start for i in range(low, high))
