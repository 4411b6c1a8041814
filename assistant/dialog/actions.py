"""What a skill asks the engine to do. Skills return these; only the engine acts.

Keeping effects as data lets a skill be tested without audio, files or real time,
and lets the engine order them (speak, then arm timers, then log).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Say:
    """Speak the line `key` (from intents/responses) with `fields` filled in.

    Attributes:
        key: "family.key" of a response, e.g. "pause.start".
        fields: values for the line's {placeholders}.
        text: an already chosen line (rituals, questions); `key` then only labels it.
    """

    key: str
    fields: dict[str, Any] = field(default_factory=dict)
    text: str | None = None


@dataclass(frozen=True)
class StartTimer:
    """Call the skill `skill`'s `on_timer(name, data)` at monotonic time `at`.

    Attributes:
        skill: the skill family that handles it ("pause", "checkin", ...).
        name: what the timer means to that skill ("end", "mark", "cue", ...).
        at: absolute monotonic deadline on the engine's clock.
        data: small values passed back to the skill.
    """

    skill: str
    name: str
    at: float
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StartDatedJob:
    """Like StartTimer, but due at a wall-clock time (`when`, an ISO datetime string)."""

    skill: str
    name: str
    when: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CancelTimers:
    """Cancel every pending timer of `skill` (optionally only those named `name`)."""

    skill: str
    name: str | None = None


@dataclass(frozen=True)
class Log:
    """Write an event to the log and show it as an event. Never put heard text in `fields`."""

    kind: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Event:
    """Report an event to the output only (timers starting, ending, being cancelled)."""

    kind: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Ask:
    """Hearth asked something: route the next yes/no (or dictated text) to `skill`.

    Attributes:
        skill: who receives the answer through `on_answer`.
        kind: what was asked ("forget", "helped", "space_duration", "save_text", ...).
        dictation: the next heard text is captured verbatim, not matched as a command.
        seconds: how long to wait for the answer (None: the engine default).
        data: kept with the question (e.g. the text to confirm); memory only.
    """

    skill: str
    kind: str
    dictation: bool = False
    seconds: float | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StopSpeaking:
    """Silence whatever is being said right now."""


@dataclass(frozen=True)
class Persist:
    """A write to the store: `Store.<method>(**args)` run by the engine."""

    method: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Followup:
    """Run `skill`'s `on_timer(name, data)` right after this turn (a hand-over between
    skills, e.g. a pause that ends picks up the held check-in)."""

    skill: str
    name: str
    data: dict[str, Any] = field(default_factory=dict)


Action = Say | StartTimer | StartDatedJob | CancelTimers | Log | Event | Ask | StopSpeaking
Action = Action | Persist | Followup
