"""Timers with absolute deadlines and dated jobs, on an injected Clock.

A timer is due at a fixed monotonic time, never "N seconds after the last thing
finished": a countdown whose lines take seconds to speak still ends on time.
Dated jobs are due at a wall-clock time (a check-in at 20:00) and are compared
with `clock.wall()` when checked, so they follow the wall clock.

Threading rule: a Scheduler and the Engine that owns it belong to ONE thread.
`run_realtime` is that thread's loop: other threads (the microphone listener,
the stdin reader of `hearth chat`) never call the engine; they put heard texts
into the driver's `queue.Queue` (`None` means quit). The only thing another
thread may do with the engine is read `engine.listen_mode` (a plain string
attribute, replaced atomically, never mutated in place).
"""

from __future__ import annotations

import heapq
import itertools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from assistant.clock import Clock, VirtualClock

if TYPE_CHECKING:
    from assistant.dialog.engine import Engine

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Timer:
    """One pending call.

    Attributes:
        deadline: monotonic due time (None for a dated job).
        when: wall due time of a dated job (None for a timer).
        callback: called with no arguments when due.
        tag: free label used to cancel a group of timers at once.
        cancelled: set by `cancel`; a cancelled timer never runs.
    """

    deadline: float | None
    when: datetime | None
    callback: Callable[[], Any]
    tag: str = ""
    cancelled: bool = field(default=False)
    seq: int = 0


class Scheduler:
    """Runs callbacks when their time has come on `clock`."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._heap: list[tuple[float, int, Timer]] = []
        self._dated: list[Timer] = []
        self._seq = itertools.count()

    def call_at(self, deadline: float, callback: Callable[[], Any], tag: str = "") -> Timer:
        """Run `callback` at monotonic time `deadline` (absolute)."""
        timer = Timer(deadline, None, callback, tag, seq=next(self._seq))
        heapq.heappush(self._heap, (deadline, timer.seq, timer))
        return timer

    def call_in(self, delay: float, callback: Callable[[], Any], tag: str = "") -> Timer:
        return self.call_at(self.clock.now() + delay, callback, tag)

    def call_on(self, when: datetime, callback: Callable[[], Any], tag: str = "") -> Timer:
        """Run `callback` once the wall clock reaches `when` (a dated job)."""
        timer = Timer(None, when, callback, tag, seq=next(self._seq))
        self._dated.append(timer)
        return timer

    def cancel(self, timer: Timer) -> None:
        timer.cancelled = True

    def cancel_tag(self, tag: str) -> int:
        """Cancel every pending timer whose tag is `tag` or starts with `tag + '.'`."""
        count = 0
        for timer in self._pending():
            if timer.tag == tag or timer.tag.startswith(tag + "."):
                timer.cancelled = True
                count += 1
        return count

    def pending(self, tag: str | None = None) -> list[Timer]:
        timers = self._pending()
        if tag is not None:
            timers = [t for t in timers if t.tag == tag or t.tag.startswith(tag + ".")]
        return timers

    def _pending(self) -> list[Timer]:
        live = [t for _, _, t in self._heap if not t.cancelled]
        return live + [t for t in self._dated if not t.cancelled]

    def next_deadline(self) -> float | None:
        """The monotonic time of the next due call, or None when nothing is pending."""
        while self._heap and self._heap[0][2].cancelled:
            heapq.heappop(self._heap)
        self._dated = [t for t in self._dated if not t.cancelled]
        best = self._heap[0][0] if self._heap else None
        if self._dated:
            now, wall = self.clock.now(), self.clock.wall()
            for timer in self._dated:
                assert timer.when is not None
                at = now + (timer.when - wall).total_seconds()
                best = at if best is None else min(best, at)
        return best

    def run_due(self) -> int:
        """Run every call that is due now, earliest first; return how many ran.

        Calls scheduled by a callback for a time already past run in the same sweep.
        """
        ran = 0
        while True:
            timer = self._pop_due()
            if timer is None:
                return ran
            timer.cancelled = True  # it is no longer pending
            timer.callback()
            ran += 1

    def _pop_due(self) -> Timer | None:
        now, wall = self.clock.now(), self.clock.wall()
        due: list[tuple[float, int, Timer]] = []
        while self._heap and self._heap[0][2].cancelled:
            heapq.heappop(self._heap)
        if self._heap and self._heap[0][0] <= now:
            due.append(self._heap[0])
        for timer in self._dated:
            if not timer.cancelled and timer.when is not None and timer.when <= wall:
                due.append((now + (timer.when - wall).total_seconds(), timer.seq, timer))
        if not due:
            return None
        _, _, timer = min(due, key=lambda d: (d[0], d[1]))
        if timer.deadline is not None:
            heapq.heappop(self._heap)
        else:
            self._dated.remove(timer)
        return timer


def run_virtual_until(scheduler: Scheduler, clock: VirtualClock, t: float) -> None:
    """Move a virtual clock to `t`, stopping at each deadline on the way to run it."""
    while True:
        deadline = scheduler.next_deadline()
        if deadline is None or deadline > t:
            break
        clock.advance_to(max(deadline, clock.now()))
        scheduler.run_due()
    clock.advance_to(t)
    scheduler.run_due()


@dataclass(frozen=True)
class HeardText:
    """Heard text on its way through `run_realtime`'s inbox, with how it was heard
    (see `Engine.hear`): `unsure`, a request with little evidence; `wake`, said after
    the wake phrase."""

    text: str
    unsure: bool = False
    wake: bool = False


def run_realtime(
    engine: Engine,
    inbox: queue.Queue[str | HeardText | None],
    *,
    stop: threading.Event | None = None,
    max_wait: float = 0.5,
) -> None:
    """Run `engine` and its timers on the calling thread until `None` arrives in `inbox`.

    Heard texts from other threads arrive through `inbox` (plain, or as `HeardText`
    with how they were heard); timers fire at their
    deadlines while waiting for input. `max_wait` bounds each wait so a change of the
    wall clock (a dated job) or `stop` being set is noticed promptly. Each item taken
    from `inbox` is marked done (`inbox.task_done()`) once the engine has acted on
    it, so a feeder can wait until its last words were handled. The engine contains
    its own failures; anything that still escapes is logged here and the loop goes
    on, because a dead loop would leave the device deaf and mute.
    """
    scheduler = engine.scheduler
    clock = scheduler.clock
    while stop is None or not stop.is_set():
        _survive(scheduler.run_due)
        deadline = scheduler.next_deadline()
        wait = max_wait if deadline is None else max(0.0, min(max_wait, deadline - clock.now()))
        try:
            text = inbox.get(timeout=wait)
        except queue.Empty:
            continue
        try:
            if text is None:
                return
            _survive(scheduler.run_due)  # a timer due before the text was heard speaks first
            if isinstance(text, HeardText):
                _survive(partial(engine.hear, text.text, unsure=text.unsure, wake=text.wake))
            else:
                _survive(partial(engine.hear, text))
        finally:
            inbox.task_done()


def _survive(step: Callable[[], Any]) -> None:
    try:
        step()
    except Exception as exc:  # the type only: a message could quote what was said
        log.error("the dialog loop caught %s and carries on", type(exc).__name__)
