"""The committee's "action tracker" paper for a meeting's agenda, as a PDF.

For the meeting it is prepared for, it lists the actions arising from the committee's earlier
meetings, grouped by meeting of origin: those still open (overdue ones marked), and those completed
since the previous meeting with who completed them and their note. Actions completed before the
previous meeting were reported then and are left out.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from scrutinydesk.core.action_history import action_history
from scrutinydesk.core.dates import long_date, short_date
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.paths import resources_dir

OVERDUE, OPEN, COMPLETED = "Overdue", "Open", "Completed"


@dataclass(frozen=True)
class TrackerRow:
    ref: str
    item: str
    text: str
    owner: str
    due: str | None
    state: str
    update: str


@dataclass(frozen=True)
class OriginMeeting:
    meeting_id: str
    when: str
    title: str | None
    rows: tuple[TrackerRow, ...]


@dataclass(frozen=True)
class ActionTracker:
    committee: str
    meeting_date: str
    previous_date: str | None
    origins: tuple[OriginMeeting, ...]

    def count(self, state: str) -> int:
        return sum(row.state == state for origin in self.origins for row in origin.rows)


def action_tracker(conn: sqlite3.Connection, meeting_id: str) -> ActionTracker:
    """The tracker for a meeting: a meeting in the database, or a coming one named ``committee/YYYY-MM-DD``."""
    committee_id, meeting_date = _meeting_of(conn, meeting_id)
    committee = conn.execute("SELECT name FROM committees WHERE id = ?", (committee_id,)).fetchone()[0]
    previous = conn.execute(
        "SELECT max(date) FROM meetings WHERE committee_id = ? AND date < ?", (committee_id, meeting_date)
    ).fetchone()[0]
    meetings = conn.execute(
        "SELECT id, date, year, title FROM meetings WHERE committee_id = ? AND id != ? "
        "AND (date < ? OR (date IS NULL AND year <= ?)) ORDER BY coalesce(date, year || '-00-00'), id",
        (committee_id, meeting_id, meeting_date, int(meeting_date[:4])),
    ).fetchall()
    origins = []
    numbered = 0
    for origin_id, origin_date, year, title in meetings:
        rows = _rows(conn, origin_id, meeting_date, previous, first_ref=numbered + 1)
        if rows:
            numbered += len(rows)
            when = long_date(origin_date) if origin_date else f"{year} (exact date not known)"
            origins.append(OriginMeeting(origin_id, when, title if title != committee else None, tuple(rows)))
    return ActionTracker(committee, meeting_date, previous, tuple(origins))


def _meeting_of(conn: sqlite3.Connection, meeting_id: str) -> tuple[str, str]:
    row = conn.execute("SELECT committee_id, date FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    if row and row[1]:
        return row[0], row[1]
    match = re.fullmatch(r"([a-z0-9-]+)/(\d{4}-\d{2}-\d{2})", meeting_id)
    if match and conn.execute("SELECT 1 FROM committees WHERE id = ?", (match.group(1),)).fetchone():
        try:
            date.fromisoformat(match.group(2))
        except ValueError:
            pass
        else:
            return match.group(1), match.group(2)
    raise UserFacingError(
        f"{meeting_id} is not a dated meeting of a committee in this database; give the meeting the paper is "
        "for as COMMITTEE/YYYY-MM-DD, e.g. childrens-scrutiny/2023-01-17."
    )


def _rows(conn: sqlite3.Connection, origin_id: str, meeting_date: str, previous: str | None,
          first_ref: int) -> list[TrackerRow]:
    actions = conn.execute(
        "SELECT a.id, i.number, i.title, a.text, a.owner, a.due, a.status, a.completed_at FROM actions a "
        "LEFT JOIN items i ON i.id = a.item_id WHERE a.meeting_id = ? ORDER BY i.position, a.id", (origin_id,),
    ).fetchall()
    rows = []
    for action_id, number, item_title, text, owner, due, status, completed_at in actions:
        if status == "completed":
            if previous and not (completed_at and completed_at >= previous):
                continue
            state = COMPLETED
        else:
            state = OVERDUE if due and due < meeting_date else OPEN
        item = f"{number}. {item_title}" if number and item_title else (item_title or (f"Item {number}" if number else ""))
        rows.append(TrackerRow(
            ref=str(first_ref + len(rows)), item=item, text=_sentence(text), owner=owner or "Not stated",
            due=due, state=state, update=_latest_update(conn, action_id),
        ))
    return rows


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def _latest_update(conn: sqlite3.Connection, action_id: str) -> str:
    """The newest thing a chair or the officer recorded about the action, in words."""
    entries = [e for e in action_history(conn, action_id) if e.from_chair and e.outcome != "conflict"]
    return entries[-1].sentence() if entries else ""


# --- PDF ---------------------------------------------------------------------------------------------

_INK = (33, 37, 41)
_MUTED = (90, 98, 106)
_RULE = (200, 204, 208)
_BAND = (232, 238, 244)
_STATE_COLOURS = {OVERDUE: (176, 32, 32), OPEN: (150, 92, 0), COMPLETED: (24, 112, 56)}
# Column widths in mm on A4 landscape (277 mm between margins).
_COLUMNS = (("Ref", 12), ("Minute / item", 48), ("Action", 88), ("Owner", 34), ("Due", 24), ("Status and update", 71))


class _Paper(FPDF):
    def __init__(self, tracker: ActionTracker) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.tracker = tracker
        fonts = resources_dir() / "fonts"
        self.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
        self.add_font("DejaVu", "I", str(fonts / "DejaVuSans-Oblique.ttf"))
        self.set_margins(10, 12, 10)
        self.set_auto_page_break(True, margin=14)
        self.set_title(f"{tracker.committee}: action tracker, {long_date(tracker.meeting_date)}")
        self.set_creator("scrutinydesk")

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(*_MUTED)
        self.cell(0, 4, f"{self.tracker.committee} · Action tracker · {long_date(self.tracker.meeting_date)}")
        self.set_x(self.l_margin)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")

    def table_header(self) -> None:
        self.set_font("DejaVu", "B", 8.5)
        self.set_fill_color(*_INK)
        self.set_text_color(255, 255, 255)
        for title, width in _COLUMNS:
            self.cell(width, 7, f" {title}", border=0, fill=True)
        self.ln(7)


def write_action_tracker_pdf(tracker: ActionTracker, out: Path) -> None:
    """Write the tracker as an A4 landscape paper in the style of a committee report."""
    pdf = _Paper(tracker)
    pdf.add_page()
    _title_block(pdf, tracker)
    if not tracker.origins:
        pdf.set_font("DejaVu", "I", 10)
        pdf.cell(0, 8, "There are no open actions and none completed since the last meeting.")
    for origin in tracker.origins:
        _origin_block(pdf, origin)
    try:
        pdf.output(str(out))
    except OSError as error:
        raise UserFacingError(f"Could not write {out} ({error.strerror}); choose a folder you can write to.") from None


def _title_block(pdf: _Paper, tracker: ActionTracker) -> None:
    pdf.set_text_color(*_MUTED)
    pdf.set_font("DejaVu", "", 9)
    pdf.cell(0, 5, tracker.committee, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*_INK)
    pdf.set_font("DejaVu", "B", 18)
    pdf.cell(0, 10, "Action tracker", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 11)
    pdf.cell(0, 6, f"For the meeting on {long_date(tracker.meeting_date)}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    since = f"since the last meeting on {long_date(tracker.previous_date)}" if tracker.previous_date \
        else "(no earlier meeting of the committee is recorded)"
    pdf.set_font("DejaVu", "", 9.5)
    pdf.set_text_color(*_MUTED)
    pdf.multi_cell(
        0, 5,
        "This paper lists the actions arising from previous meetings of the Committee: those still open, "
        f"with overdue ones marked, and those completed {since}. Actions are grouped by the meeting at "
        "which they arose. Members are asked to note progress.",
        align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
    )
    pdf.ln(2)
    counts = [(OPEN, tracker.count(OPEN) + tracker.count(OVERDUE), "open"),
              (OVERDUE, tracker.count(OVERDUE), "overdue"),
              (COMPLETED, tracker.count(COMPLETED), "completed since the last meeting")]
    for state, number, label in counts:
        pdf.set_font("DejaVu", "B", 11)
        pdf.set_text_color(*_STATE_COLOURS[state])
        pdf.cell(pdf.get_string_width(str(number)) + 1.5, 7, str(number))
        pdf.set_font("DejaVu", "", 9.5)
        pdf.set_text_color(*_INK)
        pdf.cell(pdf.get_string_width(label) + 9, 7, label)
    pdf.ln(9)
    pdf.set_draw_color(*_RULE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(3)


def _origin_block(pdf: _Paper, origin: OriginMeeting) -> None:
    if pdf.get_y() > pdf.h - 45:
        pdf.add_page()
    _origin_heading(pdf, origin, continued=False)
    for row in origin.rows:
        _row(pdf, row, origin)
    pdf.ln(5)


def _origin_heading(pdf: _Paper, origin: OriginMeeting, continued: bool) -> None:
    pdf.set_font("DejaVu", "B", 11)
    pdf.set_text_color(*_INK)
    pdf.set_fill_color(*_BAND)
    heading = f"Meeting of {origin.when}" + (f" · {origin.title}" if origin.title else "")
    pdf.cell(0, 8, f" {heading}" + (" (continued)" if continued else ""), fill=True,
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.table_header()


def _row(pdf: _Paper, row: TrackerRow, origin: OriginMeeting) -> None:
    status = row.state if not row.update else f"{row.state}\n{row.update}"
    cells = (row.ref, row.item, row.text, row.owner, short_date(row.due) or "None set", status)
    pdf.set_font("DejaVu", "", 8.5)
    line_height = 4.2
    lines = [
        len(pdf.multi_cell(width - 2, line_height, text, align="L", dry_run=True, output="LINES"))
        for (_, width), text in zip(_COLUMNS, cells, strict=True)
    ]
    height = max(lines) * line_height + 3
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
        _origin_heading(pdf, origin, continued=True)
    top, x = pdf.get_y(), pdf.l_margin
    for index, ((_, width), text) in enumerate(zip(_COLUMNS, cells, strict=True)):
        pdf.set_xy(x + 1, top + 1.5)
        if index == len(cells) - 1:
            _status_cell(pdf, width - 2, line_height, row)
        else:
            pdf.set_text_color(*_INK)
            pdf.set_font("DejaVu", "B" if index == 0 else "", 8.5)
            pdf.multi_cell(width - 2, line_height, text, align="L")
        x += width
    pdf.set_draw_color(*_RULE)
    pdf.line(pdf.l_margin, top + height, pdf.w - pdf.r_margin, top + height)
    pdf.set_y(top + height)


def _status_cell(pdf: _Paper, width: float, line_height: float, row: TrackerRow) -> None:
    pdf.set_font("DejaVu", "B", 8.5)
    pdf.set_text_color(*_STATE_COLOURS[row.state])
    pdf.multi_cell(width, line_height, row.state, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    if row.update:
        pdf.set_font("DejaVu", "", 8.5)
        pdf.set_text_color(*_INK)
        pdf.multi_cell(width, line_height, row.update, align="L")
