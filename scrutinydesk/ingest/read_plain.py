"""Plain text minutes: decode bytes (UTF-8, else Windows-1252) and normalise line ends."""
from __future__ import annotations

from scrutinydesk.ingest.errors import UnreadableMinutes
from scrutinydesk.ingest.source import ReadSource

# Bytes Windows-1252 leaves undefined: text with these is not cp1252 either.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode minutes bytes; returns the text and a note when a fallback encoding was used;
    ``UnicodeDecodeError`` when the bytes are neither.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are taken as they are; anything else that is
    valid Windows-1252 (what Word's "Save as text" writes on Windows) is read as that.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if not _CP1252_HOLES.intersection(data):
        return data.decode("cp1252"), "The file was not UTF-8 and was read as Windows-1252 text."
    raise UnicodeDecodeError("utf-8", data[:1], 0, 1, "neither UTF-8 nor Windows-1252")


def _decode_or_refuse(data: bytes, name: str) -> tuple[str, str | None]:
    try:
        return decode_bytes(data)
    except UnicodeDecodeError:
        raise UnreadableMinutes(
            f"{name} is neither UTF-8 nor Windows-1252 text; save it again as UTF-8 text or give the Word or PDF file.") from None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")


def read_plain(data: bytes, name: str = "The file") -> ReadSource:
    text, note = _decode_or_refuse(data, name)
    return ReadSource(normalise_newlines(text), "text", notes=[note] if note else [])
