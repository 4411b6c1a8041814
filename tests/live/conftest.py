"""Fixtures for the live-voice tests: a real PulseAudio loopback and espeak-ng speech.

The PulseAudio daemon is this session's own: a private socket (so it never meets
another daemon on the machine), a null sink `loop` whose monitor is the default
source, stopped by its PID at the end. Without pulseaudio installed the tests fail
with a clear message: CI installs it, and skipping would hide a broken setup.

In a parallel run (pytest-xdist) a worker that asks for `pulse` starts its own daemon
(its own runtime folder); the tests of this folder run in two real-time lanes, each on
its own worker, one test at a time (see `REAL_TIME_LANES` in tests/conftest.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

# The PulseAudio helper is shared with benchmarks/talk_over.py; pytest's importlib mode
# does not put this folder on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from loopback import (
    NULL_SINK,
    LoopbackError,
    rescan_portaudio,
    set_defaults,
    start_pulse,
    stop_pulse,
)

ESPEAK_VOICE = "en-us+f2"  # decodes best with PocketSphinx (see env notes)
ESPEAK_WPM = 140


def _start_pulse(always_sink: bool = True) -> tuple[dict[str, str], int, Path]:
    """`loopback.start_pulse`, failing the test with its message when it cannot."""
    try:
        return start_pulse(always_sink)
    except LoopbackError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def pulse() -> Iterator[dict[str, str]]:
    """Start a PulseAudio daemon with a 16 kHz mono null sink; yield its environment."""
    env, pid, runtime = _start_pulse()
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    rescan_portaudio()
    try:
        yield env
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        stop_pulse(pid, runtime)


class UnpluggableAudio:
    """A private PulseAudio whose only device (sink `loop` and its monitor) can be
    unplugged and plugged back (`pactl unload-module` / `load-module`).

    Attributes:
        env: the environment that reaches this daemon (for subprocesses).
    """

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self._full = {**os.environ, **env}

    def unplug(self) -> None:
        modules = self.pactl("list", "short", "modules")
        for line in modules.splitlines():
            if "module-null-sink" in line and "sink_name=loop" in line:
                self.pactl("unload-module", line.split()[0])

    def plug(self) -> None:
        self.pactl("load-module", "module-null-sink", *NULL_SINK.split())
        set_defaults(self._full)

    def suspend(self, suspended: bool = True) -> None:
        """Suspend `loop` (or wake it): the device stays listed and opens, but its
        streams get no audio at all, like a half-set-up or stuck sound card."""
        self.pactl("suspend-sink", "loop", "1" if suspended else "0")

    def pactl(self, *args: str) -> str:
        done = subprocess.run(
            ["pactl", *args], env=self._full, capture_output=True, text=True, check=True
        )
        return done.stdout


@pytest.fixture
def unpluggable_audio() -> Iterator[UnpluggableAudio]:
    """A PulseAudio of this test alone, without a fallback sink: unplugging `loop`
    really takes the microphone and the speaker away from Hearth."""
    env, pid, runtime = _start_pulse(always_sink=False)
    try:
        yield UnpluggableAudio(env)
    finally:
        stop_pulse(pid, runtime)


@pytest.fixture(scope="session")
def espeak(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """`espeak(text)` -> path of a WAV of `text` spoken by espeak-ng (cached per text)."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is required for the live tests (apt-get install espeak-ng)")
    folder = tmp_path_factory.mktemp("espeak")
    cache: dict[tuple[str, str, int], Path] = {}

    def make(text: str, voice: str = ESPEAK_VOICE, wpm: int = ESPEAK_WPM) -> Path:
        key = (text, voice, wpm)
        if key not in cache:
            path = folder / f"clip{len(cache)}.wav"
            subprocess.run(
                ["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(path), text], check=True
            )
            cache[key] = path
        return cache[key]

    return make


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Mono int16 samples and rate of a WAV file."""
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    return data, rate


def concat_wavs(parts: list[tuple[Path | None, float]], out: Path, rate: int = 16000) -> list:
    """Write clips (or silence: path None) of given durations; return each clip's (start, end).

    Each clip is followed by `gap` seconds of silence as given in the tuple.
    """
    from assistant.speech.wav import load_pcm16

    chunks, spans, t = [], [], 0.0
    for path, gap in parts:
        if path is not None:
            pcm = np.frombuffer(load_pcm16(path, rate), dtype="<i2")
            chunks.append(pcm)
            spans.append((t, t + len(pcm) / rate))
            t += len(pcm) / rate
        chunks.append(np.zeros(int(gap * rate), dtype="<i2"))
        t += int(gap * rate) / rate
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(np.concatenate(chunks).astype("<i2").tobytes())
    return spans


def voiced_seconds(samples: np.ndarray, rate: int, level: float = 500.0) -> float:
    """Seconds of 20 ms blocks whose RMS exceeds `level` (speech, not silence)."""
    block = int(rate * 0.02)
    n = len(samples) // block
    if n == 0:
        return 0.0
    frames = samples[: n * block].astype(np.float64).reshape(n, block)
    rms = np.sqrt((frames**2).mean(axis=1))
    return float((rms > level).sum() * 0.02)


def voiced_end(samples: np.ndarray, rate: int, level: float = 500.0) -> float:
    """Seconds from the start to the end of the last voiced 20 ms block (0.0 if none):
    where speech really ends, before the synthesizer's own trailing silence."""
    block = int(rate * 0.02)
    n = len(samples) // block
    frames = samples[: n * block].astype(np.float64).reshape(n, block)
    voiced = np.nonzero(np.sqrt((frames**2).mean(axis=1)) > level)[0]
    return float((voiced[-1] + 1) * 0.02) if len(voiced) else 0.0


@pytest.fixture(scope="session")
def wavs() -> SimpleNamespace:
    """WAV helpers for tests: read, concat (clips with gaps -> spans), voiced (seconds),
    voiced_end (seconds)."""
    return SimpleNamespace(
        read=read_wav, concat=concat_wavs, voiced=voiced_seconds, voiced_end=voiced_end
    )


class FastRealClock:
    """The real clock, running `speed` times faster for timers (a one-minute pause in
    ten seconds); the audio still plays at its true speed."""

    def __init__(self, speed: float) -> None:
        from datetime import datetime

        self.speed = speed
        self._t0 = time.monotonic()
        self._wall0 = datetime.now()

    def now(self) -> float:
        return (time.monotonic() - self._t0) * self.speed

    def wall(self):
        from datetime import timedelta

        return self._wall0 + timedelta(seconds=self.now())


@pytest.fixture(scope="session")
def fast_clock() -> type[FastRealClock]:
    return FastRealClock


@pytest.fixture(scope="session")
def recognizer():
    """The recognizer `hearth run` uses: the speech factory with the production command
    grammar generated from the intent templates (engine "auto": PocketSphinx unless a
    Vosk model is installed). Built once: the grammar takes seconds to compile."""
    from assistant.config import Settings
    from assistant.speech.recognizer import create_recognizer

    return create_recognizer(Settings(), "auto")


@pytest.fixture(scope="session")
def meaning() -> Callable[[list], list[tuple[str, dict]]]:
    """`meaning(heard)` -> [(intent, slots)] of the listener's decisions, as the engine
    will read them: the recognizer may spell a command its own way ("a min")."""
    from assistant.nlu import load_parser

    parser = load_parser()

    def read(heard: list) -> list[tuple[str, dict]]:
        return [(i.name, dict(i.slots)) for i in (parser.parse(h.text) for h in heard)]

    return read


@pytest.fixture
def say_to_hearth(pulse: dict[str, str], espeak) -> Callable[..., str]:
    """`say_to_hearth(run, clip)` plays `clip` into the loopback that the `hearth run`
    process `run` listens to and returns Hearth's first reply line.

    A loaded machine can drop audio on the capture side; then Hearth says it did not
    catch it, which is the safe outcome, and the clip is said again, as a person
    would (three times at most). When the request was backed only weakly, Hearth asks
    whether it heard it right ("Did you want a pause?"): it gets a yes once the
    question is over, as a person would, and the reply to that is returned (`run`
    must be started with `--verbose`, which prints when a line ends). Any other reply
    ends the attempts, so a request heard as another one still reaches the test's own
    assertions.
    """
    import re

    from assistant.dialog.responses import Responses

    lines = Responses().lines
    not_caught = {f"Hearth: {line}" for line in lines["voice.not_caught"]}
    questions = [
        re.compile("Hearth: " + re.sub(r"\\\{\w+\\\}", ".+", re.escape(line)) + "$")
        for key, variants in lines.items()
        if key.startswith("check.") and key not in ("check.no_thanks", "check.safety_no")
        for line in variants
    ]

    def play(clip: Path) -> None:
        subprocess.run(
            ["paplay", "--device=loop", str(clip)], env={**pulse}, check=True, timeout=60
        )

    def say(run, clip: Path, attempts: int = 3) -> str:
        reply = ""
        for _attempt in range(attempts):
            mark = run.mark()
            play(clip)
            reply = run.wait_for(lambda line: line.startswith("Hearth: "), after=mark)
            if any(q.match(reply) for q in questions):
                # Answered once the question has been said (its end is an event that
                # `--verbose` prints); a yes over Hearth's voice is not an answer.
                assert "--verbose" in run.args, f"asked {reply!r}: run it with --verbose"
                run.wait_for(lambda line: line.startswith("[spoken] {'key': 'check."), after=mark)
                mark = run.mark()
                play(espeak("yes"))
                reply = run.wait_for(lambda line: line.startswith("Hearth: "), after=mark)
            if reply not in not_caught:
                break
        return reply

    return say
