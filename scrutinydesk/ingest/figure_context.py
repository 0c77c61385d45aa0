"""The context of a figure in its sentence: its clause, its quote, its period (a time in the
clause, resolved against the meeting's date), its indicator code (by wording, from the synonym
table) and its area (a named authority, else the council the minutes are about).

Everything is read within a window around the number and worked out once per sentence, so a
page-long "sentence" of numbers stays linear.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date

from scrutinydesk.ingest.catalogue import authority_names, find_areas, load_synonyms, normalise
from scrutinydesk.ingest.figure_numbers import PARTITIVE_BEFORE, Number
from scrutinydesk.ingest.layout import Spans, trim_span
from scrutinydesk.ingest.when import MONTH_WORD, month_number, month_on_or_before

_MONTHISH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_YEARISH = re.compile(r"(?:19|20)\d\d")
_PERIOD_NOW = re.compile(r"\b(?:now|currently|at present|presently|to date|this month|at the time of the meeting|so far|"
                         r"(?:in|over|during)\s+the\s+(?:last|past)\s+(?:year|12\s+months|twelve\s+months))\b", re.IGNORECASE)
_PERIOD_MONTH = re.compile(
    rf"\b(?:(?:as\s+(?:at|of)|at\s+the\s+end\s+of|end\s+of|in|during|for|by|since|at|on|until|last|from|(?P<upto>to|up\s+to|ending|ended))\s+)?"
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{MONTH_WORD})\b(?:\s+(?P<year>(?:19|20)\d\d))?", re.IGNORECASE)
_PERIOD_YEAR = re.compile(r"\b(?:in|during|for|as at|by|since)\s+(?P<y1>(?:19|20)\d\d)(?:\s*[/–-]\s*(?P<y2>\d{2,4}))?\b", re.IGNORECASE)
_PERIOD_LAST_YEAR = re.compile(r"(?<!the )\b(?:last|the previous|previous)\s+year\b|"
                               r"\b(?P<ago>a|one|twelve\s+months|12\s+months|the\s+year)\s+(?:year\s+)?(?:ago|earlier|before)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:•()]|\s[–—-]\s|,\s+(?=(?:and|but|while|whereas|compared|which|although|though|with|against|up|down)\b)|\bcompared\s+(?:to|with)\b|\b(?:but|yet|whereas|while)\b")
_COMPARISON_TIME = re.compile(
    rf"\b(?:compared\s+(?:to|with)|against|since|from|than|on)\s+"
    rf"(?:(?:(?:just\s+)?(?:over|under)|around|about|almost|nearly|some|more\s+than|less\s+than)\s+)?"
    rf"(?:£?[\d,.]+\s*(?:%|per\s?cent|per\s+10,?000|per\s+10k)?\s+(?:(?:in|at|during|for|as\s+at)\s+)?)?"  # "compared with 71 in …"
    rf"(?:the\s+same\s+\w+\s+(?:in\s+|of\s+|last\s+)?)?"
    rf"(?:last\s+|previous\s+|the\s+previous\s+|in\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?"
    rf"(?:{MONTH_WORD}(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d(?:\s*/\s*\d{{2,4}})?|year(?:\s+(?:before|earlier))?|month|quarter|"
    rf"(?:a|one|the)\s+year\s+(?:earlier|ago|before))\b",
    re.IGNORECASE)
_QUOTE_BREAK = re.compile(r"[;•]|\s[–—-]\s|,\s+(?=(?:and|but|while|whereas|which|although|though)\b)")
_WINDOW = 300


@dataclass
class SentenceContext:
    """What every figure of one sentence needs, worked out once: clause and quote boundaries and
    the time expressions (with whether each is the basis of a comparison)."""

    start: int
    end: int
    clause_breaks: list[tuple[int, int]]
    quote_breaks: list[tuple[int, int]]
    times: list[tuple[int, str, bool]]


def _resolve_month(match: re.Match, meeting: date | None) -> str | None:
    month = month_number(match.group("month"))
    if not month:
        return None
    if match.group("year"):
        if match.group("day"):
            try:
                return date(int(match.group("year")), month, int(match.group("day"))).isoformat()
            except ValueError:
                return None
        return f"{match.group('year')}-{month:02d}"
    if meeting is None:
        return None
    year, month = month_on_or_before(month, meeting)
    return f"{year}-{month:02d}"


def _times(work: str, start: int, end: int, meeting: date | None) -> list[tuple[int, str, bool]]:
    """Time expressions of a sentence, resolved: (position, period, inside a comparison)."""
    comparisons = [m.span() for m in _COMPARISON_TIME.finditer(work, start, end)]
    found: list[tuple[int, str]] = []
    if _MONTHISH.search(work, start, end):
        for match in _PERIOD_MONTH.finditer(work, start, end):
            if match.group("month").lower() in ("may", "march") and not match.group(0)[0].isupper() \
                    and not match.group("year") and not re.match(r"(?:in|during|by|since|last|as|at|end|until|from)\b", match.group(0), re.IGNORECASE):
                continue  # "may" and "march" are usually verbs
            resolved = _resolve_month(match, meeting)
            if resolved and match.group("upto"):
                resolved = resolved[:7]  # "in the quarter to 30 September 2023" is the quarter's month
            if resolved:
                found.append((match.start(), resolved))
    if _YEARISH.search(work, start, end):
        for match in _PERIOD_YEAR.finditer(work, start, end):
            year = int(match.group("y1"))
            if match.group("y2"):
                y2 = match.group("y2")
                year = int(y2) if len(y2) == 4 else (year // 100) * 100 + int(y2)
            found.append((match.start(), str(year)))
    compared = Spans(comparisons)
    if meeting is not None:
        # "risen to 187 at the end of December, from 142 a year earlier": twelve months before the
        # sentence's own month, or before the meeting's; "last year" is the year before the meeting's
        anchor = next((period for position, period in found if not compared.overlaps(position, position + 1)),
                      f"{meeting.year}-{meeting.month:02d}")
        for match in _PERIOD_LAST_YEAR.finditer(work, start, end):
            found.append((match.start(), f"{int(anchor[:4]) - 1}{anchor[4:7]}" if match.group("ago") else str(meeting.year - 1)))
        for match in _PERIOD_NOW.finditer(work, start, end):
            found.append((match.start(), f"{meeting.year}-{meeting.month:02d}"))
    return sorted((position, period, compared.overlaps(position, position + 1)) for position, period in found)


def sentence_context(work: str, start: int, end: int, meeting: date | None) -> SentenceContext:
    return SentenceContext(start, end, [m.span() for m in _CLAUSE_BREAK.finditer(work, start, end)],
                     [m.span() for m in _QUOTE_BREAK.finditer(work, start, end)], _times(work, start, end, meeting))


def _between(breaks: list[tuple[int, int]], start: int, end: int, position: int) -> tuple[int, int]:
    """The stretch of ``[start, end)`` around ``position`` bounded by the nearest breaks."""
    index = bisect_right(breaks, (position, position))
    left, right = start, end
    for back in (index - 1, index - 2):
        if back >= 0 and breaks[back][1] <= position:
            left = breaks[back][1]
            break
    for ahead in (index, index + 1):
        if ahead < len(breaks) and breaks[ahead][0] >= position:
            right = breaks[ahead][0]
            break
    return max(start, left), min(end, right)


def number_window(sentence: SentenceContext, number: Number) -> tuple[int, int]:
    """The sentence around a number, at most ``_WINDOW`` characters each side (linear time)."""
    return max(sentence.start, number.start - _WINDOW), min(sentence.end, number.end + _WINDOW)


def _clause(sentence: SentenceContext, number: Number) -> tuple[int, int]:
    return _between(sentence.clause_breaks, *number_window(sentence, number), number.start)


def quote_span(text: str, sentence: SentenceContext, number: Number) -> tuple[int, int]:
    start, end = number_window(sentence, number)
    if end - start > 180:
        narrow = _between(sentence.quote_breaks, start, end, number.start)
        if narrow[1] - narrow[0] >= 30:
            start, end = narrow
    return trim_span(text, start, end)


def _nearest_time(sentence: SentenceContext, start: int, end: int, position: int, comparisons_too: bool) -> str | None:
    best: tuple[int, str] | None = None
    for index in range(bisect_left(sentence.times, (start, "", False)), len(sentence.times)):
        found, period, compared = sentence.times[index]
        if found >= end:
            break
        if (comparisons_too or not compared) and (best is None or abs(found - position) < best[0]):
            best = (abs(found - position), period)
    return best[1] if best else None


def period_of(sentence: SentenceContext, number: Number, meeting: date | None) -> tuple[str | None, bool]:
    """The figure's period: a time in its clause, else the nearest in its sentence that is not the
    basis of a comparison, else the meeting's month; the flag says it could not be known."""
    earlier = number.role == "earlier"
    clause = _clause(sentence, number)
    found = _nearest_time(sentence, clause[0], clause[1], number.start, earlier)
    if found is None and not earlier:
        found = _nearest_time(sentence, *number_window(sentence, number), number.start, False)
    if found is None and meeting is not None and not earlier:
        return f"{meeting.year}-{meeting.month:02d}", False
    return found, found is None


