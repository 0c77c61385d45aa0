"""Puts the member's notebook into the main window: the notes panel and My questions as docks on the
right, a Notes menu (made with the window's own ``_action`` helper), and the wiring from every tab's
selection to the panel.

The main window makes one ``NotesDocks(window, data_dir, release_path)`` and tells it when the
release switches (``release_changed``); everything else is connected here.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMessageBox, QTabBar, QWidget

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.note_targets import INDICATOR_PREFIX
from scrutinydesk.core.notebook import NOTEBOOK_FILE, Notebook
from scrutinydesk.core.notebook_export import export_json, import_json
from scrutinydesk.ui.notes_panel import NotesPanel
from scrutinydesk.ui.questions_view import QuestionsView


class NotesDocks:
    """The notebook's place in the window; ``panel`` and ``questions`` are its two views."""

    def __init__(self, window: QMainWindow, data_dir: Path, release_path: Path) -> None:
        self.window = window
        self.notebook = Notebook(data_dir / NOTEBOOK_FILE, release_path)
        self.panel = NotesPanel(self.notebook, window)
        self.questions = QuestionsView(self.notebook, window)
        self.notes_dock = self._dock("Notes && questions", "notesDock", self.panel)
        self.questions_dock = self._dock("My questions", "questionsDock", self.questions)
        window.tabifyDockWidget(self.notes_dock, self.questions_dock)
        self.notes_dock.raise_()
        for bar in window.findChildren(QTabBar):  # the tabs QMainWindow adds under tabified docks
            if bar.parent() is window and not bar.accessibleName():
                bar.setAccessibleName("Notes and questions, My questions")
        self._connect_tabs()
        self._build_menu()
        first = window.meetings_tab.current_item_id() or window.meetings_tab.current_meeting_id()
        if first:  # the Meetings tab chose its first meeting before the panel was listening
            self.panel.show_record(first)

    def _dock(self, title: str, name: str, widget) -> QDockWidget:  # noqa: ANN001 - any QWidget
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _connect_tabs(self) -> None:
        window = self.window
        for tab in (window.meetings_tab, window.resolutions_tab, window.actions_tab):
            tab.record_selected.connect(self.panel.show_record)
        self.panel.notes_changed.connect(lambda _target: self.questions.refresh())
        self.questions.open_target.connect(self.open_target)

    def connect_indicators(self, tab: QWidget) -> None:
        """The Indicators tab, once the window has built it: its selection and questions reach the panel."""
        tab.selection_changed.connect(self.panel.set_target)
        tab.add_question.connect(self._add_question)

    def _build_menu(self) -> None:
        window = self.window
        menu = window.menuBar().addMenu("&Notes")
        window.menuBar().insertMenu(window.help_menu.menuAction(), menu)
        window._action(menu, "&Notes && questions", QKeySequence("Ctrl+Shift+N"), lambda: self.show(self.notes_dock))
        window._action(menu, "&My questions", QKeySequence("Ctrl+Shift+Q"), lambda: self.show(self.questions_dock))
        window._action(menu, "&Detached notes", None, lambda: (self.show(self.notes_dock), self.panel.show_detached()))
        menu.addSeparator()
        window._action(menu, "&Export my questions as PDF…", QKeySequence("Ctrl+Shift+E"), self.questions.choose_pdf)
        window._action(menu, "&Print my questions…", QKeySequence.StandardKey.Print, self.questions.print_preview)
        menu.addSeparator()
        window._action(menu, "Back up the notebook…", None, self._export_notebook)
        window._action(menu, "Restore or merge a notebook backup…", None, self._import_notebook)

    def show(self, dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()

    def open_target(self, target_id: str) -> None:
        """Show the record a question is about: its chart for an indicator, else its place in the minutes."""
        if target_id.startswith(INDICATOR_PREFIX):
            self.window.select_tab("indicators")
            self.window.indicators_tab.select_indicator(target_id[len(INDICATOR_PREFIX):])
        else:
            self.window.show_record(target_id)
        self.panel.show_record(target_id)
        self.show(self.notes_dock)

    def _add_question(self, target_id: str, text: str) -> None:
        self.show(self.notes_dock)
        self.panel.add_question(target_id, text)

    def release_changed(self, release_path: Path) -> None:
        """Re-attach the notebook to the release the window switched to; notes stay attached by id."""
        self.panel.flush()
        self.notebook.attach_published(release_path)
        self.refresh_views()

    def refresh_views(self) -> None:
        """Re-read the panel's record (or show it detached if the release lost it) and My questions."""
        current = self.panel.target_id
        if current:
            target = self.notebook.target(current)
            if target is not None:
                self.panel.set_target(target.id, target.kind, target.label, target.quote)
            else:
                self.panel.show_detached()
        self.questions.refresh()

    def _export_notebook(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Back up my notebook", str(Path.home() / "scrutinydesk-notebook.json"),
                                              "Notebook backup (*.json)")
        if not path:
            return
        self.panel.flush()
        try:
            count = export_json(self.notebook, Path(path))
        except UserFacingError as error:
            QMessageBox.warning(self.window, "Could not back up the notebook", str(error))
            return
        self.window.statusBar().showMessage(f"Backed up {count} notes and questions to {path}.", 8000)

    def _import_notebook(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Restore or merge a notebook backup", str(Path.home()),
                                              "Notebook backup (*.json)")
        if not path:
            return
        try:
            added, updated, present = import_json(self.notebook, Path(path))
        except UserFacingError as error:
            QMessageBox.warning(self.window, "Could not read the backup", str(error))
            return
        self.refresh_views()
        self.window.statusBar().showMessage(
            f"Merged {path}: {added} added, {updated} updated, {present} already here.", 8000)
