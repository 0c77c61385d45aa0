"""What goes on a member's briefing for one meeting: its agenda items, their questions, the figures cited.

Kept apart from the PDF drawing so the window's "My questions" view, the PDF and tests all read the
same structure: sections in agenda order (or, for a meeting not yet in the minutes, in the order of
the member's questions), each question numbered in the member's order, with the figures it refers to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from scrutinydesk.core.dates import meeting_when
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.figure_text import (
    comparator_values,
    format_comparators,
    format_number,
    format_value,
)
from scrutinydesk.core.note_targets import INDICATOR_PREFIX, MeetingInfo, clip_quote
from scrutinydesk.core.notebook import Note, Notebook
from scrutinydesk.core.periods import period_label

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class FigureLine:
    """A figure a question refers to: the number with its context, and the sentence it came from."""

    headline: str
    quote: str


STATUS_WORDS = {"draft": "Draft", "ready": "Ready to ask", "asked": "Asked", "answered": "Answered"}


@dataclass(frozen=True)
class BriefingQuestion:
    number: int
    note: Note
    figures: list[FigureLine]
    carried_from: str = ""  # the earlier meeting it was carried forward from, in words

    @property
    def about(self) -> str:
        """One line under the question: its status, what it is attached to, where it came from."""
        note = self.note
        parts = [STATUS_WORDS.get(note.status or "draft", "Draft")]
        if note.detached:
            parts.append(f"on a record no longer in the minutes: {note.target_label} “{note.target_quote}”")
        elif note.target_kind not in ("item", "meeting") and note.target_label:
            parts.append(f"on {note.target_label[0].lower()}{note.target_label[1:]}")
        if self.carried_from:
            parts.append(f"carried forward from {self.carried_from}")
        return " · ".join(parts)


@dataclass
class BriefingSection:
    """An agenda item (or "Other questions") and the member's questions under it."""

    heading: str
    reference: str = ""
    context: str = ""
    questions: list[BriefingQuestion] = field(default_factory=list)
    agenda_item: bool = True


@dataclass(frozen=True)
class Briefing:
    meeting: MeetingInfo
    sections: list[BriefingSection]

    @property
    def questions(self) -> list[BriefingQuestion]:
        return sorted((q for s in self.sections for q in s.questions), key=lambda q: q.number)


@dataclass(frozen=True)
class _Item:
    id: str
    meeting_id: str
    number: str | None
    title: str | None
    reference: str | None

    @property
    def heading(self) -> str:
        if self.number and self.title:
            return f"Item {self.number}  {self.title}"
        return self.title or (f"Item {self.number}" if self.number else "Agenda item")


# Sections for questions that sit in no agenda item, by what they are attached to, in print order.
_LOOSE_SECTIONS = {
    "meeting": "General questions",
    "indicator": "Performance indicators",
    "detached": "Records no longer in the minutes",
}


def build_briefing(notebook: Notebook, meeting_id: str) -> Briefing:
    """The briefing for ``meeting_id``; a plain error when neither the release nor the notebook knows it.

    Questions are numbered in print order: agenda items first (in agenda order, then items of
    earlier meetings), then the loose sections; within a section, the member's own order.
    """
    questions = notebook.questions_for_meeting(meeting_id)
    meeting = notebook.meeting(meeting_id)
    published = notebook.published_path is not None
    agenda = _agenda(notebook, meeting_id) if published else []
    if not agenda and not questions and not meeting.planned and not _meeting_exists(notebook, meeting_id):
        raise UserFacingError(
            f"No meeting has the id {meeting_id!r}; copy a meeting id from 'notes list' or the window."
        )
    sections = {item.id: BriefingSection(item.heading, item.reference or "") for item in agenda}
    members: dict[str, list[tuple[Note, _Item | None]]] = {key: [] for key in sections}
    for note in questions:
        item = _item_of(notebook, note) if published else None
        if item is None:
            key = "detached" if note.detached else ("indicator" if note.target_kind == "indicator" else "meeting")
            sections.setdefault(key, BriefingSection(_LOOSE_SECTIONS[key], agenda_item=False))
        else:
            key = item.id
            if key not in sections:
                context = "" if item.meeting_id == meeting_id else f"From the meeting of {_meeting_words(notebook, item.meeting_id)}"
                sections[key] = BriefingSection(item.heading, item.reference or "", context)
        members.setdefault(key, []).append((note, item))
    order = [key for key in sections if key not in _LOOSE_SECTIONS] + [key for key in _LOOSE_SECTIONS if key in sections]
    number = 0
    for key in order:
        for note, item in members[key]:
            number += 1
            figures = _figures_for(notebook, note, item) if published else []
            carried = _meeting_words(notebook, note.carried_from) if note.carried_from else ""
            sections[key].questions.append(BriefingQuestion(number, note, figures, carried))
    return Briefing(meeting, [sections[key] for key in order])


