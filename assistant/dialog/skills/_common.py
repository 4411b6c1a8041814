"""Small helpers shared by skills (no effects; they only build actions)."""

from __future__ import annotations

from datetime import datetime, timedelta

from assistant.dialog import actions as act
from assistant.dialog.state import Context


def wall_at(ctx: Context, mono: float) -> datetime:
    """The wall time at monotonic time `mono`."""
    return ctx.wall + timedelta(seconds=mono - ctx.now)


def tried(ctx: Context, kind: str, target_id: int | None = None) -> act.Log:
    """Remember `kind` as the last thing tried (feedback attaches to it), across restarts."""
    ctx.state.last_tried = (kind, target_id)
    return act.Log("tried", {"target": kind, "target_id": target_id})
