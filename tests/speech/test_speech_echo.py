"""The echo canceller: the floor it leaves, and when it keeps or drops its delay lock.

Hearth's voice here is a noise-like signal (speech-shaped enough for the
cross-correlation; the live loop is tested through PulseAudio in tests/live)."""

from __future__ import annotations

import numpy as np

from assistant.speech.echo import EchoCanceller

RATE = 16000
BLOCK = 320  # 20 ms
DELAY = 1200  # samples from the speaker to the microphone


def _voice(seconds: float, level: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.normal(0, level, int(seconds * RATE))


def _run(canceller: EchoCanceller, played: np.ndarray, mic: np.ndarray) -> list[tuple]:
    """Play `played` and hear `mic` block by block; (output samples, reliable, offset)."""
    out = []
    for i in range(0, len(played), BLOCK):
        canceller.played(played[i : i + BLOCK].astype(np.int16))
        pcm, ok = canceller.process(mic[i : i + BLOCK].astype("<i2").tobytes())
        out.append((np.frombuffer(pcm, dtype="<i2"), ok, canceller.offset))
    return out


def _echo(played: np.ndarray, delay: int = DELAY) -> np.ndarray:
    return np.concatenate([np.zeros(delay), played[:-delay]])


def test_removed_echo_leaves_a_faint_floor_not_digital_silence() -> None:
    played = _voice(3.0, 3000, seed=1)
    blocks = _run(EchoCanceller(), played, _echo(played))
    assert blocks[-1][2] == DELAY
    tail = np.concatenate([b for b, ok, _ in blocks[-50:]])  # the last second, locked
    assert all(ok for _, ok, _ in blocks[-50:])
    # Hearth's voice (3000 RMS) is gone, and what is left is a noise floor, not zeros:
    # PocketSphinx reads speech after digital silence poorly.
    assert 1.0 < tail.std() < 10.0
    assert np.count_nonzero(tail) > 0.5 * len(tail)


def test_no_floor_when_asked_for_none() -> None:
    played = _voice(3.0, 3000, seed=1)
    blocks = _run(EchoCanceller(comfort_noise=0.0), played, _echo(played))
    assert not np.concatenate([b for b, _, _ in blocks[-50:]]).any()


def test_the_lock_holds_while_someone_talks_over_a_quiet_stretch() -> None:
    # Hearth: 2 s at its full level, then 2 s of a quiet stretch (a pause, soft words)
    # while a person talks loudly over it.
    played = np.concatenate([_voice(2.0, 3000, seed=1), _voice(2.0, 100, seed=2)])
    person = np.concatenate([np.zeros(2 * RATE), _voice(2.0, 3000, seed=3)])
    blocks = _run(EchoCanceller(), played, _echo(played) + person)
    talk = blocks[2 * RATE // BLOCK :]
    # Every block of the person's speech reaches the recognizer, echo removed.
    assert all(ok and offset == DELAY for _, ok, offset in talk)
    heard = np.concatenate([b for b, _, _ in talk]).astype(float)
    assert np.corrcoef(heard, person[2 * RATE :])[0, 1] > 0.99


def test_a_changed_delay_is_found_again() -> None:
    # The output dropped a block (an underrun): from then on the echo comes later.
    played = _voice(5.0, 3000, seed=1)
    mic = _echo(played)
    later = _echo(played, DELAY + 480)
    mic[int(2.5 * RATE) :] = later[int(2.5 * RATE) :]
    blocks = _run(EchoCanceller(), played, mic)
    assert blocks[int(2.4 * RATE) // BLOCK][2] == DELAY
    assert blocks[-1][2] == DELAY + 480
    # Until the new delay is found, what would be left is Hearth's voice twice over:
    # such blocks are not handed on as clean (the recognizer read words in them).
    assert max(b.astype(float).std() for b, ok, _ in blocks[5:] if ok) < 100
    tail = np.concatenate([b for b, ok, _ in blocks[-25:] if ok]).astype(float)
    assert tail.std() < 10.0  # cancelled again at the new delay


def test_a_delay_that_moves_by_a_sample_is_followed_at_once() -> None:
    # On the loopback under load the delay moved by one sample between two checks of
    # the lock; one sample off leaves most of Hearth's voice in.
    played = _voice(3.0, 3000, seed=1)
    mic = _echo(played)
    moved = _echo(played, DELAY + 1)
    change = int(1.51 * RATE)
    mic[change:] = moved[change:]
    blocks = _run(EchoCanceller(), played, mic)
    after = blocks[change // BLOCK + 1 : change // BLOCK + 10]  # the next 180 ms
    assert all(ok and offset == DELAY + 1 for _, ok, offset in after)
    assert np.concatenate([b for b, _, _ in after]).astype(float).std() < 10.0
