"""A small energy detector: is there voice in this block, and for how long has it been quiet?

The recognizers have their own end-of-speech detection; this one only has to say
"the last half second was quiet" cheaply, so the listener can act on a stable
partial result without waiting for the engine's longer silence timeout.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class VoiceActivity(Protocol):
    """What the listener needs of a voice detector."""

    def feed(self, pcm: bytes, t: float) -> bool: ...

    def quiet_for(self, t: float) -> float: ...

    def reset(self) -> None: ...


class EnergyVad:
    """Tracks a noise floor and classifies 16 kHz int16 blocks as voice or quiet.

    Attributes:
        floor: running estimate of the background level (RMS).
        last_voice: timeline time of the end of the last block with voice (None: never).
    """

    def __init__(self, min_level: float = 300.0, ratio: float = 3.0) -> None:
        self.min_level = min_level
        self.ratio = ratio
        self.floor = 0.0
        self.last_voice: float | None = None

    def feed(self, pcm: bytes, t: float) -> bool:
        """Classify a block ending at timeline time `t`; True when it holds voice."""
        x = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
        rms = float(np.sqrt(np.mean(x * x))) if x.size else 0.0
        voiced = rms > max(self.min_level, self.ratio * self.floor)
        # The floor follows quiet blocks quickly and loud ones very slowly, so speech
        # does not raise it much.
        rate = 0.002 if voiced else 0.05
        self.floor += rate * (rms - self.floor)
        if voiced:
            self.last_voice = t
        return voiced

    def quiet_for(self, t: float) -> float:
        """Seconds since the last voiced block (infinite before any voice)."""
        return float("inf") if self.last_voice is None else max(0.0, t - self.last_voice)

    def reset(self) -> None:
        self.last_voice = None
