"""Text to speech: pyttsx3 (espeak driver) renders each line to samples.

Hearth never lets pyttsx3 play anything itself: its `say()` shells out to
`aplay` and cannot be interrupted. Instead a helper process (`tts_worker`) owns
the pyttsx3 engine and renders every line to a WAV file, which we read back and
hand to an `AudioSink` that can be cut off mid-word (see `audio_out`).

pyttsx3 can hang (`runAndWait`) or crash: a watchdog here notices a helper that
died or stopped answering within a few seconds, logs it, kills it and starts a
new one; the line is rendered again by the new helper.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import wave
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import HearthError
from assistant.speech.line_cache import LineCache

log = logging.getLogger(__name__)

TTS_RATE = 22050
"""pyttsx3's espeak driver always writes 22050 Hz mono int16."""

HANG_S = 4.0
"""A line not rendered after this long (plus a little per character) means the helper
hung: espeak renders a sentence in tens of milliseconds."""

START_S = 30.0
"""The helper's start (importing pyttsx3, loading espeak) may take this long under load."""

PING_EVERY_S = 2.0
"""How often the watchdog checks an idle helper."""


@dataclass(frozen=True)
class Speech:
    """One rendered line.

    Attributes:
        text: what is said.
        samples: mono int16 samples.
        rate: sample rate of `samples` in Hz.
        key: the response key the dialog engine gave for this line ("" if none).
    """

    text: str
    samples: np.ndarray
    rate: int = TTS_RATE
    key: str = ""

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate if self.rate else 0.0


class _HelperGone(Exception):
    """The helper died or did not answer in time (the watchdog restarts it)."""


