from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scrutinydesk.core import ids


def test_readable_ids_from_natural_keys() -> None:
    committee = ids.committee_id("Children's Scrutiny Committee")
    assert committee == "childrens-scrutiny"
    assert ids.meeting_id(committee, "2022-11-15", 2022, "ff" * 32) == "childrens-scrutiny/2022-11-15"
    assert ids.meeting_id(committee, None, 2021, "abcdef12") == "childrens-scrutiny/2021-abcdef"
    assert ids.committee_id(None) == "unknown-committee"
    assert ids.item_id("m", "8", 1) == "m/8"
    assert ids.item_id("m", None, 3) == "m/p3"


def test_record_ids_ignore_spacing_and_punctuation() -> None:
    a = ids.record_id("m/8", "action", "Send a briefing note,  to Members.")
    b = ids.record_id("m/8", "action", "send a briefing note to members")
    assert a == b and a.startswith("m/8/a-")


@given(st.lists(st.sampled_from(["x", "y", "z"]), max_size=20))
def test_unique_ids_are_unique_and_keep_first_occurrences(values: list[str]) -> None:
    out = ids.unique_ids(values)
    assert len(set(out)) == len(out)
    for original, made in zip(values, out, strict=True):
        assert made.startswith(original)
