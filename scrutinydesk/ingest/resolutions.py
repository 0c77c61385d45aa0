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

_VOTE = r"(?i:\((?:unanimously|nem\.?\s*con\.?|by\s+\d+\s+votes?\s+to\s+\d+[^)]*|with\s+\d+\s+abstentions?)\))"
_UPPER = re.compile(r"\b(?P<kw>RESOLVED|AGREED|RECOMMENDED|DECIDED|DECISIONS?(?=[^\S\n]*[:–—-][^\S\n]*\S))\b(?:\s+(?:UNANIMOUSLY|unanimously))?")
# "Resolved:", "b) Resolved: That …", "Resolved (unanimously):" at the start of a line
_TITLE = re.compile(
    r"(?:^|(?<=\n)|(?<=\bIt was )|(?<=\bit was ))[^\S\n]*(?:(?:[•·\-–*]|\(?[a-z]{1,2}\)|\(?\d{1,2}\)|[a-z]\.)[^\S\n]*)?"
    rf"(?P<kw>Resolved|Agreed|Decided|Recommended|Decisions?(?=[^\S\n]*[:–—-][^\S\n]*\S))"
    rf"(?=[^\S\n]*(?:{_VOTE}[^\S\n]*)?(?:[:–—-]|that\b|That\b|to\s|\n|\((?:a|i|1)\)))")
# "The Panel agreed to note …", "the Sub-Board decided that …": a decision of the meeting in a sentence
_BODY_DECIDED = re.compile(
    r"\b[Tt]he\s+(?:[A-Z][\w'’-]*\s+){0,4}?(?:Committee|Sub-Committee|Panel|Sub-Panel|Board|Sub-Board|Council|Cabinet|"
    r"Executive|Group|Forum|Commission)\s+(?:(?:therefore|also|then|unanimously)\s+)?(?P<kw>agreed|decided|resolved)"
    r"(?=\s+to\s+[a-z]|\s+that\b|\s*:)")
# "The Board:" on its own line, its decisions listed under it as "(a) approved …", "(b) delegated …"
_BODY_LIST = re.compile(
    r"^[^\S\n]*[Tt]he\s+(?:[A-Z][\w'’-]*\s+){0,4}?(?:Committee|Sub-Committee|Panel|Sub-Panel|Board|Sub-Board|Council|Cabinet|"
    r"Executive|Group|Forum|Commission)[^\S\n]*:[^\S\n]*\n(?=(?:[^\S\n]*\n)*[^\S\n]*\(?(?:a|i|1)[.)])", re.MULTILINE)
_FOLLOWS = re.compile(r"[^\S\n]*(?:[:–—-][^\S\n]*)?(?:\n\s*)?(?=[Tt]hat\b|\(|\d|[A-Z]|[•·]|to\s*:|to\s+(?:Cabinet|Council|the\b|[A-Z]|[a-z]+\b)|$)")
_VOTE_NOTE = re.compile(_VOTE + r"\s*")
# a proposer, a seconder or the vote after the decision is not part of its text
_AFTER_DECISION = re.compile(r"(?<=[.;:])\s+(?=\(?(?:Proposed|PROPOSED|Moved|MOVED|Seconded|SECONDED|Carried|CARRIED|All in favour|"
                             r"Unanimous|The (?:motion|recommendation|amendment) was)\b)")
