"""Light and dark palettes that follow the system, with text contrast of at least 4.5:1 (tested)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from scrutinydesk.ui.widget_walk import all_widgets

Role = QPalette.ColorRole

LIGHT = {
    Role.Window: "#f4f4f2", Role.WindowText: "#1a1a1a", Role.Base: "#ffffff", Role.AlternateBase: "#f0f3f6",
    Role.Text: "#1a1a1a", Role.Button: "#e9e9e6", Role.ButtonText: "#1a1a1a", Role.Highlight: "#0b5394",
    Role.HighlightedText: "#ffffff", Role.ToolTipBase: "#ffffe8", Role.ToolTipText: "#1a1a1a",
    Role.PlaceholderText: "#5c5c5c", Role.Link: "#0b5394", Role.Mid: "#5c5c5c",
}
DARK = {
    Role.Window: "#1f2124", Role.WindowText: "#ececec", Role.Base: "#151618", Role.AlternateBase: "#24272b",
    Role.Text: "#ececec", Role.Button: "#2c2f33", Role.ButtonText: "#ececec", Role.Highlight: "#6cb4ee",
    Role.HighlightedText: "#0b0b0b", Role.ToolTipBase: "#2c2f33", Role.ToolTipText: "#ececec",
    Role.PlaceholderText: "#a8a8a8", Role.Link: "#8cc8ff", Role.Mid: "#a8a8a8",
}
# (text role, background role) pairs that must reach 4.5:1.
TEXT_PAIRS = [
    (Role.WindowText, Role.Window), (Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button), (Role.HighlightedText, Role.Highlight), (Role.ToolTipText, Role.ToolTipBase),
    (Role.PlaceholderText, Role.Base), (Role.Link, Role.Base), (Role.Mid, Role.Window), (Role.Mid, Role.Base),
]


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def palette_for(dark: bool) -> QPalette:
    palette = QPalette()
    for role, colour in (DARK if dark else LIGHT).items():
        palette.setColor(role, QColor(colour))
    return palette


def apply_theme(app: QApplication, choice: str = "system") -> bool:
    """Apply "light", "dark" or "system"; returns whether the dark palette is in use."""
    dark = system_prefers_dark() if choice == "system" else choice == "dark"
    app.setStyle("Fusion")
    app.setPalette(palette_for(dark))
    with all_widgets(app) as widgets:
        for widget in widgets:
            if widget.styleSheet():  # a style sheet's palette(...) colours are fixed when it is applied
                widget.setStyleSheet(widget.styleSheet())
    return dark
