"""The window's first paint waits only for what it shows: building it imports no charting, PDF, build
or signing code (the Indicators tab, exports, an officer's master and chair keys import theirs when used)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_AT_START = ("pyqtgraph", "numpy", "fpdf", "sqlite_utils", "cryptography", "PySide6.QtPrintSupport",
                "scrutinydesk.ui.indicators_tab", "scrutinydesk.core.master", "scrutinydesk.sync.pull")


def test_building_the_window_imports_nothing_it_does_not_show(seed_db: Path, data_dir: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from scrutinydesk.cli import main\n"
        "main.get_command(None, 'gui')\n"
        "from scrutinydesk.core.releases import OpenRelease\n"
        "from scrutinydesk.ui.app import application\n"
        "from scrutinydesk.ui.main_window import MainWindow\n"
        "app = application()\n"
        f"window = MainWindow(OpenRelease(Path({str(seed_db)!r}), None), Path({str(data_dir)!r}))\n"
        f"print(' '.join(sorted(m for m in sys.modules if m.startswith({NOT_AT_START!r}))))\n"
        "window.indicators_tab\n"  # asked for: built, with its charts
        "print('pyqtgraph' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    imported, charts = result.stdout.splitlines()[-2:]
    assert imported == "", f"imported before the first paint: {imported}"
    assert charts == "True"
