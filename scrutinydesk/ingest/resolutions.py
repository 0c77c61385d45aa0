"""Decisions the meeting made: every way minutes write RESOLVED, with parts, mover and seconder.

"RESOLVED that …", "RESOLVED –\\n\\nThat …", "Resolved: That …", "It was AGREED that …",
"RECOMMENDED to Cabinet that …", with lettered or numbered parts ("(a)", "1.", "i)") on their own
lines or in one run; "It was MOVED by Councillor X, SECONDED by Councillor Y and" before it, or
"(Proposed by …, seconded by …)" after it. Minutes signed as a correct record are kept and marked
routine.
"""
from __future__ import annotations

import re

from scrutinydesk.ingest.layout import iter_lines, squash, trim_span
from scrutinydesk.ingest.segment import Block

_UPPER = re.compile(r"\b(?:RESOLVED|AGREED|RECOMMENDED|DECIDED)\b(?:\s+(?:UNANIMOUSLY|unanimously))?")
_TITLE = re.compile(r"(?:^|(?<=\n)|(?<=\bIt was )|(?<=\bit was ))[^\S\n]*(?:[•·\-–*][^\S\n]*)?(?:Resolved|Agreed|Decided|Recommended)(?=[^\S\n]*(?:[:–—-]|that\b|That\b|\n|\((?:a|i|1)\)))")
_FOLLOWS = re.compile(r"[^\S\n]*(?:[:–—-][^\S\n]*)?(?:\n\s*)?(?=[Tt]hat\b|\(|\d|[A-Z]|[•·]|to\s+(?:Cabinet|Council|the\b|[A-Z]|[a-z]+\b)|$)")
_VOTE_NOTE = re.compile(r"\((?:unanimously|nem\.?\s*con\.?|by\s+\d+\s+votes?\s+to\s+\d+[^)]*|with\s+\d+\s+abstentions?)\)\s*", re.IGNORECASE)
_LEAD = re.compile(r"[\s:–—-]+")
PART_MARKER = re.compile(r"^[^\S\n]*(?:\((?P<a>[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)|(?P<b>[a-z]|[ivx]{1,5}|\d{1,2})[.)]|(?P<bullet>[•·▪●◦*–-]))[^\S\n]+")
_INLINE_MARKER = re.compile(r"(?:^|(?<=[\s:;,]))\((?:[a-z]|[ivx]{1,5}|\d{1,2})\)[^\S\n]+")
_SENTENCE_DONE = re.compile(r"[.!?][’”\"')]*$")
_DECISION_LINE = re.compile(r"(?:That|To|that|to)\s+[a-z]")
_CONTINUES = re.compile(r"(?:[:;,]|\band|\bor|\bthat)\s*$", re.IGNORECASE)
_STOP_LINE = re.compile(r"^[^\S\n]*(?:It was (?:MOVED|moved|PROPOSED|proposed)|\(?(?:Councillor|Cllr)\b.*\b(?:declared|left|joined)|Supporting documents|Minutes\s*:|Decision\s*:|Voting|For:|Against:|Abstentions?:|The meeting (?:ended|closed)|Reasons? for (?:the )?decision)", re.IGNORECASE)
_NAME = r"(?:(?:(?:County|District|City|Borough)\s+)?(?:Councillor|Cllr\.?)\s+(?:(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+)?(?:[A-Z]\.?\s+){0,2}[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*(?:\s+[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*){0,2}|the (?:Vice[- ])?Chair(?:man)?|the Leader|the Mayor)"
_MOVED = re.compile(rf"\b(?:MOVED|moved|Moved|PROPOSED|proposed|Proposed)\s+by\s+(?P<name>{_NAME})")
_SECONDED = re.compile(rf"\b(?:SECONDED|seconded|Seconded)\s+by\s+(?P<name>{_NAME})")
# "Councillor Hart MOVED and Councillor Bullivant SECONDED that …"
_NAME_MOVED = re.compile(rf"(?P<name>{_NAME})\s+(?:MOVED|moved|PROPOSED|proposed)\b")
_NAME_SECONDED = re.compile(rf"(?P<name>{_NAME})\s+(?:SECONDED|seconded)\b")
_ROUTINE = re.compile(
    r"\b(?:correct|true|accurate|full and accurate)\s+record\b|\bsigned\s+(?:by\s+the\s+Chair|as\s+a)\b|"
    r"\bminutes\b.{0,80}\b(?:be\s+)?(?:approved|confirmed|agreed|signed)\b|\bapologies\b|\bdeclarations? of interest",
    re.IGNORECASE | re.DOTALL)
_MAX_LINES = 60


def _keyword_ends(work: str, start: int, end: int) -> list[tuple[int, int]]:
    """(keyword start, decision text start) for each decision keyword in the block."""
    found: list[tuple[int, int]] = []
    for pattern in (_UPPER, _TITLE):
        for match in pattern.finditer(work, start, end):
            follows = _FOLLOWS.match(work, match.end(), end)
            if follows is None:
                continue
            kw_start = match.start() + (len(match.group()) - len(match.group().lstrip(" \t•·-–*")))
            found.append((kw_start, match.end()))
    found.sort()
    unique: list[tuple[int, int]] = []
    for item in found:
        if not unique or item[0] >= unique[-1][1]:
            unique.append(item)
    return unique


