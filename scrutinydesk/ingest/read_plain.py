"""Plain text minutes: decode UTF-8 (or UTF-16 with a byte-order mark) and normalise line ends.

Anything else is refused rather than guessed: a Windows-1252 file decodes without error as almost any
8-bit encoding, so a guess can silently turn "£2.5m" or "Children’s" into other characters in the
register. The officer is told how to save the file so it reads exactly.
"""
from __future__ import annotations

from scrutinydesk.ingest.errors import UnreadableMinutes
from scrutinydesk.ingest.source import ReadSource

# Bytes Windows-1252 leaves undefined: text with these is not cp1252 either.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


def decode_bytes(data: bytes, name: str = "The file") -> str:
    """Decode minutes bytes, or raise ``UnreadableMinutes`` saying how to save them as UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if not _CP1252_HOLES.intersection(data):
        raise UnreadableMinutes(
            f"{name} is Windows-1252 text, not UTF-8; save it again as UTF-8 text (in Notepad or Word choose "
            "the UTF-8 encoding) or give the Word or PDF file.")
    raise UnreadableMinutes(
        f"{name} is neither UTF-8 nor Windows-1252 text; save it again as UTF-8 text or give the Word or PDF file.")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")


def read_plain(data: bytes, name: str = "The file") -> ReadSource:
    return ReadSource(normalise_newlines(decode_bytes(data, name)), "text")