_PHRASE_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*|\S")
_PREPOSITION = frozenset("at in on by for from to with during over under across since as last this of".split())
_PHRASE_STOP = frozenset(
    "were was are is had have has would will who which that being been now currently also still whose whom where when "
    "while as than compared against but since because so if could should did do does than per".split())
_GENERIC_WORDS = frozenset(
    "children child young people person persons individuals cases in of the a an our their at by on during each every "
    "end year years month months week weeks quarter day days total average so far now "
    "january february march april may june july august september october november december".split())
_PART_OF = re.compile(PARTITIVE_BEFORE.pattern + r"|\bof\s+(?:whom|which|these|those|them)\s*$")
_PREDICATE_END = re.compile(r"[.;:]|,\s+(?:and|but|while|whereas|compared|with)\b")


def counted_scope(work: str, sentence_end: int, number: Number) -> tuple[int, int] | None:
    """Where a count's indicator must be named, when the count says what it counts: the noun phrase
    after it ("twelve foster carers" counts carers, whatever else the sentence mentions), or, for a
    part of a counted whole ("Of the 412 children in care, 48 were UASC"), what is said of the part."""
    if number.unit != "count":
        return None
    if _PART_OF.search(work, max(0, number.start - 200), number.start):
        stop = _PREDICATE_END.search(work, number.end, sentence_end)
        return number.end, stop.start() if stop else sentence_end
    phrase_end, words = number.end, []
    for token in _PHRASE_TOKEN.finditer(work, number.end, min(sentence_end, number.end + 120)):
        word = token.group().lower()
        if not re.search(r"[a-z]", word) or word in _PHRASE_STOP or len(words) >= 8 or (not words and word in _PREPOSITION):
            break
        words.append(word)
        phrase_end = token.end()
    if not words or set(words) <= _GENERIC_WORDS:
        return None  # "48 children": the sentence says which children
    return number.end, phrase_end


