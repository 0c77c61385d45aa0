"""Writes that survive a crash or a power cut: fsync the bytes, then rename, then fsync the folder.

A reader (a member's laptop, the window after a restart) must only ever see a whole old file or a
whole new one. Everything that commits a file (``current.json``, the config, a release on the
shared folder) goes through here so the ordering is written once.
"""
from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def fsync_file(path: Path) -> None:
    """Flush a file's bytes to the disk (not just to the OS cache)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries, so a rename inside it survives a power cut (a no-op on Windows)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some network filesystems refuse fsync on a folder; the rename still happened
        pass
    finally:
        os.close(fd)


def temp_name_for(path: Path) -> Path:
    """A unique hidden-ish sibling name that no reader's name pattern accepts."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.partial")


def write_new_file(path: Path, data: bytes) -> None:
    """Create ``path`` holding ``data``, fully written and flushed, or leave nothing under that name.

    Written under a temporary name first, then renamed; an existing ``path`` is never replaced.
    """
    commit_new_file(path, lambda handle: handle.write(data))


def commit_new_file(path: Path, fill: Callable[[BinaryIO], object]) -> None:
    """Like :func:`write_new_file`, for content streamed in by ``fill(handle)`` (which may raise to
    abandon the file: nothing then appears under ``path``)."""
    _write_then_rename(path, fill, rename_no_replace)


def replace_file(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` (or create it) with ``data``: readers see the old or the new bytes."""
    _write_then_rename(path, lambda handle: handle.write(data), os.replace)


def _write_then_rename(path: Path, fill: Callable[[BinaryIO], object], rename: Callable[[Path, Path], None]) -> None:
    temp = temp_name_for(path)
    try:
        with open(temp, "xb") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        rename(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(path.parent)


def rename_no_replace(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``; raise FileExistsError rather than replace an existing ``target``.

    POSIX ``rename`` silently replaces, so a hard link (which fails on an existing name) is tried
    first; filesystems without hard links (some SMB mounts) fall back to check-then-rename, which
    is safe because each name on the share has a single writer.
    """
    if os.name == "nt":
        os.rename(source, target)  # Windows refuses to replace an existing name
        return
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        if os.path.lexists(target):
            raise FileExistsError(f"{target} already exists") from None
        os.rename(source, target)
        return
    os.unlink(source)
