"""My questions: which meeting a question is for, its order, and carrying unanswered ones forward."""
from __future__ import annotations

from datetime import date

from notebook_release import ACTION, ACTION_MAR, CABINET, CS, FIGURE_REF, INDICATOR, MAR, NOV

from scrutinydesk.core.notebook import Notebook

PAST = date(2023, 6, 1)  # after every meeting in the test release


def test_a_question_is_filed_under_its_records_meeting_when_none_is_upcoming(notebook: Notebook) -> None:
    question = notebook.add(ACTION, "When will the briefing note come?", question=True, today=PAST)
    assert question.meeting_id == NOV
    assert [q.uuid for q in notebook.questions_for_meeting(NOV)] == [question.uuid]


def test_a_question_is_filed_under_the_committees_next_meeting(notebook: Notebook) -> None:
    upcoming = notebook.plan_meeting(CS, date(2023, 1, 17))
    assert upcoming.id == f"{CS}/2023-01-17" and upcoming.planned
    assert upcoming.committee == "Children's Scrutiny Committee"
    question = notebook.add(ACTION, "Briefing note?", question=True, today=date(2022, 12, 1))
    assert question.meeting_id == upcoming.id
    assert question.target_meeting_id == NOV
    ids = [m.id for m in notebook.question_meetings(today=date(2022, 12, 1))]
    assert ids == [upcoming.id]


def test_questions_keep_the_order_the_member_drags_them_into(notebook: Notebook) -> None:
    texts = ["first", "second", "third"]
    questions = [notebook.add(ACTION, text, question=True, today=PAST) for text in texts]
    notebook.move_question(questions[2].uuid, 0)
    assert [q.text for q in notebook.questions_for_meeting(NOV)] == ["third", "first", "second"]
    notebook.reorder(NOV, [questions[1].uuid, questions[0].uuid, questions[2].uuid])
    assert [q.text for q in notebook.questions_for_meeting(NOV)] == ["second", "first", "third"]
    notebook.add(FIGURE_REF, "fourth", question=True, today=PAST)
    assert [q.text for q in notebook.questions_for_meeting(NOV)][-1] == "fourth"


def test_unanswered_questions_of_an_earlier_meeting_are_suggested_for_the_next(notebook: Notebook) -> None:
    open_question = notebook.add(ACTION_MAR, "Was the Ofsted letter circulated?", question=True, today=PAST)
    answered = notebook.add(ACTION_MAR, "Answered already", question=True, today=PAST)
    notebook.set_status(answered.uuid, "answered", answer="Yes")
    note = notebook.add(ACTION_MAR, "a plain note")
    assert open_question.meeting_id == MAR and note.meeting_id is None

    assert [q.uuid for q in notebook.carry_forward_suggestions(NOV)] == [open_question.uuid]
    assert notebook.carry_forward_suggestions(MAR) == []  # nothing earlier
    assert notebook.carry_forward_suggestions(CABINET) == []  # another committee

    carried = notebook.assign_meeting(open_question.uuid, NOV)
    assert carried.meeting_id == NOV and carried.carried_from == MAR
    assert notebook.carry_forward_suggestions(NOV) == []
    assert [q.uuid for q in notebook.questions_for_meeting(NOV)] == [open_question.uuid]


def test_a_dismissed_suggestion_stays_where_it_was(notebook: Notebook) -> None:
    question = notebook.add(ACTION_MAR, "Old question", question=True, today=PAST)
    notebook.dismiss_suggestion(question.uuid)
    assert notebook.carry_forward_suggestions(NOV) == []
    assert [q.uuid for q in notebook.questions_for_meeting(MAR)] == [question.uuid]


def test_questions_on_an_indicator_wait_unassigned_until_filed(notebook: Notebook) -> None:
    question = notebook.add(INDICATOR, "Why are referrals falling?", question=True, today=PAST)
    assert question.meeting_id is None
    assert [q.uuid for q in notebook.unassigned_questions()] == [question.uuid]
    notebook.assign_meeting(question.uuid, NOV)
    assert notebook.unassigned_questions() == []
    other = notebook.add(INDICATOR, "Not for now", question=True, today=PAST)
    notebook.dismiss_suggestion(other.uuid)
    assert notebook.unassigned_questions() == []
    assert [q.text for q in notebook.questions_for_meeting(NOV)] == ["Why are referrals falling?"]
