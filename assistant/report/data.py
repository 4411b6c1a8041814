"""What the report shows, computed from the log: counts per week, rituals by kind, the
days of the last weeks, the appreciations and the ideas. Plain data; no drawing here.

Only rows Hearth writes on purpose are read (commands' effects, and text the couple
dictated and confirmed), so only those can reach the page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from assistant.store import Store

WEEK = timedelta(days=7)
CHECKINS_PER_WEEK = {"daily": 7.0, "every_other_day": 3.5}


@dataclass
class WeekCounts:
    """One seven-day window of the report, oldest first in `Report.weeks`.

    Attributes:
        start: the first day of the window (the window ends seven days later).
        checkins: check-ins started.
        cadence_target: check-ins the agreed cadence asks for in a week (None: no schedule).
        pauses_full, pauses_early: pauses that ran their time / were ended early by the
            couple (restarted ones count once, in the pause that followed).
        pause_minutes: minutes spent in pauses.
        space_on_time, space_later, space_open: times alone back when said / that needed
            longer / with no known return (no answer, Hearth off).
        rituals: rituals started.
        wins: wins celebrated.
    """

    start: datetime
    checkins: int = 0
    cadence_target: float | None = None
    pauses_full: int = 0
    pauses_early: int = 0
    pause_minutes: float = 0.0
    space_on_time: int = 0
    space_later: int = 0
    space_open: int = 0
    rituals: int = 0
    wins: int = 0

    @property
    def pauses(self) -> int:
        return self.pauses_full + self.pauses_early


@dataclass
class Idea:
    """An idea from the couple's list: its words, when added, tried, and whether it helped
    (None: no word on it yet)."""

    text: str
    added: datetime
    tried: bool
    helped: bool | None


@dataclass
class Report:
    """Everything on the page.

    Attributes:
        now: when the report was made; weeks end here.
        weeks: the weekly counts, oldest first.
        rituals_by_kind: ritual name -> times started in the period.
        days: date -> Counter of what happened that day ("checkin", "pause", "space",
            "ritual", "win"), for the calendar of the last weeks.
        appreciations: (when, text), newest first, from the period.
        ideas: the whole list of ideas, oldest first.
        helped_by: target kind -> times marked as helping in the period.
    """

    now: datetime
    weeks: list[WeekCounts]
    rituals_by_kind: Counter[str] = field(default_factory=Counter)
    days: dict[date, Counter[str]] = field(default_factory=dict)
    appreciations: list[tuple[datetime, str]] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)
    helped_by: Counter[str] = field(default_factory=Counter)

    @property
    def start(self) -> datetime:
        return self.weeks[0].start

    @property
    def empty(self) -> bool:
        return not (self.days or self.appreciations or self.ideas)


def _week_index(weeks: list[WeekCounts], at: datetime) -> int | None:
    first = weeks[0].start
    if at < first:
        return None
    i = int((at - first) / WEEK)
    return i if i < len(weeks) else None


def collect(store: Store, now: datetime, n_weeks: int) -> Report:
    """The report for the `n_weeks` seven-day windows ending at `now` (the last one ends
    at the end of today, so everything logged today is in it)."""
    end = datetime.combine(now.date() + timedelta(days=1), time())
    weeks = [WeekCounts(end - WEEK * (n_weeks - i)) for i in range(n_weeks)]
    start = weeks[0].start
    report = Report(now, weeks)

    def mark(at: datetime, what: str) -> None:
        report.days.setdefault(at.date(), Counter())[what] += 1

    agreed: list[tuple[datetime, str]] = []  # (when, cadence) of each schedule set
    for event in store.events_between(None, end):
        if event["kind"] == "schedule_set":
            agreed.append((event["at"], str(event.get("cadence"))))
        i = _week_index(weeks, event["at"])
        if i is None:
            continue
        if event["kind"] == "checkin_started":
            weeks[i].checkins += 1
            mark(event["at"], "checkin")
        elif event["kind"] == "win":
            weeks[i].wins += 1
            mark(event["at"], "win")
    for week in weeks:  # the cadence agreed by the end of each week
        in_force = [c for at, c in agreed if at < week.start + WEEK]
        week.cadence_target = CHECKINS_PER_WEEK.get(in_force[-1]) if in_force else None
    for timer in store.timers_between(start, end):
        i = _week_index(weeks, timer["started_at"])
        if i is None:
            continue
        week, outcome = weeks[i], timer["outcome"]
        if timer["kind"] == "pause" and outcome != "restarted":
            week.pauses_full += outcome in (None, "completed", "ended_while_off")
            week.pauses_early += outcome == "resumed"
            ended = timer["ended_at"] or timer["due_at"]
            week.pause_minutes += max(0.0, (ended - timer["started_at"]).total_seconds()) / 60
            mark(timer["started_at"], "pause")
        elif timer["kind"] == "space" and outcome != "replaced":
            if outcome == "on_time":
                week.space_on_time += 1
            elif outcome == "late":
                week.space_later += 1
            elif outcome is not None:
                week.space_open += 1
            mark(timer["started_at"], "space")
        elif timer["kind"] == "ritual":
            week.rituals += 1
            report.rituals_by_kind[timer["label"] or "ritual"] += 1
            mark(timer["started_at"], "ritual")
    for row in store.dated_rows("feedback", start, end):
        if row["helped"] and row["target_kind"]:
            report.helped_by[row["target_kind"]] += 1
    report.appreciations = [
        (row["at"], row["text"]) for row in reversed(store.dated_rows("appreciations", start, end))
    ]
    report.ideas = [
        Idea(
            row["text"],
            row["at"],
            row["tried_at"] is not None,
            None if row["helped"] is None else bool(row["helped"]),
        )
        for row in store.dated_rows("ideas")
    ]
    return report
