"""Volume: Hearth speaks louder or quieter, one step at a time, and keeps it.

The level (0.2 to 1.0, the synthesizer's scale) is stored as a preference, so a
restart keeps it; the live voice takes it from a `volume_set` event, sent on every
change and once at start (see `restore`). The short line after a change is already
said at the new level.
"""

from __future__ import annotations

from assistant.dialog import actions as act
from assistant.dialog.state import Answer, Context, Pending
from assistant.nlu.intent import Intent

STEP = 0.2
LOWEST, HIGHEST = 0.2, 1.0
"""Never silent: the quietest step can still be heard, and "stop" is for silence."""
PREFERENCE = "volume"


def current(ctx: Context) -> float:
    """The level in use: the one chosen by voice, else the configured one."""
    stored = ctx.store.preference(PREFERENCE)
    level = float(stored) if stored is not None else float(ctx.settings.volume)
    return min(HIGHEST, max(LOWEST, level))


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    up = intent.slots.get("direction") != "down"
    level = current(ctx)
    new = round(min(HIGHEST, level + STEP) if up else max(LOWEST, level - STEP), 2)
    if new == level:
        return [act.Say("volume.loudest" if up else "volume.quietest")]
    return [
        act.Persist("set_preference", {"key": PREFERENCE, "value": new}),
        act.Event("volume_set", {"level": new}),
        act.Log("volume_changed", {"level": new}),
        act.Say("volume.louder" if up else "volume.quieter"),
    ]


def restore(ctx: Context) -> list[act.Action]:
    """On start: a level chosen by voice before is applied again."""
    stored = ctx.store.preference(PREFERENCE)
    return [] if stored is None else [act.Event("volume_set", {"level": current(ctx)})]


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    return []


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    return []
