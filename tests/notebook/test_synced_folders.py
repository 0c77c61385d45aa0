"""Cloud-synced folders are recognised by their names and by the sync clients' environment variables."""
from __future__ import annotations

import pytest

from scrutinydesk.core.synced_folders import synced_service


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/Users/ann/OneDrive/Documents/scrutinydesk/notebook.db", "OneDrive"),
        ("C:/Users/ann/OneDrive - Devon County Council/notebook.db", "OneDrive"),
        ("/Users/ann/Library/CloudStorage/OneDrive-Personal/n.db", "OneDrive"),
        ("/home/ann/Dropbox/scrutiny/notebook.db", "Dropbox"),
        ("/home/ann/Dropbox (Personal)/notebook.db", "Dropbox"),
        ("/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/n.db", "iCloud Drive"),
        ("C:/Users/ann/iCloudDrive/n.db", "iCloud Drive"),
        ("/Users/ann/Google Drive/n.db", "Google Drive"),
        ("G:/My Drive/scrutinydesk/n.db", "Google Drive"),
        ("/Users/ann/Library/CloudStorage/GoogleDrive-ann@example.org/n.db", "Google Drive"),
        ("/Users/ann/Library/CloudStorage/Box-Box/n.db", "cloud storage"),
    ],
)
def test_synced_folders_are_recognised(path: str, service: str) -> None:
    assert synced_service(path, environ={}) == service


@pytest.mark.parametrize(
    "path",
    [
        "/home/ann/.local/share/scrutinydesk/notebook.db",
        "/Users/ann/Library/Application Support/scrutinydesk/notebook.db",
        "C:/Users/ann/AppData/Local/scrutinydesk/notebook.db",
        "/home/ann/dropbox-notes-archive/notebook.db",
        "/home/ann/onedrive_backup_tool/notebook.db",
    ],
)
def test_local_folders_are_not_mistaken_for_synced_ones(path: str) -> None:
    assert synced_service(path, environ={}) is None


def test_a_renamed_onedrive_root_is_found_through_its_environment_variable(tmp_path) -> None:
    root = tmp_path / "Council Files"
    environ = {"OneDriveCommercial": str(root)}
    assert synced_service(root / "scrutinydesk" / "notebook.db", environ) == "OneDrive"
    assert synced_service(tmp_path / "elsewhere" / "notebook.db", environ) is None


def test_a_symlink_into_a_synced_folder_is_followed(tmp_path) -> None:
    real = tmp_path / "Dropbox" / "stuff"
    real.mkdir(parents=True)
    link = tmp_path / "innocent"
    link.symlink_to(real)
    assert synced_service(link / "notebook.db", environ={}) == "Dropbox"
