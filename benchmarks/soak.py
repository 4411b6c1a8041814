"""A month of a couple's life on the virtual clock: the real dialog engine, parser and
SQLite log, several thousand utterances (mostly everyday talk), a few dozen commands
a day, the daily check-in, pauses, time apart and rituals.

Usage: python benchmarks/soak.py [--days N] [--seed S] [--talk N]

Prints, and exits non-zero when one fails:
- every scheduled check-in began exactly once a day;
- every timer (pause, space, ritual) ended exactly once, on time, or was cancelled
  once; none fired twice or never;
- memory: the Python heap the first and the last day kept (tracemalloc over that day,
  after a collection), the number of Python objects and RSS at the end of both;
- database bytes per day, per logged command, and after a day of everyday talk
  alone (which must add nothing).
`tests/dialog/test_dialog_soak.py` runs three days of it in CI.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

START = datetime(2026, 1, 5, 0, 0, 0)  # a Monday
DAY = 86400.0

TALK = [
    "did you remember to call your mother back",
    "the kettle is on if you want some tea",
    "we should buy more milk tomorrow morning",
    "what time does the train leave on saturday",
    "i can't find my keys again",
    "the kids have a dentist appointment on thursday",
    "that film last night was better than i expected",
    "can you pass me the salt",
    "i think it's going to rain this afternoon",
    "let's have pasta for dinner",
    "the car needs new tyres before winter",
    "your sister sent a photo of the baby",
    "i'll pick up the parcel on my way home",
    "have you seen the remote control",
    "the neighbours are painting their fence",
    "i'm so tired, work was long today",
    "we're out of coffee beans",
    "remember the bins go out tonight",
    "the heating is making that noise again",
    "i booked the table for eight on friday",
    "don't forget your umbrella",
    "the cat knocked the plant over",
    "should we visit your parents next weekend",
    "i love this song",
    "the bank called about the card",
]
PAUSES = ["we need a minute", "can we take a break", "we need two minutes"]
OTHER_COMMANDS = ["how much time is left", "help", "what can you do"]


@dataclass
class Tally:
    """What the soak saw, checked at the end.

    Attributes:
        starts: (timer, t, seconds) of every timer started.
        ends: (timer, t, kind) of every end ("timer_ended") or cancel.
        checkins: day index of every scheduled check-in that began.
        utterances: everything heard; commands: utterances that were commands.
    """

    starts: list[tuple[str, float, float]] = field(default_factory=list)
    ends: list[tuple[str, float, str]] = field(default_factory=list)
    checkins: list[int] = field(default_factory=list)
    utterances: int = 0
    commands: int = 0


class Recorder:
    """The engine's output: keeps only the counts the checks need (nothing grows)."""

    def __init__(self, clock: Any, tally: Tally) -> None:
        self.clock, self.tally = clock, tally

    def say(self, text: str, key: str) -> None:
        if key == "schedule.due":
            self.tally.checkins.append(int(self.clock.now() // DAY))

    def event(self, kind: str, **fields: Any) -> None:
        now = self.clock.now()
        if kind == "timer_started":
            self.tally.starts.append((fields["timer"], now, float(fields.get("seconds") or 0)))
        elif kind in ("timer_ended", "timer_cancelled"):
            self.tally.ends.append((fields["timer"], now, kind))
        elif kind == "command":
            self.tally.commands += 1

    def stop_speaking(self) -> None:
        pass


def _day_plan(rng: random.Random, talk: int) -> list[tuple[float, str]]:
    """(seconds into the day, utterance) for one day, in order."""
    plan = [(rng.uniform(7 * 3600, 22.5 * 3600), rng.choice(TALK)) for _ in range(talk)]
    for hour in (9, 11, 13, 18):  # pauses, with a question during each
        at = hour * 3600 + rng.uniform(0, 1800)
        plan += [(at, rng.choice(PAUSES)), (at + 20, "how much time is left")]
    plan += [(10 * 3600 + 60 * k, rng.choice(OTHER_COMMANDS)) for k in range(10)]
    space = 15 * 3600 + rng.uniform(0, 1800)
    plan += [(space, "i need some space, back in twenty minutes")]
    if rng.random() < 0.8:  # most days they answer the return prompt
        plan += [(space + 1200 + 5, "yes")]
    plan += [
        (17 * 3600, rng.choice(["let's go for our evening walk", "let's do a breathing exercise"]))
    ]
    plan += [(20 * 3600 + 30, rng.choice(["yes", "no", "yes"]))]  # to the check-in
    return sorted(plan)


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _db_bytes(store: Any, db: Path) -> int:
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db.stat().st_size


@dataclass
class SoakResult:
    """Figures of a soak run (see the module doc); `problems` lists failed checks."""

    days: int
    tally: Tally
    seconds: float
    cpu_seconds: float
    """CPU time of the process meanwhile: steadier than `seconds` on a loaded machine."""
    heap_mb: tuple[float, float]
    """Python heap the first and the last day kept (allocated that day, alive at its end)."""
    objects: tuple[int, int]
    """Python objects the collector tracks, at the end of the first and the last day."""
    rss_mb: tuple[float, float]
    db_bytes: list[int]
    talk_day_growth: tuple[int, int]
    problems: list[str]


def soak(days: int, db: Path, seed: int = 1, talk: int = 150) -> SoakResult:
    """Run `days` days on a fresh database at `db`; check and measure."""
    from assistant.clock import VirtualClock
    from assistant.config import Settings
    from assistant.dialog.engine import Engine
    from assistant.dialog.responses import Responses
    from assistant.nlu import load_parser
    from assistant.scheduler import run_virtual_until
    from assistant.store import Store

    rng = random.Random(seed)
    tally = Tally()
    clock = VirtualClock(START)
    store = Store(db)
    engine = Engine(
        store, Recorder(clock, tally), clock, settings=Settings(db_path=db),
        parser=load_parser(), responses=Responses(seed=seed),
    )  # fmt: skip
    engine.start()
    began, began_cpu = time.perf_counter(), time.process_time()
    heap: list[float] = []
    objects: list[int] = []
    rss: list[float] = []
    sizes = [_db_bytes(store, db)]
    engine.hear("let's do our check in every day at eight pm")
    for day in range(days):
        # Only the first and the last day are traced: tracing every allocation made the
        # whole month about 25% slower. What a traced day leaves allocated after a
        # collection is what it kept; a leak keeps something every day.
        traced = day in (0, days - 1)
        if traced:
            gc.collect()
            tracemalloc.start()
        for at, text in _day_plan(rng, talk):
            run_virtual_until(engine.scheduler, clock, day * DAY + at)
            engine.hear(text)
            tally.utterances += 1
        run_virtual_until(engine.scheduler, clock, (day + 1) * DAY)
        sizes.append(_db_bytes(store, db))
        if traced:
            gc.collect()
            heap.append(tracemalloc.get_traced_memory()[0] / 2**20)
            tracemalloc.stop()
            objects.append(len(gc.get_objects()))
            rss.append(_rss_mb())
    # A day of everyday talk alone, before the check-in: it must add nothing.
    rows_before = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    size_before = _db_bytes(store, db)
    for k in range(1000):
        run_virtual_until(engine.scheduler, clock, days * DAY + 7 * 3600 + 30 * k)
        engine.hear(rng.choice(TALK))
    grew = _db_bytes(store, db) - size_before
    rows = store.conn.execute("SELECT count(*) FROM events").fetchone()[0] - rows_before
    seconds = time.perf_counter() - began
    cpu_seconds = time.process_time() - began_cpu
    store.close()
    return SoakResult(
        days, tally, seconds, cpu_seconds, (heap[0], heap[-1]), (objects[0], objects[-1]),
        (rss[0], rss[-1]), sizes, (grew, rows), _problems(tally, days, (grew, rows)),
    )  # fmt: skip


def _problems(tally: Tally, days: int, talk_growth: tuple[int, int]) -> list[str]:
    problems = []
    per_day = {d: tally.checkins.count(d) for d in range(days)}
    wrong = {d: n for d, n in per_day.items() if n != 1}
    if wrong:
        problems.append(f"check-ins per day not exactly one: {wrong}")
    ends = list(tally.ends)
    for timer, started, seconds in tally.starts:
        mine = [e for e in ends if e[0] == timer and e[1] >= started]
        if not mine:
            problems.append(f"{timer} started at {started:.0f} never ended")
            continue
        first = min(mine, key=lambda e: e[1])
        ends.remove(first)
        if first[2] == "timer_ended" and timer == "pause" and abs(first[1] - started - seconds) > 1:
            problems.append(f"pause of {seconds:.0f} s at {started:.0f} ended at {first[1]:.0f}")
    if ends:
        problems.append(f"{len(ends)} timer ends without a start (fired twice?): {ends[:3]}")
    if talk_growth != (0, 0):
        problems.append(f"everyday talk grew the database: {talk_growth}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--talk", type=int, default=150, help="everyday utterances a day")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hearth-soak-") as tmp:
        result = soak(args.days, Path(tmp) / "soak.db", args.seed, args.talk)
    t = result.tally
    kinds = {k: sum(1 for s in t.starts if s[0] == k) for k in ("pause", "space", "ritual")}
    growth = [b - a for a, b in zip(result.db_bytes, result.db_bytes[1:], strict=False)]
    print(f"load average {os.getloadavg()[0]:.1f}; {result.days} days in {result.seconds:.1f} s "
          f"({result.cpu_seconds:.1f} s CPU)")  # fmt: skip
    print(f"utterances: {t.utterances} ({t.commands} commands, "
          f"{t.commands / result.days:.0f} a day)")  # fmt: skip
    print(f"check-ins: {len(t.checkins)} in {result.days} days (exactly one a day: "
          f"{all(t.checkins.count(d) == 1 for d in range(result.days))})")  # fmt: skip
    print(f"timers started: {kinds}; ended or cancelled: {len(t.ends)}")
    heap, rss = result.heap_mb, result.rss_mb
    print(f"python heap kept by day 1: {heap[0]:.2f} MB, by day {result.days}: "
          f"{heap[1]:.2f} MB; python objects {result.objects[0]} -> {result.objects[1]}; "
          f"RSS {rss[0]:.0f} -> {rss[1]:.0f} MB")  # fmt: skip
    print(f"database: {result.db_bytes[-1] / 1024:.0f} KiB after {result.days} days, "
          f"{sum(growth) / len(growth) / 1024:.1f} KiB a day, "
          f"{(result.db_bytes[-1] - result.db_bytes[0]) / max(1, t.commands):.0f} bytes "
          f"per command")  # fmt: skip
    grew, rows = result.talk_day_growth
    print(f"a day of 1000 everyday utterances alone: +{grew} bytes, +{rows} events")
    for problem in result.problems:
        print(f"FAILED: {problem}")
    sys.exit(1 if result.problems else 0)


if __name__ == "__main__":
    main()
