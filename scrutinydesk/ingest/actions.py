"""Commitments someone must act on after the meeting.

Explicit: ``ACTION: The Head of Service to provide …`` lines, ``Actions:`` lists and action tables
(Action / Owner / Due). Implicit: promises in the discussion ("Officers agreed to send …", "officers
would revert post-meeting", "the Director undertook to circulate …", "Members asked officers to
provide …"). The owner is kept as written; the text starts at the verb; a due date is read where
the text gives one.
"""
from __future__ import annotations

import re

from scrutinydesk.ingest.layout import Spans, iter_lines, sentence_spans, squash, trim_span
from scrutinydesk.ingest.resolutions import PART_MARKER
from scrutinydesk.ingest.segment import Block
from scrutinydesk.ingest.when import (
    DAY_MONTH,
    DAY_MONTH_YEAR,
    MONTH_WORD,
    NUMERIC_DATE,
    date_on_or_after,
    match_to_date,
    month_number,
)

_ACTION_LINE = re.compile(
    r"^[^\S\n]*(?:[•·▪●◦*–-][^\S\n]*)?(?:ACTIONS?|Actions?|Action points?|Agreed actions?|Actions? (?:arising|agreed))"
    r"[^\S\n]*(?:[:–—-]|\bfor\b)[^\S\n]*(?P<rest>.*)$")
_LIST_MARKER = re.compile(r"[^\S\n]*(?:[•·▪●◦*–-]|\(?[a-z0-9]{1,3}[.)]|\([ivx]{1,4}\))[^\S\n]+")
_ACTION_AT_END = re.compile(r"[\s(–—-]+(?:ACTION|Action)(?:\s+by)?\s*[:–—-]\s*(?P<owner>[A-Z][\w .&'’/-]{0,40}?)\)?\.?\s*$")
_TABLE_HEADER = re.compile(r"\baction\b.*\t.*\b(?:owner|responsible|lead|by whom|officer)\b", re.IGNORECASE)
# a plan's table rated by RAG with no due date is a progress report, not the meeting's action log
_RATED_TABLE = re.compile(r"\t[^\S\n]*(?:RAG|RAG status|RAG rating|Rating)[^\S\n]*(?:\t|$)", re.IGNORECASE)
_DUE_COLUMN = re.compile(r"\b(?:due|deadline|date|by when|timescale)\b", re.IGNORECASE)
_ROLE = re.compile(
    r"\b(?:officers?|director|head|manager|lead|chair(?:man|person)?|vice[- ]chair|clerk|cabinet member|"
    r"portfolio holder|chief executive|leader|secretary|co-?ordinator|advis[eo]r|commissioner|democratic services|"
    r"team|service|councillor|cllr|committee|lead member|analyst|partner(?:ship)?s?|board|nhs|police|"
    r"executive member|mayor|auditor|treasurer|solicitor|scrutiny)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:he|she|they|we)$", re.IGNORECASE)
_OWNER_WORD = r"(?:[A-Z][\w'’&.-]*|of|and|for|the|&|officers?|members?|colleagues|staff)"
_OWNER = rf"(?P<owner>(?:[Tt]he\s+|[Aa]ll\s+)?(?:{_OWNER_WORD}\s+){{0,7}}?{_OWNER_WORD}|[Hh]e|[Ss]he|[Tt]hey)"
# the whole noun phrase, for a sentence's subject ("The Head of SEND said … and undertook to …")
_SUBJECT = rf"(?P<owner>(?:[Tt]he\s+|[Aa]ll\s+)?(?:{_OWNER_WORD}\s+){{0,7}}{_OWNER_WORD})"
_SPEAKER = re.compile(rf"^{_SUBJECT}\s+(?:said|explained|confirmed|reported|advised|stated|noted|added|agreed|offered|replied|responded)\b")
_DECISION_VERBS = {"note", "support", "accept", "approve", "endorse", "recommend", "agree", "defer", "receive",
                   "welcome", "the", "a", "an", "this", "be", "have", "had", "continue", "allow"}
