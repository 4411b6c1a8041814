"""Two Hearth processes on one database: the second says one is already running and
exits non-zero; the lock goes with the first process, even after kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.lock import AlreadyRunning, InstanceLock, held_by


def _hearth(*args: str, **kw) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw,
    )  # fmt: skip


def _wait_until_held(db: Path, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    """Wait for the event 'the first process took the lock' (it writes its pid)."""
    deadline = time.monotonic() + timeout
    while held_by(db) != proc.pid:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the first Hearth never took the lock"
        time.sleep(0.05)


@pytest.mark.parametrize("second", ["chat", "run"])
def test_a_second_hearth_on_the_same_database_refuses(tmp_path: Path, second: str) -> None:
    db = tmp_path / "hearth.db"
    first = _hearth("chat", "--db", str(db))
    try:
        _wait_until_held(db, first)
        args = ["chat", "--db", str(db)]
        if second == "run":
            args = ["run", "--db", str(db), "--input-wav", str(tmp_path / "x.wav"), "--fast"]
            (tmp_path / "x.wav").write_bytes(b"")  # never read: the lock comes first
            args += ["--output-wav", str(tmp_path / "out.wav")]
        _out, err = _hearth(*args).communicate(timeout=120)
        assert err == (
            f"Error: Hearth is already running on {db} (process {first.pid}); "
            "stop it first, or give another --db\n"
        )
        assert first.poll() is None  # the first one is untouched
    finally:
        first.kill()
        first.communicate()


def test_the_lock_is_released_by_kill_9(tmp_path: Path) -> None:
    db = tmp_path / "hearth.db"
    first = _hearth("chat", "--db", str(db))
    _wait_until_held(db, first)
    os.kill(first.pid, signal.SIGKILL)
    first.communicate()
    assert held_by(db) is None
    assert (tmp_path / "hearth.db.lock").exists()  # a stale file blocks nothing
    second = _hearth("chat", "--db", str(db))
    _out, err = second.communicate("help\n", timeout=120)
    assert second.returncode == 0, err


def test_in_one_process_the_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    with InstanceLock(db):
        assert held_by(db) == os.getpid()
        with pytest.raises(AlreadyRunning, match="already running"):
            InstanceLock(db).acquire()
    assert held_by(db) is None
    InstanceLock(db).acquire().release()
