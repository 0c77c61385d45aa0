"""Where things are in the minutes: the meeting header, the items, and inside each item the blocks
that carry content (a ModernGov ``Decision:`` and ``Minutes:`` block, an ``Actions:`` list).

Also finds the text that must not be read as content: "Supporting documents" link lists, "… view
the full minutes text for item 7" truncation markers, "PDF 478 KB" file-size labels, and sentences
that a faulty text export spliced into the middle of a word ("performanRESOLVED that … .ce").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from scrutinydesk.ingest.layout import Line, iter_lines, squash
from scrutinydesk.ingest.source import ItemHint
from scrutinydesk.ingest.when import MONTH_WORD, parse_date_text

REPORT_REF = re.compile(r"\b[A-Z]{1,6}/\d{2}/\d{1,4}(?:/\d{1,4})?\b")
_FILE_SIZE = re.compile(r"(?:\bpdf icon\s+)?\b(?:PDF|DOC|DOCX|XLSX?|PPTX?)\s+\d+(?:\.\d+)?\s*[KMG]B\b", re.IGNORECASE)
_TRUNCATION = re.compile(r"(?:\.\.\.|…)?[^\S\n]*view the full (?:minutes|decision) text for item[^\S\n]*[\w.()/-]*", re.IGNORECASE)
_BLOCK_HEADING = re.compile(
    r"^[^\S\n]*(?P<label>Decision|Decisions|Minutes?|Resolution|Record of decision|Supporting documents|"
    r"Additional documents|Attachments|Background papers|Documents)[^\S\n]*:?[^\S\n]*$",
    re.IGNORECASE)
_NON_CONTENT_LABELS = ("supporting documents", "additional documents", "attachments", "background papers", "documents")
_TAIL = re.compile(r"^[^\S\n]*(?:Local Government Act 1972:?\s*)?List of Background Papers\b.*$", re.IGNORECASE | re.MULTILINE)

_NUMBER = r"(?:\d{1,3}(?:\.\d{1,2})?[a-z]?|\d{1,4}/\d{1,4}|[A-Z]{1,6}[ ]?\d{1,4}(?:/\d{1,4})?)"
_HEADING = re.compile(
    rf"^[^\S\n]*(?:(?:Minute|Item|Agenda item)[^\S\n]+(?:No\.?[^\S\n]*)?)?(?P<number>{_NUMBER})(?:[.):]|[^\S\n]*[-–—])?[^\S\n]+(?P<title>\S.*?)[^\S\n]*$",
    re.IGNORECASE)
_NUMBER_ALONE = re.compile(rf"^[^\S\n]*(?:(?:Minute|Item)[^\S\n]+)?(?P<number>{_NUMBER})[.):]?[^\S\n]*$", re.IGNORECASE)
_TITLE_NOISE = re.compile(r"\s*(?:\(Pages?\s+\d+\s*[-–]\s*\d+\)|" + _FILE_SIZE.pattern + r")\s*$", re.IGNORECASE)
_NOT_TITLE_START = re.compile(rf"^(?:[Tt]hat|[Tt]o|[Aa]nd|[Oo]r|{MONTH_WORD}\b|[a-z%(])")
_ITEM_IN_MEETING_LINE = re.compile(r"\(Item\s+(?P<number>[\w./]+)\)", re.IGNORECASE)

_COMMITTEE_WORDS = r"(?:Committee|Sub-Committee|Cabinet|Council|Board|Panel|Group|Forum|Executive|Commission|Partnership)"
_DATE_LIKE = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+\w+,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
_COMMITTEE_PATTERNS = (
    re.compile(rf"Meeting:\s*{_DATE_LIKE}\s*[-–]\s*(?P<c>[^()\n]+?)\s*(?:\(Item|$)", re.IGNORECASE | re.MULTILINE),
    re.compile(r"Minutes of (?:a |the )?(?:virtual |remote |special |extraordinary |annual |hybrid )?meeting of (?:the )?(?P<c>[^\n]+?)\s+held\b", re.IGNORECASE),
    re.compile(rf"Minutes of (?:the )?(?P<c>[^\n]+?{_COMMITTEE_WORDS})\s+(?:held|meeting)\b", re.IGNORECASE),
    # "Minutes of the Children and Young People's Scrutiny Sub-Board" on a line of its own
    re.compile(rf"^[^\S\n]*Minutes of (?:the )?(?P<c>[^\n]{{2,90}}?{_COMMITTEE_WORDS})[^\S\n]*$", re.IGNORECASE | re.MULTILINE),
    re.compile(rf"Report of the (?P<c>[^\n]+?{_COMMITTEE_WORDS}[^\n]*?)\s+(?:of|held on|meeting of|on)\s+{_DATE_LIKE}", re.IGNORECASE),
    re.compile(rf"^(?P<c>[A-Z][^\n]{{2,80}}?)\s+[-–]\s+{_DATE_LIKE}", re.MULTILINE),
    re.compile(rf"^(?:Meeting of (?:the )?)?(?P<c>[A-Z][^\n,]{{0,80}}?{_COMMITTEE_WORDS}[^\n,]{{0,30}}?),\s+{_DATE_LIKE}", re.MULTILINE),
    re.compile(r"^(?:Committee|Meeting of|Name of committee)\s*:\s*(?P<c>[^\n]{3,90})$", re.IGNORECASE | re.MULTILINE),
    re.compile(rf"^[^\S\n]*(?P<c>(?:[A-Z][\w'’&,-]*[^\S\n]+(?:(?:and|of|for|the|&)[^\S\n]+)?){{0,8}}(?i:{_COMMITTEE_WORDS}))[^\S\n]*$", re.MULTILINE),
)
_AUTHORITY_NAME = re.compile(r"(?:County|City|Borough|District|Metropolitan|Town|Parish|Unitary)\s+Council$|^[A-Z][\w'’-]+\s+Council$", re.IGNORECASE)
_DATE_CONTEXT = re.compile(rf"held|meeting|date|minutes|report of|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[-–]\s*$|{_COMMITTEE_WORDS}", re.IGNORECASE)
_SPLICE_KEYWORD = re.compile(r"(?<=[a-z])(?:RESOLVED|AGREED|RECOMMENDED)\b")
_SPLICE_GLUE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]+ [a-z])")
_SPLICE_END = re.compile(r"[.!?](?=[a-z]{1,12}\b)")


@dataclass
class Block:
    """A stretch of one item's text that carries content; ``kind`` is its heading ("minutes",
    "decision", "actions") or "body" where the item has no such headings."""

    kind: str
    start: int
    end: int


@dataclass
class Item:
    key: str
    number: str | None
    title: str | None
    report_ref: str | None
    start: int
    end: int
    body_start: int
    blocks: list[Block] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"key": self.key, "number": self.number, "title": self.title, "report_ref": self.report_ref,
                "span": [self.start, self.end]}


@dataclass
class Layout:
    """Everything segmentation learned; ``masked`` lists spans that are not content, ``splices``
    spans a text export dropped into the middle of a word."""

    committee: str | None
    date: str | None
    items: list[Item]
    masked: list[tuple[int, int]]
    splices: list[tuple[int, int]]
    notes: list[str]


def _clean_title(raw: str) -> str:
    title = _TITLE_NOISE.sub("", raw).strip(" \t-–—:")
    return squash(title)


def _title_like(title: str) -> bool:
    words = title.split()
    if not 1 <= len(words) <= 16 or len(title) > 150:
        return False
    if _NOT_TITLE_START.match(title) or title.endswith((".", ";", ",")) and not title.endswith("etc."):
        return False
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 3


def _major(number: str) -> int | None:
    digits = re.findall(r"\d+", number)
    if not digits:
        return None
    return int(digits[-1]) if "/" in number else int(digits[0])


def _heading_at(lines: list[Line], index: int) -> tuple[str, str, int] | None:
    """(number, title, end offset) when line ``index`` opens a numbered item."""
    line = lines[index]
    match = _HEADING.match(line.text)
    if match:
        title = _clean_title(match.group("title"))
        number = match.group("number").rstrip(".")
        if _title_like(title) and not re.fullmatch(r"\d{1,2}[.:]\d{2}", number):
            return number, title, line.end
    alone = _NUMBER_ALONE.match(line.text)
    if alone and re.search(r"\d", alone.group("number")):
        for following in lines[index + 1:index + 3]:
            if not following.stripped:
                continue
            title = _clean_title(following.text)
            if _title_like(title) and not _HEADING.match(following.text):
                return alone.group("number").rstrip("."), title, following.end
            break
    return None


def _find_headings(text: str, end: int) -> list[tuple[int, str, str, int]]:
    lines = list(iter_lines(text, 0, end))
    found: list[tuple[int, str, str, int]] = []
    last_major: int | None = None
    last_number = ""
    for index, line in enumerate(lines):
        if not line.stripped or len(line.text) > 220:
            continue
        previous_blank = index == 0 or not lines[index - 1].stripped or bool(_BLOCK_HEADING.match(lines[index - 1].text))
        heading = _heading_at(lines, index)
        if heading is None:
            continue
        number, title, _ = heading
        major = _major(number)
        if major is None:
            continue
        sub_of_last = "." in number and number.split(".")[0] == last_number.split(".")[0]
        if last_major is not None and major < last_major and not sub_of_last:
            continue
        if last_major is not None and major > last_major + 40:
            continue
        in_sequence = last_major is not None and major in (last_major, last_major + 1, last_major + 2)
        if not previous_blank and found and not sub_of_last and not in_sequence:
            # an item heading stands on its own: after a blank line, or next in the numbering
            continue
        found.append((line.content_start, number, title, heading[2]))
        last_major, last_number = major, number
    # A parent heading immediately followed by its first sub-heading ("4 Summary" / "4.1 …") is kept:
    # items tile the text, and the parent's own words (if any) belong to it.
    return found


def _committee(header: str) -> str | None:
    for pattern in _COMMITTEE_PATTERNS:
        for match in pattern.finditer(header):
            name = squash(match.group("c")).strip(" ,.-–:")
            name = re.sub(r"^(?:(?:a|the)\s+)?(?:meeting\s+of\s+(?:(?:a|the)\s+)?)?", "", name, flags=re.IGNORECASE)
            name = re.sub(r"\s+(?:at|in|on|via)\s+.*$", "", name) if " held" not in name else name
            if not name or len(name) > 90 or re.search(r"\d{3,}|https?:", name):
                continue
            name = _title_case(name)
            if name.lower() in ("agenda item", "issue", "meetings", "agenda and minutes", "minutes", "meeting") \
                    or (_AUTHORITY_NAME.search(name) and name.lower() not in ("county council", "full council")):
                continue
            return name
    return None


_COUNCIL_MEETS = re.compile(r"\bmeeting of (?:the )?(?:(?:Parish|Town|Full|City|District|Borough|County)\s+)?Council\b", re.IGNORECASE)
_LOCAL_COUNCIL = re.compile(r"^[^\S\n]*(?P<c>[A-Z][\w'’ -]{1,60}?\s+(?:Parish|Town|Community|Village)\s+Council)[^\S\n]*$",
                            re.IGNORECASE | re.MULTILINE)


def _council_itself(header: str) -> str | None:
    """A parish or town council meets as itself: "HOLCOMBE REGIS PARISH COUNCIL … meeting of the
    Parish Council" is a meeting of Holcombe Regis Parish Council."""
    found = _LOCAL_COUNCIL.search(header)
    if not found or not _COUNCIL_MEETS.search(header):
        return None
    return _title_case(squash(found.group("c")))


