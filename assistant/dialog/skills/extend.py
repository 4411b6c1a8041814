"""Extend: more time on what is running ("five more minutes").

A running pause (or, when no pause runs, agreed time alone) gets its absolute deadline
moved later, the stored timer too (a restart keeps the new deadline), and Hearth says
the new remaining time. A length that was said but cannot be read exactly ("five
more") is asked about; with nothing running Hearth offers to start a pause.
"""

from __future__ import annotations

from assistant.dialog import actions as act
from assistant.dialog.skills import _common, pause
from assistant.dialog.state import Answer, Context, Pending
from assistant.dialog.timewords import about, clock_words, duration_words
from assistant.nlu.intent import Intent

OFFER_WINDOW_S = 15.0


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    seconds = intent.slots.get("seconds")
    if not seconds:
        return [act.Say("extend.how_long"), act.Ask("extend", "extend_duration")]
    return extend(ctx, int(seconds))


def extend(ctx: Context, seconds: int) -> list[act.Action]:
    state = ctx.state
    added = duration_words(seconds)
    if state.pause is not None:
        running = state.pause
        running.ends_at += seconds
        running.seconds += seconds
        return [
            act.CancelTimers("pause"),
            _persist(ctx, "pause", running.started_wall, running.seconds, running.ends_at),
            act.Event("timer_extended", {"timer": "pause", "seconds": seconds}),
            act.Say("extend.pause", {"added": added, "left": about(running.ends_at - ctx.now)}),
            *pause.timers(ctx, running.seconds, running.ends_at),
        ]
    if state.space is not None:
        space = state.space
        # Asked when the return time has come ("are you both back?"): from now on.
        space.ends_at = max(space.ends_at, ctx.now) + seconds
        space.seconds += seconds
        back = _common.wall_at(ctx, space.ends_at)
        return [
            act.CancelTimers("space"),
            _persist(ctx, "space", space.started_wall, space.seconds, space.ends_at),
            act.Event("timer_extended", {"timer": "space", "seconds": seconds}),
            act.Say(
                "extend.space",
                {"added": added, "left": about(space.ends_at - ctx.now), "at": clock_words(back)},
            ),
            act.StartTimer("space", "return", space.ends_at),
        ]
    return [
        act.Say("extend.nothing_running", {"duration": duration_words(seconds)}),
        act.Ask("extend", "offer_pause", seconds=OFFER_WINDOW_S, data={"seconds": seconds}),
    ]


def _persist(ctx: Context, kind: str, started, seconds: int, ends_at: float) -> act.Persist:
    due = _common.wall_at(ctx, ends_at)
    return act.Persist(
        "timer_extended", {"kind": kind, "started_at": started, "seconds": seconds, "due": due}
    )


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    return []


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    if pending.kind == "extend_duration":
        return extend(ctx, answer.seconds) if answer.seconds else []
    if answer.yes:
        return pause.start(ctx, int(pending.data["seconds"]))
    if answer.yes is False:
        return [act.Say("extend.no_pause")]
    return []
