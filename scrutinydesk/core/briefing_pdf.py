"""The member's briefing for a meeting as a clean A4 PDF (fpdf2), to print or take into the room.

Laid out like a committee paper: the meeting at the top, each agenda item as a heading, the
member's numbered questions under it with the figures they cite and room to write the answer.
DejaVu Sans (core.pdf_fonts) covers curly quotes, dashes and £.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from scrutinydesk.core.briefing import Briefing, BriefingQuestion, BriefingSection, build_briefing
from scrutinydesk.core.dates import long_date, meeting_when
from scrutinydesk.core.export_file import save_export
from scrutinydesk.core.notebook import Notebook
from scrutinydesk.core.pdf_fonts import FONT, add_unicode_fonts

INK = (26, 32, 44)
GREY = (95, 107, 122)
RULE = (201, 209, 219)
ACCENT = (31, 78, 121)
BOX = (238, 242, 247)

MARGIN = 20.0
NUMBER_WIDTH = 11.0


class _BriefingPage(FPDF):
    """A4 pages with a running header after the first page and a private-notes footer."""

    def __init__(self, running_title: str, fonts_of: _BriefingPage | None = None):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.running_title = running_title
        if fonts_of is not None:
            self.fonts.update(fonts_of.fonts)  # a scratch copy shares the parsed fonts (~0.25 s each to parse)
        else:
            add_unicode_fonts(self)
        self.set_margins(MARGIN, 18, MARGIN)
        self.set_auto_page_break(True, margin=20)
        self._scratch: _BriefingPage | None = None

    def scratch(self) -> _BriefingPage:
        """A second document with the same fonts and page, for measuring blocks before drawing them."""
        if self._scratch is None:
            self._scratch = _BriefingPage(self.running_title, fonts_of=self)
        return self._scratch

    @property
    def content_width(self) -> float:
        return self.w - 2 * MARGIN

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, "", 8.5)
        self.set_text_color(*GREY)
        self.set_y(10)
        self.cell(0, 5, self.running_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(MARGIN, 16, self.w - MARGIN, 16)
        self.set_y(20)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(self.content_width / 2, 5, "Private notes of a committee member · not for publication")
        self.cell(self.content_width / 2, 5, f"Page {self.page_no()} of {{nb}}", align="R")


def write_briefing_pdf(notebook: Notebook, meeting_id: str, out: Path, prepared_on: date | None = None) -> Briefing:
    """Build the briefing for ``meeting_id`` and write it to ``out`` (whole file or nothing)."""
    briefing = build_briefing(notebook, meeting_id)
    save_export(Path(out), briefing_pdf_bytes(briefing, prepared_on or date.today()))
    return briefing


def briefing_pdf_bytes(briefing: Briefing, prepared_on: date) -> bytes:
    meeting = briefing.meeting
    when = meeting_when(meeting.date, meeting.year)
    pdf = _BriefingPage(f"{meeting.committee} · {when} · my questions")
    pdf.set_title(f"My questions: {meeting.committee}, {when}")
    pdf.set_author("scrutinydesk")
    pdf.set_creator("scrutinydesk")
    pdf.add_page()
    _title_block(pdf, briefing, when, prepared_on)
    if not briefing.questions:
        pdf.set_font(FONT, "I", 10.5)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(0, 6, "You have no questions for this meeting yet. Add them in the notes panel beside any record.",
                       align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for section in briefing.sections:
        _section(pdf, section)
    return bytes(pdf.output())


def _title_block(pdf: _BriefingPage, briefing: Briefing, when: str, prepared_on: date) -> None:
    meeting = briefing.meeting
    pdf.set_fill_color(*ACCENT)
    pdf.rect(MARGIN, 14, 18, 1.2, style="F")
    pdf.set_y(19)
    pdf.set_font(FONT, "B", 8.5)
    pdf.set_text_color(*ACCENT)
    pdf.set_char_spacing(1.2)
    pdf.cell(0, 5, "MY QUESTIONS", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_char_spacing(0)
    pdf.set_font(FONT, "B", 19)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 9, meeting.committee, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 12.5)
    pdf.cell(0, 7, when, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if meeting.title and meeting.title.casefold() != meeting.committee.casefold():
        pdf.set_font(FONT, "", 10)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(0, 5.5, meeting.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    count = len(briefing.questions)
    items = sum(1 for s in briefing.sections if s.questions and s.agenda_item)
    summary = f"{count} question{'s' if count != 1 else ''}"
    if items:
        summary += f" on {items} agenda item{'s' if items != 1 else ''}"
    summary += f" · prepared {long_date(prepared_on.isoformat())}"
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 6, summary, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    _rule(pdf, ACCENT, 0.5)
    pdf.ln(3)


def _rule(pdf: FPDF, colour: tuple[int, int, int], width: float) -> None:
    pdf.set_draw_color(*colour)
    pdf.set_line_width(width)
    pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())


def _section(pdf: _BriefingPage, section: BriefingSection) -> None:
    if not section.questions:
        pdf.set_font(FONT, "", 10)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(0, 6, f"{section.heading}  ·  no questions", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
        return
    _keep_together(pdf, lambda page: (_section_heading(page, section), _question(page, section.questions[0])))
    for question in section.questions[1:]:
        _keep_together(pdf, lambda page, question=question: _question(page, question))


def _keep_together(pdf: _BriefingPage, draw: Callable[[_BriefingPage], object]) -> None:
    """Draw a block on this page if it fits, else start it on the next (a heading never sits alone).

    The block is first drawn on a scratch document at the same height to see whether it breaks;
    fpdf2's own ``offset_rendering`` deep-copies the fonts for every block and is far slower.
    """
    scratch = pdf.scratch()
    scratch.add_page()
    first_page = scratch.page
    scratch.set_y(pdf.get_y())
    draw(scratch)
    if scratch.page != first_page and pdf.get_y() > pdf.t_margin + 20:
        pdf.add_page()
    draw(pdf)


def _section_heading(pdf: _BriefingPage, section: BriefingSection) -> None:
    pdf.ln(3)
    reference_width = 0.0
    if section.reference:
        pdf.set_font(FONT, "", 9)
        reference_width = pdf.get_string_width(section.reference) + 4
    pdf.set_font(FONT, "B", 12.5)
    pdf.set_text_color(*INK)
    top = pdf.get_y()
    pdf.multi_cell(pdf.content_width - reference_width, 6.5, section.heading, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    bottom = pdf.get_y()
    if section.reference:
        pdf.set_xy(pdf.w - MARGIN - reference_width, top)
        pdf.set_font(FONT, "", 9)
        pdf.set_text_color(*GREY)
        pdf.cell(reference_width, 6.5, section.reference, align="R")
        pdf.set_xy(MARGIN, bottom)
    if section.context:
        pdf.set_font(FONT, "I", 9)
        pdf.set_text_color(*GREY)
        pdf.cell(0, 5, section.context, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    _rule(pdf, RULE, 0.25)
    pdf.ln(2.5)


def _question(pdf: _BriefingPage, question: BriefingQuestion) -> None:
    note = question.note
    left = MARGIN + NUMBER_WIDTH
    width = pdf.content_width - NUMBER_WIDTH
    top = pdf.get_y()
    pdf.set_font(FONT, "B", 11)
    pdf.set_text_color(*ACCENT)
    pdf.cell(NUMBER_WIDTH, 5.8, f"Q{question.number}")
    pdf.set_xy(left, top)
    pdf.set_font(FONT, "", 11)
    pdf.set_text_color(*INK)
    pdf.multi_cell(width, 5.8, note.text.strip() or "(no text yet)", align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_x(left)
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(width, 4.6, question.about, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    for figure in question.figures:
        _figure_box(pdf, left, width, figure.headline, figure.quote)
    _answer(pdf, left, width, question)
    pdf.set_x(MARGIN)
    pdf.ln(4)


def _figure_box(pdf: FPDF, left: float, width: float, headline: str, quote: str) -> None:
    pdf.ln(1.5)
    inner = width - 6
    quote_text = f"“{quote}”" if quote else ""
    pdf.set_font(FONT, "B", 9.5)
    height = pdf.multi_cell(inner, 5, headline, align="L", dry_run=True, output=MethodReturnValue.HEIGHT)
    if quote_text:
        pdf.set_font(FONT, "I", 9)
        height += pdf.multi_cell(inner, 4.6, quote_text, align="L", dry_run=True, output=MethodReturnValue.HEIGHT)
    top = pdf.get_y()
    pdf.set_fill_color(*BOX)
    pdf.rect(left, top, width, height + 4, style="F")
    pdf.set_fill_color(*ACCENT)
    pdf.rect(left, top, 0.9, height + 4, style="F")
    pdf.set_xy(left + 4, top + 2)
    pdf.set_font(FONT, "B", 9.5)
    pdf.set_text_color(*INK)
    pdf.multi_cell(inner, 5, headline, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    if quote_text:
        pdf.set_font(FONT, "I", 9)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(inner, 4.6, quote_text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(left, top + height + 4)


def _answer(pdf: FPDF, left: float, width: float, question: BriefingQuestion) -> None:
    note = question.note
    pdf.ln(2)
    pdf.set_x(left)
    if note.status == "answered" or note.answer:
        pdf.set_font(FONT, "B", 9)
        pdf.set_text_color(*INK)
        heading = f"Answer ({long_date(note.answered_on)})" if note.answered_on else "Answer"
        pdf.cell(width, 5, heading, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(width, 5.2, note.answer or "(not recorded)", align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        return
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*GREY)
    pdf.cell(width, 4, "Answer", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    with pdf.local_context():
        pdf.set_dash_pattern(dash=0.6, gap=1.2)
        for _ in range(2):
            pdf.ln(6.5)
            pdf.line(left, pdf.get_y(), left + width, pdf.get_y())
    pdf.ln(1)
