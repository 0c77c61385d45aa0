"""What the frozen app leaves out, so the one-folder build stays small (used by scrutinydesk.spec).

PyInstaller takes every Qt plugin of a type a module asks for and every library those plugins link
against; a councillor's laptop needs none of the VNC/EGLFS/GTK plugins nor Qt's 40 translations of
its own dialogs (the app is in English). This module decides what goes, and also drops the libraries
that only the dropped files needed. It works on PyInstaller's TOC lists of ``(dest, source, typecode)``
and never imports PyInstaller itself, so it is tested without a build.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path, PurePath

# Qt modules the app never imports (it uses QtCore, QtGui, QtWidgets, QtPrintSupport for printing and
# QtSvg for the icon; pyqtgraph's curves import QtOpenGL and QtOpenGLWidgets). pyqtgraph tries QtTest and
# works without it.
QT_UNUSED_MODULES = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender", "QtAxContainer",
    "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDBus", "QtDesigner", "QtGraphs",
    "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLabsStyleKit", "QtLocation", "QtMultimedia",
    "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth", "QtNfc", "QtPdf",
    "QtPdfWidgets", "QtPositioning", "QtQml", "QtQmlFeatures", "QtQuick", "QtQuick3D", "QtQuickControls2",
    "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort",
    "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvgWidgets", "QtTest", "QtTextToSpeech", "QtUiTools",
    "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtXml",
)
# Python modules nothing in the app needs: other Qt bindings, Tk, test tools, Pillow's AVIF/WebP codecs
# (fpdf2 embeds PNG/JPEG), lxml.objectify (python-docx and BeautifulSoup use lxml.etree), the terminal
# line editor and pydoc's help topics. (ssl stays: fpdf2 imports urllib's HTTPS handler.)
EXCLUDES = [f"PySide6.{name}" for name in QT_UNUSED_MODULES] + [
    "PyQt5", "PyQt6", "PySide2", "tkinter", "_tkinter", "OpenGL", "pyqtgraph.opengl", "pyqtgraph.examples",
    "pyqtgraph.jupyter", "matplotlib", "scipy", "IPython", "pytest", "hypothesis", "pytestqt", "PyInstaller",
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL.ImageTk", "PIL._imagingtk",
    "PIL.ImageQt", "lxml.objectify", "readline", "pydoc_data",
]
# Modules the analysis finds but no run of the window, the commands or a briefing imports: the standard
# library's debuggers, test and build tools and servers; numpy's Fortran wrapper generator and test
# helpers; pyqtgraph's widgets the app never shows (flowcharts, a Python console, dock areas). Also the
# East Asian text codecs (0.9 MB): minutes are English web pages, Word and PDF files; a page declaring
# Shift_JIS or Big5 would be read as an unknown encoding, which BeautifulSoup already handles.
# (asyncio, unittest, pydoc, cProfile and multiprocessing stay: pyqtgraph imports them when it loads.)
EXCLUDES += [
    "doctest", "pdb", "xmlrpc", "http.server", "ftplib", "cgi", "cgitb", "lib2to3", "ensurepip", "idlelib",
    "turtledemo", "test", "distutils", "curses", "_pydecimal",
    "numpy.f2py", "numpy.testing", "pyqtgraph.flowchart", "pyqtgraph.console", "pyqtgraph.dockarea",
    "_multibytecodec", "_codecs_jp", "_codecs_kr", "_codecs_cn", "_codecs_tw", "_codecs_hk", "_codecs_iso2022",
]

# Modules replaced in the package by a file of packaging/standins/: pyqtgraph imports Qt's OpenGL bindings
# (8.9 MB) when it loads but uses them only to draw through OpenGL, which the app never switches on.
STANDINS = {"PySide6.QtOpenGL": "QtOpenGL.py"}
EXCLUDES += list(STANDINS)

# Qt plugins a desktop session never loads: remote/embedded platforms, the GTK theme (which drags in a
# GTK stack that must match the system's anyway), touch/evdev input and image formats the app never shows.
UNUSED_PLUGIN_TYPES = frozenset({"generic", "egldeviceintegrations"})
UNUSED_PLUGINS = {
    "platforms": frozenset({"qvnc", "qeglfs", "qminimalegl", "qlinuxfb", "qvkkhrdisplay", "qdirect2d"}),
    "platformthemes": frozenset({"qgtk3"}),
    "imageformats": frozenset({"qtiff", "qwebp", "qwbmp", "qtga", "qicns", "qpdf", "qmacheif", "qmacjp2"}),
}
# pyqtgraph's own logo (1 MB of PNGs): it is the window icon only when pyqtgraph makes the QApplication,
# and the app makes its own.
PYQTGRAPH_LOGO = ("pyqtgraph", "icons", "peegee")
# Linux: libraries of the desktop session itself, which Qt links against and every Linux desktop has.
# They must match the system's own configuration and services (fontconfig's fonts.conf, GLib's GIO
# modules, the D-Bus daemon, the CUPS server), so the system's copies are used rather than the build
# machine's; the libraries only these needed (their TLS, Kerberos and compression stacks) go with them.
# Kept in the bundle: the xcb helper libraries (libxcb-cursor, -icccm, -keysyms...) that desktops lack.
LINUX_DESKTOP_LIBRARIES = frozenset({
    "libx11.so.6", "libx11-xcb.so.1", "libxcb.so.1", "libfontconfig.so.1", "libfreetype.so.6",
    "libglib-2.0.so.0", "libgobject-2.0.so.0", "libgthread-2.0.so.0", "libgmodule-2.0.so.0",
    "libgio-2.0.so.0", "libdbus-1.so.3", "libcups.so.2",
})
# Packages whose Cython-compiled modules are speed-ups of a .py file shipped beside them (fontTools
# builds bezierTools, iup and others so); the .py is a fraction of the size and fast enough for PDFs.
PURE_PYTHON_PREFERRED = ("fontTools",)

Entry = tuple[str, str, str]


def unused_qt_file(dest: str) -> bool:
    """True for a bundled Qt translation or a plugin from the lists above."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if parts[:3] == ("PySide6", "Qt", "translations"):
        return True
    if parts[:3] != ("PySide6", "Qt", "plugins") or len(parts) < 5:
        return False
    kind, stem = parts[3], parts[-1].split(".")[0].removeprefix("lib")
    return kind in UNUSED_PLUGIN_TYPES or stem in UNUSED_PLUGINS.get(kind, frozenset())


