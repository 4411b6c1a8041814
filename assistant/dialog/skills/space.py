"""Space: time alone with an agreed return time that is kept.

Hearth confirms the return time in clock words, and at that time offers a gentle
reconnection and asks whether both are back; the answer is logged as the return being
on time (yes, or an early "we're ready") or not. A check-in running (or due) meanwhile
waits for the return. The return time survives a restart (see `restore`).
"""

from __future__ import annotations

from datetime import timedelta

from assistant.dialog import actions as act
from assistant.dialog.skills import _common, checkin
from assistant.dialog.state import Answer, Context, Pending, SpaceState
from assistant.dialog.timewords import about, clock_words, duration_words
from assistant.nlu.intent import Intent

RETURN_ANSWER_S = 120.0


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    seconds = intent.slots.get("seconds") or _seconds_until(ctx, intent.slots.get("until"))
    if not seconds:
        return [act.Say("space.how_long"), act.Ask("space", "space_duration")]
    return start(ctx, int(seconds))


def _seconds_until(ctx: Context, hhmm: str | None) -> int | None:
    """Seconds from now to the next `hhmm` on the clock ("till nine"), or None."""
    if not hhmm:
        return None
    hour, minute = map(int, hhmm.split(":"))
    target = ctx.wall.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if target <= ctx.wall:
        target += timedelta(days=1)
    return round((target - ctx.wall).total_seconds())


def _close(ctx: Context, outcome: str) -> list[act.Action]:
    state = ctx.state.space
    assert state is not None
    ctx.state.space = None
    return [
        act.CancelTimers("space"),
        act.Persist(
            "timer_ended",
            {"kind": "space", "started_at": state.started_wall, "at": ctx.wall, "outcome": outcome},
        ),
    ]


def start(ctx: Context, seconds: int) -> list[act.Action]:
    actions: list[act.Action] = []
    if ctx.state.space is not None:
        actions += _close(ctx, "replaced")
    # A check-in waits while one partner is away; nobody is asked whether it helped.
    held = checkin.hold(ctx)
    ends = ctx.now + seconds
    back = _common.wall_at(ctx, ends)
    ctx.state.space = SpaceState(seconds, ends, ctx.wall)
    return [
        *actions,
        *held,
        act.Persist(
            "timer_started", {"kind": "space", "at": ctx.wall, "seconds": seconds, "due": back}
        ),
        act.Say("space.confirm", {"at": clock_words(back), "duration": duration_words(seconds)}),
        *([act.Say("space.checkin_held")] if held else []),
        act.Event("timer_started", {"timer": "space", "seconds": seconds}),
        act.StartTimer("space", "return", ends),
    ]


def restore(ctx: Context, timer: dict) -> list[act.Action]:
    """After a restart: a return time still ahead is kept (and Hearth says so); one
    that passed while Hearth was off gets the reconnection prompt now if within the
    grace window, else it is logged as missed."""
    left = (timer["due"] - ctx.wall).total_seconds()
    if -left > ctx.settings.checkin_grace_s:
        return [
            act.Persist(
                "timer_ended",
                {
                    "kind": "space",
                    "started_at": timer["started_at"],
                    "at": ctx.wall,
                    "outcome": "missed",
                },
            ),
            act.Log("space_returned", {"on_time": None, "missed": True}),
        ]
    ends = ctx.now + left
    ctx.state.space = SpaceState(int(timer["seconds"]), ends, timer["started_at"])
    actions: list[act.Action] = [
        act.Event("timer_restored", {"timer": "space", "left": max(0, round(left))})
    ]
    if left >= 1:  # still ahead: say so briefly (one already due is prompted at once)
        back = timer["due"]
        fields = {"left": about(left), "at": clock_words(back)}
        actions.append(act.Say("space.still_running", fields))
    return [*actions, act.StartTimer("space", "return", max(ends, ctx.now))]


def _after_space(ctx: Context, back: bool) -> list[act.Action]:
    """A check-in held or due during the space goes ahead when both are back; when they
    are not, it is closed quietly (a scheduled one is skipped to its next time)."""
    actions: list[act.Action] = []
    if not back:
        waiting = [d for d in ctx.state.deferred if d[0] == "schedule"]
        for skill, name, data in waiting:
            ctx.state.deferred.remove((skill, name, data))
            actions.append(act.Followup(skill, name, data | {"skip": True}))
    held = ctx.state.checkin
    if held is None or held.held_remaining is None:
        return actions
    if back:
        return [*actions, act.Followup("checkin", "resume_held")]
    return [*actions, *checkin.stop(ctx)]


def end_early(ctx: Context) -> list[act.Action]:
    """Back before the agreed time: that is a return on time."""
    return [
        *_close(ctx, "on_time"),
        act.Event("timer_cancelled", {"timer": "space", "reason": "returned"}),
        act.Log("space_returned", {"on_time": True}),
        act.Say("space.welcome_back"),
        *_after_space(ctx, back=True),
    ]


def time_left(ctx: Context) -> list[act.Action]:
    state = ctx.state.space
    assert state is not None
    back = _common.wall_at(ctx, state.ends_at)
    return [
        act.Say(
            "space.time_left", {"left": about(state.ends_at - ctx.now), "at": clock_words(back)}
        )
    ]


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    if ctx.state.space is None:
        return []
    state = ctx.state.space
    return [
        act.Event("timer_ended", {"timer": "space"}),
        act.Say("space.return"),
        act.Ask(
            "space",
            "returned",
            seconds=RETURN_ANSWER_S,
            data={"started_at": state.started_wall.isoformat()},
        ),
    ]


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    if pending.kind == "space_duration":
        if answer.seconds:
            return start(ctx, answer.seconds)
        return []
    if ctx.state.space is None:
        return []
    if answer.yes is None:
        return [
            *_close(ctx, "unconfirmed"),
            act.Log("space_returned", {"on_time": None}),
            *_after_space(ctx, back=False),
        ]
    if answer.yes:
        return [
            *_close(ctx, "on_time"),
            act.Log("space_returned", {"on_time": True}),
            act.Say("space.welcome_back"),
            *_after_space(ctx, back=True),
        ]
    return [
        *_close(ctx, "late"),
        act.Log("space_returned", {"on_time": False}),
        act.Say("space.take_time"),
        *_after_space(ctx, back=False),
    ]
