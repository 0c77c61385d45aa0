"""The Linux desktop entry and the app icon in every size and format the installers use."""
from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
DESKTOP = ROOT / "resources" / "scrutinydesk.desktop"
sys.path.insert(0, str(ROOT / "packaging"))

import make_icons  # noqa: E402

MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
                   "Office", "Science", "Settings", "System", "Utility"}


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_has_the_required_keys_and_points_at_real_things() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "scrutinydesk"
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert entry["Exec"].split()[0] in scripts  # the same command the package installs and the spec builds
    assert (ICONS / f"{entry['Icon']}.svg").is_file()
    categories = [c for c in entry["Categories"].split(";") if c]
    assert entry["Categories"].endswith(";") and MAIN_CATEGORIES & set(categories)
    assert entry["Terminal"] == "false"


def test_desktop_entry_passes_the_freedesktop_validator() -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (apt install desktop-file-utils)")
    result = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR"
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("size", make_icons.PNG_SIZES)
def test_png_icons_exist_in_every_size(size: int) -> None:
    assert png_size(ICONS / f"scrutinydesk-{size}.png") == (size, size)


def test_windows_and_macos_icons_hold_the_sizes_they_need() -> None:
    ico = (ICONS / "scrutinydesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {(ico[6 + 16 * i] or 256) for i in range(count)}  # 0 means 256 in an ICO directory
    assert sizes == set(make_icons.ICO_SIZES)
    icns = (ICONS / "scrutinydesk.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_svg_is_the_committed_drawing_of_the_shapes() -> None:
    svg = (ICONS / "scrutinydesk.svg").read_text(encoding="utf-8")
    assert svg == make_icons.svg_text(), "run: .venv/bin/python packaging/make_icons.py"
    root = ET.fromstring(svg)
    assert root.get("viewBox") == "0 0 256 256"


def test_svg_and_png_show_the_same_picture(qapp) -> None:
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    premultiplied = QImage.Format.Format_ARGB32_Premultiplied
    drawn = QImage(64, 64, premultiplied)
    drawn.fill(0)
    painter = QPainter(drawn)
    QSvgRenderer(str(ICONS / "scrutinydesk.svg")).render(painter)
    painter.end()
    png = QImage(str(ICONS / "scrutinydesk-64.png")).convertToFormat(premultiplied)
    differences = [abs(((a >> shift) & 255) - ((b >> shift) & 255))
                   for y in range(64) for x in range(64)
                   for a, b in [(drawn.pixel(x, y), png.pixel(x, y))] for shift in (24, 16, 8, 0)]
    assert sum(differences) / len(differences) < 8  # only anti-aliasing at the edges differs
