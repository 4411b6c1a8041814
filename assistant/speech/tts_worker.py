"""The speech synthesis helper process: one pyttsx3 (espeak-ng) engine rendering lines
to WAV files, driven by `assistant.speech.tts.Synthesizer` over a pipe.

pyttsx3 runs in its own process because it can hang (its `runAndWait`) or crash in
native code: a process can be killed and started again, a thread cannot.

Protocol: one JSON object per line. The helper answers its start with
{"ready": true} or {"error": "..."}; then each request {"text", "path"} with
{"ok": true} once `path` holds the complete WAV, or {"error": "..."};
{"ping": true} with {"pong": true}.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import wave
from pathlib import Path
from typing import Any

from assistant.errors import HearthError


class Engine:
    """One pyttsx3 engine with Hearth's voice settings."""

    def __init__(self, voice: str, rate: int, volume: float) -> None:
        self.voice, self.rate, self.volume = voice, rate, volume
        self._handed_over: threading.Event | None = None  # see _synthesis_done_event
        self.engine, self.finished = self._start_engine()

    def render(self, text: str, path: Path) -> None:
        """Write `text` as a complete 22050 Hz mono WAV at `path`."""
        frames = self._render_one(self.engine, self.finished, text, path)
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(22050)
            out.writeframes(frames)

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

    def _render_one(self, engine: Any, finished: threading.Event, text: str, path: Path) -> bytes:
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
            samples = _read_frames(path) if path.exists() else b""
            # Samples that arrived with the end event are appended after the file was
            # written; they are still in the driver's buffer.
            driver = getattr(getattr(engine, "proxy", None), "_driver", None)
            tail = getattr(driver, "_data_buffer", b"") or b""
            if tail and driver is not None:
                driver._data_buffer = b""
                samples += bytes(tail)
            if samples or not text.strip():
                return samples
        raise HearthError("speech synthesis produced no audio")


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


def _read_frames(path: Path) -> bytes:
    """The mono 16-bit frames of a WAV the driver wrote (first channel if more)."""
    with wave.open(str(path), "rb") as wav:
        if wav.getframerate() != 22050 or wav.getsampwidth() != 2:
            raise HearthError("speech synthesis wrote an unexpected audio format")
        frames = wav.readframes(wav.getnframes())
        channels = wav.getnchannels()
    if channels > 1:
        frames = b"".join(frames[i : i + 2] for i in range(0, len(frames), 2 * channels))
    return frames


def main() -> None:
    voice, rate, volume = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    # The pipe to the parent is the original stdout; anything a library prints goes
    # to stderr instead, so it can never break the protocol.
    reply_to = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)

    def reply(**fields: Any) -> None:
        reply_to.write(json.dumps(fields) + "\n")

    try:
        engine = Engine(voice, rate, volume)
    except HearthError as exc:
        reply(error=str(exc))
        return
    reply(ready=True)
    for request in sys.stdin:
        job = json.loads(request)
        if job.get("ping"):
            reply(pong=True)
            continue
        try:
            engine.render(job["text"], Path(job["path"]))
        except Exception as exc:  # handed to the parent, which logs it
            reply(error=str(exc) or type(exc).__name__)
        else:
            reply(ok=True)


if __name__ == "__main__":
    main()
