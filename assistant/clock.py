"""One source of time for the whole assistant: a real clock and a virtual one.

`now()` is monotonic seconds (timers and countdowns use it, so wall-clock jumps never
shorten a pause); `wall()` is the local, naive date and time (schedules use it).
The virtual clock only moves when told to, which makes a ten-minute scenario run in
milliseconds and exactly repeatably.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What the scheduler and the dialog engine read time from."""

    def now(self) -> float:
        """Monotonic seconds; only differences are meaningful."""
        ...

    def wall(self) -> datetime:
        """Local date and time (naive)."""
        ...


class RealClock:
    """The machine's clocks."""

    def now(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now()


class VirtualClock:
    """A clock that starts at `start` (wall) / 0.0 (monotonic) and moves only on request.

    Attributes:
        start: the wall time at t=0 (naive local; an aware datetime is converted).
    """

    def __init__(self, start: datetime | None = None) -> None:
        start = start or datetime.now().replace(microsecond=0)
        if start.tzinfo is not None:
            start = start.astimezone().replace(tzinfo=None)
        self.start = start
        self._t = 0.0

    def now(self) -> float:
        return self._t

    def wall(self) -> datetime:
        return self.start + timedelta(seconds=self._t)

    def advance_to(self, t: float) -> None:
        """Move to `t` seconds after start; time never goes backwards."""
        if t < self._t:
            raise ValueError(f"virtual clock cannot go back from {self._t} to {t}")
        self._t = float(t)

    def advance(self, seconds: float) -> None:
        self.advance_to(self._t + seconds)