def _extent(text: str, work: str, text_start: int, limit: int) -> tuple[int, int, list[tuple[int, int]]]:
    """Span of the decision text after its keyword and the line spans of its parts."""
    lead = _LEAD.match(work, text_start, limit)
    position = lead.end() if lead else text_start
    vote = _VOTE_NOTE.match(work, position, limit)
    if vote:
        position = vote.end()
    lines = [line for line in iter_lines(work, position, limit)]
    collected: list[tuple[int, int]] = []
    parts: list[tuple[int, int]] = []
    expecting, unfinished = True, False
    # "AGREED:" alone on its line heads a list whose entries ("To note …", "That …") may lack markers
    line_end = work.find("\n", position, limit)
    list_follows = not work[position:line_end if line_end != -1 else limit].strip()
    blank_before = False
    for line in lines[:_MAX_LINES * 3]:
        stripped = line.text.strip()
        if not stripped:
            blank_before = bool(collected)
            continue
        if collected and (_STOP_LINE.match(line.text) or _UPPER.match(stripped)):
            break
        marker = PART_MARKER.match(line.text)
        if not collected:
            collected.append((line.start, line.end))
            if marker:
                parts.append((line.start, line.end))
        elif marker and (parts or expecting or _CONTINUES.search(work[collected[-1][0]:collected[-1][1]])):
            collected.append((line.start, line.end))
            parts.append((line.start, line.end))
        elif expecting or (unfinished and not blank_before) or stripped[0].islower() \
                or (list_follows and _DECISION_LINE.match(stripped) and not blank_before):
            collected.append((line.start, line.end))
            if parts:
                parts[-1] = (parts[-1][0], line.end)
        else:
            break
        # a colon, semicolon or "and" asks for more; a wrapped line whose sentence has not ended runs on
        expecting = bool(_CONTINUES.search(stripped))
        unfinished = not _SENTENCE_DONE.search(stripped)
        if list_follows and _DECISION_LINE.match(stripped) and not marker and len(collected) > 1:
            if not parts:
                parts.append(collected[0])
            parts.append((line.start, line.end))
        blank_before = False
        if len(collected) >= _MAX_LINES:
            break
    if not collected:
        return position, position, []
    start, end = trim_span(text, collected[0][0], collected[-1][1])
    return start, end, parts


def _part_texts(work: str, start: int, end: int, part_lines: list[tuple[int, int]]) -> list[str]:
    if len(part_lines) >= 2 or (part_lines and not PART_MARKER.match(work[start:part_lines[0][0] + 1] or "")):
        out = [squash(PART_MARKER.sub("", work[s:e], count=1)) for s, e in part_lines]
        return [p for p in out if p]
    body = work[start:end]
    markers = list(_INLINE_MARKER.finditer(body))
    if len(markers) < 2:
        return []
    out = []
    for index, marker in enumerate(markers):
        stop = markers[index + 1].start() if index + 1 < len(markers) else len(body)
        piece = squash(body[marker.end():stop]).rstrip(";").strip()
        piece = re.sub(r"[;,]?\s*(?:and|or)$", "", piece).strip()
        if piece:
            out.append(piece)
    return out


def _mover(work: str, window_start: int, keyword: int, after_end: int) -> tuple[str | None, str | None]:
    before = work[max(window_start, keyword - 900):keyword]
    moved = list(_MOVED.finditer(before)) or list(_NAME_MOVED.finditer(before))
    seconded = list(_SECONDED.finditer(before)) or list(_NAME_SECONDED.finditer(before))
    after = work[after_end:after_end + 300]
    if not moved:
        moved = list(_MOVED.finditer(after))[:1]
        seconded = seconded or list(_SECONDED.finditer(after))[:1]
    mover = squash(moved[-1].group("name")) if moved else None
    seconder = squash(seconded[-1].group("name")) if seconded else None
    return mover, seconder


def find_resolutions(text: str, work: str, item_key: str, block: Block,
                     splices: list[tuple[int, int]]) -> list[dict]:
    """Resolutions in one block, in order; spliced copies carry ``_spliced`` so a clean copy wins."""
    records: list[dict] = []
    keywords = _keyword_ends(work, block.start, block.end)
    for splice_start, _ in splices:
        if block.start <= splice_start < block.end:
            match = _UPPER.match(text, splice_start)
            if match:
                keywords.append((splice_start, match.end()))
    keywords.sort()
    if not keywords and block.kind == "decision":
        first = re.search(r"^[^\S\n]*(?:\((?:a|i|1)\)[^\S\n]*)?That\b", work[block.start:block.end], re.MULTILINE)
        if first:
            keywords.append((block.start + first.start(), block.start + first.start()))
    previous_end = block.start
    for index, (keyword, text_start) in enumerate(keywords):
        spliced = next(((s, e) for s, e in splices if s <= keyword < e), None)
        limit = keywords[index + 1][0] if index + 1 < len(keywords) else block.end
        if spliced:
            limit = min(limit, spliced[1])
        source = text if spliced else work
        start, end, part_lines = _extent(text, source, text_start, limit)
        body = squash(source[start:end])
        if len(body) < 4:
            continue
        mover, seconder = _mover(work, previous_end, keyword, end)
        record = {
            "item": item_key, "text": body, "parts": _part_texts(source, start, end, part_lines),
            "moved_by": mover, "seconded_by": seconder, "routine": bool(_ROUTINE.search(body)),
            "span": [keyword, end],
            "_block": block.kind, "_spliced": bool(spliced),
        }
        if spliced:
            record["doubt"] = "text-extraction splice"
        records.append(record)
        previous_end = end
    return records
