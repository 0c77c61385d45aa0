"""Which numbers in a sentence are figures, and of what kind.

A number becomes a figure only with a positive sign that it measures something: a unit (%, per
10,000, £, average days) or a counting context ("a total of 636", "standing at 48", "five
children"). Dates, times, ages, ranges, distances, item and section numbers, report references,
phone numbers and file sizes never do. Numbers introduced as the national average, statistical
neighbours or a target are comparators; "compared to 10 in October 2021" is an earlier value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from scrutinydesk.ingest.catalogue import find_areas
from scrutinydesk.ingest.layout import Spans
from scrutinydesk.ingest.segment import REPORT_REF
from scrutinydesk.ingest.when import (
    DAY_MONTH,
    DAY_MONTH_YEAR,
    ISO_DATE,
    MONTH_DAY_YEAR,
    MONTH_YEAR,
    NUMERIC_DATE,
)

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORD_NUMBER = re.compile(
    r"\b(?=[otfsenOTFSEN])(?:(?P<tens>" + "|".join(_TENS) + r")(?:[- ](?P<tail>" + "|".join(_UNITS) + r"))?"
    r"|(?P<unit>" + "|".join(_UNITS) + r")(?: hundred(?: and (?P<rest>\w+))?)?)\b", re.IGNORECASE)
_DIGITS = re.compile(r"(?<![\w/£.,])(?P<sign>[+-](?=\d))?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?![\w/]|[.,]\d)")
ANY_NUMBER = re.compile(r"\d|\b(?=[otfsenOTFSEN])(?:" + "|".join([*_UNITS, *_TENS]) + r")\b", re.IGNORECASE)  # initials first: fast
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
        r"\b\d+(?:\.\d+)?\s*(?:miles?|km|kilomet(?:re|er)s?|met(?:re|er)s?|feet|ft|acres?|hectares?|sq\s?m|mph|kph|km/h)\b",  # distances, speeds
        r"(?m:^)[^\S\n]*\d{1,3}\.?(?-i:(?=[^\S\n]+[A-Z][A-Z&'’,-]+(?:[^\S\n]+[A-Z&'’,-]+)+[^\S\n]*$))",  # "28 ELECTIVE HOME EDUCATION"
        r"(?m:^)[^\S\n]*\d{1,2}\.\d{1,2}(?:\.\d{1,2})?(?=[^\S\n]+[A-Z‘'\"“])",  # paragraph numbers ("1.2 Placement sufficiency")
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
_TIME_UNIT_AFTER = re.compile(r"^\s*(?:working\s+)?(?:days?|hours?|hrs?|weeks?|fortnights?|months?|quarters?|terms?|years?|yrs?|minutes?|mins?|seconds?|decades?)\b|^['’]s?\s+time", re.IGNORECASE)
_DAYS_AFTER = re.compile(r"^\s*(?:working\s+|calendar\s+)?days?\b", re.IGNORECASE)
_AVERAGE_BEFORE = re.compile(r"\b(?:average|averaged|mean|median|typical(?:ly)?|took|taking|takes|length)\b(?:\s+[\w'’-]+){0,8}?\s*(?:of|was|is|at|to|were|are)?\s*$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(
    r"(?:,|\band)\s+(?:up|down)\s+$|"  # "1,247 reports, up 31% on …"
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
# words one of which each slow pattern needs: a substring test first keeps number-dense text fast
_COMPARATOR_WORDS = ("national", "england", "statistical", "sn", "similar", "comparator", "region", "south", "north",
                     "east", "west", "london", "yorkshire", "good", "outstanding", "target")
_COUNT_WORDS = ("total", "stand", "stood", "now at", "currently at", "creas", "reduc", "fall", "fell", "rose", "risen",
                "rising", "drop", "grow", "grew", "come down", "gone", "improv", "down to", "reach", "peak", "of whom",
                "of which", "of these", "of those", "of them", "there ")
_VOTE = re.compile(r"\b(?:vot(?:e|es|ed|ing)|in favour|abstain(?:ed|ing)?|abstentions?|against the motion)\b", re.IGNORECASE)
_SIGNED = re.compile(r"\(\s*$")
_SUBJECT_VERB_AFTER = re.compile(r"^\s+(?:had|have|has|were|are|was|is)\s+(?:now\s+|already\s+|since\s+|also\s+)?(?:been\s+)?(?!rated\b|RAG\b)[a-z]+(?:ed|en|n|t)\b")
_SUBJECT_BEFORE = re.compile(r"(?:^|\b(?:that|highlighted|reported|noted|confirmed|showed|explained|advised|said|stated|and|with)|[,:;(]|^\W*)\s*$", re.IGNORECASE)
# what a comparator is named by: England, statistical neighbours, a region, good authorities, a target
COMPARATOR_AREA = (
    r"national(?:ly)?|england|statistical\s+neighbou?rs?|\bsns?\b|similar\s+(?:local\s+)?authorities|"
    r"comparators?|comparator\s+(?:group|authorities)|regional(?:ly)?|the\s+region|south\s+west|south\s+east|north\s+west|"
    r"north\s+east|east\s+midlands|west\s+midlands|east\s+of\s+england|london|yorkshire\s+and\s+the\s+humber|"
    r"good\s+(?:and\s+outstanding\s+)?(?:local\s+)?authorities|outstanding\s+(?:local\s+)?authorities|targets?")
_COMPARATOR_BEFORE = re.compile(
    rf"(?P<area>{COMPARATOR_AREA})"
    r"(?:['’]s)?(?:\s+(?:average|mean|median|figure|rate|level|performance|position|benchmark))?"
    r"(?:\s+(?:of|at|is|was|being|stands\s+at|stood\s+at|which\s+is|which\s+was|=))?\s*[:(=]?\s*(?:of\s+)?$",
    re.IGNORECASE)
_COMPARATOR_AFTER = re.compile(
    r"^\s*(?:%|per\s?cent)?\s*(?:per\s+(?:10,?000|10\s?k)\s+(?:children\s+)?)?(?P<area>nationally|in\s+england|across\s+england|for\s+england|"
    r"(?:for\s+|among\s+|across\s+|amongst\s+)?(?:our\s+|the\s+)?statistical\s+neighbou?rs?|regionally|"
    r"in\s+the\s+region|(?:for|among|across)\s+similar\s+authorities)\b", re.IGNORECASE)
_EARLIER_BEFORE = re.compile(
    r"\b(?:compared\s+(?:to|with)|against|from|up\s+from|down\s+from|versus|vs\.?|than)\s*(?:the\s+)?"
    r"(?:(?:just\s+)?(?:over|under)|around|about|almost|nearly|approximately|some|more\s+than|less\s+than|fewer\s+than|roughly)?\s*$",
    re.IGNORECASE)
# "from over 550", "to over 600": a qualifier, not the label of "over 16s"
_QUALIFIED = re.compile(r"\b(?:from|to|of|at|by|with|had|has|have|was|were|is|are|reached|received|made|recorded|now|just|still|than)\s+(?:over|under)\s*$", re.IGNORECASE)
# counted things that are the meeting's own business or an aim, not a measure of anything
_PROCEDURAL_PEOPLE = re.compile(
    r"^\s+(?:(?:local|other|further|more)\s+)?(?:residents?|members\s+of\s+the\s+public|people|speakers?|parents?|petitioners?|"
    r"objectors?|supporters?|councillors?|members?|public\s+speakers?)\b(?:[^.;]{0,60}?\b(?:raised|spoke|asked|attended|"
    r"addressed|submitted|registered|made|expressed|put|objected|questioned|presented)\b|(?<=public)\b)", re.IGNORECASE)
_PROCEDURAL_NOUNS = frozenset(
    "questions recommendations amendments motions items options appendices pages papers documents points times votes "
    "abstentions seats slides paragraphs sections chapters priorities actions objectives measures indicators targets "
    "areas themes workstreams categories levels stages phases steps reasons issues ways things concerns comments "
    "occasions members councillors apologies minutes elements aspects areas parts sessions".split())
_NOT_PLURAL = re.compile(r"(?:ss|us|is|ous|was|has|its|this|as|yes|always|perhaps|towards|whereas|across|besides|news|series)$")
_PLURAL_AFTER = re.compile(r"^\s+(?:(?:new|additional|further|more|other|local|total|recorded|separate|reported|individual|[a-z]+-[a-z]+)\s+){0,2}"
                           r"(?P<noun>[a-z]{3,}s)\b")
# "to recruit two additional psychologists", "one additional inspector would be appointed": an aim
_EXTRA_ONES = re.compile(r"^\s+(?:additional|extra|further)\b", re.IGNORECASE)
_AIM_BEFORE = re.compile(r"\b(?:to|would|will|could|should|shall|plan(?:s|ned)?\s+to|intends?\s+to|propos(?:e|ed|al)\s+(?:to|for)|"
                         r"funding\s+for|budget\s+for|bid\s+for)\b[^.;,]{0,30}$", re.IGNORECASE)
_AIM_AFTER = re.compile(r"^[^.;]{0,80}?\b(?:would|will|could|should|is\s+to|are\s+to|was\s+to|were\s+to)\s+be\b", re.IGNORECASE)
_THRESHOLD_BEFORE = re.compile(
    r"\b(?:(?:costing|costs?|cost\s+of|worth|valued\s+at|value\s+of|earning|earns?|paid|spending|spend|priced\s+at)\s+"
    r"(?:more\s+than|over|less\s+than|under|above|below|in\s+excess\s+of|at\s+least|exceeding|upwards\s+of|up\s+to)|"
    r"(?:grants?|awards?|payments?|loans?|funding|fines?)\s+of\s+up\s+to|thresholds?\s+of|limit\s+of)\s*$", re.IGNORECASE)
# "Of the 38 children known to social care, 21 were living …": a part of a counted whole
PARTITIVE_BEFORE = re.compile(r"\b(?:[Oo]f|[Aa]mong(?:st)?)\s+(?:(?:the|these|those)\s+|(?=[\d,]+\s))[^.;]{3,160}?,\s*$")
_IS_AFTER = re.compile(r"^\s+(?:were|was|are|is|had|have|has|lived|live|came|come|remained|remain)\b"
                       r"(?!\s+(?:(?:now|currently|also|still)\s+)?(?:rated|RAG|assessed\s+as|graded)\b)")
# "Children in care: 312, a rate of …": a measure's label and its value
_LABEL_VALUE = re.compile(r"(?P<label>[A-Z][\w '’()/-]{2,60}):\s*$")
_VALUE_ENDS = re.compile(r"^\s*(?:[,;.)]|\(|$|\s+(?:a|an|the|which|with|compared|against|up|down)\b)")
_HOURS_OF_WORDS = (r"\s*hours?\s+(?:a\s+week\s+|per\s+week\s+|a\s+month\s+)?of\s+(?:[a-z-]+\s+){0,2}?(?:care|support|tuition|provision|"
                   r"services?|therapy|respite|teaching|education|help|volunteering|training|overtime|contact|home\s+care)\b")
_HOURS_OF = re.compile("^" + _HOURS_OF_WORDS, re.IGNORECASE)
_HOURS_IN_SENTENCE = re.compile(r"\d" + _HOURS_OF_WORDS, re.IGNORECASE)
_EXCLUSION_START = re.compile(
    r"[\d+]|(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|aged?\b|ages\b|under|over|standing))")
_NATIONAL = re.compile(r"\b(?:national(?:ly)?|england)\b", re.IGNORECASE)
_SN = re.compile(r"\b(?:statistical|sns?|similar|comparator)\b", re.IGNORECASE)
_TARGET = re.compile(r"\btargets?\b", re.IGNORECASE)
_GOOD = re.compile(r"\b(?:good|outstanding)\b", re.IGNORECASE)
_REGION = re.compile(r"\bregion", re.IGNORECASE)


@dataclass
class Number:
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


def as_number(value: float) -> float | int:
    return int(value) if value == int(value) and abs(value) < 1e15 else round(value, 4)


def comparator_name(words: str) -> str:
    """The comparator's name as records print it ("Statistical neighbours", "England", "South West")."""
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


