"""A county's ten years of minutes, synthetic but written as English councils write them, and its database.

``python benchmarks/corpus.py [--scale 1.0] [--seed 2022]`` writes minutes files (plain text and
ModernGov-style HTML pages) for 30 committees x 10 years x 10 meetings at scale 1 ("county"), then
builds them with the real ``build`` command and the arguments ``make`` gives it, only its extraction
(``scrutinydesk.ingest.extract_path`` per file) spread over a pool of worker processes. Everything is
deterministic from the seed: each meeting has its own random stream, so a meeting reads the same at
every scale.

Generated minutes and built databases are cached under ``benchmarks/out/`` (gitignored): minutes by
seed and scale, databases also by a fingerprint of the extractor and build code, so a change to either
rebuilds and the recorded build timings always belong to the code that is measured.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import html
import json
import random
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
GENERATOR_VERSION = 2  # bump when the generated text changes, so cached corpora are rewritten

COUNTY_COMMITTEES = 30
COUNTY_YEARS = 10
MEETINGS_PER_YEAR = 10
FIRST_YEAR = 2015
MEETING_MONTHS = (1, 2, 3, 5, 6, 7, 9, 10, 11, 12)

# Name, theme. The first three are the children's committees the app was made for.
COMMITTEES = (
    ("Children's Scrutiny Committee", "children"), ("Cabinet", "mixed"), ("Corporate Parenting Board", "children"),
    ("Health and Adult Care Scrutiny Committee", "adults"), ("Children's Standing Overview Group", "children"),
    ("Corporate Infrastructure and Regulatory Services Scrutiny Committee", "place"), ("Audit Committee", "finance"),
    ("Investment and Pension Fund Committee", "finance"), ("Development Management Committee", "regulatory"),
    ("Standards Committee", "regulatory"), ("Health and Wellbeing Board", "adults"), ("Schools Forum", "education"),
    ("Devon Education Forum", "education"), ("Farms Estate Committee", "place"),
    ("Public Rights of Way Committee", "place"), ("Exeter Highways and Traffic Orders Committee", "place"),
    ("Teignbridge Highways and Traffic Orders Committee", "place"),
    ("East Devon Highways and Traffic Orders Committee", "place"),
    ("Mid Devon Highways and Traffic Orders Committee", "place"),
    ("North Devon Highways and Traffic Orders Committee", "place"),
    ("South Hams Highways and Traffic Orders Committee", "place"),
    ("Torridge Highways and Traffic Orders Committee", "place"),
    ("West Devon Highways and Traffic Orders Committee", "place"), ("Resources Scrutiny Committee", "finance"),
    ("Adult Social Care Standing Overview Group", "adults"), ("Appointments and Remuneration Committee", "regulatory"),
    ("Procedures Committee", "regulatory"), ("Climate Change and Environment Scrutiny Committee", "place"),
    ("Devon Pension Board", "finance"), ("County Council", "mixed"),
)

SURNAMES = (
    "Hannaford", "Sanders", "Aves", "Channon", "Gribble", "Hawkins", "Hellyer", "Letch", "Squires", "Mabin",
    "Leadbetter", "Atkinson", "Bailey", "Biederman", "Brazil", "Brook", "Chesterton", "Connett", "Croad",
    "Dewhirst", "Edgell", "Gilbert", "Hart", "Hodgson", "Hughes", "Hosking", "Jeffery", "Laws", "Leaver",
    "McGeough", "Morse", "Parsons", "Patrick", "Radford", "Randall-Johnson", "Redwood", "Saywell", "Scott",
    "Slade", "Thomas", "Trail", "Twiss", "Wragg", "Whitton", "Yabsley", "Berry", "Dash", "Bullivant",
    "Cox", "Sellis", "Hook", "Wood", "Ball", "Barker", "Colthorpe", "Dyke", "Hill", "Manley", "Coles", "Wrigley",
)
INITIALS = "ABCDEFGHJKLMNPRSTW"

OWNERS = {
    "children": ("Head of Children's Social Care", "Director of Children and Young People's Futures",
                 "Head of Service", "Scrutiny Officer", "Chief Officer for Children's Services",
                 "Improvement Lead", "Head of Education and Learning"),
    "adults": ("Director of Integrated Adult Social Care", "Head of Adult Commissioning and Health",
               "Director of Public Health", "Scrutiny Officer", "Head of Service"),
    "place": ("Chief Officer for Highways, Infrastructure Development and Waste", "Head of Planning, Transportation "
              "and Environment", "Neighbourhood Highway Manager", "Head of Climate Change, Environment and "
              "Transport", "Public Rights of Way Manager"),
    "finance": ("Director of Finance and Public Value", "Head of Devon Audit Partnership", "Investments Manager",
                "Head of Pensions", "Deputy Director of Finance"),
    "regulatory": ("Director of Legal and Democratic Services", "Monitoring Officer", "Chief Planner",
                   "Head of Human Resources", "Democratic Services Manager"),
    "education": ("Head of Education and Learning", "Head of SEND", "Schools Finance Manager",
                  "Director of Children and Young People's Futures"),
}

TOPICS = {
    "children": ("placement sufficiency", "the recruitment and retention of social workers", "unregistered placements",
                 "care leavers' accommodation", "the Early Help offer", "the Multi-Agency Safeguarding Hub",
                 "the Ofsted improvement plan", "the Family Hubs programme", "children missing education",
                 "the edge of care service", "foster carer recruitment", "the Youth Offending Service",
                 "the timeliness of assessments", "permanency planning", "the MASH Guardian system",
                 "supervision and management oversight", "the voice of the child", "exploitation and county lines"),
    "adults": ("hospital discharge", "domiciliary care capacity", "the Better Care Fund", "carers' assessments",
               "the care market", "mental health crisis services", "reablement", "direct payments",
               "the adult social care workforce", "dementia services", "safeguarding adults"),
    "place": ("the highway maintenance programme", "pothole repairs", "winter gritting", "the bus service improvement "
              "plan", "public rights of way", "flood risk management", "household waste recycling", "the carbon plan",
              "street lighting", "the farms estate", "traffic regulation orders", "school crossing patrols",
              "electric vehicle charging", "cycling and walking routes"),
    "finance": ("the revenue budget", "the capital programme", "treasury management", "the medium term financial "
                "strategy", "internal audit", "the corporate risk register", "the Pension Fund's investments",
                "the funding strategy statement", "responsible investment", "counter fraud", "the external audit"),
    "regulatory": ("the Code of Conduct", "planning applications", "the constitution", "member development",
                   "pay policy", "the scheme of delegation", "minerals and waste planning", "staff wellbeing"),
    "education": ("the high needs block", "Education, Health and Care Plans", "school place planning", "SEND "
                  "transport", "elective home education", "school exclusions", "the schools funding formula",
                  "early years funding", "school attendance"),
}

ITEM_TITLES = {
    "children": ("Performance Report", "Improvement Plan Monitoring", "Children's Social Care Performance Update",
                 "Recruitment and Retention of Social Workers", "Placement Sufficiency Strategy", "Care Leavers' Offer",
                 "Budget Monitoring: Children's Services", "Family Hubs Update", "Youth Justice Plan",
                 "Ofsted Monitoring Visit Feedback", "Exploitation and Missing Children"),
    "adults": ("Adult Social Care Performance", "Hospital Discharge and Flow", "Better Care Fund Plan",
               "Care Market Sufficiency", "Public Health Annual Report", "Carers' Strategy", "Budget Monitoring: "
               "Integrated Adult Social Care", "Mental Health Services Update"),
    "place": ("Highway Maintenance Performance", "Winter Service Review", "Bus Service Improvement Plan",
              "Traffic Regulation Orders", "Flood Risk Management Update", "Waste Performance",
              "Carbon Plan Progress", "Public Rights of Way Annual Report", "Farms Estate Rents",
              "Local Transport Plan", "Speed Limit Review"),
    "finance": ("Budget Monitoring Month 8", "Treasury Management Stewardship", "Internal Audit Progress Report",
                "Corporate Risk Register", "Capital Programme Update", "Pension Fund Valuation",
                "Investment Performance", "Medium Term Financial Strategy", "External Audit Findings"),
    "regulatory": ("Code of Conduct Complaints", "Planning Applications", "Review of the Constitution",
                   "Pay Policy Statement", "Member Development Programme", "Appeals Monitoring"),
    "education": ("High Needs Block Recovery Plan", "SEND Improvement Programme", "School Place Planning",
                  "Schools Funding Formula", "Early Years Funding", "Elective Home Education Annual Report"),
}

DISCUSSION = (
    "Members asked about the pressures on {topic} and were advised that demand remained higher than before the "
    "pandemic, although the position had stabilised over recent months.",
    "In response to a question on {topic}, the {owner} explained that work was ongoing with partners and that "
    "progress would be reported to a future meeting.",
    "Concern was expressed about the impact of the cost of living on families, and Members noted that {topic} "
    "remained a priority within the service plan.",
    "The Chair thanked officers for the report and for their work on {topic}, which Members recognised had been "
    "challenging.",
    "Members discussed the relationship between {topic} and {other}, and the importance of a joined-up approach "
    "across the Council and its partners.",
    "It was noted that the quality assurance framework had been refreshed and that audits of {topic} now took "
    "place monthly with findings shared with Members.",
    "A Member raised the experience of residents in their division regarding {topic}; the {owner} offered to "
    "discuss the individual circumstances outside the meeting.",
    "Members welcomed the improvement in {topic} but cautioned that it needed to be sustained before the "
    "service could be confident it was embedded.",
    "The {owner} reported that the national picture on {topic} was similar, with many authorities facing the "
    "same difficulties in the current market.",
    "Members sought assurance on the governance of {topic}; officers confirmed that the programme board met "
    "fortnightly and reported to the Senior Leadership Team.",
)
INTRO = (
    "The Committee received the Report of the {owner} ({ref}) which provided an update on {topic}.",
    "The Committee considered the Report of the {owner} ({ref}) on {topic}, together with the latest performance "
    "dashboard.",
    "The {owner} presented the Report ({ref}) on {topic} and highlighted the key points below.",
)
ACTION_VERBS = (
    "provide a breakdown of {topic} by locality", "circulate a briefing note on {topic} to Members",
    "send Members the trajectory for {topic}", "bring a report on {topic} to the next meeting",
    "share the latest data on {topic} with the Committee", "arrange a Member briefing on {topic}",
    "confirm the timetable for {topic}", "write to the Minister regarding {topic}",
    "include {topic} in the work programme", "report back on the outcome of the review of {topic}",
)
RESOLUTION_PARTS = (
    "Welcomes the progress made on {topic}", "Raises concerns about {topic} and asks for further information",
    "Asks the Cabinet Member to set out targets for {topic} so that progress can be checked",
    "Notes the report and the actions being taken on {topic}",
    "Requests that a further update on {topic} be brought to the Committee in six months",
    "Recommends to Cabinet that {topic} be reviewed as part of the budget process",
    "Thanks officers and partners for their work on {topic}",
    "Agrees to establish a task group to examine {topic}",
)
RESOLUTION_SIMPLE = (
    "that the report be noted.", "that the report on {topic} be noted and a further update be received in twelve "
    "months.", "that the Committee endorses the approach to {topic} set out in the report.",
    "that the recommendations of the report on {topic} be approved.",
    "that the Committee's work programme be amended to include {topic}.",
)

# (indicator code or None, sentence, {slot: (low, high, decimals)}); v drifts over the years.
FIGURES = {
    "children": (
        ("REF_RATE", "Referral rates had {dir} across the county in {month}, with Devon ({v} per 10,000) compared "
         "with the national average ({e}).", {"v": (420, 560, 0), "e": (495, 560, 0)}),
        ("ASSESS_45D", "Assessment performance had continued to improve to {v}% in {month}, against {e}% "
         "nationally.", {"v": (62, 94, 0), "e": (82, 88, 0)}),
        ("SW_AGENCY", "The percentage of agency social workers stood at {v}% in {month}.", {"v": (14, 40, 1)}),
        ("SW_CASELOAD", "The average caseload had reduced to {v}, compared to {w} in {prevmonth}.",
         {"v": (14, 24, 0), "w": (16, 26, 0)}),
        ("CLA_NUM", "Children in care numbers stood at {n} at the end of {month}.", {"n": (680, 880, 0)}),
        ("UASC_NUM", "The number of unaccompanied asylum seeking children looked after was {n}.", {"n": (10, 80, 0)}),
        ("REREF_12M", "Re-referrals within 12 months were {v}%, compared with {e}% for statistical neighbours.",
         {"v": (14, 28, 1), "e": (19, 23, 1)}),
        ("CL_ACC_1921", "{v}% of care leavers aged 19 to 21 were in suitable accommodation.", {"v": (72, 93, 0)}),
        ("CPP_SUBSEQ", "Child protection plans that were a second or subsequent plan had fallen to {v}%.",
         {"v": (18, 34, 0)}),
        ("CLA_UNREGISTERED", "There were {words} children placed in unregistered accommodation in {month}.",
         {"words": (1, 9, 0)}),
        ("CPP_2YR", "Child protection plans lasting two years or more accounted for {v}% of plans.", {"v": (1, 6, 1)}),
        ("ICPC_15D", "Initial child protection conferences held within 15 working days were at {v}%.",
         {"v": (55, 90, 0)}),
        ("SW_VACANCY", "The social worker vacancy rate was {v}% in {month}.", {"v": (8, 24, 1)}),
        ("MASH_CONTACTS_CHANGE", "Contacts to the MASH had increased by {v}% compared with the same period last "
         "year.", {"v": (3, 25, 0)}),
        ("CPP_RATE", "The rate of children subject to a child protection plan was {v} per 10,000.", {"v": (35, 55, 1)}),
        ("CLA_3PLUS_PLACEMENTS", "{v}% of children looked after had three or more placements in the year.",
         {"v": (7, 13, 1)}),
    ),
    "adults": (
        (None, "{v}% of older people were still at home 91 days after discharge from hospital.", {"v": (78, 90, 1)}),
        (None, "The number of people receiving long term support was {n}.", {"n": (9800, 12400, 0)}),
        (None, "Care home occupancy was running at {v}% across the county.", {"v": (84, 95, 0)}),
        (None, "{n} people were awaiting a care assessment, down from {m} in {prevmonth}.",
         {"n": (300, 900, 0), "m": (400, 1100, 0)}),
        (None, "Uptake of direct payments stood at {v}%, against {e}% nationally.", {"v": (20, 32, 1), "e": (26, 29, 1)}),
        (None, "The domiciliary care vacancy rate was {v}% in {month}.", {"v": (8, 16, 1)}),
    ),
    "place": (
        (None, "{n} potholes had been repaired in {month}, against {m} in the same month last year.",
         {"n": (2500, 9000, 0), "m": (2500, 9000, 0)}),
        (None, "{v}% of category one defects were repaired within 24 hours.", {"v": (86, 99, 0)}),
        (None, "Household waste recycling reached {v}% in the year to {month}.", {"v": (53, 58, 1)}),
        (None, "Bus patronage had recovered to {v}% of pre-pandemic levels.", {"v": (70, 95, 0)}),
        (None, "Carbon emissions had fallen by {v}% against the 2012-13 baseline.", {"v": (20, 45, 0)}),
        (None, "{n} street lights had been converted to LED, at a cost of £{m} million.",
         {"n": (4000, 18000, 0), "m": (1, 6, 1)}),
    ),
    "finance": (
        (None, "The forecast overspend was £{m} million at month {k}.", {"m": (1, 40, 1), "k": (3, 10, 0)}),
        (None, "£{m} million of savings had been delivered against a target of £{w} million.",
         {"m": (5, 30, 1), "w": (10, 35, 1)}),
        (None, "The Pension Fund's value stood at £{b} billion, a return of {v}% over the year.",
         {"b": (4, 6, 2), "v": (-4, 14, 1)}),
        (None, "The funding level was {v}% at the last valuation.", {"v": (88, 108, 0)}),
        (None, "{v}% of internal audit recommendations had been implemented on time.", {"v": (70, 95, 0)}),
        (None, "The council tax collection rate was {v}%.", {"v": (96, 99, 1)}),
    ),
    "regulatory": (
        (None, "{n} planning applications were determined, {v}% within the statutory period.",
         {"n": (20, 90, 0), "v": (70, 100, 0)}),
        (None, "{n} complaints were received under the Code of Conduct in the year.", {"n": (3, 30, 0)}),
        (None, "Sickness absence averaged {v} days per full-time equivalent.", {"v": (6, 11, 1)}),
    ),
    "education": (
        (None, "{v}% of Education, Health and Care Plans were issued within 20 weeks, against {e}% nationally.",
         {"v": (10, 70, 0), "e": (49, 60, 0)}),
        (None, "The high needs block deficit had reached £{m} million.", {"m": (20, 160, 1)}),
        (None, "{n} children were electively home educated at the end of {month}.", {"n": (1500, 3200, 0)}),
        (None, "Permanent exclusions had risen to {n} in the academic year.", {"n": (60, 180, 0)}),
    ),
}
RAG_SUBJECTS = (
    ("4.10", "Children in care have a clear permanency plan by their second review"),
    ("2.3", "Management oversight is evident on every child's record"),
    ("1.1", "Children receive the right help at the right time through the MASH"),
    ("3.4", "Care leavers live in suitable accommodation"),
    ("5.2", "A stable, permanent and skilled workforce"),
    ("6.1", "The voice of children, young people and families influences services"),
)
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")


@dataclass(frozen=True)
class CorpusSpec:
    """Which corpus: its seed, and its size as a fraction of the county (30 x 10 x 10 meetings)."""

    seed: int = 2022
    scale: float = 1.0

    @property
    def meetings(self) -> int:
        return max(1, round(COUNTY_COMMITTEES * COUNTY_YEARS * MEETINGS_PER_YEAR * self.scale))

    @property
    def committees(self) -> int:
        """Every committee while there are meetings enough: a smaller corpus is fewer years, not fewer
        committees, so it has the county's mix of minutes and its time per meeting compares."""
        return min(COUNTY_COMMITTEES, self.meetings)

    @property
    def key(self) -> str:
        return f"s{self.seed}-x{self.scale:g}"


