"""End to end, for real: commands spoken into a PulseAudio null sink, heard through
sounddevice by the live loop (the production recognizer, the dialog engine, pyttsx3),
and Hearth's replies played back into the same sink, so Hearth hears itself exactly like a
speaker next to a microphone. The engine's clock runs six times faster so a
one-minute pause takes ten seconds; the audio itself plays at its true speed.
"""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.live import LiveLoop, RunOptions
from assistant.speech.audio_in import MicrophoneSource
from assistant.store import Store

SPEED = 6.0


class Running:
    """A LiveLoop on its own thread, listening to the default source (loop.monitor)."""

    def __init__(self, tmp_path: Path, clock, recognizer) -> None:
        self.db = tmp_path / "hearth.db"
        self.log: list[str] = []
        settings = Settings(db_path=self.db, voice="en-us", rate=170, input_device="default")
        self.microphone = MicrophoneSource("default")
        self.loop = LiveLoop(
            settings,
            RunOptions(quiet=True, verbose=True),
            source=self.microphone,
            recognizer=recognizer,
            clock=clock,
            stderr=self.log.append,
        )
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        assert self.loop.listening.wait(timeout=30), "the live loop never got audio"
        # A fresh PulseAudio stream may stall for a moment: wait until a second of audio
        # has come through, so the first clip is heard whole.
        assert self.wait_for(lambda: self.microphone.position > 1.0, timeout=30)

    def _run(self) -> None:
        try:
            self.loop.run()
        except BaseException as exc:
            self.error = exc

    @property
    def spoken(self):
        return list(self.loop.speaker.spoken) if self.loop.speaker else []

    def said(self) -> list[str]:
        return [line.key for line in self.spoken]

    def wait_for(self, check, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.error is None, self.error
            if check():
                return True
            time.sleep(0.05)
        return False

    def state(self) -> str:
        """What the loop heard, said and logged: for a failure message."""
        heard = [(h.text, h.declined, h.barge_in, h.unsure) for h in self.loop.heard]
        return (
            f"heard {heard}\nsaid {self.said()}\n"
            f"microphone at {self.microphone.position:.1f} s\nlog:\n" + "\n".join(self.log)
        )

    def play(self, clip: Path) -> float:
        """Play a clip into the sink; return the loop's timeline when it finished."""
        subprocess.run(["paplay", "--device=loop", str(clip)], check=True)
        return self.loop.timeline()

    def asked(self) -> bool:
        """Hearth asked whether it heard a request right ("Did you want a pause?")."""
        return any(key.startswith("check.") for key in self.said())

    def request(self, clip: Path, key: str, yes: Path) -> float:
        """Say a request and wait until Hearth says the line `key`; return `play`'s time.

        When the reading was backed only weakly (it happens through the loopback on a
        loaded machine: dropped blocks), Hearth first asks whether that was the request:
        then it gets a yes, as a person would, and the request must still be the one
        said, since a question about another request never leads to `key`.

        When Hearth heard nothing at all (no reply, no "sorry": the clip was lost in the
        loopback on a loaded machine, seen once in CI), the request is said again, as a
        person would to a device that did not answer. A deaf loop stays deaf to the
        next try too, so that still fails."""
        for _attempt in range(3):
            heard_before = len(self.loop.heard)
            said_at = self.play(clip)
            if not self.wait_for(
                lambda before=heard_before: (
                    key in self.said() or self.asked() or len(self.loop.heard) > before
                ),
                timeout=20,
            ):
                continue
            self.wait_for(lambda: key in self.said() or self.asked(), timeout=60)
            if key in self.said() or not self.asked():
                break
            assert self.loop.speaker.wait_idle(timeout=20), self.state()
            self.play(yes)
            # The question waits 10 s on the engine's clock (under 2 s here): a yes
            # lost on a loaded machine lets it lapse, and the request is said again.
            if self.wait_for(lambda: key in self.said(), timeout=10):
                break
        assert self.wait_for(lambda: key in self.said(), timeout=60), self.state()
        return said_at

    def stop(self) -> None:
        self.loop.stop()
        self.thread.join(timeout=20)
        assert not self.thread.is_alive()
        assert self.error is None, self.error


@pytest.fixture
def running(pulse, tmp_path, fast_clock, recognizer):
    run = Running(tmp_path, fast_clock(SPEED), recognizer)
    yield run
    run.stop()


def _voiced(raw: Path, wavs) -> float:
    """Voiced seconds in a raw 16 kHz recording (read while it is still being written)."""
    import numpy as np

    data = raw.read_bytes()
    return wavs.voiced(np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2"), 16000)


def _commands(db: Path) -> list[str]:
    store = Store(db)
    try:
        return [e["intent"] for e in store.events(kind="command", limit=100)]
    finally:
        store.close()


def test_pause_by_voice_acknowledges_counts_down_and_never_hears_itself(
    running, espeak, wavs, tmp_path, meaning
) -> None:
    captured = tmp_path / "sink.raw"
    sink_file = captured.open("wb")
    recorder = subprocess.Popen(
        ["parec", "--device=loop.monitor", "--rate=16000", "--channels=1", "--format=s16le"],
        stdout=sink_file,
    )
    try:
        clip = espeak("hey hearth, we need a minute")
        # Bounds for a broken build only (a loaded machine is slow); how fast Hearth
        # answers is measured by benchmarks/latency.py, not here.
        said_at = running.request(clip, "pause.start", espeak("yes"))
        # Halfway and ten-seconds-left lines, then the gentle restart: 60 s / 6 = 10 s.
        assert running.wait_for(lambda: "pause.end" in running.said(), timeout=120)
        # The replies really go through the sink: wait until far more voice was
        # captured from it than the command alone.
        command, rate = wavs.read(clip)
        enough = wavs.voiced(command, rate) + 5.0
        assert running.wait_for(lambda: _voiced(captured, wavs) > enough, timeout=60)
    finally:
        recorder.terminate()
        recorder.wait(timeout=10)
        sink_file.close()
    # Questions Hearth asked on the way, and their yes (see `Running.request`), aside.
    keys = [k for k in running.said() if not k.startswith("check.")]
    assert keys[0] == "pause.start"
    assert "pause.countdown" in keys and "pause.last_seconds" in keys
    ack = next(line for line in running.spoken if line.key == "pause.start")
    # An answer to the command: it began after the command did.
    assert ack.start is not None and ack.start > said_at - len(command) / rate
    # Hearth spoke four lines into the same sink its microphone listens to, and none of
    # them was taken for a command: exactly one command was heard and logged.
    heard = meaning(running.loop.heard)
    assert heard[0] == ("pause", {"seconds": 60}), running.state()
    assert set(map(str, heard)) <= {str(("pause", {"seconds": 60})), str(("yes", {}))}
    assert keys.count("pause.start") == 1 and _commands(running.db) == ["pause"]


def _question(running):
    return next((s for s in running.spoken if s.key == "checkin.question"), None)


def test_checkin_by_voice_asks_a_question_through_the_sink(running, espeak, wavs, tmp_path) -> None:
    captured = tmp_path / "sink.raw"
    with captured.open("wb") as sink_file:
        recorder = subprocess.Popen(
            ["parec", "--device=loop.monitor", "--rate=16000", "--channels=1", "--format=s16le"],
            stdout=sink_file,
        )
        try:
            checkin = espeak("hey hearth, let's do our check in")
            said_at = running.request(checkin, "checkin.question", espeak("yes"))
            assert running.wait_for(lambda: _question(running).end is not None, timeout=120)
            question = _question(running)
        finally:
            recorder.terminate()
            recorder.wait(timeout=10)
    assert question.text.endswith("?")
    first = next(line for line in running.spoken if line.key.startswith("checkin."))
    assert first.start > said_at - 5.0  # an answer to it, not a stray line
    assert _commands(running.db)[0] == "checkin"
    # The question was really played into the sink (about its length in voice).
    import numpy as np

    samples = np.frombuffer(captured.read_bytes(), dtype="<i2")
    assert wavs.voiced(samples, 16000) > 0.5 * (question.end - question.start)


def _talking(running) -> bool:
    """Hearth's voice is in the sink now (a line has started and not ended)."""
    return any(s.start is not None and s.end is None for s in running.spoken)


def _start_checkin(running, espeak) -> None:
    """Ask for the check-in and wait until Hearth reads it (about 12 s of speech).

    Through the loopback on a loaded machine the request is sometimes backed only
    weakly and Hearth first asks "A check-in, is that right?": it gets a yes (see
    `Running.request`), so what is talked over below is always the check-in itself."""
    running.request(espeak("hey hearth, let's do our check in"), "checkin.intro", espeak("yes"))
    assert running.wait_for(
        lambda: any(
            s.key.startswith("checkin.") and s.start is not None and s.end is None
            for s in running.spoken
        ),
        timeout=60,
    ), running.state()


def test_hey_hearth_stop_said_over_hearths_line_cuts_it(running, espeak) -> None:
    """Hearth reads its check-in (about 12 s of speech into the sink its microphone
    hears); "hey hearth, stop" said over it is heard through the echo canceller: the
    wake phrase cuts the line and the rest of the check-in is dropped.

    A bare "stop" is not tested here: through the loopback it was heard in about half
    of the tries (benchmarks/talk_over.py, docs/hearing.md), too few for a test."""
    _start_checkin(running, espeak)
    clip = espeak("hey hearth, stop")
    for _ in range(3):
        said_at = running.play(clip)  # paplay returns once the clip has been played
        # Not heard at all while Hearth still talks (a clip lost in the loopback on a
        # loaded machine): said again, as a person would.
        if running.wait_for(lambda: any(not s.completed for s in running.spoken), timeout=8):
            break
        if not running.wait_for(lambda: _talking(running), timeout=3):
            break  # Hearth has finished: nothing is left to cut, and the test fails
    assert running.wait_for(lambda: any(not s.completed for s in running.spoken), timeout=30), (
        running.state()
    )
    cut = next(s for s in running.spoken if not s.completed)
    assert cut.key.startswith("checkin.")
    assert any(h.barge_in for h in running.loop.heard)
    # Cut while the clip played, or soon after it: a bound for a broken build only
    # (benchmarks/talk_over.py measures how soon, through the sink).
    assert said_at - 3.0 < cut.end < said_at + 3.0
    # The queued lines were dropped: the check-in's invitation never came.
    assert running.loop.speaker.wait_idle(timeout=10)
    assert "checkin.invite" not in running.said()


def test_a_command_said_over_hearths_line_is_acted_on(running, espeak) -> None:
    """ "hey hearth, we need a minute" said while Hearth reads its check-in: the wake
    phrase cuts Hearth off and the pause starts.

    Said again while Hearth still talks when it was not caught, as a person would:
    through the loopback about one try in six is lost (benchmarks/talk_over.py measures
    how many), and with one or two tries this test failed in 3 of 13 runs. Every try
    is said over Hearth's line, except one that follows Hearth's "sorry, I didn't
    catch that", or its silence, after the wake phrase had cut it off."""
    _start_checkin(running, espeak)
    command = espeak("hey hearth, we need a minute")
    for _ in range(4):
        if running.said()[-1:] == ["voice.not_caught"]:
            # Hearth was cut off but did not catch the command: said again after its
            # "sorry", as a person would (the first try was over its line).
            assert running.loop.speaker.wait_idle(timeout=20)
        elif not running.wait_for(lambda: _talking(running), timeout=3) and not any(
            h.barge_in for h in running.loop.heard
        ):
            # Only ever said over Hearth's line, or once it went quiet after the wake
            # phrase cut it off and the command was lost (seen once in CI on a loaded
            # machine, with ALSA underruns): said again then, as a person would.
            break
        heard_before = len(running.loop.heard)
        running.play(command)
        # Nothing heard at all within 4 s: said again at once, while Hearth still talks.
        # Something heard (the wake phrase cutting in): its command may take a moment.
        if running.wait_for(
            lambda before=heard_before: (
                "pause.start" in running.said() or len(running.loop.heard) > before
            ),
            timeout=4,
        ) and running.wait_for(lambda: "pause.start" in running.said(), timeout=8):
            break
    assert running.wait_for(lambda: "pause.start" in running.said(), timeout=60), running.state()
    assert any(h.barge_in for h in running.loop.heard), running.state()
    cut = [s for s in running.spoken if s.key.startswith("checkin.") and not s.completed]
    assert cut, running.state()  # a check-in line was cut off by the command
    assert _commands(running.db)[:2] == ["pause", "checkin"]
