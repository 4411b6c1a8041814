"""Schedule: the check-in time and cadence, kept in the store and restored on start.

Occurrences are `first_at + k * period` (one day, or two for every other day). At each
one Hearth says it is check-in time and starts a check-in; a pause or time alone makes
it wait (the engine holds the timer). A check-in missed while the device was off fires
on start only within `settings.checkin_grace_s`, otherwise the next one is armed. The
config file's `checkin_time` is the schedule until one is set by voice; in the file's
`quiet_hours` a due check-in is skipped (logged), not moved.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from assistant.dialog import actions as act
from assistant.dialog.skills import checkin
from assistant.dialog.state import Answer, Context, Pending
from assistant.dialog.timewords import cadence_words
from assistant.nlu.intent import Intent

CADENCES = {"daily": 1, "every_other_day": 2}


def _period(cadence: str) -> timedelta:
    return timedelta(days=CADENCES.get(cadence, 1))


def first_after(wall: datetime, time: str) -> datetime:
    """The first moment at `time` ("HH:MM") strictly after `wall`."""
    hour, minute = map(int, time.split(":"))
    at = wall.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return at if at > wall else at + timedelta(days=1)


def latest_at_or_before(first_at: datetime, period: timedelta, wall: datetime) -> datetime | None:
    if wall < first_at:
        return None
    return first_at + period * ((wall - first_at) // period)


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    time = intent.slots.get("time")
    cadence = intent.slots.get("cadence") or "daily"
    if not time:
        return [act.Say("schedule.need_time")]
    if cadence not in CADENCES:
        cadence = "daily"
    first_at = first_after(ctx.wall, time)
    return [
        act.Persist("set_schedule", {"time": time, "cadence": cadence, "first_at": first_at}),
        act.CancelTimers("schedule"),
        act.StartDatedJob("schedule", "due", first_at.isoformat(), {"at": first_at.isoformat()}),
        act.Log("schedule_set", {"time": time, "cadence": cadence}),
        act.Say("schedule.confirm", {"when": cadence_words(time, cadence)}),
    ]


def _from_file(ctx: Context) -> list[act.Action]:
    """The config file's check-in time, stored as the schedule when it differs from the
    stored one; never over a schedule set by voice (the last `schedule_set` event says)."""
    time, cadence = ctx.settings.checkin_time, ctx.settings.checkin_cadence
    sched = ctx.store.schedule()
    if time is None or (sched and (sched["time"], sched["cadence"]) == (time, cadence)):
        return []
    last = ctx.store.events(kind="schedule_set", limit=1)
    if sched is not None and (not last or last[0].get("source") != "config"):
        return []  # set by voice: it wins over the file's default
    first_at = first_after(ctx.wall, time)
    return [
        act.Persist("set_schedule", {"time": time, "cadence": cadence, "first_at": first_at}),
        act.Log("schedule_set", {"time": time, "cadence": cadence, "source": "config"}),
        act.StartDatedJob("schedule", "due", first_at.isoformat(), {"at": first_at.isoformat()}),
    ]


def restore(ctx: Context) -> list[act.Action]:
    """On start: arm the next check-in, or run a missed one still within the grace window."""
    from_file = _from_file(ctx)
    if from_file:
        return from_file
    sched = ctx.store.schedule()
    if sched is None:
        return []
    period = _period(sched["cadence"])
    latest = latest_at_or_before(sched["first_at"], period, ctx.wall)
    actions: list[act.Action] = []
    if latest is not None and (sched["last_fired"] is None or latest > sched["last_fired"]):
        late = (ctx.wall - latest).total_seconds()
        if late <= ctx.settings.checkin_grace_s:
            return [
                act.StartDatedJob(
                    "schedule", "due", ctx.wall.isoformat(), {"at": latest.isoformat()}
                )
            ]
        actions.append(act.Event("checkin_skipped", {"missed": latest.isoformat()}))
        actions.append(act.Persist("schedule_fired", {"occurrence": latest}))
    upcoming = sched["first_at"] if latest is None else latest + period
    actions.append(
        act.StartDatedJob("schedule", "due", upcoming.isoformat(), {"at": upcoming.isoformat()})
    )
    return actions


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    sched = ctx.store.schedule()
    if sched is None:
        return []
    occurrence = datetime.fromisoformat(data["at"])
    upcoming = occurrence + _period(sched["cadence"])
    while upcoming <= ctx.wall:  # held back for a long time: never fire twice for one day
        upcoming += _period(sched["cadence"])
    actions: list[act.Action] = [
        act.Persist("schedule_fired", {"occurrence": occurrence}),
        act.StartDatedJob("schedule", "due", upcoming.isoformat(), {"at": upcoming.isoformat()}),
    ]
    if data.get("skip"):  # it waited for time alone, and they are not back together yet
        return [*actions, act.Event("checkin_skipped", {"missed": occurrence.isoformat()})]
    if ctx.settings.is_quiet(ctx.wall):  # no scheduled speech in quiet hours: skip this one
        quiet = {"missed": occurrence.isoformat(), "reason": "quiet_hours"}
        return [*actions, act.Event("checkin_skipped", quiet)]
    if ctx.state.checkin is not None:
        return actions  # already talking: nothing to announce
    return [*actions, act.Say("schedule.due"), *checkin.start(ctx, scheduled=True)]


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    return []
