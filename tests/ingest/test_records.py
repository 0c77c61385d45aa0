"""Resolutions, actions, figures and RAG ratings as English council minutes write them."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from scrutinydesk.core.manifest import SourceMeta
from scrutinydesk.ingest.extraction import extract_source
from scrutinydesk.ingest.reading import read_bytes

REPO = Path(__file__).resolve().parents[2]


def extract(text: str) -> dict:
    return extract_source(read_bytes(text.encode("utf-8"), "t.txt"), "t.txt")


MEETING = "Minutes of a meeting of the Children's Scrutiny Committee held on Tuesday 15 November 2022\n\n"


@pytest.mark.parametrize("wording, text", [
    ("RESOLVED that the report be noted.", "that the report be noted."),
    ("RESOLVED –\n\nThat the report be noted.", "That the report be noted."),
    ("Resolved – That the report be noted.", "That the report be noted."),
    ("Resolved: That the report be noted.", "That the report be noted."),
    ("It was AGREED that the report be noted.", "that the report be noted."),
    ("RESOLVED (unanimously) that the report be noted.", "that the report be noted."),
    ("The Committee RESOLVED to note the report.", "to note the report."),
])
def test_every_resolved_variant_gives_the_decision_without_the_keyword(wording, text) -> None:
    resolutions = extract(MEETING + "5. Report\n\n" + wording)["resolutions"]
    assert [r["text"] for r in resolutions] == [text]


def test_parts_mover_seconder_and_routine() -> None:
    document = extract(MEETING + "4. Minutes\n\nRESOLVED that the minutes of the meeting held on 4 October 2022 be signed as a correct record.\n\n"
                       "5. Performance\n\nIt was MOVED by Councillor Hannaford, SECONDED by Councillor Sanders and\n\n"
                       "RESOLVED that the Committee:\n\n(a)  Welcomes the report;\n\n(b)  Asks for a briefing; and\n\n(c)  Notes the risks.\n\n"
                       "6. Any other business\n\nNone.")
    routine, decision = document["resolutions"]
    assert routine["routine"] is True and decision["routine"] is False
    assert decision["parts"] == ["Welcomes the report;", "Asks for a briefing; and", "Notes the risks."]
    assert (decision["moved_by"], decision["seconded_by"]) == ("Councillor Hannaford", "Councillor Sanders")


@pytest.mark.parametrize("blank", ["\n\n \n\n", "\n\n\xa0\n\n", "\n\t\n", "\n \xa0 \n"])
def test_parts_separated_by_whitespace_only_lines_all_belong_to_the_decision(blank) -> None:
    document = extract(MEETING + "5. Performance\n\nRESOLVED that the Committee:" + blank
                       + blank.join(["(a)\xa0 Welcomes the report.", "(b)\xa0 Raises concerns about agency rates.",
                                     "(c)\xa0 Asks the Cabinet Member to set targets."]) + blank + "Supporting documents:")
    decision = document["resolutions"][0]
    assert decision["text"].endswith("Asks the Cabinet Member to set targets.")
    assert decision["parts"] == ["Welcomes the report.", "Raises concerns about agency rates.", "Asks the Cabinet Member to set targets."]


@pytest.mark.parametrize("wording, text, parts", [
    ("The Panel RESOLVED to: (a) note the report; and (b) establish a task group on waiting times.",
     "to: (a) note the report; and (b) establish a task group on waiting times.",
     ["note the report", "establish a task group on waiting times."]),
    ("The Committee agreed to note the progress against the action plan. The Chair thanked officers.",
     "to note the progress against the action plan.", []),
    ("Resolved (unanimously):\nThat the Executive:\n(1) approves the strategy; and\n(2) delegates authority to the Director.",
     "That the Executive: (1) approves the strategy; and (2) delegates authority to the Director.",
     ["approves the strategy; and", "delegates authority to the Director."]),
    ("a) The Clerk presented the accounts.\nb) Resolved: That the payments listed in Appendix A, totalling £3,416.20, be approved.",
     "That the payments listed in Appendix A, totalling £3,416.20, be approved.", []),
    ("DECISION: The Board noted the report and endorsed the refreshed action plan.",
     "The Board noted the report and endorsed the refreshed action plan.", []),
    ("The Board:\n(a) approved the quarterly return; and\n(b) delegated the next return to the Director.",
     "The Board: (a) approved the quarterly return; and (b) delegated the next return to the Director.",
     ["approved the quarterly return; and", "delegated the next return to the Director."]),
])
def test_decisions_of_the_meeting_in_every_form(wording, text, parts) -> None:
    resolutions = extract(MEETING + "5. Report\n\n" + wording)["resolutions"]
    assert [(r["text"], r["parts"]) for r in resolutions] == [(text, parts)]


def test_a_promise_agreed_by_the_committee_is_an_action_not_a_decision() -> None:
    document = extract(MEETING + "5. Report\n\nThe Committee agreed that officers would write to the schools.")
    assert document["resolutions"] == [] and len(document["actions"]) == 1


@pytest.mark.parametrize("wording, mover, seconder, text", [
    ("Proposed by Cllr Ashworth, seconded by Cllr Brennan.\nRESOLVED that the strategy be approved.",
     "Cllr Ashworth", "Cllr Brennan", "that the strategy be approved."),
    ("It was RESOLVED to support the application. Proposed Cllr Leach, seconded Cllr Gosling. All in favour.",
     "Cllr Leach", "Cllr Gosling", "to support the application."),
    ("The recommendations were moved by Councillor Walsh and seconded by Councillor Doyle.\n\nRESOLVED that the report be noted.",
     "Councillor Walsh", "Councillor Doyle", "that the report be noted."),
])
def test_mover_and_seconder_before_or_after_the_decision(wording, mover, seconder, text) -> None:
    (decision,) = extract(MEETING + "5. Report\n\n" + wording)["resolutions"]
    assert (decision["moved_by"], decision["seconded_by"], decision["text"]) == (mover, seconder, text)


def test_a_proposer_after_one_decision_is_not_the_next_decisions() -> None:
    document = extract(MEETING + "5. Finance\n\nRESOLVED that the accounts be approved.\nProposed Cllr Leach, seconded Cllr Hook.\n\n"
                       "The budget was discussed.\n\nRESOLVED that the budget be deferred.\n\n6. Close\n\nProposed by Cllr Marsh, seconded by Cllr Vosper.")
    assert [(r["moved_by"], r["seconded_by"]) for r in document["resolutions"]] == [("Cllr Leach", "Cllr Hook"), (None, None)]


def test_explicit_and_implicit_actions_with_owner_due_and_one_record_per_commitment() -> None:
    document = extract(MEETING + "5. Performance\n\n"
                       "ACTION: The Head of Service to provide a briefing note to Members by 31 January 2023.\n\n"
                       "Officers agreed to send the dashboard to Members post-meeting. Officers would revert post-meeting on the caseload data.\n\n"
                       "Officers advised that the North of the County would be a priority.\n\n"
                       "Actions:\n\n- Scrutiny Officer to circulate the Ofsted letter once it is published.\n"
                       "- Members requested a further briefing note on care leavers.\n\n"
                       "The Head of Service agreed to provide a briefing note to Members.")
    actions = [(a["owner"], a["text"].split()[0], a["explicit"], a["due"]) for a in document["actions"]]
    assert actions == [
        ("Head of Service", "provide", True, "2023-01-31"),
        ("Officers", "send", False, None),
        ("Officers", "revert", False, None),
        ("Scrutiny Officer", "circulate", True, None),
        ("Officers", "further", True, None),
    ]


@pytest.mark.parametrize("wording, owner, text, due", [
    ("The Scrutiny Officer would add the Youth Offending Plan to the agenda of the September meeting.",
     "Scrutiny Officer", "add the Youth Offending Plan to the agenda of the September meeting.", None),
    ("The revised protocol would be circulated to Members by 30 June.",
     None, "The revised protocol would be circulated to Members by 30 June.", "2023-06-30"),
    ("The Clerk would write to the bus company about the timetable. ACTION: Clerk",
     "Clerk", "write to the bus company about the timetable.", None),
    ("The Clerk would write to the bus company about the timetable.\nACTION: Clerk",
     "Clerk", "write to the bus company about the timetable.", None),
    ("ACTION: Clerk – write to the bus company about the timetable for the March 2024 meeting.",
     "Clerk", "write to the bus company about the timetable for the March 2024 meeting.", None),
    ("Cllr Hook - chase Highways about the blocked drain before the January meeting.",
     "Cllr Hook", "chase Highways about the blocked drain before the January meeting.", None),
    ("Clerk - apply to DCC for a temporary road closure by 31 March.",
     "Clerk", "apply to DCC for a temporary road closure by 31 March.", "2023-03-31"),
])
def test_one_action_with_its_owner_as_written_and_a_due_date_only_where_a_day_is_known(wording, owner, text, due) -> None:
    (action,) = extract(MEETING + "5. Highways\n\n" + wording)["actions"]
    assert (action["owner"], action["text"], action["due"]) == (owner, text, due)


@pytest.mark.parametrize("wording", [
    "Members and officers were invited to declare any interests in the business of the meeting.",
    "The new family hub would be opened in the spring.",
    "Councillor Hook - report of the Portfolio Holder",
])
def test_procedure_and_forecasts_are_not_actions(wording) -> None:
    assert extract(MEETING + "5. Item\n\n" + wording)["actions"] == []


def test_an_action_repeated_in_the_items_action_list_is_one_action() -> None:
    document = extract(MEETING + "5. Performance\n\n"
                       "ACTION: Head of Service to include the missing children data in all future performance reports to the Sub-Board.\n\n"
                       "Members asked about exclusions.\n\nActions:\n"
                       "- Head of Service to include missing children data in future performance reports.\n"
                       "- Scrutiny Officer to circulate the exclusions report to Members.")
    assert [(a["owner"], a["text"].split()[0]) for a in document["actions"]] == [("Head of Service", "include"), ("Scrutiny Officer", "circulate")]


@pytest.mark.parametrize("sentence", [
    "The meeting began at 2.00pm and ended at 3.46pm.",
    "Contact: Charlie Fisher 01392 383691.",
    "In accordance with Standing Order 23(2) the item was considered.",
    "The report (CS/21/09) and Appendix 1 were noted under Item 7.",
    "Children aged 17-18 and under 16s were discussed, as were 16-year-olds.",
    "The next meeting is on 15th March 2022 and the last was in January 2020.",
    "Assessments must be completed within 45 days and conferences within 15 working days.",
    "Report PDF 478 KB was circulated.",
    "The Children Act 1989 and Section 47 enquiries were explained.",
    "Around 1 in 5 children were placed more than 20 miles from home.",
    "Two residents of Fore Street raised concerns about parking near the school.",
    "Funding would be found for one additional Planning Enforcement Officer.",
    "The service was to recruit two additional educational psychologists.",
    "Of the 14 actions in the plan, nine were rated Green and five were rated Amber.",
    "In attendance: the Clerk and 4 members of the public.",
    "The Chair welcomed the new Member.\n28 ELECTIVE HOME EDUCATION ANNUAL REPORT",
])
def test_things_that_are_not_figures(sentence) -> None:
    assert extract(MEETING + "5. Item\n\n" + sentence)["figures"] == []


@pytest.mark.parametrize("sentence, values", [
    ("District Cllr Dyer reported that eleven properties in the parish had flooded.", {11: "count"}),
    ("Of the 214 children who became home educated, forty-two were aged 14 to 16.", {214: "count", 42: "count"}),
    ("Of the 38 children placed with agencies, 21 were living outside Dorset.", {38: "count", 21: "count"}),
    ("Of 58 children placed out of county, forty-two were aged 14 to 16.", {58: "count", 42: "count"}),
    ("Of course, forty-two were late.", {}),
    ("Home visits had fallen to 410, from over 600 a year ago.", {410: "count", 600: "count"}),
    ("There were 1,247 reports of potholes, up 31% on the same quarter last year.", {1247: "count", 31: "change_percent"}),
    ("The Speedwatch team recorded 86 vehicles exceeding 35 mph in the 30 mph limit.", {86: "count"}),
    ("Around 300 hours of care a week were not allocated, compared with 450 hours in the spring.", {300: "count", 450: "count"}),
    ("There were 27 children in placements costing more than £10,000 a week.", {27: "count"}),
    ("The service had recruited three additional educational psychologists.", {3: "count"}),
])
def test_counts_as_minutes_write_them(sentence, values) -> None:
    figures = extract(MEETING + "5. Performance\n\n" + sentence)["figures"]
    assert {f["value"]: f["unit"] for f in figures} == values


def test_a_labelled_value_and_comparators_listed_respectively_or_in_table_columns() -> None:
    document = extract(MEETING + "5. Performance\n\n"
                       "- Children in care: 312, a rate of 103 per 10,000.\n"
                       "- Care leavers in education, employment or training were 52% and in suitable accommodation 61%, "
                       "against England averages of 55% and 88% respectively.\n\n"
                       "Measure\tDevon\tStatistical neighbours\tEngland\n"
                       "Re-referrals within 12 months\t21.5%\t20.1%\t22.4%\n")
    figures = {f["value"]: (f["unit"], f["comparators"]) for f in document["figures"]}
    assert figures == {312: ("count", {}), 103: ("per_10k", {}), 52: ("percent", {"England": 55}),
                       61: ("percent", {"England": 88}), 21.5: ("percent", {"Statistical neighbours": 20.1, "England": 22.4})}


def test_a_pdf_tables_comparator_columns_separated_by_spaces() -> None:
    document = extract(MEETING + "5. Performance\n\nThe report compared Devon with its statistical neighbours and England:\n"
                       "Measure Devon Statistical neighbours England\n"
                       "Re-referrals within 12 months 21.5% 20.1% 22.4%\n"
                       "Pupils with an EHC plan 4.6% 4.1% 4.3%\n\n"
                       "Members noted that 61% and 58% of plans were on time in the two quarters.")
    figures = {f["value"]: f["comparators"] for f in document["figures"]}
    assert figures == {21.5: {"Statistical neighbours": 20.1, "England": 22.4}, 4.6: {"Statistical neighbours": 4.1, "England": 4.3},
                       61: {}, 58: {}}


def test_figures_units_comparators_periods_and_words() -> None:
    document = extract(MEETING + "5. Performance\n\n"
                       "- Referral rates had increased, with Devon (484 per 10,000) now being below the national average (465).\n"
                       "- There had been a 40% increase in contacts compared with last April.\n"
                       "- The dashboard showed there were five children in care in unregistered accommodation.\n"
                       "- Agency social workers had increased in October to 37.9%, compared with 18% nationally.\n"
                       "- UASC numbers were standing at 48, compared to 10 in October 2021.\n"
                       "- The overspend was £1.3millions and the average wait was 23 days.\n")
    figures = {f["value"]: f for f in document["figures"]}
    assert set(figures) == {484, 40, 5, 37.9, 48, 10, 1300000, 23}
    assert figures[484]["unit"] == "per_10k" and figures[484]["comparators"] == {"England": 465}
    assert figures[484]["area"] == "Devon" and figures[484]["indicator"] == "REF_RATE"
    assert figures[40]["unit"] == "change_percent" and figures[40]["period"] == "2022-11"
    assert figures[5]["unit"] == "count" and figures[5]["indicator"] == "CLA_UNREGISTERED"
    assert figures[37.9]["period"] == "2022-10" and figures[37.9]["comparators"] == {"England": 18}
    assert figures[10]["period"] == "2021-10" and figures[10]["indicator"] == figures[48]["indicator"] == "UASC_NUM"
    assert figures[1300000]["unit"] == "gbp" and figures[23]["unit"] == "days"


@pytest.mark.parametrize("sentence, codes", [
    ("Twelve foster carers had been trained to support unaccompanied asylum-seeking children.", {12: None}),
    ("14 care leavers had arrived as unaccompanied asylum-seeking children.", {14: None}),
    ("Of the 412 children in care, 48 were unaccompanied asylum-seeking children.", {412: "CLA_NUM", 48: "UASC_NUM"}),
    ("Of the 1,342 children looked after, 212 were placed more than 20 miles from home.", {1342: "CLA_NUM", 212: None}),
    ("There were 94 children in care in residential placements and 31 new fostering households.", {94: None, 31: None}),
    ("Only 64% of initial health assessments for children in care were completed on time.", {64: None}),
    ("The number of CPPs had risen to a total of 636 at the time of the meeting.", {636: "CPP_NUM"}),
])
def test_what_a_count_counts_decides_its_indicator(sentence, codes) -> None:
    figures = extract(MEETING + "5. Performance\n\n" + sentence)["figures"]
    assert {f["value"]: f["indicator"] for f in figures} == codes


@pytest.mark.parametrize("sentence, periods", [
    ("The number of children on a plan had fallen from 412 in June 2021 to 286.", {412: "2021-06", 286: "2022-11"}),
    ("Contacts had risen from 680 in April to 815.", {680: "2022-04", 815: "2022-11"}),
    ("1,106 referrals had been received in the quarter to 30 September 2022.", {1106: "2022-09"}),
    ("There were 187 households in temporary accommodation at the end of October, from 142 a year earlier.",
     {187: "2022-10", 142: "2021-10"}),
    ("The team had made 410 home visits, down from over 550 a year ago.", {410: "2022-11", 550: "2021-11"}),
    ("In 2021/22, 23.4% of children were overweight, compared with 22.1% in England, and the figure for Year 6 was 38.9%, "
     "up from 36.5% the year before.", {23.4: "2022", 38.9: "2022", 36.5: "2021"}),
])
def test_periods_of_figures_and_of_the_values_they_came_from(sentence, periods) -> None:
    figures = extract(MEETING + "5. Performance\n\n" + sentence)["figures"]
    assert {f["value"]: f["period"] for f in figures} == periods


@pytest.mark.parametrize("header, meta, area", [
    ("Venue: Committee Room 2, Ferrisham Town Hall\n\n", None, "Ferrisham"),
    ("Contact: democratic.services@north-moor.gov.uk\n\n", None, "North Moor"),
    ("", SourceMeta(source_url="https://democracy.devon.gov.uk/mgAi.aspx?ID=27691"), "Devon"),
])
def test_the_council_is_known_by_its_town_hall_web_address_or_the_officers_manifest(header, meta, area) -> None:
    text = header + MEETING + "5. Performance\n\nThere were 412 children in care."
    document = extract_source(read_bytes(text.encode("utf-8"), "t.txt"), "t.txt", meta)
    assert [f["area"] for f in document["figures"]] == [area]


def test_a_place_named_by_its_area_or_district_is_the_figures_area() -> None:
    document = extract("Torcombe Parish Council\n\n" + MEETING + "5. District Councillor's report\n\n"
                       "Cllr Dyer reported that eleven properties in the parish had flooded and that the district council "
                       "had received 214 reports of flooding across the Torridge area.")
    assert {f["value"]: f["area"] for f in document["figures"]} == {11: "Torcombe", 214: "Torridge"}
    document = extract("Torcombe Parish Council\n\n" + MEETING + "5. Health\n\n"
                       "Obesity was 23.4%, compared with 22.1% in England, and the figure for Year 6 was 38.9%.")
    assert {f["value"]: f["area"] for f in document["figures"]} == {23.4: "Torcombe", 38.9: "Torcombe"}


def test_indicator_codes_come_from_the_synonym_table_and_exist_in_the_catalogue() -> None:
    with (REPO / "data" / "indicators.csv").open(encoding="utf-8") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    with (REPO / "data" / "indicator_synonyms.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {row["indicator"] for row in rows} <= codes
    for module in (REPO / "scrutinydesk" / "ingest").glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert not any(code in source for code in codes), f"{module.name}: indicator codes belong in the synonym table"


def test_rag_ratings_with_subject_and_plan_reference() -> None:
    document = extract(MEETING + "5. Improvement plan\n\n"
                       "The improvement plan had one area of red in terms of RAG rating. 4.10 ‘Children in care have a clear plan.’ "
                       "It was expected that this would be ‘amber’ by the next review.\n\n"
                       "Three priorities are RAG rated Amber, while \"Voice of children\" is RAG rated Green.\n\n"
                       "Performance could move from Green to Amber.\n\n"
                       "Priority\tRAG\n2.1 Placement sufficiency\tRed\n")
    ratings = [(r["ref"], r["subject"], r["rating"]) for r in document["rag"]]
    assert ratings == [("4.10", "Children in care have a clear plan", "Red"), (None, "Three priorities", "Amber"),
                       (None, "Voice of children", "Green"), ("2.1", "Placement sufficiency", "Red")]


@pytest.mark.parametrize("wording, ratings", [
    ("Ref\tAction\tLead officer\tRAG\n2.3\tDeliver the affordable homes programme\tDirector of Housing\tAmber\n"
     "3.1\tReduce the time taken to re-let homes\tDirector of Housing\tRed\n",
     [("2.3", "Deliver the affordable homes programme", "Amber"), ("3.1", "Reduce the time taken to re-let homes", "Red")]),
    ("The plan's summary showed:\n3.1 Improve the timeliness of single assessments Amber\n3.2 Reduce re-referrals Green\n",
     [("3.1", "Improve the timeliness of single assessments", "Amber"), ("3.2", "Reduce re-referrals", "Green")]),
    ("Members noted that action 4.1, to recruit two additional educational psychologists, had moved from Amber to Green.",
     [("4.1", "to recruit two additional educational psychologists", "Green")]),
    ("Of the 26 actions in the plan, 19 were rated Green, 5 Amber and 2 Red.", []),
    ("The RAG summary was noted. Residents met at the Red Lion. The preferred site for the bench was Green Lane, by the shop.", []),
])
def test_rag_in_tables_plan_rows_and_changes_but_not_counts_or_place_names(wording, ratings) -> None:
    document = extract(MEETING + "5. Corporate Plan\n\n" + wording)
    assert [(r["ref"], r["subject"], r["rating"]) for r in document["rag"]] == ratings
