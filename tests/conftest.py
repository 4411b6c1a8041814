"""Fixtures shared by every test folder.

`hearth_process(*args)` starts a `hearth` command as a real process whose output is
watched line by line: tests wait for what the process says (a line on stdout or
stderr), never for a fixed time. Processes still running at the end are killed.

The suite runs in parallel (pytest-xdist, `-n auto --dist loadfile` in
pyproject.toml). The tests that measure real time (latencies, timers, audio played and
recorded through PulseAudio) run in two lanes (`REAL_TIME_LANES`), each on a worker of
its own, one test after another; one worker per core shares the other files, a file at
a time, at a lower priority. `-n 0` runs everything in one process.
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
"""At most this many workers: one that loads the Korean Vosk model holds about 530 MB."""

REAL_TIME_LANES: tuple[tuple[str, ...], ...] = (
    (
        "tests/dialog/test_dialog_kill.py",
        "tests/dialog/test_dialog_realtime.py",
        "tests/live/test_live_recovery.py",
        "tests/live/test_live_watchdog.py",
        "tests/live/test_live_cli.py",
        "tests/live/test_live_cli_args.py",
        "tests/live/test_live_wav.py",
        "tests/live/test_live_engine_fault.py",
    ),
    ("tests/live/",),
)
"""Tests (folders, files) that measure real time, in two lanes: each lane runs on a
worker of its own, one test after another, so two tests of a lane never compete. A path
belongs to the first lane that names it. The two lanes are about equally long (about
2.5 min each on an idle 2-core machine); they run side by side, each with its own
PulseAudio daemon."""

OTHERS_NICENESS = 5
"""Workers without a lane run at this niceness: they use the CPU the real-time lanes
leave idle (those mostly wait for real time), and a lane that needs the CPU gets the
larger share, so its deadlines hold while everything else runs beside it. Mild on
purpose: at 15 those workers got almost nothing on a machine busy with other work
(a 5-second test took 138 s)."""


def real_time_lane(path: str) -> int | None:
    """The lane of a test file (a path relative to the repository), or None."""
    return next((i for i, lane in enumerate(REAL_TIME_LANES) if path.startswith(lane)), None)


def lane_workers(workers: int) -> int:
    """How many of `workers` run the lanes: one each, keeping at least one worker for
    the other tests (with two workers both lanes share the first)."""
    return max(1, min(len(REAL_TIME_LANES), workers - 1))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """The number of workers `-n auto` starts (PYTEST_XDIST_AUTO_NUM_WORKERS overrides):
    one per lane and one per core for the rest."""
    override = os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "")
    if override.isdigit():
        return int(override)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(2, min(MAX_WORKERS, len(REAL_TIME_LANES) + (cores or 1)))


def _worker_index(worker_id: str) -> int:
    return int(worker_id[2:]) if worker_id[2:].isdigit() else 1 << 20


def pytest_configure(config: pytest.Config) -> None:
    """In a worker without a lane: lower this process's priority (see OTHERS_NICENESS)."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None:
        return
    index = _worker_index(workerinput["workerid"])
    if index >= lane_workers(int(workerinput["workercount"])):
        os.nice(OTHERS_NICENESS)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """With `--dist loadfile` (pyproject.toml): a file at a time to a worker, and each
    real-time lane as one unit on a worker of its own. (Not `xdist_group` marks:
    pytest-xdist 3.8 marks a group by renaming the test's node id, which pytest 9.2
    ignores, so the groups were lost.)"""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class RealTimeLanes(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            lane = real_time_lane(path)
            return path if lane is None else f"real-time lane {lane}"

        def _own_lanes(self, node) -> list[str]:
            index = _worker_index(node.gateway.id)
            workers = lane_workers(self._workers)
            if index >= workers:
                return []
            lanes = range(len(REAL_TIME_LANES))
            return [f"real-time lane {lane}" for lane in lanes if lane % workers == index]

        def _next_scope(self, node) -> str | None:
            """The node's own lanes first; then any file that is not a lane."""
            own = [scope for scope in self._own_lanes(node) if scope in self.workqueue]
            if own:
                return own[0]
            return next((s for s in self.workqueue if not s.startswith("real-time lane")), None)

        def _assign_work_unit(self, node) -> None:
            scope = self._next_scope(node)
            assert scope is not None
            self.workqueue.move_to_end(scope, last=False)  # the base class takes the first
            super()._assign_work_unit(node)

        def _reschedule(self, node) -> None:
            if node.shutting_down:
                return
            if self._next_scope(node) is None:
                node.shutdown()  # nothing left that this worker may run
                return
            if self._pending_of(self.assigned_work[node]) > 2:
                return
            self._assign_work_unit(node)

        def schedule(self) -> None:
            assert self.collection_is_completed
            if self.collection is not None:
                for node in self.nodes:
                    self._reschedule(node)
                return
            if not self._check_nodes_have_same_collection():
                self.log("**Different tests collected, aborting run**")
                return
            self.collection = list(next(iter(self.registered_collections.values())))
            if not self.collection:
                return
            self._workers = len(self.nodes)
            units: dict[str, dict[str, bool]] = {}
            for nodeid in self.collection:
                units.setdefault(self._split_scope(nodeid), {})[nodeid] = False
            for scope, unit in sorted(units.items(), key=lambda item: -len(item[1])):
                self.workqueue[scope] = unit  # the largest first
            for _ in range(2):  # each worker starts with up to two units
                for node in self.nodes:
                    self._reschedule(node)

    return RealTimeLanes(config, log)


class HearthProcess:
    """`python -m assistant ARGS` with both output streams read by threads.

    Attributes:
        proc: the process.
        args: its command line after `hearth`.
        lines: every line so far as (stream, text), stream "out" or "err".
    """

    def __init__(self, *args: str, env: dict[str, str] | None = None, stdin: bool = False):
        self.args = args
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
        """End a process a test left running: SIGTERM first, so it removes its temporary
        files as a stopped service does; SIGKILL when it does not end in 10 s."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
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
