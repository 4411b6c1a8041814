"""Support: outside help (couples therapy, coaching) framed as an investment in a shared
future. No web search, no diagnosis."""

from __future__ import annotations

from assistant.dialog import actions as act
from assistant.dialog.state import Answer, Context, Pending
from assistant.nlu.intent import Intent


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    return [act.Say("support.suggest"), act.Say("support.next_step")]


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    return []


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    return []
