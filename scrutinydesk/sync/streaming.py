"""Copying a release file while hashing it, in one pass, in big chunks.

A release is read from the shared folder exactly once: the bytes that land on the local disk are
the bytes that were hashed, so a file that changes under the copy (still syncing, replaced) shows
up as a mismatch instead of a torn database.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import BinaryIO

CHUNK = 1024 * 1024  # fits the CPU cache: the bytes just read are hashed and written while hot


def copy_hashing(
    source: BinaryIO, target: BinaryIO, on_chunk: Callable[[int], None] | None = None, *, fsync: bool = True
) -> tuple[int, str]:
    """Copy ``source`` to ``target`` to the end and flush it (and fsync it unless told not to, for a
    caller that overlaps the fsync with other work); return (size, sha256 hex).

    Each chunk is hashed on a helper thread while this one writes it (both release the GIL), so
    hashing costs little over the copy. ``on_chunk(bytes_so_far)`` may raise to abandon the copy.
    """
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    total = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="scrutinydesk-hash") as hasher:
        while count := source.readinto(buffer):
            chunk = view[:count]
            hashing = hasher.submit(digest.update, chunk)
            try:
                target.write(chunk)
            finally:
                hashing.result()  # the buffer is reused by the next read only once hashed
            total += count
            if on_chunk is not None:
                on_chunk(total)
    target.flush()
    if fsync:
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
