"""Help → About: version, the database open, the data folder, IT's preconfiguration and bundled licences."""
from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtCore import qVersion

from scrutinydesk import __version__
from scrutinydesk.core import config
from scrutinydesk.core.releases import OpenRelease
from scrutinydesk.sync.keys import generate_keypair
from scrutinydesk.ui.about_dialog import AboutDialog, bundled_components, describe_release
from scrutinydesk.ui.main_window import MainWindow


@pytest.fixture()
def no_preconfiguration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder standing in for the app's install folder."""
    folder = tmp_path / "install"
    folder.mkdir()
    monkeypatch.setattr(config, "app_folders", lambda: [folder])
    return folder


def test_about_shows_version_database_and_data_folder(qtbot, seed_db: Path, data_dir: Path,
                                                       no_preconfiguration: Path) -> None:
    dialog = AboutDialog(OpenRelease(seed_db, None), data_dir, "2022-11-16T09:00:00")
    qtbot.addWidget(dialog)
    assert dialog.fields["Version"].text() == __version__
    assert dialog.fields["Data folder"].text() == str(data_dir)
    assert dialog.fields["Database file"].text() == str(seed_db)
    assert dialog.fields["Database open"].text() == "The database bundled with the app, built Wednesday 16 November 2022"
    assert dialog.fields["Shared folder"].text().startswith("Not set")


def test_a_pulled_release_is_described_with_its_version_date_and_publisher(tmp_path: Path) -> None:
    release = OpenRelease(tmp_path / "v000012.db", 12, "2022-11-16T10:00:00+00:00", "ab12", "Scrutiny Officer")
    assert describe_release(release) == "Release v12, published Wednesday 16 November 2022 by Scrutiny Officer"


def test_about_shows_what_it_preconfigured_beside_the_app(qtbot, seed_db: Path, data_dir: Path,
                                                          no_preconfiguration: Path) -> None:
    _private, public = generate_keypair("Scrutiny Officer", no_preconfiguration, None)
    (no_preconfiguration / "scrutinydesk.ini").write_text(
        f"[sync]\nshared_folder = /srv/scrutiny/share\ntrusted_key = {public.name}\n", encoding="utf-8")
    key_id = json.loads(public.read_text(encoding="utf-8"))["key_id"]
    dialog = AboutDialog(OpenRelease(seed_db, None), data_dir)
    qtbot.addWidget(dialog)
    assert dialog.fields["Shared folder"].text() == str(Path("/srv/scrutiny/share"))
    assert key_id in dialog.fields["Trusted officer key"].text()
    assert "Scrutiny Officer" in dialog.fields["Trusted officer key"].text()


def test_licences_list_every_installed_dependency_with_its_version() -> None:
    components = {c.name.lower().replace("_", "-"): c for c in bundled_components()}
    for requirement in metadata.requires("scrutinydesk") or []:
        if "extra ==" in requirement:
            continue
        name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0)
        listed = components[name.lower().replace("_", "-")]
        assert listed.version == metadata.version(name)
        assert listed.licence and listed.licence != "not stated"
    assert components["python"].licence == "PSF-2.0"
    assert components["qt"].version == qVersion()


def test_choosing_a_component_shows_its_licence_text(qtbot, seed_db: Path, data_dir: Path,
                                                     no_preconfiguration: Path) -> None:
    dialog = AboutDialog(OpenRelease(seed_db, None), data_dir)
    qtbot.addWidget(dialog)
    names = [c.name for c in dialog.model.components]
    row = names.index("click")
    dialog.table.selectRow(row)
    licence_file = next(f for f in metadata.distribution("click").files if "LICENSE" in f.name.upper())
    assert licence_file.read_text().strip().splitlines()[0] in dialog.licence_text.toPlainText()
    fonts = [c for c in dialog.model.components if "DejaVu" in c.name]
    assert fonts and "Bitstream" in fonts[0].text


def test_help_about_opens_the_dialog_from_the_window(qtbot, seed_db: Path, data_dir: Path,
                                                     no_preconfiguration: Path) -> None:
    window = MainWindow(OpenRelease(seed_db, None), data_dir)
    qtbot.addWidget(window)
    about = next(a for a in window.help_menu.actions() if "About" in a.text())
    about.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.fields["Data folder"].text() == str(data_dir)
    dialog.close()