def unused_file(dest: str) -> bool:
    """True for an unused Qt file (``unused_qt_file``) or pyqtgraph's logo."""
    return unused_qt_file(dest) or PurePath(dest.replace("\\", "/")).parts[:3] == PYQTGRAPH_LOGO


def desktop_library(dest: str) -> bool:
    """True for a library of the Linux desktop session (see LINUX_DESKTOP_LIBRARIES), placed at the top."""
    path = PurePath(dest.replace("\\", "/"))
    return len(path.parts) == 1 and path.name.lower() in LINUX_DESKTOP_LIBRARIES


def _soname(dest: str) -> str:
    return PurePath(dest.replace("\\", "/")).name.lower()


def without(entries: Iterable[Entry], unused: Callable[[str], bool],
            needs: Callable[[str], Iterable[str]]) -> tuple[list[Entry], list[Entry]]:
    """Split ``entries`` into (kept, dropped): the unused ones, then every library needed only by dropped ones.

    ``needs(source)`` names the libraries a binary links against directly (any path form; compared by
    file name). A library is dropped only if something dropped needed it and nothing kept does, so a
    library that was collected for another reason (ctypes, a hook) stays.
    """
    entries = list(entries)
    linked = {source: {PurePath(n.replace("\\", "/")).name.lower() for n in needs(source)}
              for _dest, source, kind in entries if kind in ("BINARY", "EXTENSION")}
    dropped = [e for e in entries if unused(e[0])]
    kept = [e for e in entries if not unused(e[0])]
    while True:
        wanted_by_dropped = set().union(*(linked.get(source, set()) for _d, source, _k in dropped))
        wanted_by_kept = set().union(*(linked.get(source, set()) for _d, source, _k in kept))
        orphans = [e for e in kept if e[2] == "BINARY" and _soname(e[0]) in wanted_by_dropped
                   and _soname(e[0]) not in wanted_by_kept]
        if not orphans:
            return kept, dropped
        kept = [e for e in kept if e not in orphans]
        dropped += orphans


def without_links_to(entries: Iterable[Entry], dropped: Iterable[Entry]) -> list[Entry]:
    """``entries`` less the symlinks PyInstaller planned to files that were dropped."""
    gone = {PurePath(dest.replace("\\", "/")) for dest, _source, _kind in dropped}
    return [e for e in entries if not (e[2] == "SYMLINK" and PurePath(e[1].replace("\\", "/")) in gone)]


def pure_python_twins(binaries: Iterable[Entry], packages: Iterable[str] = PURE_PYTHON_PREFERRED
                      ) -> tuple[list[Entry], list[Entry]]:
    """Swap compiled modules of ``packages`` that have a .py twin: (binaries left, PYMODULE entries to add)."""
    prefixes = tuple(packages)
    kept, modules = [], []
    for dest, source, kind in binaries:
        parts = PurePath(dest.replace("\\", "/")).parts
        twin = Path(source).with_name(Path(source).name.split(".")[0] + ".py")
        if kind == "EXTENSION" and parts[0] in prefixes and twin.is_file():
            modules.append((".".join([*parts[:-1], twin.stem]), str(twin), "PYMODULE"))
        else:
            kept.append((dest, source, kind))
    return kept, modules
