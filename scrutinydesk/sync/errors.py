"""Why a release on the shared folder was not taken: one sentence a member can read in the status bar."""
from __future__ import annotations

from scrutinydesk.core.errors import UserFacingError


class ReleaseRejected(UserFacingError):
    """A release that must not be opened. ``retry_later`` marks faults that may clear by themselves
    (a file still copying or syncing), as opposed to a release that will never be acceptable."""

    def __init__(self, message: str, *, retry_later: bool = False) -> None:
        super().__init__(message)
        self.retry_later = retry_later
