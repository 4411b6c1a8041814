"""Fixtures shared by every test folder.

`hearth_process(*args)` starts a `hearth` command as a real process whose output is
watched line by line: tests wait for what the process says (a line on stdout or
stderr), never for a fixed time. Processes still running at the end are killed.

The suite runs in parallel (pytest-xdist, `-n auto --dist loadfile` in
pyproject.toml), one worker per core. The tests that measure real time (latencies,
timers, audio played and recorded through PulseAudio) run on one worker, one at a
time, as in a serial run (`REAL_TIME`); the other workers share the other files, a
file at a time. `-n 0` runs everything in one process.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator

import pytest

MAX_WORKERS = 8
"""At most this many workers: one that loads the Korean Vosk model holds about 530 MB.
Not more workers than cores: with four on two cores (a loaded machine) the real-time
tests missed their deadlines (a signal answered in 3-4 s instead of 2)."""

REAL_TIME = (
    "tests/live/",
    "tests/dialog/test_dialog_kill.py",
    "tests/dialog/test_dialog_realtime.py",
)
"""Tests (folders, files) that measure real time: one worker runs them one after another,
so two of them never compete for the CPU or a PulseAudio daemon."""


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """The number of workers `-n auto` starts (PYTEST_XDIST_AUTO_NUM_WORKERS overrides)."""
    override = os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "")
    if override.isdigit():
        return int(override)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(2, min(MAX_WORKERS, cores or 1))


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """With `--dist loadfile` (pyproject.toml): a file at a time to a worker, and all
    of `REAL_TIME` as one unit. (Not `xdist_group` marks: pytest-xdist 3.8 marks a group
    by renaming the test's node id, which pytest 9.2 ignores, so the groups were lost.)"""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class RealTimeTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "real-time" if path.startswith(REAL_TIME) else path

    return RealTimeTogether(config, log)


class HearthProcess:
    """`python -m assistant ARGS` with both output streams read by threads.

    Attributes:
        proc: the process.
        lines: every line so far as (stream, text), stream "out" or "err".
    """

    def __init__(self, *args: str, env: dict[str, str] | None = None, stdin: bool = False):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", *args],
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self.lines: list[tuple[str, str]] = []
        self._closed = 0
        self._new: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._readers = [
            threading.Thread(target=self._read, args=(name, stream), daemon=True)
            for name, stream in (("out", self.proc.stdout), ("err", self.proc.stderr))
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, name: str, stream) -> None:
        for line in stream:
            item = (name, line.rstrip("\n"))
            self.lines.append(item)
            self._new.put(item)
        self._new.put(None)

    def mark(self) -> int:
        """A position in the output: `wait_for(..., after=mark)` looks only at later lines."""
        return len(self.lines)

    def wait_for(
        self, match: Callable[[str], bool] | str, timeout: float = 120.0, after: int = 0
    ) -> str:
        """The first line (seen so far or arriving) that matches; fails after `timeout`."""
        check = match if callable(match) else (lambda line: match in line)
        seen = after
        deadline = time.monotonic() + timeout
        while True:
            fresh = self.lines[seen:]
            seen += len(fresh)
            for _, line in fresh:
                if check(line):
                    return line
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no line matching {match!r}; got:\n{self.text()}")
            if self._closed == 2:  # both streams ended: nothing more can come
                raise AssertionError(f"exited without {match!r}:\n{self.text()}")
            try:
                if self._new.get(timeout=min(left, 1.0)) is None:
                    self._closed += 1
            except queue.Empty:
                pass

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def signal_and_time(self, signum: int, timeout: float = 20.0) -> tuple[int, float]:
        """Send `signum`; return the exit status and the seconds it took to exit."""
        sent = time.monotonic()
        self.proc.send_signal(signum)
        code = self.proc.wait(timeout=timeout)
        took = time.monotonic() - sent
        for reader in self._readers:
            reader.join(timeout=5)
        return code, took

    def out(self) -> str:
        return "\n".join(line for stream, line in self.lines if stream == "out")

    def err(self) -> str:
        return "\n".join(line for stream, line in self.lines if stream == "err")

    def text(self) -> str:
        return "\n".join(f"{stream}: {line}" for stream, line in self.lines)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture
def hearth_process() -> Iterator[Callable[..., HearthProcess]]:
    started: list[HearthProcess] = []

    def start(*args: str, env: dict[str, str] | None = None, stdin: bool = False):
        process = HearthProcess(*args, env=env, stdin=stdin)
        started.append(process)
        return process

    yield start
    for process in started:
        process.kill()
