"""One Hearth per database: an exclusive lock on `<db>.lock`, held for the process's life.

`fcntl.flock` locks belong to the open file: the kernel releases them when the process
ends in any way (kill -9 included), so a stale lock file never blocks a restart. The
file holds the holder's process id, only to name it in the message.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from assistant.errors import HearthError


class AlreadyRunning(HearthError):
    """Another Hearth process holds this database's lock."""


def lock_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}.lock")


class InstanceLock:
    """Held from `acquire()` until `release()` or the end of the process.

    Attributes:
        path: the lock file, `<db>.lock` beside the database.
    """

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(db_path)
        self._fd: int | None = None

    def acquire(self) -> InstanceLock:
        """Take the lock or raise AlreadyRunning (never waits)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise HearthError(f"{self.path}: cannot create the lock file: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder.isdigit() else ""
            raise AlreadyRunning(
                f"Hearth is already running on {self.db_path}{who}; "
                "stop it first, or give another --db"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock; the file stays (no unlink race)
            self._fd = None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


def held_by(db_path: str | Path) -> int | None:
    """The process id holding the lock of `db_path`, or None when nobody holds it."""
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        text = os.read(fd, 32).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else -1
    finally:
        os.close(fd)
    return None