# words that may follow a catalogue's wording without making the count a part of it ("children in
# care at the end of March" is the whole; "children in care in residential homes" is a part)
_TRAILING_OK = frozenset(
    "at as of the end in on our this last month year quarter now currently today so far across whole county council "
    "january february march april may june july august september october november december".split())


def _qualified(norm_scope: str, match_end: int, scope_text: str) -> bool:
    places = {word.lower() for _, _, name in find_areas(scope_text) for word in name.split()}
    return any(word not in _TRAILING_OK and word not in places for word in norm_scope[match_end:].split())


def indicator_code(norm_sentence: str, sentence_text: str, number_offset: int, unit: str | None,
                   scope_text: str | None = None) -> str | None:
    """The catalogue code whose wording is nearest the number, by priority. Where the number says
    what it counts (``scope_text``), only wording there counts, and a broad wording followed by a
    qualifier ("children in care in residential homes") names the whole, not this part of it."""
    best: tuple[int, int, str] | None = None
    norm_scope = normalise(scope_text) if scope_text is not None else None
    position = 0 if norm_scope is not None else len(normalise(sentence_text[:number_offset])) if number_offset else 0
    searched = norm_sentence if norm_scope is None else norm_scope
    for synonym in load_synonyms():
        if synonym.unit != unit:
            continue
        if synonym.requires is not None and not synonym.requires.search(norm_sentence):
            continue
        if synonym.unless is not None and synonym.unless.search(norm_sentence):
            continue
        for match in synonym.pattern.finditer(searched):
            if norm_scope is not None and synonym.priority <= 2 and _qualified(norm_scope, match.end(), scope_text):
                continue
            distance = abs(match.start() - position)
            key = (synonym.priority, -distance, synonym.indicator)
            if best is None or key > best:
                best = key
    return best[2] if best else None


_COUNCIL_NAME = re.compile(r"\b(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}|[A-Z]{3,}(?:[ -][A-Z]{3,}){0,2})(?:['’]s)?\s+(?i:(?:County\s+|City\s+|Borough\s+|District\s+|Metropolitan\s+(?:Borough\s+)?)?Council)\b")
_NOT_PLACES = frozenset({"The", "County", "City", "Borough", "District", "Town", "Parish", "Full", "This", "Each", "Local",
                         "Metropolitan", "Unitary", "Cabinet", "Youth", "Schools", "Our", "Whole", "Members", "Every"})


