"""Quiet speech lifted to the level the recognizer hears best.

WebRTC's automatic gain adds at most 9 dB (its compression gain is fixed in the
library), so speech 20 dB below normal, from across the room, reached the recognizer
about 11 dB low: close to the recognizer's own noise floor (`NOISE_FLOOR_DB`, added
after the front end) and far from the level its cepstral mean expects. `SpeechLevel`
follows the level of the voice in the room and lifts quiet voice towards
`target_dbfs`, by at most `max_boost_db`.

It lifts only a voice that stands clear of the room's noise (`min_clearance_db` above
its floor): lifting a television or other people talking in the background made
commands said over them harder to hear (docs/hearing.md, "Quiet speech lifted"). It
never lowers a voice; WebRTC's own gain and limiter handle loud speech.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FULL_SCALE = 32768.0


@dataclass(frozen=True)
class LevelConfig:
    """How quiet speech is lifted (values chosen on the rooms benchmark's tune split).

    Attributes:
        max_boost_db: the most the voice is lifted; 0 turns the stage off.
        target_dbfs: the voice's level to reach: the level of its loud 10 ms frames,
            in dB below full scale (normal speech from a file or a near microphone
            comes out of WebRTC at about -20 to -15).
        min_clearance_db: the voice must be this much above the room's noise floor
            to be lifted at all.
        rise_db_per_s: how fast the lift grows (it falls at once).
        voice_over_floor_db: a frame this far above the noise floor may be voice.
        voice_window_db: a frame more than this below the voice's level is not voice
            (a pause, the room, the television after the sentence).
        forget_s: after this long without voice the level is forgotten and the lift
            drops to nothing: the next speaker starts afresh.
        settle_s: voice heard before any lift: the first frames of a word are quieter
            than the word, and a level read from them would lift a normal voice.
    """

    max_boost_db: float = 24.0
    target_dbfs: float = -20.0
    min_clearance_db: float = 30.0
    rise_db_per_s: float = 40.0
    voice_over_floor_db: float = 9.0
    voice_window_db: float = 12.0
    forget_s: float = 1.0
    settle_s: float = 0.1


FRAME_S = 0.01
_FLOOR_RISE_DB = 0.005  # per frame: the floor estimate creeps up 0.5 dB a second
_ATTACK, _RELEASE = 0.3, 0.01  # per frame: the level rises fast and falls slowly
_SILENCE_DBFS = -90.0  # digital silence counts as this
_VOICE_MIN_DBFS = -75.0  # nothing quieter is voice
_PEAK_LIMIT = 30000.0  # a lifted frame's peak stays below this (int16 units)


def frame_dbfs(samples: np.ndarray) -> float:
    """A frame's energy (int16 values as floats) in dB below full scale; digital
    silence counts as -90."""
    power = float(np.mean(samples * samples)) / FULL_SCALE**2 if samples.size else 0.0
    return max(10 * np.log10(power), _SILENCE_DBFS) if power > 0 else _SILENCE_DBFS


class SpeechLevel:
    """The level stage for one stream of 16 kHz int16 audio, fed 10 ms frames."""

    def __init__(self, config: LevelConfig | None = None) -> None:
        self.config = config or LevelConfig()
        self.reset()

    def reset(self) -> None:
        """Forget the stream."""
        self.floor_dbfs: float | None = None
        """The room's noise floor: the quietest frame lately."""
        self.level_dbfs: float | None = None
        """The voice's level, None when no voice was heard lately."""
        self.boost_db = 0.0
        """The lift applied to the latest frame."""
        self._quiet_frames = 0
        self._voice_frames = 0  # since the level was last forgotten

    def frame(self, samples: np.ndarray) -> np.ndarray:
        """One 10 ms frame (int16 values as floats), lifted; the caller rounds and clips."""
        c = self.config
        energy = frame_dbfs(samples)
        if self.floor_dbfs is None or energy < self.floor_dbfs:
            self.floor_dbfs = energy
        else:
            self.floor_dbfs += _FLOOR_RISE_DB
        voice = energy > max(self.floor_dbfs + c.voice_over_floor_db, _VOICE_MIN_DBFS)
        if voice and self.level_dbfs is not None:
            voice = energy >= self.level_dbfs - c.voice_window_db
        if voice:
            self._quiet_frames = 0
            self._follow(energy)
        else:
            self._quiet_frames += 1
            if self._quiet_frames * FRAME_S >= c.forget_s:
                self.level_dbfs, self.boost_db, self._voice_frames = None, 0.0, 0
        gain = 10 ** (self.boost_db / 20)
        peak = float(np.max(np.abs(samples))) if samples.size else 0.0
        if peak * gain > _PEAK_LIMIT:
            gain = _PEAK_LIMIT / peak
            self.boost_db = 20 * np.log10(gain)
        return samples * gain

    def _follow(self, energy: float) -> None:
        """A voice frame: move the level towards it and the lift towards the target."""
        c = self.config
        level = self.level_dbfs
        if level is None:
            level = energy
        else:
            level += (energy - level) * (_ATTACK if energy > level else _RELEASE)
        self.level_dbfs = level
        self._voice_frames += 1
        if self._voice_frames * FRAME_S < c.settle_s:
            return
        assert self.floor_dbfs is not None
        clear = level - self.floor_dbfs >= c.min_clearance_db
        want = min(max(c.target_dbfs - level, 0.0), c.max_boost_db) if clear else 0.0
        self.boost_db = min(want, self.boost_db + c.rise_db_per_s * FRAME_S)
