"""Timer drift: absolute deadlines against a naive sleep-based countdown, on the real clock.

A one-minute pause speaks at the start, at 30 s and 10 s left, and at the end. Speaking
takes real time (simulated here with a sleep per line, as a blocking TTS would). Hearth's
scheduler keeps absolute deadlines, so the end line still comes on time; a naive
countdown that sleeps between lines drifts by the total speaking time. Both run at the
same time, in the same process. Then a ten-minute scenario is run on the virtual clock.

    python benchmarks/timer_drift.py [--pause 60] [--speak 2.0]
"""

from __future__ import annotations

import argparse
import io
import queue
import statistics
import threading
import time
from datetime import datetime
from pathlib import Path

from assistant.clock import RealClock
from assistant.dialog.engine import Engine
from assistant.dialog.simulate import parse_script, run_script
from assistant.dialog.skills.pause import countdown_marks
from assistant.nlu import load_parser
from assistant.scheduler import run_realtime
from assistant.store import Store

# The same scenario the simulate tests run.
TEN_MINUTES = (
    Path(__file__).resolve().parent.parent / "tests" / "dialog" / "data" / "ten_minutes.script"
).read_text()


class SlowSpeaker:
    """An Output whose every line blocks for `speak` seconds, like a TTS that plays it."""

    def __init__(self, speak: float) -> None:
        self.speak = speak
        self.lines: list[tuple[float, str]] = []

    def say(self, text: str, key: str) -> None:
        self.lines.append((time.monotonic(), key))
        time.sleep(self.speak)

    def event(self, kind: str, **fields: object) -> None:
        pass

    def stop_speaking(self) -> None:
        pass


def hearth_pause(seconds: int, speak: float) -> float:
    """Run a real pause through the engine; return the end line's error in seconds."""
    out = SlowSpeaker(speak)
    engine = Engine(Store(":memory:"), out, RealClock(), parser=load_parser())
    inbox: queue.Queue[str | None] = queue.Queue()
    said = "hey hearth can we have a " + ("minute" if seconds == 60 else f"{seconds} seconds")
    inbox.put(said)
    began = time.monotonic()
    threading.Timer(seconds + 3 * speak + 1, inbox.put, args=(None,)).start()
    run_realtime(engine, inbox, max_wait=0.05)
    end = next(t for t, key in out.lines if key == "pause.end")
    return (end - began) - seconds


def naive_pause(seconds: int, speak: float) -> float:
    """The baseline: say a line, sleep until the next one (relative), and so on."""
    out = SlowSpeaker(speak)
    began = time.monotonic()
    out.say("start", "pause.start")
    previous_left = seconds
    for left in countdown_marks(seconds):
        time.sleep(previous_left - left)
        out.say(f"{left} left", "pause.countdown")
        previous_left = left
    time.sleep(previous_left)
    out.say("end", "pause.end")
    return (out.lines[-1][0] - began) - seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pause", type=int, default=60, help="pause length in seconds")
    parser.add_argument("--speak", type=float, default=2.0, help="seconds each line takes")
    args = parser.parse_args()
    load_parser()

    naive_err: list[float] = []
    worker = threading.Thread(target=lambda: naive_err.append(naive_pause(args.pause, args.speak)))
    worker.start()
    hearth_err = hearth_pause(args.pause, args.speak)
    worker.join()
    lines = 2 + len(countdown_marks(args.pause))
    print(f"pause {args.pause} s, {lines} spoken lines of {args.speak:.1f} s each (real clock)")
    print(f"  hearth (absolute deadlines): end line {hearth_err * 1000:+.1f} ms from on time")
    print(f"  naive (sleep between lines): end line {naive_err[0] * 1000:+.1f} ms from on time")
    ratio = abs(naive_err[0]) / max(abs(hearth_err), 1e-3)
    print(f"  drift ratio naive/hearth: {ratio:.0f}x")

    steps = parse_script(TEN_MINUTES)
    runs = []
    for _ in range(20):
        began = time.perf_counter()
        run_script(steps, io.StringIO(), start=datetime(2026, 1, 5, 19), store=Store(":memory:"))
        runs.append(time.perf_counter() - began)
    median = statistics.median(runs)
    print(
        f"ten-minute scenario on the virtual clock: median {median * 1000:.1f} ms, "
        f"max {max(runs) * 1000:.1f} ms over {len(runs)} runs "
        f"({600 / median:.0f}x faster than real time)"
    )


if __name__ == "__main__":
    main()
