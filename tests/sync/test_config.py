"""Settings: IT preconfigures the shared folder and the officer key; the member may override them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrutinydesk.core.config import Settings, load_settings, read_key_record, save_settings
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.sync.keys import public_key_from_record


def test_nothing_configured(data_dir, tmp_path):
    assert load_settings(data_dir, app_dirs=[tmp_path]) == Settings()


def test_an_ini_beside_the_app_is_read_with_its_key_file(data_dir, tmp_path, officer):
    app = tmp_path / "app"
    app.mkdir()
    (app / "officer.pub").write_bytes(officer.pub_path.read_bytes())
    (app / "scrutinydesk.ini").write_text(
        "[sync]\nshared_folder = \\\\council.local\\scrutiny\\share   ; the officer's share\n"
        "trusted_key = officer.pub\n", encoding="utf-8")
    settings = load_settings(data_dir, app_dirs=[app])
    assert settings.shared_folder == Path("\\\\council.local\\scrutiny\\share")
    assert public_key_from_record(settings.trusted_key, "ini").key_id == officer.public.key_id


def test_an_ini_may_carry_the_key_inline(data_dir, tmp_path, officer):
    (tmp_path / "scrutinydesk.ini").write_text(
        f"[sync]\ntrusted_key_ed25519 = {officer.public.raw_b64()}\ntrusted_key_name = Scrutiny Officer\n"
        f"trusted_key_id = {officer.public.key_id}\n", encoding="utf-8")
    settings = load_settings(data_dir, app_dirs=[tmp_path])
    key = public_key_from_record(settings.trusted_key, "ini")
    assert (key.key_id, key.name) == (officer.public.key_id, "Scrutiny Officer")


def test_the_members_own_settings_override_its_and_keep_other_keys(data_dir, tmp_path, officer):
    (tmp_path / "scrutinydesk.json").write_text(json.dumps({"shared_folder": "S:/it-share", "pull_minutes": 10}))
    config = data_dir / "config.json"
    config.write_text(json.dumps({"chair_device": "kept as it is"}))
    save_settings(Settings(shared_folder=Path("/mnt/mine"), trusted_key=read_key_record(officer.pub_path),
                           pull_minutes=3), data_dir)
    settings = load_settings(data_dir, app_dirs=[tmp_path])
    assert settings.shared_folder == Path("/mnt/mine") and settings.pull_minutes == 3
    assert settings.trusted_key["key_id"] == officer.public.key_id
    assert json.loads(config.read_text())["chair_device"] == "kept as it is"


def test_a_broken_settings_file_is_named(data_dir, tmp_path):
    (tmp_path / "scrutinydesk.json").write_text("{not json")
    with pytest.raises(UserFacingError, match="scrutinydesk.json could not be read"):
        load_settings(data_dir, app_dirs=[tmp_path])
