"""The dialog's memory between turns, and the read-only context a skill sees.

Skills may update these dataclasses (they are the dialog state); every effect on
the outside world (speech, timers, the log) goes through actions instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.dialog.responses import Responses
    from assistant.store import Store


@dataclass
class PauseState:
    """A running pause.

    Attributes:
        seconds: its full length.
        ends_at: monotonic deadline.
        started_wall: wall time it started (its row in the timers table).
    """

    seconds: int
    ends_at: float
    started_wall: datetime


@dataclass
class CheckinState:
    """A check-in in progress.

    Attributes:
        question: the question read last.
        ends_at: monotonic time the check-in wraps up (None while held).
        held_remaining: seconds left when a pause put it on hold (None when not held).
        scheduled: started by the schedule rather than on request.
    """

    question: str
    ends_at: float | None
    held_remaining: float | None = None
    scheduled: bool = False


@dataclass
class SpaceState:
    """Agreed time alone. `ends_at` is monotonic; `started_wall` names its timer row."""

    seconds: int
    ends_at: float
    started_wall: datetime


@dataclass
class RitualState:
    """A running ritual timer."""

    name: str
    ends_at: float
    started_wall: datetime


@dataclass
class Pending:
    """A question Hearth asked and waits on.

    Attributes:
        skill: who receives the answer.
        kind: what was asked.
        dictation: the next heard text is captured verbatim.
        expires_at: monotonic time after which the question lapses.
        data: kept with the question, in memory only (e.g. text to confirm).
    """

    skill: str
    kind: str
    dictation: bool
    expires_at: float
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Answer:
    """What came back for a Pending question: `yes` (None: not a yes/no), dictated `text`,
    a `seconds` duration, or `expired` when nobody answered in time."""

    yes: bool | None = None
    text: str | None = None
    seconds: int | None = None
    expired: bool = False


@dataclass
class DialogState:
    """Everything the engine remembers between turns.

    Attributes:
        pause, checkin, space, ritual: what is running (None when not).
        awaiting: Hearth's open question, if any.
        last_lines: (text, key) of the last turn that spoke, for `repeat`.
        deferred: timer calls held back by a pause (skill, name, data).
        last_tried: (kind, id) of the last thing tried, for feedback.
    """

    pause: PauseState | None = None
    checkin: CheckinState | None = None
    space: SpaceState | None = None
    ritual: RitualState | None = None
    awaiting: Pending | None = None
    last_lines: list[tuple[str, str]] = field(default_factory=list)
    deferred: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    last_tried: tuple[str, int | None] | None = None

    @property
    def mode(self) -> str:
        """idle | pause | dictation | awaiting_answer | checkin."""
        if self.pause:
            return "pause"
        if self.awaiting:
            return "dictation" if self.awaiting.dictation else "awaiting_answer"
        if self.checkin:
            return "checkin"
        return "idle"


@dataclass
class Context:
    """What a skill may look at while deciding its actions.

    Attributes:
        state: the dialog state (skills may update it).
        store: the log, for reading (writes go through Persist/Log actions).
        responses: spoken lines, questions and rituals.
        settings: user settings.
        now: monotonic time of this turn on the engine's clock.
        wall: wall time of this turn.
    """

    state: DialogState
    store: Store
    responses: Responses
    settings: Settings
    now: float
    wall: datetime
