"""Noticing a microphone stream that still runs but went dead.

When a USB microphone is pulled out, PulseAudio moves its streams to another source
(often a monitor or a null source): the stream keeps delivering blocks, every sample
exactly zero, and no error ever comes. A real microphone never sends digital silence:
even a quiet room has a noise floor, and Hearth's own voice reaches it. So a line
Hearth played on its speaker while every input sample stayed zero means the stream
is dead, and only reopening it (on the current default device) brings sound back.

A stream can also go deaf while Hearth is silent: under heavy load, PortAudio's ALSA
path to PulseAudio was seen delivering nothing but zeros on a stream still connected
to the right source, while a new stream heard the room. So a long stretch of digital
silence is reopened too, quietly, at growing intervals (a muted microphone also sends
zeros, and reopening it costs nothing but a log line at -v).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from assistant.speech.types import SAMPLE_RATE


class PlayedLine(Protocol):
    """A line Hearth spoke (the live loop's `Spoken`), in timeline seconds."""

    start: float | None
    end: float | None
    device: bool


@dataclass
class DeadInputWatch:
    """Tells when the input has been digital silence through a whole line Hearth played.

    Attributes:
        min_line_s: this much of a line must fall inside the silence (a click or the
            quiet end of a line proves nothing).
        margin_s: the line must have ended this long ago (the echo's way back).
    """

    min_line_s: float = 1.0
    margin_s: float = 1.0
    long_silence_s: float = 30.0
    """Digital silence this long, with or without a line, is reopened too; the wait
    doubles after each such reopen until sound arrives (up to `max_long_silence_s`)."""
    max_long_silence_s: float = 600.0
    _zero_since: float | None = field(default=None, repr=False)
    _silence_wait: float | None = field(default=None, repr=False)

    def feed(self, pcm: bytes, t: float) -> None:
        """Take one input block ending at timeline time `t`."""
        if np.frombuffer(pcm, dtype="<i2").any():
            self._zero_since = None
            self._silence_wait = None  # sound: the stream works, start from the first wait
        elif self._zero_since is None:
            self._zero_since = t - len(pcm) / 2 / SAMPLE_RATE

    def dead(self, lines: Iterable[PlayedLine], t: float) -> bool:
        """Whether one of `lines` was played on the speaker (at least `min_line_s` of
        it) inside the current stretch of digital silence, and its echo is overdue."""
        since = self._zero_since
        if since is None:
            return False
        # A line counts for the part of it heard inside the silence: a reopened stream
        # can deliver a click or two before it goes quiet for good.
        return any(
            line.device
            and line.start is not None
            and line.end is not None
            and line.end + self.margin_s <= t
            and line.end - max(line.start, since) >= self.min_line_s
            for line in lines
        )

    def silent_too_long(self, t: float) -> bool:
        """Whether the current stretch of digital silence has lasted the present wait
        (30 s at first, then 60 s, 120 s ... while no sound comes between reopens)."""
        since = self._zero_since
        wait = self._silence_wait or self.long_silence_s
        if since is None or t - since < wait:
            return False
        self._silence_wait = min(wait * 2, self.max_long_silence_s)
        return True

    def reset(self) -> None:
        """Forget the silence seen so far (after the stream was reopened)."""
        self._zero_since = None
