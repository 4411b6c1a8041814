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

WebRTC's noise suppression works only while the room is not quiet (its noise floor,
the quietest frame of the last 3 s, above `QUIET_ROOM_DBFS`): in a still room it took
parts of clean speech away and cost commands. A twin processor with the gain alone
hears every frame too, and its output is taken while the room is quiet.

After WebRTC, each frame goes through the speech level stage (`level.py`): WebRTC's
gain adds at most 9 dB, and speech from across the room needs more.

The front end sits in the listener, before both the voice detector and the recognizer
(see `Listener.feed`), and after the echo canceller. PocketSphinx's comfort noise
(`sphinx_engine.NOISE_FLOOR_DB`) is added inside the recognizer, after it: that noise
stands in for a microphone's own floor under clean speech, so it must reach the
decoder as it is, not be suppressed or amplified.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np

from assistant.speech.denoise import Denoiser
from assistant.speech.level import LevelConfig, SpeechLevel, frame_dbfs
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

QUIET_ROOM_DBFS = -55.0
"""A room whose noise floor is below this (dB below full scale) is quiet: a
microphone's own hiss in a still room is -70 to -60. Television, a fan or other
people talking 20 dB under the voice put the floor at about -45 and above. On the
rooms benchmark's tune split, WebRTC's suppression cost commands in clean rooms and
for quiet speech, and gained them in noise (docs/hearing.md, eighteenth session)."""

QUIET_ROOM_HYSTERESIS_DB = 3.0
"""How far the room's floor must pass the quiet-room level to switch suppression."""


class RoomFloor:
    """The room's noise floor for the quiet-room switch: the quietest 10 ms frame of
    the last `window_s` seconds. A room that gets louder (a television turned on) is
    followed within the window, a quieter one at once; speech, which pauses within a
    few seconds, does not raise it."""

    def __init__(self, window_s: float = 3.0, bucket_s: float = 0.1) -> None:
        self._minima: deque[float] = deque(maxlen=round(window_s / bucket_s))
        self._frames_per_bucket = round(bucket_s / 0.01)
        self._frames = 0  # in the newest bucket

    def update(self, energy_dbfs: float) -> float:
        """Follow one frame's energy (dB below full scale); returns the floor."""
        if self._frames == 0:
            self._minima.append(energy_dbfs)
        else:
            self._minima[-1] = min(self._minima[-1], energy_dbfs)
        self._frames = (self._frames + 1) % self._frames_per_bucket
        return min(self._minima)


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
        quiet_room_dbfs: WebRTC's noise suppression works only while the room's noise
            floor is above this level, in dB below full scale; in a quieter room the
            speech keeps its own sound (see `QUIET_ROOM_DBFS`). None: always.
    """

    kind: FrontEndKind = "none"
    noise_suppression: int = 0
    auto_gain_dbfs: int = 0
    max_boost_db: int = 0
    attenuation_limit_db: float = DEEPFILTER_LIMIT_DB
    quiet_room_dbfs: float | None = None

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
        `auto_gain_dbfs`, `max_boost_db`), its noise suppression only in a room that is
        not quiet (`QUIET_ROOM_DBFS`)."""
        return cls(
            settings.front_end,
            settings.noise_suppression,
            settings.auto_gain_dbfs,
            settings.max_boost_db,
            quiet_room_dbfs=QUIET_ROOM_DBFS,
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
        return WebRtcFrontEnd(
            self.noise_suppression,
            self.auto_gain_dbfs,
            self.max_boost_db,
            quiet_room_dbfs=self.quiet_room_dbfs,
        )


class WebRtcFrontEnd:
    """DeepFilterNet's noise suppression when asked, WebRTC noise suppression and
    automatic gain (and its fixed high-pass filter), then the speech level stage.

    Args:
        noise_suppression: 0 (off) to 4 (strongest).
        auto_gain_dbfs: target level, 1 to 31 dB below full scale; 0: no gain.
        max_boost_db: the most the level stage lifts quiet speech; 0: no level stage.
        deepfilter_limit_db: DeepFilterNet first, taking at most this many dB off
            the noise; None: no DeepFilterNet.
        quiet_room_dbfs: noise suppression only while the room's noise floor (of the
            audio coming in) is above this level; None: always.
    """

    def __init__(
        self,
        noise_suppression: int,
        auto_gain_dbfs: int,
        max_boost_db: int = 0,
        deepfilter_limit_db: float | None = None,
        quiet_room_dbfs: float | None = None,
    ) -> None:
        # checks the ranges
        FrontEndConfig("webrtc", noise_suppression, auto_gain_dbfs, max_boost_db)
        self.deepfilter_limit_db = deepfilter_limit_db
        self.quiet_room_dbfs = quiet_room_dbfs if noise_suppression else None
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
        # In a quiet room the speech goes through a twin without noise suppression. Both
        # hear every frame, so either is settled (noise estimate, gain) when the room
        # changes and its output is taken.
        self._plain = (
            None if self.quiet_room_dbfs is None else AudioProcessor(self.auto_gain_dbfs, 0)
        )
        self._room = RoomFloor()
        self.quiet_room: bool | None = None
        """Whether the room is quiet now (None before the first frame, or no switch)."""
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
            if self._plain is not None:
                quiet = self._in_quiet_room(frame)
                plain = self._plain.Process10ms(frame).audio
                cleaned = self._processor.Process10ms(frame).audio
                frame = plain if quiet else cleaned
            else:
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

    def _in_quiet_room(self, frame: bytes) -> bool:
        """Follow the room's noise floor with one more frame: is the room quiet? With
        `QUIET_ROOM_HYSTERESIS_DB` either side of the level, so a floor near it does
        not switch back and forth."""
        assert self.quiet_room_dbfs is not None
        samples = np.frombuffer(frame, dtype="<i2").astype(np.float64)
        floor = self._room.update(frame_dbfs(samples))
        if self.quiet_room is None:
            self.quiet_room = floor < self.quiet_room_dbfs
        elif self.quiet_room and floor > self.quiet_room_dbfs + QUIET_ROOM_HYSTERESIS_DB:
            self.quiet_room = False
        elif not self.quiet_room and floor < self.quiet_room_dbfs - QUIET_ROOM_HYSTERESIS_DB:
            self.quiet_room = True
        return self.quiet_room


def _through(stage: Denoiser | SpeechLevel, frame: bytes) -> bytes:
    """One 10 ms int16 frame through a stage that works on int16-scale floats."""
    return int16_bytes(stage.frame(np.frombuffer(frame, dtype="<i2").astype(np.float64)))