class _Helper:
    """One running helper process and the thread reading its answers."""

    def __init__(self, voice: str, rate: int, volume: float) -> None:
        # The helper must import this very package (not another install of it).
        root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.speech.tts_worker", voice, str(rate), str(volume)],
            env={**os.environ, "PYTHONPATH": path},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        self.answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True, name="tts-answers").start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            try:
                self.answers.put(json.loads(line))
            except ValueError:
                continue
        self.answers.put(None)  # the helper is gone

    def ask(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Send one request and wait for its answer (raises _HelperGone)."""
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        except (OSError, ValueError):
            raise _HelperGone("it has stopped") from None
        return self.answer(timeout)

    def answer(self, timeout: float) -> dict[str, Any]:
        try:
            answer = self.answers.get(timeout=timeout)
        except queue.Empty:
            raise _HelperGone(f"it did not answer within {timeout:.0f} s") from None
        if answer is None:
            raise _HelperGone("it has stopped")
        return answer

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)  # SIGKILL ends even a stopped process
        for pipe in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()


class Synthesizer:
    """Renders lines in a watched helper process.

    `render` may be called from any thread; calls are served one at a time.

    Attributes:
        restarts: how many times the watchdog restarted the helper.
    """

    def __init__(
        self,
        voice: str = "",
        rate: int = 160,
        volume: float = 1.0,
        cache_folder: Path | bool | None = False,
    ) -> None:
        """`cache_folder`: keep rendered lines (see `LineCache`) in memory and in this
        folder; None: in memory only; False (the default): render every line afresh."""
        self.voice = voice
        self.rate = rate
        self.volume = volume
        self.restarts = 0
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._count = 0
        self._engine_volume = float(volume)  # what espeak renders at; see set_volume
        self._cache = (
            None
            if cache_folder is False
            else LineCache(cache_folder or None, voice, rate, self._engine_volume)
        )
        self._tmpdir = Path(tempfile.mkdtemp(prefix="hearth-tts-"))
        # Removed by `close`, and also when the object is dropped or Python exits
        # without it (an exit on a signal, a caller that never closes): a device that
        # runs for months must not fill /tmp with one folder per start.
        self._remove_tmpdir = weakref.finalize(
            self, shutil.rmtree, str(self._tmpdir), ignore_errors=True
        )
        try:
            self._helper = self._start()  # a bad voice is one HearthError, once, at start
        except BaseException:
            self._remove_tmpdir()
            raise
        self._watchdog = threading.Thread(target=self._watch, daemon=True, name="tts-watchdog")
        self._watchdog.start()

    @classmethod
    def from_settings(cls, settings: Any) -> Synthesizer:
        """The synthesizer `hearth run` speaks with: lines cached in the user cache folder."""
        from assistant.cache import cache_dir

        return cls(
            voice=settings.voice,
            rate=settings.rate,
            volume=settings.volume,
            cache_folder=cache_dir() / "lines",
        )

    def set_volume(self, volume: float) -> None:
        """Speak the next rendered lines at `volume` (0.0 to 1.0).

        The samples are scaled: espeak takes a volume change made after its first
        line only at some later line, and a reply must be heard at the level asked for.
        """
        if not 0.0 <= float(volume) <= 1.0:
            raise HearthError(f"volume {volume} is out of range (0.0-1.0)")
        self.volume = float(volume)

    @property
    def helper_pid(self) -> int:
        """The helper process's id (for tests and diagnostics)."""
        return self._helper.proc.pid

    def render(self, text: str, key: str = "", timeout: float = 30.0) -> Speech:
        """Speech for `text` (blocks until rendered; a hung helper is restarted and the
        line rendered again once)."""
        if self._closed.is_set():
            raise HearthError("the speech synthesizer has stopped")
        with self._lock:
            cached = self._cache.get(text) if self._cache is not None else None
            if cached is not None:
                return Speech(text=text, samples=self._at_volume(cached), key=key)
            self._count += 1
            path = self._tmpdir / f"line-{self._count}.wav"
            try:
                for attempt in (1, 2):
                    try:
                        answer = self._helper.ask(
                            {"text": text, "path": str(path)},
                            timeout=min(timeout, HANG_S + 0.02 * len(text)),
                        )
                    except _HelperGone as exc:
                        self._restart(str(exc))
                        if attempt == 2:
                            raise HearthError("speech synthesis keeps failing") from None
                        continue
                    if "error" in answer:
                        raise HearthError(str(answer["error"]))
                    samples = _read_wav_samples(path)
                    if self._cache is not None:
                        self._cache.put(text, samples)
                    return Speech(text=text, samples=self._at_volume(samples), key=key)
            finally:
                path.unlink(missing_ok=True)
        raise AssertionError("unreachable")  # pragma: no cover

    def is_cached(self, text: str) -> bool:
        """`text` is rendered already (in the line cache): `render` returns at once."""
        if self._cache is None:
            return False
        with self._lock:
            # `get`, not `has`: the line read now is kept for the render that follows
            return self._cache.get(text) is not None

    def warm(self, texts: Iterable[str], stop: threading.Event | None = None) -> int:
        """Render the lines of `texts` not cached yet, one at a time (a line asked for
        meanwhile waits for one render at most); returns how many were rendered."""
        if self._cache is None:
            return 0
        rendered = 0
        texts = list(texts)
        with self._lock:
            self._cache.allow(texts)
        for text in texts:
            if (stop is not None and stop.is_set()) or self._closed.is_set():
                break
            with self._lock:
                known = self._cache.has(text)
            if not known:
                try:
                    self.render(text)
                except HearthError as exc:  # warming is a favour: never a failure
                    log.info("could not render a line ahead: %s", exc)
                    break
                rendered += 1
        return rendered

    def _at_volume(self, samples: np.ndarray) -> np.ndarray:
        """Samples scaled from the volume espeak renders at to the one asked for."""
        if self.volume == self._engine_volume or self._engine_volume <= 0:
            return samples
        gain = self.volume / self._engine_volume
        return np.clip(samples.astype(np.float64) * gain, -32768, 32767).astype(np.int16)

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            self._helper.kill()
        self._watchdog.join(timeout=5)
        self._remove_tmpdir()

    def __enter__(self) -> Synthesizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the helper and its watchdog ---------------------------------------------------

    def _start(self) -> _Helper:
        helper = _Helper(self.voice, self.rate, self._engine_volume)
        try:
            answer = helper.answer(timeout=START_S)
        except _HelperGone as exc:
            helper.kill()
            raise HearthError(f"cannot start speech synthesis (espeak-ng): {exc}") from None
        if "error" in answer:
            helper.kill()
            raise HearthError(str(answer["error"]))
        return helper

    def _restart(self, why: str) -> None:
        """Replace a dead or hung helper (the caller holds the lock)."""
        log.warning("Speech synthesis stopped working (%s); restarting it.", why)
        self._helper.kill()
        self._helper = self._start()
        self.restarts += 1
        log.warning("Speech synthesis restarted.")

    def _watch(self) -> None:
        """Check the idle helper every few seconds: a dead or frozen one is replaced
        before the next line needs it."""
        while not self._closed.wait(PING_EVERY_S):
            if not self._lock.acquire(blocking=False):
                continue  # rendering: `render` watches the helper itself
            try:
                if self._closed.is_set():
                    return
                try:
                    self._helper.ask({"ping": True}, timeout=HANG_S)
                except _HelperGone as exc:
                    try:
                        self._restart(str(exc))
                    except HearthError as failed:
                        log.warning("%s; trying again shortly.", failed)
            finally:
                self._lock.release()


def _read_wav_samples(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as wav:
        if wav.getframerate() != TTS_RATE or wav.getsampwidth() != 2:
            raise HearthError("speech synthesis wrote an unexpected audio format")
        frames = wav.readframes(wav.getnframes())
        channels = wav.getnchannels()
    samples = np.frombuffer(frames, dtype="<i2").copy()
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1).astype(np.int16)
    return samples
