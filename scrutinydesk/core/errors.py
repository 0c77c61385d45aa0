"""The base of every error a user can cause and fix (bad input, missing file, rejected release).

Its message is one plain sentence saying what to do; the command line prints it without a
traceback and exits non-zero, the window shows it in a dialog.
"""
from __future__ import annotations


class UserFacingError(Exception):
    """A problem the user can fix; ``str(error)`` is one sentence that says what to do."""
