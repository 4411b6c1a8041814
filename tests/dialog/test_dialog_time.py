"""Clock, scheduler and time words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from assistant.clock import RealClock, VirtualClock
from assistant.dialog.timewords import about, cadence_words, clock_words, duration_words
from assistant.scheduler import Scheduler, run_virtual_until

START = datetime(2026, 1, 5, 19, 0)


def test_virtual_clock_moves_only_forward_and_keeps_wall_in_step() -> None:
    clock = VirtualClock(START)
    clock.advance_to(90.5)
    assert clock.now() == 90.5
    assert clock.wall() == START + timedelta(seconds=90.5)
    with pytest.raises(ValueError):
        clock.advance_to(10)


def test_virtual_clock_accepts_an_aware_start() -> None:
    aware = datetime(2026, 1, 5, 19, 0, tzinfo=UTC)
    assert VirtualClock(aware).wall().tzinfo is None


def test_real_clock_is_monotonic() -> None:
    clock = RealClock()
    a = clock.now()
    assert clock.now() >= a
    assert abs((clock.wall() - datetime.now()).total_seconds()) < 1


def test_timers_run_in_deadline_order_and_cancel() -> None:
    clock = VirtualClock(START)
    scheduler = Scheduler(clock)
    ran: list[str] = []
    scheduler.call_at(30, lambda: ran.append("b"), tag="pause.mark")
    scheduler.call_at(10, lambda: ran.append("a"), tag="pause.mark")
    gone = scheduler.call_at(20, lambda: ran.append("x"), tag="other")
    scheduler.call_at(40, lambda: ran.append("y"), tag="pause.end")
    scheduler.cancel(gone)
    assert scheduler.next_deadline() == 10
    run_virtual_until(scheduler, clock, 35)
    assert ran == ["a", "b"]
    assert scheduler.cancel_tag("pause") == 1
    assert scheduler.next_deadline() is None
    run_virtual_until(scheduler, clock, 100)
    assert ran == ["a", "b"]


def test_a_callback_can_schedule_an_already_due_timer() -> None:
    clock = VirtualClock(START)
    scheduler = Scheduler(clock)
    ran: list[float] = []
    scheduler.call_at(5, lambda: scheduler.call_at(5, lambda: ran.append(clock.now())))
    run_virtual_until(scheduler, clock, 5)
    assert ran == [5]


def test_dated_jobs_follow_the_wall_clock() -> None:
    clock = VirtualClock(START)
    scheduler = Scheduler(clock)
    ran: list[datetime] = []
    scheduler.call_on(START + timedelta(hours=1), lambda: ran.append(clock.wall()))
    scheduler.call_at(10, lambda: ran.append(clock.wall()))
    assert scheduler.next_deadline() == 10
    run_virtual_until(scheduler, clock, 7200)
    assert ran == [START + timedelta(seconds=10), START + timedelta(hours=1)]


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(30, "thirty seconds"), (60, "one minute"), (90, "a minute and a half"),
     (150, "two and a half minutes"), (720, "twelve minutes"), (1800, "thirty minutes"),
     (3600, "an hour"), (5400, "an hour and a half"), (3599, "an hour"),
     (3900, "an hour and five minutes"), (7260, "two hours and one minute"),
     (9000, "two and a half hours")],
)  # fmt: skip
def test_duration_words(seconds: int, words: str) -> None:
    assert duration_words(seconds) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(40.2, "about forty seconds"), (43, "about forty five seconds"), (3, "just a few seconds"),
     (62, "about a minute"), (95, "about a minute and a half"), (1190, "about twenty minutes")],
)  # fmt: skip
def test_about(seconds: float, words: str) -> None:
    assert about(seconds) == words


def test_clock_and_cadence_words() -> None:
    assert clock_words("20:30") == "8:30"
    assert clock_words(datetime(2026, 1, 5, 20, 0)) == "8 o'clock"
    assert cadence_words("20:00", "daily") == "every evening at eight"
    assert cadence_words("07:30", "every_other_day") == "every other morning at 7:30"
    assert cadence_words("22:15", "daily") == "every night at 10:15"
