"""Playing Hearth's voice: a sound device, a WAV file, or nowhere.

Every sink plays one rendered line at a time and can be cut off from another
thread. On a device we never use `sd.play`/`sd.wait`/`sd.stop` (stopping them
from another thread hung here): a callback-driven `OutputStream` copies the
line block by block and checks an abort flag before every block, so a cut-off
takes effect within one block (about 20 ms) plus the device's buffer.
"""

from __future__ import annotations

import threading
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.errors import AudioDeviceError
from assistant.speech.tts import TTS_RATE, Speech

BLOCK_S = 0.02
"""Output block length: the granularity of an abort."""

HEAD_S = 0.25
"""A line at another rate than the device's starts playing once this much of it is
resampled; the rest is resampled while it plays (a whole 3 s line took about 55 ms,
all of it before the first sample)."""

STALL_S = 3.0
"""A running device that has not asked for a block for this long has stopped responding."""

START_STALL_S = 10.0
"""The same for a stream that has not asked for its first block yet: a fresh PulseAudio
stream on a loaded two-core machine once took over 4 s to start."""


@dataclass
class Played:
    """What happened to one line.

    Attributes:
        text: the line.
        start: when its first sample was (or would be) heard, on the sink's timeline
            (`time.monotonic()` for a device; seconds since start for a WAV file).
        end: when its last played sample was heard (earlier than planned if cut off).
        completed: False when the line was cut off.
        device: False when it went nowhere (no output device).
    """

    text: str
    start: float
    end: float
    completed: bool = True
    device: bool = True


StartCallback = Callable[[float], None]


class AudioSink(Protocol):
    """Where rendered lines go. `play` is called from one thread; `abort` from any."""

    def play(self, speech: Speech, on_start: StartCallback | None = None) -> Played:
        """Play one line; return when it ended or was cut off (a file sink in fast
        mode returns at once with the timeline interval the line occupies)."""
        ...

    def abort(self) -> None:
        """Cut off the line being played (no effect when idle)."""
        ...

    def close(self) -> None: ...


class _Line:
    """A line in flight inside the device callback."""

    def __init__(
        self, samples: np.ndarray, on_start: StartCallback | None, more: bool = False
    ) -> None:
        self.samples = samples
        self.more = more
        """The rest of the line is still being resampled (it is appended to `samples`)."""
        self.pos = 0
        self.on_start = on_start
        self.aborted = False
        self.start: float | None = None
        self.end: float | None = None
        self.done = threading.Event()


class DeviceSink:
    """A persistent callback-driven output stream (opened lazily, reopened after errors).

    Keeping the stream open saves the device start-up time on every reply, which
    matters for the reply latency.
    """

    def __init__(self, device: str | int | None = None, rate: int = TTS_RATE) -> None:
        self.device = device
        self.rate = rate
        self._stream: Any = None
        self._line: _Line | None = None
        self._lock = threading.Lock()
        self.on_block: Callable[[np.ndarray], None] | None = None
        """Optional tap: every block handed to the device (the echo canceller's reference)."""
        self.stall_s = STALL_S
        self.start_stall_s = START_STALL_S
        self._opened_at = 0.0
        self._last_block: float | None = None
        """When the device last asked for a block (None: not yet, since it was opened)."""

    def open(self) -> None:
        """Open the device now (raises AudioDeviceError with one clear line)."""
        import sounddevice as sd

        if self._stream is not None and self._stream.active:
            return
        self._close_stream()
        try:
            stream = sd.OutputStream(
                samplerate=self.rate,
                channels=1,
                dtype="int16",
                device=self.device,
                blocksize=int(self.rate * BLOCK_S),
                callback=self._callback,
            )
            self._opened_at, self._last_block = time.monotonic(), None
            stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            raise AudioDeviceError(f"no speaker: {describe_device_error(exc)}") from None
        self._stream = stream

    def play(self, speech: Speech, on_start: StartCallback | None = None) -> Played:
        self.open()
        head = round(HEAD_S * speech.rate)
        if speech.rate == self.rate or len(speech.samples) <= head:
            line = _Line(_to_rate(speech.samples, speech.rate, self.rate), on_start)
            rest = None
        else:
            # The first samples play while the rest is resampled (the same samples as
            # resampling the line whole: the resampler keeps its filter's reach).
            from assistant.speech.wav import SincResampler

            resampler = SincResampler(speech.rate, self.rate)
            line = _Line(_pcm16(resampler.feed(_floats(speech.samples[:head]))), on_start, True)
            rest = speech.samples[head:]
        with self._lock:
            self._line = line
        if rest is not None:
            tail = _pcm16(resampler.feed(_floats(rest), final=True))
            line.samples = np.concatenate([line.samples, tail])  # before `more` is cleared
            line.more = False
        self._wait_for(line)
        start = line.start if line.start is not None else time.monotonic()
        end = line.end if line.end is not None else start
        return Played(speech.text, start, end, completed=not line.aborted)

    def _wait_for(self, line: _Line) -> None:
        """Wait until the callback finishes the line (or it is aborted).

        The device is given up on only when it stops asking for blocks, not when the
        line takes longer than its length: on a loaded machine a device that is slow
        but moving must not lose the line.
        """
        while not line.done.wait(timeout=0.1):
            last = self._last_block
            quiet = time.monotonic() - (last if last is not None else self._opened_at)
            if quiet > (self.stall_s if last is not None else self.start_stall_s):
                with self._lock:
                    self._line = None
                self._close_stream()
                raise AudioDeviceError("the speaker stopped responding")

    def abort(self) -> None:
        line = self._line
        if line is not None:
            # The callback sees the flag at its next block; `play` returns now, even
            # when the device has stalled and no callback comes.
            line.aborted = True
            if line.end is None:
                line.end = time.monotonic()
            self._finish(line)

    def close(self) -> None:
        self.abort()
        self._close_stream()

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        close_quietly(stream)

    def _callback(self, outdata: Any, frames: int, t: Any, status: Any) -> None:
        self._last_block = time.monotonic()
        buf = outdata[:, 0]
        buf.fill(0)
        line = self._line
        if line is not None:
            self._fill(buf, line, frames, t)
        if self.on_block is not None:
            self.on_block(buf.copy())  # every block, silent ones too: a continuous reference

    def _fill(self, buf: np.ndarray, line: _Line, frames: int, t: Any) -> None:
        now = time.monotonic()
        # When this block will be heard: the device reports its own delay.
        delay = max(0.0, float(getattr(t, "outputBufferDacTime", 0) - getattr(t, "currentTime", 0)))
        heard_at = now + (delay if delay < 1.0 else 0.0)
        if line.aborted:
            self._finish(line)
            return
        chunk = line.samples[line.pos : line.pos + frames]
        buf[: len(chunk)] = chunk
        if line.pos == 0 and len(chunk):
            line.start = heard_at
            if line.on_start is not None:
                line.on_start(heard_at)
        line.pos += len(chunk)
        more = line.more  # read first: once it is False, `samples` holds the whole line
        if line.pos >= len(line.samples) and not more:
            line.end = heard_at + len(chunk) / self.rate
            self._finish(line)

    def _finish(self, line: _Line) -> None:
        if self._line is line:
            self._line = None
        line.done.set()