@dataclass
class Planted:
    """What the generator wrote, to set beside what the extractor found."""

    meetings: int = 0
    items: int = 0
    resolutions: int = 0
    actions: int = 0
    figures: int = 0
    rag: int = 0
    characters: int = 0
    files: dict[str, int] = field(default_factory=dict)

    def add(self, other: Planted) -> None:
        for name in ("meetings", "items", "resolutions", "actions", "figures", "rag", "characters"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, count in other.files.items():
            self.files[kind] = self.files.get(kind, 0) + count


def meeting_dates(committee_index: int, count: int) -> list[date]:
    """The committee's ``count`` most recent meeting dates: ten a year, on its own weekday and week."""
    weekday = committee_index % 4  # Monday to Thursday
    week = committee_index % 3
    dates = []
    for year in range(FIRST_YEAR, FIRST_YEAR + COUNTY_YEARS):
        for month in MEETING_MONTHS:
            first = date(year, month, 1)
            dates.append(first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * week))
    return dates[-count:] if count else []


def schedule(spec: CorpusSpec) -> list[tuple[int, date]]:
    """(committee index, date) of every meeting in the corpus, committee by committee, most recent first kept."""
    committees = spec.committees
    base, extra = divmod(spec.meetings, committees)
    return [(c, when) for c in range(committees) for when in meeting_dates(c, base + (1 if c < extra else 0))]


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def long_date(when: date) -> str:
    return f"{when.strftime('%A')} {when.day} {MONTH_NAMES[when.month - 1]} {when.year}"


