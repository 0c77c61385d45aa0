"""What the package swaps in draws the same charts as the venv: the numpy built without OpenBLAS
(packaging/lean_numpy.py, Linux) and the stand-in for Qt's OpenGL bindings (packaging/standins/).
Each chart is drawn in a fresh Python, once as the package runs and once as the checkout does.
"""
from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import lean_numpy  # noqa: E402
import slimming  # noqa: E402

LEAN = lean_numpy.site_for(ROOT / "build" / "lean-numpy", metadata.version("numpy"))
DATABASE = ROOT / "data" / "scrutinydesk.db"

pytestmark = pytest.mark.skipif(not DATABASE.is_file(), reason="no data/scrutinydesk.db ('make db')")

# Draws one indicator's chart (pyqtgraph: numpy arrays, curves, scatter points, a date axis) to a PNG,
# with the package's stand-in modules in place when asked, and prints which numpy did it, the BLAS it
# was built with, and whether each stand-in was the module in use.
DRAW = """
import importlib.util, json, sys
from pathlib import Path
database, out, code, standins = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
for name, path in standins.items():
    spec = importlib.util.spec_from_file_location(name, path)
    sys.modules[name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sys.modules[name])
import numpy
from PySide6.QtWidgets import QApplication
from scrutinydesk.core.database import open_readonly
from scrutinydesk.ui.indicators_tab import IndicatorsTab

app = QApplication([])
conn = open_readonly(Path(database))
tab = IndicatorsTab(lambda: conn)
tab.resize(1100, 700)
tab.show()
tab.select_indicator(code)
for _ in range(5):
    app.processEvents()
tab.grab().save(out)
print(json.dumps({"numpy": numpy.__file__, "blas": numpy.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"],
                  "standins": [getattr(sys.modules.get(n), "__file__", None) == p for n, p in standins.items()]}))
"""


def draw(tmp_path: Path, name: str, code: str, lean: bool = False, standins: bool = False) -> tuple[Path, dict]:
    import json

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if lean:
        env["PYTHONPATH"] = str(LEAN)
    swapped = {module: str(ROOT / "packaging" / "standins" / file) for module, file in slimming.STANDINS.items()}
    out = tmp_path / f"{name}.png"
    done = subprocess.run([sys.executable, "-c", DRAW, str(DATABASE), str(out), code,
                           json.dumps(swapped if standins else {})],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out, json.loads(done.stdout.strip().splitlines()[-1])


def same_picture(first: Path, second: Path) -> bool:
    from PySide6.QtGui import QImage

    a, b = QImage(str(first)), QImage(str(second))
    assert a.width() > 500 and a.height() > 300
    return a.size() == b.size() and all(a.pixel(x, y) == b.pixel(x, y)
                                        for y in range(a.height()) for x in range(a.width()))


@pytest.mark.skipif(LEAN is None, reason="no lean numpy in build/lean-numpy yet ('make package' builds it)")
@pytest.mark.parametrize("code", ["REF_RATE", "SW_AGENCY"])
def test_lean_numpy_draws_the_same_chart_as_the_wheel(qapp, tmp_path: Path, code: str) -> None:
    lean_png, lean_run = draw(tmp_path, "lean", code, lean=True)
    wheel_png, wheel_run = draw(tmp_path, "wheel", code)
    assert lean_run["numpy"].startswith(str(LEAN)) and lean_run["blas"] == "none"
    assert not wheel_run["numpy"].startswith(str(LEAN)) and wheel_run["blas"] != "none"
    assert same_picture(lean_png, wheel_png)


def test_charts_draw_the_same_with_the_stand_ins(qapp, tmp_path: Path) -> None:
    swapped_png, swapped_run = draw(tmp_path, "swapped", "REF_RATE", standins=True)
    real_png, _real_run = draw(tmp_path, "real", "REF_RATE")
    assert swapped_run["standins"] and all(swapped_run["standins"])
    assert same_picture(swapped_png, real_png)


def test_the_opengl_stand_in_names_itself_when_used() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("standin", ROOT / "packaging" / "standins" / "QtOpenGL.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with pytest.raises(AttributeError, match="standins/QtOpenGL.py"):
        module.QOpenGLBuffer  # noqa: B018 - the access is the test
    assert not hasattr(module, "QOpenGLTexture")
