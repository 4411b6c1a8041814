"""One module per skill family. Each exposes the same three functions, all pure
decisions that return actions:

- `handle(ctx, intent)`: a request routed to this skill;
- `on_timer(ctx, name, data)`: one of its timers (or a hand-over) came due;
- `on_answer(ctx, pending, answer)`: a reply to a question it asked.
"""

from __future__ import annotations

from types import ModuleType

from assistant.dialog.skills import (
    check,
    checkin,
    extend,
    journal,
    pause,
    ritual,
    safety,
    schedule,
    space,
    summary,
    support,
    system,
    volume,
)

SKILLS: dict[str, ModuleType] = {
    "pause": pause,
    "checkin": checkin,
    "schedule": schedule,
    "space": space,
    "ritual": ritual,
    "journal": journal,
    "summary": summary,
    "support": support,
    "system": system,
    "extend": extend,
    "volume": volume,
    "safety": safety,
    "check": check,
}

ROUTES: dict[str, str] = {
    "pause": "pause",
    "resume": "pause",
    "time_left": "pause",
    "checkin": "checkin",
    "next_question": "checkin",
    "schedule": "schedule",
    "checkin_when": "schedule",
    "checkin_skip": "schedule",
    "checkin_cancel": "schedule",
    "extend": "extend",
    "volume": "volume",
    "safety": "safety",
    "space": "space",
    "ritual": "ritual",
    "appreciation": "journal",
    "read_appreciations": "journal",
    "add_idea": "journal",
    "next_idea": "journal",
    "feedback": "journal",
    "win": "journal",
    "summary": "summary",
    "support": "support",
    "help": "system",
    "stop": "system",
    "forget": "system",
    "repeat": "system",
    "yes": "system",
    "no": "system",
}


def skill_for(intent_name: str) -> str | None:
    """The skill family that handles an intent (None for unknown names and "none")."""
    return ROUTES.get(intent_name)