class MeetingWriter:
    """Writes one meeting's minutes as blocks (headings, paragraphs, bullet lists) from its own random stream."""

    def __init__(self, spec: CorpusSpec, committee_index: int, when: date) -> None:
        self.rng = random.Random(f"{spec.seed}:{committee_index}:{when.isoformat()}")
        self.committee, self.theme = COMMITTEES[committee_index]
        self.when = when
        self.members = self.rng.sample(SURNAMES, 9)
        self.planted = Planted(meetings=1)
        self.report_series = "".join(w[0] for w in self.committee.split() if w[0].isupper())[:3].upper()

    # -- words ------------------------------------------------------------------------------------
    def _theme(self) -> str:
        return self.rng.choice(("children", "finance", "place")) if self.theme == "mixed" else self.theme

    def _fill(self, template: str, theme: str, topic: str | None = None) -> str:
        """A template with its slots filled; ``topic`` keeps an item's paragraphs on one subject."""
        topics = TOPICS[theme]
        if topic is None or self.rng.random() < 0.3:
            topic = self.rng.choice(topics)
        return template.format(topic=topic, other=self.rng.choice(topics),
                               owner=self.rng.choice(OWNERS[theme]), ref=self._ref())

    def _ref(self) -> str:
        return f"{self.report_series}/{self.when.year % 100:02d}/{self.rng.randint(1, 40)}"

    def _motion(self) -> str:
        mover, seconder = self.rng.sample(self.members, 2)
        return f"It was MOVED by Councillor {mover}, SECONDED by Councillor {seconder} and"

    def _month_before(self, months: int) -> str:
        index = (self.when.month - 1 - months) % 12
        return MONTH_NAMES[index]

    def _value(self, low: float, high: float, decimals: int) -> str:
        drift = (self.when.year - FIRST_YEAR) / COUNTY_YEARS * (high - low) * 0.3
        value = min(high, max(low, low + (high - low) * self.rng.random() * 0.7 + drift))
        if decimals == 0:
            return f"{round(value):,}"
        return f"{value:.{decimals}f}"

    def figure(self, theme: str) -> str:
        _code, template, slots = self.rng.choice(FIGURES[theme])
        values = {}
        for slot, (low, high, decimals) in slots.items():
            values[slot] = NUMBER_WORDS[self.rng.randint(low, high) - 1] if slot == "words" \
                else self._value(low, high, decimals)
        text = template.format(dir=self.rng.choice(("increased", "decreased", "remained broadly stable")),
                               month=self._month_before(1), prevmonth=f"{self._month_before(6)} {self.when.year - 1}",
                               **values)
        self.planted.figures += 1
        return text[0].upper() + text[1:]

    def action(self, theme: str, topic: str) -> str:
        owner = self.rng.choice(OWNERS[theme])
        verb = self._fill(self.rng.choice(ACTION_VERBS), theme, topic)
        self.planted.actions += 1
        roll = self.rng.random()
        if roll < 0.4:
            due = self.when + timedelta(days=self.rng.choice((28, 42, 56, 90)))
            tail = f" by {due.day} {MONTH_NAMES[due.month - 1]} {due.year}" if self.rng.random() < 0.6 else ""
            return f"ACTION: {owner} to {verb}{tail}."
        if roll < 0.8:
            who = "Officers" if self.rng.random() < 0.5 else f"The {owner}"
            return f"{who} agreed to {verb}" + (" at a later date." if self.rng.random() < 0.3 else ".")
        topic = self.rng.choice(TOPICS[theme])
        return f"On {topic}, Officers would revert post-meeting with the figures requested."

    def resolution(self, theme: str, topic: str, motion: bool) -> list[str]:
        """A decision as paragraphs: the motion line, RESOLVED, and lettered parts where there are some."""
        self.planted.resolutions += 1
        lines = [self._motion()] if motion else []
        if self.rng.random() < 0.55:
            parts = self.rng.sample(RESOLUTION_PARTS, self.rng.randint(2, 4))
            lines.append("RESOLVED that the Committee:")
            for number, part in enumerate(parts):
                end = "." if number == len(parts) - 1 else ";"
                lines.append(f"({'abcd'[number]}) {self._fill(part, theme, topic)}{end}")
        else:
            lines.append("RESOLVED " + self._fill(self.rng.choice(RESOLUTION_SIMPLE), theme, topic))
        return lines

    # -- the meeting --------------------------------------------------------------------------------
    def items(self) -> list[tuple[str, str, list[tuple[str, object]]]]:
        """(number, title, blocks) per item; a block is ("p", text) or ("ul", [texts])."""
        out: list[tuple[str, str, list[tuple[str, object]]]] = []
        previous = self.when - timedelta(days=self.rng.choice((28, 35, 42, 56)))
        out.append(("", "Minutes", [
            ("p", self._motion()),
            ("p", f"RESOLVED that the minutes of the meeting held on {_ordinal(previous.day)} "
                  f"{MONTH_NAMES[previous.month - 1]} {previous.year} be signed as a correct record."),
        ]))
        self.planted.resolutions += 1
        out.append(("", "Items Requiring Urgent Attention",
                    [("p", "There was no item raised as a matter of urgent attention.")]))
        out.append(("", "Public Participation", [("p", "There were no oral representations from members of the public.")]))
        if self.rng.random() < 0.5:
            out.append(("", "Declarations of Interest", [("p", f"Councillor {self.members[0]} declared a personal interest in "
                                                              "the item on the work programme by virtue of being a "
                                                              "school governor.")]))
        for _ in range(self.rng.randint(8, 12)):
            out.append(("", *self._substantive()))
        numbered = [(str(n), title, blocks) for n, (_, title, blocks) in enumerate(out, start=1)]
        self.planted.items += len(numbered)
        return numbered

    def _substantive(self) -> tuple[str, list[tuple[str, object]]]:
        theme = self._theme()
        title = self.rng.choice(ITEM_TITLES[theme])
        performance = "Performance" in title or "Monitoring" in title or self.rng.random() < 0.2
        topic = self.rng.choice(TOPICS[theme])
        blocks: list[tuple[str, object]] = [("p", self._fill(self.rng.choice(INTRO), theme, topic))]
        figures = self.rng.randint(5, 9) if performance else self.rng.randint(0, 3)
        if figures:
            blocks.append(("p", "The Report outlined the following key points:-"))
            blocks.append(("ul", [self.figure(theme) for _ in range(figures)]))
        if theme == "children" and "Improvement Plan" in title:
            for ref, subject in self.rng.sample(RAG_SUBJECTS, 2):
                rating = self.rng.choice(("Red", "Amber", "Green"))
                blocks.append(("p", f"Priority {ref} '{subject}' was RAG rated {rating}."))
                self.planted.rag += 1
        discussion = [self._fill(t, theme, topic) for t in self.rng.sample(DISCUSSION, self.rng.randint(2, 4))]
        actions = [self.action(theme, topic) for _ in range(self.rng.choice((0, 0, 1, 1, 1, 2, 2)))]
        implicit = [a for a in actions if not a.startswith("ACTION:")]
        blocks.append(("p", "Members' questions and discussion points with Officers, included:"))
        blocks.append(("ul", discussion + implicit))
        blocks.extend(("p", a) for a in actions if a.startswith("ACTION:"))
        if self.rng.random() < 0.57:
            blocks.extend(("p", line) for line in self.resolution(theme, topic, motion=self.rng.random() < 0.6))
        return title, blocks

    def header(self) -> tuple[str, list[str]]:
        present = ", ".join(f"{self.rng.choice(INITIALS)} {name}" for name in self.members[:7])
        return self.committee, [f"Councillors {present} (Chair)", f"Apologies: Councillor {self.members[8]}"]