def _title_case(name: str) -> str:
    if not name.isupper():
        return name
    name = " ".join(w.capitalize() if w.lower() not in ("and", "of", "the", "for") else w.lower() for w in name.split())
    return re.sub(r"’S\b|'S\b", lambda m: m.group().lower(), name)


def _header_date(header: str) -> str | None:
    for line in header.split("\n"):
        if _DATE_CONTEXT.search(line) or len(line.strip()) < 60:
            found = parse_date_text(line)
            if found:
                return found
    return None


def _splices(text: str) -> list[tuple[int, int]]:
    """Sentences glued into a word by a faulty export: the glue point, and the end where a period
    runs straight into the rest of the broken word (".ce dashboard")."""
    out: list[tuple[int, int]] = []
    candidates = [m.start() for m in _SPLICE_KEYWORD.finditer(text)]
    for match in _SPLICE_GLUE.finditer(text):
        start = match.start()
        probe = squash(text[start:start + 60])
        if len(probe) > 30 and text.count(probe[:30]) > 1:
            candidates.append(start)
    for start in sorted(set(candidates)):
        if out and start < out[-1][1]:
            continue
        end_match = _SPLICE_END.search(text, start, min(len(text), start + 4000))
        if end_match:
            out.append((start, end_match.end()))
    return out


