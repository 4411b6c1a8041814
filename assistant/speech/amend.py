"""The length of a request just acted on, said after a pause in the request.

"hey hearth let's take a break ... for ten minutes": when the pause before the length
outlasts the listener's wait for it (`ListenerConfig.length_pause_quiet_s`), the
request is acted on with its default length, and the length comes as speech of its
own, without the wake phrase (and often over Hearth's reply). Such speech, soon after
(`ListenerConfig.length_amend_window_s`), that is a bare length ("for ten minutes",
"make it five minutes") is handed on as the request with that length; the dialog
engine changes the running pause's length (`skills/pause.AMEND_WITHIN_S`). Anything
else said then is what speech without the wake phrase always is: not for Hearth.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.nlu.intent import Intent
from assistant.nlu.numbers import CORRECTIONS, NUMBER_WORDS, UNIT_SECONDS, VAGUE, parse_duration
from assistant.speech.wake import words

MAX_WORDS = 7
"""The longest speech taken as a bare length: "make it a minute and a half"."""

LENGTH_WORDS = NUMBER_WORDS | frozenset(UNIT_SECONDS) | frozenset(VAGUE) | {"a", "an", "and"}
"""The words a length is said in ("a minute and a half", "a couple of minutes")."""

AROUND_A_LENGTH = frozenset(
    {"for", "of", "maybe", "about", "say", "like", "just", "instead", "please", "um", "uh"}
    | {word for correction in CORRECTIONS for word in correction}  # "make it", "no wait"
)
"""The words that may come with a bare length ("for ten minutes", "make it five
minutes", "maybe ten minutes"). Speech with any other word is talk, even with a length
in it ("five minutes is not enough"), but for one word before the length: the command
model knows no sentence that is a bare length, and spells the word before one its own
way ("for fifteen minutes" read "we're fifteen minutes", in a tune voice)."""

_BARE_LENGTH = LENGTH_WORDS | AROUND_A_LENGTH


class LengthAmendment:
    """The request whose length may still come, and until when (audio clock).

    Args:
        parse: the NLU.
        window_s: how long after the request was acted on its length may come.
    """

    def __init__(self, parse: Callable[[str], Intent], window_s: float) -> None:
        self.parse = parse
        self.window_s = window_s
        self._request = ""
        self._until = float("-inf")

    def open(self, request: str, t: float) -> None:
        """`request` (a reading after the wake phrase that takes a length and says none)
        was acted on at `t` with its default length."""
        self._request, self._until = request, t + self.window_s

    def close(self) -> None:
        self._until = float("-inf")

    def of(self, said: str, t: float) -> str | None:
        """The request with its length, when `said` (speech without the wake phrase
        whose reading ended at `t`) is a bare length for it that changes it; else None."""
        spoken = words(said)
        if t > self._until or not spoken or len(spoken) > MAX_WORDS:
            return None
        others = [i for i, word in enumerate(spoken) if word not in _BARE_LENGTH]
        if others not in ([], [0]) or parse_duration(said) is None:
            return None
        before = self.parse(self._request)
        whole = f"{self._request} {said}"
        after = self.parse(whole)
        seconds = after.slots.get("seconds")
        if after.name != before.name or seconds in (None, before.slots.get("seconds")):
            return None
        return whole