def render_text(writer: MeetingWriter) -> str:
    """Minutes as a council's Word document saved as text."""
    committee, attendance = writer.header()
    when = writer.when
    lines = ["Devon County Council", "", committee, "",
             f"Minutes of the meeting held on {long_date(when)} at 10.00 am at County Hall, Exeter", "",
             "Present:", "", *attendance, ""]
    for number, title, blocks in writer.items():
        lines += [f"{number}   {title}", ""]
        for kind, body in blocks:
            if kind == "p":
                lines += [str(body), ""]
            else:
                for entry in body:
                    lines += [f"-       {entry}", ""]
    lines.append(f"The meeting started at 10.00 am and finished at {writer.rng.choice(('12.35', '1.10', '2.45'))} pm")
    return "\n".join(lines) + "\n"


def render_html(writer: MeetingWriter) -> str:
    """Minutes as a ModernGov "Agenda and minutes" page (ieListDocuments.aspx)."""
    committee, attendance = writer.header()
    when = writer.when
    heading = f"{committee} - {when.strftime('%A')}, {_ordinal(when.day)} {MONTH_NAMES[when.month - 1]}, {when.year} 2.00 pm"
    esc = html.escape
    rows = []
    for number, title, blocks in writer.items():
        body = []
        for kind, content in blocks:
            if kind == "p":
                body.append(f"<p>{esc(str(content))}</p>")
            else:
                body.append("<ul>" + "".join(f"<li>{esc(entry)}</li>" for entry in content) + "</ul>")
        size = writer.rng.randint(90, 900)
        rows.append(
            f"<tr><td class='mgItemNumberCell'><p>{number}.</p></td><td><p class='mgSubItemTitleTxt'>{esc(title)} "
            f"<a href='documents/s{size}/report.pdf'>PDF {size} KB</a></p><p class='mgSectionTitle'>Minutes:</p>"
            f"<div class='mgWordPara'>{''.join(body)}</div></td></tr>"
        )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Agenda and minutes - {esc(heading)} - Devon County Council</title></head><body>"
        "<nav><a href='/'>Home</a> &gt; <a href='/mgListCommittees.aspx'>Committees</a></nav>"
        f"<div id='modgov'><div class='mgContent'><h1 class='title'>Agenda and minutes</h1><h2>{esc(heading)}</h2>"
        "<p>Venue: Committee Suite - County Hall, Topsham Road, Exeter, EX2 4QD</p>"
        "<p>Contact: Democratic Services 01392 382300 Email: committee@devon.gov.uk</p>"
        f"<h3>Attendance</h3><p>{esc(' '.join(attendance))}</p>"
        f"<table class='mgItemTable'>{''.join(rows)}</table></div></div>"
        "<footer>Devon County Council, County Hall, Exeter</footer></body></html>\n"
    )