def _blocks(text: str, item: Item, masked: list[tuple[int, int]]) -> list[Block]:
    blocks: list[Block] = []
    kind, start = "body", item.body_start
    for line in iter_lines(text, item.body_start, item.end):
        match = _BLOCK_HEADING.match(line.text)
        if not match:
            continue
        label = match.group("label").lower()
        if start < line.start and kind != "skip":
            blocks.append(Block(kind, start, line.start))
        elif kind == "skip":
            masked.append((start, line.start))
        if label.startswith(_NON_CONTENT_LABELS):
            kind = "skip"
        elif label.startswith("decision") or label.startswith("record") or label.startswith("resolution"):
            kind = "decision"
        else:
            kind = "minutes"
        start = line.end
    if kind == "skip":
        masked.append((start, item.end))
    elif start < item.end:
        blocks.append(Block(kind, start, item.end))
    return [b for b in blocks if text[b.start:b.end].strip()]


def segment(text: str, hints: list[ItemHint], committee: str | None, date: str | None) -> Layout:
    """Find the meeting, items and content blocks of ``text``."""
    notes: list[str] = []
    masked: list[tuple[int, int]] = [m.span() for m in _FILE_SIZE.finditer(text)]
    for match in _TRUNCATION.finditer(text):
        masked.append(match.span())
        notes.append(f"The minutes text is cut short on the page ('{squash(match.group())}'); the rest was not read.")
    if hints:
        headings = [(h.start, h.number, h.title, text.find("\n", h.start) if "\n" in text[h.start:] else len(text))
                    for h in hints]
    else:
        headings = _find_headings(text, len(text))
    first_start = headings[0][0] if headings else len(text)
    header_end = min(first_start, 3000)
    block_heading = re.search(r"^[^\S\n]*(?:Decision|Minutes)[^\S\n]*:[^\S\n]*$", text[:header_end], re.MULTILINE)
    if block_heading:
        header_end = block_heading.start()
    header = text[:header_end]
    committee = committee or _committee(header) or _council_itself(header)
    date = date or _header_date(header)

    items: list[Item] = []
    if headings:
        for index, (start, number, title, heading_end) in enumerate(headings):
            item_start = 0 if index == 0 else start
            end = headings[index + 1][0] if index + 1 < len(headings) else len(text)
            items.append(Item(f"i{index + 1}", number, title, None, item_start, end, max(heading_end, start)))
    else:
        number_match = _ITEM_IN_MEETING_LINE.search(header)
        items.append(Item("i1", number_match.group("number") if number_match else None, None, None, 0, len(text), 0))
    for match in _TAIL.finditer(text):
        owner = next((item for item in items if item.start <= match.start() < item.end), None)
        masked.append((match.start(), owner.end if owner else len(text)))
    for item in items:
        probe_end = min(item.end, item.body_start + 1200)
        ref = REPORT_REF.search(text, max(item.start, item.body_start - 300), probe_end)
        item.report_ref = ref.group() if ref else None
        item.blocks = _blocks(text, item, masked)
    return Layout(committee, date, items, sorted(masked), _splices(text), notes)
