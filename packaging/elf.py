"""Just enough of ELF64 to read a Linux library's direct dependencies and one exported symbol's bytes.

PyInstaller answers "what does this link against" on Linux with ldd, which lists the whole closure;
deciding which libraries only dropped files needed takes the direct DT_NEEDED entries instead.
"""
from __future__ import annotations

import re
import struct

SHT_SYMTAB, SHT_DYNSYM, SHT_DYNAMIC, DT_NEEDED = 2, 11, 6, 1


def _layout(data: bytes) -> tuple[str, list[tuple]]:
    if data[:5] != b"\x7fELF\x02":
        raise ValueError("not a 64-bit ELF file")
    order = "<" if data[5] == 1 else ">"
    shoff, = struct.unpack_from(order + "Q", data, 0x28)
    shentsize, shnum = struct.unpack_from(order + "HH", data, 0x3A)
    # (name, type, flags, addr, offset, size, link, info, addralign, entsize)
    return order, [struct.unpack_from(order + "IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]


def _string(data: bytes, at: int) -> bytes:
    return data[at:data.index(b"\0", at)]


def has_symbol_table(data: bytes) -> bool:
    """Whether the file still carries its full symbol table (``strip`` removes it; exports stay)."""
    return any(section[1] == SHT_SYMTAB for section in _layout(data)[1])


def needed(data: bytes) -> list[str]:
    """The sonames an ELF file names as DT_NEEDED, in order."""
    order, sections = _layout(data)
    names = []
    for section in sections:
        if section[1] != SHT_DYNAMIC:
            continue
        strings = sections[section[6]][4]
        for at in range(section[4], section[4] + section[5], 16):
            tag, value = struct.unpack_from(order + "qQ", data, at)
            if tag == DT_NEEDED:
                names.append(_string(data, strings + value).decode())
    return names


def symbol(data: bytes, pattern: re.Pattern[bytes]) -> tuple[str, bytes]:
    """The first exported symbol whose name matches ``pattern``: (name, the bytes it spans)."""
    order, sections = _layout(data)
    for section in sections:
        if section[1] != SHT_DYNSYM:
            continue
        strings = sections[section[6]][4]
        for at in range(section[4], section[4] + section[5], section[9]):
            name_at, _info, _other, index, value, size = struct.unpack_from(order + "IBBHQQ", data, at)
            name = _string(data, strings + name_at)
            if index and pattern.match(name):
                home = sections[index]
                start = home[4] + value - home[3]
                return name.decode(), data[start:start + size]
    raise ValueError(f"no exported symbol matches {pattern.pattern!r}")
