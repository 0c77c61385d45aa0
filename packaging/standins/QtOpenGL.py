"""Stand-in for PySide6.QtOpenGL in the packaged app, in place of Qt's 8.9 MB of OpenGL bindings.

pyqtgraph imports PySide6.QtOpenGL when it loads, but touches it only to draw through OpenGL, which is
off unless a program turns on pyqtgraph's ``useOpenGL``/``enableExperimental`` options; scrutinydesk
never does. Anything that does reach for it gets an AttributeError naming this file.
"""


def __getattr__(name: str) -> object:
    raise AttributeError(f"PySide6.QtOpenGL.{name}: the packaged app leaves Qt's OpenGL bindings out "
                         "(packaging/standins/QtOpenGL.py)")
