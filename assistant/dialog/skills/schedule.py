"""Schedule: the check-in time and cadence, kept in the store and restored on start.

Occurrences are `first_at + k * period` (one day, or two for every other day). At each
one Hearth says it is check-in time and starts a check-in; a pause or time alone makes
it wait (the engine holds the timer). A check-in missed while the device was off fires
on start only within `settings.checkin_grace_s`, otherwise the next one is armed. The
config file's `checkin_time` is the schedule until one is set by voice; in the file's
`quiet_hours` a due check-in is skipped (logged), not moved.

The couple can ask when the next one is (`checkin_when`), skip the next one only
(`checkin_skip`: it is marked as fired, so the skip survives a restart and the
schedule stays), move it (`schedule` again) or stop it (`checkin_cancel`, confirmed).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from assistant.dialog import actions as act
from assistant.dialog.skills import checkin
from assistant.dialog.state import Answer, Context, Pending
from assistant.dialog.timewords import cadence_phrase, cadence_words, when_words
from assistant.nlu.intent import Intent

CADENCES = {"daily": 1, "every_other_day": 2}
CANCEL_WINDOW_S = 20.0


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
    if intent.name == "checkin_when":
        return when(ctx)
    if intent.name == "checkin_skip":
        return skip(ctx)
    if intent.name == "checkin_cancel":
        return cancel(ctx)
    return set_time(ctx, intent)


def set_time(ctx: Context, intent: Intent) -> list[act.Action]:
    """Set the check-in time, or move it (the reply says from when to when)."""
    time = intent.slots.get("time")
    cadence = intent.slots.get("cadence") or "daily"
    if not time:
        return [act.Say("schedule.need_time")]
    if cadence not in CADENCES:
        cadence = "daily"
    first_at = first_after(ctx.wall, time)
    _drop_held(ctx)
    old = ctx.store.schedule()
    new_words = cadence_words(time, cadence)
    if old is not None and (old["time"], old["cadence"]) != (time, cadence):
        before = cadence_words(old["time"], old["cadence"])
        said = act.Say("schedule.moved", {"before": before, "when": new_words})
    else:
        said = act.Say("schedule.confirm", {"when": new_words})
    return [
        act.Persist("set_schedule", {"time": time, "cadence": cadence, "first_at": first_at}),
        act.CancelTimers("schedule"),
        act.StartDatedJob("schedule", "due", first_at.isoformat(), {"at": first_at.isoformat()}),
        act.Log("schedule_set", {"time": time, "cadence": cadence}),
        said,
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


def _drop_held(ctx: Context) -> None:
    """Forget a check-in call a pause or time alone is holding back (it was replaced)."""
    for held in [d for d in ctx.state.deferred if d[0] == "schedule"]:
        ctx.state.deferred.remove(held)


def next_occurrence(ctx: Context, sched: dict) -> tuple[datetime, bool]:
    """(the next check-in that will happen, whether an earlier one was skipped)."""
    period = _period(sched["cadence"])
    held = [d for d in ctx.state.deferred if d[0] == "schedule"]
    if held:  # due now, waiting for a pause or time alone to end
        return datetime.fromisoformat(held[0][2]["at"]), False
    latest = latest_at_or_before(sched["first_at"], period, ctx.wall)
    upcoming = sched["first_at"] if latest is None else latest + period
    skipped = False
    while sched["last_fired"] is not None and upcoming <= sched["last_fired"]:
        upcoming += period
        skipped = True
    return upcoming, skipped


def when(ctx: Context) -> list[act.Action]:
    sched = ctx.store.schedule()
    if sched is None:
        return [act.Say("schedule.none_set")]
    upcoming, skipped = next_occurrence(ctx, sched)
    fields = {
        "when": when_words(upcoming, ctx.wall),
        "cadence": cadence_phrase(sched["time"], sched["cadence"]),
    }
    return [act.Say("schedule.next_after_skip" if skipped else "schedule.next", fields)]


def skip(ctx: Context) -> list[act.Action]:
    """Skip the next check-in only; a check-in running now simply ends."""
    sched = ctx.store.schedule()
    if sched is None:
        if ctx.state.checkin is not None:
            return [*checkin.stop(ctx), act.Say("schedule.skipped_now_unscheduled")]
        return [act.Say("schedule.none_set")]
    if ctx.state.checkin is not None:
        upcoming, _ = next_occurrence(ctx, sched)
        return [
            *checkin.stop(ctx),
            act.Log("checkin_skipped", {"skipped": "current"}),
            act.Say("schedule.skipped_now", {"next": when_words(upcoming, ctx.wall)}),
        ]
    # A held-back call stays: when it runs it sees the skip and arms the one after.
    upcoming, _ = next_occurrence(ctx, sched)
    after = upcoming + _period(sched["cadence"])
    return [
        act.Persist("schedule_fired", {"occurrence": upcoming}),
        act.Log("checkin_skipped", {"skipped": upcoming.isoformat()}),
        act.Say(
            "schedule.skipped",
            {"skipped": when_words(upcoming, ctx.wall), "next": when_words(after, ctx.wall)},
        ),
    ]


def cancel(ctx: Context) -> list[act.Action]:
    """Ask before stopping the schedule; a check-in running now ends quietly."""
    running = checkin.stop(ctx)
    sched = ctx.store.schedule()
    if sched is None:
        return [*running, act.Say("schedule.none_to_cancel")]
    return [
        *running,
        act.Say(
            "schedule.cancel_confirm", {"when": cadence_words(sched["time"], sched["cadence"])}
        ),
        act.Ask("schedule", "cancel", seconds=CANCEL_WINDOW_S),
    ]


def cleared(ctx: Context) -> list[act.Action]:
    """The schedule is gone: no timer and nothing held back for it."""
    _drop_held(ctx)
    return [act.CancelTimers("schedule"), act.Persist("clear_schedule")]


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
    if sched["last_fired"] is not None and occurrence <= sched["last_fired"]:
        # skipped ahead of time ("no check-in tonight"): only arm the next one
        upcoming = occurrence + _period(sched["cadence"])
        while upcoming <= ctx.wall:
            upcoming += _period(sched["cadence"])
        return [
            act.StartDatedJob(
                "schedule", "due", upcoming.isoformat(), {"at": upcoming.isoformat()}
            ),
            act.Event("checkin_skipped", {"skipped": occurrence.isoformat()}),
        ]
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
    if pending.kind != "cancel" or answer.yes is None:
        return []
    if not answer.yes:
        return [act.Say("schedule.cancel_kept")]
    return [*cleared(ctx), act.Log("schedule_cleared", {}), act.Say("schedule.cancelled")]