_FOLLOW_UP = ("provide", "circulate", "re-circulate", "recirculate", "send", "share", "forward", "revert", "report",
              "come back", "bring", "update", "look into", "investigate", "confirm", "check", "arrange", "follow up",
              "liaise", "clarify", "feed back", "feedback", "email", "e-mail", "contact", "explore", "review", "write",
              "supply", "include", "add", "chase", "present", "distribute", "set up", "organise", "organize",
              "find out", "advise", "inform", "respond", "reply", "prepare", "produce", "publish", "raise", "seek",
              "ensure", "consider", "develop", "evaluate", "schedule", "invite", "pass", "give", "obtain", "amend",
              "correct", "discuss", "speak", "meet", "visit", "draft", "issue", "submit", "work", "look at",
              "take", "identify", "establish", "request", "ask", "investigate", "highlight", "collate", "analyse",
              "analyze", "bring back", "return", "apply", "order", "book", "renew", "pay", "purchase", "instruct",
              "install", "replace", "repair", "notify", "remind", "chase up", "seek quotes", "post", "display")
_STRONG = ("revert", "circulate", "re-circulate", "recirculate", "report back", "come back", "feed back", "feedback",
           "follow up", "forward", "email", "e-mail", "distribute", "bring back", "write to")
_VERB = "(?:" + "|".join(re.escape(v) for v in sorted(_FOLLOW_UP, key=len, reverse=True)) + r")\b"
_CUE = re.compile(
    r"\b(?:Members?|Councillors?|the Committee|the Chair|post[- ]meeting|after the meeting|outside (?:of )?the meeting|"
    r"following the meeting|at a later date|in due course|(?:the )?next meeting|future meeting|briefing note|"
    r"written (?:response|answer)|offline|the Panel|the Board|agenda|work programme|forward plan|work plan)\b")
# "Cllr Hook - chase Highways …", "Clerk: apply to DCC …": an owner, a dash and an instruction, on its own line
_OWNER_DASH = re.compile(rf"^[^\S\n]*(?:[•·▪●◦*–-][^\S\n]*)?{_SUBJECT}[^\S\n]+[-–—:][^\S\n]+(?P<text>{_VERB}(?!\s+(?:of|from)\b).*)$")
# "The revised Strategy would be circulated to Members by 30 June.": a promise with nobody named
_PASSIVE = re.compile(
    r"^(?P<owner>)(?P<text>(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hese)\s+[^.;]{3,80}?\s+(?:would|will)\s+(?:also\s+|now\s+)?be\s+"
    r"(?:circulated|re-circulated|sent|shared|provided|forwarded|distributed|e-?mailed|made\s+available|added)\b.*)")
_PASSIVE_CUE = re.compile(
    rf"\bto\s+(?:all\s+)?(?:Members|members|Councillors|councillors|the\s+(?:Committee|Panel|Board|Sub-Board|Group))\b|"
    rf"\bby\s+(?:the\s+end\s+of\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{MONTH_WORD}\b|post[- ]meeting|after the meeting|"
    rf"following the meeting|in due course|next meeting|agenda|work programme")
# "invited to declare any interests", "invited to speak": the meeting's procedure, not a promise
_PROCEDURE = re.compile(r"^(?:declare|speak|address|comment|introduce|present|ask|attend|join|contribute|participate|vote|put|raise|"
                        r"make|give|respond|answer|sum up|summari[sz]e)\b", re.IGNORECASE)