def write_meeting(spec: CorpusSpec, committee_index: int, when: date, folder: Path) -> tuple[dict, Planted]:
    """Write one meeting's minutes file; returns its manifest row and what it holds."""
    writer = MeetingWriter(spec, committee_index, when)
    as_html = writer.rng.random() < 0.35
    text = render_html(writer) if as_html else render_text(writer)
    stem = f"{committee_index:02d}-{when.isoformat()}"
    name = f"{stem}.html" if as_html else f"{stem}.txt"
    (folder / name).write_text(text, encoding="utf-8")
    writer.planted.characters = len(text)
    writer.planted.files = {"html" if as_html else "text": 1}
    row = {"file": name, "committee": writer.committee, "meeting_date": when.isoformat(),
           "source_url": f"https://democracy.devon.gov.uk/ieListDocuments.aspx?MId={committee_index}{when:%Y%m%d}",
           "certainty": "synthetic benchmark minutes", "title": "", "report_ref": ""}
    return row, writer.planted


def generate_minutes(spec: CorpusSpec, folder: Path) -> Planted:
    """Write every meeting of the corpus and its manifest.csv into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    total = Planted()
    rows = []
    for committee_index, when in schedule(spec):
        row, planted = write_meeting(spec, committee_index, when, folder)
        rows.append(row)
        total.add(planted)
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return total


def minutes_folder(spec: CorpusSpec, out_root: Path = OUT) -> tuple[Path, Planted]:
    """The corpus's minutes, generated once per seed, scale and generator version."""
    folder = out_root / f"minutes-{spec.key}-g{GENERATOR_VERSION}"
    marker = folder / ".planted.json"
    if marker.is_file():
        return folder, Planted(**json.loads(marker.read_text()))
    planted = generate_minutes(spec, folder)
    marker.write_text(json.dumps(asdict(planted)))
    return folder, planted


