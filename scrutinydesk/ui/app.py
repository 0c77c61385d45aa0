"""Starting the window: the QApplication, the release to open, and the one-shot screenshot mode."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from scrutinydesk.core.database import open_readonly
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.paths import bundled_database, resources_dir
from scrutinydesk.core.releases import OpenRelease, current_release
from scrutinydesk.ui.main_window import TAB_NAMES, MainWindow, window_settings
from scrutinydesk.ui.theme import apply_theme

SCREENSHOT_SIZE = (1366, 820)


def application() -> QApplication:
    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("scrutinydesk")
    app.setOrganizationName("scrutinydesk")
    app.setApplicationDisplayName("scrutinydesk")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "scrutinydesk-256.png")))
    return app


def release_to_open(data_dir: Path) -> OpenRelease:
    """The current release; if its file has gone bad since it was verified, the previous snapshot,
    and failing that the bundled database, so a member's window always opens on something whole."""
    release = current_release(data_dir)
    while release.version is not None:
        try:
            open_readonly(release.path).close()
            return release
        except UserFacingError:
            from scrutinydesk.sync.snapshots import rollback  # only when the release has gone bad

            try:
                release = rollback(data_dir)
            except UserFacingError:
                return OpenRelease(bundled_database(), None)
    return release


def run_window(data_dir: Path, db: Path | None = None, screenshot: Path | None = None, tab: str | None = None,
               theme: str | None = None, text_size: int | None = None) -> int:
    """Open the window on ``db`` (else the current release, else the bundled database); return the exit code.

    ``theme`` and ``text_size`` override the member's saved choices for this run only (screenshots, checks).
    """
    release = OpenRelease(db, None) if db else release_to_open(data_dir)
    app = application()
    # The theme before the window: widgets made under their final style are not polished twice.
    apply_theme(app, theme or str(window_settings(data_dir).value("theme", "system")))
    try:
        window = MainWindow(release, data_dir)
    except UserFacingError as error:
        if screenshot is not None:
            raise  # the command line says it in one sentence
        QMessageBox.critical(None, "scrutinydesk cannot start", str(error))
        return 2
    if text_size:
        window.text_size.set_percent(text_size, remember=False)
    if tab:
        window.select_tab(tab)
    if screenshot is None:
        window.show()
        window.show_tour_if_wanted()
        return app.exec()
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    for _ in range(5):
        app.processEvents()
    ok = window.grab().save(str(screenshot))
    window.close()
    return 0 if ok else 1


__all__ = ["TAB_NAMES", "run_window"]
