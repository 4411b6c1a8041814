"""The audio front end: noise suppression and automatic gain before recognition.

WebRTC's audio processing (PyPI `webrtc-noise-gain`, as in Home Assistant's Wyoming
satellite) works on 10 ms frames of 16 kHz int16. The listener hands out blocks of any
size (20 ms from the microphone and files), so `WebRtcFrontEnd` cuts them into frames
and gives back exactly as many samples as it was given, every call: the listener's
timeline stays exact. When a block is not a whole number of frames, the output runs
late by just under one frame (10 ms of silence, once, when the first part-frame has to
wait); with 20 ms blocks (the microphone's and files') there is no such delay. WebRTC's
own processing delays speech by about 6 ms (measured on espeak-ng speech).

With `front_end = "deepfilter"`, DeepFilterNet's neural noise suppression
(`denoise.py`) cleans each frame first and WebRTC only adds its gain. It delays speech
by about 31 ms more, and it is not the default: it takes the breath out of espeak-ng's
"hearth", so with that voice Hearth's quick reading lacks its name ("hey if we need a
minute"), nothing is decided on it early, and replies come later (see the README).

After WebRTC, each frame goes through the speech level stage (`level.py`): WebRTC's
gain adds at most 9 dB, and speech from across the room needs more.

The front end sits in the listener, before both the voice detector and the recognizer
(see `Listener.feed`), and after the echo canceller. PocketSphinx's comfort noise
(`sphinx_engine.NOISE_FLOOR_DB`) is added inside the recognizer, after it: that noise
stands in for a microphone's own floor under clean speech, so it must reach the
decoder as it is, not be suppressed or amplified.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np

from assistant.speech.denoise import Denoiser
from assistant.speech.level import LevelConfig, SpeechLevel
from assistant.speech.types import SAMPLE_RATE
from assistant.speech.wav import int16_bytes

if TYPE_CHECKING:
    from assistant.config import Settings

FRAME_SAMPLES = SAMPLE_RATE // 100
"""Samples in one 10 ms frame, WebRTC's unit."""
FRAME_BYTES = 2 * FRAME_SAMPLES

FrontEndKind = Literal["webrtc", "deepfilter", "none"]
KINDS = ("webrtc", "deepfilter", "none")
DEEPFILTER_LIMIT_DB = 20.0
"""The most DeepFilterNet takes off the noise. Chosen on the rooms benchmark's tune
split: with no limit it acted on more talk after the wake phrase, and 12 dB lost the
gain (docs/hearing.md)."""


class FrontEnd(Protocol):
    """What the listener needs of a front end: one stream's audio in, cleaned audio out."""

    def process(self, pcm: bytes) -> bytes:
        """Clean one block of 16 kHz int16 audio; as many bytes out as in."""
        ...

    def reset(self) -> None:
        """Forget the stream (a reopened input device starts a new one)."""
        ...


class NoFrontEnd:
    """Audio passes unchanged."""

    def process(self, pcm: bytes) -> bytes:
        return pcm

    def reset(self) -> None:
        pass


@dataclass(frozen=True)
class FrontEndConfig:
    """How the front end cleans the audio.

    Attributes:
        kind: "webrtc" (WebRTC noise suppression and automatic gain), "deepfilter"
            (DeepFilterNet's neural noise suppression, then WebRTC's gain) or "none".
        noise_suppression: WebRTC noise suppression level, 0 (off) to 4 (strongest);
            "deepfilter" replaces it.
        auto_gain_dbfs: the automatic gain's target level in dB below full scale,
            1 to 31 (3: speech is brought up to about -3 dBFS); 0 turns gain off.
        max_boost_db: the most the speech level stage lifts quiet speech, 0 to 30
            dB; 0 turns it off.
        attenuation_limit_db: the most DeepFilterNet takes off the noise, in dB (100:
            no limit).
    """

    kind: FrontEndKind = "none"
    noise_suppression: int = 0
    auto_gain_dbfs: int = 0
    max_boost_db: int = 0
    attenuation_limit_db: float = DEEPFILTER_LIMIT_DB

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown front end {self.kind!r} ({', '.join(KINDS)})")
        if not 0 <= self.noise_suppression <= 4:
            raise ValueError(f"noise suppression {self.noise_suppression} is not 0 to 4")
        if not 0 <= self.auto_gain_dbfs <= 31:
            raise ValueError(f"auto gain {self.auto_gain_dbfs} dBFS is not 0 to 31")
        if not 0 <= self.max_boost_db <= 30:
            raise ValueError(f"speech boost {self.max_boost_db} dB is not 0 to 30")

    @classmethod
    def from_settings(cls, settings: Settings) -> FrontEndConfig:
        """The front end the settings ask for (`front_end`, `noise_suppression`,
        `auto_gain_dbfs`, `max_boost_db`)."""
        return cls(
            settings.front_end,
            settings.noise_suppression,
            settings.auto_gain_dbfs,
            settings.max_boost_db,
        )

    def create(self) -> FrontEnd:
        """A new front end for one stream (state is per stream: never share one)."""
        if self.kind == "none" or (
            self.kind == "webrtc"
            and not (self.noise_suppression or self.auto_gain_dbfs or self.max_boost_db)
        ):
            return NoFrontEnd()
        if self.kind == "deepfilter":
            return WebRtcFrontEnd(
                0, self.auto_gain_dbfs, self.max_boost_db, self.attenuation_limit_db
            )
        return WebRtcFrontEnd(self.noise_suppression, self.auto_gain_dbfs, self.max_boost_db)


