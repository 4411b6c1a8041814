"""Dropouts (holes of digital zeros inside sound) are spliced out of the microphone's
audio; digital silence is passed on whole and in order.

A loaded CI machine's PulseAudio loopback once turned "hey hearth, we need a minute"
into a request for a counsellor: an underrun had put a hole in the word "minute".
"""

from __future__ import annotations

import numpy as np

from assistant.speech.dropouts import DropoutSplicer
from assistant.speech.listener import Listener, ListenerConfig

RATE = 16000
BLOCK = 320  # 20 ms


def _tone(seconds: float, level: int = 3000) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (level * np.sin(2 * np.pi * 220 * t) + 7).astype("<i2")  # +7: no exact zeros


def _stream(splicer: DropoutSplicer, x: np.ndarray, block: int = BLOCK) -> np.ndarray:
    out = b"".join(splicer(x[i : i + block].tobytes()) for i in range(0, x.size, block))
    return np.frombuffer(out, dtype="<i2")


def test_a_short_hole_inside_sound_is_removed() -> None:
    before, after = _tone(0.5), _tone(0.4, level=2000)
    splicer = DropoutSplicer(RATE)
    hole = np.zeros(int(0.06 * RATE), dtype="<i2")
    out = _stream(splicer, np.concatenate([before, hole, after]), block=333)  # uneven blocks
    assert np.array_equal(out, np.concatenate([before, after]))
    assert splicer.spliced == 1


def test_silence_after_sound_is_passed_on_whole_and_in_order() -> None:
    sound, quiet = _tone(0.3), np.zeros(int(0.5 * RATE), dtype="<i2")
    x = np.concatenate([sound, quiet, sound])
    out = _stream(DropoutSplicer(RATE), x)
    assert np.array_equal(out, x)


def test_digital_silence_is_never_delayed() -> None:
    splicer = DropoutSplicer(RATE)
    quiet = bytes(2 * BLOCK)  # 20 ms
    assert all(splicer(quiet) == quiet for _ in range(10))
    # After a sound, silence is held back until it is longer than a dropout (100 ms),
    # then released whole; from there on it flows at once.
    splicer(_tone(0.1).tobytes())
    sizes = [len(splicer(quiet)) // len(quiet) for _ in range(8)]
    assert sizes == [0, 0, 0, 0, 0, 6, 1, 1]


def test_zeros_after_a_fade_are_passed_on_at_once() -> None:
    """Speech fades before a natural silence: nothing to hold back (no delay)."""
    fade = (_tone(0.2).astype(np.float64) * np.linspace(1.0, 0.0, int(0.2 * RATE))).astype("<i2")
    fade[-200:] = np.where(np.arange(200) % 2, 1, -1)  # a synthesizer's last samples
    splicer = DropoutSplicer(RATE)
    x = np.concatenate([fade, np.zeros(int(0.05 * RATE), dtype="<i2"), fade])
    blocks = [x[i : i + BLOCK].tobytes() for i in range(0, x.size, BLOCK)]
    assert [splicer(b) for b in blocks] == blocks
    assert splicer.spliced == 0


def test_zero_crossings_are_part_of_the_waveform() -> None:
    x = _tone(0.2)
    x[1000:1010] = 0  # 10 samples: well under min_gap_s
    splicer = DropoutSplicer(RATE)
    assert np.array_equal(_stream(splicer, x), x)
    assert splicer.spliced == 0


def test_a_hole_too_long_for_a_dropout_is_kept() -> None:
    x = np.concatenate([_tone(0.2), np.zeros(int(0.2 * RATE), dtype="<i2"), _tone(0.2)])
    assert np.array_equal(_stream(DropoutSplicer(RATE), x), x)


def _hear(recognizer, parse, pcm: bytes, splicer: DropoutSplicer | None) -> list[str]:
    """What a fresh Listener in wake mode hands on, fed in 20 ms blocks (optionally
    through the splicer first, as the microphone source does)."""
    recognizer.reset()
    listener = Listener(recognizer, ListenerConfig(wake_phrase="hey hearth"), parse)
    audio = bytes(16000) + pcm + bytes(32000)
    heard, fed = [], 0
    for i in range(0, len(audio), 2 * BLOCK):
        block = audio[i : i + 2 * BLOCK]
        block = splicer(block) if splicer is not None else block
        if block:
            fed += len(block)
            heard += listener.feed(block, fed / 32000, mode="wake")
    heard += listener.flush(fed / 32000)
    return [parse(h.text).name for h in heard if not h.declined]


def test_the_pause_is_heard_through_holes_in_the_audio(product_sphinx, parser, synth_pcm) -> None:
    """Real PocketSphinx (the command model `hearth run` builds) and espeak-ng speech,
    with one 70 ms hole of zeros at each of eight places in the speech. (Unspliced,
    5 of these 8 are read as a request for a counsellor: support, not the pause.)"""
    clip = np.frombuffer(synth_pcm("hey hearth, we need a minute"), dtype="<i2")
    hole = np.zeros(int(0.07 * RATE), dtype="<i2")
    # Eight cuts into loud speech (an underrun cuts in anywhere; in a quiet stretch
    # the splicer leaves the hole alone, and a hole there matters less).
    level = np.sqrt(np.convolve(clip.astype(np.float64) ** 2, np.ones(80) / 80, "full"))
    loud = np.flatnonzero(level[: clip.size] > 1000)
    places = loud[np.linspace(0, loud.size - 1, 8).astype(int)]
    holed = [np.concatenate([clip[:p], hole, clip[p:]]).tobytes() for p in places]
    assert _hear(product_sphinx, parser.parse, clip.tobytes(), None) == ["pause"]
    splicers = [DropoutSplicer(RATE) for _ in holed]
    pairs = zip(holed, splicers, strict=True)
    heard = [_hear(product_sphinx, parser.parse, pcm, s) for pcm, s in pairs]
    assert heard == [["pause"]] * len(holed)
    assert [s.spliced for s in splicers] == [1] * len(holed)
