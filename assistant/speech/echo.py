"""Removing Hearth's own voice from the microphone signal, so a barge-in can be heard.

Hearth knows exactly what it plays. The output and input streams run on the same
audio clock, so the echo is the played signal delayed by a fixed number of samples
(and scaled). We find that delay once by cross-correlation, check it now and then,
and subtract. On the PulseAudio loopback this is nearly exact; on a real speaker
and room a proper adaptive canceller (PulseAudio's module-echo-cancel) does better,
and without a lock Hearth simply does not listen while it talks.

Where the echo was removed the canceller leaves a faint noise floor ("comfort
noise", as telephone echo cancellers do), not digital silence: PocketSphinx decodes
speech that follows digital silence poorly (measured: a "stop" said over Hearth's
line was read as "off", and "hey hearth, stop" in Flite kal16 ended at "hey
hearth"; with the floor both were read right. Its end-pointer sees the audio
before the engine adds its own noise floor; docs/hearing.md).
"""

from __future__ import annotations

import threading

import numpy as np

from assistant.speech.wav import int16_bytes

TRACK = 2
"""Samples the delay may move between two checks and still be followed block by block."""


class EchoCanceller:
    """Subtracts the played reference from the input.

    `played` receives every block the output stream plays (silent ones too, so the
    reference stays continuous); `process` receives every input block in order.

    Attributes:
        offset: input sample index minus output sample index of the same sound
            (None until found).
        gain: echo level relative to the reference.
        comfort_noise: standard deviation (int16 units) of the noise floor left
            where Hearth's voice was removed (0: none). 3 is about -80 dBFS, below a
            quiet room's microphone noise.
    """

    def __init__(
        self,
        rate: int = 16000,
        history_s: float = 4.0,
        window_s: float = 0.5,
        comfort_noise: float = 3.0,
    ) -> None:
        self.rate = rate
        self._ring = np.zeros(int(rate * history_s), dtype=np.float32)
        self._out = 0  # reference samples written so far
        self._lock = threading.Lock()
        self._window = np.zeros(int(rate * window_s), dtype=np.float32)
        self._in = 0  # input samples processed so far
        self.offset: int | None = None
        self.gain = 1.0
        self._check_in = 0  # input samples until the next check of the lock
        self.comfort_noise = comfort_noise
        # Seeded: the same input gives the same output, run after run.
        self._noise = np.random.default_rng(0)

    def played(self, samples: np.ndarray) -> None:
        """Append output samples (int16 or float, at `rate`) to the reference."""
        x = np.asarray(samples, dtype=np.float32).ravel()
        n = len(self._ring)
        with self._lock:
            if len(x) >= n:
                x = x[-n:]
            start = self._out % n
            first = min(len(x), n - start)
            self._ring[start : start + first] = x[:first]
            self._ring[: len(x) - first] = x[first:]
            self._out += len(x)

    def process(self, pcm: bytes) -> tuple[bytes, bool]:
        """(input without Hearth's voice, reliable). Unreliable: Hearth may be in it."""
        x = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
        w = len(self._window)
        self._window = np.concatenate([self._window, x])[-w:]
        start = self._in
        self._in += len(x)
        self._check_in -= len(x)
        due = self._check_in <= 0
        if self.offset is not None and not due:
            now = self._reference(start - self.offset, self._in - self.offset)
            if now is not None and not now.any():
                # Hearth is silent: nothing to remove (a pause inside its speech gets
                # the same floor as the rest of it).
                return self._floor(x) if self._reference_active() else pcm, True
        if (self.offset is None or due) and self._energetic():
            self._relock()
        if self.offset is None:
            return pcm, not self._reference_active()
        ref = self._track(x, start)
        if ref is None:
            return pcm, False
        residual = x - self.gain * ref
        if self._watch(x, residual, ref):
            return pcm, False
        return self._floor(residual), True

    # -- internals ------------------------------------------------------------------

    def _track(self, x: np.ndarray, start: int) -> np.ndarray | None:
        """The reference for input block `x`, following a delay that moved by a sample
        or two since the last check: the lag (of the current one +-`TRACK`) that
        leaves the least of the block. One sample off leaves about half of Hearth's
        voice in (measured on the loopback under load, where the delay moved by one
        sample between checks). Someone talking adds the same to every lag, so it
        does not pull the choice."""
        assert self.offset is not None
        r = TRACK
        wide = self._reference(start - self.offset - r, self._in - self.offset + r)
        if wide is None:
            return self._reference(start - self.offset, self._in - self.offset)
        n = len(x)
        left = [
            float(np.sum((x - self.gain * wide[r - d : r - d + n]) ** 2)) for d in range(-r, r + 1)
        ]
        best = int(np.argmin(left))
        if left[best] < 0.5 * left[r]:  # clearly better than the current lag
            self.offset += best - r
        else:
            best = r
        ref = wide[2 * r - best : 2 * r - best + n]
        self._refit(x, ref)
        return ref

    def _refit(self, x: np.ndarray, ref: np.ndarray) -> None:
        """Take the echo's level from this block when Hearth's voice alone explains
        nearly all of it: a check of the lock over a window that straddled a move of
        the delay sets the level from both delays (measured: 0.77 instead of 1.0,
        leaving Hearth's voice in at -13 dB until the next check)."""
        power = float(np.dot(ref, ref))
        heard = float(np.dot(x, x))
        if power <= 0 or heard <= 0:
            return
        level = float(np.dot(x, ref)) / power
        if heard - level * float(np.dot(x, ref)) < 0.1 * heard:  # the fit leaves < 10%
            self.gain = float(np.clip(level, 0.0, 4.0))

    def _watch(self, x: np.ndarray, residual: np.ndarray, ref: np.ndarray) -> bool:
        """Whether this block's delay is wrong: removing the echo left more than came in
        (the person's own voice does not do that). On the loopback under load the
        delay jumped by 88 ms and then 0.5 s while Hearth talked (the speaker fell
        behind and PulseAudio played silence in between); the residual was then
        Hearth's own voice, inverted, and the recognizer read words in it. Such a
        block is not listened to, and the lock is checked within 0.1 s instead of at
        the next half second; so it is too when Hearth's voice should carry most of
        the block, yet most of it is left."""
        heard = float(np.dot(x, x))
        left = float(np.dot(residual, residual))
        echo = self.gain**2 * float(np.dot(ref, ref))
        # At the right delay the person's voice u leaves |u|^2 of |u + e|^2; at a wrong
        # one, about |u|^2 + 2|e|^2. Where the echo is faint either way, it hardly matters.
        wrong = echo > 0.1 * heard and left > heard + 0.25 * echo
        if wrong or (echo > 0.5 * heard > 0 and left > 0.5 * heard):
            self._check_in = min(self._check_in, self.rate // 10)
        return wrong

    def _floor(self, residual: np.ndarray) -> bytes:
        """`residual` with the comfort noise added, as int16 bytes."""
        if self.comfort_noise > 0:
            residual = residual + self._noise.normal(0.0, self.comfort_noise, len(residual))
        return int16_bytes(residual)

    def _reference(self, first: int, stop: int) -> np.ndarray | None:
        """Reference samples [first, stop) by output index; None if not (or no longer) kept."""
        n = len(self._ring)
        with self._lock:
            if first < self._out - n or stop > self._out or first < 0:
                return None
            idx = np.arange(first, stop) % n
            return self._ring[idx].copy()

    def _reference_active(self) -> bool:
        with self._lock:
            n = min(self._out, len(self._ring), self.rate)  # the last second
            idx = np.arange(self._out - n, self._out) % len(self._ring)
            return bool(np.abs(self._ring[idx]).max(initial=0) > 0)

    def _energetic(self) -> bool:
        return float(np.sqrt(np.mean(self._window**2))) > 200.0 and self._reference_active()

    def _relock(self) -> None:
        """Find the delay by cross-correlating the last input window with the reference."""
        self._check_in = self.rate // 2
        with self._lock:
            n = len(self._ring)
            count = min(self._out, n)
            idx = np.arange(self._out - count, self._out) % n
            ref = self._ring[idx].copy()
            ref_first = self._out - count
        win = self._window
        if len(ref) < len(win):
            return
        size = 1 << int(np.ceil(np.log2(len(ref) + len(win))))
        corr = np.fft.irfft(np.fft.rfft(ref, size) * np.conj(np.fft.rfft(win, size)), size)
        corr = corr[: len(ref) - len(win) + 1]
        energy = np.concatenate([[0.0], np.cumsum(ref.astype(np.float64) ** 2)])
        seg_energy = energy[len(win) :] - energy[: len(energy) - len(win)]
        norm = np.sqrt(seg_energy * float(np.dot(win, win)))
        norm = np.maximum(norm, 1e-3 * norm.max() + 1e-9)  # silent stretches are no match
        k = int(np.argmax(corr / norm))
        score = float(corr[k] / norm[k])
        if score < 0.6:
            if (
                self.offset is not None
                and score < 0.3
                and self._lock_lost(corr, norm, seg_energy, ref_first)
            ):
                self.offset = None  # the delay changed (dropped blocks?): listen again later
            return
        self.offset = (self._in - len(win)) - (ref_first + k)
        self.gain = float(np.clip(corr[k] / max(seg_energy[k], 1e-9), 0.0, 4.0))

    def _lock_lost(
        self, corr: np.ndarray, norm: np.ndarray, seg_energy: np.ndarray, ref_first: int
    ) -> bool:
        """The current delay no longer explains the input: at that delay the echo should
        carry most of the window's energy, yet it does not match. A window where
        someone talks over a quiet stretch of Hearth's voice matches poorly too, but
        there the echo carries little of the energy: the lock is kept, so the person
        is heard without a gap (measured: three blocks went unheard at every check
        while a "stop" was said at Hearth's own loudness)."""
        assert self.offset is not None
        k = (self._in - len(self._window)) - self.offset - ref_first
        if not 0 <= k < len(corr):
            return True
        echo_energy = self.gain**2 * float(seg_energy[k])
        if echo_energy < 0.5 * float(np.dot(self._window, self._window)):
            return False  # mostly not Hearth: a poor match says nothing about the delay
        return float(corr[k] / norm[k]) < 0.3
