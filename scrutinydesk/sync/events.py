"""A chair's change as a signed event: its fields, its file on the share, and checking one read back.

The signature covers canonical JSON bytes of the event (sorted keys, no spaces, UTF-8), so any edit
to a file on the share, even re-indenting it, makes it fail verification at the officer's merge.
"""
from __future__ import annotations

import base64
import json
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from scrutinydesk.sync.keys import PublicKey

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FORMAT = "scrutinydesk.event/1"
FIELDS = ("status", "due", "owner", "note", "new_action")
STATUSES = ("open", "completed")
# A device folder is the chair key's id and a random part, so one device's seq space belongs to one key.
DEVICE_PATTERN = re.compile(r"^[0-9a-f]{16}-[0-9a-f]{8}$")
FILE_PATTERN = re.compile(r"^(\d{6,})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$")
MAX_FILE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Event:
    """One change a chair made: what they saw (``old_value_seen``) and what they set it to."""

    event_id: str
    device_id: str
    seq: int
    key_id: str
    author: str
    action_id: str
    field: str
    old_value_seen: Any
    new_value: Any
    note: str | None
    base_version: int
    client_time: str

    def file_name(self) -> str:
        return f"{self.seq:06d}-{self.event_id}.json"


class BadEvent(ValueError):
    """An event file that cannot be accepted; the message is the reason shown to the officer."""


def canonical_bytes(event: Event) -> bytes:
    return json.dumps(asdict(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def signed_document(event: Event, private: Ed25519PrivateKey) -> str:
    """The text of the event's file: the event and a detached signature over its canonical bytes."""
    signature = base64.b64encode(private.sign(canonical_bytes(event))).decode("ascii")
    return json.dumps({"format": FORMAT, "event": asdict(event), "signature": signature}, indent=1,
                      sort_keys=True, ensure_ascii=False) + "\n"


def parse_document(text: str) -> tuple[Event, bytes]:
    """The event and its signature from a file's text, checking the shape but not the signature."""
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise BadEvent("not a scrutinydesk event file")
        fields = data["event"]
        event = Event(**fields)
        signature = base64.b64decode(data["signature"], validate=True)
    except BadEvent:
        raise
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BadEvent("not a well-formed event file") from None
    _check_shape(event)
    return event, signature


def verify(event: Event, signature: bytes, key: PublicKey) -> bool:
    return key.key_id == event.key_id and key.verify(signature, canonical_bytes(event))


def _check_shape(event: Event) -> None:
    text_fields = (event.event_id, event.device_id, event.key_id, event.author, event.action_id,
                   event.field, event.client_time)
    if not all(isinstance(value, str) for value in text_fields):
        raise BadEvent("an event field has the wrong type")
    if not isinstance(event.seq, int) or event.seq < 1 or not isinstance(event.base_version, int):
        raise BadEvent("the event's sequence number or base version is not a whole number")
    if not DEVICE_PATTERN.match(event.device_id) or not event.device_id.startswith(event.key_id + "-"):
        raise BadEvent("the device id does not belong to the signing key")
    if event.field not in FIELDS:
        raise BadEvent(f"unknown field {event.field!r}")
    if event.note is not None and not isinstance(event.note, str):
        raise BadEvent("the note is not text")
    if event.field == "status" and event.new_value not in STATUSES:
        raise BadEvent(f"unknown status {event.new_value!r}")
    if event.field == "new_action":
        value = event.new_value
        if not isinstance(value, dict) or not isinstance(value.get("text"), str) or not value["text"].strip() \
                or not isinstance(value.get("item_id"), str):
            raise BadEvent("a new action needs its text and the item it arose from")
    elif event.new_value is not None and not isinstance(event.new_value, str):
        raise BadEvent("the new value is not text")
