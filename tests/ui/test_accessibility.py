"""Accessibility: contrast from the palettes, accessible names on focusable widgets, tab order, text size."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from scrutinydesk.core.contrast import AA_TEXT, contrast_ratio
from scrutinydesk.ui.main_window import TAB_NAMES, MainWindow
from scrutinydesk.ui.meetings_tab import HIGHLIGHT_STYLE
from scrutinydesk.ui.shortcuts_dialog import ShortcutsDialog
from scrutinydesk.ui.theme import DARK, LIGHT, TEXT_PAIRS


def test_contrast_function_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_colour_reaches_aa_contrast(palette) -> None:
    for text, background in TEXT_PAIRS:
        ratio = contrast_ratio(palette[text], palette[background])
        assert ratio >= AA_TEXT, f"{text} on {background}: {ratio:.2f}"


def test_minutes_highlights_keep_black_text_readable() -> None:
    for colour, _underline in HIGHLIGHT_STYLE.values():
        assert contrast_ratio("#000000", colour) >= AA_TEXT


def focusable(widget: QWidget) -> bool:
    return (widget.isVisible() and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus)


def unnamed(widget: QWidget) -> bool:
    if widget.accessibleName():
        return False
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return False
    return True


@pytest.mark.parametrize("tab", TAB_NAMES)
def test_every_focusable_widget_has_an_accessible_name(window: MainWindow, tab: str) -> None:
    window.select_tab(tab)
    QApplication.processEvents()
    missing = [f"{type(w).__name__} {w.objectName()!r} parent={type(w.parent()).__name__}"
               for w in window.findChildren(QWidget) if focusable(w) and unnamed(w)]
    assert not missing, "\n".join(missing)


def test_tab_key_visits_every_focusable_widget_of_a_tab(window: MainWindow, qtbot) -> None:
    window.select_tab("actions")
    QApplication.processEvents()
    expected = {w for w in window.actions_tab.findChildren(QWidget) if focusable(w)}
    window.actions_tab.filter_edit.setFocus()
    seen = set()
    for _ in range(len(expected) * 3 + 10):
        seen.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert expected <= seen, {type(w).__name__ for w in expected - seen}


def test_text_can_be_enlarged_to_double_and_back(window: MainWindow) -> None:
    base = QApplication.font().pointSizeF()
    for _ in range(10):
        window.text_size.larger()
    assert window.text_size.percent == 200
    assert QApplication.font().pointSizeF() == pytest.approx(base * 2)
    window.text_size.reset()
    assert QApplication.font().pointSizeF() == pytest.approx(base)


def test_shortcuts_dialog_lists_the_menu_shortcuts(window: MainWindow) -> None:
    dialog = ShortcutsDialog(window)
    rows = [dialog.model.item(r, 0).text() for r in range(dialog.model.rowCount())]
    assert any("Find" in r for r in rows)
    assert any("Larger text" in r for r in rows)
