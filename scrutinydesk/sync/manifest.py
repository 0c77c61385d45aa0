"""A release's manifest: what the officer signed about one published database file.

The signature covers the manifest's exact bytes, and is checked before those bytes are parsed, so
nothing an attacker (or a sync client) wrote is ever interpreted unless the officer signed it.
"""
from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from scrutinydesk.sync.errors import ReleaseRejected
from scrutinydesk.sync.keys import PublicKey
from scrutinydesk.sync.share import db_name

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FORMAT = "scrutinydesk.release/1"
MAX_MANIFEST_BYTES = 64 * 1024  # a manifest is a few hundred bytes; anything huge is not one
_SHA256_RE = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Manifest:
    """The signed facts about one release (SYNC.md, publish step 4)."""

    version: int
    db_file: str
    sha256: str
    size: int
    application_id: int
    user_version: int
    schema_sha256: str
    min_app_version: str
    published_at: str
    key_id: str
    published_by: str = ""
    prev_sha256: str = ""
    ingested: dict[str, int] = field(default_factory=dict)
    next_key: dict[str, str] = field(default_factory=dict)  # key rotation: the officer's next key
    format: str = FORMAT

    def to_bytes(self) -> bytes:
        return (json.dumps(asdict(self), indent=2, sort_keys=True) + "\n").encode("utf-8")


def sign(manifest_bytes: bytes, private: Ed25519PrivateKey) -> bytes:
    """The detached signature file's content: base64 of the Ed25519 signature, one line."""
    return base64.b64encode(private.sign(manifest_bytes)) + b"\n"


def verify_and_parse(
    name_version: int, manifest_bytes: bytes, signature_bytes: bytes, trusted: PublicKey,
    also_trusted: tuple[PublicKey, ...] = (),
) -> Manifest:
    """Check the signature over the raw bytes, then parse and check every field.

    ``trusted`` is the pinned officer key; ``also_trusted`` the keys it announced for rotation.
    ``name_version`` is the version in the file's name; a manifest whose content says otherwise
    (an old release copied under a new name) is refused.
    """
    label = f"Release v{name_version}"
    try:
        signature = base64.b64decode(signature_bytes.strip(), validate=True)
    except (binascii.Error, ValueError):
        signature = b""
    signed = len(manifest_bytes) <= MAX_MANIFEST_BYTES and any(
        key.verify(signature, manifest_bytes) for key in (trusted, *also_trusted)
    )
    if not signed:
        raise ReleaseRejected(
            f"{label} on the shared folder is not signed by the trusted officer key "
            f"{trusted.key_id}, so it was ignored and the current release kept."
        )
    try:
        data = json.loads(manifest_bytes.decode("utf-8"))
        manifest = _from_dict(data)
    except (UnicodeDecodeError, ValueError, TypeError, KeyError):
        raise ReleaseRejected(f"{label}'s manifest is signed but unreadable, so it was ignored.") from None
    if manifest.version != name_version or manifest.db_file != db_name(name_version):
        raise ReleaseRejected(
            f"{label} on the shared folder holds the signed manifest of release v{manifest.version} "
            "under another name (an old release replayed), so it was ignored."
        )
    return manifest


def _from_dict(data: dict) -> Manifest:
    if data.get("format") != FORMAT:
        raise ValueError("unknown manifest format")
    ints = ("version", "size", "application_id", "user_version")
    strs = ("db_file", "sha256", "schema_sha256", "min_app_version", "published_at", "key_id",
            "published_by", "prev_sha256")
    if any(type(data.get(k)) is not int for k in ints):
        raise ValueError("a number field is missing or not a whole number")
    if any(not isinstance(data.get(k, ""), str) for k in strs):
        raise ValueError("a text field is not text")
    ingested = data.get("ingested", {})
    if not isinstance(ingested, dict) or any(type(v) is not int for v in ingested.values()):
        raise ValueError("ingested must map device ids to sequence numbers")
    next_key = data.get("next_key", {})
    if not isinstance(next_key, dict) or any(not isinstance(v, str) for v in next_key.values()):
        raise ValueError("next_key must be a public key's fields")
    if not _SHA256_RE.fullmatch(data["sha256"]) or data["size"] <= 0 or data["version"] <= 0:
        raise ValueError("sha256, size or version is out of range")
    known = set(Manifest.__dataclass_fields__)
    return Manifest(**{k: v for k, v in data.items() if k in known})


def app_version_tuple(version: str) -> tuple[int, ...]:
    """``"0.10.2"`` -> ``(0, 10, 2)``; a part that is not a number ends the tuple there."""
    parts: list[int] = []
    for part in version.split("."):
        digits = re.match(r"\d+", part)
        if not digits:
            break
        parts.append(int(digits.group()))
        if digits.group() != part:
            break
    return tuple(parts)