def home_area(text: str) -> str | None:
    """The authority the minutes are about: the one they name most often, weighted towards
    "X County Council"; a council not in the DfE's list of authorities is named by its own title."""
    names = authority_names()
    counts: Counter[str] = Counter()
    for _, end, name in find_areas(text, 0, min(len(text), 400_000)):
        if name in names:
            bonus = 3 if re.match(r"\s+(?:County|City|Borough|District|Metropolitan)?\s*Council", text[end:end + 30]) else 1
            counts[name] += bonus
    if counts:
        return counts.most_common(1)[0][0]
    for match in _COUNCIL_NAME.finditer(text[:400_000]):
        name = match.group("name").title() if match.group("name").isupper() else match.group("name")
        name = re.sub(r"(?:\s+(?:County|City|Borough|District|Metropolitan|Parish|Town|Community|Village))+$", "", name)
        if name and name.split()[0] not in _NOT_PLACES:
            counts[name] += 1
    if counts:
        return counts.most_common(1)[0][0]
    return _named_elsewhere(text[:400_000])


# a council that never writes "X Council" is still named by its web address or its town hall
_GOV_UK = re.compile(r"(?<![\w-])(?P<name>[a-z][a-z-]{2,40})\.gov\.uk\b", re.IGNORECASE)
_NOT_COUNCIL_LABELS = frozenset({"www", "democracy", "moderngov", "committees", "committee", "nhs", "police", "service", "services",
                                 "data", "assets", "publishing", "content", "api", "digital", "gov", "local", "mail", "email"})
_HALL = re.compile(r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\s+(?:Town Hall|Civic Centre|Civic Offices|Guildhall|Council House|"
                   r"Council Offices|County Hall)\b")


def _named_elsewhere(text: str) -> str | None:
    labels = Counter(m.group("name").lower() for m in _GOV_UK.finditer(text) if m.group("name").lower() not in _NOT_COUNCIL_LABELS)
    if labels:
        return " ".join(part.capitalize() for part in labels.most_common(1)[0][0].split("-"))
    halls = Counter(m.group("name") for m in _HALL.finditer(text) if m.group("name").split()[0] not in _NOT_PLACES)
    return halls.most_common(1)[0][0] if halls else None


_COMPARED_BEFORE = re.compile(r"\b(?:compared\s+(?:with|to)|against|than|versus|vs\.?)(?:[^.;]|\.(?=\d))*$", re.IGNORECASE)
# "across the Teignbridge area", "in the South Hams district": a place named by the area it is
_NAMED_AREA = re.compile(r"(?<![\w'’])(?P<name>[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,2})\s+(?:area|district|locality)\b")
_NOT_AREA_NAMES = _NOT_PLACES | {"Local", "Priority", "Focus", "Service", "Catchment", "Conservation", "Development", "Improvement",
                                 "Action", "Policy", "Health", "Care", "Wide", "Rural", "Urban", "Urgent", "Problem", "Key",
                                 "Growth", "Enterprise", "Red", "Amber", "Green", "Grey", "Education", "School", "Plan"}


def area_of(work: str, sentence: SentenceContext, number: Number, home: str | None, until: int | None = None) -> str | None:
    """A named authority before the number in its clause, else a place named by its area or district
    there (up to ``until``, the next number), else the council the minutes are about."""
    clause = _clause(sentence, number)
    window_start = max(sentence.start, min(clause[0], number.start - 60))
    best = None
    for start, _, name in find_areas(work, window_start, number.start):
        if start < clause[0] and _COMPARED_BEFORE.search(work, max(0, start - 50), start):
            continue  # "compared with 22.1% in England, and the figure for Year 6 was …": England's, not this one's
        if name != "England" or re.search(r"\bin\s+$", work[max(0, start - 4):start]):
            best = name
    if best is None:
        for match in _NAMED_AREA.finditer(work, clause[0], min(clause[1], until or clause[1])):
            name = re.sub(r"^The\s+", "", match.group("name"))
            if name.split()[0] not in _NOT_AREA_NAMES and name not in ("England",):
                best = name
                break
    if best is None and home and re.search(r"\b" + re.escape(home) + r"\b", work[window_start:number.start]):
        best = home
    return best or home