def code_fingerprint() -> str:
    """A hash of the extractor, the build code and the data it reads: a change makes a new cached database."""
    digest = hashlib.sha256()
    code = ROOT / "scrutinydesk"
    paths = [*sorted((code / "ingest").rglob("*.py")), *sorted((code / "core").rglob("*.py")),
             code / "cli" / "build_cmd.py", *sorted((ROOT / "data").rglob("*.csv"))]
    for path in paths:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _extract_one(job: tuple[Path, object]):  # noqa: ANN202 - runs in a worker process
    from scrutinydesk.core.build_database import ExtractedDocument
    from scrutinydesk.ingest import extract_path

    path, meta = job
    extraction = extract_path(path, meta)
    return ExtractedDocument(extraction.text, extraction.document, meta)


class _PooledExtraction:
    """``build_cmd.extract_folder`` with the files shared out over worker processes, same order and result."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.seconds = 0.0

    def __call__(self, folder: Path) -> list:
        from scrutinydesk.cli.build_cmd import minutes_files
        from scrutinydesk.core.manifest import MANIFEST_NAME, load_manifest

        started = time.perf_counter()
        manifest_path = folder / MANIFEST_NAME
        manifest = load_manifest(manifest_path) if manifest_path.is_file() else {}
        jobs = [(path, manifest.get(path.name)) for path in minutes_files(folder)]
        if self.workers > 1:
            with ProcessPoolExecutor(self.workers) as pool:
                documents = list(pool.map(_extract_one, jobs, chunksize=8))
        else:
            documents = [_extract_one(job) for job in jobs]
        self.seconds = time.perf_counter() - started
        return documents


def build_corpus_db(folder: Path, out: Path, workers: int = 2) -> dict:
    """Run the ``build`` command on ``folder`` as ``make`` does (minutes, official values, DfE files), its
    extraction pooled over ``workers`` processes; returns what it found and how long each part took."""
    import sqlite3
    from unittest import mock

    from scrutinydesk.cli import build_cmd

    data = ROOT / "data"
    indicators = [data / "official_values.csv", *sorted((data / "dfe").glob("*.csv"))]
    args = [str(out), "--minutes", str(folder), *(a for path in indicators for a in ("--indicators", str(path)))]
    extraction = _PooledExtraction(workers)
    started = time.perf_counter()
    with mock.patch.object(build_cmd, "extract_folder", extraction):
        build_cmd.build.main(args, standalone_mode=False)
    seconds = time.perf_counter() - started
    conn = sqlite3.connect(out)
    found = {name: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for name, table in
             (("meetings", "meetings"), ("items", "items"), ("resolutions", "resolutions"), ("actions", "actions"),
              ("figures", "figures"), ("rag", "rag_ratings"))}
    conn.close()
    files = [p for p in folder.iterdir() if p.suffix in (".txt", ".html")]
    return {
        "documents": len(files), "bytes": sum(p.stat().st_size for p in files), "workers": workers,
        "extract_seconds": extraction.seconds, "write_seconds": seconds - extraction.seconds, "seconds": seconds,
        "db_bytes": out.stat().st_size, "found": found,
    }


def db_path(spec: CorpusSpec, out_root: Path = OUT) -> Path:
    """Where the corpus's database for the current code is (or will be) cached."""
    return out_root / f"county-{spec.key}-{code_fingerprint()}.db"


