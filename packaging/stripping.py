"""Strip symbols from the Linux build's own libraries, leaving wheels' binaries as they were shipped.

libpython and the standard library's extension modules arrive with their symbol tables (about 25 MB
the app never uses). PyInstaller's ``strip=True`` would strip everything, which corrupts libraries
that auditwheel patched with patchelf (numpy's OpenBLAS then fails to load: "ELF load command
address/offset not page-aligned"), so the build strips copies of the files that come from outside
site-packages only.
"""
from __future__ import annotations

import shutil
import subprocess
import sysconfig
from pathlib import Path, PurePath

import elf

Entry = tuple[str, str, str]


def from_wheel(source: str) -> bool:
    """Whether a binary came from an installed distribution (site-packages), not Python or the system."""
    site = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
    return any(parent in site for parent in Path(source).resolve().parents)


def stripped(binaries: list[Entry], workdir: Path, strip: str = "strip") -> list[Entry]:
    """``binaries`` with each unstripped non-wheel ELF replaced by a stripped copy in ``workdir``."""
    if shutil.which(strip) is None:
        print("scrutinydesk.spec: 'strip' not found (binutils); libraries keep their symbols")
        return binaries
    result = []
    for dest, source, kind in binaries:
        if kind in ("BINARY", "EXTENSION") and not from_wheel(source):
            data = Path(source).read_bytes()
            if data[:4] == b"\x7fELF" and elf.has_symbol_table(data):
                copy = workdir / PurePath(dest)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, copy)
                subprocess.run([strip, "--strip-unneeded", str(copy)], check=True, capture_output=True)
                source = str(copy)
        result.append((dest, source, kind))
    return result
