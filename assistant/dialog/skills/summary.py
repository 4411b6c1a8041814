"""Summary: this week against last week from the log, what seems to help most, and on a
hard stretch (many pauses, little marked helpful, over two weeks) a gentle word about
outside support. `weekly_report` is also used by `hearth summary`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from assistant.dialog import actions as act
from assistant.dialog.state import Answer, Context, Pending
from assistant.dialog.timewords import number_words
from assistant.nlu.intent import Intent
from assistant.store import Store

WEEK = timedelta(days=7)
HARD_PAUSES_PER_WEEK = 4  # a hard stretch: at least this many pauses in each of two weeks
HARD_HELPED_SHARE = 0.25  # ... and fewer helpful marks than this share of those pauses
METRICS = ("checkins", "pauses", "space", "rituals", "wins", "helped")


@dataclass
class Week:
    """Counts for one seven-day window.

    Attributes:
        checkins, pauses, rituals, wins: how many were started / marked.
        space, space_on_time: times alone taken, and of those kept on time.
        helped: things marked as helpful; not_helped: marked as not helpful.
        helped_by: target kind -> helpful marks.
    """

    checkins: int = 0
    pauses: int = 0
    space: int = 0
    space_on_time: int = 0
    rituals: int = 0
    wins: int = 0
    helped: int = 0
    not_helped: int = 0
    helped_by: Counter[str] = field(default_factory=Counter)


def week(store: Store, start: datetime, end: datetime) -> Week:
    w = Week(
        checkins=store.count_events("checkin_started", start, end),
        pauses=store.count_timers("pause", start, end),
        space=store.count_timers("space", start, end),
        space_on_time=store.count_timers("space", start, end, outcome="on_time"),
        rituals=store.count_timers("ritual", start, end),
        wins=store.count_events("win", start, end),
    )
    for kind, helped in store.feedback(start, end):
        if helped:
            w.helped += 1
            if kind:
                w.helped_by[kind] += 1
        else:
            w.not_helped += 1
    return w


@dataclass
class Report:
    """This week, last week, what helps most (a target kind or None), hard stretch."""

    this: Week
    last: Week
    helps_most: str | None
    hard_stretch: bool


def weekly_report(store: Store, now: datetime) -> Report:
    this = week(store, now - WEEK, now + timedelta(seconds=1))
    last = week(store, now - 2 * WEEK, now - WEEK)
    both = this.helped_by + last.helped_by
    helps_most = both.most_common(1)[0][0] if both else None
    pauses = this.pauses + last.pauses
    hard = (
        min(this.pauses, last.pauses) >= HARD_PAUSES_PER_WEEK
        and (this.helped + last.helped) < HARD_HELPED_SHARE * pauses
    )
    return Report(this, last, helps_most, hard)


def _n(count: int) -> str:
    return "none" if count == 0 else number_words(count)


def report_actions(report: Report) -> list[act.Action]:
    this, last = report.this, report.last
    if all(getattr(this, m) == 0 and getattr(last, m) == 0 for m in METRICS):
        return [act.Say("summary.empty")]
    actions: list[act.Action] = [act.Say("summary.intro")]
    for metric in ("checkins", "pauses", "rituals", "wins", "helped"):
        a, b = getattr(this, metric), getattr(last, metric)
        if a or b:
            actions.append(act.Say(f"summary.{metric}", {"this": _n(a), "last": _n(b)}))
    if this.space:
        actions.append(
            act.Say("summary.space", {"kept": _n(this.space_on_time), "total": _n(this.space)})
        )
    if report.helps_most:
        actions.append(act.Say(f"summary.helps_most_{report.helps_most}"))
    if report.hard_stretch:
        actions.append(act.Say("summary.hard_stretch"))
    else:
        actions.append(act.Say("summary.encourage"))
    return actions


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    return report_actions(weekly_report(ctx.store, ctx.wall))


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    return []


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    return []
