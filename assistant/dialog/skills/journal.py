"""Journal: appreciations, the shared list of ideas, feedback on what was tried, and wins.

Dictated text is captured in a follow-up turn when not said with the request, read back,
and stored only after a yes. Ideas are tried one at a time, oldest untried first.
"""

from __future__ import annotations

from assistant.dialog import actions as act
from assistant.dialog.skills import _common
from assistant.dialog.state import Answer, Context, Pending
from assistant.nlu.intent import Intent

CONFIRM_WINDOW_S = 20.0
KINDS = {"appreciation": "appreciation", "add_idea": "idea"}


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    name = intent.name
    if name in KINDS:
        what = KINDS[name]
        text = (intent.slots.get("text") or "").strip()
        if text:
            return _confirm(what, text)
        return [
            act.Say(f"journal.ask_{what}"),
            act.Ask("journal", "dictate", dictation=True, data={"what": what}),
        ]
    if name == "read_appreciations":
        return read_appreciations(ctx)
    if name == "next_idea":
        return next_idea(ctx)
    if name == "feedback":
        return feedback(ctx, bool(intent.slots.get("helped", True)))
    return [act.Log("win", {}), act.Say("journal.win")]


def _confirm(what: str, text: str) -> list[act.Action]:
    return [
        act.Say(f"journal.confirm_{what}", {"text": text}),
        act.Ask("journal", "save", seconds=CONFIRM_WINDOW_S, data={"what": what, "text": text}),
    ]


def read_appreciations(ctx: Context) -> list[act.Action]:
    recent = ctx.store.appreciations(limit=3)
    if not recent:
        return [act.Say("journal.no_appreciations")]
    return [
        act.Say("journal.read_intro"),
        *(act.Say("journal.appreciation_item", text=t) for t in recent),
        act.Say("journal.read_outro"),
    ]


def next_idea(ctx: Context) -> list[act.Action]:
    idea = ctx.store.next_untried_idea()
    if idea is None:
        key = "journal.all_ideas_tried" if ctx.store.ideas() else "journal.no_ideas"
        return [act.Say(key)]
    idea_id, text = idea
    return [
        act.Persist("mark_idea_tried", {"idea_id": idea_id, "at": ctx.wall}),
        _common.tried(ctx, "idea", idea_id),
        act.Say("journal.next_idea", {"idea": text}),
    ]


def feedback(ctx: Context, helped: bool) -> list[act.Action]:
    kind, target_id = ctx.state.last_tried or (None, None)
    return [
        act.Persist(
            "add_feedback",
            {"at": ctx.wall, "target_kind": kind, "target_id": target_id, "helped": helped},
        ),
        act.Log("feedback", {"target": kind, "target_id": target_id, "helped": helped}),
        act.Say("journal.feedback_helped" if helped else "journal.feedback_not_helped"),
    ]


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    return []


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    what = pending.data["what"]
    if pending.kind == "dictate":
        if answer.text:
            return _confirm(what, answer.text)
        return []  # nothing was said in time: let it go quietly
    if answer.yes is None:
        return []
    if not answer.yes:
        return [act.Say("journal.not_saved")]
    method = "add_appreciation" if what == "appreciation" else "add_idea"
    return [
        act.Persist(method, {"text": pending.data["text"], "at": ctx.wall}),
        act.Log(f"{what}_saved", {}),
        act.Say(f"journal.saved_{what}"),
    ]
