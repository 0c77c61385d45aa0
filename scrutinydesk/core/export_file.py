"""Writing a file the member asked for (a notebook backup, a briefing PDF): whole or not at all.

The bytes go through ``durable.replace_file`` so an interrupted export never leaves half a file
under the chosen name; a wrong or read-only folder becomes one plain sentence.
"""
from __future__ import annotations

from pathlib import Path

from scrutinydesk.core.durable import replace_file
from scrutinydesk.core.errors import UserFacingError


def save_export(out: Path, data: bytes) -> None:
    out = Path(out)
    if not out.parent.is_dir():
        raise UserFacingError(f"The folder {out.parent} does not exist; choose an existing folder for the export.")
    if out.is_dir():
        raise UserFacingError(f"{out} is a folder; give a file name for the export.")
    try:
        replace_file(out, data)
    except OSError as error:
        raise UserFacingError(f"Could not write {out} ({error.strerror}); choose a folder you can write to.") from None