_IMPLICIT = (
    # "Officers agreed to send …", "the Director undertook to circulate …"
    re.compile(rf"{_OWNER}\s+(?:also\s+)?(?:agreed|undertook|offered|promised|committed|volunteered|pledged)\s+to\s+(?P<text>\w.*)"),
    # "Officers would revert post-meeting", "the Head of Service will provide …"
    re.compile(rf"{_OWNER}\s+(?:would|will|shall|should|were to|was to|is to|are to)\s+(?:also\s+|now\s+)?(?P<text>{_VERB}.*)"),
    # "The Head of Service to provide …" at the start of a sentence
    re.compile(rf"^{_OWNER}\s+to\s+(?P<text>{_VERB}.*)"),
    # "It was agreed that the Principal Scrutiny Adviser would arrange a visit …"
    re.compile(rf"\b(?:[Ii]t\s+was|[Ww]as|[Ww]ere|[Hh]ad\s+been)\s+agreed\s+that\s+{_OWNER}\s+(?:would|will|should|shall)\s+(?P<text>\w.*)"),
    # "It was agreed that a letter would be sent to the Minister": nobody named
    re.compile(r"\b(?:[Ii]t\s+was|[Ww]as|[Ww]ere)\s+agreed\s+that\s+(?P<owner>)(?P<text>(?:a|an|the)\s+[^.;]{3,80}?\s+(?:would|should|will)\s+be\s+(?:sent|circulated|provided|shared|arranged|added|brought|invited|written|drafted|prepared|produced|scheduled|organised|organized|made)\b.*)"),
    # "The Director was asked to circulate …"
    re.compile(rf"{_OWNER}\s+(?:was|were|had been|has been|have been)\s+(?:asked|requested|tasked|invited)\s+to\s+(?P<text>\w.*)"),
    # "Members asked officers to provide …", "requested that officers provide …"
    re.compile(rf"(?:asked|requested|invited|tasked|instructed)\s+(?:that\s+)?{_OWNER}\s+(?:to\s+)?(?P<text>{_VERB}.*)"),
    # "Officers did not have the figure to hand and would provide …": the sentence's subject promises
    re.compile(rf"^{_SUBJECT}\s+(?!to\b)[a-z](?:[^.;]|\.(?=\d))*?\s+and\s+(?:also\s+)?(?P<how>would|will|agreed\s+to|undertook\s+to|offered\s+to|promised\s+to)\s+(?P<text>\w.*)"),
)
# words one of which each pattern above needs, checked first because a substring test is cheap
_IMPLICIT_WORDS = (
    ("agreed", "undertook", "offered", "promised", "committed", "volunteered", "pledged"),
    ("would", "will", "shall", "should", " to "),
    (" to ",),
    ("agreed that",),
    ("agreed that",),
    ("asked", "requested", "tasked", "invited"),
    ("asked", "requested", "invited", "tasked", "instructed"),
    (" and ",),
)
_REQUEST = re.compile(r"^(?:Members?|The Committee|Councillors?|The Chair)\s+(?:requested|asked for|sought|would like|wanted|asked that)\s+(?:that\s+)?(?:a\s+|an\s+|the\s+)?(?P<text>.+)", re.IGNORECASE)
_OWNER_SUFFIX = re.compile(r"\s*[(\[–—-]\s*(?:Owner|Lead|Responsible|Action by|By)?\s*:?\s*(?P<owner>[A-Z][^()\[\]\d]{1,60}?)[)\]]?\s*\.?\s*$")
_OWNER_FIELD = re.compile(r"\b(?:Owner|Lead officer|Lead|Responsible officer|Responsible|Action by)\s*:\s*(?P<owner>[^\n;,(]+)", re.IGNORECASE)
_DUE = re.compile(
    rf"\b(?:by|before|no later than|due|deadline|for|at|to) (?:the )?(?:end of |close of )?"
    rf"(?:(?:next |following )?(?:meeting|committee|Committee|Panel|Board|Cabinet)[^.;\n]{{0,60}}? (?:of|on|in) )?"
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?(?P<when>\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{MONTH_WORD}(?:,? \d{{4}})?|{MONTH_WORD},? \d{{4}}|{MONTH_WORD}\b|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})")


_MEETING_AFTER = re.compile(r"['’]?s?\s+(?:meeting|Committee|committee|Panel|Board|Sub-Board|Cabinet|Council|session|cycle)\b")


def _owner_ok(owner: str) -> bool:
    owner = owner.strip()
    if _PRONOUN.match(owner):
        return True
    if re.match(r"^(?:it|this|there|which|that|who|members|member|the members)$", owner, re.IGNORECASE):
        return False
    if _ROLE.search(owner):
        return True
    return bool(re.fullmatch(r"(?:[A-Z][a-z'’-]+\s+){1,2}[A-Z][a-z'’-]+", owner))  # a person's name


def _clean_owner(owner: str | None) -> str | None:
    if not owner:
        return None
    owner = squash(owner).strip(" ,.:;-–")
    owner = re.sub(r"^(?:and|that|then|also|but)\s+", "", owner, flags=re.IGNORECASE)
    owner = re.sub(r"^(?:the|The)\s+", "", owner)
    if _PRONOUN.match(owner):
        return None
    return owner[0].upper() + owner[1:] if owner else None


