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


def compiled_library(tmp_path: Path) -> Path:
    """A small shared library built with debug information (skips without binutils and a C compiler)."""
    import shutil
    import subprocess

    if sys.platform != "linux" or shutil.which("strip") is None or shutil.which("cc") is None:
        pytest.skip("needs Linux, binutils and a C compiler")
    source = tmp_path / "hello.c"
    functions = "".join(f"int helper_{n}(int x) {{ return x * {n}; }}\n" for n in range(400))
    source.write_text(functions + "int hello(void) { return 42; }\n", encoding="utf-8")
    built = tmp_path / "libhello.so"
    subprocess.run(["cc", "-shared", "-g", "-fPIC", "-o", str(built), str(source)], check=True)
    return built


def test_stripping_removes_symbols_and_keeps_what_the_loader_maps(tmp_path: Path) -> None:
    import stripping

    built = compiled_library(tmp_path)
    assert elf.has_symbol_table(built.read_bytes()) and elf.unloaded_bytes(built.read_bytes()) > 0
    result = stripping.stripped([("libhello.so", str(built), "BINARY")], tmp_path / "out")
    copy = Path(result[0][1])
    assert copy != built
    assert not elf.has_symbol_table(copy.read_bytes())
    assert len(copy.read_bytes()) < len(built.read_bytes())
    assert elf.loaded_image(copy.read_bytes()) == elf.loaded_image(built.read_bytes())
    assert "hello" in copy.read_bytes().decode("latin-1")  # the export survives


def test_a_strip_that_moves_segments_is_thrown_away(tmp_path: Path) -> None:
    import stripping

    built = compiled_library(tmp_path)
    # A stand-in for strip relaying out a patchelf-ed library: it shifts the first segment's file offset.
    bad_strip = tmp_path / "bad-strip"
    bad_strip.write_text(f"""#!{sys.executable}
import struct, sys
path = sys.argv[-1]
data = bytearray(open(path, "rb").read())
phoff, = struct.unpack_from("<Q", data, 0x20)
offset, = struct.unpack_from("<Q", data, phoff + 8)
struct.pack_into("<Q", data, phoff + 8, offset + 4096)
open(path, "wb").write(bytes(data))
""", encoding="utf-8")
    bad_strip.chmod(0o755)
    assert not stripping.strip_copy(built, tmp_path / "out" / "libhello.so", strip=str(bad_strip))
    assert not (tmp_path / "out" / "libhello.so").exists()


def test_numpys_patchelf_ed_openblas_is_left_as_shipped(tmp_path: Path) -> None:
    import numpy
    import stripping

    found = sorted((Path(numpy.__file__).parent.parent / "numpy.libs").glob("libscipy_openblas*.so"))
    if not found:
        pytest.skip("needs numpy's Linux wheel")
    compiled_library(tmp_path)  # skips without binutils
    assert not stripping.strip_copy(found[0], tmp_path / "openblas.so")


def test_the_loaded_image_ignores_only_the_section_table_fields() -> None:
    data = bytearray(elf_from_venv("QtWidgets.abi3.so").read_bytes())
    image = elf.loaded_image(bytes(data))
    moved = bytearray(data)
    moved[0x28:0x30] = bytes(8)  # e_shoff, as strip changes it
    assert elf.loaded_image(bytes(moved)) == image
    phoff = int.from_bytes(data[0x20:0x28], "little")
    data[phoff + 8] ^= 1  # the first program header's file offset
    assert elf.loaded_image(bytes(data)) != image


def test_pyqtgraphs_logo_is_left_out_and_its_colour_maps_are_not() -> None:
    assert slimming.unused_file("pyqtgraph/icons/peegee/peegee_512px@2x.png")
    assert slimming.unused_file("PySide6/Qt/translations/qtbase_de.qm")
    assert not slimming.unused_file("pyqtgraph/icons/auto.png")
    assert not slimming.unused_file("pyqtgraph/colors/maps/CET-L1.csv")


def test_lean_numpy_is_used_only_when_it_matches_the_venvs_version(tmp_path: Path) -> None:
    import lean_numpy

    assert lean_numpy.site_for(tmp_path, "2.4.6") is None
    (tmp_path / "2.4.6" / "numpy").mkdir(parents=True)
    (tmp_path / "2.4.6" / "numpy-2.4.6.dist-info").mkdir()
    assert lean_numpy.site_for(tmp_path, "2.4.6") == tmp_path / "2.4.6"
    assert lean_numpy.site_for(tmp_path, "2.4.7") is None
    command = lean_numpy.pip_wheel_command("2.4.6", tmp_path / "wheels")
    assert "numpy==2.4.6" in command and "--no-binary" in command
    assert {"-Csetup-args=-Dblas=none", "-Csetup-args=-Dlapack=none"} <= set(command)