_PROMISE = re.compile(r"\b(?:would|will)\b(?!\s+be\b)")
_LEAD = re.compile(r"[\s:–—-]+")
PART_MARKER = re.compile(r"^[^\S\n]*(?:\((?P<a>[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)|(?P<b>[a-z]|[ivx]{1,5}|\d{1,2})[.)]|(?P<bullet>[•·▪●◦*–-]))[^\S\n]+")
_INLINE_MARKER = re.compile(r"(?:^|(?<=[\s:;,]))\((?:[a-z]|[ivx]{1,5}|\d{1,2})\)[^\S\n]+")
_SENTENCE_DONE = re.compile(r"[.!?][’”\"')]*$")
_DECISION_LINE = re.compile(r"(?:That|To|that|to)\s+[a-z]")
_CONTINUES = re.compile(r"(?:[:;,]|\band|\bor|\bthat)\s*$", re.IGNORECASE)
_STOP_LINE = re.compile(r"^[^\S\n]*(?:It was (?:MOVED|moved|PROPOSED|proposed)|\(?(?:Councillor|Cllr)\b.*\b(?:declared|left|joined)|Supporting documents|Minutes\s*:|Decision\s*:|Voting|For:|Against:|Abstentions?:|The meeting (?:ended|closed)|Reasons? for (?:the )?decision)", re.IGNORECASE)
_NAME = r"(?:(?:(?:County|District|City|Borough)\s+)?(?:Councillor|Cllr\.?)\s+(?:(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+)?(?:[A-Z]\.?\s+){0,2}[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*(?:\s+[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*){0,2}|the (?:Vice[- ])?Chair(?:man)?|the Leader|the Mayor)"
_MOVED = re.compile(rf"\b(?:MOVED|moved|Moved|PROPOSED|proposed|Proposed)\s+(?:by\s+)?(?P<name>{_NAME})")
_SECONDED = re.compile(rf"\b(?:SECONDED|seconded|Seconded)\s+(?:by\s+)?(?P<name>{_NAME})")
_AFTER_LEAD = re.compile(r"[\s.;,()]*(?:(?:it|this|which)\s+was\s+)?", re.IGNORECASE)
# "Councillor Hart MOVED and Councillor Bullivant SECONDED that …"
_NAME_MOVED = re.compile(rf"(?P<name>{_NAME})\s+(?:MOVED|moved|PROPOSED|proposed)\b")
_NAME_SECONDED = re.compile(rf"(?P<name>{_NAME})\s+(?:SECONDED|seconded)\b")
_ROUTINE = re.compile(
    r"\b(?:correct|true|accurate|full and accurate)\s+record\b|\bsigned\s+(?:by\s+the\s+Chair|as\s+a)\b|"
    r"\bminutes\b.{0,80}\b(?:be\s+)?(?:approved|confirmed|agreed|signed)\b|\bapologies\b|\bdeclarations? of interest",
    re.IGNORECASE | re.DOTALL)
_MAX_LINES = 60


def _keyword_ends(work: str, start: int, end: int) -> tuple[list[tuple[int, int]], set[int]]:
    """(keyword start, decision text start) for each decision keyword in the block, and the starts
    of those said inside a sentence ("The Panel agreed to …"), whose decision ends with the sentence."""
    found: list[tuple[int, int]] = []
    for pattern in (_UPPER, _TITLE):
        for match in pattern.finditer(work, start, end):
            follows = _FOLLOWS.match(work, match.end(), end)
            if follows is None:
                continue
            found.append((match.start("kw"), match.end()))
    if work.find(":", start, end) != -1:
        found.extend((match.start(), match.start()) for match in _BODY_LIST.finditer(work, start, end))
    embedded: set[int] = set()
    if any(work.find(word, start, end) != -1 for word in ("agreed", "decided", "resolved")):
        for match in _BODY_DECIDED.finditer(work, start, end):
            rest = work[match.end():_sentence_end(work, match.end(), end)]
            if re.match(r"\s+that\b", rest) and _PROMISE.search(rest):
                continue  # "the Committee agreed that officers would write …" is a promise, not a decision
            found.append((match.start(), match.end()))
            embedded.add(match.start())
    found.sort()
    unique: list[tuple[int, int]] = []
    for item in found:
        if not unique or item[0] >= unique[-1][1]:
            unique.append(item)
    return unique, embedded


_FULL_STOP = re.compile(r"[.!?](?=\s+[A-Z(])")
_NOT_AN_END = re.compile(r"\b(?:Cllr|Mr|Mrs|Ms|Dr|No|St|e\.g|i\.e|etc|[A-Z])$")


