"""Safety: words about self-harm, suicide or violence get a calm, brief line that points
to emergency help and a crisis line (`settings.crisis_line`), whatever else was going on.

What was running that would talk over it or after it (a pause's countdown, a ritual's
cues, a check-in question, a scheduled check-in waiting for the pause) ends quietly;
agreed time alone keeps its return time. Only the event kind is logged, never words.
"""

from __future__ import annotations

from assistant.dialog import actions as act
from assistant.dialog.skills import checkin
from assistant.dialog.state import Answer, Context, Pending
from assistant.nlu.intent import Intent


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    state = ctx.state
    actions: list[act.Action] = [act.StopSpeaking()]
    if state.pause is not None:
        actions += _close(ctx, "pause", state.pause.started_wall)
        state.pause = None
    if state.ritual is not None:
        actions += _close(ctx, "ritual", state.ritual.started_wall)
        state.ritual = None
    actions += checkin.stop(ctx)
    if state.space is None:
        # A scheduled check-in held back by the pause is not started after this line.
        for held in [d for d in state.deferred if d[0] == "schedule"]:
            state.deferred.remove(held)
            actions.append(act.Followup(held[0], held[1], held[2] | {"skip": True}))
    return [
        *actions,
        act.Log("safety", {}),
        act.Say("safety.line", {"crisis_line": ctx.settings.crisis_line}),
    ]


def _close(ctx: Context, kind: str, started) -> list[act.Action]:
    return [
        act.CancelTimers(kind),
        act.Persist(
            "timer_ended",
            {"kind": kind, "started_at": started, "at": ctx.wall, "outcome": "safety"},
        ),
        act.Event("timer_cancelled", {"timer": kind, "reason": "safety"}),
    ]


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    return []


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    return []
