"""The real-time driver: one thread runs engine and timers, fed by a queue; `hearth chat`."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

from assistant.clock import RealClock
from assistant.config import Settings
from assistant.dialog.engine import Engine
from assistant.scheduler import Scheduler, run_realtime
from assistant.store import Store

SPEED = 50.0  # a real clock running 50 times fast: a one-minute pause takes 1.2 s


class FastClock(RealClock):
    """The machine's monotonic clock, sped up; wall time moves at the same speed."""

    def __init__(self) -> None:
        self.t0 = time.monotonic()
        self.w0 = datetime(2026, 1, 5, 19, 0)

    def now(self) -> float:
        return (time.monotonic() - self.t0) * SPEED

    def wall(self) -> datetime:
        return self.w0 + timedelta(seconds=self.now())


class Spoken:
    def __init__(self, clock: FastClock) -> None:
        self.clock = clock
        self.lines: list[tuple[float, str]] = []
        self.threads: set[str] = set()

    def say(self, text: str, key: str) -> None:
        self.lines.append((self.clock.now(), key))
        self.threads.add(threading.current_thread().name)

    def event(self, kind: str, **fields: object) -> None:
        self.threads.add(threading.current_thread().name)

    def stop_speaking(self) -> None:
        pass


def test_driver_fires_timers_while_waiting_and_quits_on_none(tmp_path: Path) -> None:
    clock = FastClock()
    out = Spoken(clock)
    engine = Engine(Store(tmp_path / "h.db"), out, clock, settings=Settings())
    engine.parser  # noqa: B018 - load the templates before the clock matters
    inbox: queue.Queue[str | None] = queue.Queue()
    modes: list[str] = []

    def listener() -> None:  # like the live microphone loop: push texts, read listen_mode
        inbox.put("hey hearth can we have a minute")
        # The whole pause runs with no input (75 virtual seconds: 1.5 s when not loaded).
        while "pause.end" not in [k for _, k in out.lines]:
            time.sleep(0.02)
        inbox.put("add an idea")
        time.sleep(0.02)
        modes.append(engine.listen_mode)
        inbox.put(None)

    worker = threading.Thread(target=listener, name="listener")
    worker.start()
    run_realtime(engine, inbox, max_wait=0.05)
    worker.join()
    keys = [k for _, k in out.lines]
    assert keys[:4] == ["pause.start", "pause.countdown", "pause.last_seconds", "pause.end"]
    start = out.lines[0][0]
    end = next(t for t, k in out.lines if k == "pause.end")
    assert abs((end - start) - 60) < 0.1 * SPEED  # on time within 0.1 s of real time
    assert modes == ["dictation"]
    assert out.threads == {threading.current_thread().name}  # all on the driver thread


def test_scheduler_deadlines_are_absolute() -> None:
    clock = RealClock()
    scheduler = Scheduler(clock)
    fired: list[float] = []
    begin = clock.now()
    for i in range(1, 4):
        scheduler.call_at(begin + 0.05 * i, lambda: (fired.append(clock.now()), time.sleep(0.03)))
    while scheduler.next_deadline() is not None:
        time.sleep(max(0.0, scheduler.next_deadline() - clock.now()))
        scheduler.run_due()
    # Each callback spends 30 ms "speaking"; the third still fires at +150 ms, not +210.
    assert fired[-1] - begin < 0.19


def test_chat_replies_to_typed_lines_and_ends_on_eof(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--db", str(db)],
        input="where is the remote\ncan we have a minute\nhow long is left\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    replies = [x for x in result.stdout.splitlines() if x.startswith("hearth: ")]
    assert len(replies) == 2
    assert "one minute" in replies[0].lower()
    assert "about a minute" in replies[1].lower()
    assert "remote" not in result.stdout
    intents = [e["intent"] for e in reversed(Store(db).events(kind="command"))]
    assert intents == ["pause", "time_left"]


def test_an_unsure_request_through_the_queue_is_asked_about_first(tmp_path: Path) -> None:
    from assistant.scheduler import HeardText

    clock = FastClock()
    out = Spoken(clock)
    engine = Engine(Store(tmp_path / "h.db"), out, clock, settings=Settings())
    engine.parser  # noqa: B018 - load the templates before the clock matters
    inbox: queue.Queue = queue.Queue()
    seen: list[tuple[list[str], bool]] = []

    def feed() -> None:  # the microphone's thread; the engine runs on this test's thread
        for item in (HeardText("we need a minute", unsure=True, wake=True), HeardText("yes")):
            inbox.put(item)
            inbox.join()  # handled by the engine
            seen.append(([k for _, k in out.lines], engine.state.pause is not None))
        inbox.put(None)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    run_realtime(engine, inbox)
    feeder.join(timeout=30)
    assert seen[0] == (["check.pause_for"], False)  # asked, nothing started
    assert seen[1][1] and seen[1][0][1] == "pause.start"  # the yes started the pause