def _sentence_end(work: str, start: int, limit: int) -> int:
    """Where the sentence running from ``start`` ends (after its full stop), at most ``limit``."""
    for match in _FULL_STOP.finditer(work, start, limit):
        if not _NOT_AN_END.search(work, max(start, match.start() - 6), match.start()):
            return match.end()
    return limit


def _extent(text: str, work: str, text_start: int, limit: int, embedded: bool = False) -> tuple[int, int, list[tuple[int, int]]]:
    """Span of the decision text after its keyword and the line spans of its parts."""
    lead = _LEAD.match(work, text_start, limit)
    position = lead.end() if lead else text_start
    vote = _VOTE_NOTE.match(work, position, limit)
    if vote:
        lead = _LEAD.match(work, vote.end(), limit)
        position = lead.end() if lead else vote.end()
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
    if embedded and not work[start:end].rstrip().endswith(":"):
        end = min(end, _sentence_end(work, start, end))
    after = _AFTER_DECISION.search(work, start, end)
    if after:
        end = after.start()
    start, end = trim_span(text, start, end)
    parts = [(s, min(e, end)) for s, e in parts if s < end]
    return start, end, parts


def _part_texts(work: str, start: int, end: int, part_lines: list[tuple[int, int]]) -> list[str]:
    """Parts on their own lines, else lettered or numbered in one run ("(1) that …; (2) that …")."""
    body = work[start:end]
    markers = list(_INLINE_MARKER.finditer(body)) if len(part_lines) < 2 else []
    if len(part_lines) >= 2 or (part_lines and len(markers) < 2 and not PART_MARKER.match(work[start:part_lines[0][0] + 1] or "")):
        out = [squash(PART_MARKER.sub("", work[s:e], count=1)) for s, e in part_lines]
        return [p for p in out if p]
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


def _mover(work: str, window_start: int, keyword: int, after_end: int, after_limit: int) -> tuple[str | None, str | None, int]:
    """Mover and seconder named before the decision ("It was MOVED by …, SECONDED by … and") or
    straight after it ("Proposed Cllr Leach, seconded Cllr Reddaway."), and where that after-note ends."""
    before = work[max(window_start, keyword - 900):keyword]
    moved = list(_MOVED.finditer(before)) or list(_NAME_MOVED.finditer(before))
    seconded = list(_SECONDED.finditer(before)) or list(_NAME_SECONDED.finditer(before))
    claimed = after_end
    if not moved:
        after = work[after_end:min(after_end + 300, after_limit)]
        lead = _AFTER_LEAD.match(after)
        first = _MOVED.match(after, lead.end()) if lead else None
        if first:
            moved = [first]
            note_end = _sentence_end(after, first.end(), len(after))
            seconded = seconded or list(_SECONDED.finditer(after, first.end(), note_end))[:1]
            claimed = after_end + note_end
    mover = squash(moved[-1].group("name")) if moved else None
    seconder = squash(seconded[-1].group("name")) if seconded else None
    return mover, seconder, claimed


def find_resolutions(text: str, work: str, item_key: str, block: Block,
                     splices: list[tuple[int, int]]) -> list[dict]:
    """Resolutions in one block, in order; spliced copies carry ``_spliced`` so a clean copy wins."""
    records: list[dict] = []
    keywords, embedded = _keyword_ends(work, block.start, block.end)
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
        start, end, part_lines = _extent(text, source, text_start, limit, keyword in embedded)
        body = squash(source[start:end])
        if len(body) < 4:
            continue
        mover, seconder, claimed = _mover(work, previous_end, keyword, end, limit)
        record = {
            "item": item_key, "text": body, "parts": _part_texts(source, start, end, part_lines),
            "moved_by": mover, "seconded_by": seconder, "routine": bool(_ROUTINE.search(body)),
            "span": [keyword, end],
            "_block": block.kind, "_spliced": bool(spliced),
        }
        if spliced:
            record["doubt"] = "text-extraction splice"
        records.append(record)
        previous_end = claimed
    return records
