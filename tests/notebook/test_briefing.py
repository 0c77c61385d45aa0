"""The meeting briefing: sections in agenda order, questions numbered as printed, figures they cite, and the PDF."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from notebook_release import ACTION, ACTION_MAR, CS, FIGURE_REF, INDICATOR, ITEM_8, ITEM_9, NOV, build_release
from pypdf import PdfReader

from scrutinydesk.core.briefing import build_briefing
from scrutinydesk.core.briefing_pdf import write_briefing_pdf
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.notebook import Notebook

PAST = date(2023, 6, 1)


def _pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages)


def test_sections_follow_the_agenda_and_numbers_follow_the_print_order(notebook: Notebook) -> None:
    general = notebook.add(NOV, "A general question", question=True, today=PAST)
    on_item_9 = notebook.add(ITEM_9, "Why 37.9% agency staff?", question=True, today=PAST)
    on_action = notebook.add(ACTION, "Briefing note?", question=True, today=PAST)
    briefing = build_briefing(notebook, NOV)
    assert [s.heading for s in briefing.sections] == [
        "Item 8  Performance Report",
        "Item 9  Recruitment and Retention",
        "General questions",
    ]
    numbered = [(q.number, q.note.uuid) for q in briefing.questions]
    assert numbered == [(1, on_action.uuid), (2, on_item_9.uuid), (3, general.uuid)]
    assert briefing.sections[0].reference == "CS/22/15"


def test_a_question_cites_its_figure_or_the_figures_whose_numbers_it_quotes(notebook: Notebook) -> None:
    notebook.add(FIGURE_REF, "Is this right?", question=True, today=PAST)
    notebook.add(ITEM_9, "Why is the rate 37.9?", question=True, today=PAST)
    notebook.add(ITEM_8, "No numbers in this one", question=True, today=PAST)
    notebook.add(ITEM_8, "Why is 465 the national average?", question=True, today=PAST)
    figures = {q.note.text: [f.headline for f in q.figures] for q in build_briefing(notebook, NOV).questions}
    assert figures == {
        "Is this right?": ["484 per 10,000 · Devon · September 2022 · compared with England 465 per 10,000"],
        "No numbers in this one": [],
        "Why is 465 the national average?": ["484 per 10,000 · Devon · September 2022 · compared with England 465 per 10,000"],
        "Why is the rate 37.9?": ["37.9% · Devon · September 2022"],
    }


def test_questions_from_earlier_meetings_and_indicators_are_placed_and_labelled(notebook: Notebook) -> None:
    carried = notebook.add(ACTION_MAR, "Was the letter sent?", question=True, today=PAST)
    notebook.assign_meeting(carried.uuid, NOV)
    indicator = notebook.add(INDICATOR, "Why are referrals falling?", question=True, today=PAST)
    notebook.assign_meeting(indicator.uuid, NOV)
    sections = {s.heading: s for s in build_briefing(notebook, NOV).sections}
    ofsted = sections["Item 5  Ofsted Action Plan"]
    assert ofsted.context == "From the meeting of Tuesday 15 March 2022"
    assert ofsted.questions[0].carried_from == "Tuesday 15 March 2022"
    lines = sections["Performance indicators"].questions[0].figures
    assert [f.headline for f in lines] == ["Latest published: Devon 485.1 per 10,000 (2021-22); England 552.8 per 10,000 (2021-22)"]


def test_unknown_meeting_is_a_plain_error(notebook: Notebook) -> None:
    with pytest.raises(UserFacingError, match="No meeting"):
        build_briefing(notebook, f"{CS}/1999-01-01")


def test_the_pdf_holds_the_meeting_items_questions_and_figures(tmp_path: Path, notebook: Notebook) -> None:
    typed = "Why is 465 quoted as the “national average” when the DfE’s England figure is 538 — and what does it cost in £?"
    notebook.add(FIGURE_REF, typed, question=True, today=PAST)
    answered = notebook.add(ITEM_9, "Agency staff plan?", question=True, today=PAST)
    notebook.set_status(answered.uuid, "answered", answer="A new recruitment campaign starts in January.", answered_on=date(2022, 11, 15))
    out = tmp_path / "briefing.pdf"
    write_briefing_pdf(notebook, NOV, out, prepared_on=date(2022, 11, 14))
    reader = PdfReader(out)
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4 portrait
    assert reader.pages[0].mediabox.height == pytest.approx(841.89, abs=0.5)
    text = " ".join(_pdf_text(out).split())
    for expected in (
        "Children's Scrutiny Committee",
        "Tuesday 15 November 2022",
        "Item 8 Performance Report",
        "Item 9 Recruitment and Retention",
        " ".join(typed.split()),
        "484 per 10,000",
        "Referral rates had increased across the country",
        "A new recruitment campaign starts in January.",
        "prepared Monday 14 November 2022",
    ):
        assert expected in text, expected


def test_a_meeting_without_questions_still_gives_a_tidy_briefing(tmp_path: Path, notebook: Notebook) -> None:
    out = tmp_path / "empty.pdf"
    write_briefing_pdf(notebook, NOV, out)
    text = " ".join(_pdf_text(out).split())
    assert "no questions for this meeting yet" in text
    assert "Item 8 Performance Report · no questions" in text


def test_a_long_briefing_breaks_across_pages_with_page_numbers(tmp_path: Path, notebook: Notebook) -> None:
    for n in range(25):
        notebook.add(ACTION, f"Question number {n} " + "with quite a lot of words in it " * 6, question=True, today=PAST)
    out = tmp_path / "long.pdf"
    write_briefing_pdf(notebook, NOV, out)
    reader = PdfReader(out)
    pages = len(reader.pages)
    assert pages >= 3
    assert f"Page {pages} of {pages}" in reader.pages[-1].extract_text()
    assert "Question number 24" in _pdf_text(out)


def test_a_briefing_for_a_release_that_lost_a_record_keeps_its_question(tmp_path: Path, notebook: Notebook) -> None:
    notebook.add(ACTION, "About the dropped action", question=True, today=PAST)
    notebook.attach_published(build_release(tmp_path / "v2.db", without=(ACTION,)))
    sections = {s.heading: s for s in build_briefing(notebook, NOV).sections}
    assert [q.note.text for q in sections["Records no longer in the minutes"].questions] == ["About the dropped action"]