def _trim_owner(owner: str) -> str:
    """The owner phrase starts after the last clause word ("It was noted that the Director" -> "the Director")."""
    pieces = re.split(r"\b(?:that|and that|whereby|where|when|which|who|while|but|so|because)\s+", owner)
    return pieces[-1]


def resolve_due(text: str, meeting_date) -> tuple[str | None, bool]:  # noqa: ANN001 - date | None
    """ISO due date from "by 31 March 2023", "at the Committee of 15th March 2022", "by June";
    the flag says a year had to be assumed or was unknown."""
    match = _DUE.search(text)
    if not match:
        return None, False
    if _MEETING_AFTER.match(text, match.end()):
        return None, False  # "for the March 2024 meeting": the meeting's day is not known here
    when = match.group("when")
    for pattern in (DAY_MONTH_YEAR, NUMERIC_DATE):
        full = pattern.search(when)
        if full:
            found = match_to_date(full)
            return (found.isoformat() if found else None), False
    day_month = DAY_MONTH.search(when)
    if day_month:
        if meeting_date is None:
            return None, True
        month = month_number(day_month.group("month"))
        day = int(re.match(r"\d+", day_month.group("day")).group())
        found = date_on_or_after(month, day, meeting_date) if month else None
        return (found.isoformat() if found else None), False
    month_year = re.match(rf"(?P<month>{MONTH_WORD}),? (?P<year>\d{{4}})", when)
    month = month_number(month_year.group("month") if month_year else when.split()[0])
    if not month:
        return None, False
    import calendar
    from datetime import date

    if month_year:
        year = int(month_year.group("year"))
    elif meeting_date is not None:
        year = meeting_date.year if month >= meeting_date.month else meeting_date.year + 1
    else:
        return None, True
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat(), False


def _parse_entry(entry: str) -> tuple[str | None, str, int]:
    """(owner, text from the verb, offset of the text in ``entry``) for one explicit action."""
    field_match = _OWNER_FIELD.search(entry)
    request = _REQUEST.match(entry)
    if request:
        return "Officers", request.group("text"), request.start("text")
    to_match = re.match(rf"^{_OWNER}\s+(?:to|will|would|should|agreed to|undertook to)\s+(?P<text>\w.*)", entry) \
        or re.match(rf"^{_SUBJECT}\s*[–—:-]\s+(?P<text>[a-z]\w*.*)", entry)
    if to_match and (_owner_ok(to_match.group("owner")) or to_match.group("owner")[:1].isupper()) \
            and to_match.group("text").split()[0].lower() not in _DECISION_VERBS:
        return to_match.group("owner"), to_match.group("text"), to_match.start("text")
    if field_match:
        return field_match.group("owner"), entry[:field_match.start()].rstrip(" ,;(–-"), 0
    suffix = _OWNER_SUFFIX.search(entry)
    if suffix and _owner_ok(suffix.group("owner")) and suffix.start() > 10:
        return suffix.group("owner"), entry[:suffix.start()], 0
    text = re.sub(r"^(?:to|To)\s+", "", entry)
    return None, text, len(entry) - len(text)


def _record(item_key: str, owner: str | None, text: str, span: tuple[int, int], explicit: bool,
            block: Block, meeting_date) -> dict | None:  # noqa: ANN001
    text = squash(text)
    if len(text.split()) < 2:
        return None
    due, assumed = resolve_due(text, meeting_date)
    record = {"item": item_key, "owner": _clean_owner(owner), "text": text, "due": due, "explicit": explicit,
              "span": list(span), "_block": block.kind}
    if record["owner"] is None:
        record["doubt"] = "owner not found"
    elif assumed:
        record["doubt"] = "due date year not known"
    return record