def _meeting_exists(notebook: Notebook, meeting_id: str) -> bool:
    if notebook.published_path is None:
        return False
    return notebook.connection.execute("SELECT 1 FROM pub.meetings WHERE id = ?", (meeting_id,)).fetchone() is not None


def _meeting_words(notebook: Notebook, meeting_id: str) -> str:
    info = notebook.meeting(meeting_id)
    return meeting_when(info.date, info.year)


def _agenda(notebook: Notebook, meeting_id: str) -> list[_Item]:
    rows = notebook.connection.execute(
        "SELECT id, meeting_id, number, title, report_ref FROM pub.items WHERE meeting_id = ? ORDER BY position",
        (meeting_id,),
    )
    return [_Item(*row) for row in rows]


def _item_of(notebook: Notebook, note: Note) -> _Item | None:
    """The agenda item a question's record sits in (None for a meeting, an indicator or a detached record)."""
    if note.detached:
        return None
    target = notebook.target(note.target_id)
    if target is None or target.item_id is None:
        return None
    row = notebook.connection.execute(
        "SELECT id, meeting_id, number, title, report_ref FROM pub.items WHERE id = ?", (target.item_id,)
    ).fetchone()
    return _Item(*row) if row else None


def _numbers_in(text: str) -> set[float]:
    found = set()
    for match in _NUMBER.findall(text):
        try:
            found.add(float(match.replace(",", "")))
        except ValueError:
            continue
    return found


def _figures_for(notebook: Notebook, note: Note, item: _Item | None) -> list[FigureLine]:
    """The figure a question is attached to, the figures of its item whose numbers it quotes, or an indicator's latest values."""
    conn = notebook.connection
    columns = "id, value, unit, area, period, comparators, quote"
    if note.target_kind == "indicator":
        return _indicator_lines(notebook, note.target_id[len(INDICATOR_PREFIX):])
    if note.target_kind == "figure" and not note.detached:
        rows = conn.execute(f"SELECT {columns} FROM pub.figures WHERE id = ?", (note.target_id,)).fetchall()
        return [_figure_line(row) for row in rows]
    if item is not None:
        scope, key = "item_id", item.id
    elif note.target_kind == "meeting" and not note.detached:
        scope, key = "meeting_id", note.target_id
    else:
        return []
    quoted = _numbers_in(note.text)
    if not quoted:
        return []
    candidates = conn.execute(f"SELECT {columns} FROM pub.figures WHERE {scope} = ? ORDER BY span_start", (key,))
    return [_figure_line(row) for row in candidates if _mentions(row, quoted)]


def _mentions(row: tuple, quoted: set[float]) -> bool:
    """True when the question quotes the figure's value or one of its comparators."""
    values = set(comparator_values(row[5]).values())
    if row[1] is not None:
        values.add(row[1])
    return any(abs(value - number) < 1e-9 for value in values for number in quoted)


def _figure_line(row: tuple) -> FigureLine:
    _, value, unit, area, period, comparators, quote = row
    parts = [format_value(value, unit), area or "", period_label(period or "")]
    versus = format_comparators(comparators, unit)
    if versus:
        parts.append(f"compared with {versus}")
    return FigureLine(" · ".join(part for part in parts if part), clip_quote(quote))


def _indicator_lines(notebook: Notebook, code: str) -> list[FigureLine]:
    """The latest published value of an indicator for each area that has one (at most four areas)."""
    conn = notebook.connection
    unit_row = conn.execute("SELECT unit FROM pub.indicators WHERE code = ?", (code,)).fetchone()
    if unit_row is None:
        return []
    rows = conn.execute(
        "SELECT area, period, value FROM pub.indicator_values v WHERE code = ? AND period = "
        "(SELECT max(period) FROM pub.indicator_values WHERE code = v.code AND area = v.area) "
        "ORDER BY area = 'England', area LIMIT 4",
        (code,),
    ).fetchall()
    if not rows:
        return []
    values = "; ".join(f"{area} {format_value(value, unit_row[0]) or format_number(value)} ({period})" for area, period, value in rows)
    return [FigureLine(f"Latest published: {values}", "")]
