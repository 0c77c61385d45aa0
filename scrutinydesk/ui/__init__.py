"""The window: PySide6 and pyqtgraph live only here. Layout, Qt models and wiring; no business rules."""
