"""Removing Hearth's own voice from the microphone signal, so a barge-in can be heard.

Hearth knows exactly what it plays. The output and input streams run on the same
audio clock, so the echo is the played signal delayed by a fixed number of samples
(and scaled). We find that delay once by cross-correlation, check it now and then,
and subtract. On the PulseAudio loopback this is nearly exact; on a real speaker
and room a proper adaptive canceller (PulseAudio's module-echo-cancel) does better,
and without a lock Hearth simply does not listen while it talks.
"""

from __future__ import annotations

import threading

import numpy as np


class EchoCanceller:
    """Subtracts the played reference from the input.

    `played` receives every block the output stream plays (silent ones too, so the
    reference stays continuous); `process` receives every input block in order.

    Attributes:
        offset: input sample index minus output sample index of the same sound
            (None until found).
        gain: echo level relative to the reference.
    """

    def __init__(self, rate: int = 16000, history_s: float = 4.0, window_s: float = 0.5) -> None:
        self.rate = rate
        self._ring = np.zeros(int(rate * history_s), dtype=np.float32)
        self._out = 0  # reference samples written so far
        self._lock = threading.Lock()
        self._window = np.zeros(int(rate * window_s), dtype=np.float32)
        self._in = 0  # input samples processed so far
        self.offset: int | None = None
        self.gain = 1.0
        self._check_in = 0  # input samples until the next check of the lock

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
                return pcm, True  # Hearth is silent: nothing to remove
        if (self.offset is None or due) and self._energetic():
            self._relock()
        if self.offset is None:
            return pcm, not self._reference_active()
        ref = self._reference(start - self.offset, self._in - self.offset)
        if ref is None:
            return pcm, False
        residual = x - self.gain * ref
        out = np.clip(np.round(residual), -32768, 32767).astype("<i2")
        return out.tobytes(), True

    # -- internals ------------------------------------------------------------------

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
            if self.offset is not None and score < 0.3:
                self.offset = None  # the delay changed (dropped blocks?): listen again later
            return
        self.offset = (self._in - len(win)) - (ref_first + k)
        self.gain = float(np.clip(corr[k] / max(seg_energy[k], 1e-9), 0.0, 4.0))
