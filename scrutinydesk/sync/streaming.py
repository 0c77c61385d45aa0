"""Copying a release file while hashing it, in one pass, in big chunks.

A release is read from the shared folder exactly once: the bytes that land on the local disk are
the bytes that were hashed, so a file that changes under the copy (still syncing, replaced) shows
up as a mismatch instead of a torn database.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import BinaryIO

CHUNK = 4 * 1024 * 1024


def copy_hashing(
    source: BinaryIO, target: BinaryIO, on_chunk: Callable[[int], None] | None = None
) -> tuple[int, str]:
    """Copy ``source`` to ``target`` to the end, flush and fsync ``target``; return (size, sha256 hex).

    ``on_chunk(bytes_so_far)`` is called after each chunk; it may raise to abandon the copy.
    """
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    total = 0
    while True:
        count = source.readinto(buffer)
        if not count:
            break
        chunk = view[:count]
        digest.update(chunk)
        target.write(chunk)
        total += count
        if on_chunk is not None:
            on_chunk(total)
    target.flush()
    os.fsync(target.fileno())
    return total, digest.hexdigest()


def sha256_of(path: os.PathLike[str] | str) -> tuple[int, str]:
    """(size, sha256 hex) of a local file, streamed."""
    digest = hashlib.sha256()
    total = 0
    with open(path, "rb", buffering=0) as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            total += len(chunk)
    return total, digest.hexdigest()
