"""The main window: four tabs over the open published database, global search, menus and status bar."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk.core.database import is_master, open_readonly
from scrutinydesk.core.dates import long_date
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.paths import bundled_database
from scrutinydesk.core.releases import OpenRelease
from scrutinydesk.core.store import Store
from scrutinydesk.ui.actions_tab import ActionsTab
from scrutinydesk.ui.chair_mode import attach_chair_mode
from scrutinydesk.ui.elided_label import ElidedLabel
from scrutinydesk.ui.first_run_tour import FirstRunTour
from scrutinydesk.ui.meetings_tab import MeetingsTab
from scrutinydesk.ui.notes_docks import NotesDocks
from scrutinydesk.ui.officer.mode import attach_officer_mode, choose_master
from scrutinydesk.ui.resolutions_tab import ResolutionsTab
from scrutinydesk.ui.sync_worker import attach_release_sync
from scrutinydesk.ui.text_size import TextSize
from scrutinydesk.ui.theme import apply_theme

if TYPE_CHECKING:
    from scrutinydesk.ui.indicators_tab import IndicatorsTab
    from scrutinydesk.ui.search_dialog import SearchDialog

TAB_NAMES = ("meetings", "resolutions", "actions", "indicators")
INDICATORS = TAB_NAMES.index("indicators")


def window_settings(data_dir: Path) -> QSettings:
    """The window's remembered state (geometry, tab, theme, text size) in the member's data folder."""
    return QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    """One window over one release; ``open_release`` switches to another in place."""

    _indicators: IndicatorsTab | None = None  # built on first need (see __init__)
    _painted = False

    def __init__(self, release: OpenRelease, data_dir: Path, parent=None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.release = release
        self.conn = open_readonly(release.path)
        self.store = Store(self.conn)
        self.setWindowTitle("scrutinydesk")
        self.settings = window_settings(data_dir)
        self.text_size = TextSize(QApplication.instance(), self.settings)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Sections")
        self.tabs.tabBar().setAccessibleName("Sections: Meetings, Resolutions, Actions, Indicators")
        self.meetings_tab = MeetingsTab(self.store)
        self.resolutions_tab = ResolutionsTab(self.conn)
        self.actions_tab = ActionsTab(self.conn)
        # The Indicators tab (charts: pyqtgraph and numpy) is built into this page just after the window's
        # first paint, or at once when it is the tab shown first or something asks for it.
        self._indicators_page = QWidget()
        QVBoxLayout(self._indicators_page).setContentsMargins(0, 0, 0, 0)
        for tab, title in ((self.meetings_tab, "&Meetings"), (self.resolutions_tab, "&Resolutions"),
                           (self.actions_tab, "&Actions"), (self._indicators_page, "&Indicators")):
            self.tabs.addTab(tab, title)
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda index: self._build_indicators() if index == INDICATORS else None)
        self.resolutions_tab.open_record.connect(self.show_record)
        self.actions_tab.open_record.connect(self.show_record)

        self.release_label = ElidedLabel()
        self.release_label.setAccessibleName("Open database")
        self.statusBar().addPermanentWidget(self.release_label, 1)
        self._build_menus()
        self.notes = NotesDocks(self, data_dir, release.path)  # notes panel, My questions, Notes menu
        if self._indicators is not None:
            self.notes.connect_indicators(self._indicators)
        self._connect_note_badges()
        self.chair_mode = attach_chair_mode(self)  # chair controls, when this laptop's key chairs a committee
        self.release_sync = attach_release_sync(self, data_dir)  # new releases pulled off the UI thread; F5
        self._refresh_labels()
        self._restore_geometry()
        attach_officer_mode(self)  # the Officer menu, when the open database is a master
        self.text_size.refresh()  # the docks' titles, made since, take the size too

    @property
    def indicators_tab(self) -> IndicatorsTab:
        """The Indicators tab, built the first time it is needed (see ``__init__``)."""
        return self._build_indicators()

    def _build_indicators(self) -> IndicatorsTab:
        if self._indicators is None:
            from scrutinydesk.ui.indicators_tab import IndicatorsTab

            self._indicators = IndicatorsTab(lambda: self.conn)
            self._indicators.open_record.connect(lambda _meeting, record: self.show_record(record))
            self._indicators_page.layout().addWidget(self._indicators)
            notes = getattr(self, "notes", None)
            if notes is not None:
                notes.connect_indicators(self._indicators)
        return self._indicators

    def paintEvent(self, event: QPaintEvent) -> None:
        """After the first paint the member sees the window; the Indicators tab is built next, while they read."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._build_indicators)

    def _connect_note_badges(self) -> None:
        """Every table marks the records that carry the member's notes, and updates when notes change."""
        notebook = self.notes.notebook
        for tab in (self.resolutions_tab, self.actions_tab):
            tab.proxy.set_note_lookup(notebook.has_notes)
        self.meetings_tab.set_note_counts(lambda ids: notebook.note_counts(ids, within=True))
        self.notes.panel.notes_changed.connect(lambda _target: self._refresh_note_badges())

    def _refresh_note_badges(self) -> None:
        for tab in (self.resolutions_tab, self.actions_tab):
            tab.proxy.refresh_notes()
        self.meetings_tab.refresh_notes()

    # -- menus ----------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&Open database…", QKeySequence.StandardKey.Open, self._choose_database)
        self._action(file_menu, "Open &master…", None, lambda: choose_master(self))
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        edit_menu = self.menuBar().addMenu("&Edit")
        self._action(edit_menu, "&Find…", QKeySequence.StandardKey.Find, self.open_search)
        view_menu = self.menuBar().addMenu("&View")
        for number, name in enumerate(TAB_NAMES, start=1):
            self._action(view_menu, name.capitalize(), QKeySequence(f"Ctrl+{number}"),
                         lambda _checked=False, n=name: self.select_tab(n))
        view_menu.addSeparator()
        self._action(view_menu, "&Larger text", QKeySequence.StandardKey.ZoomIn, self.text_size.larger)
        self._action(view_menu, "&Smaller text", QKeySequence.StandardKey.ZoomOut, self.text_size.smaller)
        self._action(view_menu, "&Actual text size", QKeySequence("Ctrl+0"), self.text_size.reset)
        theme_menu = view_menu.addMenu("&Theme")
        for label, choice in (("Follow the system", "system"), ("Light", "light"), ("Dark", "dark")):
            self._action(theme_menu, label, None, lambda _checked=False, c=choice: self.set_theme(c))
        self.help_menu = self.menuBar().addMenu("&Help")
        self._action(self.help_menu, "&Keyboard shortcuts", QKeySequence.StandardKey.HelpContents,
                     self._shortcuts)
        self._action(self.help_menu, "&Tour of the tabs", None, lambda: FirstRunTour(self.settings, self).exec())
        self._action(self.help_menu, "&About scrutinydesk", None, self._about)

    def _shortcuts(self) -> None:
        from scrutinydesk.ui.shortcuts_dialog import ShortcutsDialog  # dialogs are imported when first opened

        ShortcutsDialog(self).exec()

    def _action(self, menu, text: str, shortcut, slot) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def set_theme(self, choice: str) -> None:
        apply_theme(QApplication.instance(), choice)
        self.settings.setValue("theme", choice)

    def show_tour_if_wanted(self) -> None:
        """The first-run tour, unless the member dismissed it for good."""
        if FirstRunTour.wanted(self.settings):
            FirstRunTour(self.settings, self).open()

    # -- navigation -----------------------------------------------------------------------------
    def select_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TAB_NAMES.index(name))

    def show_record(self, record_id: str) -> None:
        """Jump to any record by id: its meeting, item and words in the Meetings tab."""
        if self.meetings_tab.show_record(record_id):
            self.select_tab("meetings")

    def open_search(self) -> SearchDialog:
        from scrutinydesk.ui.search_dialog import SearchDialog

        dialog = SearchDialog(self.store, self)
        dialog.open_record.connect(self.show_record)
        dialog.show()
        dialog.query.setFocus()
        return dialog

    # -- the open database ----------------------------------------------------------------------
    def open_release(self, release: OpenRelease) -> None:
        """Switch every tab to another database, keeping the member's tab and selection."""
        conn = open_readonly(release.path)
        old = self.conn
        self.conn, self.store, self.release = conn, Store(conn), release
        self.meetings_tab.reload(self.store)
        self.resolutions_tab.set_connection(conn)
        self.actions_tab.set_connection(conn)
        self.chair_mode.release_changed(release)
        if self._indicators is not None:
            self._indicators.reload()
        self.notes.release_changed(release.path)
        old.close()
        self._refresh_labels()
        attach_officer_mode(self)

    def _choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a scrutinydesk database", str(self.release.path.parent),
                                              "scrutinydesk databases (*.db);;All files (*)")
        if not path:
            return
        try:
            self.open_release(OpenRelease(Path(path), None))
        except UserFacingError as error:
            QMessageBox.warning(self, "Could not open the database", str(error))

    def _refresh_labels(self) -> None:
        open_count, overdue = self.store.action_counts()
        self.tabs.setTabText(2, f"&Actions ({open_count} open, {overdue} overdue)")
        meta = self.store.meta()
        built = long_date(meta.get("built_at"))
        if self.release.version is not None:
            when = long_date(self.release.published_at) if self.release.published_at else "date not known"
            text = f"Release v{self.release.version} · published {when}"
        elif is_master(self.conn):
            text = f"Master database {self.release.path.name} · built {built}"
        elif self.release.path == bundled_database():
            text = f"Bundled database · built {built} · no release pulled yet"
        else:
            text = f"Database {self.release.path.name} · built {built}"
        self.release_label.setText(text)

    def _about(self) -> None:
        from scrutinydesk.ui.about_dialog import AboutDialog  # reads package metadata: not at start

        AboutDialog(self.release, self.data_dir, self.store.meta().get("built_at"), self).open()

    # -- window state ---------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        tab = self.settings.value("tab")
        if tab in TAB_NAMES:
            self.select_tab(tab)

    def closeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        self.notes.panel.flush()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("tab", TAB_NAMES[self.tabs.currentIndex()])
        self.settings.sync()
        super().closeEvent(event)