def _classify(work: str, sentence_start: int, number: Number, is_word: bool) -> Number | None:
    """Give a number its unit and role from its context, or ``None`` when it is not a figure."""
    left = work[max(sentence_start, number.start - 100):number.start]
    right = work[number.end:number.end + 80]
    if _LABEL_BEFORE.search(left[-30:]) and not _PERCENT_AFTER.match(right) and not _QUALIFIED.search(left[-40:]):
        return None
    if re.search(r"\bper\s*$", left, re.IGNORECASE):
        return None  # the "10,000" of "per 10,000"
    lowered = left[-100:].lower()
    comparator = _COMPARATOR_BEFORE.search(left[-70:]) if any(w in lowered for w in _COMPARATOR_WORDS) else None
    after = _COMPARATOR_AFTER.match(right)
    if number.unit == "gbp":
        if _THRESHOLD_BEFORE.search(left[-60:]):
            return None  # "placements costing more than £10,000 a week" is a threshold, not a measure
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
        if _HOURS_OF.match(right):
            number.unit = "count"  # "300 hours of care a week" counts care, not time
        elif not (re.match(r"\s*hours?\b", right) and _EARLIER_BEFORE.search(left[-40:])
                  and _HOURS_IN_SENTENCE.search(work, sentence_start, number.start)):
            return None
    elif comparator or after or _EARLIER_BEFORE.search(left[-40:]):
        number.unit = None  # decided against the figure it belongs to
    elif _counted(work, sentence_start, number, left, right, is_word):
        number.unit = "count"
    else:
        return None
    if number.unit == "count" and (_VOTE.search(left[-60:] + right[:60]) or _PROCEDURAL_PEOPLE.match(right)):
        return None  # "Five Members voted for", "Two residents raised concerns": the meeting's business
    if number.unit == "count" and _EXTRA_ONES.match(right) and (_AIM_BEFORE.search(left[-45:]) or _AIM_AFTER.match(right)):
        return None  # "to recruit two additional psychologists" is a plan, not a measure
    if number.unit == "count" and number.value != int(number.value) and not _AVERAGE_BEFORE.search(left[-90:]):
        return None  # "1.2 placements" is a paragraph number, not a count; an average may be fractional
    if comparator:
        number.role, number.comparator_area = "comparator", comparator_name(comparator.group("area"))
    elif after:
        number.role, number.comparator_area = "comparator", comparator_name(after.group("area"))
    elif _EARLIER_BEFORE.search(left[-40:]):
        number.role = "earlier"
    return number


