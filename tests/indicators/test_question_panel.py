"""The "Things worth a question" panel builds cards a batch at a time, however many flags there are."""
from __future__ import annotations

from PySide6.QtCore import Qt

from scrutinydesk.core.question_flags import QuestionFlag, newest_first
from scrutinydesk.ui.question_cards import CARDS_PER_BATCH, QuestionPanel


def _flag(n: int, kind: str = "far_from_official") -> QuestionFlag:
    return QuestionFlag(kind, "SW_VACANCY", f"committee/2020-01-01/1/f-{n:04d}", "committee/2020-01-01",
                        "Far from the published figure", f"Minutes: {n}%; published: 10%.", f"Vacancies were {n}%.",
                        f"Why {n}%?")


def test_three_hundred_flags_build_one_batch_of_cards_until_more_is_asked_for(qtbot):
    panel = QuestionPanel("Things worth a question")
    qtbot.addWidget(panel)
    panel.resize(300, 600)
    panel.show()
    flags = [_flag(n) for n in range(300)]
    panel.set_flags(flags)
    assert len(panel.cards) == CARDS_PER_BATCH
    assert [card.flag for card in panel.cards] == flags[:CARDS_PER_BATCH]
    assert "(300)" in panel.heading.text()
    button = panel.more_button
    assert button.isVisible()
    assert button.text() == f"Show {CARDS_PER_BATCH} more (300 in all)"
    assert button.accessibleName().startswith(button.text())

    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)  # keyboard-operable, not only a click
    assert [card.flag for card in panel.cards] == flags[:2 * CARDS_PER_BATCH]
    assert panel.focusWidget() is button, "the keyboard stays on the button for the next batch"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(panel.cards) == 3 * CARDS_PER_BATCH


def test_the_last_batch_says_how_many_are_left_and_the_button_goes(qtbot):
    panel = QuestionPanel()
    qtbot.addWidget(panel)
    panel.show()
    flags = [_flag(n) for n in range(CARDS_PER_BATCH + 3)]
    panel.set_flags(flags)
    assert panel.more_button.text() == f"Show 3 more ({len(flags)} in all)"
    panel.more_button.setFocus()
    panel.more_button.click()
    assert len(panel.cards) == len(flags)
    assert panel.more_button.isHidden()
    panel.set_flags(flags[:2])  # a new indicator starts again from its first cards
    assert [card.flag for card in panel.cards] == flags[:2] and panel.more_button.isHidden()
    panel.set_flags([])
    assert panel.cards == [] and "Nothing stands out" in panel.heading.text()


def test_cards_keep_their_buttons_and_signals(qtbot):
    panel = QuestionPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_flags([_flag(1)])
    card = panel.cards[0]
    with qtbot.waitSignal(panel.add_question) as added:
        qtbot.mouseClick(card.add_button, Qt.MouseButton.LeftButton)
    assert added.args == [card.flag.target_id, "Why 1%?"]
    with qtbot.waitSignal(panel.open_record) as opened:
        qtbot.mouseClick(card.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == ["committee/2020-01-01", card.flag.target_id]


def test_newest_first_keeps_each_figures_flags_together():
    older = [_flag(1, "contradiction"), _flag(1, "unmatched_comparator")]
    newer = [_flag(2)]
    change = QuestionFlag("rag_change", "SW_VACANCY", "indicator:SW_VACANCY", None, "RAG against England changed",
                          "", None, "")
    assert newest_first([*older, *newer, change]) == [change, *newer, *older]
    assert newest_first([]) == []
