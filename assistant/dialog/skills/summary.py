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
SPACE_RETURNS = ("on_time", "late")  # the outcomes of a space that ended with a known return


@dataclass
class Week:
    """Counts for one seven-day window.

    Attributes:
        checkins, pauses, rituals, wins: how many were started / marked.
        space: times alone that have ended with a known return (on time or late); one
            still running, replaced by another, or never answered is not counted.
        space_on_time: of those, the returns when the couple said they would be back.
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
        space=sum(store.count_timers("space", start, end, outcome=o) for o in SPACE_RETURNS),
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


def times_words(count: int) -> str:
    """ "once", "twice", "three times"."""
    return {1: "once", 2: "twice"}.get(count, f"{number_words(count)} times")


def space_line(total: int, kept: int) -> act.Say:
    """Returns from time alone, said the way a person would ("Both times you took space,
    you came back when you said"); `total` > 0 ended spaces, `kept` of them on time."""
    if total == 1:
        return act.Say("summary.space_one_kept" if kept else "summary.space_one_late")
    if kept == total:
        key = "summary.space_both_kept" if total == 2 else "summary.space_all_kept"
        return act.Say(key, {"total": number_words(total)})
    if kept == 0:
        return act.Say("summary.space_none_kept", {"times": times_words(total)})
    return act.Say(
        "summary.space_some_kept", {"kept": number_words(kept), "total": number_words(total)}
    )


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
        actions.append(space_line(this.space, this.space_on_time))
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
