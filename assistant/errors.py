"""User-facing errors: each carries one clear line, never a traceback.

The CLI catches `HearthError` and prints its message; anything else is a bug.
"""

from __future__ import annotations


class HearthError(Exception):
    """A problem the user can fix (bad input, missing model, no device)."""


class IntentFileError(HearthError):
    """An intent or response data file is broken.

    Attributes:
        path: the file that is broken.
        line: 1-based line number of the problem (0 when unknown).
        reason: what is wrong, in a few words.
    """

    def __init__(self, path: object, line: int, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class ModelError(HearthError):
    """A speech model is missing, incomplete, or could not be installed."""


class AudioDeviceError(HearthError):
    """No usable microphone or speaker, or the device went away."""


class StoreError(HearthError):
    """The SQLite log cannot be opened or is corrupt."""