def _explicit(text: str, work: str, item_key: str, block: Block, meeting_date) -> tuple[list[dict], list[tuple[int, int]]]:  # noqa: ANN001
    records: list[dict] = []
    used: list[tuple[int, int]] = []
    lines = list(iter_lines(work, block.start, block.end))
    index = 0
    table_columns: list[str] | None = None
    while index < len(lines):
        line = lines[index]
        if table_columns is not None:
            cells = [c.strip() for c in line.text.split("\t")]
            if len(cells) >= 2 and cells[0]:
                record = _table_row(text, line.start, line.end, cells, table_columns, item_key, block, meeting_date)
                if record:
                    records.append(record)
                    used.append((line.start, line.end))
                index += 1
                continue
            table_columns = None
        if _TABLE_HEADER.search(line.text) and not (_RATED_TABLE.search(line.text) and not _DUE_COLUMN.search(line.text)):
            table_columns = [c.strip().lower() for c in line.text.split("\t")]
            index += 1
            continue
        match = _ACTION_LINE.match(line.text)
        trailing = None if match else _ACTION_AT_END.search(line.text)
        if trailing and len(line.text[:trailing.start()].split()) >= 3:
            # "… The Clerk would circulate the draft budget. ACTION: Clerk": the sentence before the marker
            start, end = _promise_before(work, line.content_start, line.start + trailing.start())
            record = _record(item_key, trailing.group("owner"), work[start:end], (start, line.end), True, block, meeting_date)
            if record:
                records.append(record)
                used.append((line.start, line.end))
            index += 1
            continue
        dash = None if match else _OWNER_DASH.match(line.text)
        if dash and _owner_ok(dash.group("owner")) and not _PRONOUN.match(dash.group("owner")):
            start, end = trim_span(text, line.start + dash.start("text"), line.end)
            record = _record(item_key, dash.group("owner"), work[start:end], (line.content_start, end), True, block, meeting_date)
            if record:
                records.append(record)
                used.append((line.start, line.end))
            index += 1
            continue
        if not match:
            index += 1
            continue
        rest = match.group("rest").strip()
        owner_only = _owner_only(rest)
        if owner_only and index > 0:
            # "ACTION: Clerk" on its own line names who does what the line before promised
            before = next((earlier for earlier in reversed(lines[:index]) if earlier.stripped), None)
            if before is not None:
                start, end = _promise_before(work, before.content_start, before.end)
                record = _record(item_key, owner_only, work[start:end], (start, line.end), True, block, meeting_date)
                if record:
                    records.append(record)
                    used.append((before.start, line.end))
            index += 1
            continue
        if rest:
            start = line.start + match.start("rest")
            entries = [(start, line.end)]
            # an ACTION: line may run on over wrapped lines until a blank line
            while index + 1 < len(lines) and lines[index + 1].stripped and not PART_MARKER.match(lines[index + 1].text) \
                    and lines[index + 1].stripped[:1].islower():
                index += 1
                entries = [(start, lines[index].end)]
        else:
            entries = []
            marked = False
            index += 1
            while index < len(lines):
                following = lines[index]
                if not following.stripped:
                    index += 1
                    continue
                marker = PART_MARKER.match(following.text)
                if marker:
                    marked = True
                    entries.append((following.start + marker.end(), following.end))
                elif not marked and not entries_gap(lines, index, entries) and not _ACTION_LINE.match(following.text) \
                        and len(following.stripped) > 15:
                    entries.append((following.content_start, following.end))
                else:
                    break
                index += 1
            index -= 1
        for start, end in entries:
            start, end = trim_span(text, start, end)
            owner, body, offset = _parse_entry(work[start:end])
            record = _record(item_key, owner, body, (start, end), True, block, meeting_date)
            if record:
                records.append(record)
                used.append((line.start, end))
        index += 1
    return records, used


_PROMISE_VERB = re.compile(rf"\b(?:would|will|to|agreed\s+to|undertook\s+to|offered\s+to)\s+(?:also\s+)?(?={_VERB})")


def _promise_before(work: str, start: int, end: int) -> tuple[int, int]:
    """The last sentence of ``work[start:end]``, from its promised verb where it has one ("The Clerk
    would circulate …" -> "circulate …")."""
    sentences = sentence_spans(work, start, end)
    if sentences:
        start, end = sentences[-1]
    marker = _LIST_MARKER.match(work, start, end)
    start = marker.end() if marker else start
    verb = _PROMISE_VERB.search(work, start, end)
    if verb:
        start = verb.end()
    return trim_span(work, start, end)


