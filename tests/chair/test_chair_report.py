"""The action tracker paper: what it lists for a meeting, and the PDF it writes."""
from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from chair_kit import AUDIT, BRIEFING, CHILDREN, NOVEMBER, deliver, event_for
from click.testing import CliRunner
from pypdf import PdfReader

from scrutinydesk.cli import main
from scrutinydesk.core.action_log_report import action_tracker, write_action_tracker_pdf
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.sync.merge import merge_outbox

JANUARY = f"{CHILDREN}/2023-01-17"


def tracker_for(master, meeting_id):
    conn = sqlite3.connect(master)
    try:
        return action_tracker(conn, meeting_id)
    finally:
        conn.close()


def states(tracker) -> dict[str, list[tuple[str, str]]]:
    return {o.meeting_id: [(r.text, r.state) for r in o.rows] for o in tracker.origins}


def test_a_coming_meeting_lists_open_overdue_and_recently_completed_by_meeting_of_origin(master):
    tracker = tracker_for(master, JANUARY)

    assert (tracker.committee, tracker.meeting_date, tracker.previous_date) == \
        ("Children's Scrutiny Committee", "2023-01-17", "2022-11-15")
    assert states(tracker) == {
        f"{CHILDREN}/2022-03-15": [("Circulate a briefing note to Members on referral rates", "Overdue"),
                                   ("Report back on social worker recruitment", "Open")],
        NOVEMBER: [("Share the audit findings with the Standing Overview Group", "Completed")],
    }
    assert [r.ref for o in tracker.origins for r in o.rows] == ["1", "2", "3"]
    assert (tracker.count("Open"), tracker.count("Overdue"), tracker.count("Completed")) == (1, 1, 1)


def test_a_past_meeting_leaves_out_its_own_actions_and_earlier_completions(master):
    tracker = tracker_for(master, NOVEMBER)

    assert tracker.previous_date == "2022-03-15"
    assert list(states(tracker)) == [f"{CHILDREN}/2022-03-15"]
    conn = sqlite3.connect(master)
    conn.execute("UPDATE actions SET status = 'completed', completed_at = '2022-03-01' WHERE id = ?", (BRIEFING,))
    conn.commit()
    conn.close()
    assert [text for text, _ in states(tracker_for(master, NOVEMBER))[f"{CHILDREN}/2022-03-15"]] == \
        ["Report back on social worker recruitment"]


def test_a_chairs_completion_shows_with_who_when_and_the_note(master, share, chair):
    deliver(share, event_for(chair, BRIEFING, "status", "open", "completed", note="Circulated to all Members",
                             client_time=datetime(2022, 12, 20, 9, tzinfo=UTC)), chair.private)
    merge_outbox(share, master)

    [row] = [r for o in tracker_for(master, JANUARY).origins for r in o.rows if r.state == "Completed"
             and "briefing" in r.text]
    assert row.update == "Completed 20 Dec 2022 by Cllr Jane Smith (Chair): Circulated to all Members"


def test_the_pdf_reads_as_the_committees_paper(master, share, chair, tmp_path):
    deliver(share, event_for(chair, AUDIT, "note", None, "Shared with the group on 2 December"), chair.private)
    merge_outbox(share, master)
    out = tmp_path / "tracker.pdf"

    write_action_tracker_pdf(tracker_for(master, JANUARY), out)

    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    for expected in ("Action tracker", "Children's Scrutiny Committee", "Tuesday 17 January 2023",
                     "Meeting of Tuesday 15 March 2022", "Overdue", "Shared with the group on 2 December"):
        assert expected in text


def test_the_report_command_writes_the_pdf_and_refuses_an_unknown_meeting(master, tmp_path, data_dir):
    out = tmp_path / "tracker.pdf"
    runner = CliRunner()

    ok = runner.invoke(main, ["actions", "report", "--meeting", JANUARY, "--pdf", str(out), "--db", str(master)])
    bad = runner.invoke(main, ["actions", "report", "--meeting", "planning/2023-01-17", "--pdf", str(out),
                               "--db", str(master)])

    assert ok.exit_code == 0, ok.output
    assert "2 open (1 overdue), 1 completed since the last meeting" in ok.output
    assert out.read_bytes().startswith(b"%PDF")
    assert bad.exit_code == 2 and "COMMITTEE/YYYY-MM-DD" in bad.output


def test_an_undated_meeting_is_a_plain_error(master):
    with pytest.raises(UserFacingError, match="not a dated meeting"):
        tracker_for(master, f"{CHILDREN}/2023-02-30")
