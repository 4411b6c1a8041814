"""System: help, stop, repeat, forget (with confirmation), and yes/no outside a question."""

from __future__ import annotations

from assistant.dialog import actions as act
from assistant.dialog.skills import checkin, schedule
from assistant.dialog.state import Answer, Context, Pending
from assistant.nlu.intent import Intent

FORGET_WINDOW_S = 20.0


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    name = intent.name
    if name == "help":
        return [act.Say("system.help")]
    if name == "stop":
        # Silence and drop the current question; a running pause is never cancelled here.
        return [act.StopSpeaking(), *checkin.stop(ctx), act.Event("stopped", {})]
    if name == "repeat":
        return repeat(ctx)
    if name == "forget":
        # The check-in schedule is stored too: say so, it stops with everything else.
        scheduled = ctx.store.schedule() is not None
        return [
            act.Say("system.forget_confirm_schedule" if scheduled else "system.forget_confirm"),
            act.Ask("system", "forget", seconds=FORGET_WINDOW_S),
        ]
    return [act.Say("system.yes_neutral" if name == "yes" else "system.no_neutral")]


def drop_question(ctx: Context, pending: Pending) -> list[act.Action]:
    """Stop while Hearth waits for an answer: silence, and forget the question only."""
    return [act.StopSpeaking(), act.Event("stopped", {"question": pending.kind})]


def repeat(ctx: Context) -> list[act.Action]:
    state = ctx.state
    if state.checkin is not None and state.pause is None:
        return [act.Say("checkin.question", text=state.checkin.question)]
    if not state.last_lines:
        return [act.Say("system.nothing_to_repeat")]
    return [act.Say(key, text=text) for text, key in state.last_lines]


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    return []


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    if answer.yes is None:
        return []
    if not answer.yes:
        return [act.Say("system.forget_kept")]
    ctx.state.last_tried = None
    if ctx.store.schedule() is not None:
        return [
            *schedule.cleared(ctx),
            act.Persist("forget"),
            act.Say("system.forgotten_schedule"),
        ]
    return [act.Persist("forget"), act.Say("system.forgotten")]