def _counted(work: str, sentence_start: int, number: Number, left: str, right: str, is_word: bool) -> bool:
    """A count: a counted noun follows ("86 vehicles"), a counting phrase leads to it ("a total of",
    "of whom"), it is a part of a counted whole ("Of the 38 children …, 21 were"), or a measure's label
    names it ("Children in care: 312")."""
    lowered = left[-100:].lower()
    if _COUNT_AFTER.match(right) or (any(w in lowered for w in _COUNT_WORDS) and _COUNT_BEFORE.search(left[-45:])) \
            or (_MEASURE_WORD.search(left) and _MEASURE_BEFORE.search(left)) \
            or (number.extra.get("signed") and _SIGNED.search(left)) \
            or (not is_word and _SUBJECT_VERB_AFTER.match(right) and _SUBJECT_BEFORE.search(left[-40:])):
        return True
    plural = _PLURAL_AFTER.match(right)
    if plural and (not is_word or number.value > 10) and plural.group("noun") not in _PROCEDURAL_NOUNS \
            and not _NOT_PLURAL.search(plural.group("noun")):
        return True
    if _IS_AFTER.match(right) and PARTITIVE_BEFORE.search(work, max(sentence_start, number.start - 200), number.start):
        return True
    label = _LABEL_VALUE.search(left[-64:])
    return bool(label and _VALUE_ENDS.match(right) and re.search(_COUNT_NOUNS, label.group("label"), re.IGNORECASE))


