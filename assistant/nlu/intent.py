"""The result of understanding one utterance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

NONE = "none"
"""Intent name for anything that is not a request: Hearth stays silent."""

ANSWERS = frozenset(["yes", "no"])
"""The intents that answer Hearth's own question: they count only on their own."""


@dataclass(frozen=True)
class Intent:
    """What Hearth understood.

    Attributes:
        name: one of the public intent names (see intents/), or "none".
        slots: normalised slot values, e.g. {"seconds": 60}; {} when none.
        confidence: 0..1; see README "Confidence" for what it means.
        text: the utterance as heard (before the wake phrase was stripped).
    """

    name: str
    slots: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.0
    text: str = ""

    @property
    def is_none(self) -> bool:
        return self.name == NONE

    def to_json_dict(self) -> dict[str, Any]:
        """The `hearth parse` contract: {"text", "intent", "confidence", "slots"}."""
        return {
            "text": self.text,
            "intent": self.name,
            "confidence": round(self.confidence, 4),
            "slots": dict(self.slots),
        }
