"""When the speaker is given up on: only when it stops asking for audio.

The device is a stand-in that asks for blocks on its own schedule (the real device's
playback and abort are tested through PulseAudio in `test_live_audio.py`); what is
under test is the sink's watchdog around it.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
import sounddevice as sd

from assistant.errors import AudioDeviceError
from assistant.speech.audio_out import DeviceSink
from assistant.speech.tts import Speech

RATE = 16000


class _Device:
    """An output stream that asks for a block every `every` seconds, the first one
    after `first` seconds (never, with `first=None`)."""

    first: float | None = 0.0
    every: float = 0.02

    def __init__(self, samplerate, channels, dtype, device, blocksize, callback) -> None:
        self.blocksize, self.callback = blocksize, callback
        self.stopped = threading.Event()
        self.hung = threading.Event()
        """Set: the stream stays open but asks for nothing more."""
        self.closed = False
        self.blocks = 0

    @property
    def active(self) -> bool:
        return not self.stopped.is_set()

    def start(self) -> None:
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        if self.first is None or self.stopped.wait(self.first):
            return
        while not self.stopped.is_set():
            if self.hung.is_set():
                self.stopped.wait(self.every)
                continue
            out = np.zeros((self.blocksize, 1), dtype=np.int16)
            self.callback(out, self.blocksize, None, None)
            self.blocks += 1
            self.stopped.wait(self.every)

    def abort(self, ignore_errors: bool = True) -> None:
        self.stopped.set()

    def close(self, ignore_errors: bool = True) -> None:
        self.closed = True


@pytest.fixture
def device(monkeypatch):
    made: list[_Device] = []

    class Made(_Device):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(sd, "OutputStream", Made)
    Made.made = made
    return Made


def _line(seconds: float) -> Speech:
    return Speech("a line", np.full(int(seconds * RATE), 1000, np.int16), RATE)


def _sink() -> DeviceSink:
    sink = DeviceSink(rate=RATE)
    sink.stall_s, sink.start_stall_s = 0.3, 1.5
    return sink


def test_a_device_that_never_starts_is_one_clear_error(device) -> None:
    device.first = None
    sink = _sink()
    with pytest.raises(AudioDeviceError, match="the speaker stopped responding"):
        sink.play(_line(0.1))
    assert device.made[0].closed  # reopened on the next line, not reused


def test_a_device_that_stops_asking_mid_line_is_given_up_on(device) -> None:
    sink = _sink()
    sink.play(_line(0.1))  # running
    device.made[0].hung.set()
    with pytest.raises(AudioDeviceError, match="the speaker stopped responding"):
        sink.play(_line(0.1))


def test_a_slow_but_moving_device_plays_the_whole_line(device) -> None:
    """A 0.5 s line that the device takes about 1.5 s to ask for (one block every
    60 ms): longer than the line plus the stall allowance, and still played whole."""
    device.every = 0.06
    sink = _sink()
    played = sink.play(_line(0.5))
    assert played.completed
    assert device.made[0].blocks >= 25
    sink.close()


def test_a_slow_starting_device_plays_the_line(device) -> None:
    """The first block comes after 0.6 s: over the running stall allowance (0.3 s) but
    within the allowance for a fresh stream (1.5 s)."""
    device.first = 0.6
    sink = _sink()
    played = sink.play(_line(0.1))
    assert played.completed
    sink.close()
