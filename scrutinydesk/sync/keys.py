"""Ed25519 keys for the officer (signs releases) and for chairs' devices (sign changes).

Private keys are PKCS8 PEM, encrypted with a passphrase unless the caller asks for none (tests,
demos). A public key file is JSON carrying the raw key and a short ``key_id`` a person can read
aloud when registering it.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scrutinydesk.core.config import read_key_record
from scrutinydesk.core.errors import UserFacingError

# cryptography is imported where a key is read, made, checked or signed with, not with this module:
# the window imports it for chair mode and release sync, and most members never hold a key.
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PASSPHRASE_ENV = "SCRUTINYDESK_KEY_PASSPHRASE"


@dataclass(frozen=True)
class PublicKey:
    """A verifying key with its short id and the name it was made for."""

    key: Ed25519PublicKey
    key_id: str
    name: str

    def raw_b64(self) -> str:
        from cryptography.hazmat.primitives import serialization

        raw = self.key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return base64.b64encode(raw).decode("ascii")

    def verify(self, signature: bytes, data: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature

        try:
            self.key.verify(signature, data)
            return True
        except InvalidSignature:
            return False


def key_id_of(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_key_from_b64(raw_b64: str, name: str = "") -> PublicKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(raw_b64))
    return PublicKey(key=key, key_id=key_id_of(key), name=name)


def generate_keypair(name: str, out_dir: Path, passphrase: bytes | None) -> tuple[Path, Path]:
    """Write ``NAME.key`` (PKCS8, encrypted when a passphrase is given) and ``NAME.pub``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    out_dir.mkdir(parents=True, exist_ok=True)
    private_path, public_path = out_dir / f"{name}.key", out_dir / f"{name}.pub"
    if private_path.exists():
        raise UserFacingError(f"{private_path} already exists; choose another name or folder so no key is overwritten.")
    private = Ed25519PrivateKey.generate()
    encryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    )
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    public = PublicKey(private.public_key(), key_id_of(private.public_key()), name)
    public_path.write_text(
        json.dumps({"name": name, "key_id": public.key_id, "ed25519": public.raw_b64()}, indent=2) + "\n",
        encoding="utf-8",
    )
    return private_path, public_path


def load_private_key(path: Path, passphrase: bytes | None) -> Ed25519PrivateKey:
    """Read a private key; a wrong passphrase or a file that is not a key is a plain error."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        data = path.read_bytes()
    except OSError:
        raise UserFacingError(f"The key file {path} could not be read; check the path.") from None
    try:
        key = serialization.load_pem_private_key(data, password=passphrase)
    except TypeError:
        raise UserFacingError(
            f"The key {path} is protected by a passphrase; set {PASSPHRASE_ENV} or run from a terminal."
        ) from None
    except ValueError:
        raise UserFacingError(f"The key {path} could not be opened; check the passphrase and that it is a .key file.") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise UserFacingError(f"{path} is not an Ed25519 key made by 'scrutinydesk keygen'.")
    return key


def load_public_key(path: Path) -> PublicKey:
    """Read a ``.pub`` file written by :func:`generate_keypair`."""
    return public_key_from_record(read_key_record(path), str(path))


def public_key_from_record(record: object, source: str) -> PublicKey:
    """A key from a ``.pub`` file's fields (as the settings pin it); a ``key_id`` that does not match
    the key (a copying slip, or an edited file) is refused."""
    try:
        key = public_key_from_b64(record["ed25519"], str(record.get("name", "")))  # type: ignore[index, union-attr]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise UserFacingError(f"{source} is not a public key made by 'scrutinydesk keygen'.") from None
    claimed = record.get("key_id")  # type: ignore[union-attr]
    if claimed and claimed != key.key_id:
        raise UserFacingError(f"The key id in {source} does not match its key; copy the .pub file again.")
    return key


def public_of(private: Ed25519PrivateKey, name: str = "") -> PublicKey:
    return PublicKey(private.public_key(), key_id_of(private.public_key()), name)


def signer_name(key_path: Path) -> str:
    """The name members see as a release's publisher: from NAME.pub beside the private key, else
    the key file's name."""
    public_path = key_path.with_suffix(".pub")
    if public_path.is_file():
        try:
            return load_public_key(public_path).name or key_path.stem
        except UserFacingError:
            pass
    return key_path.stem
