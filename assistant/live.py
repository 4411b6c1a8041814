"""The live assistant: audio in -> recognizer -> listener -> dialog engine -> voice out.

Two ways to run the same pieces:

- real time (a microphone, or a WAV file paced by the clock): the dialog engine and
  its timers run on their own thread (`scheduler.run_realtime`) fed by a queue of
  heard texts; this thread reads audio and listens; a speaker thread renders and
  plays lines, so a countdown never waits for the microphone and vice versa;
- fast (`--input-wav --fast`): one thread, the engine on a virtual clock that
  follows the file's own time, replies written into the output WAV where they
  would have been heard. Exactly repeatable; used by tests and the benchmark.

The timeline of a run is seconds since it started (the input file's time in fast
mode); latency figures and the output WAV use it.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.errors import AudioDeviceError, HearthError
from assistant.lines_ahead import lines_ahead
from assistant.scheduler import HeardText
from assistant.speech.audio_in import AudioSource, MicrophoneSource, WavFileSource
from assistant.speech.audio_out import AudioSink, DeviceSink, NowhereSink, WavFileSink
from assistant.speech.dead_input import DeadInputWatch
from assistant.speech.denoise import DenoiserMissing
from assistant.speech.dropouts import DropoutSplicer
from assistant.speech.echo import EchoCanceller
from assistant.speech.front_end import FrontEnd, FrontEndConfig
from assistant.speech.listener import Heard, Listener, ListenerConfig
from assistant.speech.sentences import first_sentence
from assistant.speech.tts import Synthesizer
from assistant.speech.types import Recognizer

log = logging.getLogger(__name__)

RETRY_DELAYS_S = (0.5, 1.0, 2.0, 4.0, 8.0)
"""Back-off between attempts to reopen a lost microphone or speaker (the last repeats)."""


def _backoff(failures: int) -> float:
    """The wait before the next attempt after `failures` failed ones (1 or more)."""
    return RETRY_DELAYS_S[min(failures - 1, len(RETRY_DELAYS_S) - 1)]


@dataclass
class Spoken:
    """One line Hearth said during a run (for tests and the latency benchmark).

    Attributes:
        text: the line.
        key: its response key.
        start: timeline time its first sample was heard (None if never played).
        end: timeline time it ended (cut short by a barge-in, if so).
        completed: False when it was cut off.
        device: False when there was no speaker (printed instead).
    """

    text: str
    key: str
    start: float | None = None
    end: float | None = None
    completed: bool = True
    device: bool = True


class Speaker:
    """The dialog engine's `Output`: renders each line and plays it on a sink.

    In real time lines are queued to a worker thread (the engine never waits for
    audio); in fast mode they are rendered and placed on the file timeline at once.

    Args:
        tts: the synthesizer.
        sink: where audio goes.
        timeline: seconds since the run started.
        realtime: queue lines to a worker thread.
        sink_offset: subtract this from the sink's reported start times (a device
            reports `time.monotonic()`, the timeline starts at the run's start).
        echo: prints each line for the person at the terminal.
        on_event: receives the engine's events (kind, fields).
    """

    def __init__(
        self,
        tts: Synthesizer,
        sink: AudioSink,
        timeline: Callable[[], float],
        *,
        realtime: bool = True,
        sink_offset: float = 0.0,
        echo: Callable[[str], None] | None = None,
        on_event: Callable[[str, dict[str, Any]], None] | None = None,
    ) -> None:
        self.tts = tts
        self.sink = sink
        self.timeline = timeline
        self.realtime = realtime
        self.sink_offset = sink_offset
        self.echo = echo
        self.on_event = on_event
        self.spoken: list[Spoken] = []
        self._lines: queue.Queue[tuple[int, Spoken] | None] = queue.Queue()
        self._busy = threading.Event()
        self._current: Spoken | None = None
        self._generation = 0  # bumped by stop_speaking: queued lines of older ones are dropped
        self._device = sink if isinstance(sink, DeviceSink) else None
        """The speaker device, kept to reopen it after it went away."""
        self._device_failures = 0
        self._device_retry_at = 0.0
        self.on_device_back: Callable[[], None] | None = None
        """Called (on the speaker thread) when a lost speaker was reopened."""
        self._worker: threading.Thread | None = None
        if realtime:
            self._worker = threading.Thread(target=self._run, daemon=True, name="speaker")
            self._worker.start()

    # -- Output protocol (called on the engine's thread) -------------------------------

    def say(self, text: str, key: str) -> None:
        line = Spoken(text, key)
        if self.echo is not None:
            self.echo(text)
        if self.realtime:
            self._busy.set()
            self._lines.put((self._generation, line))
        else:
            self._play(line, self.tts.render(line.text, key=line.key), self._generation)

    def event(self, kind: str, **fields: Any) -> None:
        if kind == "volume_set":  # "speak louder": the lines from now on, and after a restart
            self.tts.set_volume(float(fields["level"]))
        if self.on_event is not None:
            self.on_event(kind, fields)

    def stop_speaking(self) -> None:
        """Cut off the current line and drop queued ones (safe from any thread)."""
        self._generation += 1
        if not self.realtime and isinstance(self.sink, WavFileSink):
            self.sink.cut(self.timeline())
            self._mark_cut(self.timeline())
            return
        self.sink.abort()

    # -- state for the listener -------------------------------------------------------

    def speaking(self, t: float | None = None) -> bool:
        """Is Hearth talking at timeline time `t` (now by default)?"""
        if self.realtime:
            return self._busy.is_set()
        t = self.timeline() if t is None else t
        last = self.spoken[-1] if self.spoken else None
        return bool(last and last.start is not None and last.end is not None and t < last.end)

    @property
    def current_text(self) -> str:
        if self.realtime:
            line = self._current
            return line.text if line is not None else ""
        return self.spoken[-1].text if self.speaking() else ""

    def wait_idle(self, timeout: float = 30.0, stop: threading.Event | None = None) -> bool:
        """Block until every queued line was played (real time only), or `stop` is set."""
        deadline = time.monotonic() + timeout
        stop = stop or threading.Event()
        while self._busy.is_set() and time.monotonic() < deadline and not stop.is_set():
            stop.wait(0.02)
        return not self._busy.is_set()

    def close(self) -> None:
        if self._worker is not None:
            self._lines.put(None)
            self._worker.join(timeout=5)
        self.sink.close()

    # -- internals -------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            try:
                item = self._lines.get(timeout=self._device_retry_wait())
            except queue.Empty:
                self._retry_device()
                continue
            if item is None:
                break
            generation, line = item
            if generation == self._generation:
                self._busy.set()
                self._current = line
                try:
                    self._say_now(generation, line)
                except HearthError as exc:  # the synthesizer failed: say so, keep going
                    log.warning("could not speak a line: %s", exc)
                self._current = None
            if self._lines.empty():
                self._busy.clear()

    def _say_now(self, generation: int, line: Spoken) -> None:
        # A line not rendered ahead (one with the couple's own words) would wait for its
        # whole render: its first sentence plays while the rest renders.
        first, rest = ("", "") if self.tts.is_cached(line.text) else first_sentence(line.text)
        speech = self.tts.render(first if rest else line.text, key=line.key)
        if generation != self._generation:
            return  # cut off (a barge-in, a stop) while it was being rendered
        remainder: Future[Any] | None = None
        if rest:
            remainder = Future()
            threading.Thread(
                target=_resolve, args=(remainder, lambda: self.tts.render(rest, key=line.key)),
                daemon=True, name="tts-rest",
            ).start()  # fmt: skip
        self._retry_device()
        self._play_on_some_sink(line, speech, generation, first=True, last=remainder is None)
        if remainder is None:
            return
        speech = remainder.result()  # a failed render raises here: logged by `_run`
        if generation == self._generation:
            self._play_on_some_sink(line, speech, generation, first=False, last=True)

    def _play_on_some_sink(
        self, line: Spoken, speech: Any, generation: int, first: bool, last: bool
    ) -> None:
        try:
            self._play(line, speech, generation, first, last)
        except AudioDeviceError as exc:
            self._device_lost(exc)
            # The line is printed, not lost.
            self._play(line, speech, generation, first, last)

    # -- a speaker that goes away: print the lines, reopen it with back-off -----------

    def _device_lost(self, exc: AudioDeviceError) -> None:
        if self._device_failures == 0:
            log.warning("%s; Hearth prints its replies and keeps trying the speaker.", exc)
        self._device_failures += 1
        self.sink = NowhereSink(echo=self._nowhere_echo)
        self._device_retry_at = time.monotonic() + _backoff(self._device_failures)

    def _device_retry_wait(self) -> float | None:
        """How long the worker may wait for a line before trying a lost speaker again."""
        if self._device is None or self.sink is self._device:
            return None
        return max(0.05, self._device_retry_at - time.monotonic())

    def _retry_device(self) -> None:
        device = self._device
        if device is None or self.sink is device or time.monotonic() < self._device_retry_at:
            return
        try:
            device.open()
        except AudioDeviceError:
            self._device_failures += 1
            self._device_retry_at = time.monotonic() + _backoff(self._device_failures)
            return
        self.sink = device
        self._device_failures = 0
        log.warning("The speaker is back.")
        if self.on_device_back is not None:
            self.on_device_back()

    def _nowhere_echo(self, text: str) -> None:
        if self.echo is None:
            print(f"Hearth (no speaker): {text}", flush=True)

    def _play(
        self, line: Spoken, speech: Any, generation: int, first: bool = True, last: bool = True
    ) -> None:
        """Play `speech`: the whole of `line`, or its `first` part or a later one (the
        line's start is its first part's, its end its `last` part's)."""
        if not any(said is line for said in self.spoken):  # a retry on another sink
            self.spoken.append(line)
        sink = self.sink

        def started(at: float) -> None:
            if first:
                line.start = at - self._off
            if generation != self._generation:
                sink.abort()  # stopped just before the line began: cut it at once

        played = sink.play(speech, on_start=started)
        if first:
            line.start = played.start - self._off
        if line.end is None or played.end - self._off < line.end or not first:
            line.end = played.end - self._off
        line.completed = line.completed and played.completed
        line.device = played.device
        if not last and played.completed and generation == self._generation:
            return  # the rest of the line follows: one "spoken" event for the line
        self.event("spoken", key=line.key, device=played.device, completed=line.completed)
        if not played.device:
            # Not lost: it was printed; the log says where it went (the key, not words).
            log.info("spoken to nowhere (no speaker): %s", line.key)
            self.event("spoken_to_nowhere", key=line.key)

    @property
    def _off(self) -> float:
        return self.sink_offset if isinstance(self.sink, DeviceSink) else 0.0

    def _mark_cut(self, at: float) -> None:
        for line in self.spoken:
            if line.start is not None and line.end is not None and line.end > at:
                line.end, line.completed = max(line.start, at), False


@dataclass
class RunOptions:
    """What `hearth run` was asked to do (see the CLI for each flag).

    Attributes:
        input_wav: feed this file instead of the microphone.
        fast: with `input_wav`, as fast as possible on a virtual clock.
        output_wav: write the replies into this file instead of the speaker.
        no_wake: every utterance is for Hearth.
        engine: "vosk", "sphinx" or None (best available).
        linger_s: fast mode: keep running timers this long after the input ended.
        quiet: do not print Hearth's lines on stdout.
    """

    input_wav: Path | None = None
    fast: bool = False
    output_wav: Path | None = None
    no_wake: bool = False
    engine: str | None = None
    linger_s: float = 600.0
    quiet: bool = False
    verbose: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunResult:
    """What happened in a run.

    Attributes:
        spoken: every line Hearth said, with its timeline position.
        heard: the listener's decisions (text handed to the engine, times).
        overflows: input blocks lost because listening fell behind.
        engine: the recognition engine used.
        duration: timeline length of the run.
    """

    spoken: list[Spoken]
    heard: list[Heard]
    overflows: int
    engine: str
    duration: float


def make_recognizer(settings: Settings, engine: str | None) -> Recognizer:
    """The recognizer from the speech factory (model lookup and engine choice live there)."""
    from assistant.speech.recognizer import create_recognizer

    return create_recognizer(settings, engine or "auto")  # type: ignore[arg-type]


def describe_engine(settings: Settings, engine: str | None) -> str:
    """One line naming the active recognition engine, and how to get a better one."""
    from assistant.speech.recognizer import describe_engine as describe

    return describe(settings, engine or "auto")  # type: ignore[arg-type]


class LiveLoop:
    """Runs Hearth: audio in, understanding, dialog, voice out. See the module doc."""

    def __init__(
        self,
        settings: Settings,
        options: RunOptions,
        recognizer: Recognizer | None = None,
        tts: Synthesizer | None = None,
        engine_factory: Callable[[Any, Any], Any] | None = None,
        stdout: Callable[[str], None] | None = None,
        stderr: Callable[[str], None] | None = None,
        clock: Any = None,
        source: AudioSource | None = None,
        recognizer_factory: Callable[[], Recognizer] | None = None,
    ) -> None:
        self.settings = settings
        self.source = source
        """Real-time input to use instead of the microphone (tests)."""
        self.clock = clock
        """The engine's clock in real time (default: the real clock; tests may speed it up)."""
        self.options = options
        given = recognizer
        # The voice starts (a helper process) while the recognizer is built: both take
        # a while, and a start-up is time the couple goes unheard.
        voice: Future[Synthesizer] = Future()
        if tts is None:
            threading.Thread(
                target=_resolve, args=(voice, lambda: Synthesizer.from_settings(settings)),
                daemon=True, name="tts-start",
            ).start()  # fmt: skip
        try:
            if recognizer is None:
                from assistant.speech.watchdog import GuardedRecognizer

                factory = recognizer_factory or (lambda: make_recognizer(settings, options.engine))
                recognizer = GuardedRecognizer(factory)  # a hung or crashed engine restarts
        except BaseException:
            if tts is None and voice.exception() is None:
                voice.result().close()
            raise
        self.recognizer = recognizer
        self.engine_line = (
            describe_engine(settings, options.engine)
            if given is None and recognizer_factory is None
            else f"Speech: {self.recognizer.name}."
        )
        self._own_tts = tts is None
        self.tts = tts or voice.result()  # a bad voice raises its one-line error here
        self.engine_factory = engine_factory or default_engine_factory(settings)
        self.stdout = stdout or (lambda line: print(line, flush=True))
        self.stderr = stderr or (lambda line: print(line, file=sys.stderr, flush=True))
        self.stop_event = threading.Event()
        self.heard: list[Heard] = []
        self.listener = Listener(
            self.recognizer,
            ListenerConfig(
                wake_phrase=settings.wake_phrase,
                require_wake=not options.no_wake,
                answer_window_s=settings.answer_window_s,
            ),
            parse=_parser(),
            # Noise suppression and gain, for the microphone and a file alike.
            front_end=self._front_end(settings),
        )
        self.listener.prepare()  # not on the first reply's time
        self._t0 = time.monotonic()
        self.speaker: Speaker | None = None
        """The running loop's voice (its `spoken` lines), for status and tests."""
        self.input_origin = 0.0
        """Timeline time at which an input file's t=0 was heard (real-time file input)."""
        self.listening = threading.Event()
        """Set once the first block of audio has been read."""
        self._engine_worker: threading.Thread | None = None

    def timeline(self) -> float:
        return time.monotonic() - self._t0

    def stop(self) -> None:
        """Ask a running loop to end (from another thread or a signal handler)."""
        self.stop_event.set()

    def _front_end(self, settings: Settings) -> FrontEnd:
        """The settings' front end; WebRTC's when DeepFilterNet cannot load (no wheel
        for this machine), said once."""
        config = FrontEndConfig.from_settings(settings)
        try:
            return config.create()
        except DenoiserMissing as exc:
            self.stderr(f"{exc}; cleaning the sound with webrtc instead.")
            return replace(config, kind="webrtc").create()

    def run(self) -> RunResult:
        self.stderr(self.engine_line)
        self.listener.reset()  # a recognizer may be reused from an earlier run
        try:
            if self.options.input_wav is not None and self.options.fast:
                return self._run_fast()
            return self._run_realtime()
        finally:
            if self._own_tts:
                self.tts.close()

    # -- fast: one thread, virtual clock -----------------------------------------------

    def _run_fast(self) -> RunResult:
        from assistant.clock import VirtualClock
        from assistant.scheduler import run_virtual_until

        assert self.options.input_wav is not None
        source = WavFileSource(self.options.input_wav, realtime=False)
        clock = VirtualClock()
        sink = self._file_or_nowhere(lambda: clock.now(), realtime=False)
        speaker = self.speaker = self._speaker(sink, clock.now, realtime=False)
        engine = self.engine_factory(speaker, clock)
        engine.start()
        try:
            while not self.stop_event.is_set():
                try:
                    block = source.read()
                except EOFError:
                    break
                if block is None:
                    continue
                self._now_listening()
                run_virtual_until(engine.scheduler, clock, block.t)
                for heard in self._listen(block.pcm, block.t, engine, speaker, clean=True):
                    engine.hear(heard.text, unsure=heard.unsure, wake=heard.wake)
            stopped = self.stop_event.is_set()
            for heard in [] if stopped else self.listener.flush(clock.now()):
                self.heard.append(heard)
                if self._for_engine(heard, speaker):
                    engine.hear(heard.text, unsure=heard.unsure, wake=heard.wake)
            end = clock.now()
            # Let running timers (a pause's countdown) play out on the virtual clock.
            while (
                not self.stop_event.is_set()
                and (due := engine.scheduler.next_deadline()) is not None
            ):
                if due > end + self.options.linger_s:
                    break
                run_virtual_until(engine.scheduler, clock, max(due, clock.now()))
            return RunResult(speaker.spoken, self.heard, 0, self.recognizer.name, clock.now())
        finally:
            speaker.close()
            _close_engine(engine)

    # -- real time: engine thread + speaker thread + this listening thread -------------

    def _run_realtime(self) -> RunResult:
        realtime_file = self.options.input_wav is not None
        source: AudioSource
        if self.source is not None:
            source = self.source
        elif realtime_file:
            source = WavFileSource(self.options.input_wav, realtime=True)  # type: ignore[arg-type]
        else:
            source = MicrophoneSource(self.settings.input_device)
        sink = self._open_sink()
        # A microphone hears the speaker: give the listener Hearth's voice to subtract.
        echo = None
        if isinstance(sink, DeviceSink) and not realtime_file:
            echo = EchoCanceller(rate=sink.rate)
            sink.on_block = echo.played
        speaker = self.speaker = self._speaker(sink, self.timeline, realtime=True)
        if echo is not None:
            canceller = echo
            # A reopened speaker has a new delay to the microphone: find it again.
            speaker.on_device_back = lambda: setattr(canceller, "offset", None)
        # The known lines are rendered ahead, so a reply starts without a render's delay.
        ahead = lines_ahead(_responses(), self.settings)
        threading.Thread(
            target=self.tts.warm, args=(ahead, self.stop_event), daemon=True, name="tts-warm"
        ).start()
        inbox: queue.Queue[str | HeardText | None] = queue.Queue()
        engine_ready: Future[Any] = Future()
        engine_thread = threading.Thread(
            target=self._engine_thread, args=(speaker, inbox, engine_ready), daemon=True,
            name="engine",
        )  # fmt: skip
        engine_thread.start()
        engine = engine_ready.result(timeout=30)
        self._engine_worker = engine_thread
        try:
            self._listen_loop(source, engine, speaker, inbox, echo, stop_at_eof=realtime_file)
        finally:
            if self.stop_event.is_set():
                speaker.stop_speaking()  # asked to quit: do not finish the sentence
            inbox.put(None)
            engine_thread.join(timeout=10)
            source.close()
            speaker.close()
        overflows = getattr(source, "overflows", 0)
        return RunResult(
            speaker.spoken, self.heard, overflows, self.recognizer.name, self.timeline()
        )

    def _engine_thread(self, speaker: Speaker, inbox: queue.Queue, ready: Future) -> None:
        from assistant.clock import RealClock
        from assistant.scheduler import run_realtime

        try:
            # SQLite connections belong to the thread that made them: build it here.
            engine = self.engine_factory(speaker, self.clock or RealClock())
            engine.start()
        except BaseException as exc:
            ready.set_exception(exc)
            return
        ready.set_result(engine)
        try:
            run_realtime(engine, inbox, stop=self.stop_event)
        finally:
            _close_engine(engine)

    def _listen_loop(
        self,
        source: AudioSource,
        engine: Any,
        speaker: Speaker,
        inbox: queue.Queue,
        echo: EchoCanceller | None,
        stop_at_eof: bool,
    ) -> None:
        failures = 0
        is_open = False
        reported, next_report = 0, 0.0
        # Only a microphone can go dead without an error (a file's silence is real).
        dead_watch = DeadInputWatch() if isinstance(source, MicrophoneSource) else None
        dead_reported = False
        splice: DropoutSplicer | None = None  # a new one with each opened stream
        while not self.stop_event.is_set():
            self._check_engine_alive()
            try:
                if not is_open:
                    source.open()
                    is_open = True
                    if isinstance(source, WavFileSource) and source.started_at is not None:
                        self.input_origin = source.started_at - self._t0
                    self.listener.reset()
                    if echo is not None:
                        echo.offset = None  # a reopened stream has a new delay
                    if isinstance(source, MicrophoneSource):
                        # Only a device drops audio (a file has no underruns, and its
                        # digital silence would pay the splicer's hold).
                        splice = DropoutSplicer()
                block = source.read(timeout=0.25)
            except EOFError:
                break
            except AudioDeviceError as exc:
                is_open = False
                source.close()
                if failures == 0:
                    self.stderr(f"{exc}; Hearth keeps its timers running and will retry.")
                    speaker.say(_line("voice.mic_lost"), "voice.mic_lost")
                delay = RETRY_DELAYS_S[min(failures, len(RETRY_DELAYS_S) - 1)]
                failures += 1
                log.info("microphone: attempt %d failed; next in %.1f s", failures, delay)
                self.stop_event.wait(delay)
                continue
            if block is None:
                continue
            if failures:
                # Back only once sound arrives: an opened stream can still be deaf.
                self.stderr("The microphone is back.")
                speaker.say(_line("voice.mic_back"), "voice.mic_back")
                failures = 0
            self._now_listening()
            overflows = getattr(source, "overflows", 0)
            if overflows > reported and time.monotonic() >= next_report:
                self.stderr(f"Listening fell behind: {overflows} audio blocks dropped so far.")
                reported, next_report = overflows, time.monotonic() + 30.0
            if dead_watch is not None:
                now = self.timeline()
                dead_watch.feed(block.pcm, now)
                spoke_into_silence = dead_watch.dead(speaker.spoken[-4:], now)
                if spoke_into_silence or dead_watch.silent_too_long(now):
                    # Reopened quietly: nothing was lost, and it may well work again.
                    if spoke_into_silence:
                        (log.info if dead_reported else log.warning)(
                            "the microphone sent only digital silence while Hearth spoke; "
                            "reopening it"
                        )
                        dead_reported = True
                    else:
                        log.info(
                            "the microphone sent only digital silence for a while; reopening it"
                        )
                    dead_watch.reset()
                    source.close()
                    is_open = False
                    continue
            # A microphone hears Hearth itself; a WAV file (or a silent speaker) does not.
            pcm, clean = (block.pcm, True) if echo is None else echo.process(block.pcm)
            # After the canceller, which needs every sample to stay in step with what
            # Hearth played; where Hearth's voice was removed it leaves no exact zeros.
            if splice is not None and not (pcm := splice(pcm)):
                continue  # held back: a possible dropout, decided with the next block
            for heard in self._listen(pcm, self.timeline(), engine, speaker, clean):
                inbox.put(HeardText(heard.text, heard.unsure, heard.wake))
        if stop_at_eof and not self.stop_event.is_set():
            for heard in self.listener.flush(self.timeline()):
                self.heard.append(heard)
                if self._for_engine(heard, speaker):
                    inbox.put(HeardText(heard.text, heard.unsure, heard.wake))
            # Let the engine act on the last words (and queue its reply) before draining
            # speech; give up at once when asked to stop or when the engine is gone.
            while inbox.unfinished_tasks and not self.stop_event.wait(0.02):
                self._check_engine_alive()
            speaker.wait_idle(stop=self.stop_event)

    def _check_engine_alive(self) -> None:
        """End the run with an error when the engine thread died.

        The engine contains its own failures, so this is a last resort: a process that
        listens with nobody to answer is worse than one that exits and is restarted.
        """
        thread = self._engine_worker
        if thread is not None and not thread.is_alive():
            raise HearthError("the dialog engine stopped unexpectedly; see the log above")

    def _now_listening(self) -> None:
        """Mark (once) the moment the first audio arrived: the log says Hearth hears."""
        if not self.listening.is_set():
            self.listening.set()
            self.stderr("Listening.")

    def _listen(
        self, pcm: bytes, t: float, engine: Any, speaker: Speaker, clean: bool
    ) -> list[Heard]:
        self.listener.speaking_text = speaker.current_text
        decided = self.listener.feed(pcm, t, engine.listen_mode, speaker.speaking(t), clean)
        for heard in decided:
            if heard.barge_in or heard.amends:
                # Now, not after the engine's turn: within 200 ms. A line that names the
                # default length a request's own length has just changed is over too.
                speaker.stop_speaking()
            self.heard.append(heard)
        return [h for h in decided if self._for_engine(h, speaker)]

    def _for_engine(self, heard: Heard, speaker: Speaker) -> bool:
        """Whether `heard` goes to the dialog engine. Speech after the wake phrase that
        the listener declined (no request in it) gets a brief line and nothing else."""
        if heard.declined:
            speaker.say(_line("voice.not_caught"), "voice.not_caught")
            return False
        return bool(heard.text)

    # -- sinks -------------------------------------------------------------------------

    def _file_or_nowhere(self, clock: Callable[[], float], realtime: bool) -> AudioSink:
        if self.options.output_wav is not None:
            return WavFileSink(self.options.output_wav, clock, realtime=realtime)
        return NowhereSink(echo=lambda text: None)

    def _open_sink(self) -> AudioSink:
        if self.options.output_wav is not None:
            return WavFileSink(self.options.output_wav, self.timeline, realtime=True)
        # 16 kHz: the rate of the microphone, so the echo reference is sample exact.
        sink = DeviceSink(self.settings.output_device, rate=16000)
        try:
            sink.open()  # now: the first start of a device can take a second
        except AudioDeviceError as exc:
            self.stderr(f"{exc}; Hearth's replies will be printed instead.")
            return NowhereSink(echo=lambda text: None)
        return sink

    def _speaker(self, sink: AudioSink, timeline: Callable[[], float], realtime: bool) -> Speaker:
        echo = None if self.options.quiet else (lambda text: self.stdout(f"Hearth: {text}"))
        on_event = None
        if self.options.verbose:
            on_event = lambda kind, fields: self.stderr(f"[{kind}] {fields}")  # noqa: E731
        return Speaker(
            self.tts, sink, timeline, realtime=realtime, sink_offset=self._t0, echo=echo,
            on_event=on_event,
        )  # fmt: skip


def _resolve(future: Future, make: Callable[[], Any]) -> None:
    """Set `future` to what `make()` returns, or to the exception it raised."""
    try:
        future.set_result(make())
    except BaseException as exc:
        future.set_exception(exc)


def _parser() -> Callable[[str], Any] | None:
    try:
        from assistant.nlu import speech_parser

        return speech_parser().parse
    except ImportError:  # pragma: no cover - the NLU is part of the package
        return None


_RESPONSES: Any = None


def _responses() -> Any:
    """The spoken lines, loaded once per process (the live loop's own lines and the
    lines rendered ahead both read them)."""
    global _RESPONSES
    if _RESPONSES is None:
        from assistant.dialog.responses import Responses

        _RESPONSES = Responses(seed=None)
    return _RESPONSES


def _line(key: str) -> str:
    """A spoken line of the live loop itself, from intents/responses/voice.yaml."""
    return _responses().pick(key)


def _close_engine(engine: Any) -> None:
    store = getattr(engine, "store", None)
    if store is not None and hasattr(store, "close"):
        store.close()


def default_engine_factory(settings: Settings) -> Callable[[Speaker, Any], Any]:
    """A factory making B's dialog Engine on `settings.db_path`, speaking through `speaker`."""

    def make(speaker: Speaker, clock: Any) -> Any:
        from assistant.dialog.engine import Engine
        from assistant.nlu import speech_parser
        from assistant.store import Store

        store = Store(settings.db_path)
        return Engine(store, speaker, clock, settings=settings, parser=speech_parser())

    return make
