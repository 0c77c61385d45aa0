"""Quantitative statements about measured things: "Devon (484 per 10,000) now being below the
national average (465)", "a 40% increase in contacts", "five children in care", "£1.3 million".

A number becomes a figure only with a positive sign that it measures something: a unit (%, per
10,000, £, average days) or a counting context ("a total of 636", "standing at 48", "five
children"). Dates, times, ages, ranges, item and section numbers, report references, phone
numbers and file sizes never do. Numbers introduced as the national average, statistical
neighbours or a target are comparators of the figure they follow; "compared to 10 in October 2021"
is a figure of its own, for the earlier period, about the same thing.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from scrutinydesk.ingest.catalogue import authority_names, find_areas, load_synonyms, normalise
from scrutinydesk.ingest.layout import Spans, sentence_spans, squash, trim_span
from scrutinydesk.ingest.segment import REPORT_REF, Block
from scrutinydesk.ingest.when import (
    DAY_MONTH,
    DAY_MONTH_YEAR,
    ISO_DATE,
    MONTH_DAY_YEAR,
    MONTH_WORD,
    MONTH_YEAR,
    NUMERIC_DATE,
    month_number,
    month_on_or_before,
)

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORD_NUMBER = re.compile(
    r"\b(?:(?P<tens>" + "|".join(_TENS) + r")(?:[- ](?P<tail>" + "|".join(_UNITS) + r"))?"
    r"|(?P<unit>" + "|".join(_UNITS) + r")(?: hundred(?: and (?P<rest>\w+))?)?)\b", re.IGNORECASE)
_DIGITS = re.compile(r"(?<![\w/£.,])(?P<sign>[+-](?=\d))?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?![\w/]|[.,]\d)")
_ANY_NUMBER = re.compile(r"\d|\b(?:" + "|".join([*_UNITS, *_TENS]) + r")\b", re.IGNORECASE)
_MONEY = re.compile(r"£\s?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?\s*(?P<scale>bn\b|billions?\b|m\b|mn\b|millions?\b|k\b|thousands?\b)?", re.IGNORECASE)

_NOT_FIGURES = re.compile(
    "|".join((
        *(re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC_DATE, ISO_DATE,
                                                         DAY_MONTH, MONTH_YEAR)),
        r"\b(?:19|20)\d\d\s*[/–-]\s*\d{2,4}\b",  # financial years
        r"\b(?:19|20)\d\d\b",  # years
        r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)",  # times
        r"\b\d{1,2}:\d{2}\b",
        r"(?:\+44\s?\(?0?\)?|\b0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\b",  # phone numbers
        REPORT_REF.pattern,
        r"\bStanding Orders?\s+(?:No\.?\s*)?\d+(?:\s*\(\w+\))*",
        r"\b(?:aged?|ages)\s+(?:between\s+|of\s+|up to\s+|under\s+|over\s+)?\d+(?:\s*(?:-|–|to|and)\s*\d+)?",
        r"\b\d+\s*(?:-|–|to)\s*\d+[- ]?(?:year|yr)s?[- ]olds?\b",
        r"\b\d+[- ](?:year|yr)s?[- ]olds?\b",
        r"\b(?:under|over)[- ]\d+s\b",
        r"\b\d+\s*(?:-|–)\s*\d+(?!\s*(?:%|per\s?cent))\b",  # ranges (ages, periods, pages)
        r"\b\d+\s*/\s*\d+\b",
        r"(?<![\d,.])\d{1,3}\s+in\s+(?:every\s+)?(?!(?:19|20)\d\d)\d{1,4}\b(?![,.]\d)",  # ratios ("1 in 5")
        r"\b\d+(?:\.\d+)?\s*(?:miles?|km|kilomet(?:re|er)s?|met(?:re|er)s?|feet|ft|acres?|hectares?|sq\s?m)\b",  # distances, areas
        r"(?m:^)[ \t]*\d{1,2}\.\d{1,2}(?:\.\d{1,2})?(?=[ \t]+[A-Z‘'\"“])",  # paragraph numbers ("1.2 Placement sufficiency")
    )), re.IGNORECASE)
_LABEL_BEFORE = re.compile(
    r"\b(?:section|s|item|items|minute|minutes|appendix|appendices|paragraph|paragraphs|para|page|pages|order|orders|"
    r"rule|regulation|clause|part|annex|schedule|chapter|phase|stage|year|years|level|tier|band|grade|ward|"
    r"priority|recommendation|option|question|objective|covid|no|room|floor|version|v|aged|age|ages|class|route|"
    r"table|figure|chart|graph|slide|point|step|act|article|standard|principle|theme|area|motion|amendment|round|"
    r"week|day|month|quarter|q|cohort|line|reference|ref|category|goal|lot|plot|unit|block|box|tel|telephone|"
    r"phone|ext|extension|fax|mobile|top|under|over|number|group|team|district|locality|cluster|zone|patch|"
    r"wave|tranche|batch|model|pillar|outcome|ambition|commitment|key|foundation|covid-)\s*[.:#-]?\s*\(?$",
    re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"^\s?(?:%|per\s?cent\b|percent\b)")
_POINTS_AFTER = re.compile(r"^\s?(?:%\s*)?(?:percentage\s+)?points?\b", re.IGNORECASE)
_PER_10K_AFTER = re.compile(r"^\s*(?:per|/)\s*10,?000\b|^\s*per\s+10\s?k\b", re.IGNORECASE)
_DURATION_BEFORE = re.compile(r"\b(?:for|lasted|lasting|waited|waiting|wait\s+of|delay\s+of|delayed\s+by|closed\s+for|open\s+for)\s+(?:(?:a\s+)?(?:total|further|another|more\s+than|over|almost|nearly|around|about)\s+(?:of\s+)?)?$", re.IGNORECASE)
_TIME_UNIT_AFTER = re.compile(r"^\s*(?:working\s+)?(?:days?|hours?|hrs?|weeks?|months?|years?|yrs?|minutes?|mins?|seconds?|decades?)\b|^['’]s?\s+time", re.IGNORECASE)
_DAYS_AFTER = re.compile(r"^\s*(?:working\s+|calendar\s+)?days?\b", re.IGNORECASE)
_AVERAGE_BEFORE = re.compile(r"\b(?:average|averaged|mean|median|typical(?:ly)?|took|taking|takes|length)\b(?:\s+[\w'’-]+){0,8}?\s*(?:of|was|is|at|to|were|are)?\s*$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(
    r"\b(?:(?:increase|rise|decrease|reduction|fall|drop|growth|change|uplift|jump|up|down)s?\s+(?:of|by)|"
    r"(?:increased|increasing|rose|risen|rising|grew|grown|growing|fell|fallen|falling|decreased|decreasing|reduced|reducing|"
    r"dropped|dropping|declined|declining|went up|gone up|gone down|went down|improved|improving)\s+by)"
    r"\s+(?:around|about|over|almost|nearly|approximately|some|just over|just under|more than|less than|roughly)?\s*$",
    re.IGNORECASE)
_CHANGE_AFTER = re.compile(
    r"^\s?(?:%|per\s?cent|percent)\s*(?:year[- ]on[- ]year\s+|annual\s+|overall\s+|net\s+)?"
    r"(?:increase|rise|decrease|reduction|fall|drop|growth|uplift|jump|higher|lower|more|fewer|up|down)\b", re.IGNORECASE)
_COUNT_NOUNS = (
    r"(?:children|child|young\s+people|young\s+person|people|persons?|famil(?:y|ies)|referrals?|re-referrals?|cases?|"
    r"placements?|social\s+workers?|workers?|staff|practitioners?|posts?|vacanc(?:y|ies)|assessments?|plans?|"
    r"contacts?|care\s+leavers?|leavers?|carers?|homes?|households?|pupils?|students?|schools?|complaints?|"
    r"applications?|visits?|meetings?|adults?|residents?|requests?|apprentices?|fte|exclusions?|incidents?|"
    r"uasc|cpps?|cin|cla|lac|enquir(?:y|ies)|conferences?|beds?|places?|officers?|managers?|nqsws?|"
    r"babies|infants?|girls?|boys?|parents?|mothers?|fathers?|victims?|offenders?|learners?|participants?|"
    r"members\s+of\s+staff|agency\s+workers?|foster(?:ing)?\s+(?:carers?|families|households)|adopters?|adoptions?|"
    r"unaccompanied|looked\s+after|in\s+care|on\s+(?:a\s+)?(?:child\s+protection\s+)?plans?|"
    r"recruits?|starters?|leavers|appointments?|hires?|deaths?|fatalities|suspensions?|patients?|clients?|"
    r"[a-z]+(?:ists|ers|ors|ants|ents|ians|ees))")
_COUNT_AFTER = re.compile(
    rf"^\s+(?:(?!(?:of|the|which|that|who|and|or|to|in|on|at|for|with|from|by|per|is|was|are|were|had|have|has|"
    rf"will|would|be|been|a|an|this|these|those|our|their|its)\b)[A-Za-z'’()-]+\s+){{0,3}}?{_COUNT_NOUNS}\b",
    re.IGNORECASE)
_COUNT_BEFORE = re.compile(
    r"\b(?:a\s+total\s+of|total\s+of|totall?ing|standing\s+at|stands?\s+at|stood\s+at|now\s+at|currently\s+at|"
    r"(?:had\s+|has\s+|have\s+)?(?:increased|increasing|reduced|reducing|decreased|decreasing|fallen|fell|falling|"
    r"rose|risen|rising|dropped|dropping|grown|grew|come\s+down|gone\s+up|gone\s+down|improved|improving)\s+(?:again\s+)?to|"
    r"down\s+to|up\s+to\s+a\s+total\s+of|reached|reaching|peaked\s+at|of\s+(?:whom|which|these|those|them)|"
    r"there\s+(?:were|are|was|is|had\s+been|have\s+been|has\s+been|will\s+be)|"
    r"(?:increased|rose|risen|grown|grew|fell|fallen|decreased|reduced|dropped)\b[^.;]{0,30}?\bto"
    r")\s*$",
    re.IGNORECASE)
_MEASURE_BEFORE = re.compile(
    r"\b(?:number|numbers|total|count|caseloads?|figure|level)\b[^.;]{0,90}?\b(?:is|was|are|were|of|at|to|now|currently|being)"
    r"(?:\s+(?:now|currently|standing\s+at|at))?\s*$", re.IGNORECASE)
_MEASURE_WORD = re.compile(r"(?i)number|total|count|caseload|figure|level")
_SIGNED = re.compile(r"\(\s*$")
_SUBJECT_VERB_AFTER = re.compile(r"^\s+(?:had|have|has|were|are|was|is)\s+(?:now\s+|already\s+|since\s+|also\s+)?(?:been\s+)?(?!rated\b|RAG\b)[a-z]+(?:ed|en|n|t)\b")
_SUBJECT_BEFORE = re.compile(r"(?:^|\b(?:that|highlighted|reported|noted|confirmed|showed|explained|advised|said|stated|and|with)|[,:;(]|^\W*)\s*$", re.IGNORECASE)
_COMPARATOR_BEFORE = re.compile(
    r"(?P<area>national(?:ly)?|england|statistical\s+neighbou?rs?|\bsns?\b|similar\s+(?:local\s+)?authorities|"
    r"comparators?|comparator\s+(?:group|authorities)|regional(?:ly)?|the\s+region|south\s+west|south\s+east|north\s+west|"
    r"north\s+east|east\s+midlands|west\s+midlands|east\s+of\s+england|london|yorkshire\s+and\s+the\s+humber|"
    r"good\s+(?:and\s+outstanding\s+)?(?:local\s+)?authorities|outstanding\s+(?:local\s+)?authorities|targets?)"
    r"(?:['’]s)?(?:\s+(?:average|mean|median|figure|rate|level|performance|position|benchmark))?"
    r"(?:\s+(?:of|at|is|was|being|stands\s+at|stood\s+at|which\s+is|which\s+was|=))?\s*[:(=]?\s*(?:of\s+)?$",
    re.IGNORECASE)
_COMPARATOR_AFTER = re.compile(
    r"^\s*(?:%|per\s?cent)?\s*(?:per\s+(?:10,?000|10\s?k)\s+(?:children\s+)?)?(?P<area>nationally|in\s+england|across\s+england|for\s+england|"
    r"(?:for\s+|among\s+|across\s+|amongst\s+)?(?:our\s+|the\s+)?statistical\s+neighbou?rs?|regionally|"
    r"in\s+the\s+region|(?:for|among|across)\s+similar\s+authorities)\b", re.IGNORECASE)
_EARLIER_BEFORE = re.compile(r"\b(?:compared\s+(?:to|with)|against|from|up\s+from|down\s+from|versus|vs\.?|than)\s*(?:the\s+)?$", re.IGNORECASE)
_MONTHISH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_YEARISH = re.compile(r"(?:19|20)\d\d")
_EXCLUSION_START = re.compile(
    r"[\d+]|(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|aged?\b|ages\b|under|over|standing))")
_PERIOD_NOW = re.compile(r"\b(?:now|currently|at present|presently|to date|this month|at the time of the meeting|so far)\b", re.IGNORECASE)
_PERIOD_MONTH = re.compile(
    rf"\b(?:(?:as\s+(?:at|of)|at\s+the\s+end\s+of|end\s+of|in|during|for|by|since|at|on|until|last|from)\s+)?"
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{MONTH_WORD})\b(?:\s+(?P<year>(?:19|20)\d\d))?", re.IGNORECASE)
_PERIOD_YEAR = re.compile(r"\b(?:in|during|for|as at|by|since)\s+(?P<y1>(?:19|20)\d\d)(?:\s*[/–-]\s*(?P<y2>\d{2,4}))?\b", re.IGNORECASE)
_PERIOD_LAST_YEAR = re.compile(r"\b(?:last|the previous|previous)\s+year\b|\ba year (?:ago|earlier)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:•()]|\s[–—-]\s|,\s+(?=(?:and|but|while|whereas|compared|which|although|though|with|against|up|down)\b)|\bcompared\s+(?:to|with)\b|\b(?:but|yet|whereas|while)\b")
_COMPARISON_TIME = re.compile(
    rf"\b(?:compared\s+(?:to|with)|against|since|from|than|on)\s+(?:the\s+same\s+\w+\s+(?:in\s+|of\s+|last\s+)?)?"
    rf"(?:last\s+|previous\s+|the\s+previous\s+|in\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?"
    rf"(?:{MONTH_WORD}(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d(?:\s*/\s*\d{{2,4}})?|year|month|quarter)\b", re.IGNORECASE)
_QUOTE_BREAK = re.compile(r"[;•]|\s[–—-]\s|,\s+(?=(?:and|but|while|whereas|which|although|though)\b)")
_NATIONAL = re.compile(r"\b(?:national(?:ly)?|england)\b", re.IGNORECASE)
_SN = re.compile(r"\b(?:statistical|sns?|similar|comparator)\b", re.IGNORECASE)
_TARGET = re.compile(r"\btargets?\b", re.IGNORECASE)
_GOOD = re.compile(r"\b(?:good|outstanding)\b", re.IGNORECASE)
_REGION = re.compile(r"\bregion", re.IGNORECASE)


_WINDOW = 300


@dataclass
class _Number:
    start: int
    end: int
    value: float
    unit: str | None = None
    role: str = "figure"  # figure | comparator | earlier
    comparator_area: str | None = None
    extra: dict = field(default_factory=dict)


def _excluded_spans(work: str, start: int, end: int) -> list[tuple[int, int]]:
    """Dates, times, ages, phone numbers and the like in ``work[start:end]``: the full pattern is
    tried only where one of them can begin, which keeps number-dense text fast."""
    spans: list[tuple[int, int]] = []
    reached = start
    for candidate in _EXCLUSION_START.finditer(work, start, end):
        position = candidate.start()
        if position < reached or (position > 0 and work[position - 1].isalnum() and work[position].isdigit()
                                  and work[position - 1].isdigit()):
            continue
        match = _NOT_FIGURES.match(work, position, end)
        if match and match.end() > position:
            spans.append(match.span())
            reached = match.end()
    return spans


def _value(int_part: str, dec: str | None) -> float:
    return float(int_part.replace(",", "") + (dec or ""))


def _word_value(match: re.Match) -> float | None:
    if match.group("tens"):
        return float(_TENS[match.group("tens").lower()] + (_UNITS[match.group("tail").lower()] if match.group("tail") else 0))
    unit = _UNITS[match.group("unit").lower()]
    if "hundred" in match.group().lower():
        rest = match.group("rest")
        extra = _UNITS.get((rest or "").lower(), _TENS.get((rest or "").lower(), 0))
        return float(unit * 100 + extra)
    return float(unit)


def _number(value: float) -> float | int:
    return int(value) if value == int(value) and abs(value) < 1e15 else round(value, 4)


def _comparator_area(words: str) -> str:
    if _SN.search(words):
        return "Statistical neighbours"
    if _TARGET.search(words):
        return "Target"
    if _GOOD.search(words):
        return "Good authorities"
    if _NATIONAL.search(words):
        return "England"
    region = next(find_areas(words.title()), None)
    if region:
        return region[2]
    return "Region" if _REGION.search(words) else "England"


def _classify(work: str, sentence_start: int, number: _Number, is_word: bool) -> _Number | None:
    """Give a number its unit and role from its context, or ``None`` when it is not a figure."""
    left = work[max(sentence_start, number.start - 100):number.start]
    right = work[number.end:number.end + 80]
    if _LABEL_BEFORE.search(left[-30:]) and not _PERCENT_AFTER.match(right):
        return None
    if re.search(r"\bper\s*$", left, re.IGNORECASE):
        return None  # the "10,000" of "per 10,000"
    comparator = _COMPARATOR_BEFORE.search(left[-70:])
    after = _COMPARATOR_AFTER.match(right)
    if number.unit == "gbp":
        pass
    elif _PERCENT_AFTER.match(right) or _POINTS_AFTER.match(right):
        signed = number.extra.get("signed")
        number.unit = "change_percent" if (_CHANGE_BEFORE.search(left[-70:]) or _CHANGE_AFTER.match(right) or signed
                                           or _POINTS_AFTER.match(right)) else "percent"
    elif _PER_10K_AFTER.match(right):
        number.unit = "per_10k"
    elif _DAYS_AFTER.match(right) and not is_word:
        if not (_AVERAGE_BEFORE.search(left[-90:]) or _DURATION_BEFORE.search(left[-40:])
                or re.match(r"^\s*(?:working\s+)?days?\s+on\s+average", right, re.IGNORECASE)):
            return None
        number.unit = "days"
    elif _TIME_UNIT_AFTER.match(right):
        return None
    elif comparator or after or _EARLIER_BEFORE.search(left[-30:]):
        number.unit = None  # decided against the figure it belongs to
    elif _COUNT_AFTER.match(right) or _COUNT_BEFORE.search(left[-45:]) \
            or (_MEASURE_WORD.search(left) and _MEASURE_BEFORE.search(left)) \
            or (number.extra.get("signed") and _SIGNED.search(left)) \
            or (not is_word and _SUBJECT_VERB_AFTER.match(right) and _SUBJECT_BEFORE.search(left[-40:])):
        number.unit = "count"
    else:
        return None
    if number.unit == "count" and number.value != int(number.value) and not _AVERAGE_BEFORE.search(left[-90:]):
        return None  # "1.2 placements" is a paragraph number, not a count; an average may be fractional
    if comparator:
        number.role, number.comparator_area = "comparator", _comparator_area(comparator.group("area"))
    elif after:
        number.role, number.comparator_area = "comparator", _comparator_area(after.group("area"))
    elif _EARLIER_BEFORE.search(left[-30:]):
        number.role = "earlier"
    return number


def _numbers(work: str, start: int, end: int, excluded: list[tuple[int, int]]) -> list[_Number]:
    found: list[_Number] = []

    claimed = Spans(excluded)

    def free(s: int, e: int) -> bool:
        return not claimed.overlaps(s, e)

    for match in _MONEY.finditer(work, start, end):
        scale = (match.group("scale") or "").lower()
        factor = 1e9 if scale.startswith("b") else 1e6 if scale.startswith("m") else 1e3 if scale.startswith(("k", "t")) else 1
        found.append(_Number(match.start(), match.end(), _value(match.group("int"), match.group("dec")) * factor, "gbp"))
    money = Spans([(n.start, n.end) for n in found])
    for match in _DIGITS.finditer(work, start, end):
        s, e = match.start("int"), match.end()
        if not free(s, e) or money.overlaps(s, s + 1):
            continue
        number = _Number(match.start(), e, _value(match.group("int"), match.group("dec")))
        if match.group("sign"):
            number.extra["signed"] = True
            if match.group("sign") == "-":
                number.value = -number.value
        found.append(number)
    for match in _WORD_NUMBER.finditer(work, start, end):
        if not free(match.start(), match.end()):
            continue
        value = _word_value(match)
        if value is not None:
            number = _Number(match.start(), match.end(), value)
            number.extra["word"] = True
            found.append(number)
    return sorted(found, key=lambda n: n.start)


@dataclass
class _Sentence:
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
            if resolved:
                found.append((match.start(), resolved))
    if _YEARISH.search(work, start, end):
        for match in _PERIOD_YEAR.finditer(work, start, end):
            year = int(match.group("y1"))
            if match.group("y2"):
                y2 = match.group("y2")
                year = int(y2) if len(y2) == 4 else (year // 100) * 100 + int(y2)
            found.append((match.start(), str(year)))
    if meeting is not None:
        for match in _PERIOD_LAST_YEAR.finditer(work, start, end):
            found.append((match.start(), str(meeting.year - 1)))
        for match in _PERIOD_NOW.finditer(work, start, end):
            found.append((match.start(), f"{meeting.year}-{meeting.month:02d}"))
    compared = Spans(comparisons)
    return sorted((position, period, compared.overlaps(position, position + 1)) for position, period in found)


def _sentence(work: str, start: int, end: int, meeting: date | None) -> _Sentence:
    return _Sentence(start, end, [m.span() for m in _CLAUSE_BREAK.finditer(work, start, end)],
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


def _window(sentence: _Sentence, number: _Number) -> tuple[int, int]:
    """The sentence around a number, at most ``_WINDOW`` characters each side (linear time)."""
    return max(sentence.start, number.start - _WINDOW), min(sentence.end, number.end + _WINDOW)


def _clause(sentence: _Sentence, number: _Number) -> tuple[int, int]:
    return _between(sentence.clause_breaks, *_window(sentence, number), number.start)


def _quote(text: str, sentence: _Sentence, number: _Number) -> tuple[int, int]:
    start, end = _window(sentence, number)
    if end - start > 180:
        narrow = _between(sentence.quote_breaks, start, end, number.start)
        if narrow[1] - narrow[0] >= 30:
            start, end = narrow
    return trim_span(text, start, end)


def _nearest_time(sentence: _Sentence, start: int, end: int, position: int, comparisons_too: bool) -> str | None:
    best: tuple[int, str] | None = None
    for index in range(bisect_left(sentence.times, (start, "", False)), len(sentence.times)):
        found, period, compared = sentence.times[index]
        if found >= end:
            break
        if (comparisons_too or not compared) and (best is None or abs(found - position) < best[0]):
            best = (abs(found - position), period)
    return best[1] if best else None


def _period(sentence: _Sentence, number: _Number, meeting: date | None) -> tuple[str | None, bool]:
    """The figure's period: a time in its clause, else the nearest in its sentence that is not the
    basis of a comparison, else the meeting's month; the flag says it could not be known."""
    earlier = number.role == "earlier"
    clause = _clause(sentence, number)
    found = _nearest_time(sentence, clause[0], clause[1], number.start, earlier)
    if found is None and not earlier:
        found = _nearest_time(sentence, *_window(sentence, number), number.start, False)
    if found is None and meeting is not None and not earlier:
        return f"{meeting.year}-{meeting.month:02d}", False
    return found, found is None


