"""The built app in dist/scrutinydesk/ (``make package``), run as a member's laptop would: no Python.

Skipped when there is no build; ``make test`` does not build one (``make package`` takes minutes).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from importlib import metadata
from pathlib import Path

import pytest

from scrutinydesk import __version__

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "scrutinydesk"
APP = DIST / ("scrutinydesk-cli.exe" if sys.platform == "win32" else "scrutinydesk")

pytestmark = pytest.mark.skipif(not APP.is_file(), reason="no built app: run 'make package' first")


def frozen(*args: str, home: Path, cwd: Path | None = None, app: Path = APP) -> subprocess.CompletedProcess:
    """Run the built app with no trace of this checkout's Python on its paths."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", SCRUTINYDESK_HOME=str(home), HOME=str(home.parent))
    return subprocess.run([str(app), *args], capture_output=True, text=True, env=env, timeout=180,
                          cwd=cwd or home.parent)


def bundled_database() -> Path:
    return next(DIST.rglob("data/scrutinydesk.db"))


def test_frozen_app_reports_its_version(tmp_path: Path) -> None:
    result = frozen("--version", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"scrutinydesk, version {__version__}"


def test_frozen_screenshot_is_the_window_the_checkout_shows(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    shot = tmp_path / "frozen.png"
    result = frozen("--screenshot", str(shot), home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    source = tmp_path / "source.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SCRUTINYDESK_HOME": str(tmp_path / "home2")}
    # The same database (the one bundled at build time) through the checkout's own Python.
    subprocess.run([sys.executable, "-m", "scrutinydesk", "--db", str(bundled_database()), "--screenshot",
                    str(source)], check=True, env=env, timeout=180, capture_output=True)
    a, b = QImage(str(shot)), QImage(str(source))
    assert a.size() == b.size() and a.width() > 1000
    step = 4
    differing = sum(1 for y in range(0, a.height(), step) for x in range(0, a.width(), step)
                    if a.pixel(x, y) != b.pixel(x, y))
    assert differing / ((a.width() // step) * (a.height() // step)) < 0.02, "stale build? run 'make package'"


def test_frozen_app_opens_its_bundled_database_and_reads_its_reference_data(tmp_path: Path) -> None:
    result = frozen("indicators", "list", "--json", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert '"code"' in result.stdout


def test_frozen_app_extracts_minutes_and_writes_a_pdf_briefing(tmp_path: Path) -> None:
    minutes = sorted((ROOT / "data" / "minutes").glob("*.txt"))[0]
    extracted = frozen("extract", str(minutes), "--json", home=tmp_path / "home")
    assert extracted.returncode == 0, extracted.stderr
    assert '"items"' in extracted.stdout
    pdf = tmp_path / "briefing.pdf"
    briefed = frozen("notes", "export", "--meeting", "childrens-scrutiny/2022-11-15", "--pdf", str(pdf),
                     home=tmp_path / "home")
    assert briefed.returncode == 0, briefed.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_a_mistake_is_one_sentence_not_a_traceback(tmp_path: Path) -> None:
    result = frozen("--db", str(tmp_path / "missing.db"), home=tmp_path / "home")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_bundle_leaves_out_unused_qt(tmp_path: Path) -> None:
    names = {p.name for p in DIST.rglob("*")}
    for unused in ("QtWebEngineCore", "QtQml", "QtQuick", "QtMultimedia", "QtNetwork", "QtPdf", "Qt3DCore"):
        assert not any(n.startswith((unused + ".", f"libQt6{unused.removeprefix('Qt')}.", f"{unused}.abi3"))
                       for n in names), unused
    assert not any(p.suffix == ".qm" for p in DIST.rglob("*.qm"))


@pytest.mark.skipif(sys.platform != "linux", reason="the limit is set for the Linux package")
def test_linux_package_stays_under_150_mb_unpacked() -> None:
    # What `du -sb dist/scrutinydesk` reports: every file, link and folder at its size on disk.
    size = DIST.lstat().st_size + sum(p.lstat().st_size for p in DIST.rglob("*"))
    assert size < 150_000_000, f"{size / 1e6:.1f} MB: see 'What is in it, and its size' in packaging/README.md"


def test_swapped_out_parts_are_not_bundled() -> None:
    names = {p.name for p in DIST.rglob("*")}
    assert not any(n.startswith("QtOpenGL.") for n in names)  # the stand-in is inside the archive instead
    sys.path.insert(0, str(ROOT / "packaging"))
    from lean_numpy import site_for

    if sys.platform == "linux" and site_for(ROOT / "build" / "lean-numpy", metadata.version("numpy")):
        assert not any("openblas" in n.lower() or n.startswith("libgfortran") for n in names)


@pytest.mark.skipif(sys.platform != "linux", reason="the tarball recipe is for Linux")
def test_tarball_installs_with_it_preconfiguration_and_pulls_from_the_preset_share(tmp_path: Path) -> None:
    made = subprocess.run(["sh", str(ROOT / "packaging" / "linux" / "make-tarball.sh"), str(tmp_path)],
                          capture_output=True, text=True, timeout=300, check=True)
    tarball = Path(made.stdout.strip().splitlines()[-1])
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    unpacked = next((tmp_path / "unpacked").iterdir())
    home = tmp_path / "home"
    # The officer publishes a release to the share with the packaged app itself.
    officer = tmp_path / "officer"
    share = tmp_path / "share"
    share.mkdir()
    for args in (("keygen", "officer", "--out", str(officer), "--no-passphrase"),
                 ("publish", str(bundled_database()), "--to", str(share), "--key", str(officer / "officer.key"))):
        done = frozen(*args, home=tmp_path / "officer-home")
        assert done.returncode == 0, done.stderr
    # IT drops its settings and the officer's public key beside install.sh, then installs.
    (unpacked / "officer.pub").write_bytes((officer / "officer.pub").read_bytes())
    (unpacked / "scrutinydesk.ini").write_text(f"[sync]\nshared_folder = {share}\ntrusted_key = officer.pub\n",
                                               encoding="utf-8")
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)
    subprocess.run(["sh", str(unpacked / "install.sh")], check=True, env=env, capture_output=True, timeout=300)
    installed = home / ".local" / "share" / "scrutinydesk" / "app"
    entry = (home / ".local" / "share" / "applications" / "scrutinydesk.desktop").read_text(encoding="utf-8")
    assert f"Exec={installed / 'scrutinydesk'}" in entry
    assert (home / ".local" / "share" / "icons" / "hicolor" / "48x48" / "apps" / "scrutinydesk.png").is_file()
    assert (installed / "scrutinydesk.ini").is_file()
    # A member's first pull needs no settings of their own: the preconfigured share and key are used.
    pulled = frozen("pull", home=home / "member", app=installed / "scrutinydesk")
    assert pulled.returncode == 0, pulled.stderr
    assert (home / "member" / "current.json").is_file()
