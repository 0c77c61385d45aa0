"""A smaller ICU data library for the Linux build (used by scrutinydesk.spec).

Qt's Linux wheels link ICU, whose data library (libicudata.so.NN, ~31 MB) holds the locale data of
every language, East Asian code pages and word-break dictionaries. The app is in English, so the
build keeps the Unicode tables, root and English locales, time zones, single-byte code pages and the
break rules, and rebuilds the library with only those (~6 MB) - the same trim Chromium and Electron
make. It needs ``icupkg`` (Debian/Ubuntu: icu-devtools) and a C compiler; without them the full
library stays and the build says so. Windows and macOS wheels carry no ICU, so this is Linux only.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePath

import elf

SYMBOL = re.compile(rb"^icudt(\d+)_dat$")
LOCALE_NAME = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")
SHARED_BUNDLES = frozenset({"root.res", "pool.res", "res_index.res"})
LARGEST_CODEPAGE = 64 * 1024  # single-byte code pages are a few KB; East Asian ones 100-550 KB


def keep_item(item: str) -> bool:
    """Whether an ICU data item (``coll/root.res``, ``fr_CA.res``, ``ibm-5348_P100-1997.cnv``) stays."""
    folder, _, name = item.rpartition("/")
    if name.endswith(".dict"):
        return False  # Thai/Khmer/Lao/Burmese/CJK word-break dictionaries
    if not name.endswith(".res"):
        return True  # Unicode tables, normalisation, break rules, code pages (filtered by size apart)
    if name in SHARED_BUNDLES or name == "en.res" or name.startswith("en_"):
        return True
    return folder == "" and not LOCALE_NAME.match(name)  # supplementalData.res, zoneinfo64.res, …


def common_data(library: bytes) -> tuple[str, bytes]:
    """The ICU data package inside ``libicudata``: (package name such as ``icudt73l``, its bytes)."""
    name, data = elf.symbol(library, SYMBOL)
    return f"icudt{SYMBOL.match(name.encode()).group(1).decode()}{'l' if library[5] == 1 else 'b'}", data


def slim_library(library: Path, workdir: Path) -> Path:
    """Build a trimmed copy of ``library`` in ``workdir``; raises OSError/CalledProcessError on failure."""
    package, data = common_data(library.read_bytes())
    items_dir, out = workdir / "items", workdir / "package"
    for folder in (items_dir, out):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    full = workdir / f"{package}.dat"
    full.write_bytes(data)
    subprocess.run(["icupkg", "-x", "*", "-d", str(items_dir), str(full)], check=True, capture_output=True)
    items = sorted(p.relative_to(items_dir).as_posix() for p in items_dir.rglob("*") if p.is_file())
    kept = [i for i in items if keep_item(i)
            and not (i.endswith(".cnv") and (items_dir / i).stat().st_size > LARGEST_CODEPAGE)]
    (workdir / "keep.txt").write_text("\n".join(kept) + "\n", encoding="utf-8")
    slim = out / f"{package}.dat"
    subprocess.run(["icupkg", "--ignore-deps", f"-t{package[-1]}", "-s", str(items_dir), "-a",
                    str(workdir / "keep.txt"), "new", str(slim)], check=True, capture_output=True)
    symbol = f"icudt{package[5:-1]}_dat"
    source = workdir / "icudata.S"
    source.write_text(
        f"    .section .rodata\n    .globl {symbol}\n    .type {symbol}, @object\n    .balign 16\n{symbol}:\n"
        f'    .incbin "{slim.as_posix()}"\n    .size {symbol}, . - {symbol}\n'
        '    .section .note.GNU-stack,"",@progbits\n', encoding="utf-8")
    built = out / library.name
    subprocess.run([shutil.which("cc") or "cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}",
                    "-o", str(built), str(source)], check=True, capture_output=True)
    return built


def with_slim_icu(binaries: list[tuple[str, str, str]], workdir: Path) -> list[tuple[str, str, str]]:
    """``binaries`` with libicudata swapped for a trimmed build, when the tools for it are here."""
    missing = [tool for tool in ("icupkg", "cc") if shutil.which(tool) is None]
    result = []
    for dest, source, kind in binaries:
        if PurePath(dest).name.startswith("libicudata.so"):
            if missing:
                print(f"scrutinydesk.spec: keeping the full ICU data ({' and '.join(missing)} not found; "
                      "install icu-devtools and a C compiler for a ~25 MB smaller build)", file=sys.stderr)
            else:
                source = str(slim_library(Path(source), workdir))
        result.append((dest, source, kind))
    return result
