"""Noise suppression only where there is noise: in a quiet room WebRTC's suppression
took parts of clean speech away (docs/hearing.md), so the front end follows the room's
noise floor and passes the speech with WebRTC's gain alone while the room is quiet."""

from __future__ import annotations

import numpy as np

from assistant.speech.front_end import (
    QUIET_ROOM_DBFS,
    FrontEndConfig,
    RoomFloor,
    WebRtcFrontEnd,
)
from assistant.speech.level import frame_dbfs

RATE = 16000
BLOCK = 640  # 20 ms


def _room(synth_pcm, floor_dbfs: float | None) -> bytes:
    """Speech at its own level after a second of a room whose hiss is at `floor_dbfs`
    (None: digital silence), the hiss under all of it."""
    speech = np.frombuffer(synth_pcm("hey hearth we need a minute"), "<i2").astype(np.float64)
    x = np.concatenate([np.zeros(RATE), speech, np.zeros(RATE // 2)])
    if floor_dbfs is not None:
        x += np.random.default_rng(3).normal(0, 32768 * 10 ** (floor_dbfs / 20), len(x))
    return np.clip(x, -32768, 32767).round().astype("<i2").tobytes()


def _through(front_end, pcm: bytes) -> bytes:
    return b"".join(front_end.process(pcm[i : i + BLOCK]) for i in range(0, len(pcm), BLOCK))


def _gated() -> WebRtcFrontEnd:
    front_end = FrontEndConfig("webrtc", 2, 3, 24, quiet_room_dbfs=-55).create()
    assert isinstance(front_end, WebRtcFrontEnd)
    return front_end


def test_a_quiet_room_gets_gain_and_no_suppression(synth_pcm) -> None:
    for floor in (None, -70.0, -62.0):
        pcm = _room(synth_pcm, floor)
        gated = _through(_gated(), pcm)
        assert gated == _through(WebRtcFrontEnd(0, 3, 24), pcm), floor
        assert gated != _through(WebRtcFrontEnd(2, 3, 24), pcm), floor


def test_a_noisy_room_gets_suppression(synth_pcm) -> None:
    pcm = _room(synth_pcm, -40.0)
    assert _through(_gated(), pcm) == _through(WebRtcFrontEnd(2, 3, 24), pcm)


def test_the_room_getting_loud_switches_suppression_on_and_back() -> None:
    """A television turned on after four quiet seconds, and off again four seconds
    later: suppression comes on once the louder room has filled the floor's window (3
    s), and goes off as soon as a quieter frame is heard."""
    rng = np.random.default_rng(5)
    quiet = rng.normal(0, 32768 * 10 ** (-70 / 20), 4 * RATE)
    loud = rng.normal(0, 32768 * 10 ** (-40 / 20), 4 * RATE)
    x = np.concatenate([quiet, loud, quiet]).round().astype("<i2").tobytes()
    front_end = _gated()
    modes = []
    for i in range(0, len(x), BLOCK):
        front_end.process(x[i : i + BLOCK])
        modes.append(front_end.quiet_room)
    second = RATE * 2 // BLOCK  # blocks in a second
    assert all(modes[: 6 * second])  # still quiet 2 s into the television
    assert not any(modes[int(7.2 * second) : 8 * second])
    assert all(modes[8 * second + 1 :])


def test_speech_in_a_quiet_room_never_raises_the_floor(synth_pcm) -> None:
    """A long talk, with the pauses people make between sentences: the floor stays the
    room's, so suppression never comes on for the voice itself."""
    speech = np.frombuffer(synth_pcm("we need a minute, and then let us talk"), "<i2")
    pause = np.zeros(RATE // 4, dtype="<i2")
    x = np.concatenate([pause, *[np.concatenate([speech, pause])] * 20]).astype(np.float64)
    floor = RoomFloor()
    frames = x[: len(x) // 160 * 160].reshape(-1, 160)
    assert max(floor.update(frame_dbfs(frame)) for frame in frames) < QUIET_ROOM_DBFS - 20


def test_the_quiet_room_level_sits_between_a_still_room_and_noise() -> None:
    assert -60.0 < QUIET_ROOM_DBFS < -45.0
    # DeepFilterNet replaces WebRTC's suppression: nothing to switch there.
    assert WebRtcFrontEnd(0, 3, 24, quiet_room_dbfs=-55).quiet_room_dbfs is None
