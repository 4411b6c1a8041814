"""Up-front checks of files the user names, so a mistake is one line at start, not a
failure after a whole run."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from assistant.errors import HearthError


def check_writable_file(path: Path, option: str) -> None:
    """Raise HearthError unless `path` can be created or overwritten as a file.

    The check really opens the file for appending (which keeps what is there);
    a file that did not exist is removed again.
    """
    if path.is_dir():
        raise HearthError(
            f"{option} {path}: is a folder; give a file name, e.g. {path / 'out.wav'}"
        )
    if not path.parent.is_dir():
        raise HearthError(f"{option} {path}: the folder {path.parent} does not exist")
    existed = path.exists()
    try:
        with path.open("ab"):
            pass
    except OSError as exc:
        raise HearthError(f"{option} {path}: cannot write: {exc.strerror}") from None
    if not existed:
        with contextlib.suppress(OSError):
            os.unlink(path)
