"""The watch over a microphone stream that runs but went dead (digital silence)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.speech.dead_input import DeadInputWatch

BLOCK = 320  # 20 ms at 16 kHz


@dataclass
class Line:
    start: float | None
    end: float | None
    device: bool = True


def _feed(watch: DeadInputWatch, seconds: float, t0: float, level: int) -> float:
    """Feed `seconds` of blocks (0: digital silence; else a quiet noise floor)."""
    rng = np.random.default_rng(1)
    t = t0
    for _ in range(round(seconds / 0.02)):
        block = (rng.normal(0, level, BLOCK) if level else np.zeros(BLOCK)).astype("<i2")
        t += 0.02
        watch.feed(block.tobytes(), t)
    return t


def test_a_line_played_into_digital_silence_means_the_stream_is_dead() -> None:
    watch = DeadInputWatch()
    t = _feed(watch, 1.0, 0.0, level=0)
    line = Line(start=1.2, end=3.0)
    assert not watch.dead([line], t)  # the line has not been played yet
    t = _feed(watch, 3.5, t, level=0)
    assert watch.dead([line], t)
    watch.reset()
    assert not watch.dead([line], t)


def test_a_quiet_room_is_never_dead() -> None:
    watch = DeadInputWatch()
    t = _feed(watch, 5.0, 0.0, level=3)  # a noise floor of a few units
    assert not watch.dead([Line(start=1.0, end=3.0)], t)


def test_only_a_whole_line_on_the_speaker_inside_the_silence_counts() -> None:
    watch = DeadInputWatch()
    t = _feed(watch, 1.0, 0.0, level=3)
    t = _feed(watch, 5.0, t, level=0)  # silence from t = 1.0
    assert not watch.dead([Line(start=0.5, end=1.3)], t)  # mostly before the silence
    assert watch.dead([Line(start=0.5, end=3.0)], t)  # began just before it: still counts
    assert not watch.dead([Line(start=2.0, end=4.0, device=False)], t)  # printed, not played
    assert not watch.dead([Line(start=2.0, end=2.2)], t)  # a click proves nothing
    assert not watch.dead([Line(start=2.0, end=5.5)], t)  # its echo may still come
    assert not watch.dead([Line(start=2.0, end=None)], t)  # still playing
    assert watch.dead([Line(start=2.0, end=4.0)], t)


def test_a_long_digital_silence_is_reopened_at_growing_intervals() -> None:
    watch = DeadInputWatch(long_silence_s=30.0, max_long_silence_s=100.0)
    t = _feed(watch, 29.0, 0.0, level=0)
    assert not watch.silent_too_long(t)
    t = _feed(watch, 1.5, t, level=0)
    assert watch.silent_too_long(t)  # 30 s of exact zeros: reopen
    watch.reset()  # reopened, and still nothing but zeros
    t = _feed(watch, 35.0, t, level=0)
    assert not watch.silent_too_long(t)  # the wait doubled to 60 s
    t = _feed(watch, 26.0, t, level=0)
    assert watch.silent_too_long(t)
    watch.reset()
    t = _feed(watch, 99.0, t, level=0)
    assert not watch.silent_too_long(t)  # 120 s, capped at 100 s
    t = _feed(watch, 1.5, t, level=0)
    assert watch.silent_too_long(t)


def test_sound_restarts_the_wait_and_a_quiet_room_never_counts() -> None:
    watch = DeadInputWatch(long_silence_s=30.0)
    t = _feed(watch, 31.0, 0.0, level=0)
    assert watch.silent_too_long(t)
    watch.reset()
    t = _feed(watch, 0.2, t, level=5)  # the reopened stream hears the room
    t = _feed(watch, 31.0, t, level=0)
    assert watch.silent_too_long(t)  # back to the first wait, not 60 s
    watch.reset()
    t = _feed(watch, 300.0, t, level=3)  # a quiet room's noise floor: never dead
    assert not watch.silent_too_long(t)
