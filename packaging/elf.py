"""Just enough of ELF64 to read a Linux library's direct dependencies, one exported symbol's bytes and
what the dynamic loader maps.

PyInstaller answers "what does this link against" on Linux with ldd, which lists the whole closure;
deciding which libraries only dropped files needed takes the direct DT_NEEDED entries instead. What
the loader maps (program headers and segments) is what a stripped copy must leave untouched.
"""
from __future__ import annotations

import re
import struct

SHT_SYMTAB, SHT_NOBITS, SHT_DYNSYM, SHT_DYNAMIC, DT_NEEDED, SHF_ALLOC = 2, 8, 11, 6, 1, 2


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


def unloaded_bytes(data: bytes) -> int:
    """How many bytes of sections the loader never maps (symbols, debug information, comments)."""
    _order, sections = _layout(data)
    return sum(s[5] for s in sections if not s[2] & SHF_ALLOC and s[1] != SHT_NOBITS)


def loaded_image(data: bytes) -> bytes:
    """Every program header and the file bytes of every segment: all the dynamic loader reads.

    Two files with the same image load and run the same, whatever else differs (sections, symbols).
    The ELF header's section-table fields (e_shoff, e_shentsize, e_shnum, e_shstrndx) are left out:
    the first segment maps them, but only tools that read sections use them.
    """
    data = data[:0x28] + bytes(8) + data[0x30:0x3A] + bytes(6) + data[0x40:]
    order = "<" if data[5] == 1 else ">"
    phoff, = struct.unpack_from(order + "Q", data, 0x20)
    phentsize, phnum = struct.unpack_from(order + "HH", data, 0x36)
    image = [data[0x10:0x20]]  # e_type, e_machine, e_version, e_entry
    for i in range(phnum):
        header = data[phoff + i * phentsize:phoff + (i + 1) * phentsize]
        offset, _vaddr, _paddr, filesz = struct.unpack_from(order + "QQQQ", header, 8)
        image += [header, data[offset:offset + filesz]]
    return b"".join(image)


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
