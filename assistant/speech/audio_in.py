"""Where Hearth's ears get audio: a microphone or a WAV file, as 16 kHz mono int16.

Both sources hand out small blocks of PCM with `read()`, and know their own
position in seconds (the listener's timeline). The microphone callback only
copies into a bounded queue, so a slow recognizer drops (and counts) blocks
instead of stalling PortAudio.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.errors import AudioDeviceError
from assistant.speech.audio_out import close_quietly, describe_device_error
from assistant.speech.types import SAMPLE_RATE
from assistant.speech.wav import int16_bytes

BLOCK_S = 0.02
"""Block length handed to the recognizer (20 ms)."""

FIRST_BLOCK_TIMEOUT_S = 8.0
"""How long a freshly opened microphone may stay silent before it counts as lost.

PulseAudio can take up to 2 s to send its first block (more on a loaded machine); a
stream that sends nothing for longer is open but deaf (a suspended or half-set-up
device), and only reopening it brings sound back.
"""


@dataclass
class Block:
    """A block of input.

    Attributes:
        pcm: 16 kHz mono int16 little-endian bytes.
        t: timeline position (seconds since the source started) of its last sample.
    """

    pcm: bytes
    t: float


class AudioSource(Protocol):
    """A stream of `Block`s; `read` returns None on a timeout and raises EOFError at the end."""

    def open(self) -> None: ...

    def read(self, timeout: float = 0.5) -> Block | None: ...

    def close(self) -> None: ...


class StreamResampler:
    """Converts int16 blocks from `src` Hz to `dst` Hz, keeping phase across blocks.

    Linear interpolation after a short moving-average low-pass: only used when a
    device cannot deliver 16 kHz itself (PulseAudio and most USB microphones can).
    """

    def __init__(self, src: int, dst: int = SAMPLE_RATE) -> None:
        self.src, self.dst = src, dst
        self._step = src / dst
        self._taps = max(1, round(self._step))
        self._history = np.zeros(self._taps, dtype=np.float64)
        self._pos = 0.0  # next output position, in input samples relative to the block

    def __call__(self, pcm: bytes) -> bytes:
        x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
        if self.src == self.dst or x.size == 0:
            return pcm
        joined = np.concatenate([self._history, x])
        smooth = np.convolve(joined, np.ones(self._taps) / self._taps, mode="full")[
            self._taps : self._taps + joined.size - self._taps
        ]
        positions = np.arange(self._pos, smooth.size - 1, self._step)
        out = np.interp(positions, np.arange(smooth.size), smooth)
        self._pos = (positions[-1] + self._step - x.size) if positions.size else self._pos - x.size
        self._history = joined[-self._taps :]
        return int16_bytes(out)


class MicrophoneSource:
    """`sounddevice.RawInputStream` at 16 kHz mono int16 (or resampled to it).

    Attributes:
        overflows: blocks lost because the queue was full or PortAudio reported
            an input overflow; the live loop reports them.
    """

    def __init__(
        self,
        device: str | int | None = None,
        max_queue_s: float = 4.0,
        first_block_timeout_s: float = FIRST_BLOCK_TIMEOUT_S,
    ) -> None:
        self.device = device
        self.first_block_timeout_s = first_block_timeout_s
        self.overflows = 0
        self.rate = SAMPLE_RATE
        self._queue: queue.Queue[bytes] = queue.Queue(maxsize=max(1, int(max_queue_s / BLOCK_S)))
        self._stream: Any = None
        self._resample: StreamResampler | None = None
        self._samples = 0
        self._last_data = 0.0
        self._opened_at = 0.0
        self.first_block = threading.Event()
        """Set at the first callback (PulseAudio can stay silent for up to 2 s at start)."""

    def open(self) -> None:
        import sounddevice as sd

        self.close()
        self.first_block.clear()
        self._last_data = self._opened_at = time.monotonic()
        try:
            try:
                stream = self._make_stream(sd, SAMPLE_RATE)
                self._resample = None
            except sd.PortAudioError as exc:
                if "sample rate" not in str(exc).lower():
                    raise
                # The device cannot do 16 kHz: record at its own rate and convert.
                native = int(sd.query_devices(self.device, "input")["default_samplerate"])
                stream = self._make_stream(sd, native)
                self._resample = StreamResampler(native, SAMPLE_RATE)
            stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            raise AudioDeviceError(f"no microphone: {describe_device_error(exc)}") from None
        self._stream = stream

    def _make_stream(self, sd: Any, rate: int) -> Any:
        self.rate = rate
        return sd.RawInputStream(
            samplerate=rate,
            channels=1,
            dtype="int16",
            device=self.device,
            blocksize=int(rate * BLOCK_S),
            callback=self._callback,
        )

    def _callback(self, data: Any, frames: int, t: Any, status: Any) -> None:
        if status and status.input_overflow:
            self.overflows += 1
        self.first_block.set()
        try:
            self._queue.put_nowait(bytes(data))
        except queue.Full:
            self.overflows += 1  # the listener fell behind: drop, never block PortAudio

    def read(self, timeout: float = 0.5) -> Block | None:
        try:
            pcm = self._queue.get(timeout=timeout)
        except queue.Empty:
            stream = self._stream
            now = time.monotonic()
            if not self.first_block.is_set():
                if now - self._opened_at > self.first_block_timeout_s:
                    raise AudioDeviceError("the microphone opened but sends no audio") from None
            # After the first callback, silence from the device for this long means it
            # went away (a working microphone sends blocks of quiet, never nothing).
            elif now - self._last_data > 2.0:
                raise AudioDeviceError("the microphone stopped delivering audio") from None
            if stream is None or not stream.active:
                raise AudioDeviceError("the microphone stopped delivering audio") from None
            return None
        self._last_data = time.monotonic()
        if self._resample is not None:
            pcm = self._resample(pcm)
        self._samples += len(pcm) // 2
        return Block(pcm, self._samples / SAMPLE_RATE)

    @property
    def position(self) -> float:
        """Seconds of audio handed out so far (the timeline)."""
        return self._samples / SAMPLE_RATE

    def close(self) -> None:
        stream, self._stream = self._stream, None
        close_quietly(stream)


class WavFileSource:
    """A WAV file as if it were a microphone: in real time, or as fast as possible.

    Any WAV format is converted to 16 kHz mono, block by block as it is read (an hour
    of 48 kHz stereo is never held in memory). `tail_s` of silence is added at the
    end so the last command's end of speech is detected.

    Attributes:
        position: seconds of audio handed out so far (the timeline).
        duration: seconds in all, with the added silence.
    """

    def __init__(
        self, path: str | Path, realtime: bool = True, tail_s: float = 2.0, lead_s: float = 0.0
    ) -> None:
        from assistant.speech.wav import pcm16_blocks, wav_info

        info = wav_info(path)  # a file that is not audio fails here, before any run
        self._blocks = pcm16_blocks(path)
        self._pending = bytearray(2 * int(lead_s * SAMPLE_RATE))
        self._tail = bytes(2 * int(tail_s * SAMPLE_RATE))
        self._ended = False
        self.realtime = realtime
        self.position = 0.0
        resampled = (
            info.frames
            if info.rate == SAMPLE_RATE
            else round(info.frames * SAMPLE_RATE / info.rate)
        )
        samples = len(self._pending) // 2 + resampled + len(self._tail) // 2
        self.duration = samples / SAMPLE_RATE
        self.overflows = 0
        self._offset = 0
        self._t0: float | None = None
        self._block = 2 * int(SAMPLE_RATE * BLOCK_S)

    def open(self) -> None:
        self._t0 = time.monotonic() - self.position

    @property
    def started_at(self) -> float | None:
        """`time.monotonic()` at which the file's t=0 was (or would have been) heard."""
        return self._t0

    def _fill(self) -> None:
        while len(self._pending) < self._block and not self._ended:
            more = next(self._blocks, None)
            if more is None:
                self._ended = True
                self._pending += self._tail
            else:
                self._pending += more

    def read(self, timeout: float = 0.5) -> Block | None:
        self._fill()
        if not self._pending:
            raise EOFError
        if self._t0 is None:
            self.open()
        size = min(self._block, len(self._pending))
        end = (self._offset + size) / 2 / SAMPLE_RATE
        if self.realtime:
            wait = self._t0 + end - time.monotonic()  # type: ignore[operator]
            if wait > timeout:
                time.sleep(timeout)
                return None
            if wait > 0:
                time.sleep(wait)
        chunk = bytes(self._pending[:size])
        del self._pending[:size]
        self._offset += size
        self.position = end
        return Block(chunk, end)

    def close(self) -> None:
        pass