def _indicator(norm_sentence: str, sentence_text: str, number_offset: int, unit: str | None) -> str | None:
    best: tuple[int, int, str] | None = None
    position = len(normalise(sentence_text[:number_offset])) if number_offset else 0
    for synonym in load_synonyms():
        if synonym.unit != unit:
            continue
        if synonym.requires is not None and not synonym.requires.search(norm_sentence):
            continue
        for match in synonym.pattern.finditer(norm_sentence):
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
        name = re.sub(r"(?:\s+(?:County|City|Borough|District|Metropolitan))+$", "", name)
        if name and name.split()[0] not in _NOT_PLACES:
            counts[name] += 1
    return counts.most_common(1)[0][0] if counts else None


def _area(work: str, sentence: _Sentence, number: _Number, home: str | None) -> str | None:
    clause = _clause(sentence, number)
    window_start = max(sentence.start, min(clause[0], number.start - 60))
    best = None
    for start, _, name in find_areas(work, window_start, number.start):
        if name != "England" or re.search(r"\bin\s+$", work[max(0, start - 4):start]):
            best = name
    if best is None and home and re.search(r"\b" + re.escape(home) + r"\b", work[window_start:number.start]):
        best = home
    return best or home


def _earlier_records(text: str, context: _Sentence, numbers: list[_Number], later: dict,
                     meeting: date | None) -> list[tuple[_Number, dict]]:
    """Earlier values named before the figure they lead to ("from 1,900 in April to 1,452"): same
    unit, indicator and area as that figure, their own period."""
    out = []
    for number in numbers:
        number.unit = later["unit"]
        quote = _quote(text, context, number)
        period, guessed = _period(context, number, meeting)
        record = {**later, "value": _number(number.value), "period": period, "comparators": {},
                  "quote": squash(text[quote[0]:quote[1]]), "span": [quote[0], quote[1]]}
        record.pop("doubt", None)
        if guessed:
            record["doubt"] = "period not known"
        out.append((number, record))
    return out