class WavFileSink:
    """Writes what would be played into a WAV file, each line at its timeline position.

    The timeline is `clock()` seconds since the run started (the input file's own
    time in fast mode). In real time `play` lasts as long as the line and can be
    cut off; in fast mode it returns at once and `cut(at)` truncates the line.
    """

    def __init__(
        self,
        path: str | Path,
        clock: Callable[[], float],
        realtime: bool = True,
        rate: int = TTS_RATE,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self.realtime = realtime
        self.rate = rate
        self.lines: list[Played] = []
        self._audio = np.zeros(0, dtype=np.int16)
        self._abort = threading.Event()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._flush()
        except OSError as exc:
            raise AudioDeviceError(f"{self.path}: cannot write: {exc.strerror or exc}") from None

    def play(self, speech: Speech, on_start: StartCallback | None = None) -> Played:
        samples = _to_rate(speech.samples, speech.rate, self.rate)
        busy_until = self.lines[-1].end if self.lines else 0.0
        start = max(self.clock(), busy_until)
        first = round(start * self.rate)
        self._place(first, samples)
        played = Played(speech.text, start, start + len(samples) / self.rate)
        self.lines.append(played)
        self._abort.clear()  # before on_start, which may abort this very line
        if on_start is not None:
            on_start(start)
        if self.realtime:
            deadline = time.monotonic() + len(samples) / self.rate
            while time.monotonic() < deadline:
                if self._abort.wait(timeout=min(0.01, max(0.0, deadline - time.monotonic()))):
                    self.cut(self.clock())
                    break
        self._flush()
        return self.lines[-1]

    def abort(self) -> None:
        self._abort.set()

    def cut(self, at: float) -> None:
        """Silence everything from timeline position `at` on (a barge-in): the line
        being said is truncated and lines placed after it are dropped."""
        changed = False
        for line in self.lines:
            if line.end > at:
                line.end, line.completed = max(line.start, at), False
                changed = True
        if changed:
            self._audio[max(0, round(at * self.rate)) :] = 0
            self._flush()

    def close(self) -> None:
        self._flush()

    def _place(self, first: int, samples: np.ndarray) -> None:
        stop = first + len(samples)
        if stop > len(self._audio):
            self._audio = np.concatenate([self._audio, np.zeros(stop - len(self._audio), np.int16)])
        self._audio[first:stop] = samples

    def _flush(self) -> None:
        with wave.open(str(self.path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.rate)
            out.writeframes(self._audio.astype("<i2").tobytes())


class NowhereSink:
    """No output device: the line is printed instead, and the caller logs it."""

    def __init__(self, echo: Callable[[str], None] | None = None) -> None:
        self.echo = echo or (lambda text: print(f"Hearth (no speaker): {text}", flush=True))

    def play(self, speech: Speech, on_start: StartCallback | None = None) -> Played:
        now = time.monotonic()
        self.echo(speech.text)
        if on_start is not None:
            on_start(now)
        return Played(speech.text, now, now, completed=True, device=False)

    def abort(self) -> None:
        pass

    def close(self) -> None:
        pass


def close_quietly(stream: Any) -> None:
    """Abort and close a sounddevice stream; a device that already vanished is fine."""
    if stream is None:
        return
    try:
        stream.abort(ignore_errors=True)
        stream.close(ignore_errors=True)
    except Exception:
        pass


def describe_device_error(exc: BaseException) -> str:
    """One short line for a PortAudio/sounddevice error."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "querying device -1" in text or "No Default" in text:
        return "no audio device is available (is PulseAudio or a sound card present?)"
    return text


def _to_rate(samples: np.ndarray, src: int, dst: int) -> np.ndarray:
    if src == dst:
        return np.asarray(samples, dtype=np.int16)
    from assistant.speech.wav import resample

    return _pcm16(resample(_floats(samples), src, dst))


def _floats(samples: np.ndarray) -> np.ndarray:
    return np.asarray(samples, dtype=np.float32) / 32768.0


def _pcm16(floats: np.ndarray) -> np.ndarray:
    return np.clip(np.round(floats * 32767.0), -32768, 32767).astype(np.int16)
