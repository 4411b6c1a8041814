"""Audio dropouts: short runs of exact digital zeros inside sound, spliced out.

A microphone's noise floor never reads exactly zero for long, so a run of zeros in
the middle of speech is audio that never arrived: a PulseAudio underrun on a loaded
machine, a USB hiccup. Left in, a 50-70 ms hole splits a word, and the command model
reads the pieces as another request: "hey hearth, we need a min|ute" was heard as a
request for a counsellor in 3 of 16 clips with one such hole (PocketSphinx, espeak-ng),
and as the pause in 16 of 16 with the hole spliced out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np


@dataclass
class DropoutSplicer:
    """Removes runs of exact zeros that cut into sound and last at most `max_gap_s`.

    Speech fades before a natural silence; audio that went missing stops abruptly. So
    zeros right after loud sound (`loud_rms` over the last 5 ms) are held back, at most
    `max_gap_s`, until it is known whether sound resumes (a dropout: the run is
    dropped) or not (digital silence: passed on, that much later). Zeros after a fade
    or after zeros pass at once: a synthesizer's quiet tails and a silent digital
    source are not delayed, and a live microphone, whose noise floor is never exactly
    zero, is never delayed at all.

    Attributes:
        rate: samples per second of the int16 mono audio.
        max_gap_s: the longest run of zeros treated as a dropout.
        min_gap_s: shorter runs are part of the waveform (zero crossings), kept.
        loud_rms: the level (int16 RMS) of sound that does not end in zeros by itself;
            200 is about -44 dBFS, far below speech and far above a fade's last samples.
        spliced: dropouts removed so far.
    """

    rate: int = 16000
    max_gap_s: float = 0.1
    min_gap_s: float = 0.002
    loud_rms: float = 200.0
    spliced: int = 0
    _held: int = field(default=0, repr=False)
    _after_sound: bool = field(default=False, repr=False)
    _tail: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="<i2"), repr=False)

    def __call__(self, pcm: bytes) -> bytes:
        """The block with dropouts removed (held zeros come out with a later block)."""
        x = np.frombuffer(pcm, dtype="<i2")
        if x.size == 0:
            return pcm
        if not self._held and not self._after_sound and not x.any():
            return pcm  # digital silence continues: nothing to decide
        zero = x == 0
        # Runs of equal "is zero": their starts, and each run's kind.
        starts = np.concatenate(([0], np.flatnonzero(zero[1:] != zero[:-1]) + 1, [x.size]))
        out: list[np.ndarray] = []
        for begin, end in pairwise(starts):
            if zero[begin]:
                self._zeros(end - begin, out)
            else:
                self._sound(x[begin:end], out)
        return np.concatenate(out).tobytes() if out else b""

    def _zeros(self, count: int, out: list[np.ndarray]) -> None:
        if not self._after_sound:
            out.append(np.zeros(count, dtype="<i2"))
            return
        self._held += count
        if self._held > self.max_gap_s * self.rate:
            # Too long for a dropout: digital silence. Pass it on, stop holding.
            out.append(np.zeros(self._held, dtype="<i2"))
            self._held, self._after_sound = 0, False

    def _sound(self, samples: np.ndarray, out: list[np.ndarray]) -> None:
        if self._held:
            if self._held >= self.min_gap_s * self.rate:
                self.spliced += 1  # sound resumed within max_gap_s: a dropout
            else:
                out.append(np.zeros(self._held, dtype="<i2"))
            self._held = 0
        # Cut off loud, or faded out? Judged on the last 5 ms of sound.
        self._tail = np.concatenate([self._tail, samples])[-self.rate // 200 :]
        level = float(np.sqrt(np.mean(self._tail.astype(np.float64) ** 2)))
        self._after_sound = level >= self.loud_rms
        out.append(samples)
