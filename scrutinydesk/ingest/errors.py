"""The one error extraction raises on purpose: a file that cannot be read as minutes."""
from __future__ import annotations

from scrutinydesk.core.errors import UserFacingError


class UnreadableMinutes(UserFacingError):
    """The file is empty, binary, password-protected, too large or otherwise not minutes we can read.

    The message is one sentence naming the file and what the officer can do about it.
    """
