"""Rituals: small shared moments on a timer (walk, coffee, breakfast, mindfulness, call).

Durations, start and end lines and guided cues come from intents/rituals.yaml; the lines
steer toward shared experiences and plans, not past conflicts.
"""

from __future__ import annotations

from assistant.dialog import actions as act
from assistant.dialog.responses import Ritual
from assistant.dialog.skills import _common
from assistant.dialog.state import Answer, Context, Pending, RitualState
from assistant.dialog.timewords import about, duration_words
from assistant.nlu.intent import Intent


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    name = intent.slots.get("ritual")
    ritual = _configured(ctx, ctx.responses.rituals.get(str(name)))
    if ritual is None:
        return [act.Say("ritual.which")]
    actions: list[act.Action] = []
    running = ctx.state.ritual
    if running is not None:
        actions += [
            act.CancelTimers("ritual"),
            act.Persist(
                "timer_ended",
                {
                    "kind": "ritual",
                    "started_at": running.started_wall,
                    "at": ctx.wall,
                    "outcome": "replaced",
                },
            ),
            act.Event("timer_cancelled", {"timer": "ritual", "ritual": running.name}),
        ]
    ends = ctx.now + ritual.seconds
    ctx.state.ritual = RitualState(ritual.name, ends, ctx.wall)
    start_line = ctx.responses.choose(
        f"ritual.{ritual.name}.start", ritual.start, duration=duration_words(ritual.seconds)
    )
    actions += [
        act.Persist(
            "timer_started",
            {
                "kind": "ritual",
                "at": ctx.wall,
                "seconds": ritual.seconds,
                "due": _common.wall_at(ctx, ends),
                "label": ritual.name,
            },
        ),
        act.Log("ritual_started", {"ritual": ritual.name}),
        _common.tried(ctx, "ritual"),
        act.Say(f"ritual.{ritual.name}.start", text=start_line),
        act.Event(
            "timer_started", {"timer": "ritual", "ritual": ritual.name, "seconds": ritual.seconds}
        ),
    ]
    return actions + _timers(ctx, ritual, ctx.now, ends)


def _configured(ctx: Context, ritual: Ritual | None) -> Ritual | None:
    """The ritual with its duration from the config file's `ritual_minutes`, if set there."""
    return ritual.lasting(ctx.settings.ritual_minutes.get(ritual.name)) if ritual else None


def _timers(ctx: Context, ritual: Ritual, began: float, ends: float) -> list[act.Action]:
    """The guided cues still ahead and the end, on absolute deadlines."""
    actions: list[act.Action] = [
        act.StartTimer("ritual", "cue", began + at, {"ritual": ritual.name, "index": i})
        for i, (at, _) in enumerate(ritual.cues)
        if at < ritual.seconds and began + at > ctx.now
    ]
    actions.append(act.StartTimer("ritual", "end", ends, {"ritual": ritual.name}))
    return actions


def restore(ctx: Context, timer: dict) -> list[act.Action]:
    """After a restart: a ritual still running keeps its end time and remaining cues; one
    that ended while Hearth was off (or whose name is unknown) is closed quietly."""
    left = (timer["due"] - ctx.wall).total_seconds()
    ritual = _configured(ctx, ctx.responses.rituals.get(str(timer.get("label"))))
    if left <= 0 or ritual is None:
        return [
            act.Persist(
                "timer_ended",
                {
                    "kind": "ritual",
                    "started_at": timer["started_at"],
                    "at": ctx.wall,
                    "outcome": "ended_while_off" if left <= 0 else "interrupted",
                },
            )
        ]
    ends = ctx.now + left
    began = ends - float(timer["seconds"])
    ctx.state.ritual = RitualState(ritual.name, ends, timer["started_at"])
    return [
        act.Event(
            "timer_restored", {"timer": "ritual", "ritual": ritual.name, "left": round(left)}
        ),
        *_timers(ctx, ritual, began, ends),
    ]


def time_left(ctx: Context) -> list[act.Action]:
    state = ctx.state.ritual
    assert state is not None
    return [act.Say("ritual.time_left", {"left": about(state.ends_at - ctx.now)})]


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    state = ctx.state.ritual
    if state is None or state.name != data.get("ritual"):
        return []
    ritual = _configured(ctx, ctx.responses.rituals[state.name])
    assert ritual is not None
    if name == "cue":
        if ctx.settings.is_quiet(ctx.wall):
            return []  # quiet hours: the guided cues are scheduled speech, so not spoken
        _, variants = ritual.cues[int(data["index"])]
        key = f"ritual.{state.name}.cue"
        return [act.Say(key, text=ctx.responses.choose(key, variants))]
    ctx.state.ritual = None
    key = f"ritual.{state.name}.end"
    return [
        act.Persist(
            "timer_ended",
            {
                "kind": "ritual",
                "started_at": state.started_wall,
                "at": ctx.wall,
                "outcome": "completed",
            },
        ),
        act.Event("timer_ended", {"timer": "ritual", "ritual": state.name}),
        act.Log("ritual_ended", {"ritual": state.name}),
        act.Say(
            key,
            text=ctx.responses.choose(key, ritual.end, duration=duration_words(ritual.seconds)),
        ),
    ]


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    return []
