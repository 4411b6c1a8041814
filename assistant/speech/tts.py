"""Text to speech: pyttsx3 (espeak driver) renders each line to samples.

Hearth never lets pyttsx3 play anything itself: its `say()` shells out to
`aplay` and cannot be interrupted. Instead one worker thread owns the single
pyttsx3 engine and renders every line to a WAV file, which we read back and
hand to an `AudioSink` that can be cut off mid-word (see `audio_out`).
"""

from __future__ import annotations

import queue
import tempfile
import threading
import time
import wave
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import HearthError

TTS_RATE = 22050
"""pyttsx3's espeak driver always writes 22050 Hz mono int16."""


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


class Synthesizer:
    """Renders lines with one pyttsx3 engine, used only from its own worker thread.

    `render` may be called from any thread; calls are served one at a time.
    """

    def __init__(self, voice: str = "", rate: int = 160, volume: float = 1.0) -> None:
        self.voice = voice
        self.rate = rate
        self.volume = volume
        self._engine_volume = float(volume)  # what espeak renders at; see set_volume
        self._jobs: queue.Queue[tuple[str, Future[np.ndarray]] | None] = queue.Queue()
        self._handed_over: threading.Event | None = None  # see _synthesis_done_event
        self._tmpdir = Path(tempfile.mkdtemp(prefix="hearth-tts-"))
        ready: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, args=(ready,), daemon=True, name="tts")
        self._thread.start()
        ready.result(timeout=30)  # raises the HearthError of a bad voice, once, at start

    @classmethod
    def from_settings(cls, settings: Any) -> Synthesizer:
        return cls(voice=settings.voice, rate=settings.rate, volume=settings.volume)

    def set_volume(self, volume: float) -> None:
        """Speak the next rendered lines at `volume` (0.0 to 1.0).

        The samples are scaled: espeak takes a volume change made after its first
        line only at some later line, and a reply must be heard at the level asked for.
        """
        if not 0.0 <= float(volume) <= 1.0:
            raise HearthError(f"volume {volume} is out of range (0.0-1.0)")
        self.volume = float(volume)

    def render(self, text: str, key: str = "", timeout: float = 30.0) -> Speech:
        """Speech for `text` (blocks until rendered)."""
        if not self._thread.is_alive():
            raise HearthError("the speech synthesizer has stopped")
        done: Future[np.ndarray] = Future()
        self._jobs.put((text, done))
        samples = done.result(timeout=timeout)
        if self.volume != self._engine_volume and self._engine_volume > 0:
            gain = self.volume / self._engine_volume
            scaled = np.clip(samples.astype(np.float64) * gain, -32768, 32767)
            samples = scaled.astype(np.int16)
        return Speech(text=text, samples=samples, key=key)

    def close(self) -> None:
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join(timeout=5)
        for leftover in self._tmpdir.glob("*"):
            leftover.unlink(missing_ok=True)
        self._tmpdir.rmdir()

    def __enter__(self) -> Synthesizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- worker thread only below ------------------------------------------------

    def _run(self, ready: Future[None]) -> None:
        try:
            engine, finished = self._start_engine()
        except HearthError as exc:
            ready.set_exception(exc)
            return
        ready.set_result(None)
        count = 0
        while (job := self._jobs.get()) is not None:
            text, done = job
            count += 1
            path = self._tmpdir / f"line-{count}.wav"
            try:
                with _DRIVER_LOCK:
                    done.set_result(self._render_one(engine, finished, text, path))
            except Exception as exc:  # handed to the caller, not lost
                done.set_exception(exc)
            finally:
                path.unlink(missing_ok=True)

    def _start_engine(self) -> tuple[Any, threading.Event]:
        import pyttsx3
        import pyttsx3.drivers.espeak as espeak_driver

        # The driver prints "Audio saved to ..." for every file; Hearth's stdout is for
        # the couple. Shadow `print` in that one module only.
        espeak_driver.print = lambda *args, **kwargs: None  # type: ignore[attr-defined]
        try:
            engine = pyttsx3.init("espeak")
        except Exception as exc:  # any driver failure means no voice
            raise HearthError(f"cannot start speech synthesis (espeak-ng): {exc}") from None
        if self.voice:
            # espeak accepts unknown names silently and keeps its default voice.
            base = self.voice.split("+")[0].lower()
            known = {
                name.lower()
                for v in engine.getProperty("voices")
                for name in (v.id, v.id.rsplit("/", 1)[-1], v.name or "", *(v.languages or ()))
            }
            if base not in known:
                raise HearthError(f"unknown voice {self.voice!r} (try en-us, en, en-us+f2)")
            try:
                engine.setProperty("voice", self.voice)
            except (ValueError, KeyError):
                raise HearthError(
                    f"unknown voice {self.voice!r} (try en-us, en, en-us+f2)"
                ) from None
        if not 40 <= int(self.rate) <= 500:
            raise HearthError(f"speaking rate {self.rate} is out of range (40-500 words/min)")
        if not 0.0 <= float(self.volume) <= 1.0:
            raise HearthError(f"volume {self.volume} is out of range (0.0-1.0)")
        engine.setProperty("rate", int(self.rate))
        engine.setProperty("volume", float(self.volume))
        finished = threading.Event()
        engine.connect("finished-utterance", lambda name=None, completed=True: finished.set())
        self._handed_over = _synthesis_done_event(engine)
        return engine, finished

    def _render_one(
        self, engine: Any, finished: threading.Event, text: str, path: Path
    ) -> np.ndarray:
        # The espeak driver synthesizes on its own thread and races with runAndWait;
        # an empty or missing file is a lost race, not silence: try again.
        for _attempt in range(3):
            path.unlink(missing_ok=True)
            finished.clear()
            handed_over = self._handed_over
            if handed_over is not None:
                handed_over.clear()
            engine.save_to_file(text, str(path))
            engine.runAndWait()
            # runAndWait can return before the driver wrote the file: the callback is
            # the reliable signal that the WAV is complete.
            if not finished.wait(timeout=20):
                continue
            # The driver notifies, then appends the last chunk of samples (up to a
            # second of speech): wait for that, or the line ends early under load.
            if handed_over is not None:
                handed_over.wait(timeout=2.0)
            else:
                time.sleep(0.005)
            _wait_until_complete(path)
            samples = _read_wav_samples(path) if path.exists() else np.zeros(0, np.int16)
            # Samples that arrived with the end event are appended after the file was
            # written; they are still in the driver's buffer.
            driver = getattr(getattr(engine, "proxy", None), "_driver", None)
            tail = getattr(driver, "_data_buffer", b"") or b""
            if tail and driver is not None:
                driver._data_buffer = b""
                samples = np.concatenate([samples, np.frombuffer(tail, dtype="<i2")])
            if samples.size or not text.strip():
                return samples
        raise HearthError("speech synthesis produced no audio")


