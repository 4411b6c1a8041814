"""A microphone that goes away mid-run: one clear line, retries with back-off, and the
running pause keeps counting down and speaking; when it returns, Hearth says so.

The failing microphone is a stand-in source (a real device cannot be unplugged in
CI); everything else is real: PocketSphinx, the dialog engine on a clock running six
times faster, pyttsx3 and the real-time output WAV sink.
"""

from __future__ import annotations

import time

from assistant.config import Settings
from assistant.errors import AudioDeviceError
from assistant.live import LiveLoop, RunOptions
from assistant.speech.audio_in import BLOCK_S, Block
from assistant.speech.wav import load_pcm16

RATE = 16000


class VanishingMicrophone:
    """Plays `pcm` in real time, then is gone between `gone_from` and `gone_until`
    seconds after it was first opened."""

    def __init__(self, pcm: bytes, gone_from: float, gone_until: float) -> None:
        self.pcm = pcm
        self.gone = (gone_from, gone_until)
        self.overflows = 0
        self.opens = 0
        self._t0: float | None = None
        self._samples = 0

    def _now(self) -> float:
        return time.monotonic() - (self._t0 or time.monotonic())

    def _is_gone(self) -> bool:
        return self.gone[0] <= self._now() < self.gone[1]

    def open(self) -> None:
        self.opens += 1
        if self._t0 is None:
            self._t0 = time.monotonic()
        if self._is_gone():
            raise AudioDeviceError("no microphone: the device went away")

    def read(self, timeout: float = 0.5) -> Block | None:
        if self._is_gone():
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


def test_microphone_lost_mid_pause(tmp_path, espeak, fast_clock, wavs, recognizer) -> None:
    import threading

    command = load_pcm16(espeak("hey hearth, we need a minute"))
    said = len(command) / 2 / RATE
    pcm = bytes(2 * RATE // 2) + command  # half a second of quiet, then the command
    mic = VanishingMicrophone(pcm, gone_from=0.5 + said + 1.0, gone_until=0.5 + said + 7.5)
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
    try:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            keys = [s.key for s in loop.speaker.spoken] if loop.speaker else []
            if "pause.end" in keys and "voice.mic_back" in keys:
                break
            time.sleep(0.1)
    finally:
        loop.stop()
        runner.join(timeout=20)
    spoken = loop.speaker.spoken
    keys = [s.key for s in spoken]
    assert keys[0] == "pause.start", keys
    assert "voice.mic_lost" in keys and "voice.mic_back" in keys, keys
    # The countdown went on while the microphone was gone.
    lost = next(s for s in spoken if s.key == "voice.mic_lost")
    back = next(s for s in spoken if s.key == "voice.mic_back")
    during = [s.key for s in spoken if lost.start <= s.start < back.start]
    assert "pause.countdown" in during or "pause.last_seconds" in during, keys
    assert "pause.end" in keys
    # One clear line for the problem (however many retries), one when it is back.
    problems = [e for e in errors if "microphone" in e and "back" not in e]
    assert len(problems) == 1 and "\n" not in problems[0], errors
    assert any("back" in e for e in errors), errors
    assert mic.opens >= 3  # it kept retrying, with back-off (not hundreds of times)
    assert mic.opens < 12
    samples, rate = wavs.read(out)
    assert wavs.voiced(samples, rate) > 5.0  # all of it really spoken into the output