def corpus_db(spec: CorpusSpec, workers: int = 2, out_root: Path = OUT, force: bool = False) -> tuple[Path, dict]:
    """The corpus's built database and its build record, built only when missing (or forced).

    Databases built by earlier code for the same seed and scale are removed when a new one is built.
    """
    folder, planted = minutes_folder(spec, out_root)
    out = db_path(spec, out_root)
    record_path = out.with_suffix(".json")
    if out.is_file() and record_path.is_file() and not force:
        return out, json.loads(record_path.read_text())
    record = build_corpus_db(folder, out, workers) | {"planted": asdict(planted), "scale": spec.scale,
                                                      "seed": spec.seed, "built_at": time.strftime("%Y-%m-%d %H:%M")}
    record_path.write_text(json.dumps(record, indent=1))
    for stale in out_root.glob(f"county-{spec.key}-*"):
        if stale.stem != out.stem:
            stale.unlink()
    return out, record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the county corpus (default 1.0)")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--workers", type=int, default=2, help="extraction processes (default 2)")
    parser.add_argument("--force", action="store_true", help="rebuild the database even when cached")
    parser.add_argument("--minutes-only", action="store_true", help="write the minutes, do not build")
    args = parser.parse_args()
    spec = CorpusSpec(args.seed, args.scale)
    if args.minutes_only:
        folder, planted = minutes_folder(spec)
        print(f"{folder}: {json.dumps(asdict(planted))}")
        return
    path, record = corpus_db(spec, args.workers, force=args.force)
    print(f"{json.dumps(record, indent=1)}\n{path}")


if __name__ == "__main__":
    main()