def find_figures(text: str, work: str, item_key: str, block: Block, meeting: date | None, home: str | None) -> list[dict]:
    """Figures of one block, in text order."""
    records: list[dict] = []
    for sentence in sentence_spans(work, block.start, block.end):
        if not _ANY_NUMBER.search(work, *sentence):
            continue
        excluded = _excluded_spans(work, *sentence)
        numbers = [n for n in (_classify(work, sentence[0], n, bool(n.extra.get("word")))
                               for n in _numbers(work, *sentence, excluded)) if n]
        if not numbers:
            continue
        sentence_records: list[tuple[_Number, dict]] = []
        pending_comparators: list[_Number] = []
        pending_earlier: list[_Number] = []
        last_by_unit: dict[str, tuple[_Number, dict]] = {}
        context = _sentence(work, *sentence, meeting)
        for number in numbers:
            window = _window(context, number)
            norm_window = normalise(work[window[0]:window[1]])
            primary = last_by_unit.get(number.unit) if number.unit else (sentence_records[-1] if sentence_records else None)
            if number.role == "comparator":
                if primary is not None and (number.unit in (None, primary[1]["unit"])):
                    primary[1]["comparators"].setdefault(number.comparator_area, _number(number.value))
                    continue
                if primary is None and number.unit is None:
                    pending_comparators.append(number)
                    continue
                if number.unit is None:
                    continue
            if number.unit is None:
                if primary is None:
                    if number.role == "earlier":
                        pending_earlier.append(number)  # "fallen from 1,900 in April to 1,452": the unit comes later
                    continue
                number.unit = primary[1]["unit"]
            quote = _quote(text, context, number)
            period, guessed = _period(context, number, meeting)
            indicator = (primary[1]["indicator"] if number.role == "earlier" and primary else
                         _indicator(norm_window, work[window[0]:window[1]], number.start - window[0], number.unit))
            area = _area(work, context, number, home)
            if number.role == "comparator":
                area = number.comparator_area
            record = {
                "item": item_key, "indicator": indicator, "value": _number(number.value), "unit": number.unit,
                "area": area, "period": period, "comparators": {}, "quote": squash(text[quote[0]:quote[1]]),
                "span": [quote[0], quote[1]], "_block": block.kind,
            }
            for comparator in pending_comparators:
                if comparator.unit in (None, number.unit):
                    record["comparators"].setdefault(comparator.comparator_area, _number(comparator.value))
            pending_comparators = []
            if number.role != "earlier" and pending_earlier:
                sentence_records.extend(_earlier_records(text, context, pending_earlier, record, meeting))
                pending_earlier = []
            doubts = []
            if indicator is None:
                doubts.append("indicator unmatched")
            if guessed:
                doubts.append("period not known")
            if doubts:
                record["doubt"] = "; ".join(doubts)
            sentence_records.append((number, record))
            last_by_unit[number.unit] = (number, record)
        records.extend(r for _, r in sorted(sentence_records, key=lambda nr: nr[0].start))
    return records
