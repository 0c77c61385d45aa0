"""Strip symbols and debug information from the Linux build's libraries, never what the loader maps.

libpython and the standard library's extension modules arrive with their symbol tables, and some
wheels ship theirs too (cryptography's Rust module 2.9 MB, Qt's ICU 1.4 MB): about 30 MB the app
never uses. PyInstaller's ``strip=True`` strips everything blindly, which corrupts libraries that
auditwheel patched with patchelf (numpy's OpenBLAS then fails to load: "ELF load command
address/offset not page-aligned", because strip moved its segments). So the build strips a copy of
each file and keeps the copy only when the dynamic loader would read exactly the same bytes from it
(same program headers, same segments: ``elf.loaded_image``); otherwise the file ships as it came.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path, PurePath

import elf

Entry = tuple[str, str, str]
WORTH_STRIPPING = 16 * 1024  # bytes of symbols/debug information below which a file is left alone


def strip_copy(source: Path, copy: Path, strip: str = "strip") -> bool:
    """Write a stripped ``copy`` of ``source``; False (and no copy) when stripping would change what loads."""
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, copy)
    done = subprocess.run([strip, "--strip-unneeded", str(copy)], capture_output=True)
    original = source.read_bytes()
    if done.returncode == 0 and elf.loaded_image(copy.read_bytes()) == elf.loaded_image(original):
        return True
    copy.unlink()
    return False


def stripped(binaries: list[Entry], workdir: Path, strip: str = "strip") -> list[Entry]:
    """``binaries`` with each ELF file carrying symbols replaced by a stripped copy in ``workdir``."""
    if shutil.which(strip) is None:
        print("scrutinydesk.spec: 'strip' not found (binutils); libraries keep their symbols")
        return binaries
    result = []
    for dest, source, kind in binaries:
        if kind in ("BINARY", "EXTENSION"):
            data = Path(source).read_bytes()
            copy = workdir / PurePath(dest)
            if (data[:5] == b"\x7fELF\x02" and elf.unloaded_bytes(data) > WORTH_STRIPPING
                    and strip_copy(Path(source), copy, strip)):
                source = str(copy)
        result.append((dest, source, kind))
    return result
