"""A microphone that goes away mid-run: one clear line, retries with back-off, and the
running pause keeps counting down and speaking; when it returns, Hearth says so.

The failing microphone is a stand-in source the test unplugs once the pause has begun
(test_live_devices.py unplugs a real PulseAudio device); everything else is real:
PocketSphinx, the dialog engine on a clock running six times faster, pyttsx3 and the
real-time output WAV sink.
"""

from __future__ import annotations

import threading
import time

from assistant.config import Settings
from assistant.errors import AudioDeviceError
from assistant.live import LiveLoop, RunOptions
from assistant.speech.audio_in import BLOCK_S, Block
from assistant.speech.wav import load_pcm16

RATE = 16000


class VanishingMicrophone:
    """Plays `pcm` in real time (then silence); the test unplugs and plugs it back."""

    def __init__(self, pcm: bytes) -> None:
        self.pcm = pcm
        self.overflows = 0
        self.opens = 0
        self.present = threading.Event()
        self.present.set()
        self._t0: float | None = None
        self._samples = 0

    def _now(self) -> float:
        return time.monotonic() - (self._t0 or time.monotonic())

    def open(self) -> None:
        self.opens += 1
        if not self.present.is_set():
            raise AudioDeviceError("no microphone: the device went away")
        self._t0 = time.monotonic() - self._samples / RATE  # a stream starts now

    def read(self, timeout: float = 0.5) -> Block | None:
        if not self.present.is_set():
            raise AudioDeviceError("the microphone stopped delivering audio")
        n = int(RATE * BLOCK_S)
        due = (self._samples + n) / RATE
        wait = due - self._now()
        if wait > 0:
            time.sleep(min(wait, timeout))
            if wait > timeout:
                return None
        chunk = self.pcm[2 * self._samples : 2 * (self._samples + n)]
        chunk = chunk.ljust(2 * n, b"\0")
        self._samples += n
        return Block(chunk, self._samples / RATE)

    def close(self) -> None:
        pass


def _wait_until(check, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_microphone_lost_mid_pause(tmp_path, espeak, fast_clock, wavs, recognizer) -> None:
    command = load_pcm16(espeak("hey hearth, we need a minute"))
    pcm = bytes(2 * RATE // 2) + command  # half a second of quiet, then the command
    mic = VanishingMicrophone(pcm)
    errors: list[str] = []
    out = tmp_path / "out.wav"
    loop = LiveLoop(
        Settings(db_path=tmp_path / "h.db", voice="en-us", rate=180),
        RunOptions(output_wav=out, quiet=True),
        clock=fast_clock(6.0),  # the one-minute pause lasts ten seconds
        source=mic,
        recognizer=recognizer,
        stderr=errors.append,
    )
    runner = threading.Thread(target=loop.run, daemon=True)
    runner.start()

    def keys() -> list[str]:
        return [s.key for s in loop.speaker.spoken] if loop.speaker else []

    try:
        _wait_until(lambda: "pause.start" in keys())
        mic.present.clear()  # unplugged while the pause counts down
        _wait_until(lambda: "voice.mic_lost" in keys())
        lost_at = len(keys())
        # The countdown goes on while the microphone is gone.
        _wait_until(lambda: any(k.startswith("pause.") for k in keys()[lost_at:]))
        _wait_until(lambda: mic.opens >= 3)  # retried, with back-off
        mic.present.set()
        _wait_until(lambda: "pause.end" in keys() and "voice.mic_back" in keys())
    finally:
        loop.stop()
        runner.join(timeout=20)
    spoken = loop.speaker.spoken
    keys_said = [s.key for s in spoken]
    assert keys_said[0] == "pause.start", keys_said
    lost = keys_said.index("voice.mic_lost")
    back = keys_said.index("voice.mic_back")
    assert any(k in ("pause.countdown", "pause.last_seconds") for k in keys_said[lost:back])
    # One clear line for the problem (however many retries), one when it is back.
    problems = [e for e in errors if "microphone" in e and "back" not in e]
    assert len(problems) == 1 and "\n" not in problems[0], errors
    assert any("back" in e for e in errors), errors
    assert mic.opens >= 3  # it kept retrying, with back-off (not hundreds of times)
    assert mic.opens < 12
    samples, rate = wavs.read(out)
    assert wavs.voiced(samples, rate) > 5.0  # all of it really spoken into the output
