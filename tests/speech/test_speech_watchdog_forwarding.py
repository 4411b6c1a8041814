"""What the recognizer watchdog passes through to the engine it guards.

The listener looks up optional engine features with getattr (readings, rejection
bars): a wrapper that hid them would silently change what Hearth acts on, and one
that called them outside the watchdog would let them hang the device.
"""

from __future__ import annotations

import threading

import pytest

from assistant.speech.watchdog import GuardedRecognizer


class Engine:
    """The parts of a recognizer the guard needs, plus features only some engines have."""

    name, sample_rate, mode = "test", 16000, "command"
    min_support = 0.42

    def __init__(self) -> None:
        self.hang = threading.Event()
        self.loading = threading.Event()
        """Set: `set_mode` waits for `loaded` (a mode change that loads a model)."""
        self.loaded = threading.Event()

    def set_mode(self, mode: str) -> None:
        if self.loading.is_set():
            assert self.loaded.wait(timeout=30)
        self.mode = mode

    def accept(self, pcm: bytes) -> None:
        return None

    def reread(self, text: str) -> str:
        if self.hang.is_set():
            threading.Event().wait()  # a stuck native call
        return text.upper()


def test_values_and_methods_of_the_engine_pass_through() -> None:
    guarded = GuardedRecognizer(Engine)
    assert guarded.min_support == 0.42
    assert guarded.reread("we need a minute") == "WE NEED A MINUTE"
    assert getattr(guarded, "open_reading", None) is None  # what the engine lacks, too
    with pytest.raises(AttributeError):
        guarded._worker_private_thing  # noqa: B018 - internals are never forwarded


def test_an_engine_feature_that_hangs_is_guarded_like_the_rest() -> None:
    made: list[Engine] = []

    def factory() -> Engine:
        made.append(Engine())
        return made[-1]

    guarded = GuardedRecognizer(factory, hang_s=0.5)
    made[0].hang.set()
    assert guarded.reread("hello") is None  # given up on, not waited for forever
    assert guarded.restarts == 1 and guarded.inner is made[1]
    assert guarded.reread("hello") == "HELLO"


def test_a_mode_change_may_take_longer_than_a_call() -> None:
    """Open mode can load a model (PocketSphinx's open model, on first use): a mode
    change slower than `hang_s` is not a hang, and the engine is not replaced."""
    made: list[Engine] = []

    def factory() -> Engine:
        made.append(Engine())
        return made[-1]

    guarded = GuardedRecognizer(factory, hang_s=0.2)
    made[0].loading.set()
    timer = threading.Timer(1.0, made[0].loaded.set)  # the model is ready after 5 x hang_s
    timer.start()
    guarded.set_mode("open")
    timer.join()
    assert guarded.restarts == 0 and guarded.inner is made[0]
    assert guarded.mode == "open" and made[0].mode == "open"