_DRIVER_LOCK = threading.Lock()
"""pyttsx3 hands every Synthesizer in a process the same espeak driver (one audio
buffer, one callback): two lines rendered at once would cut into each other."""


def _synthesis_done_event(engine: Any) -> threading.Event | None:
    """An event set once pyttsx3's espeak driver has handed over the last samples of an
    utterance, or None when the driver is not the one this knows.

    The driver's "finished-utterance" notification comes from inside its synthesis
    callback *before* that callback appends its last chunk of samples (measured: a
    31-word line came out 6.96 s instead of 8.56 s when read in between). So the
    callback is wrapped (once per driver) to signal when it has returned.
    """
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if driver is None or not hasattr(driver, "_onSynth") or not hasattr(driver, "_speaking"):
        return None
    done = getattr(driver, "_hearth_handed_over", None)
    if done is None:
        try:
            from pyttsx3.drivers import _espeak
        except ImportError:  # pragma: no cover - another driver
            return None
        done = threading.Event()
        original = driver._onSynth

        def on_synth(wav: Any, numsamples: int, events: Any) -> int:
            speaking = driver._speaking
            try:
                return original(wav, numsamples, events)
            finally:
                if speaking and not driver._speaking:  # this call ended the utterance
                    done.set()

        _espeak.SetSynthCallback(on_synth)
        driver._hearth_handed_over = done
    return done


def _wait_until_complete(path: Path, timeout: float = 2.0) -> None:
    """Wait until the driver has finished writing `path`.

    The driver writes the WAV on its own thread; reading it mid-write gives a
    truncated line. A WAV is complete once its header's frame count (patched in
    when the writer closes the file) matches the bytes on disk.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with wave.open(str(path), "rb") as wav:
                expected = 44 + wav.getnframes() * wav.getsampwidth() * wav.getnchannels()
            if wav.getnframes() > 0 and path.stat().st_size == expected:
                return
        except (OSError, EOFError, wave.Error):
            pass  # not there yet, or the header is still being written
        time.sleep(0.01)


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