def _owner_only(rest: str) -> str | None:
    """The owner when an ``ACTION:`` marker names nobody but them ("ACTION: Clerk")."""
    rest = rest.strip(" .")
    if not rest or len(rest.split()) > 5 or re.search(rf"\b{_VERB}", rest):
        return None
    whole = re.fullmatch(_SUBJECT, rest)
    return whole.group("owner") if whole and _owner_ok(rest) else None


def entries_gap(lines: list, index: int, entries: list[tuple[int, int]]) -> bool:
    """True when a blank line separates this line from the last unmarked list entry."""
    return bool(entries) and not lines[index - 1].stripped


def _table_row(text: str, start: int, end: int, cells: list[str], columns: list[str], item_key: str,
               block: Block, meeting_date) -> dict | None:  # noqa: ANN001
    def cell(*names: str) -> str | None:
        for position, column in enumerate(columns):
            if any(n in column for n in names) and position < len(cells) and cells[position]:
                return cells[position]
        return None

    body = cell("action") or cells[0]
    owner = cell("owner", "responsible", "lead", "by whom", "officer")
    record = _record(item_key, owner, re.sub(r"^(?:to|To)\s+", "", body), trim_span(text, start, end), True, block, meeting_date)
    due_text = cell("due", "deadline", "date", "by when", "timescale")
    if record and due_text:
        due, _ = resolve_due(f"by {due_text}", meeting_date)
        record["due"] = due or record["due"]
    return record


_IMPLICIT_CHECKS = (*zip(_IMPLICIT, _IMPLICIT_WORDS, strict=True), (_PASSIVE, ("would be", "will be")))


def _implicit(text: str, work: str, item_key: str, block: Block, skip: list[tuple[int, int]], meeting_date) -> list[dict]:  # noqa: ANN001
    records: list[dict] = []
    claimed = Spans(skip)
    for start, end in sentence_spans(work, block.start, block.end):
        if claimed.overlaps(start, end):
            continue
        marker = _LIST_MARKER.match(work, start, end)
        start = marker.end() if marker else start
        sentence = work[start:end]
        lowered = sentence.lower()
        for pattern, keywords in _IMPLICIT_CHECKS:
            if keywords and not any(k in lowered for k in keywords):
                continue
            match = pattern.search(sentence)
            if not match:
                continue
            owner = _trim_owner(match.group("owner"))
            body = match.group("text")
            first = body.split()[0].lower() if body.split() else ""
            nobody = pattern is _IMPLICIT[4] or pattern is _PASSIVE
            if not nobody and (first in _DECISION_VERBS or not _owner_ok(owner)):
                continue
            if pattern is _PASSIVE and not _PASSIVE_CUE.search(body):
                continue
            if pattern is _IMPLICIT[5] and "invited" in match.group() and _PROCEDURE.match(body):
                continue
            conditional = pattern is _IMPLICIT[1] or (pattern is _IMPLICIT[7] and match.group("how") in ("would", "will"))
            if conditional and not body.lower().startswith(_STRONG) and not _CUE.search(body):
                continue
            if pattern is _IMPLICIT[6] and (re.search(r"\b(?:committee|members?)\b", owner, re.IGNORECASE)
                                            or not (_CUE.search(body) or body.lower().startswith(_STRONG))):
                continue
            body_start = start + match.start("text")
            if _PRONOUN.match(owner.strip()):
                speaker = _SPEAKER.match(sentence)  # "The Designated Nurse said … that she would share …"
                owner = speaker.group("owner") if speaker and _owner_ok(speaker.group("owner")) else owner
            record = _record(item_key, owner, body, trim_span(text, body_start, end), False, block, meeting_date)
            if record:
                records.append(record)
            break
    return records


def find_actions(text: str, work: str, item_key: str, block: Block, skip: list[tuple[int, int]],
                 meeting_date) -> list[dict]:  # noqa: ANN001 - date | None
    """Explicit then implicit actions of one block; ``skip`` are spans (resolutions) not to read."""
    explicit, used = _explicit(text, work, item_key, block, meeting_date)
    implicit = _implicit(text, work, item_key, block, [*skip, *used], meeting_date)
    return sorted(explicit + implicit, key=lambda r: r["span"][0])
