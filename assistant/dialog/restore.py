"""Bring back the timers that were running when Hearth stopped (power cut, restart).

Each open row of the timers table goes to its skill's `restore(ctx, timer)`, which
keeps the absolute wall-clock deadline: time that passed while Hearth was off counts.
Only the newest open timer of a kind can still be running; older ones were cut short.
"""

from __future__ import annotations

from assistant.dialog import actions as act
from assistant.dialog.skills import pause, ritual, space
from assistant.dialog.state import Context

RESTORERS = {"pause": pause.restore, "space": space.restore, "ritual": ritual.restore}


def restore_timers(ctx: Context) -> list[act.Action]:
    """Actions that restore (or close) every timer left open in the store."""
    timers = [t for t in ctx.store.open_timers() if t["kind"] in RESTORERS]
    newest = {t["kind"]: t for t in timers}  # oldest first, so the last one wins
    actions: list[act.Action] = []
    for timer in timers:
        if timer is newest[timer["kind"]]:
            actions += RESTORERS[timer["kind"]](ctx, timer)
        else:
            fields = {"kind": timer["kind"], "started_at": timer["started_at"], "at": ctx.wall}
            actions.append(act.Persist("timer_ended", fields | {"outcome": "interrupted"}))
    return actions