def _numbers(work: str, start: int, end: int, excluded: list[tuple[int, int]]) -> list[Number]:
    found: list[Number] = []

    claimed = Spans(excluded)

    def free(s: int, e: int) -> bool:
        return not claimed.overlaps(s, e)

    for match in _MONEY.finditer(work, start, end):
        scale = (match.group("scale") or "").lower()
        factor = 1e9 if scale.startswith("b") else 1e6 if scale.startswith("m") else 1e3 if scale.startswith(("k", "t")) else 1
        found.append(Number(match.start(), match.end(), _value(match.group("int"), match.group("dec")) * factor, "gbp"))
    money = Spans([(n.start, n.end) for n in found])
    for match in _DIGITS.finditer(work, start, end):
        s, e = match.start("int"), match.end()
        if not free(s, e) or money.overlaps(s, s + 1):
            continue
        number = Number(match.start(), e, _value(match.group("int"), match.group("dec")))
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
            number = Number(match.start(), match.end(), value)
            number.extra["word"] = True
            found.append(number)
    return sorted(found, key=lambda n: n.start)


def find_numbers(work: str, start: int, end: int) -> list[Number]:
    """The figure-like numbers of ``work[start:end]`` (one sentence), classified, in text order."""
    if not ANY_NUMBER.search(work, start, end):
        return []
    excluded = _excluded_spans(work, start, end)
    return [n for n in (_classify(work, start, n, bool(n.extra.get("word"))) for n in _numbers(work, start, end, excluded)) if n]
