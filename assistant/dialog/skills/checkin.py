"""Check-in: an open question read aloud, an invitation to answer and reflect back, and
at the end a question whether it helped. Questions never repeat until the bank is used
up, across restarts (the store remembers what was asked in the current round).
"""

from __future__ import annotations

from assistant.dialog import actions as act
from assistant.dialog.skills import _common
from assistant.dialog.state import Answer, CheckinState, Context, Pending
from assistant.nlu.intent import Intent

SESSION_S = 15 * 60  # a check-in is brief: after this it wraps up and asks if it helped
HELPED_WINDOW_S = 20.0


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    if ctx.state.checkin is None:
        return start(ctx)
    return next_question(ctx)


def pick_question(ctx: Context) -> tuple[str, int]:
    """A question not asked in this round (a new round starts when the bank is used up)."""
    bank = ctx.responses.all_questions()
    cycle, asked = ctx.store.question_cycle()
    fresh = [q for q in bank if q not in asked]
    if not fresh:
        cycle += 1
        current = ctx.state.checkin.question if ctx.state.checkin else None
        fresh = [q for q in bank if q != current] or bank
    return ctx.responses.shuffle(fresh), cycle


def _ask(ctx: Context, question: str, cycle: int) -> list[act.Action]:
    return [
        act.Persist("question_asked", {"question": question, "cycle": cycle, "at": ctx.wall}),
        act.Say("checkin.question", text=question),
    ]


def start(ctx: Context, scheduled: bool = False) -> list[act.Action]:
    question, cycle = pick_question(ctx)
    ends = ctx.now + SESSION_S
    ctx.state.checkin = CheckinState(question, ends, scheduled=scheduled)
    return [
        act.Log("checkin_started", {"scheduled": scheduled}),
        act.Say("checkin.intro"),
        *_ask(ctx, question, cycle),
        act.Say("checkin.invite"),
        act.StartTimer("checkin", "end", ends),
    ]


def next_question(ctx: Context) -> list[act.Action]:
    state = ctx.state.checkin
    assert state is not None
    question, cycle = pick_question(ctx)
    state.question = question
    return [act.Say("checkin.next"), *_ask(ctx, question, cycle)]


def hold(ctx: Context) -> list[act.Action]:
    """Put a running check-in on hold (a pause or time alone started); it resumes when
    that ends."""
    state = ctx.state.checkin
    if state is None or state.held_remaining is not None or state.ends_at is None:
        return []
    state.held_remaining = max(60.0, state.ends_at - ctx.now)
    state.ends_at = None
    return [act.CancelTimers("checkin"), act.Event("checkin_held", {})]


def stop(ctx: Context) -> list[act.Action]:
    """End the check-in quietly (the couple said stop)."""
    if ctx.state.checkin is None:
        return []
    ctx.state.checkin = None
    return [act.CancelTimers("checkin"), act.Log("checkin_ended", {"completed": False})]


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    state = ctx.state.checkin
    if state is None:
        return []
    if name == "resume_held":
        # Only when nothing holds it any more (a pause can end while time alone runs).
        if state.held_remaining is None or ctx.state.pause or ctx.state.space:
            return []
        ends = ctx.now + state.held_remaining
        state.held_remaining, state.ends_at = None, ends
        return [
            act.Say("checkin.pick_up"),
            act.Say("checkin.question", text=state.question),
            act.StartTimer("checkin", "end", ends),
        ]
    ctx.state.checkin = None
    return [
        act.Log("checkin_ended", {"completed": True}),
        _common.tried(ctx, "checkin"),
        act.Say("checkin.wrap_up"),
        act.Say("checkin.helped_question"),
        act.Ask("checkin", "helped", seconds=HELPED_WINDOW_S),
    ]


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    if answer.yes is None:
        return []
    return [
        act.Persist(
            "add_feedback",
            {"at": ctx.wall, "target_kind": "checkin", "target_id": None, "helped": answer.yes},
        ),
        act.Log("feedback", {"target": "checkin", "helped": answer.yes}),
        act.Say("checkin.thanks_helped" if answer.yes else "checkin.thanks_not_helped"),
    ]
