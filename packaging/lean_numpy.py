"""A numpy for the Linux package without OpenBLAS: the same version as the venv's, built from source.

numpy's Linux wheels carry OpenBLAS (25 MB, kernels for every x86 generation) and its Fortran runtime
(3 MB), and compile their ufuncs once per CPU generation (10 MB). The app's numpy use is pyqtgraph
drawing a few hundred points per chart, so the package takes a numpy built with its own small
linear-algebra fallback (``-Dblas=none -Dlapack=none``) and no per-CPU copies (``-Dcpu-dispatch=none``;
the baseline stays numpy's x86-64-v2, as its wheels require). That saves about 32 MB.

``make package`` runs this before PyInstaller; the build takes about 8 minutes once (a C/C++ compiler
and PyPI are needed), then the wheel is reused. The spec puts the unpacked wheel first on its search
path when it matches the venv's numpy (``site_for``); when it is missing (no compiler, Windows, macOS)
the venv's numpy is bundled as it is and the build says so.

    python packaging/lean_numpy.py build/lean-numpy
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

SETUP_ARGS = ("-Dblas=none", "-Dlapack=none", "-Dcpu-dispatch=none", "-Dtest-simd=[]", "-Ddisable-svml=true")


def pip_wheel_command(version: str, wheels: Path) -> list[str]:
    """pip's command line that builds numpy ``version`` from its source release into ``wheels``."""
    return [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-binary", "numpy", f"numpy=={version}",
            "-w", str(wheels), "-Cinstall-args=--strip", *(f"-Csetup-args={arg}" for arg in SETUP_ARGS)]


def site_for(workdir: Path, version: str) -> Path | None:
    """The unpacked lean numpy in ``workdir`` if it is ``version`` (else None: the venv's numpy is used)."""
    site = workdir / version
    return site if (site / f"numpy-{version}.dist-info").is_dir() and (site / "numpy").is_dir() else None


def build(workdir: Path, version: str) -> Path:
    """Build (or reuse) the wheel for ``version`` and unpack it; raises CalledProcessError if pip fails."""
    wheels = workdir / "wheels"
    found = sorted(wheels.glob(f"numpy-{version}-*.whl"))
    if not found:
        subprocess.run(pip_wheel_command(version, wheels), check=True)
        found = sorted(wheels.glob(f"numpy-{version}-*.whl"))
    site = workdir / version
    shutil.rmtree(site, ignore_errors=True)
    with zipfile.ZipFile(found[-1]) as wheel:
        wheel.extractall(site)
    return site


def main(workdir: Path) -> int:
    if not sys.platform.startswith("linux"):
        print("lean_numpy: Linux only; the package bundles numpy's own wheel here")
        return 0
    version = metadata.version("numpy")
    if site_for(workdir, version):
        return 0
    print(f"lean_numpy: building numpy {version} without OpenBLAS for the package (once, several minutes)")
    try:
        build(workdir, version)
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"lean_numpy: could not build it ({error}); the package bundles numpy's wheel with OpenBLAS "
              "(32 MB more). Install a C/C++ compiler (build-essential) and run 'make package' again.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build") / "lean-numpy"))
