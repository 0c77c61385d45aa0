"""The PyInstaller spec and what it leaves out: fast checks that need no build (and no PyInstaller)."""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "scrutinydesk.spec"
sys.path.insert(0, str(PACKAGING))

import elf  # noqa: E402
import icu_data  # noqa: E402
import slimming  # noqa: E402

HEAVY = ("QtWebEngineCore", "QtWebEngineWidgets", "Qt3DCore", "QtMultimedia", "QtQuick", "QtQml", "QtPdf",
         "QtCharts", "QtDataVisualization", "QtSql", "QtNetwork", "QtDesigner")


def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def test_spec_parses_and_passes_the_exclusions_to_analysis() -> None:
    calls = [n for n in ast.walk(spec_tree()) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Analysis"]
    assert len(calls) == 1
    keywords = {k.arg: k.value for k in calls[0].keywords}
    assert isinstance(keywords["excludes"], ast.Name) and keywords["excludes"].id == "EXCLUDES"
    assert {f"PySide6.{name}" for name in HEAVY} <= set(slimming.EXCLUDES)


def test_no_qt_module_the_app_imports_is_excluded() -> None:
    used = set()
    for path in (ROOT / "scrutinydesk").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
        used |= {m for line in re.findall(r"from PySide6 import ([\w, ]+)", path.read_text(encoding="utf-8"))
                 for m in re.findall(r"Qt\w+", line)}
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert not {f"PySide6.{m}" for m in used} & set(slimming.EXCLUDES), "update packaging/slimming.py"


def test_spec_names_no_absolute_or_platform_specific_path() -> None:
    for node in ast.walk(spec_tree()):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            assert not re.match(r"^(/|[A-Za-z]:\\|~)", node.value), node.value
            assert "\\" not in node.value, node.value


def test_spec_bundles_what_the_app_reads_at_run_time() -> None:
    text = SPEC.read_text(encoding="utf-8")
    for needed in ('"scrutinydesk.db"', '"resources"', 'glob("*.csv")', '"comparators"', "copy_metadata(APP, recursive=True)",
                   "PRECONFIG_NAMES"):
        assert needed in text
    assert (ROOT / "data" / "indicators.csv").is_file()
    assert (ROOT / "data" / "comparators" / "statistical_neighbours.csv").is_file()


@pytest.mark.parametrize(("dest", "unused"), [
    ("PySide6/Qt/translations/qtbase_de.qm", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", True),
    ("PySide6\\Qt\\plugins\\platforms\\qdirect2d.dll", True),
    ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
    ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", False),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", False),
    ("PySide6/Qt/lib/libQt6Gui.so.6", False),
])
def test_unused_qt_files(dest: str, unused: bool) -> None:
    assert slimming.unused_qt_file(dest) is unused


def test_dropping_a_plugin_drops_the_libraries_only_it_needed() -> None:
    toc = [("plugins/gtk.so", "/s/gtk.so", "BINARY"), ("plugins/xcb.so", "/s/xcb.so", "BINARY"),
           ("libcairo.so.2", "/s/libcairo.so.2", "BINARY"), ("libpixman.so.0", "/s/libpixman.so.0", "BINARY"),
           ("libshared.so.1", "/s/libshared.so.1", "BINARY"), ("libctypes.so", "/s/libctypes.so", "BINARY"),
           ("mod.so", "/s/mod.so", "EXTENSION")]
    links = {"/s/gtk.so": ["libcairo.so.2", "/usr/lib/libshared.so.1"], "/s/libcairo.so.2": ["libpixman.so.0"],
             "/s/xcb.so": ["libshared.so.1"], "/s/mod.so": ["libshared.so.1"]}
    kept, dropped = slimming.without(toc, lambda dest: dest == "plugins/gtk.so", lambda s: links.get(s, []))
    assert {d for d, _s, _k in dropped} == {"plugins/gtk.so", "libcairo.so.2", "libpixman.so.0"}
    assert {d for d, _s, _k in kept} == {"plugins/xcb.so", "libshared.so.1", "libctypes.so", "mod.so"}


def test_linux_desktop_libraries_are_matched_at_the_top_only() -> None:
    assert slimming.desktop_library("libglib-2.0.so.0")
    assert slimming.desktop_library("libX11.so.6")
    assert not slimming.desktop_library("pillow.libs/libxcb.so.1")
    assert not slimming.desktop_library("libxcb-cursor.so.0")


def test_symlinks_to_dropped_files_go_too() -> None:
    entries = [("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
               ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK")]
    dropped = [("PySide6/Qt/lib/libQt6Network.so.6", "/s/libQt6Network.so.6", "BINARY")]
    assert slimming.without_links_to(entries, dropped) == entries[1:]


def test_compiled_modules_with_a_python_twin_are_swapped_for_it(tmp_path: Path) -> None:
    (tmp_path / "fontTools" / "misc").mkdir(parents=True)
    compiled = tmp_path / "fontTools" / "misc" / "bezierTools.cpython-311-x86_64-linux-gnu.so"
    compiled.write_bytes(b"")
    (tmp_path / "fontTools" / "misc" / "bezierTools.py").write_text("", encoding="utf-8")
    lone = tmp_path / "fontTools" / "misc" / "lonely.cpython-311-x86_64-linux-gnu.so"
    lone.write_bytes(b"")
    other = tmp_path / "numpy" / "fast.cpython-311-x86_64-linux-gnu.so"
    entries = [("fontTools/misc/" + compiled.name, str(compiled), "EXTENSION"),
               ("fontTools/misc/" + lone.name, str(lone), "EXTENSION"), ("numpy/" + other.name, str(other), "EXTENSION")]
    kept, modules = slimming.pure_python_twins(entries)
    assert modules == [("fontTools.misc.bezierTools", str(compiled.with_name("bezierTools.py")), "PYMODULE")]
    assert kept == entries[1:]


@pytest.mark.parametrize(("item", "kept"), [
    ("root.res", True), ("pool.res", True), ("en.res", True), ("en_GB.res", True), ("fr.res", False),
    ("zh_Hant_TW.res", False), ("supplementalData.res", True), ("zoneinfo64.res", True),
    ("coll/root.res", True), ("coll/en_GB.res", True), ("coll/de.res", False), ("coll/ucadata.icu", True),
    ("brkitr/word.brk", True), ("brkitr/cjdict.dict", False), ("lang/pool.res", True), ("curr/fr_CA.res", False),
    ("translit/Latin_ASCII.res", False), ("nfkc.nrm", True), ("ibm-5348_P100-1997.cnv", True),
])
def test_icu_items_kept_for_an_english_app(item: str, kept: bool) -> None:
    assert icu_data.keep_item(item) is kept


def elf_from_venv(pattern: str) -> Path:
    import PySide6

    found = sorted(Path(PySide6.__file__).parent.rglob(pattern))
    if sys.platform != "linux" or not found:
        pytest.skip("needs the Linux PySide6 wheel")
    return found[0]


def test_elf_reads_direct_dependencies() -> None:
    needed = elf.needed(elf_from_venv("QtWidgets.abi3.so").read_bytes())
    assert "libQt6Widgets.so.6" in needed
    assert "libQt6DBus.so.6" not in needed  # only indirectly, through QtGui: ldd would list it


def test_icu_data_package_is_found_inside_the_library() -> None:
    name, data = icu_data.common_data(elf_from_venv("libicudata.so.*").read_bytes())
    assert re.fullmatch(r"icudt\d+[lb]", name)
    assert data[2:4] == b"\xda\x27" and data[12:16] == b"CmnD"  # ICU common data header


def test_only_binaries_from_outside_site_packages_are_stripped(tmp_path: Path) -> None:
    import shutil

    import stripping

    wheel_library = elf_from_venv("QtWidgets.abi3.so")
    assert stripping.from_wheel(str(wheel_library))
    assert not stripping.from_wheel(sys.executable)
    if shutil.which("strip") is None or shutil.which("cc") is None:
        pytest.skip("needs binutils and a C compiler")
    source = tmp_path / "hello.c"
    source.write_text("int hello(void) { return 42; }\n", encoding="utf-8")
    built = tmp_path / "libhello.so"
    import subprocess

    subprocess.run(["cc", "-shared", "-g", "-fPIC", "-o", str(built), str(source)], check=True)
    assert elf.has_symbol_table(built.read_bytes())
    entries = [("libhello.so", str(built), "BINARY"), ("PySide6/QtWidgets.abi3.so", str(wheel_library), "EXTENSION")]
    result = stripping.stripped(entries, tmp_path / "out")
    assert result[1] == entries[1]  # wheels' binaries are left as shipped
    copy = Path(result[0][1])
    assert copy != built and not elf.has_symbol_table(copy.read_bytes())
    assert "hello" in copy.read_bytes().decode("latin-1")  # the export survives
