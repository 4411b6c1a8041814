"""Pause: a calm timeout with a breathing cue, a sparse countdown, and a gentle restart.

Also answers `time_left` for whatever runs, and `resume` (end a pause or time alone early).
"""

from __future__ import annotations

from assistant.dialog import actions as act
from assistant.dialog.skills import _common, checkin, ritual, space
from assistant.dialog.state import Answer, Context, PauseState, Pending
from assistant.dialog.timewords import about, duration_words
from assistant.nlu.intent import Intent

DEFAULT_SECONDS = 60
MIN_GAP_S = 10  # never more than one countdown line every ten seconds
AMEND_WITHIN_S = 10.0
"""A pause asked for again this soon after it started changes its length: most often
the length said after a pause in the request ("let's take a break ... for ten
minutes", the listener's `length_amend_window_s`) or a quick correction ("hey hearth,
make it five minutes"). Said so ("Of course. Let's make it ten minutes instead."),
not as a restart; the same length asked for again is a restart as ever."""


def countdown_marks(seconds: int) -> list[int]:
    """Seconds-left at which to speak, largest first.

    Up to a minute and a half: halfway and ten seconds left. Up to five minutes: each
    whole minute left and ten seconds left. Longer: every five minutes, one minute and
    ten seconds left. No line within ten seconds of the start or of another line.
    """
    if seconds <= 2 * MIN_GAP_S:
        return []
    if seconds <= 90:
        wanted = [5 * round(seconds / 10), 10]
    elif seconds <= 300:
        wanted = [*range(60, seconds, 60), 10]
    else:
        wanted = [*range(300, seconds, 300), 60, 10]
    marks: list[int] = []
    for left in sorted(set(wanted), reverse=True):
        if left > seconds - MIN_GAP_S or left < MIN_GAP_S:
            continue
        if marks and marks[-1] - left < MIN_GAP_S:
            continue
        marks.append(left)
    return marks


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    if intent.name == "pause" and intent.slots.get("unclear"):
        return ask_length()
    if intent.name == "pause":
        return start(ctx, int(intent.slots.get("seconds") or DEFAULT_SECONDS))
    if intent.name == "resume":
        return resume(ctx)
    return time_left(ctx)


def ask_length() -> list[act.Action]:
    """A length was said but cannot be read exactly ("a few minutes", "five or ten
    minutes"): ask how long rather than guess. The answer starts the pause (engine)."""
    return [act.Say("pause.how_long"), act.Ask("pause", "pause_duration")]


def start(ctx: Context, seconds: int) -> list[act.Action]:
    state = ctx.state
    actions: list[act.Action] = []
    restarted = state.pause is not None
    amended = (
        state.pause is not None
        and state.pause.seconds != seconds
        and _since_start(ctx) <= AMEND_WITHIN_S
    )
    if state.pause is not None:
        actions += [
            act.CancelTimers("pause"),
            act.Persist("timer_ended", _ended(ctx, "restarted")),
            act.Event("timer_cancelled", {"timer": "pause", "reason": "restarted"}),
        ]
    actions += checkin.hold(ctx)
    ends = ctx.now + seconds
    state.pause = PauseState(seconds, ends, ctx.wall)
    due = _common.wall_at(ctx, ends)
    actions += [
        act.Persist(
            "timer_started", {"kind": "pause", "at": ctx.wall, "seconds": seconds, "due": due}
        ),
        act.Say(
            "pause.amend" if amended else "pause.restart" if restarted else "pause.start",
            {"duration": duration_words(seconds)},
        ),
        act.Event("timer_started", {"timer": "pause", "seconds": seconds}),
    ]
    return actions + timers(ctx, seconds, ends)


def _since_start(ctx: Context) -> float:
    """Seconds since the running pause started."""
    assert ctx.state.pause is not None
    return ctx.now - (ctx.state.pause.ends_at - ctx.state.pause.seconds)


def timers(ctx: Context, seconds: int, ends: float) -> list[act.Action]:
    """The countdown lines still ahead and the end, on absolute deadlines."""
    actions: list[act.Action] = [
        act.StartTimer("pause", "mark", ends - left, {"left": left})
        for left in countdown_marks(seconds)
        if ends - left > ctx.now
    ]
    actions.append(act.StartTimer("pause", "end", ends))
    return actions


def restore(ctx: Context, timer: dict) -> list[act.Action]:
    """After a restart: a pause still running keeps its deadline and the rest of its
    countdown, and Hearth says it is still on; one that ended while Hearth was off is
    closed without a word."""
    left = (timer["due"] - ctx.wall).total_seconds()
    if left <= 0:
        return [
            act.Persist(
                "timer_ended",
                {
                    "kind": "pause",
                    "started_at": timer["started_at"],
                    "at": ctx.wall,
                    "outcome": "ended_while_off",
                },
            ),
            act.Event("timer_ended", {"timer": "pause", "while_off": True}),
        ]
    seconds, ends = int(timer["seconds"]), ctx.now + left
    ctx.state.pause = PauseState(seconds, ends, timer["started_at"])
    return [
        act.Event("timer_restored", {"timer": "pause", "left": round(left)}),
        # Back after a restart: say briefly where the pause stands, so nobody wonders.
        act.Say("pause.still_running", {"left": about(left)}),
        *timers(ctx, seconds, ends),
    ]


def _ended(ctx: Context, outcome: str) -> dict[str, object]:
    assert ctx.state.pause is not None
    return {
        "kind": "pause",
        "started_at": ctx.state.pause.started_wall,
        "at": ctx.wall,
        "outcome": outcome,
    }


def _finish(ctx: Context, outcome: str, key: str) -> list[act.Action]:
    actions: list[act.Action] = [
        act.CancelTimers("pause"),
        act.Persist("timer_ended", _ended(ctx, outcome)),
        act.Event(
            "timer_ended" if outcome == "completed" else "timer_cancelled",
            {"timer": "pause"} | ({} if outcome == "completed" else {"reason": outcome}),
        ),
        act.Say(key),
        _common.tried(ctx, "pause"),
    ]
    ctx.state.pause = None
    if ctx.state.checkin and ctx.state.checkin.held_remaining is not None:
        actions.append(act.Followup("checkin", "resume_held"))
    return actions


def resume(ctx: Context) -> list[act.Action]:
    if ctx.state.pause is not None:
        return _finish(ctx, "resumed", "pause.resume")
    if ctx.state.space is not None:
        return space.end_early(ctx)
    return [act.Say("pause.not_paused")]


def time_left(ctx: Context) -> list[act.Action]:
    state = ctx.state
    if state.pause:
        return [act.Say("pause.time_left", {"left": about(state.pause.ends_at - ctx.now)})]
    if state.space:
        return space.time_left(ctx)
    if state.ritual:
        return ritual.time_left(ctx)
    return [act.Say("pause.no_timer")]


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    if ctx.state.pause is None:
        return []
    if name == "mark":
        left = int(data["left"])
        key = "pause.last_seconds" if left <= MIN_GAP_S else "pause.countdown"
        return [act.Say(key, {"left": duration_words(left)})]
    return _finish(ctx, "completed", "pause.end")


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    return []
