"""A watchdog over the parts that can hang or crash: speech synthesis (pyttsx3 in its
helper process) and speech recognition (native engines).

Faults are real: the synthesizer's helper process is killed (SIGKILL) or frozen
(SIGSTOP); the recognizer blocks or raises inside a wrapper around the real
PocketSphinx recognizer. Each time the watchdog notices within a few seconds, logs
it and restarts the part; Hearth goes on speaking and listening, timers keep running.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

from assistant.config import Settings
from assistant.live import LiveLoop, RunOptions
from assistant.speech.audio_in import BLOCK_S, Block
from assistant.speech.recognizer import create_recognizer
from assistant.speech.tts import HANG_S as TTS_HANG_S
from assistant.speech.tts import PING_EVERY_S, Synthesizer
from assistant.speech.watchdog import GuardedRecognizer
from assistant.speech.wav import load_pcm16

RATE = 16000


def _wait_until(check, timeout: float = 180.0, what: object = "") -> None:
    """Poll `check` until it holds (a generous bound: a loaded machine is slow).

    `what` (a value or a callable giving one) goes into the failure message."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out: {what() if callable(what) else what}"
        time.sleep(0.05)


def _within(check, seconds: float) -> bool:
    """Whether `check` holds within `seconds` (no failure when it does not)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def _warnings(caplog, text: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING and text in r.message]


def test_a_killed_synthesizer_is_restarted_by_the_watchdog(caplog) -> None:
    caplog.set_level(logging.WARNING)
    with Synthesizer(voice="en-us") as synth:
        first = synth.helper_pid
        killed_at = time.time()
        os.kill(first, signal.SIGKILL)
        _wait_until(lambda: synth.restarts == 1)
        noticed = _warnings(caplog, "Speech synthesis stopped working")
        assert noticed and noticed[0].created - killed_at <= PING_EVERY_S + TTS_HANG_S
        assert synth.helper_pid != first
        speech = synth.render("Thirty seconds left.")
        assert 0.8 < speech.duration < 2.5


def test_a_frozen_synthesizer_is_restarted_and_the_line_still_comes(caplog) -> None:
    caplog.set_level(logging.WARNING)
    with Synthesizer(voice="en-us") as synth:
        frozen = synth.helper_pid
        os.kill(frozen, signal.SIGSTOP)  # like a runAndWait that never returns
        try:
            speech = synth.render("Thirty seconds left.")
        finally:
            if os.path.exists(f"/proc/{frozen}"):
                os.kill(frozen, signal.SIGKILL)
        assert 0.8 < speech.duration < 2.5
        assert synth.restarts == 1 and synth.helper_pid != frozen
        assert _warnings(caplog, "did not answer")


class Faulty:
    """The real recognizer, made to hang (block forever) or crash on demand."""

    def __init__(self, real) -> None:
        self.real = real
        self.name, self.sample_rate, self.grammar = real.name, real.sample_rate, real.grammar
        self.hang = threading.Event()
        self.crash = threading.Event()

    @property
    def mode(self):
        return self.real.mode

    def set_mode(self, mode) -> None:
        self.real.set_mode(mode)

    def accept(self, pcm: bytes):
        if self.hang.is_set():
            threading.Event().wait()  # never returns, like a stuck native call
        if self.crash.is_set():
            raise RuntimeError("decoder state corrupted")
        return self.real.accept(pcm)

    def partial(self) -> str:
        return self.real.partial()

    def finish(self):
        return self.real.finish()

    def reset(self) -> None:
        self.real.reset()


def test_a_crashing_recognizer_is_replaced_and_hears_the_next_command(
    espeak, recognizer, caplog
) -> None:
    caplog.set_level(logging.WARNING)
    faulty = Faulty(recognizer)
    fresh = []

    def factory():
        made = faulty if not fresh else create_recognizer(Settings(), "sphinx")
        fresh.append(made)
        return made

    guarded = GuardedRecognizer(factory)
    faulty.crash.set()
    assert guarded.accept(bytes(640)) is None  # the crash is contained
    assert guarded.restarts == 1 and _warnings(caplog, "failed (RuntimeError)")
    pcm = load_pcm16(espeak("we need a minute")) + bytes(2 * RATE)
    heard = [
        u.text
        for i in range(0, len(pcm), 640)
        if (u := guarded.accept(pcm[i : i + 640])) is not None and u.text
    ]
    assert heard == ["we need a minute"]


class Room:
    """A microphone in real time: silence, and clips the test says into it."""

    def __init__(self) -> None:
        self.overflows = 0
        self._queue: list[bytes] = []
        self._lock = threading.Lock()
        self._t0 = 0.0
        self._samples = 0

    def say(self, pcm: bytes) -> None:
        with self._lock:
            self._queue.append(pcm)

    def open(self) -> None:
        self._t0 = time.monotonic() - self._samples / RATE

    def read(self, timeout: float = 0.5) -> Block | None:
        n = int(RATE * BLOCK_S)
        wait = (self._samples + n) / RATE - (time.monotonic() - self._t0)
        if wait > timeout:
            time.sleep(timeout)
            return None
        if wait > 0:
            time.sleep(wait)
        with self._lock:
            pending = b"".join(self._queue)
            chunk, rest = pending[: 2 * n], pending[2 * n :]
            self._queue = [rest] if rest else []
        self._samples += n
        return Block(chunk.ljust(2 * n, b"\0"), self._samples / RATE)

    def caught_up(self) -> bool:
        """Whether the listener has read the room up to now (not behind after a stall)."""
        return (time.monotonic() - self._t0) - self._samples / RATE < 0.2

    def close(self) -> None:
        pass


def test_a_hung_recognizer_is_restarted_while_timers_run(
    tmp_path, espeak, fast_clock, caplog
) -> None:
    caplog.set_level(logging.WARNING)
    # Its own engine, not the session's shared one: this test hangs the engine it wraps.
    faulty = Faulty(create_recognizer(Settings(), "sphinx"))
    made = []

    def factory():
        made.append(faulty if not made else create_recognizer(Settings(), "sphinx"))
        return made[-1]

    room = Room()
    loop = LiveLoop(
        Settings(db_path=tmp_path / "h.db", voice="en-us", rate=180),
        RunOptions(output_wav=tmp_path / "out.wav", quiet=True),
        clock=fast_clock(5.0),  # a five-minute pause lasts a minute
        source=room,
        recognizer_factory=factory,
        stderr=lambda line: None,
    )
    runner = threading.Thread(target=loop.run, daemon=True)
    runner.start()

    def keys() -> list[str]:
        return [s.key for s in loop.speaker.spoken] if loop.speaker else []

    def state() -> str:
        return f"said {keys()}, heard {[h.text for h in loop.heard]}"

    try:
        _wait_until(loop.listening.is_set, what="listening")
        command = load_pcm16(espeak("hey hearth, we need five minutes"))
        for _attempt in range(3):  # said again, as a person would, if not caught
            room.say(command)
            if _within(lambda: "pause.start" in keys(), 30.0):
                break
        _wait_until(lambda: "pause.start" in keys(), what=state)
        faulty.hang.set()
        hung_at, said_when_hung = time.time(), len(keys())
        _wait_until(lambda: loop.recognizer.restarts == 1, what="a restart")
        noticed = _warnings(caplog, "Speech recognition hung")
        assert noticed and noticed[0].created - hung_at <= 5.0 + 3.0
        # Listening again with the new recognizer: a question about the pause is answered
        # (asked right after a countdown line, in the quiet before the next one, once the
        # listener has caught up with the room after the restart).
        question = load_pcm16(espeak("hey hearth, how much time is left"))
        for _attempt in range(3):
            said_before = len(keys())
            _wait_until(
                lambda n=said_before: len(keys()) > n and not loop.speaker.speaking(), what=state
            )
            _wait_until(room.caught_up, what="the listener catching up")
            room.say(question)
            if _within(lambda: "pause.time_left" in keys(), 20.0):
                break
        assert "pause.time_left" in keys(), state()
    finally:
        loop.stop()
        runner.join(timeout=20)
    said = keys()
    # The countdown went on through the hang and the restart.
    assert "pause.start" in said[:said_when_hung] and "pause.countdown" in said[said_when_hung:], (
        said
    )