class WebRtcFrontEnd:
    """DeepFilterNet's noise suppression when asked, WebRTC noise suppression and
    automatic gain (and its fixed high-pass filter), then the speech level stage.

    Args:
        noise_suppression: 0 (off) to 4 (strongest).
        auto_gain_dbfs: target level, 1 to 31 dB below full scale; 0: no gain.
        max_boost_db: the most the level stage lifts quiet speech; 0: no level stage.
        deepfilter_limit_db: DeepFilterNet first, taking at most this many dB off
            the noise; None: no DeepFilterNet.
    """

    def __init__(
        self,
        noise_suppression: int,
        auto_gain_dbfs: int,
        max_boost_db: int = 0,
        deepfilter_limit_db: float | None = None,
    ) -> None:
        # checks the ranges
        FrontEndConfig("webrtc", noise_suppression, auto_gain_dbfs, max_boost_db)
        self.deepfilter_limit_db = deepfilter_limit_db
        self.noise_suppression = noise_suppression
        self.auto_gain_dbfs = auto_gain_dbfs
        self.max_boost_db = max_boost_db
        self._heard = True  # so that the reset below builds the stream's state
        self.reset()

    def reset(self) -> None:
        if not self._heard:
            # Nothing heard since the last reset: already a new stream. (The listener
            # resets at the start of every run; DeepFilterNet's model takes 0.2 s to load.)
            return
        from webrtc_noise_gain import AudioProcessor

        self._heard = False
        # The processor's noise estimate and gain belong to one stream.
        self._processor = AudioProcessor(self.auto_gain_dbfs, self.noise_suppression)
        self._denoiser = (
            None if self.deepfilter_limit_db is None else Denoiser(self.deepfilter_limit_db)
        )
        self._level = (
            SpeechLevel(LevelConfig(max_boost_db=self.max_boost_db)) if self.max_boost_db else None
        )
        self._pending = b""  # input short of a whole frame
        self._ready = bytearray()  # processed output not handed out yet

    def process(self, pcm: bytes) -> bytes:
        self._heard = True
        data = self._pending + pcm
        whole = len(data) - len(data) % FRAME_BYTES
        self._pending = data[whole:]
        for start in range(0, whole, FRAME_BYTES):
            frame = data[start : start + FRAME_BYTES]
            if self._denoiser is not None:
                frame = _through(self._denoiser, frame)
            frame = self._processor.Process10ms(frame).audio
            if self._level is not None:
                frame = _through(self._level, frame)
            self._ready += frame
        if len(self._ready) < len(pcm):
            # Part of a frame is still waiting: from now on the stream runs late by
            # just under a frame, the most that can ever wait, so this happens once
            # and every block gets its full length.
            self._ready[:0] = bytes(FRAME_BYTES - 2)
        out = bytes(self._ready[: len(pcm)])
        del self._ready[: len(pcm)]
        return out


def _through(stage: Denoiser | SpeechLevel, frame: bytes) -> bytes:
    """One 10 ms int16 frame through a stage that works on int16-scale floats."""
    return int16_bytes(stage.frame(np.frombuffer(frame, dtype="<i2").astype(np.float64)))
